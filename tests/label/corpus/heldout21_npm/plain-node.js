// @team-plain/typescript-sdk (Plain, a help desk on a GraphQL API): the meeting product's backend
// opens a support thread when a meeting guest reports a problem after a call: it upserts the
// guest as a customer, opens a thread with her report, logs a customer event on her timeline
// and adds an internal note for the support team (README usage: new PlainClient({ apiKey }),
// upsertCustomer, createThread, createCustomerEvent, createNote).
'use strict';
const { PlainClient } = require('@team-plain/typescript-sdk');
const { CORPUS, GUEST, TOPIC, main } = require('./common');

const quietly = (promise) => promise.catch((err) => console.error(String(err)));
const CUSTOMER_ID = 'c_01JF8Q2M7T4XKZ9R3B6N0PW5HD';
const THREAD_ID = 'th_01JF8Q3A2C5VYE7G1K4M8S0TQR';

main(async () => {
  const plain = new PlainClient({ apiKey: 'plainApiKey_h21Xq7Lm2Rb9Tz4Vc8Nd1Kp6Fw3Hy0Sj' });
  await quietly(
    plain.upsertCustomer({
      identifier: { emailAddress: GUEST.email },
      onCreate: {
        fullName: GUEST.name,
        shortName: GUEST.first,
        email: { email: GUEST.email, isVerified: true },
        externalId: GUEST.username,
      },
      onUpdate: { fullName: { value: GUEST.name } },
    }),
  );
  await quietly(
    plain.createThread({
      customerIdentifier: { emailAddress: GUEST.email },
      title: `Recording missing after "${TOPIC}"`,
      components: [
        {
          componentText: {
            text:
              `Hi, I joined ${CORPUS.name}'s meeting ${CORPUS.meeting_id} yesterday as a guest and ` +
              'the recording link I was sent says it has expired. Could you resend it? ' +
              `You can reach me on ${GUEST.phone}. Thanks, ${GUEST.first}`,
          },
        },
      ],
      priority: 2,
    }),
  );
  await quietly(
    plain.createCustomerEvent({
      customerIdentifier: { emailAddress: GUEST.email },
      title: 'Joined a meeting as guest',
      components: [
        { componentText: { text: `Meeting ${CORPUS.meeting_id} "${TOPIC}", hosted by ${CORPUS.email}` } },
        { componentText: { text: 'Client: desktop 5.19.2 on macOS 14.6, 47 min, audio only' } },
      ],
    }),
  );
  await quietly(
    plain.createNote({
      customerId: CUSTOMER_ID,
      threadId: THREAD_ID,
      text:
        `Checked with ${CORPUS.name}: the recording was deleted by the retention policy after 24 h. ` +
        'Asked the host to share it again from her local copy.',
    }),
  );
});
