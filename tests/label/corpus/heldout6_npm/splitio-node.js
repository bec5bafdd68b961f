// @splitsoftware/splitio (Split, now Harness FME) server SDK: a treatment for the user with
// attributes, and a tracked meeting event; destroy() flushes impressions and events.
'use strict';
const { SplitFactory } = require('@splitsoftware/splitio');
const { CORPUS, USER_ID, MEETING, main, sleep } = require('./common');

main(async () => {
  const factory = SplitFactory({
    core: { authorizationKey: 'splitsdkkeycorpus0a1b2c3d4e5f6a7b8c9d' },
    streamingEnabled: false,
    startup: { readyTimeout: 3, requestTimeoutBeforeReady: 2, retriesOnFailureBeforeReady: 0 },
    scheduler: { impressionsRefreshRate: 1, eventsPushRate: 1, telemetryRefreshRate: 60 },
    impressionsMode: 'DEBUG',
    debug: false,
  });
  const client = factory.client();
  await new Promise((resolve) => {
    client.once(client.Event.SDK_READY, resolve);
    client.once(client.Event.SDK_READY_TIMED_OUT, resolve);
  });
  client.getTreatment(USER_ID, 'new_meeting_toolbar', {
    email: CORPUS.email,
    plan: 'business',
    os: 'Linux',
    locale: 'de-CH',
  });
  client.track(USER_ID, 'user', 'meeting_joined', 7, { ...MEETING, network_type: 'wifi' });
  await sleep(2500);
  await client.destroy();
});
