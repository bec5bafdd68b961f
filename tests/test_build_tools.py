"""The build-time tools (tools/): their data validates, and what the package ships is what they make.

The policy packs' own drift test is tests/policy/test_packs.py (one case per document version).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.demo import DEMO_HAR
from auditor.policy.packs import CONDITIONS, PURPOSES
from auditor.taxonomy import CATEGORIES
from tools import demo_har
from tools.policy_packs.build import (
    ANNOTATIONS_DIR,
    AnnotationError,
    annotation_files,
    load_groups,
    load_spec,
    load_specs,
)


def test_shipped_demo_har_is_what_the_generator_makes() -> None:
    assert DEMO_HAR.read_bytes() == demo_har.har_text().encode("utf-8"), (
        "run `python -m tools.demo_har` to refresh auditor/demo/meeting-demo.har"
    )


def test_demo_generator_writes_where_the_package_reads() -> None:
    assert DEMO_HAR.resolve() == demo_har.HAR_PATH


def _known_category(category: str) -> bool:
    family, _, rest = category.partition(".")
    return category in CATEGORIES or (
        rest == "*" and any(c.startswith(family + ".") for c in CATEGORIES)
    )


@pytest.mark.parametrize(
    "path", annotation_files(), ids=lambda p: p.relative_to(ANNOTATIONS_DIR).as_posix()
)
def test_annotation_file_validates(path: Path) -> None:
    spec = load_spec(path, load_groups())  # JSON Schema, @names resolve, versions exist
    assert spec.document == path.relative_to(ANNOTATIONS_DIR).with_suffix("").as_posix()
    for ann in spec.annotations:
        for category in (*ann.categories, *ann.broad, *ann.when):
            assert _known_category(category), f"{ann.find[:40]}: {category} is not in the taxonomy"
        assert set(ann.purposes) <= set(PURPOSES), ann.find[:40]
        assert set(ann.conditions) <= set(CONDITIONS), ann.find[:40]


def test_every_group_is_used_and_known() -> None:
    groups = load_groups()
    text = "\n".join(p.read_text("utf-8") for p in annotation_files())
    for name, items in groups.items():
        assert f"'@{name}'" in text, f"group {name} is never used"
        assert all(_known_category(c) for c in items), name


def test_one_spec_per_document() -> None:
    documents = [spec.document for spec in load_specs()]
    assert len(documents) == len(set(documents)) == 9


_GOOD = """\
document: acme/terms
vendor: Acme
title: Acme Terms
url: https://acme.example/terms
kind: terms
ota_path: Acme/Terms.md
versions: {'2024-01-01': 0123456789abcdef0123456789abcdef01234567}
version_sets: {all: ['2024-01-01']}
annotations:
- find: We collect telemetry about your use
  categories: ['@sgd']
  versions: ['@all']
"""


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (("  categories: ['@sgd']", "  categories: ['@nope']"), "unknown @nope"),
        (("  versions: ['@all']", "  versions: ['2025-01-01']"), "no such version 2025-01-01"),
        (("  versions: ['@all']", "  versions: ['@later']"), "unknown @later"),
        (("  categories: ['@sgd']", "  categorys: ['@sgd']"), "Additional properties"),
        (("kind: terms", "kind: contract"), "$.kind"),
        (("  categories: ['@sgd']", "  categories: [Telemetry]"), "does not match"),
    ],
)
def test_bad_annotation_is_refused(tmp_path: Path, change: tuple[str, str], reason: str) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(_GOOD, "utf-8")
    spec = load_spec(good, load_groups())
    assert spec.annotations[0].categories == load_groups()["sgd"]
    assert spec.annotations[0].versions == ("2024-01-01",)
    bad = tmp_path / "bad.yaml"
    old, new = change
    assert old in _GOOD
    bad.write_text(_GOOD.replace(old, new), "utf-8")
    with pytest.raises(AnnotationError) as err:
        load_spec(bad, load_groups())
    assert reason in str(err.value)


def test_annotation_in_the_wrong_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "acme").mkdir()
    (tmp_path / "acme" / "privacy.yaml").write_text(_GOOD, "utf-8")
    with pytest.raises(AnnotationError, match=r"belongs in acme/terms\.yaml"):
        load_specs(tmp_path)
