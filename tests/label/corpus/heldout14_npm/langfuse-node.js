// langfuse (Langfuse LLM observability, the v3 JS client): a meeting backend traces the AI summary
// of a recorded meeting: a trace for the user's session with a retrieval span, the LLM generation
// (prompt with transcript lines, the summary, token usage), then the user's feedback score and an
// event when the summary is shared (usage: new Langfuse({publicKey, secretKey, baseUrl}),
// trace(), span().end(), generation().end(), score(), event(), flushAsync, shutdownAsync).
'use strict';
const { Langfuse } = require('langfuse');
const { CORPUS, GUEST, TOPIC, main } = require('./common');

main(async () => {
  const langfuse = new Langfuse({
    publicKey: 'pk-lf-c0r14a7e-5b2d-4f1c-9e8a-h14langfuse1',
    secretKey: 'sk-lf-c0r14b9d-3e6f-4a2c-8d7b-h14langfuse2',
    baseUrl: 'https://cloud.langfuse.com',
    flushAt: 100,
  });
  const trace = langfuse.trace({
    name: 'meeting-summary',
    userId: CORPUS.username,
    sessionId: 'sess_h14_7f3a91c2',
    tags: ['summary', 'recording'],
    metadata: { meetingId: CORPUS.meeting_id, topic: TOPIC, language: 'en' },
    input: { meetingId: CORPUS.meeting_id },
  });
  const span = trace.span({
    name: 'load-transcript',
    input: { meetingId: CORPUS.meeting_id },
    output: { segments: 42, speakers: [CORPUS.name, GUEST.name] },
  });
  span.end();
  await langfuse.flushAsync();

  const generation = trace.generation({
    name: 'summarise-transcript',
    model: 'gpt-4o-mini',
    modelParameters: { temperature: 0.2, maxTokens: 400 },
    input: [
      { role: 'system', content: 'Summarise the meeting transcript in five bullet points.' },
      {
        role: 'user',
        content:
          `[00:01:12] ${CORPUS.name}: Statnett moved our grid connection date to Q2 2028.\n` +
          `[00:01:40] ${GUEST.name}: Then the cable pull has to wait, and we pay the standby fee for the vessel.`,
      },
    ],
  });
  generation.end({
    output:
      `- The grid connection date moved to Q2 2028.\n- ${GUEST.name} warned that the vessel standby fee applies while the cable pull waits.`,
    usage: { input: 1830, output: 212, unit: 'TOKENS' },
  });
  await langfuse.flushAsync();

  trace.score({ name: 'user-feedback', value: 0, comment: 'The summary left out the grid fee question.' });
  trace.event({
    name: 'summary-shared',
    metadata: { recipients: [GUEST.email], channel: 'email' },
  });
  await langfuse.shutdownAsync();
});
