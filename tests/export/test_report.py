"""The traffic summary: HTML shown in headless Chromium, PDF rendered by pdftoppm, JSON against
its shipped schema, CSV and Markdown, and the JSONL export against the flow-record schema."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest
from PIL import Image

from auditor.paths import DataDir
from auditor.report import MarkerInfo, SessionFacts, build_report, render_html
from tests.export.samples import T0, data_dir_args, fill_store, make_records, run_command

SCHEMAS = Path(__file__).resolve().parents[2] / "auditor" / "schemas"
CHROMIUM = "/usr/bin/chromium"


def pixel_variety(png: Path) -> tuple[int, float]:
    """(distinct colours, share of non-white pixels) of an image."""
    with Image.open(png) as im:
        rgb = im.convert("RGB")
        small = rgb.resize((rgb.width // 4, rgb.height // 4))
        colours = small.getcolors(maxcolors=1 << 20) or []
        total = small.width * small.height
        white = sum(n for n, c in colours if min(c) >= 250)
    return len(colours), 1 - white / total


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory, enricher: object) -> dict[str, Path]:
    """Every report format of the sample session, made once for this module's tests."""
    tmp = tmp_path_factory.mktemp("reports")
    data_dir = DataDir(tmp / "data")
    data_dir.root.mkdir(mode=0o700)
    paths = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("AUDITOR_PASSPHRASE", "test passphrase for reports")
        fill_store(data_dir, enricher)
        for fmt in ("html", "json", "csv", "md", "pdf"):
            path = tmp / f"report.{fmt}"
            result = run_command([*data_dir_args(data_dir), "report", "--session", "s1", "-o", str(path),
                                  "--title", "Zoom client, 29 December"])  # fmt: skip
            assert result.code == 0, result.err
            assert f"wrote {fmt} report of 6 flows" in result.out
            paths[fmt] = path
    return paths


def test_html_report_in_headless_chromium(reports: dict[str, Path], tmp_path: Path) -> None:
    html = reports["html"].read_text()
    # Self-contained: no scripts, no external stylesheets, images or fonts.
    assert "<script" not in html
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "@media print" in html and "<svg" in html
    shot = tmp_path / "report.png"
    proc = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         f"--user-data-dir={tmp_path / 'chromium-profile'}", f"--screenshot={shot}",
         "--window-size=1280,2000", reports["html"].as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert shot.is_file()
    colours, ink = pixel_variety(shot)
    assert colours > 50 and 0.03 < ink < 0.6, (colours, ink)


def test_html_report_prints(reports: dict[str, Path], tmp_path: Path) -> None:
    """Chromium's print path uses the @media print rules: A4 pages, none blank."""
    pdf = tmp_path / "printed.pdf"
    proc = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--no-pdf-header-footer",
         f"--user-data-dir={tmp_path / 'chromium-profile'}", f"--print-to-pdf={pdf}",
         reports["html"].as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    subprocess.run(
        ["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "print")], check=True, timeout=120
    )
    pages = sorted(tmp_path.glob("print-*.png"))
    assert len(pages) >= 2
    for page in pages:
        with Image.open(page) as im:
            assert abs(im.width / im.height - 210 / 297) < 0.02  # A4 portrait from @page
        assert pixel_variety(page)[1] > 0.01, page.name


def test_blank_page_is_recognised_as_blank(tmp_path: Path) -> None:
    blank = tmp_path / "blank.png"
    Image.new("RGB", (400, 400), "white").save(blank)
    assert pixel_variety(blank) == (1, 0.0)


def test_pdf_report_renders_to_png_pages(reports: dict[str, Path], tmp_path: Path) -> None:
    assert reports["pdf"].read_bytes().startswith(b"%PDF-")
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(reports["pdf"]), str(tmp_path / "page")],
                   check=True, timeout=120)  # fmt: skip
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 2
    for page in pages:
        colours, ink = pixel_variety(page)
        assert colours > 5 and ink > 0.01, (page.name, colours, ink)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(reports["pdf"]), "-"],
                          capture_output=True, text=True, check=True, timeout=60).stdout  # fmt: skip
    for heading in (
        "What the vendor may do with it",
        "What left the machine",
        "Who received it",
        "Top endpoints",
        "Identifiers found",
        "Beside the vendor",
        "Timeline",
        "Method notes",
        "pinned.teams.microsoft.com",
    ):
        assert heading in text, heading


def test_json_report_matches_its_schema(reports: dict[str, Path]) -> None:
    schema = json.loads((SCHEMAS / "report.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(reports["json"].read_text())
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["schema_version"] == "1.1" and data["redacted"] is True
    assert data["title"] == "Zoom client, 29 December"
    assert data["totals"]["flows"] == 6
    labels = {row["key"] for row in data["by_label"]}
    assert {"identifiers.device_id", "contact_info.email", "credentials"} <= labels
    assert {row["key"] for row in data["by_party"]} >= {"first", "third"}
    assert data["timeline"]["muted_periods"][0] == {
        "kind": "muted",
        "start": T0 + 10,
        "end": T0 + 50,
    }
    assert [m["kind"] for m in data["timeline"]["markers"]] == ["muted", "unmuted", "camera_off"]
    assert data["method"]["tls_failed"][0]["host"] == "pinned.teams.microsoft.com"
    assert data["method"]["capture_modes"] == ["regular"]
    assert any("ZoomClient/6.2.11" in u["user_agent"] for u in data["method"]["client_versions"])
    # Verdicts across policy versions come from the policy engine's timeline.
    rows = [r for r in data["verdict_versions"] if r["document"] == "zoom/privacy-statement"]
    assert rows and all(r["verdicts"] for r in rows)
    assert len(data["policy_versions"]["zoom/privacy-statement"]) >= 1
    # The check can fail.
    data["totals"]["flows"] = -1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(data)


def test_csv_and_markdown_reports(reports: dict[str, Path]) -> None:
    rows = list(csv.DictReader(io.StringIO(reports["csv"].read_text())))
    assert rows and set(rows[0]) == {"section", "key", "detail", "flows", "bytes", "value"}
    sections = {r["section"] for r in rows}
    assert {"label", "entity", "process", "endpoint", "identifier", "verdict", "timeline", "marker",
            "tls_failed"} <= sections  # fmt: skip
    entity = {r["key"]: r for r in rows if r["section"] == "entity"}
    assert entity["Sentry"]["detail"] == "third"
    md = reports["md"].read_text()
    assert md.startswith("# Zoom client, 29 December")
    for heading in ("## What left the machine", "## Who received it", "## Top endpoints",
                    "## Identifiers found", "## Beside the vendor's terms", "## Timeline",
                    "## Method notes"):  # fmt: skip
        assert heading in md
    assert "| identifiers.device_id |" in md


def test_flow_record_schema_accepts_jsonl_exports(filled_store: DataDir, tmp_path: Path) -> None:
    schema = json.loads((SCHEMAS / "flow-record.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for extra in ([], ["--no-redact"], ["--no-bodies"]):
        out = tmp_path / "flows.jsonl"
        assert (
            run_command(
                [*data_dir_args(filled_store), "export", "jsonl", "-o", str(out), *extra]
            ).code
            == 0
        )
        lines = [json.loads(line) for line in out.read_text().splitlines()]
        assert len(lines) == 6
        for line in lines:
            validator.validate(line)
    bad = dict(lines[0], kind="carrier-pigeon")
    assert not validator.is_valid(bad)


def test_report_to_stdout_and_format_from_extension(filled_store: DataDir, tmp_path: Path) -> None:
    result = run_command([*data_dir_args(filled_store), "report", "--format", "md", "-o", "-"])
    assert result.code == 0 and result.out.startswith("# Traffic summary: s1")
    result = run_command([*data_dir_args(filled_store), "report", "-o", str(tmp_path / "r.txt")])
    assert result.code == 2 and "give --format" in result.err
    result = run_command(
        [*data_dir_args(filled_store), "report", "--session", "nope", "-o", str(tmp_path / "r.md")]
    )
    assert result.code == 1 and "no session named 'nope'" in result.err


def test_empty_report_renders() -> None:
    report = build_report(
        [], sessions=[SessionFacts("empty")], markers=[MarkerInfo(T0, "note", "x")]
    )
    html = render_html(report)
    assert "No flows" in html and report.totals["flows"] == 0


def test_report_model_counts() -> None:
    report = build_report(make_records())
    by_kind = {r.key: r.flows for r in report.by_kind}
    assert by_kind == {"http": 2, "websocket": 1, "dns": 1, "tls_failed": 1, "tcp": 1}
    assert report.totals["third_party_flows"] == 2
    assert report.top_endpoints[0].extra["host"] in {
        "telemetry.zoom.us",
        "o123.ingest.sentry.io",
        "ws.zoom.us",
    }
    # Without a redactor the model keeps values as they are (the command always passes one
    # unless --no-redact).
    assert not report.redacted


def test_report_tables_count_every_verdict_of_a_clause() -> None:
    """A clause that judged some findings clear and others vague shows both counts, not only the
    worst, and each explanation once."""
    from auditor.records import PolicyFinding
    from auditor.report import render_markdown

    records = make_records()
    http = [r for r in records if r.kind == "http"]
    for i, record in enumerate(http):
        verdict = "vague" if i == 0 else "clear"
        record.policy = [
            PolicyFinding(
                document="zoom/terms-of-service",
                version="2026-08-06",
                section="10.5",
                verdict=verdict,
                quote="Zoom owns all rights, title, and interest in and to **Service Generated Data**.",
                category="service_generated.telemetry",
                explanation=f"§10.5 (Service Generated Data) {verdict}.",
            )
            for _ in range(2)
        ]
    report = build_report(records)
    (row,) = [v for v in report.verdicts if v["section"] == "10.5"]
    assert row["verdict_counts"] == {"vague": 2, "clear": 2 * (len(http) - 1)}
    html = render_html(report)
    assert f"Vague 2 · Clear {2 * (len(http) - 1)}" in html
    assert html.count("§10.5 (Service Generated Data) vague.") == 1
    assert f"Vague 2 · Clear {2 * (len(http) - 1)}" in render_markdown(report)
