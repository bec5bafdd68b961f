"""Body and flow decoders: turn a flow into `Field`s (path = decoding chain, scalar value).

Public API: `decode_flow(record, *, limits=None) -> DecodedFlow` and
`decode_body(data, content_type, content_encoding, path, limits) -> (fields, errors)`.
Neither raises on malformed input; `DecodeLimits` bounds memory, time and output size.
Long strings are cut to `DecodeLimits.max_value_chars` (4 KiB) and binary values kept as a hex
preview ("hex:0a1b…"); see `auditor.decode._core`.

Path conventions (`Field.path`, outermost first; `Field.where` joins them with " › "):

- roots: "url" (query: `url › query › KEY`; base64-JSON path segments: `url › path › segment N`),
  "header" (`header › NAME`, cookies `header › Cookie › NAME`), "body", "websocket"
  (`websocket › message N`), "response"; `Field.source` says the same.
- content-encodings undone, in decoding order: `body › br › gzip › …`; sniffed ones too.
- JSON objects by key, arrays by index (`… › batch › 0 › email`); JSON text inside a string adds
  `› json`, base64 of JSON adds `› base64 › json` (of gzip'd JSON `› base64 › gzip › json`), a
  JWT adds `› jwt › header|payload` (never the signature).
- structure normalised inside values (issue 15): a `key:value,key=value` tag string adds
  `› tags › KEY` (`… › ddtags › tags › os`), as does each `key:value` item of a list under a
  tags key; a list of [name, value] pairs adds `› pairs › NAME`; NDJSON lines inside a string
  add `› json › line N`; base64 of readable text adds `› base64` (the decoded text). Dotted
  keys (`usr.id`) stay as sent; the labeller reads them as parent and key. logfmt `key=value`
  pairs in log text add `› pairs › KEY` (and the line prefix's level word `› pairs › level`).
- metrics and log text bodies (sniffed under text/plain, octet-stream or no type): InfluxDB line
  protocol `line N › measurement|timestamp`, `line N › tags › KEY`, `line N › fields › KEY`;
  Prometheus/OpenMetrics exposition text `line N › metric|value|timestamp`,
  `line N › labels › KEY`; logfmt lines `line N › pairs › KEY`; Wavefront metric, histogram
  and span lines, Graphite plaintext and StatsD (`metric_lines.py`, also inside a string)
  `line N › metric|value|timestamp|source|operation|traceId|spanId|start|duration`,
  `line N › tags › KEY`, `line N › centroid K › count|value`. The Pushgateway path
  `/metrics/job/<job>/<label>/<value>` gives `url › path › labels › KEY`.
- containers: `line N` (NDJSON, 1DS x-json-stream, GA4 lines), `envelope header`,
  `envelope item N › item header`, `envelope item N › TYPE › …` (Sentry), multipart parts by
  name (`… › NAME › filename|size|content_type` for files, plus `… › NAME › file › …` when the
  file is JSON, a form, an envelope or a zip), `jspb` (Google positional arrays),
  `protobuf › FIELD_NUMBER …`, `grpc message N`, `bond › record N › FIELD_ID …`,
  `zip › N › name|size` (archive entries, never extracted), `zlib` (headerless zlib streams),
  `strings › N` (printable runs of unknown binary).
- content recognised whatever the declared type: a recording by its magic bytes
  (`… › media = audio/wav`, kind `audio/wav`; decode/media.py), never its samples, also as
  base64 in a string (`… › content › base64 › media`); text files
  (`… › webvtt|srt › cue N › speaker|text`, `… › icalendar › …`) and speaker-attributed text
  (`… › dialogue › turn N › speaker|text`: minutes in an e-mail string or a `.txt` part).
- bracketed form and query keys are nested paths: `address[city]=…` → `body › address › city`.
- XML-RPC calls and responses (decode/xmlrpc.py): `body › xmlrpc › methodName`, positional
  parameters `… › xmlrpc › params › param N` (named `db`, `uid`, `password`, `login`, … for the
  object-service convention's `execute_kw`/`login` at `/xmlrpc/[2/]object|common`), struct
  members by name, arrays by index, a fault's `… › xmlrpc › fault › faultString`.
- a command string in a value (`crm.deal.add?fields[TITLE]=…&…`: a path-like method, `?`, a
  query) adds `… › querystring › fields › TITLE`, bracketed keys nested as in forms.
- `Field.in_stack_frame` marks source-code context of error reports (Sentry `pre_context`,
  `context_line`, `post_context`, `vars`; Bugsnag `code`; Rollbar `code`, `context`, `locals`).

`DecodedFlow.body_kinds` lists the formats met, e.g. ["br", "sentry-envelope"] or
["gzip", "protobuf"]; `errors` are one-line strings such as
"decoded size exceeds cap (8388608 bytes) at body › gzip".
"""

from auditor.decode._core import DecodeLimits
from auditor.decode.body import decode_body
from auditor.decode.flow import DecodedFlow, decode_flow

__all__ = ["DecodeLimits", "DecodedFlow", "decode_body", "decode_flow"]
