// lunary (Lunary, monitoring and analytics for AI features): a meeting client's assistant thread
// (the corpus user asks about the meeting, the assistant answers), the LLM call behind the answer
// with its token usage, and the user's thumbs-down on it (README and docs usage: lunary.init,
// openThread({userId, userProps, tags}).trackMessage, trackEvent('llm', 'start'|'end'),
// trackFeedback, flush).
'use strict';
const lunaryModule = require('lunary');
const { CORPUS, GUEST, TOPIC, main, sleep } = require('./common');

const lunary = lunaryModule.default || lunaryModule;

main(async () => {
  lunary.init({ publicKey: '4f1c9e2a-h16c-4r14-9b7d-lunary000001' });
  const thread = lunary.openThread({
    userId: CORPUS.username,
    userProps: { name: CORPUS.name, email: CORPUS.email },
    tags: ['meeting-assistant', `meeting-${CORPUS.meeting_id}`],
  });
  const question = `Summarise what ${GUEST.name} said about the reefer temperature logs in the ${TOPIC}.`;
  thread.trackMessage({ role: 'user', content: question });
  const llmRun = '9d2e7c41-h16c-4r14-8a3f-lunaryllm001';
  lunary.trackEvent('llm', 'start', {
    runId: llmRun,
    name: 'gpt-4o-mini',
    userId: CORPUS.username,
    input: [
      { role: 'system', content: `Transcript of meeting ${CORPUS.meeting_id}:\n[00:11:40] ${GUEST.name}: Container MSKU 448213 stayed at minus 18 all the way from Apapa.\n[00:12:02] ${CORPUS.name}: Then customs only needs the logger export.` },
      { role: 'user', content: question },
    ],
    params: { temperature: 0.2 },
  });
  const answer = `${GUEST.name} confirmed container MSKU 448213 held minus 18 °C from Apapa; she will send the logger export (${GUEST.email}).`;
  lunary.trackEvent('llm', 'end', {
    runId: llmRun,
    output: { role: 'assistant', content: answer },
    tokensUsage: { prompt: 212, completion: 41 },
  });
  thread.trackMessage({ role: 'assistant', content: answer });
  await lunary.flush();
  await sleep(700);
  lunary.trackFeedback(llmRun, { thumbs: 'down', comment: 'It missed the customs deadline.' });
  await lunary.flush();
  await sleep(700);
});
