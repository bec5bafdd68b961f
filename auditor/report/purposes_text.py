"""The purpose answer as plain text (`auditor policy purposes`) and the pieces every report
format shares: the status words, which version to show, the rows of the answer's table."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from auditor.policy.purposes import (
    CONDITION_TEXT,
    QUESTION_TEXT,
    STATUS_TEXT,
    AppAnswer,
    Bucket,
    ClauseRef,
    PurposeAnswer,
    VersionAnswer,
)
from auditor.report.fmt import human_bytes

STATUS_LABEL: dict[str, str] = {
    "allowed": "Allowed",
    "owned": "Vendor owns it (no limit stated)",
    "consent": "Only with consent",
    "denied": "Ruled out",
    "silent": "Not mentioned",
}
STATUS_COLOUR: dict[str, str] = {
    "allowed": "#cf222e",
    "owned": "#bc4c00",
    "consent": "#0969da",
    "denied": "#1a7f37",
    "silent": "#6e7781",
}


STATUS_HELP: dict[str, str] = {
    "allowed": "A clause permits this use of the data, by name or as 'any purpose'.",
    "owned": "The vendor claims to own the data; the terms set no limit on its use.",
    "consent": "The terms make this use depend on your consent.",
    "denied": "A statement says the vendor does not use this data this way.",
    "silent": "The terms say nothing about this use of this data.",
}


def question_title(purpose: str) -> str:
    text = QUESTION_TEXT.get(purpose, purpose)
    return text[0].upper() + text[1:]


@dataclass(frozen=True, slots=True)
class AnswerRow:
    """One line of the answer's table: one status of one purpose."""

    purpose: str
    status: str
    bucket: Bucket

    @property
    def purpose_text(self) -> str:
        return question_title(self.purpose)


def status_label(status: str, bucket: Bucket) -> str:
    """`Allowed`, or `Allowed (unless you opt out)` when every clause behind it has a condition."""
    label = STATUS_LABEL[status]
    if status == "allowed" and bucket.clauses and all(c.conditions for c in bucket.clauses):
        conditions = sorted({conditions_text(c) for c in bucket.clauses})
        label += f" ({' / '.join(conditions)})"
    return label


def answer_rows(version: VersionAnswer) -> Iterator[AnswerRow]:
    for row in version.rows:
        for bucket in row.buckets:
            yield AnswerRow(row.purpose, bucket.status, bucket)


def numbered_rows(version: VersionAnswer) -> tuple[list[tuple[AnswerRow, str]], list[ClauseRef]]:
    """The version's rows, each with the footnote numbers of its clauses ("[1] [2]"), and the
    clauses in footnote order (each once)."""
    refs: list[ClauseRef] = []
    rows = []
    for row in answer_rows(version):
        nums = []
        for ref in row.bucket.clauses:
            if ref not in refs:
                refs.append(ref)
            nums.append(f"[{refs.index(ref) + 1}]")
        rows.append((row, " ".join(nums)))
    return rows, refs


def short_categories(categories: list[str], limit: int = 4) -> str:
    more = f" +{len(categories) - limit}" if len(categories) > limit else ""
    return ", ".join(categories[:limit]) + more


def quote_text(ref: ClauseRef, limit: int = 0) -> str:
    text = " ".join(ref.quote.replace("**", "").split())
    return text if not limit or len(text) <= limit else text[: limit - 1] + "…"


def conditions_text(ref: ClauseRef) -> str:
    return ", ".join(CONDITION_TEXT.get(c, c) for c in ref.conditions)


def consent_line(app: AppAnswer) -> str | None:
    """What the client itself reported about consent, in one line (None when it never did)."""
    if not app.consent:
        return None
    values: dict[str, int] = {}
    for c in app.consent:
        values[c.value] = values.get(c.value, 0) + 1
    seen = ", ".join(f"{v} ×{n}" for v, n in sorted(values.items()))
    fields = sorted({c.raw for c in app.consent})[:3]
    line = f"The client reported its consent flag {len(app.consent)} time(s): {seen} ({'; '.join(fields)})."
    if app.without_consent:
        line += (
            f" {len(app.without_consent)} flow(s), {human_bytes(app.without_consent_bytes)}, "
            "were sent while it reported NO consent."
        )
    else:
        line += " No data was sent while it reported no consent."
    return line


def version_heading(version: VersionAnswer) -> str:
    docs = ", ".join(f"{d.title} {d.version}" for d in version.documents)
    tags = [t for t, on in (("in force today", version.in_force),) if on]
    return f"Terms on {version.date}" + (f" ({', '.join(tags)})" if tags else "") + f": {docs}"


def purposes_lines(answer: PurposeAnswer, as_of: str | None = None) -> list[str]:
    """`auditor policy purposes` as text: the answer for one date (default: the terms in force
    today), every clause quoted, then how the answer changed date by date."""
    out: list[str] = []
    if not answer.sessions or not any(s.apps for s in answer.sessions):
        return ["No flows with policy findings (no labelled flows of an app with a policy pack)."]
    for session in answer.sessions:
        for app in session.apps:
            version = app.version(as_of)
            out.append(
                f"Session {session.session} — {app.app}: {app.flows} flows with findings, "
                f"{human_bytes(app.bytes)} sent"
            )
            out.append(version_heading(version))
            out.append("")
            numbered, refs = numbered_rows(version)
            table = [("PURPOSE", "STATUS", "FLOWS", "SENT", "CATEGORIES", "CLAUSES")]
            for row, nums in numbered:
                table.append(
                    (
                        row.purpose_text,
                        status_label(row.status, row.bucket).lower()
                        if row.status == "allowed"
                        else STATUS_TEXT[row.status],
                        str(row.bucket.flows),
                        human_bytes(row.bucket.bytes),
                        short_categories(row.bucket.categories),
                        nums or "-",
                    )
                )
            widths = [max(len(r[i]) for r in table) for i in range(5)]
            for r in table:
                out.append("  ".join(r[i].ljust(widths[i]) for i in range(5)) + "  " + r[5])
            out.append("")
            for purpose_row in version.rows:
                out.append(f"  {purpose_row.summary}")
            consent = consent_line(app)
            if consent:
                out.append("")
                out.append(f"  Consent as observed: {consent}")
                for row in answer_rows(version):
                    if row.status == "consent" and row.bucket.without_consent:
                        out.append(
                            f"  ! {len(row.bucket.without_consent)} flow(s) whose use for "
                            f"{row.purpose_text.lower()} needs consent were sent while the "
                            "client reported no consent."
                        )
            if refs:
                out.append("")
                out.append("Clauses:")
                for i, ref in enumerate(refs, 1):
                    cond = f" ({conditions_text(ref)})" if ref.conditions else ""
                    out.append(f"  [{i}] {ref.ref}{cond}: “{quote_text(ref)}”")
            changes = [(v.date, c) for v in app.versions for c in v.changes]
            if len(app.versions) > 1:
                out.append("")
                out.append("How the answer changed with each version of the terms:")
                first = app.versions[0]
                out.append(f"  {first.date}: {first.row(first.rows[0].purpose).summary}")
                for date, change in changes:
                    out.append(f"  {date}: {change}")
            out.append("")
    return out


# --------------------------------------------------------------------------------------------
# The report's first section, in each format


def cell_text(version: VersionAnswer, purpose: str) -> str:
    """`allowed 14 · only with consent 5` for one purpose on one date."""
    row = version.row(purpose)
    parts = [f"{STATUS_TEXT[b.status]} {b.flows}" for b in row.buckets if b.status != "silent"]
    return " · ".join(parts) or "not mentioned"


INTRO = (
    "Of what left the machine: what the vendor's terms allow it to use for AI training, for any "
    "purpose, for marketing, or to share with third parties, which only with consent, and which "
    "they rule out, under each dated version of the terms. Flows count under every status one of "
    "their data categories has; bytes are what the client sent."
)


def _apps(answer: PurposeAnswer | None) -> list[tuple[str, AppAnswer]]:
    if answer is None:
        return []
    return [(s.session, a) for s in answer.sessions for a in s.apps]


def purposes_html(answer: PurposeAnswer | None) -> str:
    from html import escape as e

    apps = _apps(answer)
    if not apps:
        return (
            '<section id="purposes"><h2>What the vendor may do with it</h2>'
            '<p class="empty">No flows with policy findings.</p></section>'
        )
    out = [
        '<section id="purposes"><h2>What the vendor may do with it</h2>',
        f'<p class="sub">{e(INTRO)}</p>',
    ]
    assert answer is not None
    for session, app in apps:
        version = app.version()
        out.append(
            f"<h3>{e(app.app)} <span class='sub'>session {e(session)} · {app.flows} flows · "
            f"{e(human_bytes(app.bytes))} sent</span></h3>"
        )
        out.append(f"<p class='sub'>{e(version_heading(version))}</p>")
        out.append("<ul>" + "".join(f"<li>{e(r.summary)}</li>" for r in version.rows) + "</ul>")
        consent = consent_line(app)
        if consent:
            out.append(f"<p><b>Consent as observed:</b> {e(consent)}</p>")
        numbered, refs = numbered_rows(version)
        rows = []
        for row, nums in numbered:
            colour = STATUS_COLOUR[row.status]
            warn = (
                f"<div class='sub'>{len(row.bucket.without_consent)} sent while the client "
                "reported no consent</div>"
                if row.status == "consent" and row.bucket.without_consent
                else ""
            )
            rows.append(
                f"<tr><td>{e(row.purpose_text)}</td><td><span class='verdict' "
                f"style='background:{colour}'>{e(status_label(row.status, row.bucket))}</span>{warn}</td>"
                f"<td class='n'>{row.bucket.flows}</td><td class='n'>{e(human_bytes(row.bucket.bytes))}</td>"
                f"<td>{''.join(f'<span class=tag>{e(c)}</span>' for c in row.bucket.categories)}</td>"
                f"<td>{e(nums)}</td></tr>"
            )
        out.append(
            "<table><thead><tr><th>Purpose</th><th>Terms say</th><th class='n'>Flows</th>"
            "<th class='n'>Sent</th><th>Data categories</th><th>Clause</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
        if refs:
            out.append(
                "<ol class='clauses'>"
                + "".join(
                    f"<li><b>{e(r.ref)}</b>"
                    + (f" ({e(conditions_text(r))})" if r.conditions else "")
                    + f"<div class='quote'>“{e(quote_text(r))}”</div></li>"
                    for r in refs
                )
                + "</ol>"
            )
        if len(app.versions) > 1:
            head = "".join(f"<th>{e(question_title(q))}</th>" for q in answer.questions)
            body = "".join(
                f"<tr><td><b>{e(v.date)}</b>{' (in force)' if v.in_force else ''}"
                f"<div class='sub'>{e(', '.join(d.document + ' ' + d.version for d in v.documents))}</div>"
                f"{''.join(f'<div>{e(c)}</div>' for c in v.changes)}</td>"
                + "".join(f"<td>{e(cell_text(v, q))}</td>" for q in answer.questions)
                + "</tr>"
                for v in app.versions
            )
            out.append(
                "<p><b>Across the dated versions of the terms</b> (flows per status; what changed "
                f"on each date)</p><table><thead><tr><th>Date</th>{head}</tr></thead>"
                f"<tbody>{body}</tbody></table>"
            )
    out.append("</section>")
    return "".join(out)


def _md(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def purposes_markdown(answer: PurposeAnswer | None) -> str:
    out = ["## What the vendor may do with it\n", f"{INTRO}\n"]
    apps = _apps(answer)
    if not apps:
        out.append("_No flows with policy findings._\n")
        return "\n".join(out)
    assert answer is not None
    for session, app in apps:
        version = app.version()
        out.append(
            f"### {_md(app.app)} (session {_md(session)}: {app.flows} flows, "
            f"{human_bytes(app.bytes)} sent)\n"
        )
        out.append(f"{_md(version_heading(version))}\n")
        out += [f"- {_md(r.summary)}" for r in version.rows]
        out.append("")
        consent = consent_line(app)
        if consent:
            out.append(f"**Consent as observed:** {_md(consent)}\n")
        numbered, refs = numbered_rows(version)
        out.append("| Purpose | Terms say | Flows | Sent | Data categories | Clause |")
        out.append("| --- | --- | ---: | ---: | --- | --- |")
        for row, nums in numbered:
            status = status_label(row.status, row.bucket)
            if row.status == "consent" and row.bucket.without_consent:
                status += f" ({len(row.bucket.without_consent)} sent without consent)"
            out.append(
                f"| {row.purpose_text} | {_md(status)} | {row.bucket.flows} | "
                f"{human_bytes(row.bucket.bytes)} | {_md(', '.join(row.bucket.categories))} | "
                f"{nums} |"
            )
        out.append("")
        for i, ref in enumerate(refs, 1):
            cond = f" ({conditions_text(ref)})" if ref.conditions else ""
            out.append(f"{i}. **{_md(ref.ref)}**{cond}: “{_md(quote_text(ref))}”")
        out.append("")
        if len(app.versions) > 1:
            out.append("**Across the dated versions of the terms**\n")
            out.append(
                "| Date | "
                + " | ".join(question_title(q) for q in answer.questions)
                + " | What changed |"
            )
            out.append("| --- |" + " --- |" * (len(answer.questions) + 1))
            for v in app.versions:
                out.append(
                    f"| {v.date}{' (in force)' if v.in_force else ''} | "
                    + " | ".join(_md(cell_text(v, q)) for q in answer.questions)
                    + f" | {_md(' '.join(v.changes))} |"
                )
            out.append("")
    return "\n".join(out)


def purposes_csv_rows(answer: PurposeAnswer | None) -> list[list[object]]:
    """Long-form rows (section, key, detail, flows, bytes, value) for every date and status."""
    rows: list[list[object]] = []
    for session, app in _apps(answer):
        for v in app.versions:
            for row in answer_rows(v):
                refs = "; ".join(r.ref for r in row.bucket.clauses)
                rows.append(
                    [
                        "purpose",
                        f"{session}/{app.app}/{row.purpose}",
                        f"{v.date}{' in force' if v.in_force else ''}: {row.status}",
                        row.bucket.flows,
                        row.bucket.bytes,
                        ";".join(row.bucket.categories) + (f" | {refs}" if refs else ""),
                    ]
                )
    return rows
