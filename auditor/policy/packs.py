"""Policy packs: one YAML (or JSON) file per dated version of one vendor document.

A pack carries the document's metadata (vendor, the apps it governs, title, URL, version date, the
Open Terms Archive commit it was taken from, attribution) and its clauses. Each clause is a section of
that version (id as numbered in that version, heading, verbatim text) with annotated statements: a
verbatim sentence and what it governs (data categories, purposes, conditions, recipients) or, for
`effect: denies`, what it says does not happen.

Packs are validated against `auditor/policies/schema.json` when loaded; a pack that does not validate
is an error, not a silent skip.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import jsonschema
import yaml

from auditor.errors import InputFormatError
from auditor.yamltext import load_yaml

PURPOSES: tuple[str, ...] = (
    "any_purpose",
    "ai_training",
    "marketing",
    "advertising",
    "analytics",
    "product_improvement",
    "product_development",
    "personalization",
    "provide_service",
    "security",
    "support",
    "communication",
    "legal",
    "research",
    "storage",
    "vendor_owned",  # the vendor claims all rights in the data (Zoom ToS 10.5 from 2023-08-11)
)
CONDITIONS: tuple[str, ...] = ("consent", "opt_out", "settings")
BROAD_RECIPIENTS: tuple[str, ...] = (
    "service_providers",
    "affiliates",
    "third_parties",
    "partners",
    "advertisers",
)
FIRST_PARTY = "first_party"

ATTRIBUTION_TEXT = "Open Terms Archive contributors"


@dataclass(frozen=True, slots=True)
class Statement:
    """One annotated sentence of a clause."""

    quote: str  # verbatim, an exact substring of the clause text
    effect: Literal["permits", "denies"] = "permits"
    categories: tuple[str, ...] = ()  # named explicitly (labels or `group.*`)
    broad_categories: tuple[str, ...] = ()  # covered only through a broad term
    purposes: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    recipients: tuple[str, ...] = (FIRST_PARTY,)  # first_party, broad terms, or organisation names
    when_categories: tuple[str, ...] = ()  # only for flows that also carry one of these
    apps: tuple[str, ...] = ()  # only when auditing these apps (product-specific sections)
    note: str = ""


@dataclass(frozen=True, slots=True)
class Clause:
    section: str
    heading: str
    text: str  # verbatim section text of this version
    statements: tuple[Statement, ...] = ()


@dataclass(slots=True)
class PolicyDocument:
    document: str  # "zoom/terms-of-service"
    version: str  # "2023-08-11" (date the version was recorded)
    vendor: str
    apps: tuple[str, ...]
    title: str
    url: str
    kind: str = "terms"  # terms | privacy
    effective: str | None = None
    source: dict[str, Any] = field(default_factory=dict)
    attribution: dict[str, Any] = field(default_factory=dict)
    clauses: list[Clause] = field(default_factory=list)
    path: Path | None = None  # where it was loaded from

    @property
    def id(self) -> str:
        return f"{self.document}@{self.version}"

    def clause(self, section: str) -> Clause | None:
        for clause in self.clauses:
            if clause.section == section:
                return clause
        return None


# --------------------------------------------------------------------------------------------


def builtin_dir() -> Path:
    return Path(str(resources.files("auditor") / "policies"))


def default_reference_dir() -> Path:
    """The verbatim dated texts the packs quote, shipped in the package (ODC-BY, see its README)."""
    return builtin_dir() / "reference"


@cache
def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((builtin_dir() / "schema.json").read_text("utf-8"))
    return data


def validate(data: Any, where: str = "pack") -> None:
    """Raise InputFormatError with a one-line reason when `data` is not a valid pack."""
    validator = jsonschema.Draft202012Validator(schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        loc = "/".join(str(p) for p in err.absolute_path) or "(top)"
        raise InputFormatError(f"{where}: invalid policy pack at {loc}: {err.message}")
    for i, clause in enumerate(data.get("clauses", [])):
        for j, st in enumerate(clause.get("statements", [])):
            if st["quote"] not in clause["text"]:
                raise InputFormatError(
                    f"{where}: clauses/{i}/statements/{j}: quote is not part of the clause text"
                )


def _tuple(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value or ())


def from_dict(data: dict[str, Any], path: Path | None = None) -> PolicyDocument:
    validate(data, str(path) if path else "pack")
    clauses = [
        Clause(
            section=str(c["section"]),
            heading=c.get("heading", ""),
            text=c["text"],
            statements=tuple(
                Statement(
                    quote=s["quote"],
                    effect=s.get("effect", "permits"),
                    categories=_tuple(s.get("categories")),
                    broad_categories=_tuple(s.get("broad_categories")),
                    purposes=_tuple(s.get("purposes")),
                    conditions=_tuple(s.get("conditions")),
                    recipients=_tuple(s.get("recipients", [FIRST_PARTY])),
                    when_categories=_tuple(s.get("when_categories")),
                    apps=_tuple(s.get("apps")),
                    note=s.get("note", ""),
                )
                for s in c.get("statements", [])
            ),
        )
        for c in data.get("clauses", [])
    ]
    return PolicyDocument(
        document=data["document"],
        version=str(data["version"]),
        vendor=data["vendor"],
        apps=_tuple(data.get("apps")),
        title=data["title"],
        url=data.get("url", ""),
        kind=data.get("kind", "terms"),
        effective=data.get("effective"),
        source=dict(data.get("source") or {}),
        attribution=dict(data.get("attribution") or {}),
        clauses=clauses,
        path=path,
    )


def to_dict(doc: PolicyDocument) -> dict[str, Any]:
    out: dict[str, Any] = {
        "document": doc.document,
        "version": doc.version,
        "vendor": doc.vendor,
        "apps": list(doc.apps),
        "title": doc.title,
        "url": doc.url,
        "kind": doc.kind,
    }
    if doc.effective:
        out["effective"] = doc.effective
    if doc.source:
        out["source"] = doc.source
    if doc.attribution:
        out["attribution"] = doc.attribution
    clauses = []
    for c in doc.clauses:
        cd: dict[str, Any] = {"section": c.section, "heading": c.heading, "text": c.text}
        sts = []
        for s in c.statements:
            sd: dict[str, Any] = {"quote": s.quote}
            if s.effect != "permits":
                sd["effect"] = s.effect
            for key in (
                "categories",
                "broad_categories",
                "purposes",
                "conditions",
                "recipients",
                "when_categories",
                "apps",
            ):
                value = getattr(s, key)
                if value:
                    sd[key] = list(value)
            if s.note:
                sd["note"] = s.note
            sts.append(sd)
        if sts:
            cd["statements"] = sts
        clauses.append(cd)
    out["clauses"] = clauses
    return out


def load_pack(path: Path) -> PolicyDocument:
    try:
        text = path.read_text("utf-8")
    except OSError as err:
        raise InputFormatError(f"cannot read {path}: {err.strerror or err}") from None
    try:
        data = json.loads(text) if path.suffix == ".json" else load_yaml(text)
    except (yaml.YAMLError, json.JSONDecodeError) as err:
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise InputFormatError(f"{path}: not valid YAML/JSON: {reason}") from None
    if not isinstance(data, dict):
        raise InputFormatError(f"{path}: a policy pack must be a mapping")
    return from_dict(data, path)


def pack_files(directory: Path) -> list[Path]:
    """Pack files under `directory` (schema.json and files starting with `_` are not packs)."""
    if not directory.is_dir():
        return []
    return sorted(
        p
        for p in directory.rglob("*")
        if p.suffix in (".yaml", ".yml", ".json")
        and p.name != "schema.json"
        and not p.name.startswith("_")
        and p.is_file()
    )


def load_dir(directory: Path) -> list[PolicyDocument]:
    return [load_pack(p) for p in pack_files(directory)]


def dump_yaml(doc: PolicyDocument) -> str:
    class _Dumper(yaml.SafeDumper):
        pass

    def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        style = "|" if "\n" in value and not value.endswith((" ", "\t")) else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    _Dumper.add_representer(str, _str)
    return yaml.dump(to_dict(doc), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
