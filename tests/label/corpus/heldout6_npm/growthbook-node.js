// @growthbook/growthbook with remote evaluation: the user's attributes go to GrowthBook's
// evaluation endpoint, which answers with the features.
'use strict';
const { GrowthBook } = require('@growthbook/growthbook');
const { CORPUS, USER_ID, MEETING, main } = require('./common');

main(async () => {
  const gb = new GrowthBook({
    // Remote evaluation runs on a self-hosted GrowthBook Proxy (the SDK refuses it on the cloud CDN).
    apiHost: 'https://growthbook-proxy.meetcorp-example.com',
    clientKey: 'sdk-CorpusGb3kLmN8pQ',
    remoteEval: true,
    attributes: {
      id: USER_ID,
      email: CORPUS.email,
      name: CORPUS.name,
      country: 'CH',
      browser: 'electron',
      deviceType: 'desktop',
      os: 'Debian 12',
      last_meeting_id: MEETING.meeting_id,
    },
  });
  await gb.init({ timeout: 3000, streaming: false }).catch(() => {});
  gb.isOn('noise-suppression');
  gb.destroy();
});
