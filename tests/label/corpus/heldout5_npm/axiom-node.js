// @axiomhq/js: client log events with user and meeting fields, ingested in one batch.
'use strict';
const { Axiom } = require('@axiomhq/js');
const { CORPUS, USER_ID, main } = require('./common');

main(async () => {
  const axiom = new Axiom({ token: 'xaat-corpus0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d', onError: (err) => console.error('sent; answer:', err.message) });
  axiom.ingest('meeting-client', [
    { level: 'info', msg: 'call connected', user_id: USER_ID, user_email: CORPUS.email, meeting_id: CORPUS.meeting_id, codec: 'opus', transport: 'udp' },
    { level: 'warn', msg: 'bandwidth low', meeting_id: CORPUS.meeting_id, bitrate_kbps: 180, packet_loss_pct: 3.1, network_type: 'cellular' },
  ]);
  await axiom.flush().catch((err) => console.error('sent; answer:', err.message));
});
