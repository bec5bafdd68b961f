// @highlight-run/node (Highlight.io): a log with the user's session, a metric and an error,
// exported over OTLP/HTTP to Highlight's collector.
'use strict';
const { H } = require('@highlight-run/node');
const { CORPUS, USER_ID, MEETING, main, sleep, joinError } = require('./common');

main(async () => {
  H.init({
    projectID: 'kdq3g7ye',
    serviceName: 'meeting-desktop',
    serviceVersion: '5.17.2',
    environment: 'production',
  });
  const session = 'hl-sess-2b7c9d1e4f';
  H.log('joined meeting', 'info', session, undefined, {
    'user.id': USER_ID,
    'user.email': CORPUS.email,
    'meeting.id': MEETING.meeting_id,
    'meeting.topic': MEETING.topic,
    'meeting.participants': MEETING.participants,
  });
  H.recordMetric({ name: 'audio.jitter_ms', value: 23.5, tags: [{ name: 'meeting_id', value: MEETING.meeting_id }] });
  H.consumeError(joinError(), session, undefined, { 'meeting.id': MEETING.meeting_id, 'network.type': 'wifi' });
  await sleep(500);
  await H.flush();
  await sleep(500);
  await H.stop();
});
