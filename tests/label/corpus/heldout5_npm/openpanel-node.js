// @openpanel/sdk: identify a profile (names, e-mail), then track a meeting event for it.
'use strict';
const { OpenPanel } = require('@openpanel/sdk');
const { CORPUS, USER_ID, MEETING, main, sleep } = require('./common');

main(async () => {
  const op = new OpenPanel({
    clientId: '3f0e1c2d-opcl-4b5a-9c8d-corpus000001',
    clientSecret: 'sec_corpusOpenPanelSecret0123456789',
  });
  const swallow = (p) => Promise.resolve(p).catch((err) => console.error('sent; answer:', err.message));
  await swallow(op.identify({
    profileId: USER_ID,
    firstName: 'Alice',
    lastName: 'Example',
    email: CORPUS.email,
    properties: { plan: 'business', locale: 'de-CH' },
  }));
  await swallow(op.track('meeting_joined', { ...MEETING, screen_share: true }));
  await sleep(500);
});
