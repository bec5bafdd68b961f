// @aptabase/web (Aptabase's JavaScript SDK; it runs in Node with fetch): the app key names the
// region (EU), each event goes out as its own POST with session id, locale and app version.
'use strict';
const { CORPUS, USER_ID, MEETING, main, joinError } = require('./common');

main(async () => {
  const { init, trackEvent } = await import('@aptabase/web');
  init('A-EU-5102938471', { appVersion: '5.17.2' });
  await trackEvent('app_started', { user_id: USER_ID, os: 'Debian GNU/Linux 12', locale: 'de-CH' });
  await trackEvent('meeting_joined', {
    meeting_id: MEETING.meeting_id,
    topic: MEETING.topic,
    participants: MEETING.participants,
    role: MEETING.role,
    network_type: 'wifi',
  });
  const err = joinError();
  await trackEvent('error', { message: err.message, email: CORPUS.email });
});
