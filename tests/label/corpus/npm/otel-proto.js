// @opentelemetry/exporter-trace-otlp-proto: the same spans as OTLP/HTTP protobuf.
'use strict';
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-proto');
const { run } = require('./otel-common');

run(new OTLPTraceExporter({ url: 'https://otel-collector.example.com/v1/traces' }));
