// @baselime/winston-transport (Baselime, log and trace observability; a winston transport): the
// meeting client's Node main process logs through winston with Baselime as a transport, so its
// logs of a call (joining, a network warning, a failed recording upload) go to Baselime's events
// API in batches (README usage: winston.createLogger({ transports: [new BaselimeTransport({
// baselimeApiKey })] }), logger.info / warn / error).
'use strict';
const winston = require('winston');
const { BaselimeTransport } = require('@baselime/winston-transport');
const { CORPUS, TOPIC, main, sleep } = require('./common');

main(async () => {
  const transport = new BaselimeTransport({
    baselimeApiKey: 'h23blk_4f9a1c7e2d8b5a3f6c0e9d1b7a4c2e8f',
    service: 'meeting-desktop',
    namespace: 'call',
  });
  const logger = winston.createLogger({
    level: 'info',
    defaultMeta: { app_version: '5.19.2', platform: 'win32', os_release: '10.0.22631' },
    transports: [transport],
  });
  logger.info('joined meeting', {
    meeting_id: CORPUS.meeting_id,
    topic: TOPIC,
    user: CORPUS.email,
    role: 'host',
    audio_device: 'Jabra Evolve2 65',
  });
  logger.warn('network degraded', {
    meeting_id: CORPUS.meeting_id,
    packet_loss_pct: 7.4,
    jitter_ms: 61,
    rtt_ms: 412,
    connection: 'wifi',
    local_ip: CORPUS.local_ip,
  });
  await sleep(800);
  const err = new Error('recording upload failed: 413 Payload Too Large');
  logger.error('recording upload failed', {
    meeting_id: CORPUS.meeting_id,
    file: `C:\\Users\\${CORPUS.username}\\Documents\\Meetings\\${CORPUS.meeting_id}.mp4`,
    size_bytes: 734003200,
    stack: err.stack,
  });
  await sleep(800);
});
