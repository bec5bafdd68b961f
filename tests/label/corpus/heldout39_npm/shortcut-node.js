// @shortcut/client (Shortcut's own SDK, a software project tracker): after the meeting the
// product's backend creates an epic for the meeting's follow-ups, a story per action item with
// owner, deadline and the meeting link, a task on it, a comment quoting what was said and a
// search for the outside participant's earlier stories (README usage: new ShortcutClient(token),
// createEpic, createStory, createTask, createStoryComment, searchStories).
'use strict';
const { CORPUS, GUEST, TOPIC, main } = require('./common');

const OWNER = '6751d0a2-3c4e-4b8f-9a01-7e2d5c8b4f39';
const STORY = 4821;
const LINK = `https://meet.acme-meet.example/j/${CORPUS.meeting_id}`;

main(async () => {
  const { ShortcutClient } = require('@shortcut/client');
  const shortcut = new ShortcutClient('h39sh0rtcut70k3n-0b7e2c9d4a16f5');
  const quietly = (promise) => promise.catch((err) => console.error(String(err)));
  await quietly(
    shortcut.createEpic({
      name: `Follow-ups: ${TOPIC}`,
      description: `Action items from meeting ${CORPUS.meeting_id} with ${GUEST.name} (${LINK}).`,
      deadline: '2026-12-18T17:00:00Z',
      owner_ids: [OWNER],
    }),
  );
  await quietly(
    shortcut.createStory({
      name: `Share the firmware 4.2 release notes with ${GUEST.name}`,
      description: `Agreed on the call. Meeting link: ${LINK}`,
      story_type: 'chore',
      owner_ids: [OWNER],
      deadline: '2026-12-15T17:00:00Z',
      epic_id: 318,
      workflow_state_id: 500000011,
      external_links: [LINK],
      labels: [{ name: 'meeting-action-item' }],
    }),
  );
  await quietly(
    shortcut.createTask(STORY, {
      description: `Call ${GUEST.first} on ${GUEST.phone} to confirm the night flashing window`,
      owner_ids: [OWNER],
    }),
  );
  await quietly(
    shortcut.createStoryComment(STORY, {
      text:
        `From the call, ${GUEST.name}: "Site 3 runs the old string inverters, please keep it ` +
        `out of the first wave." ${CORPUS.name} agreed to move it to week two.`,
    }),
  );
  await quietly(shortcut.searchStories({ query: `"${GUEST.name}"`, page_size: 25 }));
});
