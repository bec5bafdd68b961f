// trackjs-node: the agent with the user, session and app version configured, console telemetry and
// metadata about the meeting, then the join error.
'use strict';
const { TrackJS } = require('trackjs-node');
const { CORPUS, USER_ID, MEETING, main, sleep, joinError } = require('./common');

main(async () => {
  TrackJS.install({
    token: 'c0rpus7rackjs0a1b2c3d4e5f6a7b8c9',
    application: 'meeting-desktop',
    userId: CORPUS.email,
    sessionId: 'sess-6c1d9e2f-4b7a-4e0c-9a1d-2f3e4a5b6c7d',
    version: '6.2.4',
  });
  TrackJS.addMetadata({ meeting_id: MEETING.meeting_id, participants: String(MEETING.participants), user_id: USER_ID });
  TrackJS.addLogTelemetry('warn', ['reconnecting media', { rtt_ms: 412, network_type: 'wifi' }]);
  TrackJS.track(joinError());
  await sleep(2000);
});
