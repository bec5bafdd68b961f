"""Split a policy document (Markdown, HTML or plain text) into numbered sections.

The shipped packs and `auditor policy extract` both go through `extract_sections`, so a section id
means the same thing in a shipped pack and in a user's own extraction.

Numbering rules:

* Documents that number their clauses ("10.2 Service Generated Data", "**1\\. ACCOUNT …**",
  "27. **CUSTOMER CONTENT**") keep their own numbers ("explicit" mode). Open Terms Archive's Markdown
  often carries list counters instead of the real top-level numbers (Zoom's "CUSTOMER CONTENT" heading
  is list item 27 but section 10); when the top-level numbers are not 1, 2, 3 … they are replaced by
  the heading's ordinal, corrected by the prefix of its first numbered sub-clause.
  Unnumbered headings in such documents are dropped (they repeat the numbered heading).
* Documents without numbers get hierarchical ordinals from their heading structure ("ordinal" mode):
  headings (ATX, setext), bold-only lines, then bullet items that start with a bold lead
  ("* **Vendors:** …") nest in that order. A single top heading that opens the document is its title.

Section text is always an exact slice of the (Markdown or plain) source; for HTML it is a slice of
the text the HTML was converted to, which is what `ExtractedDocument.source` holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

from auditor.errors import InputFormatError

SourceFormat = Literal["md", "html", "text"]

_ATX = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^(=+|-+)\s*$")
_BULLET = re.compile(r"^[*+-]\s+")
_DOTTED = re.compile(r"^(\d+(?:\.\d+)+)\.?(?=\s|[A-Za-z(])\s*(.*)$", re.S)
# "27. **CUSTOMER CONTENT**", "**1\. ACCOUNT INFORMATION**", "1\. **Your Privacy.** Your privacy …"
_TOP_NUMBERED = re.compile(
    r"^(?:\*\*)?(\d{1,3})\\?\.(?:\*\*)?\s+\*\*(.+?)\*\*|^\*\*(\d{1,3})\\?\.\s+(.+?)\*\*"
)
_BOLD_LINE = re.compile(r"^\*\*(.+?)\*\*\s*:?\s*$", re.S)
# "* **Vendors:** Zoom works …", "*   **Account information**. When …", "*   a. **XBOX.**"
_BULLET_LEAD = re.compile(r"^[*+-]\s+(?:[a-z]{1,5}\.\s+)?\*\*(.+?)\*\*\s*[.:]?")
# "**Diagnostic Data**. Diagnostic data is used to …" — a paragraph that opens with a bold lead.
_PARA_LEAD = re.compile(r"^\*\*([^*]{1,80}?)(?:\*\*[.:]|[.:]\*\*)\s")
# Microsoft's page repeats each module title and its anchor on one line:
# "Microsoft TeamsMicrosoft Teamsmainteamsmodule".
_MODULE_TITLE = re.compile(r"^(.{3,120}?)\1main\w*$")
_EMPHASIS = re.compile(r"[*_\\]|\u200d")
_WS = re.compile(r"\s+")

# Heading ranks in ordinal mode (ATX/setext use their level, 1-6).
_RANK_BOLD_LINE = 7
_RANK_BULLET_LEAD = 8


def plain(text: str) -> str:
    """Markdown text without emphasis markers and backslash escapes, whitespace collapsed."""
    return _WS.sub(" ", _EMPHASIS.sub("", text)).strip()


@dataclass(slots=True)
class Block:
    start: int  # offsets into the source
    end: int
    raw: str
    kind: Literal["para", "heading", "numbered", "lead"] = "para"
    rank: int = 0
    number: str | None = None  # explicit number ("10.2", "27") when the block carries one
    heading: str = ""


@dataclass(slots=True)
class Section:
    id: str  # "10.2", or an ordinal id such as "3.2" in documents without numbers
    heading: str
    text: str  # exact slice of the source: source[start:end]
    start: int
    end: int
    depth: int
    parent: str | None = None


@dataclass(slots=True)
class ExtractedDocument:
    source: str  # Markdown/plain text the offsets refer to (converted text for HTML)
    format: SourceFormat
    mode: Literal["explicit", "ordinal"]
    title: str | None
    sections: list[Section] = field(default_factory=list)

    def section(self, section_id: str) -> Section | None:
        for sec in self.sections:
            if sec.id == section_id:
                return sec
        return None

    def section_at(self, offset: int) -> Section | None:
        """The innermost section whose text contains `offset`."""
        found: Section | None = None
        for sec in self.sections:
            if sec.start <= offset < sec.end and (found is None or sec.depth >= found.depth):
                found = sec
        return found


# --------------------------------------------------------------------------------------------
# Blocks


def _split_blocks(source: str) -> list[Block]:
    """Paragraphs (blank-line separated) and top-level bullet items, with source offsets."""
    blocks: list[Block] = []
    cur_start: int | None = None
    cur_end = 0
    pos = 0

    def flush() -> None:
        nonlocal cur_start
        if cur_start is not None:
            blocks.append(Block(cur_start, cur_end, source[cur_start:cur_end]))
        cur_start = None

    for line in source.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        line_start, line_end = pos, pos + len(content)
        pos += len(line)
        if not content.strip():
            flush()
            continue
        # Underline of a setext heading: only when the block so far is a single line.
        if (
            _SETEXT.match(content)
            and cur_start is not None
            and "\n" not in source[cur_start:cur_end]
        ):
            level = 1 if content.startswith("=") else 2
            title = source[cur_start:cur_end]
            blocks.append(
                Block(
                    cur_start,
                    line_end,
                    source[cur_start:line_end],
                    "heading",
                    level,
                    heading=plain(title),
                )
            )
            cur_start = None
            continue
        if cur_start is not None and _BULLET.match(content):
            flush()  # a new top-level bullet item starts a new block
        if cur_start is None:
            cur_start = line_start
        cur_end = line_end
    flush()
    return blocks


def _dotted_heading(rest_raw: str) -> str:
    """Heading of a numbered clause: the bold run after the number, else text up to the first stop."""
    m = re.match(r"^\s*(?:\*\*\s*)*(.+?)\*\*", rest_raw, re.S)
    if m and len(plain(m.group(1))) <= 150:
        head = plain(m.group(1))
    else:
        text = plain(rest_raw)
        stop = re.search(r"[.:](\s|$)", text)
        head = text[: stop.start()] if stop and stop.start() <= 150 else text[:80]
    return head.rstrip(" .:")


def _classify(block: Block) -> None:
    raw = block.raw
    first_line = raw.split("\n", 1)[0]
    if block.kind == "heading":
        return
    m = _ATX.match(first_line)
    if m and "\n" not in raw.strip():
        block.kind, block.rank, block.heading = "heading", len(m.group(1)), plain(m.group(2))
        return
    # Numbered clause "10.2 Heading. Text" (markdown emphasis stripped for the test only).
    stripped = _EMPHASIS.sub("", first_line).lstrip()
    m = _DOTTED.match(stripped)
    if m and not _BULLET.match(first_line):
        number = m.group(1)
        raw_rest = re.sub(
            r"^[\s*\\]*" + re.escape(number).replace(r"\.", r"\\?\.") + r"\\?\.?", "", raw, count=1
        )
        block.kind, block.number, block.heading = "numbered", number, _dotted_heading(raw_rest)
        return
    m = _TOP_NUMBERED.match(raw)
    if m:
        number = m.group(1) or m.group(3)
        head = plain(m.group(2) or m.group(4))
        block.kind, block.number, block.heading = "numbered", number, head.rstrip(" .:")
        return
    # Plain-text documents: "1.  Agreement" on a line of its own.
    m = re.match(r"^(\d{1,3})\.\s+(\S.{0,100})$", raw.strip())
    if m and "\n" not in raw.strip() and not m.group(2).rstrip().endswith("."):
        block.kind, block.number, block.heading = "numbered", m.group(1), plain(m.group(2))
        return
    m = _BOLD_LINE.match(raw.strip())
    if m and "**" not in m.group(1) and "\n" not in raw.strip():
        head = plain(m.group(1))
        if len(head) <= 120 and not head.endswith("."):
            block.kind, block.rank, block.heading = "heading", _RANK_BOLD_LINE, head.rstrip(":")
            return
    text = raw.strip()
    if (
        "\n" not in text
        and 3 <= len(text) <= 80
        and text.upper() == text
        and re.search(r"[A-Z]{3}", text)
        and not text.endswith(".")
    ):
        block.kind, block.rank, block.heading = "heading", _RANK_BOLD_LINE, plain(text)
        return
    m = _MODULE_TITLE.match(raw.strip())
    if m:
        block.kind, block.rank, block.heading = "heading", 2, plain(m.group(1))
        return
    m = _BULLET_LEAD.match(raw) or _PARA_LEAD.match(raw)
    if m:
        head = plain(m.group(1)).rstrip(" .:")
        if 0 < len(head) <= 120:
            block.kind, block.rank, block.heading = "lead", _RANK_BULLET_LEAD, head


# --------------------------------------------------------------------------------------------
# Numbering


def _explicit_sections(source: str, blocks: list[Block]) -> list[Section]:
    tops = [b for b in blocks if b.kind == "numbered" and b.number and "." not in b.number]
    top_numbers = [int(b.number or 0) for b in tops]
    trusted = top_numbers == list(range(1, len(top_numbers) + 1))
    sections: list[Section] = []
    groups: list[tuple[str, str, str | None, list[Block]]] = []  # id, heading, parent, blocks
    ordinal = 0
    current_top: str | None = None
    preamble: list[Block] = []
    for i, block in enumerate(blocks):
        if block.kind == "numbered" and block.number:
            if "." not in block.number:
                ordinal += 1
                number = int(block.number) if trusted else ordinal
                if not trusted:
                    # The first numbered sub-clause knows the real number ("10.1" under list item 27).
                    for nxt in blocks[i + 1 :]:
                        if nxt.kind == "numbered" and nxt.number:
                            if "." in nxt.number:
                                number = int(nxt.number.split(".")[0])
                            break
                    ordinal = number
                current_top = str(number)
                groups.append((current_top, block.heading, None, [block]))
            else:
                parent_id: str | None = block.number.rsplit(".", 1)[0]
                groups.append((block.number, block.heading, parent_id, [block]))
        elif block.kind in ("heading",) or (block.kind == "lead" and not groups):
            continue  # unnumbered headings repeat the numbered ones in these documents
        elif groups:
            groups[-1][3].append(block)
        else:
            preamble.append(block)
    if preamble:
        groups.insert(0, ("0", "Preamble", None, preamble))
    seen: dict[str, int] = {}
    for sec_id, heading, parent, members in groups:
        # A number used twice (a document quoting itself, or a typo) gets a suffix to stay unique.
        n = seen.get(sec_id, 0)
        seen[sec_id] = n + 1
        unique = sec_id if n == 0 else f"{sec_id}~{n + 1}"
        start, end = members[0].start, members[-1].end
        sections.append(
            Section(unique, heading, source[start:end], start, end, unique.count(".") + 1, parent)
        )
    return sections


def _ordinal_sections(source: str, blocks: list[Block]) -> tuple[list[Section], str | None]:
    heads = [b for b in blocks if b.kind in ("heading", "lead")]
    title: str | None = None
    title_block: Block | None = None
    if heads:
        min_rank = min(b.rank for b in heads)
        tops = [b for b in heads if b.rank == min_rank]
        if len(tops) == 1 and heads[0] is tops[0] and min_rank <= 2:
            title_block = tops[0]
            title = tops[0].heading
    # stack of (rank, id, child counter holder)
    stack: list[tuple[int, str, list[int]]] = []
    root_children = [0]
    groups: list[tuple[str, str, str | None, int, list[Block]]] = []
    preamble: list[Block] = []
    for block in blocks:
        if block is title_block:
            continue
        if block.kind in ("heading", "lead"):
            while stack and stack[-1][0] >= block.rank:
                stack.pop()
            counter = stack[-1][2] if stack else root_children
            counter[0] += 1
            parent = stack[-1][1] if stack else None
            sec_id = f"{parent}.{counter[0]}" if parent else str(counter[0])
            stack.append((block.rank, sec_id, [0]))
            groups.append((sec_id, block.heading, parent, len(stack), [block]))
        elif groups:
            groups[-1][4].append(block)
        else:
            preamble.append(block)
    sections: list[Section] = []
    if preamble:
        start, end = preamble[0].start, preamble[-1].end
        sections.append(Section("0", "Preamble", source[start:end], start, end, 1, None))
    # A heading's text runs to the end of its last descendant, so a section contains its children.
    for idx, (sec_id, heading, parent, depth, members) in enumerate(groups):
        start = members[0].start
        end = members[-1].end
        for later in groups[idx + 1 :]:
            if later[0].startswith(sec_id + "."):
                end = later[4][-1].end
            else:
                break
        sections.append(Section(sec_id, heading, source[start:end], start, end, depth, parent))
    return sections, title


# --------------------------------------------------------------------------------------------
# HTML


class _HtmlToMarkdown(HTMLParser):
    """Just enough Markdown to keep headings, paragraphs and list items apart."""

    _SKIP = frozenset({"script", "style", "nav", "header", "footer", "noscript", "template"})
    _BLOCK = frozenset({"p", "div", "section", "article", "br", "tr", "table", "ul", "ol", "main"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.bold = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skip += 1
        elif self.skip:
            return
        elif re.fullmatch(r"h[1-6]", tag):
            self.out.append("\n\n" + "#" * int(tag[1]) + " ")
        elif tag == "li":
            self.out.append("\n\n* ")
        elif tag in self._BLOCK:
            self.out.append("\n\n")
        elif tag in ("b", "strong"):
            self.out.append("**")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skip = max(0, self.skip - 1)
        elif self.skip:
            return
        elif re.fullmatch(r"h[1-6]", tag) or tag in self._BLOCK or tag == "li":
            self.out.append("\n\n")
        elif tag in ("b", "strong"):
            self.out.append("**")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.out.append(_WS.sub(" ", data))

    def text(self) -> str:
        joined = "".join(self.out)
        lines = [line.strip() for line in joined.split("\n")]
        text = "\n".join(lines)
        text = re.sub(r"\*\*\s*\*\*", "", text)
        return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def html_to_markdown(html: str) -> str:
    parser = _HtmlToMarkdown()
    parser.feed(html)
    parser.close()
    return parser.text()


# --------------------------------------------------------------------------------------------


def guess_format(path: Path, text: str) -> SourceFormat:
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "md"
    head = text[:2000].lstrip().lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    return "text" if suffix == ".txt" else "md"


def extract_sections(text: str, fmt: SourceFormat = "md") -> ExtractedDocument:
    """Split `text` into sections. Never raises on odd input: a document with no structure is one
    preamble section."""
    source = html_to_markdown(text) if fmt == "html" else text
    blocks = _split_blocks(source)
    for block in blocks:
        _classify(block)
    numbered = [b for b in blocks if b.kind == "numbered"]
    title: str | None = None
    if len(numbered) >= 3:
        sections = _explicit_sections(source, blocks)
        mode: Literal["explicit", "ordinal"] = "explicit"
        for b in blocks:
            if b.kind == "heading" and b.rank <= 2:
                title = b.heading
                break
    else:
        sections, title = _ordinal_sections(source, blocks)
        mode = "ordinal"
    return ExtractedDocument(source=source, format=fmt, mode=mode, title=title, sections=sections)


def extract_file(path: Path, fmt: SourceFormat | None = None) -> ExtractedDocument:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputFormatError(f"cannot read {path}: {err.strerror or err}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    if "\x00" in text:
        raise InputFormatError(f"{path} is not a text, Markdown or HTML document")
    return extract_sections(text, fmt or guess_format(path, text))
