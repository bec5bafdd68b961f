// sumo-logger (Sumo Logic HTTP source): log lines with session key, client URL and host name.
'use strict';
// axios reads HTTPS_PROXY itself and then tunnels wrongly; proxy-preload.js already routes the
// http/https modules through the capture, so axios is kept from proxying a second time.
delete process.env.HTTPS_PROXY;
delete process.env.https_proxy;
const SumoLogger = require('sumo-logger');
const { CORPUS, USER_ID, MEETING, main, sleep } = require('./common');

main(async () => {
  const sumo = new SumoLogger({
    endpoint:
      'https://endpoint4.collection.eu.sumologic.com/receiver/v1/http/ZaVnC4dhaV1Corpus0SumoCollectorCode2aKqPdX0',
    sourceName: 'meeting-desktop',
    sourceCategory: 'prod/meetings',
    hostName: CORPUS.hostname,
    sessionKey: 'sess-6c1d9e2f-4b7a-4e0c-9a1d-2f3e4a5b6c7d',
    clientUrl: `https://app.meetcorp.example/j/${MEETING.meeting_id}`,
    interval: 0,
    returnPromise: true,
    onError: (err) => console.error('sumo:', err && err.message),
  });
  await sumo.log({
    event: 'meeting_joined',
    user_id: USER_ID,
    user_email: CORPUS.email,
    ...MEETING,
    network_type: 'ethernet',
    rtt_ms: 38,
  });
  await sleep(500);
});
