// unleash-client: registration, feature download and usage metrics of a server-side client; the
// instance id defaults to the OS user and host name.
'use strict';
const { initialize } = require('unleash-client');
const { CORPUS, USER_ID, main, sleep } = require('./common');

main(async () => {
  const unleash = initialize({
    url: 'https://eu.app.unleash-hosted.com/eubb1043/api/',
    appName: 'meeting-desktop',
    environment: 'production',
    customHeaders: { Authorization: '*:production.corpusUnleashToken0123456789abcdef' },
    metricsInterval: 1000,
    refreshInterval: 60000,
    disableAutoStart: false,
  });
  unleash.on('error', (err) => console.error('sent; answer:', err.message));
  await sleep(300);
  unleash.isEnabled('noise_suppression_v2', { userId: USER_ID, sessionId: 'sess-31f9', properties: { email: CORPUS.email } });
  unleash.isEnabled('noise_suppression_v2', { userId: USER_ID });
  await sleep(2500);
  unleash.destroy();
});
