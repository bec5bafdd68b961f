"""`auditor import` with malformed, truncated, huge and mis-encoded files: one-line error, exit 1,
and nothing already stored is lost (flows counted before and after)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.helpers.capture import TEST_PASSPHRASE, environment
from tests.helpers.cli import main_in_process
from tests.helpers.hardata import har_document, har_entry, mitm_flow_bytes, write_har
from tests.helpers.store import count_flows

SEED_FLOWS = 5


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A data dir holding SEED_FLOWS imported flows in session 'seed'."""
    root = tmp_path_factory.mktemp("import-data")
    files = tmp_path_factory.mktemp("import-files")
    with environment({"AUDITOR_DATA_DIR": str(root), "AUDITOR_PASSPHRASE": TEST_PASSPHRASE}):
        code, _, err = main_in_process(
            ["import", str(write_har(files / "seed.har", SEED_FLOWS)), "--session", "seed"]
        )
        assert code == 0, err
        yield root


def _import(root: Path, *args: str) -> tuple[int, str, str]:
    with environment({"AUDITOR_DATA_DIR": str(root), "AUDITOR_PASSPHRASE": TEST_PASSPHRASE}):
        return main_in_process(["import", *args])


def _assert_one_line_error(code: int, err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 1, (code, err)
    assert len(lines) == 1, err
    assert lines[0].startswith("auditor: error:"), err
    assert "Traceback" not in err
    return lines[0]


VALID_HAR = json.dumps(
    har_document([har_entry(f"https://t.example.com/e?n={i}") for i in range(3)])
)
VALID_FLOWS = mitm_flow_bytes(3)


def _bytes(data: bytes, name: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


BAD_FILES: dict[str, Callable[[Path], Path]] = {
    "malformed-json": _bytes(b'{"log": {"entries": [ {"request": } ]}}', "malformed.har"),
    "truncated-har": _bytes(VALID_HAR.encode()[: len(VALID_HAR) // 2], "truncated.har"),
    "not-a-har": _bytes(b'{"hello": "world"}', "other.har"),
    "entries-not-a-list": _bytes(b'{"log": {"entries": 5}}', "entries.har"),
    "invalid-utf8-har": _bytes(
        VALID_HAR.replace("meeting_joined", "meeting_\udcff").encode("utf-8", "surrogateescape"),
        "latin.har",
    ),
    "invalid-utf8-jsonl": _bytes(b'{"id": "a", "kind": "http", "x": "\xff\xfe"}\n', "bad.jsonl"),
    "truncated-flow-file": _bytes(VALID_FLOWS[: len(VALID_FLOWS) - 40], "truncated.mitm"),
    "flow-file-huge-length-prefix": _bytes(b"99999999999:" + b"x" * 64, "prefix.flow"),
    "flow-file-garbage-after-digits": _bytes(b"12345" + os.urandom(200), "garbage.mitm"),
    "random-binary": _bytes(b"\x00\x01\x02PK\x03\x04" + bytes(range(256)), "random.har"),
    "empty": _bytes(b"", "empty.har"),
    "digits-beyond-limit": _bytes(
        b'{"log": {"entries": [], "x": ' + b"1" * 5000 + b"}}", "digits.har"
    ),
    "deep-nesting": _bytes(
        b'{"log": {"entries": ' + b"[" * 50_000 + b"]" * 50_000 + b"}}", "deep.har"
    ),
    "jsonl-not-a-record": _bytes(b'{"kind": "http"}\n[1, 2]\n', "records.jsonl"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_one_line_error_and_loses_nothing(
    seeded: Path, tmp_path: Path, name: str
) -> None:
    before = count_flows(seeded)
    path = BAD_FILES[name](tmp_path)
    code, _, err = _import(seeded, str(path), "--session", f"bad-{name}")
    line = _assert_one_line_error(code, err)
    assert path.name in line or str(path) in line, line
    assert count_flows(seeded) == before


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "1e400", "9" * 400])
def test_har_with_out_of_range_numbers(seeded: Path, tmp_path: Path, literal: str) -> None:
    """Numbers Python's json accepts but no field can hold: imported with defaults, or refused
    in one line; never a traceback, never a half-written store."""
    entry = har_entry("https://t.example.com/numbers")
    entry["request"]["bodySize"] = "__N__"
    entry["response"]["status"] = "__N__"
    entry["time"] = "__N__"
    path = tmp_path / "numbers.har"
    path.write_text(json.dumps(har_document([entry])).replace('"__N__"', literal))
    before = count_flows(seeded)
    code, _, err = _import(seeded, str(path), "--session", "numbers")
    if code == 0:
        assert count_flows(seeded) == before + 1
    else:
        _assert_one_line_error(code, err)
        assert count_flows(seeded) == before


def test_har_with_status_beyond_sqlite_integer(seeded: Path, tmp_path: Path) -> None:
    entry = har_entry("https://t.example.com/huge-status")
    entry["response"]["status"] = 10**30
    entry["request"]["bodySize"] = 10**30
    path = tmp_path / "status.har"
    path.write_text(json.dumps(har_document([entry])))
    before = count_flows(seeded)
    code, _, err = _import(seeded, str(path), "--session", "status")
    if code == 0:
        assert count_flows(seeded) == before + 1
    else:
        _assert_one_line_error(code, err)
        assert count_flows(seeded) == before


def test_over_size_limit_is_refused_before_reading(seeded: Path, tmp_path: Path) -> None:
    path = write_har(tmp_path / "big.har", 3000)  # ~2 MiB
    assert path.stat().st_size > 1 << 20
    before = count_flows(seeded)
    code, _, err = _import(seeded, str(path), "--max-size", "1")
    line = _assert_one_line_error(code, err)
    assert "limit" in line or "larger" in line
    assert count_flows(seeded) == before


def test_huge_bodies_import_with_sizes_kept(seeded: Path, tmp_path: Path) -> None:
    """A 48 MiB HAR (two 24 MiB bodies): imported, whole sizes kept even where bodies are capped."""
    body = "A" * (24 << 20)
    entries = []
    for i in range(2):
        entry = har_entry(f"https://t.example.com/huge?n={i}")
        entry["request"]["postData"] = {"mimeType": "text/plain", "text": body}
        entry["request"]["bodySize"] = len(body)
        entries.append(entry)
    path = tmp_path / "huge.har"
    path.write_text(json.dumps(har_document(entries)))
    before = count_flows(seeded)
    code, _, err = _import(seeded, str(path), "--session", "huge")
    assert code == 0, err
    assert count_flows(seeded) == before + 2
    from tests.helpers.store import all_flows

    for flow in all_flows(seeded, session="huge"):
        assert flow.request is not None and flow.request.size == len(body)


def test_good_then_bad_file_keeps_the_good_one(seeded: Path, tmp_path: Path) -> None:
    good = write_har(tmp_path / "good.har", 2)
    bad = BAD_FILES["truncated-flow-file"](tmp_path)
    before = count_flows(seeded)
    code, _, err = _import(seeded, str(good), str(bad), "--session", "mixed")
    _assert_one_line_error(code, err)
    assert count_flows(seeded) == before + 2
    assert count_flows(seeded, session="mixed") == 2


def test_missing_file_and_folder(seeded: Path, tmp_path: Path) -> None:
    before = count_flows(seeded)
    for target in (tmp_path / "nope.har", tmp_path):
        code, _, err = _import(seeded, str(target))
        _assert_one_line_error(code, err)
    assert count_flows(seeded) == before
