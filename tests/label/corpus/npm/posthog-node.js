// posthog-node: identify with e-mail and name, a meeting event, a feature-flag evaluation.
'use strict';
const { PostHog } = require('posthog-node');
const { CORPUS, USER_ID, main } = require('./common');

main(async () => {
  const client = new PostHog('phc_CorpusKey0123456789abcdefABCDEF0123456789', {
    host: 'https://us.i.posthog.com',
    flushAt: 20,
    flushInterval: 60000, // one batch, sent by shutdown()
    fetchRetryCount: 0,
  });
  client.identify({ distinctId: USER_ID, properties: { email: CORPUS.email, name: CORPUS.name } });
  client.capture({
    distinctId: USER_ID,
    event: 'meeting_joined',
    properties: { participants: 6, meeting_type: 'scheduled', meeting_id: CORPUS.meeting_id },
  });
  await client.getFeatureFlag('new-gallery-view', USER_ID).catch(() => undefined);
  await client.shutdown(5000);
});
