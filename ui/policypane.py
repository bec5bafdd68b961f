"""The policy pane: what the vendor's terms say about the selected flow, clause by clause.

For each finding it shows the verdict, the clause text with the quoted sentence and the words
that concern the flow's data highlighted, what the clause permits, and lets the user evaluate the
same flow under another dated version of one governing document (the switch names the document and
the version; the pane then shows that version of that document).
The evaluation itself runs in a worker; this widget only displays.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from auditor.records import VERDICTS, FlowRecord, PolicyFinding
from ui import theme
from ui.qt import (
    QComboBox,
    QEvent,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPalette,
    QSplitter,
    Qt,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    Signal,
)

# Words of the terms that speak about each label group or kind (matched case-insensitively).
CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "service_generated": ("service generated data", "telemetry", "usage data", "diagnostic"),
    "service_generated.product_usage": ("product usage", "usage data", "how you use"),
    "service_generated.telemetry": ("telemetry",),
    "service_generated.diagnostics": ("diagnostic", "crash", "error", "log"),
    "service_generated.performance": ("performance", "quality", "metrics"),
    "customer_content": ("customer content", "content"),
    "customer_content.chat": ("chat", "messages", "message"),
    "customer_content.audio": ("audio", "voice"),
    "customer_content.video": ("video", "recording", "screen"),
    "customer_content.files": ("files", "attachments", "whiteboard", "polls"),
    "customer_content.transcript": ("transcript", "summar", "caption"),
    "meeting_metadata": ("meeting", "participant", "metadata"),
    "identifiers": ("identifier", "device id", "unique id", "cookie"),
    "contact_info": ("contact information", "email", "name", "phone"),
    "device_info": ("device", "operating system", "browser", "hardware"),
    "location": ("location", "ip address", "country", "city"),
    "credentials": ("password", "credential", "token", "authentication"),
    "consent_signal": ("consent", "opt out", "opt-out", "settings"),
}

PURPOSE_WORDS: dict[str, tuple[str, ...]] = {
    "ai_training": ("artificial intelligence", "machine learning", "train", "ai "),
    "marketing": ("marketing", "promotional"),
    "advertising": ("advertis",),
    "analytics": ("analytic",),
    "product_improvement": ("improve",),
    "product_development": ("develop",),
    "personalization": ("personaliz", "personalis"),
    "provide_service": ("provide the services", "provide our services", "operate"),
    "security": ("security", "fraud"),
    "support": ("support",),
    "vendor_owned": ("owns all rights", "all rights, title", "own all"),
    "any_purpose": ("any purpose",),
}

PURPOSE_TEXT: dict[str, str] = {
    "any_purpose": "any purpose",
    "ai_training": "training AI models",
    "marketing": "marketing",
    "advertising": "advertising",
    "analytics": "analytics",
    "product_improvement": "improving the product",
    "product_development": "developing products",
    "personalization": "personalisation",
    "provide_service": "providing the service",
    "security": "security",
    "support": "support",
    "communication": "communication",
    "legal": "legal obligations",
    "research": "research",
    "vendor_owned": "the vendor owns the data",
}


def words_for(category: str | None, permits: Iterable[str]) -> list[str]:
    words: list[str] = []
    if category:
        words += CATEGORY_WORDS.get(category, ())
        words += CATEGORY_WORDS.get(category.split(".", 1)[0], ())
    for purpose in permits:
        words += PURPOSE_WORDS.get(purpose, ())
    # Longest first so "service generated data" wins over "data".
    return sorted({w for w in words if w.strip()}, key=len, reverse=True)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str  # "quote" (the sentence the finding rests on) or "word"


def highlight_spans(text: str, quote: str | Iterable[str], words: Iterable[str]) -> list[Span]:
    """Where to highlight `text`: the quoted sentences, and each relevant word (non-overlapping)."""
    spans: list[Span] = []
    quotes = [quote] if isinstance(quote, str) else list(quote)
    for raw in quotes:
        q = raw.strip()
        if not q:
            continue
        at = text.find(q)
        if at < 0:
            at = text.lower().find(q.lower())
        if at >= 0 and not any(s.start <= at < s.end for s in spans):
            spans.append(Span(at, at + len(q), "quote"))
    taken: list[tuple[int, int]] = []
    for word in words:
        for m in re.finditer(re.escape(word), text, flags=re.IGNORECASE):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            spans.append(Span(m.start(), m.end(), "word"))
    return sorted(spans, key=lambda s: (s.start, s.kind != "quote"))


_MD_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")
_MD_BULLET = re.compile(r"(?m)^([ \t]*)[-*] (?=\S)")
_MD_HEADING = re.compile(r"(?m)^(#{1,6} +)(.+)$")


def markdown_marks(text: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
    """The clause texts are Markdown (as Open Terms Archive records them): where its markup is
    (ranges to hide, each with what to show instead) and which ranges are bold. Positions are in
    the verbatim text, so quotes (verbatim, markup included) still find their place."""
    hidden: list[tuple[int, int, str]] = []
    bold: list[tuple[int, int]] = []
    for m in _MD_BOLD.finditer(text):
        hidden += [(m.start(), m.start(1), ""), (m.end(1), m.end(), "")]
        bold.append((m.start(1), m.end(1)))
    for m in _MD_LINK.finditer(text):
        hidden += [(m.start(), m.start(1), ""), (m.end(1), m.end(), "")]
    for m in _MD_BULLET.finditer(text):
        hidden.append((m.start() + len(m.group(1)), m.end(), "• "))
    for m in _MD_HEADING.finditer(text):
        hidden.append((m.start(1), m.end(1), ""))
        bold.append((m.start(2), m.end(2)))
    return sorted(hidden), bold


def clause_html(text: str, quote: str | Iterable[str], words: Iterable[str], pal: QPalette) -> str:
    """The clause as HTML: its Markdown rendered (bold, links, bullets, headings), the quotes
    underlined on a soft tint, the relevant words marked."""
    hidden, bold = markdown_marks(text)
    spans = highlight_spans(text, quote, words)
    quote_spans = [s for s in spans if s.kind == "quote"]
    word_spans = [s for s in spans if s.kind == "word"]
    mark_bg = pal.color(QPalette.ColorRole.Highlight)
    mark_fg = pal.color(QPalette.ColorRole.HighlightedText)
    soft = theme.tinted(VERDICT_HUE_QUOTE, pal)
    out: list[str] = []
    pos = 0
    boundaries = sorted(
        {0, len(text)}
        | {s.start for s in word_spans}
        | {s.end for s in word_spans}
        | {s.start for s in quote_spans}
        | {s.end for s in quote_spans}
        | {b for h in hidden for b in h[:2]}
        | {b for r in bold for b in r}
    )
    for start, end in itertools.pairwise(boundaries):
        if start < pos:
            continue
        cover = next((h for h in hidden if h[0] <= start and end <= h[1]), None)
        if cover is not None:
            if start == cover[0] and cover[2]:
                out.append(html.escape(cover[2]))
            pos = end
            continue
        piece = html.escape(text[start:end]).replace("\n", "<br>")
        if any(b0 <= start and end <= b1 for b0, b1 in bold):
            piece = f"<b>{piece}</b>"
        in_word = any(s.start <= start and end <= s.end for s in word_spans)
        in_quote = any(s.start <= start and end <= s.end for s in quote_spans)
        if in_word:
            piece = (
                f'<span style="background-color:{mark_bg.name()}; color:{mark_fg.name()};">'
                f"{piece}</span>"
            )
        if in_quote:
            piece = f'<span style="background-color:{soft.name()}; text-decoration: underline;">{piece}</span>'
        out.append(piece)
        pos = end
    return "".join(out)


VERDICT_HUE_QUOTE = 52


@dataclass(slots=True)
class FindingGroup:
    """The findings of one clause (or one 'not mentioned' document) with one verdict."""

    document: str
    version: str
    section: str
    verdict: str
    findings: list[PolicyFinding]

    @property
    def categories(self) -> list[str]:
        return sorted({f.category for f in self.findings if f.category})

    @property
    def permits(self) -> list[str]:
        out: list[str] = []
        for f in self.findings:
            out += [p for p in f.permits if p not in out]
        return out


def group_findings(findings: Iterable[PolicyFinding]) -> list[FindingGroup]:
    """One group per (document, version, section, verdict), worst verdict first."""
    groups: dict[tuple[str, str, str, str], FindingGroup] = {}
    for f in findings:
        key = (f.document, f.version, f.section, f.verdict)
        group = groups.get(key)
        if group is None:
            groups[key] = FindingGroup(f.document, f.version, f.section, f.verdict, [f])
        else:
            group.findings.append(f)
    return sorted(
        groups.values(),
        key=lambda g: (
            -VERDICTS.index(g.verdict) if g.verdict in VERDICTS else 0,
            g.document,
            g.section,
        ),
    )


@dataclass(slots=True)
class PolicyVersions:
    """The dated versions of each document that governs the flow, for the version switch: each
    entry names one document and one version (`vendor/doc@DATE`), newest first."""

    document_titles: dict[str, str]
    versions: dict[str, list[str]]  # document -> its versions, newest first

    def entries(self) -> list[tuple[str, str]]:
        """(label, `document@version`) per switch entry, document by document."""
        return [
            (f"{self.document_titles.get(document, document)} · {version}", f"{document}@{version}")
            for document in sorted(self.versions)
            for version in self.versions[document]
        ]


class PolicyPane(QWidget):
    """Findings for one flow; emits `versionRequested(version or None)` when the user switches."""

    versionRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record: FlowRecord | None = None
        self.findings: list[PolicyFinding] = []
        self.clause_texts: dict[tuple[str, str, str], str] = {}
        self.groups: list[FindingGroup] = []
        self.heading = QLabel("What the terms say", self)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.08)
        self.heading.setFont(font)
        self.version = QComboBox(self)
        self.version.setObjectName("policyVersion")
        self.version.setAccessibleName("Policy version")
        self.version.setToolTip(
            "Evaluate this flow under another dated version of one of the documents that govern it"
        )
        self.version.addItem("Version in force", None)
        self.version.currentIndexChanged.connect(self._on_version)
        self.verdict = QLabel("", self)
        self.verdict.setObjectName("policyVerdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self.list = QListWidget(self)
        self.list.setObjectName("findingsList")
        self.list.setAccessibleName("Policy findings")
        self.list.currentRowChanged.connect(self._show_finding)
        self.clause = QTextBrowser(self)
        self.clause.setObjectName("clauseText")
        self.clause.setOpenExternalLinks(False)
        self.clause.setAccessibleName("Clause text")
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.list)
        split.addWidget(self.clause)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(QLabel("Version:", self))
        top.addWidget(self.version)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.verdict)
        layout.addWidget(split, 1)
        self._updating = False

    def changeEvent(self, event: QEvent) -> None:
        # A light/dark switch: the verdict and clause colours were made from the old palette.
        if event.type() == QEvent.Type.PaletteChange and self.groups:
            row = self.list.currentRow()
            self.set_findings(self.record, self.findings, self.clause_texts)
            self.list.setCurrentRow(max(0, row))
        super().changeEvent(event)

    # ------------------------------------------------------------------ API

    def set_versions(self, versions: PolicyVersions | None) -> None:
        self._updating = True
        current = self.version.currentData()
        self.version.clear()
        self.version.addItem("Version in force", None)
        if versions is not None:
            for label, ref in versions.entries():
                self.version.addItem(label, ref)
        i = self.version.findData(current) if current is not None else 0
        self.version.setCurrentIndex(max(0, i))
        self.version.setEnabled(self.version.count() > 1)
        self._updating = False

    def selected_version(self) -> str | None:
        data = self.version.currentData()
        return str(data) if data else None

    def select_version(self, version: str | None) -> None:
        i = self.version.findData(version) if version else 0
        if i >= 0:
            self.version.setCurrentIndex(i)

    def set_findings(
        self,
        record: FlowRecord | None,
        findings: list[PolicyFinding],
        clause_texts: dict[tuple[str, str, str], str] | None = None,
    ) -> None:
        """`clause_texts` maps (document, version, section) to the full clause text, when known."""
        self.record = record
        self.findings = sorted(
            findings,
            key=lambda f: (-VERDICTS.index(f.verdict) if f.verdict in VERDICTS else 0, f.section),
        )
        self.clause_texts = clause_texts or {}
        self.groups = group_findings(self.findings)
        self.list.blockSignals(True)
        self.list.clear()
        pal = self.palette()
        for g in self.groups:
            cats = ", ".join(theme.label_short(c) for c in g.categories) or "the flow"
            where = f"§{g.section}" if g.section else "no clause"
            item = QListWidgetItem(
                f"{theme.VERDICT_TEXT.get(g.verdict, g.verdict)} · {where} · {cats}"
            )
            item.setBackground(theme.tinted(theme.VERDICT_HUES.get(g.verdict, -1), pal))
            item.setForeground(pal.color(QPalette.ColorRole.Text))
            item.setToolTip(f"{g.document} ({g.version})\n{theme.VERDICT_HELP.get(g.verdict, '')}")
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._show_summary()
        if self.groups:
            self.list.setCurrentRow(0)
        else:
            self.clause.setHtml(self._empty_text(record))

    def clear(self) -> None:
        self.set_findings(None, [])

    # ------------------------------------------------------------------ internals

    def _empty_text(self, record: FlowRecord | None) -> str:
        if record is None:
            return "<p>Select a flow to see the clauses that cover the data it sent.</p>"
        if not record.labels:
            return "<p>This flow carries no labelled data, so no clause applies.</p>"
        return (
            "<p>No policy pack covers this app or receiver. The flow's data categories are "
            "listed in the detail pane.</p>"
        )

    def _show_summary(self) -> None:
        if not self.findings:
            self.verdict.setText("")
            return
        worst = self.findings[0].verdict
        counts: dict[str, int] = {}
        for f in self.findings:
            counts[f.verdict] = counts.get(f.verdict, 0) + 1
        pal = self.palette()
        bg = theme.tinted(theme.VERDICT_HUES.get(worst, -1), pal, strong=True).name()
        fg = pal.color(QPalette.ColorRole.Text).name()
        parts = ", ".join(
            f"{n} {theme.VERDICT_TEXT.get(v, v).lower()}"
            for v, n in sorted(
                counts.items(), key=lambda kv: -VERDICTS.index(kv[0]) if kv[0] in VERDICTS else 0
            )
        )
        self.verdict.setText(
            f'<span style="background-color:{bg}; color:{fg};">&nbsp;<b>'
            f"{html.escape(theme.VERDICT_TEXT.get(worst, worst))}</b>&nbsp;</span>"
            f"&nbsp; {len(self.groups)} clauses, {len(self.findings)} findings: {html.escape(parts)}"
        )

    def _show_finding(self, row: int) -> None:
        if not 0 <= row < len(self.groups):
            return
        g = self.groups[row]
        pal = self.palette()
        full = self.clause_texts.get((g.document, g.version, g.section))
        quotes = [f.quote for f in g.findings if f.quote]
        words: list[str] = []
        for f in g.findings:
            words += words_for(f.category, f.permits)
        words = sorted(set(words), key=len, reverse=True)
        permits = (
            ", ".join(html.escape(PURPOSE_TEXT.get(p, p.replace("_", " "))) for p in g.permits)
            or "nothing beyond the service itself"
        )
        about = (
            ", ".join(html.escape(theme.label_long(c)) for c in g.categories)
            or "the flow as a whole"
        )
        verdict_bg = theme.tinted(theme.VERDICT_HUES.get(g.verdict, -1), pal, strong=True).name()
        notes = []
        for f in g.findings:
            if f.explanation and f.explanation not in notes:
                notes.append(f.explanation)
        explanation = "".join(f"<p>{html.escape(n)}</p>" for n in notes[:4])
        if full:
            body = f"<blockquote>{clause_html(full, quotes, words, pal)}</blockquote>"
        elif quotes:
            body = "".join(
                f"<blockquote>{clause_html(q, q, words, pal)}</blockquote>"
                for q in dict.fromkeys(quotes)
            )
        else:
            body = "<p><i>No clause of this version of the document speaks about this data.</i></p>"
        where = f"§{html.escape(g.section)}" if g.section else "No clause"
        self.clause.setHtml(
            f"<h3 style='margin-bottom:2px'>{where} · {html.escape(g.document)} "
            f"<small>({html.escape(g.version)})</small></h3>"
            f"<p><span style='background-color:{verdict_bg};'>&nbsp;"
            f"<b>{html.escape(theme.VERDICT_TEXT.get(g.verdict, g.verdict))}</b>&nbsp;</span>"
            f" — {html.escape(theme.VERDICT_HELP.get(g.verdict, ''))}</p>"
            f"<p><b>About:</b> {about}<br><b>Permits:</b> {permits}</p>"
            f"{explanation}{body}"
        )

    def _on_version(self, _index: int) -> None:
        if not self._updating:
            self.versionRequested.emit(self.selected_version())
