// applicationinsights (Azure Monitor OpenTelemetry for Node): a custom event and an exception
// exported to the ingestion endpoint of the connection string.
'use strict';
// No SDK self-statistics (statsbeat) beside the app's own telemetry.
process.env.APPLICATIONINSIGHTS_STATSBEAT_DISABLED_ALL = 'true';
const { CORPUS, main } = require('./common');
// The role instance (sent as ai.cloud.roleInstance) is the machine's host name unless set: the
// corpus machine's, so the recording is the same on every machine.
process.env.OTEL_RESOURCE_ATTRIBUTES = `service.instance.id=${CORPUS.hostname}`;
const appInsights = require('applicationinsights');

main(async () => {
  appInsights
    .setup('InstrumentationKey=01234567-89ab-cdef-0123-456789abcdef;'
      + 'IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/')
    .setAutoCollectConsole(false)
    .setAutoCollectDependencies(false)
    .setAutoCollectExceptions(false)
    .setAutoCollectPerformance(false, false)
    .setAutoCollectRequests(false)
    .setSendLiveMetrics(false)
    .start();
  const client = appInsights.defaultClient;
  client.trackEvent({ name: 'MeetingJoined', properties: { meetingId: CORPUS.meeting_id, participants: '6' } });
  client.trackException({ exception: new Error('camera busy') });
  await client.flush();
  appInsights.dispose();
});
