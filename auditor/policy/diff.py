"""Which clauses changed between two versions of a policy document.

Section numbers move between versions (Zoom's Service Generated Data clause is 10.2 in March 2023 and
10.5 from August 2023), so sections are paired by text first, then by heading, then by heading
similarity, and only last by number. Each pair that differs gets a unified diff of its sentences.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from auditor.policy.extract import plain

ChangeKind = Literal["unchanged", "changed", "added", "removed"]

_SENTENCE_SPLIT = re.compile(r"(?<=[.!?;])\s+|\n+")
HEADING_SIMILARITY = 0.6


class SectionLike(Protocol):
    @property
    def heading(self) -> str: ...

    @property
    def text(self) -> str: ...


@dataclass(slots=True)
class SectionRef:
    id: str
    heading: str
    text: str


@dataclass(slots=True)
class ClauseChange:
    kind: ChangeKind
    old: SectionRef | None
    new: SectionRef | None
    diff: str = ""  # unified diff, one sentence a line

    @property
    def renumbered(self) -> bool:
        return self.old is not None and self.new is not None and self.old.id != self.new.id

    @property
    def label(self) -> str:
        if self.old and self.new:
            ids = self.old.id if self.old.id == self.new.id else f"{self.old.id} → {self.new.id}"
            return f"{ids} {self.new.heading}"
        ref = self.old or self.new
        assert ref is not None
        return f"{ref.id} {ref.heading}"


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_SPLIT.split(text) if s.strip()]


_LEADING_NUMBER = re.compile(r"^[\s*#\\]*\d+(?:\.\d+)*\\?\.?[\s*]*")


def _body(text: str) -> str:
    """Text without the number it starts with (list counters move when a section is added)."""
    return plain(_LEADING_NUMBER.sub("", text, count=1))


def _depth(section_id: str) -> int:
    return section_id.count(".")


def _norm(heading: str) -> str:
    return re.sub(r"[^a-z0-9 ]+", "", plain(heading).casefold()).strip()


def diff_sections(
    old: Sequence[SectionRef], new: Sequence[SectionRef], *, include_unchanged: bool = False
) -> list[ClauseChange]:
    pairs: dict[int, int] = {}  # index in old -> index in new
    used_new: set[int] = set()

    def pair(i: int, j: int) -> None:
        pairs[i] = j
        used_new.add(j)

    # 1. identical text
    by_text: dict[str, list[int]] = {}
    for j, sec in enumerate(new):
        by_text.setdefault(_body(sec.text), []).append(j)
    for i, sec in enumerate(old):
        for j in by_text.get(_body(sec.text), []):
            if j not in used_new:
                pair(i, j)
                break
    # 2. same heading (first unused one, in order)
    for i, sec in enumerate(old):
        if i in pairs or not _norm(sec.heading):
            continue
        for j, other in enumerate(new):
            if (
                j not in used_new
                and _depth(other.id) == _depth(sec.id)
                and _norm(other.heading) == _norm(sec.heading)
            ):
                pair(i, j)
                break
    # 3. similar headings, best pairs first
    candidates: list[tuple[float, int, int]] = []
    for i, sec in enumerate(old):
        if i in pairs or not _norm(sec.heading):
            continue
        for j, other in enumerate(new):
            if j in used_new or not _norm(other.heading) or _depth(other.id) != _depth(sec.id):
                continue
            ratio = difflib.SequenceMatcher(None, _norm(sec.heading), _norm(other.heading)).ratio()
            if ratio >= HEADING_SIMILARITY:
                candidates.append((ratio, i, j))
    for _ratio, i, j in sorted(candidates, reverse=True):
        if i not in pairs and j not in used_new:
            pair(i, j)
    # 4. same number
    for i, sec in enumerate(old):
        if i in pairs:
            continue
        for j, other in enumerate(new):
            if j not in used_new and other.id == sec.id:
                pair(i, j)
                break

    changes: list[tuple[float, ClauseChange]] = []
    for i, sec in enumerate(old):
        if i in pairs:
            other = new[pairs[i]]
            if _body(sec.text) == _body(other.text):
                if include_unchanged or sec.id != other.id:
                    changes.append((pairs[i], ClauseChange("unchanged", sec, other)))
                continue
            udiff = "\n".join(
                difflib.unified_diff(
                    sentences(sec.text),
                    sentences(other.text),
                    fromfile=f"§{sec.id}",
                    tofile=f"§{other.id}",
                    lineterm="",
                )
            )
            changes.append((pairs[i], ClauseChange("changed", sec, other, udiff)))
        else:
            # Removed sections sort just after where they used to be.
            anchor = max((pairs[k] for k in pairs if k < i), default=-1) + 0.5
            changes.append((anchor, ClauseChange("removed", sec, None)))
    for j, other in enumerate(new):
        if j not in used_new:
            udiff = "\n".join(
                difflib.unified_diff(
                    [],
                    sentences(other.text),
                    fromfile="/dev/null",
                    tofile=f"§{other.id}",
                    lineterm="",
                )
            )
            changes.append((j, ClauseChange("added", None, other, udiff)))
    changes.sort(key=lambda item: item[0])
    return [c for _, c in changes]
