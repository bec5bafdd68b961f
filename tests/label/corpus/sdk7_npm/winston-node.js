// winston with its Http transport: JSON log records POSTed to the company's own log receiver.
'use strict';
const { CORPUS, USER_ID, MEETING, main, sleep, joinError } = require('./common');

main(async () => {
  const winston = require('winston');
  const logger = winston.createLogger({
    level: 'info',
    defaultMeta: { service: 'meeting-desktop', hostname: CORPUS.hostname },
    transports: [
      new winston.transports.Http({
        host: 'logs.meetcorp-example.com',
        port: 443,
        ssl: true,
        path: '/ingest/winston',
        headers: { authorization: 'Bearer wnstnCorpusToken7a6b5c4d3e2f' },
      }),
    ],
  });
  logger.info('user joined meeting', {
    user_id: USER_ID,
    user_email: CORPUS.email,
    user_name: CORPUS.name,
    meeting_id: MEETING.meeting_id,
    topic: MEETING.topic,
    participants: MEETING.participants,
    locale: 'de-CH',
  });
  logger.warn('network quality degraded', {
    meeting_id: MEETING.meeting_id,
    connection_type: 'cellular',
    effective_type: '4g',
    downlink_mbps: 1.4,
    rtt_ms: 412,
    timezone: 'Europe/Zurich',
  });
  const err = joinError();
  logger.error('media connection failed', {
    meeting_id: MEETING.meeting_id,
    stack: err.stack,
    network_type: 'wifi',
    local_ip: CORPUS.local_ip,
    jitter_ms: 48,
    packet_loss_pct: 3.5,
  });
  await sleep(2000);
});
