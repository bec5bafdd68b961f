// @rudderstack/rudder-sdk-node: identify with traits, a meeting track and a screen call, one batch.
'use strict';
const Analytics = require('@rudderstack/rudder-sdk-node');
const { CORPUS, USER_ID, MEETING, main } = require('./common');

main(async () => {
  const client = new Analytics('2Ab3rudderWriteKeyCorpus9xYz', {
    dataPlaneUrl: 'https://meetcorpkx.dataplane.rudderstack.com',
    flushAt: 20,
    flushInterval: 60000,
    retryCount: 0,
  });
  const context = {
    app: { name: 'meeting-desktop', version: '6.2.4' },
    os: { name: 'Linux', version: '6.1.0-28-amd64' },
    locale: 'de-CH',
    timezone: 'Europe/Zurich',
    network: { wifi: true, carrier: null },
    screen: { width: 2560, height: 1440, density: 2 },
    device: { id: CORPUS.machine_id, manufacturer: 'LENOVO', model: '21HD003AGE' },
  };
  client.identify({
    userId: USER_ID,
    anonymousId: 'a3f1c9de-6b52-4e0f-9d7a-2c4b8e1f0a55',
    traits: { email: CORPUS.email, name: CORPUS.name, plan: 'business' },
    context,
  });
  client.track({
    userId: USER_ID,
    event: 'Meeting Joined',
    properties: { ...MEETING, join_method: 'link', audio: 'computer', video: true },
    context,
  });
  await new Promise((resolve) => client.flush(() => resolve()));
});
