"""Exports and reports: redacted flows per second for each export format, the cost of redaction
side by side with unredacted export in the same run, and the time to build and render a report.

Corpus: distinct flows, as a real session's are. The labelled corpus (tests/label/corpus: real
SDK, browser and hand-written vendor flows) and the export tests' sample session (every flow
kind, planted secrets) are the shapes; each copy gets its own ids, values and host: runs of
digits and of hex, mixed-case tokens (API keys, session tokens; not base64 JSON) and e-mail
addresses are replaced consistently within a flow (the same id in the URL and the body stays
one id), hosts move among the vendor's numbered subdomains, and JSON batches carry one to four
events, so sizes vary as well. Compressed bodies are decoded, varied and encoded again. Every
flow is labelled once (outside the timings) as the store gives it back: labels, verdicts and
the fields the labeller found (`FlowRecord.sensitive`). 20,000 flows (quick: 2,000). Records are
built in memory, so the store's read speed is not part of these numbers (bench_store measures
that). One more JSONL row times records without kept findings (neither stored with them nor
written back yet), which redaction must find again.

With `BENCH_EXPORT_BASE` set to a checkout of an older commit (`git archive <commit> | tar -x
-C /tmp/base`), the redacted / unredacted ratio of each format is also measured side by side
for that tree and this one, in alternating child processes (which goes first alternating too)
over the same corpus (this file's), so a change to the redactor is measured in one run on a
machine whose load moves from minute to minute; the median of the rounds is reported.

The in-memory rows measure the redactor alone. The "from a store" rows measure what `auditor
export` costs a user: the corpus ingested into a real encrypted store (the ingest rate is a
row too) and exported with `usecases.export_flows`, store read, `prime` and writer included on
both sides.
"""

from __future__ import annotations

import copy
import gzip
import json
import os
import random
import re
import statistics
import string
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.common import BenchResult, stopwatch

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 3
BASE_ENV = "BENCH_EXPORT_BASE"
COMPARE_ROUNDS = 3
COMPARED_FORMATS = ("har", "jsonl", "parquet")  # mitm is within the target
CORPUS_DIR = ROOT / "tests" / "label" / "corpus"
CORPORA = ("flows.jsonl", "heldout.jsonl", "heldout2.jsonl")
_VARIABLE = re.compile(
    r"(?P<email>\b[A-Za-z0-9._%+-]{1,64}(?=@[A-Za-z0-9-]+\.))"
    r"|(?P<hex>\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{8,}\b)"
    r"|(?P<token>(?<![A-Za-z0-9_-])(?!ey)(?=[A-Za-z0-9_-]*[a-z])(?=[A-Za-z0-9_-]*[A-Z])"
    r"(?=[A-Za-z0-9_-]*[0-9])[A-Za-z0-9_-]{16,}(?![A-Za-z0-9_-]))"
    r"|(?P<digits>\d{3,})"
)
_CONSTANT_HEADERS = frozenset({"content-type", "content-encoding", "content-length", "host"})


@contextmanager
def cpu_stopwatch() -> Iterator[Callable[[], float]]:
    """`stopwatch`, in CPU seconds of this process: an export is one thread's work, and on a
    machine shared with other sessions the wall clock mostly measures their load (the same
    run's ratios moved by 2x between rounds)."""
    start = time.process_time()
    end: list[float] = []
    yield lambda: (end[0] if end else time.process_time()) - start
    end.append(time.process_time())


class _Variant:
    """One copy's new values: every variable part of the flow replaced, consistently."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.seen: dict[str, str] = {}

    def _new(self, kind: str, old: str) -> str:
        rng = self.rng
        if kind == "digits":
            first = rng.choice("123456789") if old[0] != "0" else "0"
            return first + "".join(rng.choice(string.digits) for _ in old[1:])
        if kind == "hex":
            return "".join(rng.choice("0123456789abcdef") for _ in old)
        if kind == "email":
            return old.split(".")[0][:12] + "." + "".join(rng.choice("abcdefghk") for _ in "xyz")
        pools = (string.ascii_lowercase, string.ascii_uppercase, string.digits)
        return "".join(
            next((rng.choice(p) for p in pools if c in p), c) for c in old
        )  # same shape: case and digits where they were

    def text(self, text: str) -> str:
        def swap(match: re.Match[str]) -> str:
            old = match.group(0)
            new = self.seen.get(old)
            if new is None:
                new = self.seen[old] = self._new(match.lastgroup or "token", old)
            return new

        return _VARIABLE.sub(swap, text)

    def body(self, data: bytes | None, encoding: str | None) -> bytes | None:
        if not data:
            return data
        enc = (encoding or "").strip().lower()
        try:
            if enc == "gzip":
                raw = gzip.decompress(data)
            elif enc == "br":
                import brotli

                raw = brotli.decompress(data)
            elif enc:
                return data
            else:
                raw = data
            text = raw.decode("utf-8")
        except Exception:
            return data  # binary: kept as sent
        if "\x00" in text:
            return data
        text = self._batch(text)
        out = self.text(text).encode()
        if enc == "gzip":
            return gzip.compress(out, mtime=0)
        if enc == "br":
            import brotli

            return bytes(brotli.compress(out, quality=5))
        return out

    def _batch(self, text: str) -> str:
        """A JSON batch of events carries one to four of them."""
        try:
            doc = json.loads(text)
        except ValueError:
            return text
        events: list[Any] | None = None
        if isinstance(doc, list):
            events = doc
        elif isinstance(doc, dict):
            events = next(
                (
                    v
                    for k, v in doc.items()
                    if k in ("batch", "events", "data") and isinstance(v, list)
                ),
                None,
            )
        if not events or not isinstance(events[0], dict):
            return text
        events[:] = [copy.deepcopy(events[i % len(events)]) for i in range(self.rng.randint(1, 4))]
        return json.dumps(doc)


def _vary_host(host: str, rng: random.Random) -> str:
    labels = host.split(".")
    if len(labels) > 2 and any(c.isdigit() for c in labels[0]):
        labels[0] = re.sub(
            r"\d+", lambda m: str(rng.randrange(1, 99)).zfill(len(m.group(0))), labels[0]
        )
    return ".".join(labels)


def _vary(record: Any, rng: random.Random, number: int) -> Any:
    out = copy.deepcopy(record)
    out.id = f"{number:032x}"
    out.ts = record.ts + number * 0.05
    if out.ts_end is not None:
        out.ts_end = out.ts + (record.ts_end - record.ts)
    variant = _Variant(rng)
    request = out.request
    if request is not None:
        old_host = request.host
        new_host = _vary_host(old_host, rng)
        request.host = new_host
        request.url = variant.text(request.url.replace(old_host, new_host, 1))
        request.path = variant.text(request.path)
        if out.sni == old_host:
            out.sni = new_host
        request.headers = [
            (k, v if k.lower() in _CONSTANT_HEADERS else variant.text(v))
            for k, v in request.headers
        ]
        request.body = variant.body(request.body, request.header("content-encoding"))
        if request.body is not None:
            request.size = len(request.body)
    response = out.response
    if response is not None:
        response.body = variant.body(response.body, response.header("content-encoding"))
    for message in out.websocket:
        if message.is_text:
            message.content = variant.text(message.content.decode("utf-8", "replace")).encode()
    return out


def _corpus(n: int, seed: int = 13) -> list:
    sys.path.insert(0, str(ROOT))
    from auditor.enrich import Enricher
    from auditor.label import Labeller
    from auditor.records import from_spec_dict
    from tests.export.samples import make_records

    shapes = make_records("bench")
    for name in CORPORA:
        for line in (CORPUS_DIR / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = from_spec_dict(json.loads(line))
                rec.session = "bench"
                shapes.append(rec)
    # Not the machine's own known values: the same corpus on every machine.
    enricher = Enricher(labeller=Labeller())
    rng = random.Random(seed)
    out = []
    for i in range(n):
        rec = _vary(shapes[i % len(shapes)], rng, i)
        if rec.kind in ("http", "websocket"):
            # As the store gives them back: labelled, with what the labeller found kept.
            enricher.enrich(rec)
        out.append(rec)
    return out


def _writers() -> dict[str, Callable[..., int]]:
    from auditor.export.har import write_har
    from auditor.export.jsonl import write_jsonl
    from auditor.export.mitm import write_mitm
    from auditor.export.parquet import write_parquet

    return {"har": write_har, "mitm": write_mitm, "jsonl": write_jsonl, "parquet": write_parquet}


def _side_by_side(
    writer: Callable[..., int], flows: list, tmp: str, rounds: int = ROUNDS
) -> tuple[float, float]:
    """(unredacted, redacted) CPU seconds: the fastest of `rounds` alternating runs of each,
    so a burst of load from other processes on a shared machine does not decide the ratio
    (each redacted run starts with a new redactor, as each export does)."""
    from auditor.export.redact import Pseudonymizer, Redactor

    path = Path(tmp) / "out"
    plain_times, red_times = [], []
    for _ in range(rounds):
        with cpu_stopwatch() as plain:
            writer(flows, path, redacted=False)
        plain_times.append(plain())
        redactor = Redactor(Pseudonymizer(b"bench-key-0123456789abcdef012345"), {"h": "DESKTOP-X1"})
        with cpu_stopwatch() as red:
            # As `auditor export` does: what the labeller found in every flow first, then the
            # redacted flows written.
            redactor.prime(flows)
            writer((redactor.redact_record(r) for r in flows), path, redacted=True)
        red_times.append(red())
    return min(plain_times), min(red_times)


class _StoredCorpus:
    """The corpus in a real (encrypted, passphrase) store, as `auditor export` reads it: one
    session, ingested in batches of 1,000 (`ingest_s`: the writer's CPU seconds)."""

    def __init__(self, records: list, tmp: str) -> None:
        from auditor.paths import DataDir
        from auditor.store import open_store

        self.data_dir = DataDir(Path(tmp) / "store")
        self.data_dir.root.mkdir()
        self.passphrase = Path(tmp) / "passphrase"
        self.passphrase.write_text("bench-passphrase")
        self.store = open_store(self.data_dir, passphrase_file=self.passphrase)
        stored = [copy.copy(r) for r in records]
        for record in stored:
            record.session = "bench-export"
        with cpu_stopwatch() as ingest:
            for at in range(0, len(stored), 1000):
                self.store.add_flows(stored[at : at + 1000])
        self.ingest_s = ingest()

    def export(self, fmt: str, path: Path, redacted: bool) -> None:
        """`auditor export` of the stored session to `path`."""
        from auditor.usecases import ExportRequest, export_flows

        request = ExportRequest(fmt=fmt, output=path, redacted=redacted)
        export_flows(self.store, self.data_dir, request, passphrase_file=str(self.passphrase))

    def side_by_side(self, fmt: str, tmp: str, rounds: int = ROUNDS) -> tuple[float, float]:
        """(unredacted, redacted) CPU seconds of `export_flows` from the store (the store read,
        the redactor's `prime` and the writer included), fastest of `rounds` alternating."""
        path = Path(tmp) / f"out.{fmt}"
        times: dict[bool, list[float]] = {False: [], True: []}
        for _ in range(rounds):
            for redacted in (False, True):
                with cpu_stopwatch() as spent:
                    self.export(fmt, path, redacted)
                times[redacted].append(spent())
        return min(times[False]), min(times[True])


def measure_child(n: int, formats: list[str]) -> dict[str, tuple[float, float]]:
    """(unredacted, redacted) CPU seconds per format, in this process (`--child`); a format
    `store:FMT` is `FMT` exported from a real store (`_StoredCorpus`), and with one of those the
    result also holds "ingest": (the store writer's CPU seconds, flows)."""
    from auditor.export.redact import Pseudonymizer, Redactor

    records = _corpus(n)
    Redactor(Pseudonymizer(b"bench-key-0123456789abcdef012345")).prime(records[:50])
    writers = _writers()
    out: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        stored: _StoredCorpus | None = None
        for fmt in formats:
            if fmt.startswith("store:"):
                if stored is None:
                    stored = _StoredCorpus(records, tmp)
                    out["ingest"] = (stored.ingest_s, float(n))
                out[fmt] = stored.side_by_side(fmt.removeprefix("store:"), tmp)
            else:
                out[fmt] = _side_by_side(writers[fmt], records, tmp)
        if stored is not None:
            stored.store.close()
    return out


def _measure_tree(tree: Path, n: int, formats: list[str]) -> dict[str, tuple[float, float]]:
    """`measure_child` in a child process whose `auditor` package comes from `tree`."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tree), str(ROOT)]))
    env.pop(BASE_ENV, None)
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", str(n), *formats],
        env=env,
        cwd=tree,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, tuple[float, float]] = json.loads(out.strip().splitlines()[-1])
    return result


def compare(
    base: Path, n: int, formats: list[str], rounds: int = COMPARE_ROUNDS
) -> list[dict[Path, dict[str, tuple[float, float]]]]:
    """Per round, each tree's (unredacted, redacted) CPU seconds per format, the trees
    alternating (and which goes first alternating too)."""
    out = []
    for number in range(rounds):
        order = (base, ROOT) if number % 2 == 0 else (ROOT, base)
        out.append({tree: _measure_tree(tree, n, formats) for tree in order})
    return out


def compare_results(base: Path, n: int) -> list[BenchResult]:
    formats = [*COMPARED_FORMATS, *(f"store:{fmt}" for fmt in COMPARED_FORMATS)]
    rounds = compare(base, n, formats)
    results = []
    ingest_this = [r[ROOT]["ingest"][1] / r[ROOT]["ingest"][0] for r in rounds]
    ingest_base = [r[base]["ingest"][1] / r[base]["ingest"][0] for r in rounds]
    results.append(
        BenchResult(
            "export",
            f"store ingest of the export corpus, this tree | {BASE_ENV} (median of {len(rounds)})",
            round(statistics.median(ingest_this)),
            "flows per CPU-second",
            ">= 5000",
            statistics.median(ingest_this) >= 5000,
            f"base {statistics.median(ingest_base):.0f}; rounds this | base: "
            + ", ".join(f"{a:.0f} | {b:.0f}" for a, b in zip(ingest_this, ingest_base, strict=True))
            + "; labelled flows with their findings kept, batches of 1,000",
        )
    )
    for fmt in formats:
        base_ratios = [r[base][fmt][1] / r[base][fmt][0] for r in rounds]
        this_ratios = [r[ROOT][fmt][1] / r[ROOT][fmt][0] for r in rounds]
        speed = [r[base][fmt][1] / r[ROOT][fmt][1] for r in rounds]
        results.append(
            BenchResult(
                "export",
                f"{fmt}: redacted / unredacted time, this tree | {BASE_ENV} (same run, "
                f"alternating; median of {len(rounds)})",
                round(statistics.median(this_ratios), 2),
                "ratio",
                "<= 3",
                statistics.median(this_ratios) <= 3,
                f"base {statistics.median(base_ratios):.2f}; rounds this | base: "
                + ", ".join(
                    f"{a:.2f} | {b:.2f}" for a, b in zip(this_ratios, base_ratios, strict=True)
                )
                + f"; redacted export CPU time base / this tree {statistics.median(speed):.2f}",
            )
        )
    return results


def run(quick: bool) -> list[BenchResult]:
    from auditor.export.jsonl import write_jsonl
    from auditor.export.redact import Pseudonymizer, Redactor
    from auditor.report import build_report, write_report

    n = 2_000 if quick else 20_000
    results: list[BenchResult] = []
    base = os.environ.get(BASE_ENV)
    if base:
        # First, on a machine not yet warmed by this process's own corpus.
        results += compare_results(Path(base), n)
    records = _corpus(n)
    writers = _writers()
    # Warm-up outside the timings: the labeller's rules load once per process.
    Redactor(Pseudonymizer(b"bench-key-0123456789abcdef012345")).prime(records[:50])
    with tempfile.TemporaryDirectory() as tmp:
        # What a user pays: `auditor export` reads the flows from the store (twice, for a
        # redacted export, before the store kept findings beside the records).
        stored = _StoredCorpus(records, tmp)
        results.append(
            BenchResult(
                "export",
                f"store ingest of the export corpus ({n} labelled flows)",
                round(n / stored.ingest_s),
                "flows per CPU-second",
                ">= 5000",
                n / stored.ingest_s >= 5000,
                "the store writer's CPU time, batches of 1,000, findings kept",
            )
        )
        for fmt in COMPARED_FORMATS:
            plain_s, red_s = stored.side_by_side(fmt, tmp)
            results.append(
                BenchResult(
                    "export",
                    f"{fmt} from a store: redacted / unredacted time",
                    round(red_s / plain_s, 2),
                    "ratio",
                    "<= 3",
                    red_s / plain_s <= 3,
                    f"export_flows, CPU time: unredacted {n / plain_s:.0f} flows/s, redacted "
                    f"{n / red_s:.0f} flows/s (store read, prime and writer included)",
                )
            )
        stored.store.close()

        def side_by_side(writer: Callable[..., int], flows: list) -> tuple[float, float]:
            return _side_by_side(writer, flows, tmp)

        for fmt, writer in writers.items():
            plain_s, red_s = side_by_side(writer, records)
            rate = n / red_s
            results.append(
                BenchResult(
                    "export",
                    f"{fmt} export, redacted ({n} flows)",
                    round(rate),
                    "flows/s",
                    ">= 1000 flows/s",
                    rate >= 1000,
                    f"unredacted {n / plain_s:.0f} flows/s in the same run; fastest of "
                    f"{ROUNDS} alternating runs each, in CPU time",
                )
            )
            results.append(
                BenchResult(
                    "export",
                    f"{fmt}: redacted / unredacted time",
                    round(red_s / plain_s, 2),
                    "ratio",
                    "<= 3",
                    red_s / plain_s <= 3,
                    "the cost of redaction, measured side by side",
                )
            )
        # Records stored before the labeller's findings were kept: redaction finds them again.
        unkept = [copy.copy(r) for r in records]
        for rec in unkept:
            rec.sensitive = None
        plain_s, red_s = side_by_side(write_jsonl, unkept)
        results.append(
            BenchResult(
                "export",
                "jsonl, findings not kept: redacted / unredacted time",
                round(red_s / plain_s, 2),
                "ratio",
                notes="records stored before the labeller's findings were kept with them",
            )
        )
        redactor = Redactor(Pseudonymizer(b"bench-key-0123456789abcdef012345"))
        with stopwatch() as model:
            # As `auditor report` does: what the labeller found in every flow first.
            redactor.prime(records)
            report = build_report(records, redactor=redactor)
        results.append(
            BenchResult("export", f"build report model ({n} flows)", round(model() * 1000), "ms")
        )
        for fmt in ("html", "pdf"):
            with stopwatch() as render:
                write_report(report, fmt, Path(tmp) / f"r.{fmt}")
            results.append(BenchResult("export", f"render {fmt} report", round(render() * 1000), "ms",
                                       "<= 5000 ms", render() <= 5.0))  # fmt: skip
    return results


if __name__ == "__main__":
    if "--child" in sys.argv:
        import auditor  # noqa: F401  first: the tree on PYTHONPATH, before `_corpus` adds ROOT

        at = sys.argv.index("--child")
        print(json.dumps(measure_child(int(sys.argv[at + 1]), sys.argv[at + 2 :])))
    else:
        for r in run(quick="--quick" in sys.argv):
            print(r)
