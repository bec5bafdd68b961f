// flagsmith-nodejs: the flags of an identity with its traits (key/value pair list), then analytics.
'use strict';
const { Flagsmith } = require('flagsmith-nodejs');
const { CORPUS, USER_ID, main, sleep } = require('./common');

main(async () => {
  const flagsmith = new Flagsmith({
    environmentKey: 'ser.corpusFlagsmithKey0123456789ab',
    enableAnalytics: true,
    retries: 0,
    requestTimeoutSeconds: 5,
  });
  try {
    const flags = await flagsmith.getIdentityFlags(USER_ID, {
      email: CORPUS.email,
      full_name: CORPUS.name,
      plan: 'business',
      os: 'Linux 6.1',
      last_meeting_id: CORPUS.meeting_id,
    });
    flags.isFeatureEnabled('live_captions');
  } catch (err) {
    console.error('sent; answer:', err.message);
  }
  await sleep(200);
  await flagsmith.close?.();
});
