"""The traffic summary as data: one pass over the flows, then every format renders this.

`build_report` is pure: records, session facts, markers and (optionally) a redactor in, a
`ReportData` out. Keys and nesting of `ReportData.to_json()` are the versioned JSON report
(`auditor/schemas/report.schema.json`, `SCHEMA_VERSION`).
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from auditor import __version__
from auditor.diff import normalise_path
from auditor.records import VERDICTS, FlowRecord

if TYPE_CHECKING:
    from auditor.export.redact import Redactor
    from auditor.policy.purposes import PurposeAnswer

SCHEMA_VERSION = "1.1"
SCHEMA_ID = "https://meeting-privacy-auditor.invalid/schemas/report-1.0.json"

IDENTIFIER_PREFIXES = ("identifiers.", "contact_info.", "location.")
MUTE_STARTS = ("muted", "camera_off")
MUTE_ENDS = {"muted": "unmuted", "camera_off": "camera_on"}


@dataclass
class CountRow:
    key: str
    flows: int = 0
    bytes: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "flows": self.flows, "bytes": self.bytes, **self.extra}


@dataclass
class MarkerInfo:
    ts: float
    kind: str
    note: str = ""
    session: str = ""


@dataclass
class SessionFacts:
    name: str
    first_ts: float | None = None
    last_ts: float | None = None
    flow_count: int = 0
    apps: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class ReportData:
    title: str
    generated_at: float
    redacted: bool
    sessions: list[SessionFacts]
    totals: dict[str, int]
    by_label: list[CountRow]
    by_entity: list[CountRow]
    by_party: list[CountRow]
    by_process: list[CountRow]
    by_kind: list[CountRow]
    top_endpoints: list[CountRow]
    identifiers: list[dict[str, Any]]
    verdicts: list[dict[str, Any]]
    verdict_versions: list[dict[str, Any]]
    policy_versions: dict[str, list[str]]
    timeline: dict[str, Any]
    method: dict[str, Any]
    # The purpose answer (auditor.policy.purposes.PurposeAnswer): the report's first section.
    purposes: PurposeAnswer | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "$schema": SCHEMA_ID,
            "schema_version": SCHEMA_VERSION,
            "generator": f"Meeting Privacy Auditor {__version__}",
            "title": self.title,
            "generated_at": self.generated_at,
            "redacted": self.redacted,
            "purposes": self.purposes.to_json() if self.purposes is not None else None,
            "sessions": [
                {
                    "name": s.name,
                    "first_ts": s.first_ts,
                    "last_ts": s.last_ts,
                    "flows": s.flow_count,
                    "apps": list(s.apps),
                    "capture_mode": ", ".join(capture_modes(s.meta)) or None,
                }
                for s in self.sessions
            ],
            "totals": dict(self.totals),
            "by_label": [r.to_json() for r in self.by_label],
            "by_entity": [r.to_json() for r in self.by_entity],
            "by_party": [r.to_json() for r in self.by_party],
            "by_process": [r.to_json() for r in self.by_process],
            "by_kind": [r.to_json() for r in self.by_kind],
            "top_endpoints": [r.to_json() for r in self.top_endpoints],
            "identifiers": list(self.identifiers),
            "verdicts": list(self.verdicts),
            "verdict_versions": list(self.verdict_versions),
            "policy_versions": {k: list(v) for k, v in self.policy_versions.items()},
            "timeline": self.timeline,
            "method": self.method,
        }


def capture_modes(meta: Mapping[str, Any]) -> list[str]:
    """How a session was captured, from the session metadata capture and launch record
    (`modes`: mitmproxy modes such as "regular" or "local:zoom"; `source`: capture, launch,
    demo) and what imports add."""
    raw = meta.get("modes") or meta.get("mode") or meta.get("capture_mode") or []
    modes = [str(m) for m in (raw if isinstance(raw, list | tuple) else [raw]) if m]
    source = meta.get("source")
    if source == "launch":
        program = meta.get("program")
        name = program[0] if isinstance(program, list | tuple) and program else program
        modes.append(f"launch ({name})" if name else "launch")
    elif source and source != "capture":
        modes.append(str(source))
    if meta.get("import_format"):
        modes.append(f"import ({meta['import_format']})")
    return modes


def _redacted_facts(facts: SessionFacts, redactor: Redactor) -> SessionFacts:
    """Session metadata may name a program path or a note with personal values."""

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return redactor.redact_text(value)
        if isinstance(value, list | tuple):
            return [clean(v) for v in value]
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        return value

    return SessionFacts(
        facts.name, facts.first_ts, facts.last_ts, facts.flow_count, list(facts.apps),
        clean(dict(facts.meta)),
    )  # fmt: skip


def _size(record: FlowRecord) -> tuple[int, int]:
    """(bytes sent, bytes received): payload sizes when known, else the wire counters."""
    sent = record.bytes_sent
    received = record.bytes_received
    if not sent and record.request is not None:
        sent = record.request.sent_size
    if not received and record.response is not None:
        received = record.response.size
    if record.websocket:
        ws_sent = sum(m.size for m in record.websocket if m.from_client)
        ws_recv = sum(m.size for m in record.websocket if not m.from_client)
        sent = max(sent, ws_sent)
        received = max(received, ws_recv)
    return sent, received


def _worst(verdicts: Iterable[str]) -> str | None:
    ranks = [VERDICTS.index(v) for v in verdicts if v in VERDICTS]
    return VERDICTS[max(ranks)] if ranks else None


def _rows(
    counter: Mapping[str, list[int]], extra: Mapping[str, dict[str, Any]] | None = None
) -> list[CountRow]:
    rows = [
        CountRow(key, flows, nbytes, dict((extra or {}).get(key, {})))
        for key, (flows, nbytes) in counter.items()
    ]
    rows.sort(key=lambda r: (-r.flows, -r.bytes, r.key))
    return rows


def _bucket_seconds(span: float) -> int:
    for step in (1, 5, 10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400):
        if span / step <= 120:
            return step
    return 86400 * max(1, int(span / 86400 / 120) + 1)


def _muted_periods(markers: Sequence[MarkerInfo], end: float | None) -> list[dict[str, Any]]:
    periods: list[dict[str, Any]] = []
    open_since: dict[str, float] = {}
    for m in sorted(markers, key=lambda m: m.ts):
        if m.kind in MUTE_STARTS:
            open_since.setdefault(m.kind, m.ts)
        else:
            for start_kind, end_kind in MUTE_ENDS.items():
                if m.kind == end_kind and start_kind in open_since:
                    periods.append(
                        {"kind": start_kind, "start": open_since.pop(start_kind), "end": m.ts}
                    )
    for kind, since in open_since.items():
        periods.append({"kind": kind, "start": since, "end": end if end is not None else since})
    periods.sort(key=lambda p: p["start"])
    return periods


def timeline_rows(document: str, rows: Iterable[Any]) -> list[dict[str, Any]]:
    """`PolicyEngine.timeline` rows (category, entity, party, flows, verdicts and sections per
    version) as report dicts."""
    return [
        {
            "document": document,
            "category": row.category,
            "entity": row.entity,
            "party": row.party,
            "flows": row.flows,
            "verdicts": dict(sorted(row.verdicts.items())),
            "sections": dict(sorted(row.sections.items())),
        }
        for row in rows
    ]


def build_report(
    records: Iterable[FlowRecord],
    *,
    sessions: Sequence[SessionFacts] = (),
    markers: Sequence[MarkerInfo] = (),
    redactor: Redactor | None = None,
    policy_timeline: Callable[[list[FlowRecord]], list[dict[str, Any]]] | None = None,
    purposes: Callable[[list[FlowRecord]], PurposeAnswer] | None = None,
    title: str | None = None,
    top_n: int = 25,
    now: float | None = None,
) -> ReportData:
    """One pass over `records` (bodies are not needed). With a `redactor` (see
    `auditor.export.redact.Redactor`), URLs, excerpts and process details are redacted first."""
    labels: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    entities: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    entity_extra: dict[str, dict[str, Any]] = {}
    entity_labels: dict[str, Counter[str]] = defaultdict(Counter)
    parties: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    processes: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    process_extra: dict[str, dict[str, Any]] = {}
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    endpoints: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    endpoint_extra: dict[str, dict[str, Any]] = {}
    endpoint_labels: dict[str, set[str]] = defaultdict(set)
    identifiers: dict[tuple[str, str, str], dict[str, Any]] = {}
    verdict_cells: dict[tuple[str, str, str], dict[str, Any]] = {}
    policy_versions: dict[str, set[str]] = defaultdict(set)
    fallback_versions: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    user_agents: Counter[str] = Counter()
    tls_failed: dict[str, dict[str, Any]] = {}
    sources: Counter[str] = Counter()
    hosts: set[str] = set()
    buckets_raw: list[tuple[float, int]] = []
    totals = Counter[str]()
    truncated = 0
    sinkholed = 0
    first_ts: float | None = None
    last_ts: float | None = None
    kept: list[FlowRecord] = []

    for original in records:
        rec = redactor.redact_record(original) if redactor is not None else original
        if policy_timeline is not None or purposes is not None:
            kept.append(original)
        sent, received = _size(rec)
        nbytes = sent + received
        totals["flows"] += 1
        totals["bytes_sent"] += sent
        totals["bytes_received"] += received
        first_ts = rec.ts if first_ts is None else min(first_ts, rec.ts)
        last_ts = max(last_ts or rec.ts, rec.ts_end or rec.ts)
        buckets_raw.append((rec.ts, nbytes))
        sources[rec.source] += 1
        host = rec.host or "(unknown)"
        hosts.add(host)
        cats = sorted(set(rec.label_categories())) or ["(no label)"]
        for cat in cats:
            labels[cat][0] += 1
            labels[cat][1] += nbytes
        ent = rec.entity.name or rec.entity.domain or "(unknown)"
        entities[ent][0] += 1
        entities[ent][1] += nbytes
        entity_extra.setdefault(ent, {"party": rec.entity.party, "domain": rec.entity.domain})
        entity_labels[ent].update(c for c in cats if c != "(no label)")
        parties[rec.entity.party or "unknown"][0] += 1
        parties[rec.entity.party or "unknown"][1] += nbytes
        proc = rec.process.name or "(unknown process)"
        pkey = f"{proc} ({rec.process.app})" if rec.process.app else proc
        processes[pkey][0] += 1
        processes[pkey][1] += nbytes
        process_extra.setdefault(pkey, {"process": rec.process.name, "app": rec.process.app})
        kinds[rec.kind][0] += 1
        kinds[rec.kind][1] += nbytes
        if rec.request is not None:
            try:
                path = urlsplit(rec.request.url).path or "/"
            except ValueError:
                path = rec.request.path.split("?", 1)[0]
            # Ids in paths (meeting, thread, user) are neither endpoints nor shareable.
            path = normalise_path(path)
            ekey = f"{rec.request.method} {rec.request.host}{path}"
            endpoints[ekey][0] += 1
            endpoints[ekey][1] += nbytes
            endpoint_extra.setdefault(
                ekey,
                {
                    "method": rec.request.method,
                    "host": rec.request.host,
                    "path": path,
                    "entity": rec.entity.name,
                    "party": rec.entity.party,
                },
            )
            endpoint_labels[ekey].update(c for c in cats if c != "(no label)")
            ua = rec.request.header("user-agent")
            if ua:
                user_agents[ua] += 1
            if rec.request.body_truncated or (
                rec.response is not None and rec.response.body_truncated
            ):
                truncated += 1
        if rec.kind == "tls_failed":
            tkey = rec.sni or host
            item = tls_failed.setdefault(
                tkey,
                {
                    "host": tkey,
                    "flows": 0,
                    "processes": set(),
                    "errors": set(),
                    "entity": rec.entity.name,
                },
            )
            item["flows"] += 1
            if rec.process.name:
                item["processes"].add(rec.process.name)
            if rec.error:
                item["errors"].add(rec.error)
        if rec.sinkholed:
            sinkholed += 1
        for label in rec.labels:
            if not label.category.startswith(IDENTIFIER_PREFIXES):
                continue
            for ev in label.evidence or []:
                ikey = (label.category, ev.where, ev.excerpt)
                entry = identifiers.setdefault(
                    ikey,
                    {
                        "category": label.category,
                        "where": ev.where,
                        "excerpt": ev.excerpt,
                        "rule": ev.rule,
                        "flows": 0,
                        "hosts": set(),
                    },
                )
                entry["flows"] += 1
                entry["hosts"].add(host)
        for finding in rec.policy:
            fkey = (finding.document, finding.category or "", ent, rec.entity.party or "unknown")
            frow = fallback_versions.setdefault(
                fkey,
                {
                    "document": finding.document,
                    "category": finding.category or "",
                    "entity": ent,
                    "party": rec.entity.party or "unknown",
                    "flows": 0,
                    "verdicts": {},
                    "sections": {},
                },
            )
            frow["flows"] += 1
            previous = frow["verdicts"].get(finding.version)
            if previous is None or _worst([previous, finding.verdict]) != previous:
                frow["verdicts"][finding.version] = finding.verdict
                frow["sections"][finding.version] = finding.section
            vkey = (finding.document, finding.section, finding.version)
            policy_versions[finding.document].add(finding.version)
            cell = verdict_cells.setdefault(
                vkey,
                {
                    "document": finding.document,
                    "section": finding.section,
                    "version": finding.version,
                    "quote": finding.quote,
                    "verdicts": Counter(),
                    "categories": set(),
                    "permits": set(finding.permits),
                    "explanations": [],
                    "flows": 0,
                },
            )
            cell["verdicts"][finding.verdict] += 1
            if finding.explanation and finding.explanation not in cell["explanations"]:
                cell["explanations"].append(finding.explanation)
            cell["flows"] += 1
            if finding.category:
                cell["categories"].add(finding.category)

    # Timeline buckets.
    span = (last_ts - first_ts) if first_ts is not None and last_ts is not None else 0.0
    step = _bucket_seconds(max(span, 1.0))
    bucket_map: dict[float, list[int]] = defaultdict(lambda: [0, 0])
    for ts, nbytes in buckets_raw:
        start = ts - (ts % step)
        bucket_map[start][0] += 1
        bucket_map[start][1] += nbytes
    marker_list = sorted(markers, key=lambda m: m.ts)
    timeline = {
        "bucket_seconds": step,
        "start": first_ts,
        "end": last_ts,
        "buckets": [
            {"ts": ts, "flows": fb[0], "bytes": fb[1]} for ts, fb in sorted(bucket_map.items())
        ],
        "markers": [
            {
                "ts": m.ts,
                "kind": m.kind,
                "note": redactor.redact_text(m.note) if redactor else m.note,
                "session": m.session,
            }
            for m in marker_list
        ],
        "muted_periods": _muted_periods(marker_list, last_ts),
    }

    verdicts = []
    for cell in verdict_cells.values():
        worst = _worst(cell["verdicts"])
        verdicts.append(
            {
                "document": cell["document"],
                "section": cell["section"],
                "version": cell["version"],
                "verdict": worst,
                "verdict_counts": dict(cell["verdicts"]),
                "quote": cell["quote"],
                "categories": sorted(cell["categories"]),
                "permits": sorted(cell["permits"]),
                "explanation": " ".join(cell["explanations"][:3]),
                "flows": cell["flows"],
            }
        )
    verdicts.sort(
        key=lambda v: (
            -VERDICTS.index(v["verdict"]) if v["verdict"] in VERDICTS else 0,
            v["document"],
            v["section"],
            v["version"],
        )
    )
    verdict_versions = policy_timeline(kept) if policy_timeline is not None else []
    answer = purposes(kept) if purposes is not None else None
    if answer is not None and redactor is not None:
        # The client's consent flag is quoted from label evidence: redact it like excerpts.
        for session_answer in answer.sessions:
            for app_answer in session_answer.apps:
                for report in app_answer.consent:
                    report.raw = redactor.redact_text(report.raw)
    if not verdict_versions:
        # Without the engine's timeline: the versions the stored findings were made under.
        verdict_versions = sorted(
            fallback_versions.values(), key=lambda r: (r["document"], r["category"], r["entity"])
        )
    for row in verdict_versions:
        for version in row["verdicts"]:
            policy_versions[row["document"]].add(version)

    notes: list[str] = []
    if tls_failed:
        notes.append(
            f"{sum(t['flows'] for t in tls_failed.values())} connection(s) to {len(tls_failed)} "
            "host(s) refused the interception certificate (certificate pinning or a client that "
            "does not trust the auditor CA). Their contents are unknown: only the host name (SNI), "
            "timing and size are known, and data labels for them are missing, not absent."
        )
    if truncated:
        notes.append(
            f"{truncated} flow(s) had bodies kept only in part (the body cap, or a client that "
            "stopped sending); labels come from the kept part only."
        )
    if sinkholed:
        notes.append(
            f"{sinkholed} request(s) were sinkholed: answered by the proxy, never reaching the "
            "server. They show what the client tried to send."
        )
    imported = sum(n for s, n in sources.items() if s.startswith("import:"))
    if imported:
        notes.append(
            f"{imported} flow(s) were imported from files (HAR or flow files): process "
            "attribution is unknown for them unless the file came from this program."
        )
    modes = sorted(
        {
            redactor.redact_text(m) if redactor else m
            for s in sessions
            for m in capture_modes(s.meta)
        }
    )
    method = {
        "capture_modes": modes,
        "sources": dict(sources),
        "client_versions": [
            {"user_agent": redactor.redact_text(ua) if redactor else ua, "flows": n}
            for ua, n in user_agents.most_common(20)
        ],
        "tls_failed": [
            {
                "host": t["host"],
                "flows": t["flows"],
                "entity": t["entity"],
                "processes": sorted(t["processes"]),
                "errors": sorted(t["errors"])[:3],
            }
            for t in sorted(tls_failed.values(), key=lambda t: -t["flows"])
        ],
        "truncated_bodies": truncated,
        "sinkholed": sinkholed,
        "notes": notes,
    }
    ids = sorted(identifiers.values(), key=lambda i: (i["category"], -i["flows"], i["where"]))
    for item in ids:
        item["hosts"] = sorted(item["hosts"])[:10]
    entity_rows = _rows(entities, entity_extra)
    for erow in entity_rows:
        erow.extra["labels"] = [c for c, _ in entity_labels[erow.key].most_common()]
    endpoint_rows = _rows(endpoints, endpoint_extra)[:top_n]
    for prow in endpoint_rows:
        prow.extra["labels"] = sorted(endpoint_labels[prow.key])
    if redactor is not None:
        sessions = [_redacted_facts(s, redactor) for s in sessions]
    names = [s.name for s in sessions]
    return ReportData(
        title=title or ("Traffic summary: " + ", ".join(names) if names else "Traffic summary"),
        generated_at=now if now is not None else time.time(),
        redacted=redactor is not None,
        sessions=list(sessions),
        totals={
            "flows": totals["flows"],
            "bytes_sent": totals["bytes_sent"],
            "bytes_received": totals["bytes_received"],
            "hosts": len(hosts),
            "entities": len(entities),
            "third_party_flows": parties.get("third", [0, 0])[0],
        },
        by_label=_rows(labels),
        by_entity=entity_rows,
        by_party=_rows(parties),
        by_process=_rows(processes, process_extra),
        by_kind=_rows(kinds),
        top_endpoints=endpoint_rows,
        identifiers=ids,
        verdicts=verdicts,
        verdict_versions=verdict_versions,
        policy_versions={k: sorted(v) for k, v in sorted(policy_versions.items())},
        timeline=timeline,
        method=method,
        purposes=answer,
    )
