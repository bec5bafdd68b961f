"""`auditor policy …` through its own argparse wiring (the lead wires the whole CLI)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from auditor.commands import policy as policy_cmd
from auditor.errors import AuditorError, UsageError
from auditor.paths import DataDir
from auditor.policy import PolicyEngine
from auditor.records import to_spec_dict

from .conftest import make_flow


def _run(data_dir: DataDir, *argv: str) -> int:
    parser = argparse.ArgumentParser(prog="auditor")
    parser.add_argument("--data-dir")
    parser.add_argument("--passphrase-file")
    sub = parser.add_subparsers(dest="command")
    policy_cmd.add_parser(sub)
    args = parser.parse_args(["--data-dir", str(data_dir.root), "policy", *argv])
    return int(args.func(args))


def test_list_json(data_dir: DataDir, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(data_dir, "list", "--format", "json") == 0
    rows = json.loads(capsys.readouterr().out)
    ids = {r["id"] for r in rows}
    assert "zoom/terms-of-service@2023-08-11" in ids and len(rows) == 15
    assert all(r["attribution"]["text"] == "Open Terms Archive contributors" for r in rows)


def test_show_section(data_dir: DataDir, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(data_dir, "show", "zoom/terms-of-service@2023-08-11", "--section", "10.5") == 0
    out = capsys.readouterr().out
    assert "§10.5 Service Generated Data" in out
    assert "Telemetry data, product usage data, diagnostic data, and similar data" in out
    assert "vendor_owned" in out
    with pytest.raises(UsageError, match="no annotated section 99"):
        _run(data_dir, "show", "zoom/terms-of-service@2023-08-11", "--section", "99")
    with pytest.raises(UsageError, match="no version 1999-01-01"):
        _run(data_dir, "show", "zoom/terms-of-service@1999-01-01")
    with pytest.raises(UsageError, match="no policy document"):
        _run(data_dir, "show", "nobody/nothing")


def test_diff_by_pack_ids(data_dir: DataDir, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        _run(
            data_dir, "diff", "zoom/terms-of-service@2023-07-28", "zoom/terms-of-service@2023-08-07"
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "~ changed: §10.4 Customer License Grant" in out
    assert "+**Notwithstanding the above, Zoom will not use audio, video or chat" in out


def test_extract_install_and_evaluate(
    data_dir: DataDir, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "acme.md"
    doc.write_text(
        "# Acme Meet Terms\n\n1. **DATA**\n\n**1.1 Telemetry**. Acme collects telemetry.\n\n"
        "**1.2 Sharing**. With service providers.\n\n2. **OTHER**\n\n**2.1 Law**. Law.\n"
    )
    assert _run(data_dir, "extract", str(doc), "--format", "md") == 0
    assert "## 1.1 Telemetry" in capsys.readouterr().out
    assert (
        _run(
            data_dir,
            "extract",
            str(doc),
            "--document",
            "zoom/terms-of-service",
            "--version",
            "2027-01-01",
            "--app",
            "zoom",
            "--vendor",
            "Zoom",
            "--install",
        )
        == 0
    )
    pack = json.loads(capsys.readouterr().out)
    assert [c["section"] for c in pack["clauses"]] == ["1", "1.1", "1.2", "2", "2.1"]
    installed = data_dir.root / "policies/zoom/terms-of-service.2027-01-01.json"
    assert installed.is_file()
    # The engine picks the user's newer version up; nothing is annotated in it, so: omitted.
    engine = PolicyEngine(extra_dirs=[data_dir.root / "policies"])
    findings = engine.evaluate(make_flow(["service_generated.telemetry"]))
    tos = next(f for f in findings if f.document == "zoom/terms-of-service")
    assert (tos.version, tos.verdict) == ("2027-01-01", "omitted")
    with pytest.raises(UsageError, match="--install needs"):
        _run(data_dir, "extract", str(doc), "--install")
    with pytest.raises(AuditorError, match="cannot read"):
        _run(data_dir, "extract", str(tmp_path / "missing.md"))


def test_timeline_from_jsonl(
    data_dir: DataDir, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flows = [
        make_flow(["customer_content.audio"], flow_id="a"),
        make_flow(
            ["service_generated.diagnostics"],
            entity="Sentry",
            party="third",
            host="o1.ingest.sentry.io",
            flow_id="b",
        ),
    ]
    path = tmp_path / "flows.jsonl"
    path.write_text("".join(json.dumps(to_spec_dict(f)) + "\n" for f in flows))
    assert (
        _run(
            data_dir,
            "timeline",
            "--input",
            str(path),
            "--session",
            "s1",
            "--document",
            "zoom/terms-of-service",
            "--format",
            "json",
        )
        == 0
    )
    (table,) = json.loads(capsys.readouterr().out)
    rows = {(r["category"], r["entity"]): r for r in table["rows"]}
    assert rows[("customer_content.audio", "Zoom")]["verdicts"]["2023-08-07"] == "consent_required"
    assert rows[("service_generated.diagnostics", "Sentry")]["verdicts"]["2023-08-11"] == "omitted"
    assert _run(data_dir, "timeline", "--input", str(path)) == 0
    out = capsys.readouterr().out
    assert "zoom/privacy-statement" in out and "zoom/terms-of-service" in out
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json}\n")
    with pytest.raises(AuditorError, match="not a flow record"):
        _run(data_dir, "timeline", "--input", str(bad))
