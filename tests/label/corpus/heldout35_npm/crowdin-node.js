// @crowdin/crowdin-api-client (Crowdin's own JavaScript client of its API v2, a localisation
// platform): the meeting product's backend sends the recorded meeting's subtitle file to
// storage and adds it to the captions project as a source file, adds a client UI string with
// its translator context, machine-translates the guest's chat lines, adds a glossary term and
// posts a reviewer's issue comment on a caption string (README usage: new Crowdin({ token }),
// uploadStorageApi.addStorage, sourceFilesApi.createFile, sourceStringsApi.addString,
// machineTranslationApi.translate, glossariesApi.addTerm, stringCommentsApi.addStringComment).
'use strict';
const { CORPUS, GUEST, TOPIC, main } = require('./common');

const PROJECT_ID = 731406;
const STORAGE_ID = 1690357218;
const FILE_ID = 4417;
const STRING_ID = 902615;
const MT_ID = 35;
const GLOSSARY_ID = 28801;

const SRT = [
  '1',
  '00:00:02,100 --> 00:00:06,480',
  `${CORPUS.name}: Welcome, everyone, to the ${TOPIC}.`,
  '',
  '2',
  '00:00:06,900 --> 00:00:12,350',
  `${GUEST.name}: Thanks. The Pier 3 gauge drifted four centimetres since the last survey.`,
  '',
  '3',
  '00:00:12,800 --> 00:00:17,020',
  `${GUEST.name}: If the data looks odd, call me on ${GUEST.phone}.`,
  '',
].join('\n');

main(async () => {
  const crowdinModule = require('@crowdin/crowdin-api-client');
  const Crowdin = crowdinModule.default || crowdinModule;
  const crowdin = new Crowdin({ token: 'h35cr0wd1nP4tb8e2c7f19a04d6e3b5c28f7a1e09d4' });
  const quietly = (promise) => promise.catch((err) => console.error(String(err && err.message)));

  await quietly(
    crowdin.uploadStorageApi.addStorage(
      `meeting-${CORPUS.meeting_id}-captions.srt`,
      Buffer.from(SRT, 'utf8'),
      'application/x-subrip',
    ),
  );
  await quietly(
    crowdin.sourceFilesApi.createFile(PROJECT_ID, {
      storageId: STORAGE_ID,
      name: `meeting-${CORPUS.meeting_id}-captions.srt`,
      title: `Captions: ${TOPIC}`,
      type: 'srt',
      context: `Live captions of meeting ${CORPUS.meeting_id}, hosted by ${CORPUS.email}`,
    }),
  );
  await quietly(
    crowdin.sourceStringsApi.addString(PROJECT_ID, {
      text: '{hostName} invited you to "{meetingTopic}" on {startDate}. Join from your browser: {joinUrl}',
      identifier: 'invite.email.body',
      fileId: FILE_ID,
      context:
        'Body of the meeting invitation e-mail. {hostName} is the organiser\'s display name, ' +
        '{meetingTopic} the meeting title. Keep the placeholders unchanged.',
      maxLength: 240,
    }),
  );
  await quietly(
    crowdin.machineTranslationApi.translate(MT_ID, {
      sourceLanguageId: 'pt-BR',
      targetLanguageId: 'en',
      strings: [
        `${CORPUS.name.split(' ')[0]}, o marégrafo do Píer 3 precisa de nova calibração antes de sexta.`,
        `Mandei as leituras brutas para ${CORPUS.email}, me avisa se chegaram.`,
      ],
    }),
  );
  await quietly(
    crowdin.glossariesApi.addTerm(GLOSSARY_ID, {
      languageId: 'en',
      text: 'tide gauge',
      description: 'Instrument that records sea level at a fixed point; "marégrafo" in pt-BR.',
      partOfSpeech: 'noun',
      status: 'preferred',
    }),
  );
  await quietly(
    crowdin.stringCommentsApi.addStringComment(PROJECT_ID, {
      stringId: STRING_ID,
      text:
        `@${GUEST.username} cue 2 says "four centimetres" but you said "four millimetres" in the ` +
        'recording at 00:00:09. Can you confirm before we publish the pt-BR subtitles?',
      targetLanguageId: 'pt-BR',
      type: 'issue',
      issueType: 'source_mistake',
    }),
  );
});
