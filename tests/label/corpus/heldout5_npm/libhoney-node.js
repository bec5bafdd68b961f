// libhoney (Honeycomb): wide events for a meeting join and a media-quality sample, one batch.
'use strict';
const Libhoney = require('libhoney');
const { CORPUS, USER_ID, main, sleep } = require('./common');

main(async () => {
  // libhoney parses the answer as JSON and throws on the sinkhole's empty 204 (after sending).
  process.on('uncaughtException', (err) => console.error('sent; answer:', err.message));
  const hny = new Libhoney({
    writeKey: 'hcaik_01corpuswritekey7h3k9m2p4q6r8s0t',
    dataset: 'meeting-client',
    apiHost: 'https://api.honeycomb.io',
    batchTimeTrigger: 50,
  });
  hny.sendNow({
    name: 'meeting.join',
    'user.id': USER_ID,
    'user.email': CORPUS.email,
    'meeting.id': CORPUS.meeting_id,
    'app.version': '6.2.4',
    'os.type': 'linux',
    duration_ms: 880,
  });
  hny.sendNow({
    name: 'media.quality',
    'meeting.id': CORPUS.meeting_id,
    jitter_ms: 18.5,
    packet_loss_pct: 0.4,
    rtt_ms: 42,
    'net.connection_type': 'wifi',
  });
  // flush() never settles once the answer failed to parse: give the batch time to go out.
  hny.flush();
  await sleep(1500);
});
