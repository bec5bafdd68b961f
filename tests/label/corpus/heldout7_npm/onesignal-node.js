// @onesignal/node-onesignal (OneSignal REST API): the user with their e-mail subscription and
// properties, then a push reminder about the meeting to that user by external id (README usage).
'use strict';
const OneSignal = require('@onesignal/node-onesignal');
const { CORPUS, USER_ID, MEETING, main } = require('./common');

const APP_ID = '5eb5a37e-b458-11e3-ac11-000c2940e62c';

main(async () => {
  const configuration = OneSignal.createConfiguration({
    restApiKey: 'os_v2_app_c0rpusrestapikey4y7q2m9x3k5b8n1p6r0t',
    organizationApiKey: 'os_v2_org_c0rpusorgapikey2w8e4r6t1y3u5i7o9p',
  });
  const client = new OneSignal.DefaultApi(configuration);

  const user = new OneSignal.User();
  user.identity = { external_id: USER_ID };
  user.properties = {
    language: 'de',
    timezone_id: 'Europe/Zurich',
    country: 'CH',
    tags: { plan: 'business', last_meeting_id: MEETING.meeting_id },
  };
  user.subscriptions = [{ type: 'Email', token: CORPUS.email, enabled: true }];
  try {
    await client.createUser(APP_ID, user);
  } catch (err) {
    console.error('onesignal user:', err && err.message);
  }

  try {
    // The app keeps the user's tags current after each meeting.
    await client.updateUser(APP_ID, 'external_id', USER_ID, {
      properties: { tags: { last_meeting_id: MEETING.meeting_id, meetings_this_week: '4' }, language: 'de' },
    });
  } catch (err) {
    console.error('onesignal update:', err && err.message);
  }

  const notification = new OneSignal.Notification();
  notification.app_id = APP_ID;
  notification.headings = { en: 'Meeting starting' };
  notification.contents = { en: `${MEETING.topic} starts in 5 minutes` };
  notification.include_aliases = { external_id: [USER_ID] };
  notification.target_channel = 'push';
  notification.data = { meeting_id: MEETING.meeting_id, join_url: `https://app.meetcorp.example/j/${MEETING.meeting_id}` };
  try {
    await client.createNotification(notification);
  } catch (err) {
    console.error('onesignal notification:', err && err.message);
  }
});
