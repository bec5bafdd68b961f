"""The section splitter and the clause diff on the real policy texts and on small documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.errors import InputFormatError
from auditor.policy.diff import SectionRef, diff_sections
from auditor.policy.extract import extract_file, extract_sections


def _refs(path: Path) -> list[SectionRef]:
    return [SectionRef(s.id, s.heading, s.text) for s in extract_file(path).sections]


@pytest.mark.parametrize(
    ("version", "sgd_section", "sgd_heading"),
    [
        ("2023-04-01", "10.2", "Service Generated Data; Consent to Use"),
        ("2023-07-28", "10.2", "Service Generated Data; Consent to Use"),
        ("2023-08-07", "10.2", "Service Generated Data; Consent to Use"),
        ("2023-08-11", "10.5", "Service Generated Data"),
        ("2026-08-06", "10.5", "Service Generated Data"),
    ],
)
def test_zoom_terms_keep_their_own_numbers(
    reference_dir: Path, version: str, sgd_section: str, sgd_heading: str
) -> None:
    path = reference_dir / f"zoom/terms-of-service.{version}.md"
    doc = extract_file(path)
    assert doc.mode == "explicit"
    source = path.read_text("utf-8")
    sec = doc.section(sgd_section)
    assert sec is not None and sec.heading == sgd_heading
    # Markdown list counters ("27. **CUSTOMER CONTENT**") are not section numbers.
    top = doc.section("10")
    assert top is not None and top.heading in (
        "CUSTOMER CONTENT",
        "DATA USAGE, LICENSES AND RESPONSIBILITIES",
    )
    assert [s.id for s in doc.sections if "." not in s.id][1:] == [str(n) for n in range(1, 35)]
    for s in doc.sections:
        assert source[s.start : s.end] == s.text


def test_unnumbered_paragraph_belongs_to_the_clause_before(reference_dir: Path) -> None:
    doc = extract_file(reference_dir / "zoom/terms-of-service.2023-08-07.md")
    sec = doc.section("10.4")
    assert sec is not None
    assert sec.text.rstrip().endswith(
        "to train our artificial intelligence models without your consent.**"
    )


@pytest.mark.parametrize(
    "rel",
    [
        "zoom/privacy-statement.2024-08-05.md",
        "microsoft/privacy-statement.2024-06-25.md",
        "microsoft/services-agreement.2026-08-04.md",
        "google/privacy-policy.2026-06-24.md",
        "discord/privacy-policy.2026-04-08.md",
        "jitsi/terms-of-service.2025-09-23.md",
    ],
)
def test_every_reference_document_splits_into_exact_sections(reference_dir: Path, rel: str) -> None:
    path = reference_dir / rel
    doc = extract_file(path)
    source = path.read_text("utf-8")
    assert len(doc.sections) >= 5
    ids = [s.id for s in doc.sections]
    assert len(ids) == len(set(ids))
    for s in doc.sections:
        assert source[s.start : s.end] == s.text and s.text.strip()


def test_microsoft_module_titles_and_bold_leads(reference_dir: Path) -> None:
    doc = extract_file(reference_dir / "microsoft/privacy-statement.2024-06-25.md")
    teams = [s for s in doc.sections if s.heading == "Microsoft Teams"]
    assert len(teams) == 1 and teams[0].depth == 1
    assert any(s.heading == "Teams profile" and s.parent == teams[0].id for s in doc.sections)


def test_markdown_with_numbered_paragraphs() -> None:
    text = (
        "# Example Terms\n\n1. **DATA**\n\n**1.1 Service Generated Data**. Telemetry is ours. "
        "More text.\n\nA continuation paragraph.\n\n**1.2 Content**. Yours.\n\n"
        "2. **OTHER**\n\nPlain.\n\n**2.1 Misc**. Misc text.\n"
    )
    doc = extract_sections(text, "md")
    assert [(s.id, s.heading) for s in doc.sections] == [
        ("1", "DATA"),
        ("1.1", "Service Generated Data"),
        ("1.2", "Content"),
        ("2", "OTHER"),
        ("2.1", "Misc"),
    ]
    assert doc.section("1.1").text.endswith("A continuation paragraph.")  # type: ignore[union-attr]


def test_plain_text_numbered_paragraphs() -> None:
    text = (
        "ACME PRIVACY\n\n10.1 What we collect: device data.\n\n10.2 Service Generated Data. "
        "We keep it.\n\n10.3 Sharing. With vendors.\n"
    )
    doc = extract_sections(text, "text")
    # The all-caps title line is a heading without a number: not a section of its own.
    assert [s.id for s in doc.sections] == ["10.1", "10.2", "10.3"]
    assert doc.section("10.2").heading == "Service Generated Data"  # type: ignore[union-attr]


def test_html_headings_and_lists(tmp_path: Path) -> None:
    html = (
        "<html><head><style>p{}</style><script>var x=1</script></head><body><nav>Menu</nav>"
        "<h1>Acme Privacy</h1><p>Intro.</p><h2>What we collect</h2><ul>"
        "<li><b>Device data:</b> OS and model.</li><li><b>Usage:</b> clicks.</li></ul>"
        "<h2>Sharing</h2><p>With <strong>service providers</strong>.</p></body></html>"
    )
    path = tmp_path / "policy.html"
    path.write_text(html)
    doc = extract_file(path)
    assert doc.format == "html" and doc.title == "Acme Privacy"
    assert [(s.id, s.heading) for s in doc.sections] == [
        ("0", "Preamble"),
        ("1", "What we collect"),
        ("1.1", "Device data"),
        ("1.2", "Usage"),
        ("2", "Sharing"),
    ]
    assert "Menu" not in doc.source and "var x" not in doc.source
    for s in doc.sections:
        assert doc.source[s.start : s.end] == s.text


def test_binary_input_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_bytes(b"\x00\x01\x02")
    with pytest.raises(InputFormatError):
        extract_file(path)
    with pytest.raises(InputFormatError, match="cannot read"):
        extract_file(tmp_path / "missing.md")


def test_diff_shows_the_added_notwithstanding_sentence(reference_dir: Path) -> None:
    changes = diff_sections(
        _refs(reference_dir / "zoom/terms-of-service.2023-07-28.md"),
        _refs(reference_dir / "zoom/terms-of-service.2023-08-07.md"),
    )
    changed = {(c.old.id if c.old else None, c.new.id if c.new else None): c for c in changes}
    # Only the effective date and clause 10.4 changed (list counters moved, numbers did not).
    assert set(changed) == {("0", "0"), ("10.4", "10.4")}
    added = [line for line in changed[("10.4", "10.4")].diff.splitlines() if line.startswith("+")]
    assert added[-1] == (
        "+**Notwithstanding the above, Zoom will not use audio, video or chat Customer Content "
        "to train our artificial intelligence models without your consent.**"
    )


def test_diff_pairs_moved_clauses_by_heading(reference_dir: Path) -> None:
    changes = diff_sections(
        _refs(reference_dir / "zoom/terms-of-service.2023-08-07.md"),
        _refs(reference_dir / "zoom/terms-of-service.2023-08-11.md"),
    )
    pairs = {(c.old.id, c.new.id) for c in changes if c.old and c.new}
    assert ("10.2", "10.5") in pairs  # Service Generated Data moved
    assert ("10.5", "10.3") in pairs  # Our Obligations Over Your Customer Content
    removed = {c.old.id for c in changes if c.kind == "removed" and c.old}
    assert "10.4" in removed  # the Customer License Grant (and its AI wording) is gone
    sgd = next(c for c in changes if c.old and c.old.id == "10.2")
    assert "-You consent to Zoom’s access, use, collection" in sgd.diff


def test_identical_documents_have_no_changes(reference_dir: Path) -> None:
    refs = _refs(reference_dir / "jitsi/privacy-policy.2025-09-23.md")
    assert diff_sections(refs, refs) == []
    assert {c.kind for c in diff_sections(refs, refs, include_unchanged=True)} == {"unchanged"}


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "# Title",
                "Heading\n=======",
                "Sub\n---",
                "1. **TOP**",
                "**2.1 Clause**. Text.",
                "**Bold heading**",
                "* **Lead:** item",
                "* plain item",
                "Paragraph. Another sentence.",
                "ALL CAPS LINE",
                "3\\. **Escaped.** text",
                "",
                "<p>html-ish</p>",
                "12.5 Numbered text line.",
            ]
        ),
        max_size=30,
    ),
    st.sampled_from(["md", "text", "html"]),
)
def test_extract_never_fails_and_slices_exactly(parts: list[str], fmt: str) -> None:
    text = "\n\n".join(parts)
    doc = extract_sections(text, fmt)  # type: ignore[arg-type]
    ids = [s.id for s in doc.sections]
    assert len(ids) == len(set(ids))
    for s in doc.sections:
        assert doc.source[s.start : s.end] == s.text
