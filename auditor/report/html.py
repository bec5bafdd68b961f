"""The HTML report: one self-contained file (inline CSS and SVG, no scripts, no external assets)
that reads well on screen and prints cleanly (`@media print`)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from auditor.report.fmt import (
    PARTY_TEXT,
    VERDICT_COLOUR,
    clock,
    duration,
    human_bytes,
    utc,
    verdict_text,
)
from auditor.report.model import CountRow, ReportData
from auditor.report.purposes_text import purposes_html
from auditor.report.sections import (
    NO_VERSIONS,
    Cell,
    Table,
    banner,
    category_table,
    client_version_table,
    endpoint_table,
    entity_table,
    facts,
    identifier_table,
    marker_table,
    process_table,
    tls_failed_table,
    verdict_table,
    version_tables,
)

CSS = """
:root { --fg:#1f2328; --muted:#59636e; --line:#d1d9e0; --soft:#f6f8fa; --accent:#0969da;
        --bar:#4c78a8; --bar2:#f58518; --mute:#eaeef2; }
* { box-sizing: border-box; }
body { font: 14px/1.5 -apple-system, "Segoe UI", "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
       color: var(--fg); margin: 0; background: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 28px 32px 48px; }
header.top { border-bottom: 3px solid var(--fg); padding-bottom: 14px; margin-bottom: 18px; }
h1 { font-size: 26px; margin: 0 0 4px; letter-spacing: -0.01em; }
h2 { font-size: 19px; margin: 30px 0 6px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 18px 0 6px; }
p.lead, .sub { color: var(--muted); margin: 2px 0; }
.banner { padding: 10px 14px; border-radius: 6px; margin: 12px 0; font-weight: 600; }
.banner.redacted { background: #dafbe1; border: 1px solid #4ac26b; color: #116329; }
.banner.clear { background: #ffebe9; border: 2px solid #cf222e; color: #82071e; }
.cards { display: grid; grid-template-columns: repeat(6, 1fr); gap: 10px; margin: 14px 0 4px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; background: var(--soft); }
.card .v { font-size: 21px; font-weight: 700; }
.card .k { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; font-size: 13px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
td { overflow-wrap: break-word; }
td.clause { min-width: 14em; }
svg { max-width: 100%; height: auto; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
code, .mono { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px;
              word-break: break-all; }
.tag { display: inline-block; padding: 0 6px; margin: 1px 2px 1px 0; border-radius: 10px; font-size: 11px;
       background: #ddf4ff; color: #0a3069; white-space: nowrap; }
.party-first { background: #dafbe1; color: #116329; }
.party-third { background: #fff1e5; color: #953800; }
.party-unknown { background: #eaeef2; color: #424a53; }
.verdict { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; font-size: 12px;
           font-weight: 600; white-space: nowrap; }
.quote { color: var(--muted); font-style: italic; }
.grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 22px; }
svg text { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
.notes li { margin: 4px 0; }
footer { margin-top: 36px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line);
         padding-top: 8px; }
.empty { color: var(--muted); font-style: italic; }
#purposes { border: 2px solid var(--fg); border-radius: 8px; padding: 4px 16px 10px; margin-top: 18px; }
#purposes h2 { margin-top: 12px; }
ol.clauses li { margin: 4px 0; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  .cards { grid-template-columns: repeat(3, 1fr); }
  .grid2 { grid-template-columns: 1fr; }
  h2 { break-after: avoid; page-break-after: avoid; }
  tr, .card, svg, .banner { break-inside: avoid; page-break-inside: avoid; }
  section { break-inside: auto; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"""


def _e(value: Any) -> str:
    return escape("" if value is None else str(value))


def _tags(items: Sequence[str], limit: int = 8) -> str:
    shown = "".join(f'<span class="tag">{_e(i)}</span>' for i in items[:limit])
    more = f' <span class="sub">+{len(items) - limit}</span>' if len(items) > limit else ""
    return shown + more


def _party(party: str | None) -> str:
    p = party or "unknown"
    return f'<span class="tag party-{_e(p)}">{_e(PARTY_TEXT.get(p, p))}</span>'


def _verdict(verdict: str | None) -> str:
    colour = VERDICT_COLOUR.get(verdict or "", "#6e7781")
    return f'<span class="verdict" style="background:{colour}">{_e(verdict_text(verdict))}</span>'


def bar_chart(rows: Sequence[CountRow], *, title: str, limit: int = 14, width: int = 520) -> str:
    """Horizontal bars of flow counts, with the byte total as a second figure."""
    rows = list(rows)[:limit]
    if not rows:
        return '<p class="empty">No flows.</p>'
    label_w = 250
    row_h = 22
    height = row_h * len(rows) + 8
    peak = max(r.flows for r in rows) or 1
    bar_w = width - label_w - 110
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{_e(title)}">',
        f"<title>{_e(title)}</title>",
    ]
    for i, row in enumerate(rows):
        y = 4 + i * row_h
        w = max(2.0, bar_w * row.flows / peak)
        label = row.key if len(row.key) <= 30 else row.key[:29] + "…"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" font-size="12" text-anchor="end" '
            f'fill="#1f2328">{_e(label)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 7}" rx="2" '
            f'fill="#4c78a8"/>'
            f'<text x="{label_w + w + 5:.1f}" y="{y + 15}" font-size="11" fill="#59636e">'
            f"{row.flows} · {_e(human_bytes(row.bytes))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def party_bar(rows: Sequence[CountRow], width: int = 520) -> str:
    total = sum(r.flows for r in rows) or 1
    colours = {"first": "#2da44e", "third": "#e16f24", "unknown": "#8c959f"}
    x = 0.0
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="46" '
        f'viewBox="0 0 {width} 46" role="img" aria-label="flows by party">'
        "<title>Flows by party</title>"
    ]
    legend_x = 0
    for row in sorted(
        rows,
        key=lambda r: (
            ["first", "third", "unknown"].index(r.key)
            if r.key in ("first", "third", "unknown")
            else 3
        ),
    ):
        w = width * row.flows / total
        colour = colours.get(row.key, "#8c959f")
        parts.append(f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="18" fill="{colour}"/>')
        x += w
        text = f"{PARTY_TEXT.get(row.key, row.key)}: {row.flows} ({100 * row.flows / total:.0f}%)"
        parts.append(
            f'<rect x="{legend_x}" y="28" width="10" height="10" fill="{colour}"/>'
            f'<text x="{legend_x + 14}" y="37" font-size="11" fill="#1f2328">{_e(text)}</text>'
        )
        legend_x += 16 + 7 * len(text)
    parts.append("</svg>")
    return "".join(parts)


def timeline_chart(timeline: dict[str, Any], width: int = 1000, height: int = 210) -> str:
    buckets = timeline.get("buckets") or []
    start = timeline.get("start")
    end = timeline.get("end")
    if not buckets or start is None or end is None:
        return '<p class="empty">No flows to place on a timeline.</p>'
    step = float(timeline.get("bucket_seconds") or 60)
    t0 = min(start, buckets[0]["ts"])
    t1 = max(end, buckets[-1]["ts"] + step)
    for m in timeline.get("markers") or []:
        t0, t1 = min(t0, m["ts"]), max(t1, m["ts"])
    span = max(t1 - t0, 1.0)
    left, right, top, bottom = 48, 12, 34, 32
    plot_w = width - left - right
    plot_h = height - top - bottom
    peak = max(b["flows"] for b in buckets) or 1

    def x_of(ts: float) -> float:
        return left + plot_w * (ts - t0) / span

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 {width} {height}" '
        'role="img" aria-label="flows over time with markers">'
        "<title>Flows over time; shaded: muted or camera off</title>"
    ]
    for period in timeline.get("muted_periods") or []:
        x0 = x_of(period["start"])
        x1 = max(x_of(period["end"]), x0 + 2)
        label = "muted" if period["kind"] == "muted" else "camera off"
        parts.append(
            f'<rect x="{x0:.1f}" y="{top}" width="{x1 - x0:.1f}" height="{plot_h}" '
            f'fill="#eaeef2" stroke="#afb8c1" stroke-dasharray="3 2"/>'
            f'<text x="{x0 + 4:.1f}" y="{top + 12}" font-size="10" fill="#59636e">{label}</text>'
        )
    bar_w = max(1.5, plot_w * step / span - 1)
    for b in buckets:
        h = plot_h * b["flows"] / peak
        parts.append(
            f'<rect x="{x_of(b["ts"]):.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}" '
            f'height="{h:.1f}" fill="#4c78a8"><title>{_e(clock(b["ts"]))}: {b["flows"]} flows, '
            f"{_e(human_bytes(b['bytes']))}</title></rect>"
        )
    # Axes.
    parts.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" '
        'stroke="#59636e"/>'
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#59636e"/>'
        f'<text x="{left - 6}" y="{top + 8}" font-size="10" text-anchor="end" fill="#59636e">'
        f"{peak}</text>"
        f'<text x="{left - 6}" y="{top + plot_h}" font-size="10" text-anchor="end" '
        'fill="#59636e">0</text>'
        f'<text x="6" y="{top + plot_h / 2:.0f}" font-size="10" fill="#59636e" '
        f'transform="rotate(-90 10 {top + plot_h / 2:.0f})">flows</text>'
    )
    for i in range(6):
        ts = t0 + span * i / 5
        anchor = "start" if i == 0 else "end" if i == 5 else "middle"
        parts.append(
            f'<text x="{x_of(ts):.1f}" y="{height - 12}" font-size="10" text-anchor="{anchor}" '
            f'fill="#59636e">{_e(clock(ts))}</text>'
        )
    for i, m in enumerate(timeline.get("markers") or []):
        x = x_of(m["ts"])
        y = 12 + (i % 2) * 11
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{top + plot_h}" stroke="#cf222e" '
            'stroke-width="1.2"/>'
            f'<text x="{x + 3:.1f}" y="{y}" font-size="10" fill="#cf222e">{_e(m["kind"])}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _html_cell(cell: Cell, numeric: bool) -> str:
    if cell.kind == "code":
        return f'<td class="mono">{_e(cell.value)}</td>'
    if cell.kind == "tags":
        return f"<td>{_tags(list(cell.detail))}</td>"
    if cell.kind == "party":
        return f"<td>{_party(cell.detail[0])}</td>"
    if cell.kind == "verdict":
        if not cell.value:
            return "<td>–</td>"
        return f"<td>{_verdict(str(cell.value))}<div class='sub'>{_e(cell.detail[0])}</div></td>"
    if cell.kind == "judgement":
        return f"<td>{_verdict(str(cell.value))}<div class='sub'>{_e(cell.detail[0])}</div></td>"
    if cell.kind == "clause":
        document, section, version = cell.detail
        return (
            f"<td class='clause'><b>{_e(document)}</b> {_e(section)}"
            f"<div class='sub'>version {_e(version)}</div></td>"
        )
    if cell.kind == "quote":
        quote = f"<div class='quote'>“{_e(cell.value)}”</div>" if cell.value else ""
        note = f"<div class='sub'>{_e(cell.note)}</div>" if cell.note else ""
        return f"<td>{_tags(list(cell.detail))}{quote}{note}</td>"
    if cell.kind == "receiver":
        category, entity, party, flows = cell.detail
        return (
            f"<td><span class='tag'>{_e(category)}</span> → {_e(entity)} "
            f"{_party(party)}<div class='sub'>{_e(flows)}</div></td>"
        )
    return f'<td class="n">{_e(cell.value)}</td>' if numeric else f"<td>{_e(cell.value)}</td>"


def _html_table(table: Table) -> str:
    if not table.rows:
        return f'<p class="empty">{_e(table.empty)}</p>'
    first_numeric = len(table.head) - table.numeric
    head = "".join(
        f'<th class="n">{_e(h)}</th>' if i >= first_numeric else f"<th>{_e(h)}</th>"
        for i, h in enumerate(table.head)
    )
    body = "".join(
        "<tr>" + "".join(_html_cell(c, i >= first_numeric) for i, c in enumerate(row)) + "</tr>"
        for row in table.rows
    )
    note = f"<p class='sub'>{_e(table.note)}</p>" if table.note else ""
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{note}"


def render_html(report: ReportData) -> str:
    sessions = report.sessions
    session_lines = "".join(
        f"<li><b>{_e(s.name)}</b>: {_e(utc(s.first_ts))} – {_e(utc(s.last_ts))}"
        f" ({_e(duration((s.last_ts - s.first_ts) if s.first_ts and s.last_ts else None))})"
        f"{', apps: ' + _e(', '.join(s.apps)) if s.apps else ''}</li>"
        for s in sessions
    )
    warning = banner(report)
    banner_html = (
        f'<div class="banner {"redacted" if warning.redacted else "clear"}">'
        f"{_e(warning.lead)}: {_e(warning.text)}</div>"
    )
    cards = "".join(
        f'<div class="card"><div class="v">{_e(v)}</div><div class="k">{_e(k)}</div></div>'
        for k, v in facts(report)
    )

    versions_html = _versions_table(report)
    method = report.method
    notes = "".join(f"<li>{_e(n)}</li>" for n in method.get("notes") or [])
    sources = ", ".join(f"{k}: {v}" for k, v in sorted((method.get("sources") or {}).items()))
    modes = ", ".join(method.get("capture_modes") or []) or "not recorded"

    body = f"""
<header class="top">
<h1>{_e(report.title)}</h1>
<p class="lead">What left this machine, who received it, and what the vendor's terms say about it.</p>
<ul class="sub">{session_lines}</ul>
<p class="sub">Generated {_e(utc(report.generated_at))}</p>
{banner_html}
</header>
<div class="cards">{cards}</div>

{purposes_html(report.purposes)}

<section>
<h2>What left the machine, by data category</h2>
<p class="sub">Each flow counts once under every category it carries; categories follow the
project's taxonomy (service-generated data, customer content, identifiers, device data …).</p>
{bar_chart(report.by_label, title="flows by data category")}
{_html_table(category_table(report))}
</section>

<section>
<h2>Who received it</h2>
{party_bar(report.by_party)}
<div class="grid2"><div>{bar_chart(report.by_entity, title="flows by organisation", width=520)}</div>
<div>{bar_chart(report.by_process, title="flows by process", width=520)}</div></div>
<h3>Organisations</h3>
{_html_table(entity_table(report))}
<h3>Processes</h3>
{_html_table(process_table(report))}
</section>

<section>
<h2>Top endpoints</h2>
{_html_table(endpoint_table(report))}
</section>

<section>
<h2>Identifiers found</h2>
<p class="sub">Values are masked or pseudonymised; the flow view in the app shows them in full.</p>
{_html_table(identifier_table(report))}
</section>

<section>
<h2>Beside the vendor's terms</h2>
<h3>Verdicts per clause</h3>
{_html_table(verdict_table(report))}
<h3>Across policy versions</h3>
{versions_html}
</section>

<section>
<h2>Timeline</h2>
<p class="sub">Flows per {_e(duration(report.timeline.get("bucket_seconds")))}; red lines are markers,
shaded spans are periods with the microphone muted or the camera off.</p>
{timeline_chart(report.timeline)}
{_html_table(marker_table(report))}
</section>

<section>
<h2>Method notes</h2>
<ul class="notes">
<li>Capture mode: {_e(modes)}. Flow sources: {_e(sources or "none")}.</li>
{notes}
</ul>
<h3>Client versions seen (User-Agent)</h3>
{_html_table(client_version_table(report))}
<h3>Connections that could not be decrypted</h3>
{_html_table(tls_failed_table(report))}
</section>
<footer>Meeting Privacy Auditor · report schema {_e(report.to_json()["schema_version"])}</footer>
"""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">"
        f"<title>{_e(report.title)}</title><style>{CSS}</style></head>"
        f"<body><main>{body}</main></body></html>\n"
    )


def _versions_table(report: ReportData) -> str:
    tables = version_tables(report)
    if not tables:
        return f'<p class="empty">{_e(NO_VERSIONS)}</p>'
    return "".join(
        f"<p><b>{_e(doc)}</b>: the verdict each version of the document gives the same data "
        f"flows</p>{_html_table(table)}"
        for doc, table in tables
    )
