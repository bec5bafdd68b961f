// @launchdarkly/node-server-sdk: flag evaluations and a custom event for a user context; the
// analytics events go to events.launchdarkly.com on flush. Polling instead of streaming, so the
// flag download is one request the sinkhole answers.
'use strict';
const ld = require('@launchdarkly/node-server-sdk');
const { CORPUS, USER_ID, main } = require('./common');

main(async () => {
  const client = ld.init('sdk-fedcba98-7654-3210-fedc-ba9876543210', {
    stream: false,
    sendEvents: true,
    diagnosticOptOut: true,
    logger: ld.basicLogger({ level: 'none' }),
  });
  await client.waitForInitialization({ timeout: 3 }).catch(() => undefined);
  const context = { kind: 'user', key: USER_ID, email: CORPUS.email, name: CORPUS.name };
  await client.variation('new-gallery-view', context, false);
  client.track('recording-started', context, { meetingId: CORPUS.meeting_id });
  await client.flush();
  client.close();
});
