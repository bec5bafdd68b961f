// @mistralai/mistralai (Mistral AI's official TypeScript client): the meeting assistant's backend
// summarises the meeting's transcript, embeds its chunks for search over past meetings and runs a
// moderation check on a chat message before it shows it to the room (README usage:
// new Mistral({ apiKey }), chat.complete, embeddings.create, classifiers.moderateChat).
'use strict';
const { Mistral } = require('@mistralai/mistralai');
const { CORPUS, GUEST, TOPIC, main } = require('./common');

const quietly = (promise) => promise.catch((err) => console.error(String(err)));

const TRANSCRIPT =
  `[00:00] ${CORPUS.name}: Thanks for joining, ${GUEST.first}. Let's go through the soundings.\n` +
  `[00:41] ${GUEST.name}: The north end of berth 1742 is 40 cm shallower than in March; we ` +
  'need a maintenance dredge before the January draft restriction.\n' +
  `[02:15] ${CORPUS.name}: Can you send the cross-sections to me by Friday?\n` +
  `[02:22] ${GUEST.name}: Yes, and I will copy the harbour master.`;

main(async () => {
  const mistral = new Mistral({ apiKey: 'h24mistralK3y9d0c2f7b1a6e4', retryConfig: { strategy: 'none' } });
  await quietly(
    mistral.chat.complete({
      model: 'mistral-small-latest',
      messages: [
        {
          role: 'system',
          content: 'You write the meeting summary: decisions, action items with owners, risks.',
        },
        {
          role: 'user',
          content: `Meeting ${CORPUS.meeting_id} "${TOPIC}", host ${CORPUS.email}.\n${TRANSCRIPT}`,
        },
      ],
      temperature: 0.2,
      user: CORPUS.username,
    }),
  );
  await quietly(
    mistral.embeddings.create({
      model: 'mistral-embed',
      inputs: [
        `${GUEST.name}: The north end of berth 1742 is 40 cm shallower than in March.`,
        `${CORPUS.name}: Can you send the cross-sections to me by Friday?`,
      ],
    }),
  );
  await quietly(
    mistral.classifiers.moderateChat({
      model: 'mistral-moderation-latest',
      inputs: [
        {
          role: 'user',
          content: `@${GUEST.first} call me on my mobile after this, ${GUEST.phone}, it's urgent`,
        },
      ],
    }),
  );
});
