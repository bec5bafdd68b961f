// @journyio/sdk (journy.io, customer-journey product analytics): a meeting backend upserts the
// corpus user and the outside participant's organisation as an account, records that the user
// hosted a meeting with the participant and links the user's web activity (README usage:
// Client.withDefaults(apiKey), upsertUser, upsertAccount,
// addEvent(Event.forUserInAccount(...).withMetadata(...)), link).
'use strict';
const { Client, Event, UserIdentified, AccountIdentified } = require('@journyio/sdk');
const { CORPUS, GUEST, TOPIC, main } = require('./common');

main(async () => {
  const client = Client.withDefaults('jny_h16_7Kq2Vx9Lm4Rt8Wz3Pb6Nc1');
  const results = [];
  results.push(
    await client.upsertUser({
      userId: CORPUS.username,
      email: CORPUS.email,
      properties: {
        full_name: CORPUS.name,
        phone: CORPUS.phone,
        plan: 'Business',
        locale: 'en-GB',
      },
    }),
  );
  results.push(
    await client.upsertAccount({
      accountId: 'acct-lagoon-freight',
      domain: 'lagoon-freight-example.ng',
      properties: { name: 'Lagoon Freight Ltd', plan: 'Pilot', seats: 12 },
      members: [{ userId: GUEST.username }],
    }),
  );
  results.push(
    await client.addEvent(
      Event.forUserInAccount(
        'meeting_hosted',
        UserIdentified.byUserId(CORPUS.username),
        AccountIdentified.byAccountId('acct-lagoon-freight'),
      ).withMetadata({
        meeting_id: String(CORPUS.meeting_id),
        topic: TOPIC,
        guest_email: GUEST.email,
        duration_minutes: 47,
        recording: true,
      }),
    ),
  );
  // The visitor's web activity (the `__journey` cookie of the snippet) is linked to the user.
  results.push(
    await client.link({
      deviceId: 'jny-dev-5b9e2c71-h16c-4r14-a3d8-7f60c1e49b22',
      userId: CORPUS.username,
    }),
  );
  for (const result of results) {
    if (!result.success) console.error(`journy: ${JSON.stringify(result.errors || result)}`);
  }
});
