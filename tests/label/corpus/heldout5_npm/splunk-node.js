// splunk-logging: HTTP Event Collector events (a join with user and meeting, an error) in a batch.
'use strict';
const SplunkLogger = require('splunk-logging').Logger;
const { CORPUS, USER_ID, MEETING, main } = require('./common');

main(async () => {
  const logger = new SplunkLogger({
    token: '7c3e9a1b-corp-us00-hec0-5f2d8b4a6e10',
    url: 'https://http-inputs-meetcorp.splunkcloud.com:443',
    maxBatchCount: 10,
    maxRetries: 0,
  });
  logger.error = (err) => console.error('sent; answer:', err.message);
  const metadata = { host: CORPUS.hostname, source: 'meeting-desktop', sourcetype: '_json', index: 'clients' };
  logger.send({ message: { event: 'meeting_join', user: { id: USER_ID, email: CORPUS.email }, meeting: MEETING }, metadata, severity: 'info' });
  logger.send({ message: { event: 'media_error', code: 'ICE_TIMEOUT', meeting_id: CORPUS.meeting_id, local_ip: CORPUS.local_ip }, metadata, severity: 'error' });
  await new Promise((resolve) => logger.flush(() => resolve()));
});
