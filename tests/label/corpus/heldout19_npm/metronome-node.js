// @metronome/sdk (Metronome usage-based billing and metering): the meeting backend registers the
// corpus user's organisation as a billed customer, then sends the usage events of the meeting
// she hosted (recorded minutes, transcription minutes, AI summary tokens) and reads the
// customer's usage back (README usage: new Metronome({bearerToken}), client.v1.customers.create,
// client.v1.usage.ingest, client.v1.usage.list).
'use strict';
const Metronome = require('@metronome/sdk');
const { CORPUS, main } = require('./common');

const quietly = (promise) => promise.catch((err) => console.error(String(err)));
const CUSTOMER = '5f0c2e7a-h19c-4r19-9b1d-6a3e8c4f2d07';

main(async () => {
  const client = new Metronome({ bearerToken: 'mtr_h19c0r19Kp4Wq8Zs2Xv6Nb3Lt7', maxRetries: 0 });
  await quietly(
    client.v1.customers.create({
      name: `${CORPUS.name} (Acme Meet workspace)`,
      external_id: 'acme-meet-ws-40871',
      ingest_aliases: [CORPUS.email],
      custom_fields: { plan: 'Business', owner: CORPUS.username },
    }),
  );
  const ended = '2026-12-07T15:52:00Z';
  const meeting = String(CORPUS.meeting_id);
  await quietly(
    client.v1.usage.ingest({
      usage: [
        {
          customer_id: CORPUS.email,
          event_type: 'meeting_recorded',
          timestamp: ended,
          transaction_id: `rec-${meeting}-1`,
          properties: { meeting_id: meeting, host: CORPUS.username, minutes: 52 },
        },
        {
          customer_id: CORPUS.email,
          event_type: 'transcription',
          timestamp: ended,
          transaction_id: `tr-${meeting}-1`,
          properties: { meeting_id: meeting, minutes: 52, language: 'en' },
        },
        {
          customer_id: CORPUS.email,
          event_type: 'ai_summary',
          timestamp: ended,
          transaction_id: `ai-${meeting}-1`,
          properties: { meeting_id: meeting, input_tokens: 18342, output_tokens: 611 },
        },
      ],
    }),
  );
  await quietly(
    client.v1.usage.list({
      starting_on: '2026-12-01T00:00:00Z',
      ending_before: '2026-12-08T00:00:00Z',
      window_size: 'DAY',
      customer_ids: [CUSTOMER],
    }),
  );
});
