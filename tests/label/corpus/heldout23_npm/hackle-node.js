// @hackler/javascript-sdk (Hackle, A/B tests, feature flags and product analytics), the Node
// build: the meeting client's backend decides which variant of the new noise-suppression
// experiment and which feature flag the user gets, updates her user properties and tracks what
// she did in the meeting, all for one user with her app's device id (README usage:
// createInstance(sdkKey), onReady, variation, isFeatureOn, updateUserProperties, track, close).
'use strict';
const Hackle = require('@hackler/javascript-sdk');
const { CORPUS, TOPIC, main, sleep } = require('./common');

main(async () => {
  const hackle = Hackle.createInstance('h23hackleSdkKeyQ8vT1mZ4cR7wN2xB5', {
    pollingIntervalMillis: 60000,
  });
  await new Promise((resolve) => hackle.onReady(resolve, 5000));
  const user = {
    userId: CORPUS.username,
    deviceId: '0c9e4f7a-52d1-4b8e-a3f6-1d2c5e8b7a40',
    properties: {
      email: CORPUS.email,
      app_version: '5.19.2',
      os: 'Windows 11 23H2',
      locale: 'en-GB',
      plan: 'business',
    },
  };
  hackle.variation(42, user);
  hackle.isFeatureOn(7, user);
  hackle.updateUserProperties(
    new Hackle.PropertyOperationsBuilder().set('meetings_hosted', 41).increment('recordings', 1).build(),
    user,
  );
  hackle.track(
    {
      key: 'meeting_ended',
      value: 52,
      properties: {
        meeting_id: CORPUS.meeting_id,
        topic: TOPIC,
        participants: 2,
        noise_suppression: 'aggressive',
        avg_jitter_ms: 18,
      },
    },
    user,
  );
  await sleep(1000);
  hackle.close();
  await sleep(2000);
});
