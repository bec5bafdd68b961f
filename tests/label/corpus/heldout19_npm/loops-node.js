// loops (Loops product and lifecycle e-mail): the meeting product's backend keeps the corpus user
// as a contact with her plan and usage, sends the event of the meeting she just hosted (which
// starts the "first recording" lifecycle e-mail), and the transactional e-mail that shares the
// recording with the guest (README usage: new LoopsClient(apiKey), createContact, sendEvent,
// sendTransactionalEmail).
'use strict';
const { LoopsClient } = require('loops');
const { CORPUS, GUEST, TOPIC, main } = require('./common');

const quietly = (promise) => promise.catch((err) => console.error(String(err)));

main(async () => {
  const loops = new LoopsClient('d6e4h19c0r19a8f2b7c5e1d9f3a6b0c4');
  const [first, last] = CORPUS.name.split(' ');
  await quietly(
    loops.createContact({
      email: CORPUS.email,
      properties: {
        firstName: first,
        lastName: last,
        userId: CORPUS.username,
        plan: 'Business',
        meetingsHosted: 38,
        desktopClient: 'macOS 5.17.3',
      },
      mailingLists: { cm3h19productupdates0001: true },
    }),
  );
  await quietly(
    loops.sendEvent({
      email: CORPUS.email,
      eventName: 'meetingRecorded',
      eventProperties: {
        meetingId: String(CORPUS.meeting_id),
        meetingTopic: TOPIC,
        durationMinutes: 52,
        participantCount: 2,
        transcriptLanguage: 'en',
      },
    }),
  );
  await quietly(
    loops.sendTransactionalEmail({
      transactionalId: 'cm3h19recordingshared00a1',
      email: GUEST.email,
      dataVariables: {
        guestFirstName: GUEST.first,
        hostName: CORPUS.name,
        meetingTopic: TOPIC,
        recordingUrl: `https://meet.acme-example.com/r/${CORPUS.meeting_id}?k=h19rec7Qm2`,
      },
    }),
  );
});
