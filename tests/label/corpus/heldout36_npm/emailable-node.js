// emailable (Emailable's own Node library, axios): before the follow-up to the sales call goes
// out, the meeting backend verifies the outside participant's address, then submits the call's
// attendee addresses as a verification batch with a callback to its own webhook (README usage:
// require('emailable')(apiKey).verify(email, options), .batches.verify(emails, options)).
'use strict';
const Emailable = require('emailable');
const { CORPUS, GUEST, main, quietly } = require('./common');

const API_KEY = 'live_h36em4b7e0a3d6c9f2b5e8a1d4c7f0b3e6';

main(async () => {
  const emailable = Emailable(API_KEY);
  await quietly('verify', emailable.verify(GUEST.email, { smtp: true, timeout: 10 }));
  await quietly(
    'batches.verify',
    emailable.batches.verify([GUEST.email, CORPUS.email], {
      url: `https://hooks.acme-meet.example/emailable/sales-call-${CORPUS.meeting_id}`,
    }),
  );
});
