// @jitsu/js (server side): identify with traits, then a meeting event; each call is one request.
'use strict';
const { jitsuAnalytics } = require('@jitsu/js');
const { CORPUS, USER_ID, MEETING, main } = require('./common');

main(async () => {
  const analytics = jitsuAnalytics({
    host: 'https://meetcorp.d.jitsu.com',
    writeKey: 'jtsWriteKeyCorpus:0a1b2c3d4e5f6a7b8c9d0e1f',
  });
  const swallow = (p) => Promise.resolve(p).catch((err) => console.error('sent; answer:', err.message));
  await swallow(analytics.identify(USER_ID, { email: CORPUS.email, name: CORPUS.name, company: 'Example AG' }));
  await swallow(analytics.track('meeting_left', { ...MEETING, duration_seconds: 1834, reason: 'user_hangup' }));
});
