"""Every shipped pack validates, quotes its reference text verbatim and names its source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from auditor.errors import InputFormatError
from auditor.policy.packs import (
    builtin_dir,
    dump_yaml,
    from_dict,
    load_pack,
    pack_files,
    validate,
)
from auditor.taxonomy import CATEGORIES as TAXONOMY
from tools.policy_packs.build import build_version, load_specs

from .conftest import REFERENCE_DIR

PACKS = pack_files(builtin_dir())
SPECS = load_specs()


def _readme_table() -> dict[str, str]:
    """file -> Open Terms Archive commit, from the reference README."""
    rows = {}
    for line in (REFERENCE_DIR / "README.md").read_text("utf-8").splitlines():
        m = re.match(r"^\|\s*(\S+\.md)\s*\|[^|]*\|\s*([0-9a-f]{40})\s*\|", line)
        if m:
            rows[m.group(1)] = m.group(2)
    return rows


def test_one_pack_per_reference_file(reference_dir: Path) -> None:
    references = sorted(str(p.relative_to(reference_dir)) for p in reference_dir.rglob("*.md"))
    references.remove("README.md")
    packs = sorted(str(p.relative_to(builtin_dir())).replace(".yaml", ".md") for p in PACKS)
    assert packs == references
    assert len(packs) == 15


@pytest.mark.parametrize("path", PACKS, ids=lambda p: p.stem)
def test_pack_validates_and_is_verbatim(path: Path, reference_dir: Path) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    validate(data, str(path))  # JSON Schema + quotes inside their clause
    doc = load_pack(path)
    rel = doc.source["reference_file"]
    assert path.relative_to(builtin_dir()).as_posix() == rel.replace(".md", ".yaml")
    assert rel == f"{doc.document}.{doc.version}.md"
    text = (reference_dir / rel).read_text("utf-8")
    assert doc.clauses, "a pack without clauses governs nothing"
    for clause in doc.clauses:
        assert clause.text in text, f"§{clause.section} text is not verbatim"
        assert clause.statements
        for st in clause.statements:
            assert st.quote in text, f"§{clause.section}: quote not verbatim: {st.quote[:60]}"
            assert st.quote in clause.text
            for cat in (*st.categories, *st.broad_categories, *st.when_categories):
                assert cat in TAXONOMY or cat.endswith(".*")
    # Provenance and attribution travel with the pack.
    assert doc.source["commit"] == _readme_table()[rel]
    assert doc.source["repository"] == "OpenTermsArchive/contrib-versions"
    assert doc.attribution["text"] == "Open Terms Archive contributors"
    assert doc.attribution["license"] == "ODC-BY-1.0"
    assert doc.apps and doc.vendor and doc.title and doc.url.startswith("https://")


@pytest.mark.parametrize(
    ("spec_index", "version"),
    [(i, v) for i, spec in enumerate(SPECS) for v in spec.versions],
    ids=lambda x: str(x),
)
def test_shipped_pack_is_what_the_builder_makes(
    spec_index: int, version: str, reference_dir: Path
) -> None:
    spec = SPECS[spec_index]
    built = dump_yaml(build_version(spec, version, reference_dir))
    shipped = (builtin_dir() / f"{spec.document}.{version}.yaml").read_text("utf-8")
    assert built == shipped, "run `python -m tools.policy_packs.build` to refresh the packs"


def test_section_numbers_follow_each_version() -> None:
    early = load_pack(builtin_dir() / "zoom/terms-of-service.2023-04-01.yaml")
    late = load_pack(builtin_dir() / "zoom/terms-of-service.2023-08-11.yaml")
    sgd_early = early.clause("10.2")
    sgd_late = late.clause("10.5")
    assert sgd_early is not None and sgd_late is not None
    assert sgd_early.heading == "Service Generated Data; Consent to Use"
    assert sgd_late.heading == "Service Generated Data"
    notwithstanding = load_pack(builtin_dir() / "zoom/terms-of-service.2023-08-07.yaml").clause(
        "10.4"
    )
    assert notwithstanding is not None
    assert any(s.quote.startswith("Notwithstanding the above") for s in notwithstanding.statements)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.pop("document"), "document"),
        (lambda d: d.update(version="August 2023"), "version"),
        (lambda d: d["clauses"][0]["statements"][0].update(categories=["made.up"]), "clauses"),
        (lambda d: d["clauses"][0]["statements"][0].update(purposes=["whatever"]), "clauses"),
        (lambda d: d["clauses"][0]["statements"][0].update(quote="not in the clause"), "quote"),
    ],
)
def test_invalid_packs_are_rejected_with_one_line(mutate: object, message: str) -> None:
    data = yaml.safe_load((builtin_dir() / "zoom/terms-of-service.2023-08-11.yaml").read_text())
    mutate(data)  # type: ignore[operator]
    with pytest.raises(InputFormatError) as info:
        from_dict(data)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_broken_yaml_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("document: [unclosed\n")
    with pytest.raises(InputFormatError, match="not valid YAML"):
        load_pack(bad)
