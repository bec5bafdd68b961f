// pino with pino-logflare (Logflare, now Supabase's logging): two structured log records.
'use strict';
const pino = require('pino');
const { createWriteStream } = require('pino-logflare');
const { CORPUS, USER_ID, MEETING, main, sleep, joinError } = require('./common');

main(async () => {
  // The in-process stream (the package's transport runs it in a worker thread).
  const stream = createWriteStream({
    apiKey: 'lfCorpusApiKey_0a1b2c3d4e5f',
    sourceToken: '7d2e9c41-5b3a-4f68-9e0d-1c2b3a4f5e6d',
    batchSize: 2,
  });
  const logger = pino({ base: { hostname: CORPUS.hostname, app: 'meeting-desktop' } }, stream);
  logger.info({ user_id: USER_ID, user_email: CORPUS.email, ...MEETING }, 'joined meeting');
  logger.error({ err: joinError(), meeting_id: MEETING.meeting_id, jitter_ms: 48 }, 'media connection failed');
  await sleep(2500);
});
