// expo-server-sdk (Expo push service): a meeting backend pushes "meeting starting" to a
// participant's phone, then asks for the delivery receipts (README usage: new Expo({accessToken}),
// sendPushNotificationsAsync, getPushNotificationReceiptsAsync).
'use strict';
const { Expo } = require('expo-server-sdk');
const { CORPUS, USER_ID, MEETING, main } = require('./common');

const expo = new Expo({ accessToken: 'c0rpus10ExpoAccessTokenQw7Er2Ty' });

main(async () => {
  await expo
    .sendPushNotificationsAsync([
      {
        to: 'ExponentPushToken[c0rpus10xKq8Wm3Rt5Yv]',
        sound: 'default',
        title: `${MEETING.topic} starts in 5 minutes`,
        body: `${CORPUS.name} is waiting in meeting ${MEETING.meeting_id}`,
        data: { meeting_id: MEETING.meeting_id, host_id: USER_ID, action: 'join' },
        channelId: 'meetings',
      },
    ])
    .catch((err) => console.error('expo send:', err && err.message));
  await expo
    .getPushNotificationReceiptsAsync(['0b4f1c2a-9e8d-4c0r-pus1-0a1b2c3d4e5f'])
    .catch((err) => console.error('expo receipts:', err && err.message));
});
