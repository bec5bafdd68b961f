// woopra: identify the visitor (e-mail, name) and track a meeting event; Woopra's tracker sends
// each as a query-string GET.
'use strict';
const Woopra = require('woopra');
const { CORPUS, USER_ID, MEETING, main, sleep } = require('./common');

main(async () => {
  const woopra = new Woopra('meetcorp.example', { ssl: true });
  woopra.client({ screen: '2560x1440', language: 'de-CH', cookie: 'wp_8c1e4f7a2b9d' });
  woopra.identify(CORPUS.email, { name: CORPUS.name, company: 'Example AG', user_id: USER_ID }).push();
  await sleep(600);
  woopra.track('meeting_joined', { ...MEETING, network: 'wifi' });
  await sleep(1500);
});
