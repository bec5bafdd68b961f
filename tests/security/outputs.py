"""Helpers of the redaction tests: every default output of a set of records, as searchable text.

`expose` turns an output into text in which nothing can hide: base64 runs are decoded and
compressed streams (gzip, zlib/deflate, brotli, zstd) inside them inflated, recursively; a secret
must not appear in the result in any form `forms` lists.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import zlib
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote, quote_plus

import brotli
import pyarrow.parquet as pq
import zstandard
from mitmproxy import io as mitm_io

from auditor.records import FlowRecord

_B64_RUN = re.compile(r"[A-Za-z0-9+/_-]{12,}={0,2}")


def forms(secret: str) -> set[str]:
    """Raw, percent-encoded (both ways) and base64 (standard and URL-safe, padded or not)."""
    raw = secret.encode("utf-8")
    out = {secret, quote(secret, safe=""), quote_plus(secret)}
    for b64 in (base64.b64encode(raw).decode(), base64.urlsafe_b64encode(raw).decode()):
        out |= {b64, b64.rstrip("=")}
    return out


def _inflate(data: bytes) -> bytes | None:
    try:
        if data[:2] == b"\x1f\x8b":
            return zlib.decompress(data, 47)
        if data[:4] == b"\x28\xb5\x2f\xfd":
            return zstandard.ZstdDecompressor().decompress(data, max_output_size=1 << 24)
        if data[:1] == b"\x78":
            return zlib.decompress(data)
    except (zlib.error, zstandard.ZstdError):
        return None
    try:
        return brotli.decompress(data)
    except brotli.error:
        return None


def expose(text: str, depth: int = 3) -> str:
    """`text` plus everything base64 runs in it decode (and inflate) to, `depth` levels deep."""
    parts = [text]
    if depth <= 0:
        return text
    for run in set(_B64_RUN.findall(text)):
        for altchars in (None, b"-_"):
            try:
                data = base64.b64decode(run + "=" * (-len(run) % 4), altchars=altchars)
            except (binascii.Error, ValueError):
                continue
            inflated = _inflate(data) if len(data) > 8 else None
            if inflated is not None:
                parts.append(expose(inflated.decode("latin-1"), depth - 1))
            parts.append(expose(data.decode("latin-1"), depth - 1))
    return "\n".join(parts)


def mitm_text(path: Path) -> str:
    """A mitmproxy flow file read back the way mitmproxy shows it (bodies decoded)."""
    parts = [path.read_bytes().decode("latin-1")]
    with path.open("rb") as fh:
        for flow in mitm_io.FlowReader(fh).stream():
            parts.append(json.dumps(flow.metadata, default=str))
            if flow.type != "http":
                continue
            parts.append(flow.request.pretty_url)
            for msg in (flow.request, flow.response):
                if msg is not None:
                    parts.append(str(msg.headers))
                    parts.append((msg.get_content(strict=False) or b"").decode("latin-1"))
                    parts.append((msg.raw_content or b"").decode("latin-1"))
            if flow.websocket is not None:
                parts += [m.content.decode("latin-1") for m in flow.websocket.messages]
    return "\n".join(parts)


def parquet_text(path: Path) -> str:
    rows = pq.read_table(path).to_pylist()
    return json.dumps(
        rows,
        default=lambda v: base64.b64encode(v).decode() if isinstance(v, bytes) else str(v),
    )


def default_outputs(records: list[FlowRecord], redactor: object, tmp: Path) -> dict[str, str]:
    """Every default (redacted) output of `records`, written the way the commands write them:
    the four exports, the `flows` JSONL record (with and without bodies) and the text reports."""
    from auditor.export.har import write_har
    from auditor.export.jsonl import write_jsonl
    from auditor.export.mitm import write_mitm
    from auditor.export.parquet import write_parquet
    from auditor.records import to_spec_dict
    from auditor.report import build_report, write_report

    redactor.prime(records)  # type: ignore[attr-defined]  # as the commands do
    red = [redactor.redact_record(r) for r in records]  # type: ignore[attr-defined]
    out: dict[str, str] = {}
    write_har(red, tmp / "o.har", redacted=True)
    out["har"] = (tmp / "o.har").read_text(encoding="utf-8")
    write_mitm(red, tmp / "o.mitm", redacted=True)
    out["mitm"] = mitm_text(tmp / "o.mitm")
    write_jsonl(red, tmp / "o.jsonl", redacted=True)
    out["jsonl"] = (tmp / "o.jsonl").read_text(encoding="utf-8")
    write_parquet(red, tmp / "o.parquet", redacted=True)
    out["parquet"] = parquet_text(tmp / "o.parquet")
    for bodies in (True, False):
        out[f"flows-jsonl-bodies-{bodies}"] = "\n".join(
            json.dumps(to_spec_dict(r, include_bodies=bodies), ensure_ascii=False) for r in red
        )
    report = build_report(records, redactor=redactor)
    for fmt in ("html", "json", "csv", "md"):
        write_report(report, fmt, tmp / f"r.{fmt}")
        out[f"report-{fmt}"] = (tmp / f"r.{fmt}").read_text(encoding="utf-8")
    return out


def leaks(outputs: dict[str, str], secrets: Iterable[str]) -> set[tuple[str, str]]:
    """(output, secret) pairs where the secret shows up in any of its forms."""
    found = set()
    wanted = {s: forms(s) for s in secrets}
    for name, text in outputs.items():
        visible = expose(text)
        for secret, variants in wanted.items():
            if any(v in visible for v in variants):
                found.add((name, secret))
    return found
