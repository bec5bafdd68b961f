"""The capture engine: an embedded mitmproxy whose addons turn flows into plain records.

`proxy.CaptureEngine` runs the proxy in its own thread, `addon.CaptureAddon` copies flows into
`auditor.records.FlowRecord`s, `attribution.ProcessResolver` ties each connection to a process,
and `sink.FlowSink` labels and stores the records on another thread. `session.CaptureRun` puts
them together for `auditor capture` and `auditor launch`.
"""
