// dub (Dub's own TypeScript SDK, link attribution and conversion tracking): the meeting product
// makes a short link for the guest's invitation, then reports the lead when the invited guest
// signs up through it and the sale when the host's workspace upgrades (README usage:
// new Dub({token}), links.create, track.lead, track.sale).
'use strict';
const { Dub } = require('dub');
const { CORPUS, GUEST, TOPIC, main } = require('./common');

main(async () => {
  const dub = new Dub({ token: 'dub_h26LinkT0kenQ8vN3xR5', retryConfig: { strategy: 'none' } });
  const quietly = (promise) => promise.catch((err) => console.error(String(err)));
  await quietly(
    dub.links.create({
      url: `https://meet.acme-meet.example.com/j/${CORPUS.meeting_id}?ref=invite`,
      externalId: `invite-${CORPUS.meeting_id}-tomasz`,
      title: TOPIC,
      tagNames: ['guest-invite'],
    }),
  );
  await quietly(
    dub.track.lead({
      clickId: 'cLk7h26QwErTy9',
      eventName: 'Guest signed up',
      customerExternalId: 'usr_tw_40917',
      customerName: GUEST.name,
      customerEmail: GUEST.email,
    }),
  );
  await quietly(
    dub.track.sale({
      customerExternalId: CORPUS.username,
      amount: 14400,
      currency: 'eur',
      eventName: 'Upgraded to Business',
      paymentProcessor: 'paddle',
      invoiceId: 'inv_2026_004417',
    }),
  );
});
