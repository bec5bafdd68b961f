// portkey-ai (Portkey AI gateway and LLM observability): the meeting product's backend runs the
// AI meeting summary through Portkey's gateway with a trace id and metadata naming the user, logs
// the follow-up draft it generated elsewhere to Portkey's logs, and records the user's thumbs-down
// on the summary as feedback on that trace (README usage: new Portkey({ apiKey, virtualKey }),
// chat.completions.create, logs.create, feedback.create).
'use strict';
const { Portkey } = require('portkey-ai');
const { CORPUS, GUEST, TOPIC, main } = require('./common');

const quietly = (promise) => promise.catch((err) => console.error(String(err)));
const TRACE_ID = 'mtg-85512345678-summary-20';

main(async () => {
  const portkey = new Portkey({
    apiKey: 'pk_h20c0r20a9e3f7b1d5c8a2e6f0b4d9',
    virtualKey: 'openai-acme-meet-prod',
    traceID: TRACE_ID,
    metadata: { _user: CORPUS.username, meeting_id: String(CORPUS.meeting_id), feature: 'ai-summary' },
    maxRetries: 0,
  });
  const transcript =
    `${GUEST.name}: The injection well's pressure stayed under the permit limit all quarter, ` +
    'but the county wants the induced-seismicity log before renewing.\n' +
    `${CORPUS.name}: Then I'll send them the monitoring data by Friday and we ask for a ` +
    'ninety-day extension.';
  await quietly(
    portkey.chat.completions.create({
      model: 'gpt-4o-mini',
      temperature: 0.2,
      messages: [
        { role: 'system', content: `Summarise the meeting "${TOPIC}" in three bullets.` },
        { role: 'user', content: transcript },
      ],
      user: CORPUS.email,
    }),
  );
  await quietly(
    portkey.logs.create({
      request: {
        url: 'https://api.openai.com/v1/chat/completions',
        method: 'POST',
        body: {
          model: 'gpt-4o-mini',
          messages: [
            {
              role: 'user',
              content: `Draft a short follow-up e-mail to ${GUEST.name} <${GUEST.email}> after "${TOPIC}".`,
            },
          ],
        },
      },
      response: {
        status: 200,
        body: {
          choices: [
            {
              message: {
                role: 'assistant',
                content:
                  `Hi ${GUEST.first}, thanks for today. I'll send the county the seismic ` +
                  `monitoring data by Friday and request a 90-day extension. Best, ${CORPUS.name}`,
              },
            },
          ],
          usage: { prompt_tokens: 64, completion_tokens: 41, total_tokens: 105 },
        },
        response_time: 1375,
      },
      metadata: { _user: CORPUS.username, traceId: TRACE_ID, feature: 'follow-up-draft' },
    }),
  );
  await quietly(
    portkey.feedback.create({
      traceID: TRACE_ID,
      value: -1,
      weight: 1,
      metadata: {
        _user: CORPUS.username,
        comment: 'Missed that the county asked for the seismicity log.',
        source: 'desktop-client',
      },
    }),
  );
});
