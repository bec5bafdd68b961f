// @localazy/api-client (Localazy's own Node.js client of its API, a localisation platform):
// the meeting product's backend imports the recorded meeting's caption cues as source keys so
// that volunteers translate the subtitles, asks Localazy AI to translate the meeting's invite
// reminder for the guest with a translator comment, and adds a glossary term (README usage:
// new ApiClient({ authToken }), import.json, ai.translate, glossary.create).
'use strict';
const { CORPUS, GUEST, TOPIC, main } = require('./common');

const PROJECT_ID = '_a8217406153b2d4c7e91';

main(async () => {
  const { ApiClient } = require('@localazy/api-client');
  const localazy = new ApiClient({ authToken: 'h35l0c4l4zy-2f8b1d7e0c94a36f5e2d81b07c4a9e63' });
  const quietly = (promise) => promise.catch((err) => console.error(String(err && err.message)));

  await quietly(
    localazy.import.json({
      project: PROJECT_ID,
      json: {
        en: {
          captions: {
            cue_0001: `${CORPUS.name}: Welcome, everyone, to the ${TOPIC}.`,
            cue_0002: `${GUEST.name}: The Pier 3 gauge drifted four centimetres since the last survey.`,
            cue_0003: `${GUEST.name}: I will send the raw readings to ${CORPUS.email} tonight.`,
          },
        },
      },
      fileOptions: { name: `meeting-${CORPUS.meeting_id}-captions.json`, path: 'captions' },
    }),
  );
  await quietly(
    localazy.ai.translate({
      project: PROJECT_ID,
      from: 'en',
      to: 'pt-BR',
      items: [
        {
          key: 'reminder.starting_soon',
          source: `Your meeting ${TOPIC} starts in 15 minutes. ${CORPUS.name} is waiting for you.`,
          comment: `Reminder sent to ${GUEST.name} (${GUEST.email}); informal "você".`,
          lengthLimit: 160,
        },
      ],
    }),
  );
  await quietly(
    localazy.glossary.create({
      project: PROJECT_ID,
      description: 'Sea-level instrument; keep consistent in captions and UI.',
      translateTerm: true,
      caseSensitive: false,
      term: [
        { lang: 'en', term: 'tide gauge' },
        { lang: 'pt_BR', term: 'marégrafo' },
      ],
    }),
  );
});
