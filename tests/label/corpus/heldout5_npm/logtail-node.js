// @logtail/node (Better Stack): an info and an error log line with user and meeting context.
'use strict';
const { Logtail } = require('@logtail/node');
const { CORPUS, USER_ID, MEETING, main, joinError } = require('./common');

main(async () => {
  const logtail = new Logtail('ltSourceTokenCorpus4k9XbQ2m', {
    endpoint: 'https://in.logs.betterstack.com',
    batchInterval: 50,
    retryCount: 0,
  });
  const user = { id: USER_ID, email: CORPUS.email };
  logtail.info('joined meeting', { user, meeting: MEETING, network: { type: 'wifi', rtt_ms: 42 } });
  logtail.error(joinError(), { user, meeting_id: CORPUS.meeting_id });
  await logtail.flush().catch((err) => console.error('sent; answer:', err.message));
});
