// @newrelic/telemetry-sdk: a metric batch (meeting quality gauges), a span batch (join trace), a log
// batch (an error line) and a custom event (meeting ended).
'use strict';
const { MetricBatch, GaugeMetric, MetricClient } = require('@newrelic/telemetry-sdk').telemetry.metrics;
const { SpanBatch, Span, SpanClient } = require('@newrelic/telemetry-sdk').telemetry.spans;
const { LogBatch, Log, LogClient } = require('@newrelic/telemetry-sdk').telemetry.logs;
const { EventBatch, Event, EventClient } = require('@newrelic/telemetry-sdk').telemetry.events;
const { CORPUS, USER_ID, main } = require('./common');

main(async () => {
  const apiKey = 'NRII-corpusInsertKey0123456789abcdef';
  const common = {
    'service.name': 'meeting-desktop',
    'host.name': CORPUS.hostname,
    'user.id': USER_ID,
    'meeting.id': CORPUS.meeting_id,
  };
  const metrics = new MetricBatch(common, Date.now(), 10000);
  metrics.addMetric(new GaugeMetric('meeting.audio.jitter_ms', 18.5));
  metrics.addMetric(new GaugeMetric('meeting.video.fps', 24));
  metrics.addMetric(new GaugeMetric('meeting.network.rtt_ms', 42, { 'network.type': 'wifi' }));
  const send = (client, batch) =>
    new Promise((resolve) => client.send(batch, (err) => {
      if (err) console.error('sent; answer:', err.message);
      resolve();
    }));
  await send(new MetricClient({ apiKey }), metrics);
  const spans = new SpanBatch(common);
  const traceId = 'c0ffee00c0ffee00c0ffee00c0ffee00';
  spans.addSpan(new Span('7a1b2c3d4e5f6071', traceId, Date.now() - 900, 'join meeting', null, 'meeting-desktop', 880));
  spans.addSpan(new Span('8b2c3d4e5f607182', traceId, Date.now() - 850, 'POST /api/v2/meetings/join', '7a1b2c3d4e5f6071', 'meeting-desktop', 310, { 'http.status_code': 200 }));
  await send(new SpanClient({ apiKey }), spans);
  const logs = new LogBatch([
    new Log(`ICE timeout joining meeting ${CORPUS.meeting_id}`, Date.now(), { level: 'error', 'user.email': CORPUS.email, 'local.ip': CORPUS.local_ip }),
  ], common);
  await send(new LogClient({ apiKey }), logs);
  const events = new EventBatch(common, [
    new Event('MeetingEnded', { meetingId: CORPUS.meeting_id, durationSeconds: 2712, participants: 7, userName: CORPUS.name }),
  ]);
  await send(new EventClient({ apiKey }), events);
});
