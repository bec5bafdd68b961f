// featureflow-node-sdk (Featureflow feature flags and rollouts): the meeting client's backend
// starts the flag client with the features it pre-registers, evaluates the live-captions and
// noise-suppression rollouts for the corpus user, and the SDK sends its evaluation events
// (README usage: new Featureflow.Client({apiKey, withFeatures}, callback),
// Featureflow.UserBuilder(...).withAttribute(...).build(), featureflow.evaluate(key, user)).
'use strict';
const Featureflow = require('featureflow-node-sdk');
const { CORPUS, main, sleep } = require('./common');

main(async () => {
  const featureflow = await new Promise((resolve) => {
    new Featureflow.Client(
      {
        apiKey: 'srv-env-h18c0r18b6f4a2d9e7c1',
        withFeatures: [
          new Featureflow.Feature('live-captions', 'off').build(),
          new Featureflow.Feature('noise-suppression-v2', 'off').build(),
        ],
      },
      (err, client) => resolve(client),
    );
  });
  const user = new Featureflow.UserBuilder(CORPUS.username)
    .withAttribute('email', CORPUS.email)
    .withAttribute('plan', 'Business')
    .withAttribute('meetingId', String(CORPUS.meeting_id))
    .withAttribute('clientVersion', '5.17.3')
    .build();
  featureflow.evaluate('live-captions', user).isOn();
  featureflow.evaluate('noise-suppression-v2', user).isOn();
  // The SDK sends its queued evaluation events every 5 s.
  await sleep(6500);
});
