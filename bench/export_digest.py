"""Digests of redacted exports, to show that a change to the redactor or the writers leaves
their output byte for byte as it was.

Every labelled corpus file (tests/label/corpus/*.jsonl), the export tests' sample session and
the export bench's 2,000 varied flows (with and without kept findings) are labelled, redacted
under one fixed key and written in every format; the SHA-256 of each file is printed as JSON,
one line per (corpus, format), and so is the digest of the redacted records themselves (every
field, bodies included), which is what every writer is given.

Compare two trees side by side:

    cd <base checkout> && PYTHONPATH=<base checkout>:<this tree> \
        <this tree>/.venv/bin/python <this tree>/bench/export_digest.py > base.json
    cd <this tree> && PYTHONPATH=. .venv/bin/python bench/export_digest.py > this.json
    diff base.json this.json

The `auditor` package is imported before anything of this tree's is, so with the base first on
PYTHONPATH the redactor, the labeller and the writers are all the base tree's (and so are
`bench.bench_export` and the samples: keep them as they are, or this compares two corpora).
"""

from __future__ import annotations

import copy
import hashlib
import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import auditor  # first: with PYTHONPATH the base tree's package, whatever bench imports next

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "tests" / "label" / "corpus"
KEY = b"export-digest-key-0123456789abcd"
KNOWN = {"h": "DESKTOP-X1", "u": "alice.corpus", "e": "alice.example@example.com"}


def _corpora() -> dict[str, list]:
    from auditor.enrich import Enricher
    from auditor.label import Labeller
    from auditor.records import from_spec_dict
    from bench.bench_export import _corpus
    from tests.export.samples import make_records

    enricher = Enricher(labeller=Labeller())
    sets: dict[str, list] = {}
    for path in sorted(CORPUS_DIR.glob("*.jsonl")):
        records = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = from_spec_dict(json.loads(line))
                if record.kind in ("http", "websocket"):
                    enricher.enrich(record)
                records.append(record)
        sets[path.name] = records
    samples = make_records("digest")
    for record in samples:
        # The samples gzip some bodies with the time of the run in the header: made the same
        # in every run, so two runs' outputs compare.
        for message in (record.request, record.response):
            if message is None or message.body is None:
                continue
            body = message.body
            if body[:2] == b"\x1f\x8b" and len(body) >= 10:
                message.body = body[:4] + b"\0\0\0\0" + body[8:]
        if record.kind in ("http", "websocket"):
            enricher.enrich(record)
    sets["samples"] = samples
    bench = _corpus(2_000)
    sets["bench"] = bench
    unkept = [copy.copy(r) for r in bench[:600]]
    for record in unkept:
        record.sensitive = None
    sets["bench-unkept"] = unkept
    return sets


def digests() -> dict[str, str]:
    from auditor.export.har import write_har
    from auditor.export.jsonl import write_jsonl
    from auditor.export.mitm import write_mitm
    from auditor.export.parquet import write_parquet
    from auditor.export.redact import Pseudonymizer, Redactor
    from auditor.records import to_spec_dict

    writers: dict[str, Callable[..., int]] = {
        "har": write_har,
        "jsonl": write_jsonl,
        "parquet": write_parquet,
        "mitm": write_mitm,
    }
    out: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "out"
        for name, records in _corpora().items():
            redactor = Redactor(Pseudonymizer(KEY), KNOWN)
            redactor.prime(records)
            redacted = [redactor.redact_record(r) for r in records]
            spec = hashlib.sha256()
            for record in redacted:
                data = to_spec_dict(record, redact_credentials=False, include_bodies=True)
                spec.update(json.dumps(data, sort_keys=True, ensure_ascii=False).encode())
            out[f"{name} records"] = spec.hexdigest()
            for fmt, writer in writers.items():
                if fmt == "mitm":
                    continue  # mitmproxy gives every connection a random id: the records say it
                # As `auditor export` does: a new redactor per export, primed with every flow.
                redactor = Redactor(Pseudonymizer(KEY), KNOWN)
                redactor.prime(records)
                writer((redactor.redact_record(r) for r in records), path, redacted=True)
                out[f"{name} {fmt}"] = hashlib.sha256(path.read_bytes()).hexdigest()
        out.update(_store_digests(writers, Path(tmp)))
    return out


def _store_digests(writers: dict[str, Callable[..., int]], tmp: Path) -> dict[str, str]:
    """The bench corpus as `auditor export` redacts it: stored in a real (encrypted) store, a
    third of its flows without kept findings, the redactor primed from the store (by
    `Redactor.prime_stored` where the tree has it, else from every stored flow, as
    `export_flows` did) and the flows read back from the store."""
    from auditor.export.redact import Pseudonymizer, Redactor
    from auditor.paths import DataDir
    from auditor.store import FlowQuery, open_store
    from bench.bench_export import _corpus

    records = [copy.copy(r) for r in _corpus(2_000)]
    for number, record in enumerate(records):
        record.session = "digest"
        if number % 3 == 0:
            record.sensitive = None  # stored by a version that did not keep findings
    data_dir = DataDir(tmp / "store")
    data_dir.root.mkdir()
    passphrase = tmp / "passphrase"
    passphrase.write_text("export-digest")
    out: dict[str, str] = {}
    path = tmp / "store-out"
    query = FlowQuery(session="digest")
    with open_store(data_dir, passphrase_file=passphrase) as store:
        store.add_flows(records)
        for fmt, writer in writers.items():
            if fmt == "mitm":
                continue
            redactor = Redactor(Pseudonymizer(KEY), KNOWN)
            prime_stored = getattr(redactor, "prime_stored", None)
            if prime_stored is not None:
                prime_stored(store, [query])
            else:
                redactor.prime(store.iter_flows(query))
            flows = store.iter_flows(query)
            writer((redactor.redact_record(r) for r in flows), path, redacted=True)
            out[f"store {fmt}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


if __name__ == "__main__":
    print(f"auditor from {Path(auditor.__file__).parent}", file=sys.stderr)
    for key, value in digests().items():
        print(json.dumps({key: value}))
