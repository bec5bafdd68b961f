// @opentelemetry/exporter-trace-otlp-http: spans of a meeting join as OTLP/HTTP JSON.
'use strict';
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const { run } = require('./otel-common');

run(new OTLPTraceExporter({ url: 'https://otel-collector.example.com/v1/traces' }));
