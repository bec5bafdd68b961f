"""The PDF report, drawn with reportlab (platypus flowables and reportlab graphics charts)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import IO, Any

from auditor.report.fmt import (
    VERDICT_COLOUR,
    clock,
    duration,
    human_bytes,
    utc,
    verdict_text,
)
from auditor.report.model import CountRow, ReportData
from auditor.report.sections import (
    NO_VERSIONS,
    Cell,
    Table,
    banner,
    client_version_table,
    endpoint_table,
    entity_table,
    facts,
    identifier_table,
    marker_table,
    process_table,
    quote_text,
    tls_failed_table,
    verdict_table,
    version_tables,
)

_FONT = "Helvetica"
_FONT_BOLD = "Helvetica-Bold"
_FONT_MONO = "Courier"


def _register_fonts() -> None:
    """A Unicode TrueType font (DejaVu, else reportlab's bundled Vera) so that '›', '–', '…' and
    non-Latin text in hosts or excerpts render instead of turning into boxes."""
    global _FONT, _FONT_BOLD, _FONT_MONO
    if _FONT != "Helvetica":
        return
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    candidates = [
        (
            Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
            Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
            Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"),
        ),
    ]
    bundled = Path(os.path.dirname(reportlab.__file__)) / "fonts"
    candidates.append((bundled / "Vera.ttf", bundled / "VeraBd.ttf", bundled / "Vera.ttf"))
    for regular, bold, mono in candidates:
        if regular.is_file() and bold.is_file() and mono.is_file():
            try:
                pdfmetrics.registerFont(TTFont("AuditorSans", str(regular)))
                pdfmetrics.registerFont(TTFont("AuditorSans-Bold", str(bold)))
                pdfmetrics.registerFont(TTFont("AuditorMono", str(mono)))
            except Exception:  # a damaged font file: fall back to the built-in Type 1 fonts
                continue
            from reportlab.lib.fonts import addMapping

            addMapping("AuditorSans", 0, 0, "AuditorSans")
            addMapping("AuditorSans", 1, 0, "AuditorSans-Bold")
            addMapping("AuditorSans", 0, 1, "AuditorSans")
            addMapping("AuditorSans", 1, 1, "AuditorSans-Bold")
            _FONT, _FONT_BOLD, _FONT_MONO = "AuditorSans", "AuditorSans-Bold", "AuditorMono"
            return


def _styles() -> dict[str, Any]:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    base = getSampleStyleSheet()
    grey = colors.HexColor("#59636e")
    return {
        "title": ParagraphStyle(
            "t",
            parent=base["Title"],
            fontName=_FONT_BOLD,
            fontSize=20,
            leading=24,
            alignment=0,
            spaceAfter=4,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base["Heading2"],
            fontName=_FONT_BOLD,
            fontSize=13.5,
            leading=17,
            spaceBefore=12,
            spaceAfter=4,
        ),
        "h3": ParagraphStyle(
            "h3",
            parent=base["Heading3"],
            fontName=_FONT_BOLD,
            fontSize=11,
            leading=14,
            spaceBefore=8,
            spaceAfter=3,
        ),
        "body": ParagraphStyle(
            "b", parent=base["BodyText"], fontName=_FONT, fontSize=9, leading=12
        ),
        "small": ParagraphStyle(
            "s", parent=base["BodyText"], fontName=_FONT, fontSize=8, leading=10, textColor=grey
        ),
        "cell": ParagraphStyle(
            "c", parent=base["BodyText"], fontName=_FONT, fontSize=8, leading=10
        ),
        "mono": ParagraphStyle(
            "m", parent=base["BodyText"], fontName=_FONT_MONO, fontSize=7.5, leading=9.5
        ),
        "banner_ok": ParagraphStyle(
            "ok",
            parent=base["BodyText"],
            fontName=_FONT_BOLD,
            fontSize=9,
            leading=12,
            textColor=colors.HexColor("#116329"),
            backColor=colors.HexColor("#dafbe1"),
            borderPadding=5,
            spaceBefore=4,
            spaceAfter=8,
        ),
        "banner_bad": ParagraphStyle(
            "bad",
            parent=base["BodyText"],
            fontName=_FONT_BOLD,
            fontSize=10,
            leading=13,
            textColor=colors.HexColor("#82071e"),
            backColor=colors.HexColor("#ffebe9"),
            borderPadding=5,
            spaceBefore=4,
            spaceAfter=8,
        ),
    }


def _p(text: Any, style: Any) -> Any:
    from reportlab.platypus import Paragraph

    return Paragraph(escape("" if text is None else str(text)), style)


def _table(
    head: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    st: dict[str, Any],
    numeric: int = 0,
) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    data: list[list[Any]] = [[_p(h, st["cell"]) for h in head]]
    for row in rows:
        # Numbers stay plain strings so the table's ALIGN right applies to them.
        data.append(
            [
                str(c)
                if isinstance(c, int | float)
                else _p(c, st["cell"])
                if isinstance(c, str)
                else c
                for c in row
            ]
        )
    table = Table(data, colWidths=list(widths), repeatRows=1)
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f6f8fa")),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#d1d9e0")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("FONT", (0, 0), (-1, -1), _FONT, 8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if numeric:
        style.append(("ALIGN", (len(head) - numeric, 0), (-1, -1), "RIGHT"))
    table.setStyle(TableStyle(style))
    return table


# Each table's column widths, as shares of the text width ("versions": the first column; the
# versions share the rest).
_WIDTHS: dict[str, tuple[float, ...]] = {
    "entities": (0.2, 0.11, 0.17, 0.32, 0.08, 0.12),
    "endpoints": (0.34, 0.13, 0.1, 0.25, 0.07, 0.11),
    "identifiers": (0.18, 0.27, 0.27, 0.2, 0.08),
    "processes": (0.7, 0.12, 0.18),
    "markers": (0.3, 0.2, 0.5),
    "client_versions": (0.88, 0.12),
    "tls_failed": (0.4, 0.2, 0.3, 0.1),
    "versions": (0.4,),
    "verdicts": (0.15, 0.25, 0.52, 0.08),
}


def _pdf_cell(cell: Cell, st: dict[str, Any]) -> Any:
    if cell.kind == "code":
        return _p(cell.value, st["mono"])
    if cell.kind == "verdict":
        return _verdict_cell(str(cell.value) or None, st)
    if cell.kind == "judgement":
        return _verdict_cell(str(cell.value), st, cell.detail[0])
    if cell.kind == "clause":
        return f"{cell.value} ({cell.detail[2]})"
    if cell.kind == "quote":
        return quote_text(cell)
    return cell.value


def _section_table(
    table: Table, st: dict[str, Any], width: float, *, head_only: bool = False
) -> list[Any]:
    """The table (and its note); without rows nothing, or with `head_only` its header row."""
    if not table.rows and not head_only:
        return []
    shares = list(_WIDTHS[table.key])
    if len(shares) < len(table.head):
        rest = (1 - sum(shares)) / (len(table.head) - len(shares))
        shares += [rest] * (len(table.head) - len(shares))
    out = [
        _table(
            table.head,
            [[_pdf_cell(c, st) for c in row] for row in table.rows],
            [s * width for s in shares],
            st,
            table.numeric,
        )
    ]
    if table.note:
        out.append(_p(table.note, st["small"]))
    return out


def _bar_chart(rows: Sequence[CountRow], width: float, limit: int = 12) -> Any:
    from reportlab.graphics.shapes import Drawing, Rect, String
    from reportlab.lib import colors

    rows = list(rows)[:limit]
    row_h = 14
    drawing = Drawing(width, row_h * len(rows) + 4)
    if not rows:
        return drawing
    label_w = 150
    bar_w = width - label_w - 80
    peak = max(r.flows for r in rows) or 1
    for i, r in enumerate(rows):
        y = drawing.height - (i + 1) * row_h
        label = r.key if len(r.key) <= 30 else r.key[:29] + "…"
        drawing.add(
            String(label_w - 4, y + 3, label, fontName=_FONT, fontSize=7.5, textAnchor="end")
        )
        w = max(1.5, bar_w * r.flows / peak)
        drawing.add(
            Rect(
                label_w, y + 2, w, row_h - 5, fillColor=colors.HexColor("#4c78a8"), strokeColor=None
            )
        )
        drawing.add(
            String(
                label_w + w + 3,
                y + 3,
                f"{r.flows} · {human_bytes(r.bytes)}",
                fontName=_FONT,
                fontSize=7,
                fillColor=colors.HexColor("#59636e"),
            )
        )
    return drawing


def _timeline(timeline: dict[str, Any], width: float, height: float = 120) -> Any:
    from reportlab.graphics.shapes import Drawing, Line, Rect, String
    from reportlab.lib import colors

    drawing = Drawing(width, height)
    buckets = timeline.get("buckets") or []
    start, end = timeline.get("start"), timeline.get("end")
    if not buckets or start is None or end is None:
        return drawing
    step = float(timeline.get("bucket_seconds") or 60)
    t0 = min(start, buckets[0]["ts"])
    t1 = max(end, buckets[-1]["ts"] + step)
    for m in timeline.get("markers") or []:
        t0, t1 = min(t0, m["ts"]), max(t1, m["ts"])
    span = max(t1 - t0, 1.0)
    left, bottom, top = 30, 16, 22
    plot_w, plot_h = width - left - 6, height - bottom - top
    peak = max(b["flows"] for b in buckets) or 1

    def x_of(ts: float) -> float:
        return left + plot_w * (ts - t0) / span

    for p in timeline.get("muted_periods") or []:
        x0 = x_of(p["start"])
        drawing.add(
            Rect(
                x0,
                bottom,
                max(2, x_of(p["end"]) - x0),
                plot_h,
                fillColor=colors.HexColor("#eaeef2"),
                strokeColor=colors.HexColor("#afb8c1"),
            )
        )
        drawing.add(
            String(
                x0 + 2,
                bottom + plot_h - 8,
                "muted" if p["kind"] == "muted" else "camera off",
                fontName=_FONT,
                fontSize=6.5,
                fillColor=colors.HexColor("#59636e"),
            )
        )
    bar_w = max(1.0, plot_w * step / span - 0.5)
    for b in buckets:
        h = plot_h * b["flows"] / peak
        drawing.add(
            Rect(
                x_of(b["ts"]),
                bottom,
                bar_w,
                h,
                fillColor=colors.HexColor("#4c78a8"),
                strokeColor=None,
            )
        )
    drawing.add(Line(left, bottom, left + plot_w, bottom, strokeColor=colors.HexColor("#59636e")))
    drawing.add(
        String(
            left - 3, bottom + plot_h - 6, str(peak), fontName=_FONT, fontSize=6.5, textAnchor="end"
        )
    )
    for i in range(5):
        ts = t0 + span * i / 4
        drawing.add(
            String(
                x_of(ts),
                4,
                clock(ts),
                fontName=_FONT,
                fontSize=6.5,
                textAnchor="start" if i == 0 else "end" if i == 4 else "middle",
            )
        )
    for i, m in enumerate(timeline.get("markers") or []):
        x = x_of(m["ts"])
        drawing.add(Line(x, bottom, x, bottom + plot_h + 4, strokeColor=colors.HexColor("#cf222e")))
        drawing.add(
            String(
                x + 2,
                height - 8 - (i % 2) * 8,
                m["kind"],
                fontName=_FONT,
                fontSize=6.5,
                fillColor=colors.HexColor("#cf222e"),
            )
        )
    return drawing


def _verdict_cell(verdict: str | None, st: dict[str, Any], under: str = "") -> Any:
    from reportlab.platypus import Paragraph

    colour = VERDICT_COLOUR.get(verdict or "", "#6e7781")
    below = f"<br/>{escape(under)}" if under else ""
    return Paragraph(
        f'<font color="{colour}"><b>{escape(verdict_text(verdict))}</b></font>{below}', st["cell"]
    )


def _purposes_story(report: ReportData, st: dict[str, Any], width: float) -> list[Any]:
    """The purpose answer: the report's first section."""
    from reportlab.platypus import Paragraph

    from auditor.report.purposes_text import (
        INTRO,
        STATUS_COLOUR,
        cell_text,
        conditions_text,
        consent_line,
        numbered_rows,
        question_title,
        quote_text,
        status_label,
        version_heading,
    )

    story: list[Any] = [_p("What the vendor may do with it", st["h2"]), _p(INTRO, st["small"])]
    answer = report.purposes
    apps = [(s.session, a) for s in answer.sessions for a in s.apps] if answer else []
    if not apps:
        story.append(_p("No flows with policy findings.", st["small"]))
        return story
    for session, app in apps:
        version = app.version()
        story.append(
            _p(f"{app.app} (session {session}: {app.flows} flows, {human_bytes(app.bytes)} sent)",
               st["h3"])
        )  # fmt: skip
        story.append(_p(version_heading(version), st["small"]))
        for row in version.rows:
            story.append(_p("• " + row.summary, st["body"]))
        consent = consent_line(app)
        if consent:
            story.append(_p("Consent as observed: " + consent, st["body"]))
        numbered, refs = numbered_rows(version)
        rows = []
        for answer_row, nums in numbered:
            label = Paragraph(
                f'<font color="{STATUS_COLOUR[answer_row.status]}"><b>'
                f"{escape(status_label(answer_row.status, answer_row.bucket))}</b></font>",
                st["cell"],
            )
            bucket = answer_row.bucket
            rows.append(
                (answer_row.purpose_text, label, bucket.flows, human_bytes(bucket.bytes),
                 ", ".join(bucket.categories), nums)
            )  # fmt: skip
        story.append(
            _table(
                ["Purpose", "Terms say", "Flows", "Sent", "Data categories", "Clause"],
                rows,
                [0.16 * width, 0.17 * width, 0.07 * width, 0.1 * width, 0.38 * width, 0.12 * width],
                st,
            )
        )
        for i, ref in enumerate(refs, 1):
            cond = f" ({conditions_text(ref)})" if ref.conditions else ""
            story.append(_p(f"[{i}] {ref.ref}{cond}: “{quote_text(ref, 400)}”", st["small"]))
        if len(app.versions) > 1 and answer is not None:
            questions = list(answer.questions)
            col = 0.7 * width / max(1, len(questions))
            story.append(_p("Across the dated versions of the terms", st["body"]))
            story.append(
                _table(
                    ["Date", *(question_title(q) for q in questions)],
                    [
                        (
                            v.date
                            + (" (in force)" if v.in_force else "")
                            + "".join(" " + c for c in v.changes),
                            *(cell_text(v, q) for q in questions),
                        )
                        for v in app.versions
                    ],
                    [0.3 * width, *([col] * len(questions))],
                    st,
                )
            )
    return story


def render_pdf(report: ReportData, out: Path | IO[bytes]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, Spacer

    _register_fonts()
    st = _styles()
    doc = SimpleDocTemplate(
        str(out) if isinstance(out, Path) else out,
        pagesize=A4,
        leftMargin=16 * mm,
        rightMargin=16 * mm,
        topMargin=14 * mm,
        bottomMargin=14 * mm,
        title=report.title,
        author="Meeting Privacy Auditor",
    )
    width = A4[0] - 32 * mm
    story: list[Any] = [_p(report.title, st["title"])]
    for s in report.sessions:
        span = (s.last_ts - s.first_ts) if s.first_ts and s.last_ts else None
        story.append(
            _p(
                f"Session {s.name}: {utc(s.first_ts)} – {utc(s.last_ts)} ({duration(span)})",
                st["small"],
            )
        )
    story.append(_p(f"Generated {utc(report.generated_at)}", st["small"]))
    warning = banner(report)
    story.append(
        _p(
            f"{warning.lead}: {warning.text}",
            st["banner_ok" if warning.redacted else "banner_bad"],
        )
    )
    story.append(_p(" · ".join(f"{v} {k}" for k, v in facts(report)), st["body"]))

    story.extend(_purposes_story(report, st, width))
    story.append(_p("What left the machine, by data category", st["h2"]))
    story.append(_bar_chart(report.by_label, width))
    story.append(_p("Who received it", st["h2"]))
    story.append(_bar_chart(report.by_entity, width))
    story.append(Spacer(1, 4))
    story.extend(_section_table(entity_table(report), st, width, head_only=True))
    story.append(_p("Processes", st["h3"]))
    story.extend(_section_table(process_table(report), st, width, head_only=True))
    story.append(_p("Top endpoints", st["h2"]))
    story.extend(_section_table(endpoint_table(report), st, width, head_only=True))
    story.append(_p("Identifiers found", st["h2"]))
    identifiers = identifier_table(report)
    if not identifiers.rows:
        story.append(_p(identifiers.empty, st["small"]))
    story.extend(_section_table(identifiers, st, width))
    story.append(_p("Beside the vendor's terms", st["h2"]))
    story.append(_p("Verdicts per clause", st["h3"]))
    verdicts = verdict_table(report)
    if not verdicts.rows:
        story.append(_p(verdicts.empty, st["small"]))
    story.extend(_section_table(verdicts, st, width))
    story.append(_p("Across policy versions", st["h3"]))
    versions = version_tables(report)
    if not versions:
        story.append(_p(NO_VERSIONS, st["small"]))
    for docname, table in versions:
        story.append(_p(docname, st["body"]))
        story.extend(_section_table(table, st, width))
    story.append(_p("Timeline", st["h2"]))
    story.append(
        _p(
            f"Flows per {duration(report.timeline.get('bucket_seconds'))}; red lines are "
            "markers, shaded spans are muted or camera-off periods.",
            st["small"],
        )
    )
    story.append(_timeline(report.timeline, width))
    story.extend(_section_table(marker_table(report), st, width))
    method = report.method
    story.append(_p("Method notes", st["h2"]))
    story.append(
        _p(
            "Capture mode: "
            + (", ".join(method.get("capture_modes") or []) or "not recorded")
            + ". Flow sources: "
            + ", ".join(f"{k}: {v}" for k, v in sorted((method.get("sources") or {}).items())),
            st["body"],
        )
    )
    for note in method.get("notes") or []:
        story.append(_p("• " + note, st["body"]))
    if method.get("client_versions"):
        story.append(_p("Client versions seen (User-Agent)", st["h3"]))
        story.extend(_section_table(client_version_table(report), st, width))
    if method.get("tls_failed"):
        story.append(_p("Connections that could not be decrypted", st["h3"]))
        story.extend(_section_table(tls_failed_table(report), st, width))

    def footer(canvas: Any, doc_: Any) -> None:
        canvas.saveState()
        canvas.setFont(_FONT, 7)
        canvas.setFillColorRGB(0.35, 0.39, 0.43)
        text = "Meeting Privacy Auditor · " + ("redacted" if report.redacted else "NOT REDACTED")
        canvas.drawString(16 * mm, 8 * mm, text)
        canvas.drawRightString(A4[0] - 16 * mm, 8 * mm, f"page {doc_.page}")
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
