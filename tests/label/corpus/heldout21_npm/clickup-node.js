// clickup.js (a community client of ClickUp's public API, a task and docs workspace): after the
// meeting the product's backend files the agreed action item as a ClickUp task on the team's list,
// posts the meeting's notes as a comment on it and books the meeting's time against it (README
// usage: createClickup({ token }), list.createTask, task.addComment, task.addTrackedTime).
'use strict';
const { CORPUS, GUEST, TOPIC, main } = require('./common');

const LIST_ID = '901204417730';
const TASK_ID = '86c2x7qmh';
const USER_ID = 84120142;

main(async () => {
  const { createClickup } = await import('clickup.js');
  const clickup = createClickup({ token: 'pk_84120142_H21QWERTY7ZXCV0ASDF3GHJK9LMNB' });
  const quietly = (promise) => promise.catch((err) => console.error(String(err)));
  await quietly(
    clickup.list.createTask(LIST_ID, {
      name: `Send lot-level fibre origin records to ${GUEST.name}`,
      description:
        `Action item from "${TOPIC}" (meeting ${CORPUS.meeting_id}). ${GUEST.first} needs the ` +
        'herder cooperative origin records for lots 14-22 before the auditor visits.',
      assignees: [USER_ID],
      tags: ['meeting-action-item'],
      priority: 2,
      due_date: 1765584000000,
      notify_all: true,
    }),
  );
  await quietly(
    clickup.task.addComment(TASK_ID, {
      comment_text:
        `Notes from the call: ${GUEST.name} confirmed the audit covers the 2026 spring combing only. ` +
        `${CORPUS.name} will ask the co-op chair for the missing scale tickets. ` +
        `Guest contact: ${GUEST.email}`,
      assignee: USER_ID,
      notify_all: false,
    }),
  );
  await quietly(
    clickup.task.addTrackedTime(TASK_ID, {
      description: `Meeting ${CORPUS.meeting_id}: ${TOPIC}`,
      start: 1765368000000,
      end: 1765370820000,
      time: 2820000,
      tags: [{ name: 'meetings' }],
    }),
  );
});
