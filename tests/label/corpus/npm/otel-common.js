// Spans a meeting client's tracer would make, with the resource attributes of the Python
// scenario (sdk_runs._otel_resource): service, host name, OS type; exported on shutdown.
'use strict';
const { BasicTracerProvider, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const { CORPUS, main } = require('./common');

function run(exporter) {
  main(async () => {
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({
        'service.name': 'meeting-client',
        'service.version': '5.17.11',
        'host.name': CORPUS.hostname,
        'os.type': 'linux',
      }),
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });
    const tracer = provider.getTracer('meeting.client');
    const span = tracer.startSpan('join_meeting', { attributes: { 'meeting.participants': 6 } });
    span.end();
    await provider.forceFlush();
    await provider.shutdown();
  });
}

module.exports = { run };
