// @june-so/analytics-node: identify with traits, a meeting track with a group (the workspace) context.
'use strict';
const { Analytics } = require('@june-so/analytics-node');
const { CORPUS, USER_ID, MEETING, main } = require('./common');

main(async () => {
  const analytics = new Analytics('juneWriteKeyCorpus0a1b2c3d4e5f', { flushAt: 1, maxRetries: 0 });
  analytics.identify({
    userId: USER_ID,
    traits: { email: CORPUS.email, name: CORPUS.name, avatar: 'https://cdn.example.com/a/alice.png' },
  });
  analytics.track({
    userId: USER_ID,
    event: 'Meeting Recorded',
    properties: { ...MEETING, recording_minutes: 45 },
    context: { groupId: 'ws_example_ag', timezone: 'Europe/Zurich' },
  });
  await analytics.closeAndFlush(5000);
});
