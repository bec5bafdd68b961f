// deepl-node (DeepL's official Node.js client): the meeting client's live-translation feature
// translates a participant's chat message and the meeting summary for a Dutch-speaking guest,
// and adds a glossary for the project's terms (README usage: new deepl.Translator(authKey),
// translateText, createGlossary).
'use strict';
const deepl = require('deepl-node');
const { CORPUS, GUEST, TOPIC, main } = require('./common');

const quietly = (promise) => promise.catch((err) => console.error(String(err)));

main(async () => {
  const translator = new deepl.Translator('h24d33plauth0a7c9e2b4f61d8:fx', { maxRetries: 0 });
  await quietly(
    translator.translateText(
      `${GUEST.first}, could you share the soundings for berth 1742 before ${TOPIC.toLowerCase()} ends?`,
      'en',
      'nl',
      { formality: 'prefer_more' },
    ),
  );
  await quietly(
    translator.translateText(
      [
        `Summary of meeting ${CORPUS.meeting_id} (${TOPIC}), hosted by ${CORPUS.name}.`,
        `Action: ${GUEST.name} (${GUEST.email}) sends the cross-sections by Friday.`,
      ],
      'en',
      'nl',
      { context: 'Minutes of a port engineering meeting', preserveFormatting: true },
    ),
  );
  await quietly(
    translator.createGlossary('berth-1742-terms', 'en', 'nl', new deepl.GlossaryEntries({
      entries: { 'maintenance dredge': 'onderhoudsbaggerwerk', 'draft restriction': 'diepgangsbeperking' },
    })),
  );
});
