"""Build the shipped policy packs from the Open Terms Archive reference texts.

    python -m tools.policy_packs.build [--annotations DIR] [--reference DIR] [--out DIR]

Quotes are never typed in: each annotation (tools/policy_packs/annotations/<vendor>/<document>.yaml,
validated by annotations.schema.json) names where its sentence starts (`find`) and, when the sentence
is long or runs past a bold marker, where it ends (`end`). The builder copies the exact text between
them out of the reference file, finds the section that contains it with the same extractor
`auditor policy extract` uses, and writes one YAML per document version into auditor/policies. A
missing anchor is an error, so a pack can only ever contain wording that is in the reference file.

Annotation vocabulary (see auditor/policy/packs.py): `categories` are the taxonomy labels a statement
names explicitly; `broad` are those it covers only through a broad term ("similar content or data",
"personal data"); `recipients` are `first_party`, broad groups (service_providers, affiliates,
third_parties, partners, advertisers) or organisation names; `effect: denies` statements say what does
not happen — with `purposes` they only exclude those purposes, without they contradict any flow that
carries the data (`when` restricts them to flows that also carry one of those categories).
In category lists `@name` stands for a group in groups.yaml; in `versions`, for one of the file's
`version_sets`. An annotation without `versions` applies to every version of its document.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from auditor.policy.extract import extract_sections
from auditor.policy.packs import (
    ATTRIBUTION_TEXT,
    Clause,
    PolicyDocument,
    Statement,
    builtin_dir,
    default_reference_dir,
    dump_yaml,
    from_dict,
    to_dict,
)
from auditor.vendors import registry

OTA_REPOSITORY = "OpenTermsArchive/contrib-versions"
HERE = Path(__file__).resolve().parent
ANNOTATIONS_DIR = HERE / "annotations"
GROUPS_FILE = HERE / "groups.yaml"
SCHEMA_FILE = HERE / "annotations.schema.json"


@dataclass(frozen=True)
class Ann:
    find: str
    end: str | None = None
    categories: tuple[str, ...] = ()
    broad: tuple[str, ...] = ()
    purposes: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ("first_party",)
    effect: str = "permits"
    when: tuple[str, ...] = ()
    apps: tuple[str, ...] = ()
    note: str = ""
    versions: tuple[str, ...] = ()  # only these versions (empty: every version of the document)


@dataclass(frozen=True)
class DocSpec:
    document: str
    vendor: str
    title: str
    url: str
    kind: str
    ota_path: str
    versions: dict[str, str]  # version date -> Open Terms Archive commit
    annotations: tuple[Ann, ...] = field(default=())

    @property
    def apps(self) -> tuple[str, ...]:
        """The apps whose vendor file lists this document (auditor/vendors), browsers aside."""
        vendors = registry()
        return tuple(
            app.name
            for app in vendors.apps()
            if not app.is_browser and self.document in vendors.documents_for_app(app.name)
        )


class AnnotationError(Exception):
    pass


def _expand(
    items: Sequence[str], named: Mapping[str, Sequence[str]], where: str
) -> tuple[str, ...]:
    out: list[str] = []
    for item in items:
        if item.startswith("@"):
            if item[1:] not in named:
                raise AnnotationError(f"{where}: unknown {item}")
            out.extend(named[item[1:]])
        else:
            out.append(item)
    return tuple(out)


def annotation_schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEMA_FILE.read_text("utf-8"))
    return data


def _check(data: Any, schema: dict[str, Any], path: Path) -> None:
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    if errors:
        raise AnnotationError(f"{path}: {errors[0].json_path}: {errors[0].message}")


def groups_schema() -> dict[str, Any]:
    schema = annotation_schema()
    return {"$defs": schema["$defs"], "$ref": "#/$defs/groups"}


def load_groups(path: Path = GROUPS_FILE) -> dict[str, tuple[str, ...]]:
    data = yaml.safe_load(path.read_text("utf-8"))
    _check(data, groups_schema(), path)
    return {name: tuple(items) for name, items in data.items()}


def load_spec(path: Path, groups: Mapping[str, Sequence[str]]) -> DocSpec:
    """One annotation file, validated against the schema, with its `@` shorthands expanded."""
    data = yaml.safe_load(path.read_text("utf-8"))
    _check(data, annotation_schema(), path)
    version_sets: dict[str, list[str]] = data.get("version_sets", {})
    anns = []
    for i, raw in enumerate(data["annotations"]):
        where = f"{path}: annotation {i + 1}"
        versions = _expand(raw.get("versions", ()), version_sets, where)
        unknown = [v for v in versions if v not in data["versions"]]
        if unknown:
            raise AnnotationError(f"{where}: no such version {unknown[0]}")
        anns.append(
            Ann(
                find=raw["find"],
                end=raw.get("end"),
                categories=_expand(raw.get("categories", ()), groups, where),
                broad=_expand(raw.get("broad", ()), groups, where),
                purposes=tuple(raw.get("purposes", ())),
                conditions=tuple(raw.get("conditions", ())),
                recipients=tuple(raw.get("recipients", ("first_party",))),
                effect=raw.get("effect", "permits"),
                when=_expand(raw.get("when", ()), groups, where),
                apps=tuple(raw.get("apps", ())),
                note=raw.get("note", ""),
                versions=versions,
            )
        )
    return DocSpec(
        document=data["document"],
        vendor=data["vendor"],
        title=data["title"],
        url=data["url"],
        kind=data["kind"],
        ota_path=data["ota_path"],
        versions=dict(data["versions"]),
        annotations=tuple(anns),
    )


def annotation_files(annotations_dir: Path = ANNOTATIONS_DIR) -> list[Path]:
    return sorted(annotations_dir.rglob("*.yaml"))


def load_specs(annotations_dir: Path = ANNOTATIONS_DIR) -> tuple[DocSpec, ...]:
    groups = load_groups()
    specs = []
    for path in annotation_files(annotations_dir):
        spec = load_spec(path, groups)
        expected = path.relative_to(annotations_dir).with_suffix("").as_posix()
        if spec.document != expected:
            raise AnnotationError(f"{path}: {spec.document} belongs in {spec.document}.yaml")
        specs.append(spec)
    return tuple(specs)


# --------------------------------------------------------------------------------------------

# Curly and straight quotes, and no-break spaces, compare alike when looking for an anchor. Every
# replacement is one character for one, so offsets in the folded text are offsets in the source.
_FOLD = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("\u00a0", " "))
_SENTENCE_END = re.compile(r"[.!?](?=\**(?:\s|$))")


class AnchorError(Exception):
    pass


def fold(text: str) -> str:
    for old, new in _FOLD:
        text = text.replace(old, new)
    return text


def _find(folded: str, needle: str, start: int = 0) -> int:
    idx = folded.find(fold(needle), start)
    if idx < 0:
        raise AnchorError(needle)
    return idx


def locate_quote(source: str, ann: Ann, folded: str | None = None) -> tuple[int, int]:
    """Offsets of the quote `ann` describes; `folded` is `fold(source)` when already known."""
    folded = fold(source) if folded is None else folded
    start = _find(folded, ann.find)
    if ann.end is not None:
        end = _find(folded, ann.end, start) + len(ann.end)
    else:
        after = start + len(ann.find)
        if ann.find.rstrip("*").endswith((".", "!", "?")):
            end = after
        else:
            m = _SENTENCE_END.search(source, after)
            line_end = source.find("\n", after)
            end = m.end() if m else len(source)
            if line_end != -1 and line_end < end:
                end = line_end
    return start, end


def build_version(spec: DocSpec, version: str, reference_dir: Path) -> PolicyDocument:
    rel = f"{spec.document}.{version}.md"
    text = (reference_dir / rel).read_text("utf-8")
    extracted = extract_sections(text, "md")
    folded = fold(text)
    by_section: dict[str, list[Statement]] = {}
    order: list[str] = []
    for ann in spec.annotations:
        if ann.versions and version not in ann.versions:
            continue
        try:
            start, end = locate_quote(text, ann, folded)
        except AnchorError as err:
            raise AnchorError(f"{rel}: anchor not found: {err}") from None
        section = extracted.section_at(start)
        if section is None or end > section.end:
            raise AnchorError(f"{rel}: quote {ann.find!r} is not inside one section")
        statement = Statement(
            quote=text[start:end],
            effect="denies" if ann.effect == "denies" else "permits",
            categories=ann.categories,
            broad_categories=ann.broad,
            purposes=ann.purposes,
            conditions=ann.conditions,
            recipients=ann.recipients,
            when_categories=ann.when,
            apps=ann.apps,
            note=ann.note,
        )
        if section.id not in by_section:
            by_section[section.id] = []
            order.append(section.id)
        by_section[section.id].append(statement)
    clauses = []
    for sec_id in order:
        section = extracted.section(sec_id)
        assert section is not None
        clauses.append(Clause(sec_id, section.heading, section.text, tuple(by_section[sec_id])))
    doc = PolicyDocument(
        document=spec.document,
        version=version,
        vendor=spec.vendor,
        apps=spec.apps,
        title=spec.title,
        url=spec.url,
        kind=spec.kind,
        source={
            "archive": "Open Terms Archive",
            "repository": OTA_REPOSITORY,
            "path": spec.ota_path,
            "commit": spec.versions[version],
            "recorded": version,
            "reference_file": rel,
        },
        attribution={
            "text": ATTRIBUTION_TEXT,
            "url": "https://opentermsarchive.org",
            "license": "ODC-BY-1.0",
        },
        clauses=clauses,
    )
    from_dict(to_dict(doc))  # validate against the schema before writing
    return doc


def build_all(specs: Sequence[DocSpec], reference_dir: Path, out_dir: Path) -> list[Path]:
    written = []
    for spec in specs:
        for version in spec.versions:
            doc = build_version(spec, version, reference_dir)
            path = out_dir / f"{spec.document}.{version}.yaml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(dump_yaml(doc), "utf-8")
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.policy_packs.build", description=__doc__)
    parser.add_argument("--annotations", type=Path, default=ANNOTATIONS_DIR)
    parser.add_argument("--reference", type=Path, default=default_reference_dir())
    parser.add_argument("--out", type=Path, default=builtin_dir())
    args = parser.parse_args(argv)
    try:
        paths = build_all(load_specs(args.annotations), args.reference, args.out)
    except (AnchorError, AnnotationError, OSError, yaml.YAMLError) as err:
        print(f"build: {err}", file=sys.stderr)
        return 1
    for path in paths:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
