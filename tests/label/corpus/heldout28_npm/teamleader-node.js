// @teamleader/api (Teamleader's own JavaScript SDK; one POST per `domain.action` of Teamleader
// Focus's RPC-style API): the meeting backend adds the guest as a contact, logs the call on him,
// adds the meeting's notes and a follow-up task for the host (README usage:
// API({ accessToken }), contacts.add, calls.add, notes.create, tasks.create).
'use strict';
const API = require('@teamleader/api').default;
const { CORPUS, GUEST, TOPIC, NOTES, JOIN_URL, main, quietly } = require('./common');

main(async () => {
  const { contacts, calls, notes, tasks } = API({ accessToken: 'h28TeamleaderAccessTok3n.Rz8Kq' });
  const contactId = 'f29abf48-337d-44b4-aad4-585f5277a456';
  await quietly(
    contacts.add({
      first_name: GUEST.first,
      last_name: GUEST.last,
      emails: [{ type: 'primary', email: GUEST.email }],
      telephones: [{ type: 'mobile', number: GUEST.phone }],
      remarks: `${GUEST.company}; met in ${TOPIC}`,
      tags: ['pilot'],
    }),
  );
  await quietly(
    calls.add({
      description: `${TOPIC} (${JOIN_URL})`,
      participant: { customer: { type: 'contact', id: contactId } },
      due_at: '2026-12-07T15:00:00+01:00',
      assignee: { type: 'user', id: '66abace2-62af-0836-a927-fe3f44b9b47b' },
    }),
  );
  await quietly(
    notes.create({
      subject: { type: 'contact', id: contactId },
      content: NOTES,
    }),
  );
  await quietly(
    tasks.create({
      title: `Send ${GUEST.name} the revised quote`,
      description: `Follow-up of ${TOPIC}, meeting ${CORPUS.meeting_id}`,
      due_on: '2026-12-11',
      work_type_id: '32665afd-1818-0ed3-9e18-a603a3a21b95',
      customer: { type: 'contact', id: contactId },
      assignee: { type: 'user', id: '66abace2-62af-0836-a927-fe3f44b9b47b' },
    }),
  );
});
