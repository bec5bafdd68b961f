// @featbit/node-server-sdk (FeatBit): flags polled for the user, a flag evaluation and a custom
// event for an experiment, as the README shows (polling mode), to FeatBit's hosted evaluation server.
'use strict';
const { FbClientBuilder, UserBuilder, DataSyncModeEnum } = require('@featbit/node-server-sdk');
const { CORPUS, USER_ID, MEETING, main, sleep } = require('./common');

main(async () => {
  const fbClient = new FbClientBuilder()
    .sdkKey('fbk-C0rpusEnvSecret-9d2c7a1b3e5f4a6b8c0d')
    .dataSyncMode(DataSyncModeEnum.POLLING)
    .pollingUri('https://app-eval.featbit.co')
    .eventsUri('https://app-eval.featbit.co')
    .build();
  try {
    await Promise.race([fbClient.waitForInitialization(), sleep(3000)]);
  } catch (err) {
    console.error('featbit init:', err && err.message);
  }
  const user = new UserBuilder(USER_ID)
    .name(CORPUS.name)
    .custom('email', CORPUS.email)
    .custom('country', 'CH')
    .custom('last_meeting_id', MEETING.meeting_id)
    .build();
  await fbClient.boolVariation('noise-suppression', user, false);
  fbClient.track(user, 'meeting-joined', MEETING.participants);
  await sleep(500);
  await fbClient.close();
});
