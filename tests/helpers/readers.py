"""Every command that reads the store, run in this process: `sessions`, `flows`, each export and
each report format. What accepted input may never do is make one of them fail with a traceback."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tests.helpers.capture import TEST_PASSPHRASE, environment
from tests.helpers.cli import main_in_process

EXPORT_FORMATS = ("har", "mitm", "jsonl", "parquet")
REPORT_FORMATS = ("html", "json", "csv", "md", "pdf")


@dataclass(frozen=True)
class Outcome:
    argv: tuple[str, ...]
    code: int
    out: str
    err: str

    def one_line_error(self) -> bool:
        lines = [line for line in self.err.splitlines() if line.strip()]
        return (
            self.code == 1
            and len(lines) == 1
            and lines[0].startswith("auditor: error:")
            and "Traceback" not in self.err
        )


def reader_commands(out_dir: Path) -> list[list[str]]:
    commands: list[list[str]] = [
        ["sessions"],
        ["sessions", "--format", "json"],
        ["flows"],
        ["flows", "--format", "jsonl", "--include-bodies", "--no-redact"],
    ]
    for fmt in EXPORT_FORMATS:
        commands.append(["export", fmt, "-o", str(out_dir / f"export.{fmt}")])
    for fmt in REPORT_FORMATS:
        commands.append(["report", "--format", fmt, "-o", str(out_dir / f"report.{fmt}")])
    return commands


def run_readers(root: Path, out_dir: Path, *, passphrase: str = TEST_PASSPHRASE) -> list[Outcome]:
    """Runs every reader command on the store of `root`. Each may raise only what the real entry
    point would turn into a traceback (so a test sees it)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    outcomes: list[Outcome] = []
    with environment({"AUDITOR_DATA_DIR": str(root), "AUDITOR_PASSPHRASE": passphrase}):
        for argv in reader_commands(out_dir):
            code, out, err = main_in_process(argv)
            # What a real terminal or pipe would have to take: valid UTF-8 (a lone surrogate
            # in a StringIO passes silently, on sys.stdout it is a UnicodeEncodeError).
            out.encode("utf-8")
            err.encode("utf-8")
            outcomes.append(Outcome(tuple(argv), code, out, err))
    return outcomes


def assert_readers_work(root: Path, out_dir: Path) -> list[Outcome]:
    outcomes = run_readers(root, out_dir)
    failed = [o for o in outcomes if o.code != 0]
    assert not failed, [(o.argv, o.code, o.err) for o in failed]
    return outcomes
