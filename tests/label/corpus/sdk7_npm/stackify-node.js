// stackify-logger (Stackify Retrace logs and errors): identify the app, then a log batch with
// an info record and an error with its exception, to api.stackify.com.
'use strict';
const { CORPUS, USER_ID, MEETING, main, sleep, joinError } = require('./common');

main(async () => {
  const stackify = require('stackify-logger');
  stackify.start({ apiKey: 'StkfyCorpusApiKey0a1b2c3d4e5f6a7b8c9d', appName: 'Meeting Desktop', env: 'production' });
  stackify.info('user joined meeting', {
    user_id: USER_ID,
    user_email: CORPUS.email,
    meeting_id: MEETING.meeting_id,
    topic: MEETING.topic,
    participants: MEETING.participants,
  });
  stackify.error('media connection failed', { error: joinError(), network_type: 'wifi', rtt_ms: 412 });
  await sleep(8000);
});
