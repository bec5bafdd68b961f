// stream-chat (Stream Chat, server side): upsert the user, create the meeting's chat channel and
// post a message in it (README usage).
'use strict';
const { StreamChat } = require('stream-chat');
const { CORPUS, USER_ID, MEETING, main } = require('./common');

const client = StreamChat.getInstance('c0rpusstrm8k', 'C0rpusStreamSecretV5n8Qx3Kd6Jh2Wc9Tz4', { timeout: 5000 });

main(async () => {
  await client
    .upsertUser({ id: USER_ID, name: CORPUS.name, email: CORPUS.email, language: 'de' })
    .catch((err) => console.error('stream upsert:', err && err.message));
  const channel = client.channel('messaging', `meeting-${MEETING.meeting_id}`, {
    name: MEETING.topic,
    created_by_id: USER_ID,
    members: [USER_ID],
  });
  await channel.create().catch((err) => console.error('stream create:', err && err.message));
  await channel
    .sendMessage({ text: 'Can everyone see my screen? Starting with the candidate list.', user_id: USER_ID })
    .catch((err) => console.error('stream message:', err && err.message));
});
