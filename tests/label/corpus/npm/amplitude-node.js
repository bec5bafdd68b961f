// @amplitude/analytics-node: an event with device fields, then an identify.
'use strict';
const amplitude = require('@amplitude/analytics-node');
const { USER_ID, main } = require('./common');

main(async () => {
  await amplitude.init('ampApiKeyCorpus0123456789abcdef', { flushIntervalMillis: 10000, flushMaxRetries: 1 }).promise;
  amplitude.track('Virtual Background Enabled', { background: 'blur' }, {
    user_id: USER_ID,
    device_id: '0b6ab4f2-9a4c-4e4e-9b1e-5f7d3c2a1e90',
    os_name: 'macOS',
    os_version: '14.5',
    device_model: 'MacBookPro18,3',
    language: 'en-US',
    city: 'Berlin',
    country: 'Germany',
  });
  const identify = new amplitude.Identify().set('plan', 'business');
  amplitude.identify(identify, { user_id: USER_ID });
  await amplitude.flush().promise;
});
