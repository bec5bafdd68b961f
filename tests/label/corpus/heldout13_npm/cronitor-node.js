// cronitor (Cronitor job and heartbeat monitoring, telemetry pings): a meeting backend's
// transcription worker registers its job monitor, reports a run that starts and fails with the
// error message, and flushes its loop counters (README usage: require('cronitor')(apiKey),
// Monitor.put, new Monitor(key).ping({state, message, series, host}), new Event(key).tick/error).
'use strict';
const { CORPUS, main } = require('./common');
const cronitor = require('cronitor')('c0rpus13CronitorApiKeyQw8Er5Ty2Ui9Op', {
  environment: 'production',
});

const JOB = `transcribe-meeting-recordings`;
const SERIES = '5f0c13a2-8d1e-4b7a-9c3f-c0r13series01';

main(async () => {
  await cronitor.Monitor.put({
    type: 'job',
    key: JOB,
    name: 'Transcribe meeting recordings',
    schedule: '*/15 * * * *',
    notify: ['meeting-ops'],
    note: `Owner: ${CORPUS.name} <${CORPUS.email}>. Pages on-call when transcripts are late.`,
    assertions: ['metric.duration < 10 minutes'],
  }).catch((err) => console.error('put:', err && err.message));
  const monitor = new cronitor.Monitor(JOB);
  await monitor.ping({ state: 'run', series: SERIES, host: CORPUS.hostname });
  await monitor.ping({
    state: 'fail',
    series: SERIES,
    host: CORPUS.hostname,
    message: `meeting ${CORPUS.meeting_id} (Q3 freight capacity review): speaker "Tomasz Kowalczyk" audio track missing, transcript incomplete`,
    metrics: { duration: 412, count: 1, error_count: 1 },
  });
  const loop = new cronitor.Event('meeting-webhook-consumer', { intervalSeconds: 30 });
  loop.tick(17);
  loop.error();
  await loop.stop();
});
