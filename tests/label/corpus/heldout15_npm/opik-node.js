// opik (Comet Opik, LLM tracing) TypeScript SDK: a meeting backend traces the AI summary of a
// recorded meeting: a trace with a retrieval span and an LLM span with token usage, ended, then
// the user's feedback score on the trace (README usage: new Opik({apiKey, apiUrl, projectName,
// workspaceName}), client.trace, trace.span, span.end, trace.end, client.flush).
'use strict';
const { Opik } = require('opik');
const { CORPUS, GUEST, TOPIC, main, sleep } = require('./common');

main(async () => {
  const client = new Opik({
    apiKey: 'opk_h15Zr8Kq2Lm5Vx7Nw3Pb9Tc4Yd6',
    apiUrl: 'https://www.comet.com/opik/api',
    projectName: 'meeting-summaries',
    workspaceName: 'acme-meet',
  });
  const trace = client.trace({
    name: 'meeting-summary',
    threadId: `meeting-${CORPUS.meeting_id}`,
    input: { meetingId: CORPUS.meeting_id, topic: TOPIC, requestedBy: CORPUS.email },
    metadata: { userId: CORPUS.username, language: 'es-CL' },
    tags: ['summary', 'recording'],
  });
  const retrieval = trace.span({
    name: 'load-transcript',
    type: 'general',
    input: { recording: `rec-${CORPUS.meeting_id}-1` },
    output: { speakers: [CORPUS.name, GUEST.name], lines: 2 },
  });
  await sleep(120);
  retrieval.end();
  const llm = trace.span({
    name: 'summarise-transcript',
    type: 'llm',
    model: 'gpt-4o-mini',
    provider: 'openai',
    input: {
      prompt:
        `Summarise this meeting.\n[00:02:05] ${CORPUS.name}: The spillway gauge at Laguna Verde ` +
        `read 14 cm above the alert line on Tuesday.\n[00:02:31] ${GUEST.name}: Then we lower the ` +
        'reservoir two metres before the thaw peak and re-survey the dam toe.',
    },
    output: {
      summary:
        'Gauge 14 cm above alert line; reservoir to be lowered 2 m before thaw peak; dam toe ' +
        `re-survey owned by ${GUEST.name}.`,
    },
    usage: { prompt_tokens: 96, completion_tokens: 31, total_tokens: 127 },
  });
  await sleep(200);
  llm.end();
  trace.end();
  await client.flush();
  await sleep(800);
  client.logTracesFeedbackScores([
    { id: trace.data.id, name: 'user-rating', value: 0.25, reason: 'Missed the evacuation drill date.' },
  ]);
  await client.flush();
});
