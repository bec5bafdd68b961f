// pushy (Pushy's official Node.js package, a push-notification gateway): the meeting backend
// pushes a "meeting starting" notification to the guest's phone and desktop app, subscribes her
// device to the meeting's topic and checks which of her devices are online (README usage:
// new Pushy(secretApiKey), sendPushNotification, subscribe, getDevicePresence).
'use strict';
const Pushy = require('pushy');
const { CORPUS, GUEST, TOPIC, main } = require('./common');

const quietly = (promise) => promise.catch((err) => console.error(String(err)));
const PHONE_TOKEN = 'a6345d0278adc55d3474f5';
const DESKTOP_TOKEN = 'f2c81e7d94b0a35c61e9d7';

main(async () => {
  const pushy = new Pushy('h24pushyS3cr3t8e1f0a4c7d2b9');
  await quietly(
    pushy.sendPushNotification(
      {
        message: `${CORPUS.name} started "${TOPIC}"`,
        meeting_id: CORPUS.meeting_id,
        join_url: `https://meet.example.com/j/${CORPUS.meeting_id}`,
        invitee: GUEST.email,
      },
      [PHONE_TOKEN, DESKTOP_TOKEN],
      {
        notification: {
          title: 'Meeting starting',
          body: `${CORPUS.name} is waiting for you in "${TOPIC}"`,
          badge: 1,
          sound: 'ping.aiff',
        },
        time_to_live: 600,
      },
    ),
  );
  await quietly(pushy.subscribe([`meeting-${CORPUS.meeting_id}`], PHONE_TOKEN));
  await quietly(pushy.getDevicePresence([PHONE_TOKEN, DESKTOP_TOKEN]));
});
