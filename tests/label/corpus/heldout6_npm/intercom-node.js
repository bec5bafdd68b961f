// intercom-client: create the user's contact, then submit a meeting event with metadata.
'use strict';
const { IntercomClient } = require('intercom-client');
const { CORPUS, USER_ID, MEETING, main } = require('./common');

main(async () => {
  const client = new IntercomClient({ token: 'dG9rOmNvcnB1c18xMjM0NTY3ODk6MToxMjM0NTY3ODkwMDk=' });
  const tries = [
    client.contacts.create({
      role: 'user',
      external_id: USER_ID,
      email: CORPUS.email,
      name: CORPUS.name,
      custom_attributes: { plan: 'business', language: 'de-CH' },
    }),
    client.events.create({
      event_name: 'joined-meeting',
      created_at: Math.floor(Date.now() / 1000),
      user_id: USER_ID,
      metadata: { meeting_id: MEETING.meeting_id, topic: MEETING.topic, participants: 5 },
    }),
  ];
  // The sinkhole's empty 204 is not the JSON the client parses; the requests were sent.
  await Promise.allSettled(tries);
});
