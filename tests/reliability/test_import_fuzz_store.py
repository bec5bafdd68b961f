"""Property: whatever a HAR, mitmproxy flow or JSONL file holds, importing it into a store that
already holds a session either succeeds or fails with one line; afterwards `sessions`, `flows`,
every export and every report format still work, and the earlier session's flows are unchanged.

The files come from a seeded mutator (deterministic, so a failure reproduces): real files this
program and mitmproxy write, with values swapped for out-of-range numbers, impossible dates,
lone surrogates, wrong types, deleted keys and flipped bytes. Bounded to run in seconds.
"""

from __future__ import annotations

import io
import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.capture import TEST_PASSPHRASE, environment
from tests.helpers.cli import main_in_process
from tests.helpers.hardata import write_har
from tests.helpers.readers import run_readers
from tests.helpers.store import all_flows

FILES_PER_FORMAT = 30
SEED = 20261207

NASTY: list[Any] = [
    1e15,
    -1e15,
    1e308,
    -1.0,
    0,
    2**63,
    2**64 + 7,
    -(2**63) - 1,
    float("nan"),
    float("inf"),
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59-23:59",
    "1e15",
    "\ud800",
    "caf\udce9",
    "a\x00b",
    "",
    None,
    True,
    [],
    {},
    [1, "x", None],
    {"x": 1},
    "x" * 5000,
    "\u202e\ufeff",
    7,
]


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*prefix, index))


def _set(doc: Any, path: tuple[Any, ...], value: Any, *, delete: bool) -> Any:
    if not path:
        return value
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    if delete and isinstance(parent, dict):
        parent.pop(path[-1], None)
    else:
        parent[path[-1]] = value
    return doc


def _at(doc: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        doc = doc[step]
    return doc


def mutate_json(doc: Any, rng: random.Random, most: int = 5, leaves_only: bool = False) -> Any:
    doc = json.loads(json.dumps(doc))
    for _ in range(rng.randint(1, most)):
        paths = [
            p
            for p in _paths(doc)
            if p and not (leaves_only and isinstance(_at(doc, p), dict | list))
        ]
        if not paths:
            break
        path = rng.choice(paths)
        doc = _set(doc, path, rng.choice(NASTY), delete=rng.random() < 0.15)
    return doc


def _dumps(doc: Any) -> str:
    # ensure_ascii keeps lone surrogates as \\ud800 escapes, as a foreign tool's file would.
    return json.dumps(doc, ensure_ascii=True)


def _flip_bytes(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if buf:
            buf[rng.randrange(len(buf))] = rng.randrange(256)
    return bytes(buf)


def _mitm_bytes(rng: random.Random, ext: dict[str, Any] | None) -> bytes:
    from mitmproxy import io as mitm_io
    from mitmproxy.test import tflow

    buf = io.BytesIO()
    writer = mitm_io.FlowWriter(buf)
    for i in range(rng.randint(1, 3)):
        flow = tflow.tflow(resp=True, ws=rng.random() < 0.3)
        flow.request.url = f"https://fuzz.example.com/e?n={i}"
        number = rng.choice([n for n in NASTY if isinstance(n, int | float)])
        choice = rng.randrange(7)
        if choice == 2:
            # What mitmproxy makes of undecodable header bytes (surrogateescape).
            flow.request.headers["X-Raw"] = b"caf\xe9 \xff".decode("utf-8", "surrogateescape")
        elif choice == 0:
            flow.request.timestamp_start = float(number)
        elif choice == 1:
            flow.response.timestamp_end = float(number)  # type: ignore[union-attr]
        elif choice == 3:
            flow.response.status_code = rng.choice([0, 99999, 2**31])  # type: ignore[union-attr]
        elif choice == 4:
            flow.client_conn.timestamp_start = float(number)
        elif choice == 5 and ext is not None:
            flow.metadata["auditor"] = mutate_json(ext, rng)
        else:
            flow.request.content = bytes(rng.randrange(256) for _ in range(64))
        try:
            writer.add(flow)
        except Exception:
            continue  # mitmproxy itself cannot write this value: not a file anyone has
    data = buf.getvalue()
    return _flip_bytes(data, rng) if rng.random() < 0.3 else data


@pytest.fixture(scope="module")
def store_with_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    root = tmp_path_factory.mktemp("fuzz-data")
    files = tmp_path_factory.mktemp("fuzz-seeds")
    with environment({"AUDITOR_DATA_DIR": str(root), "AUDITOR_PASSPHRASE": TEST_PASSPHRASE}):
        code, _, err = main_in_process(
            ["import", str(write_har(files / "seed.har", 4)), "--session", "seed"]
        )
        assert code == 0, err
        # Real files of this program: a HAR and a JSONL with `_auditor` extensions and ids.
        har = files / "export.har"
        code, _, err = main_in_process(["export", "har", "-o", str(har), "--no-redact"])
        assert code == 0, err
        code, jsonl, err = main_in_process(
            ["flows", "--format", "jsonl", "--include-bodies", "--no-redact"]
        )
        assert code == 0, err
    har_doc = json.loads(har.read_text())
    records = [json.loads(line) for line in jsonl.splitlines() if line.strip()]
    ext = har_doc["log"]["entries"][0].get("_auditor")
    yield {"root": root, "har": har_doc, "records": records, "ext": ext}


def _seed_flows(root: Path) -> dict[str, Any]:
    return {
        r.id: (r.ts, r.request.url if r.request else None, r.request.body if r.request else None)
        for r in all_flows(root, session="seed")
    }


def _har_files(seeds: dict[str, Any], folder: Path, rng: random.Random) -> Iterator[Path]:
    for i in range(FILES_PER_FORMAT):
        path = folder / f"fuzz-{i}.har"
        path.write_text(_dumps(mutate_json(seeds["har"], rng)))
        yield path


def _jsonl_files(seeds: dict[str, Any], folder: Path, rng: random.Random) -> Iterator[Path]:
    for i in range(FILES_PER_FORMAT):
        # Values changed, structure kept: the JSONL reader refuses a whole file for a record
        # without its required keys, so structural changes would rarely reach the store.
        lines = [
            _dumps(mutate_json(r, rng, most=2, leaves_only=True))
            for r in rng.sample(seeds["records"], 2)
        ]
        path = folder / f"fuzz-{i}.jsonl"
        path.write_text("\n".join(lines) + "\n")
        yield path


def _mitm_files(seeds: dict[str, Any], folder: Path, rng: random.Random) -> Iterator[Path]:
    for i in range(FILES_PER_FORMAT):
        path = folder / f"fuzz-{i}.mitm"
        path.write_bytes(_mitm_bytes(rng, seeds["ext"]))
        yield path


MAKERS: dict[str, Callable[[dict[str, Any], Path, random.Random], Iterator[Path]]] = {
    "har": _har_files,
    "jsonl": _jsonl_files,
    "mitm": _mitm_files,
}


@pytest.fixture(scope="module")
def enricher() -> Any:
    from auditor.enrich import Enricher

    return Enricher()


@pytest.mark.parametrize("fmt", sorted(MAKERS))
def test_fuzzed_imports_keep_every_reader_working(
    store_with_session: dict[str, Any], enricher: Any, tmp_path: Path, fmt: str
) -> None:
    """The imports run `auditor import`'s use case with one labeller (building it is most of a
    one-flow import's time); an AuditorError is the command's one-line exit 1, anything else
    would be a traceback and fails the test."""
    from auditor.errors import AuditorError
    from auditor.paths import DataDir
    from auditor.store import open_store
    from auditor.usecases import import_files

    root = store_with_session["root"]
    before = _seed_flows(root)
    rng = random.Random(f"{SEED}-{fmt}")
    accepted = 0
    refused: list[str] = []
    with environment({"AUDITOR_PASSPHRASE": TEST_PASSPHRASE}):
        store = open_store(DataDir(root))
    with store:
        for n, path in enumerate(MAKERS[fmt](store_with_session, tmp_path, rng)):
            # Half go where the file says (our exports name session 'seed'), half elsewhere.
            session = f"fuzz-{fmt}" if n % 2 else None
            try:
                results = import_files(
                    store, [path], data_dir=DataDir(root), session=session, enricher=enricher
                )
            except AuditorError as err:
                refused.append(str(err))
                assert "\n" not in str(err)
                str(err).encode("utf-8")
                continue
            accepted += 1
            results[0].summary().encode("utf-8")
    assert accepted >= FILES_PER_FORMAT // 4, (accepted, refused)  # the mutator keeps it real
    outcomes = run_readers(root, tmp_path / "out")
    for outcome in outcomes:
        assert outcome.code == 0 or outcome.one_line_error(), (outcome.argv, outcome.err)
    assert all(o.code == 0 for o in outcomes), [(o.argv, o.err) for o in outcomes if o.code]
    after = _seed_flows(root)
    assert {k: after.get(k) for k in before} == before
