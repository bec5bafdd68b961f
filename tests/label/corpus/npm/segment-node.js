// @segment/analytics-node: identify with traits, then a track with context.
'use strict';
const { Analytics } = require('@segment/analytics-node');
const { CORPUS, USER_ID, main } = require('./common');

main(async () => {
  const analytics = new Analytics({ writeKey: 'segWriteKeyCorpus0123456789', maxRetries: 0, flushAt: 1 });
  analytics.on('error', () => undefined);
  analytics.identify({
    userId: USER_ID,
    traits: { email: CORPUS.email, name: CORPUS.name, phone: '+49 30 1234567' },
  });
  analytics.track({
    userId: USER_ID,
    event: 'Recording Started',
    properties: { meeting_id: CORPUS.meeting_id, cloud: true },
    context: { locale: 'de-DE', timezone: 'Europe/Berlin' },
  });
  await analytics.closeAndFlush({ timeout: 5000 });
});
