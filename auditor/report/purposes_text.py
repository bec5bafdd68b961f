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


@dataclass(frozen=True, slots=True)
class AnswerRow:
    """One line of the answer's table: one status of one purpose."""

    purpose: str
    status: str
    bucket: Bucket

    @property
    def purpose_text(self) -> str:
        text = QUESTION_TEXT.get(self.purpose, self.purpose)
        return text[0].upper() + text[1:]


def answer_rows(version: VersionAnswer) -> Iterator[AnswerRow]:
    for row in version.rows:
        for bucket in row.buckets:
            yield AnswerRow(row.purpose, bucket.status, bucket)


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
            refs: list[ClauseRef] = []
            table = [("PURPOSE", "STATUS", "FLOWS", "SENT", "CATEGORIES", "CLAUSES")]
            for row in answer_rows(version):
                nums = []
                for ref in row.bucket.clauses:
                    if ref not in refs:
                        refs.append(ref)
                    nums.append(f"[{refs.index(ref) + 1}]")
                table.append(
                    (
                        row.purpose_text,
                        STATUS_TEXT[row.status],
                        str(row.bucket.flows),
                        human_bytes(row.bucket.bytes),
                        short_categories(row.bucket.categories),
                        " ".join(nums) or "-",
                    )
                )
            widths = [max(len(r[i]) for r in table) for i in range(5)]
            for r in table:
                out.append("  ".join(r[i].ljust(widths[i]) for i in range(5)) + "  " + r[5])
            out.append("")
            for row in version.rows:
                out.append(f"  {row.summary}")
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
