// @knocklabs/node (Knock notifications API): identify the user, then trigger the workflow that
// tells participants a meeting started (README usage).
'use strict';
const Knock = require('@knocklabs/node').default || require('@knocklabs/node');
const { CORPUS, USER_ID, MEETING, main, joinError } = require('./common');

const knock = new Knock({ apiKey: 'sk_test_C0rpusKn8ckSecretQ4v7Zr2Lm9' , maxRetries: 0 });

main(async () => {
  await knock.users
    .update(USER_ID, { name: CORPUS.name, email: CORPUS.email, locale: 'de-CH', timezone: 'Europe/Zurich' })
    .catch((err) => console.error('knock identify:', err && err.message));
  await knock.workflows
    .trigger('meeting-started', {
      recipients: [USER_ID],
      actor: USER_ID,
      data: { meeting_id: MEETING.meeting_id, topic: MEETING.topic, participants: MEETING.participants },
    })
    .catch((err) => console.error('knock trigger:', err && err.message));
  await knock.workflows
    .trigger('recording-failed', {
      recipients: [{ id: USER_ID, name: CORPUS.name, email: CORPUS.email }],
      data: { meeting_id: MEETING.meeting_id, error: joinError().message, os: 'Linux', network: 'wifi' },
    })
    .catch((err) => console.error('knock trigger:', err && err.message));
});
