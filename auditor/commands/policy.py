"""`auditor policy list|show|extract|diff|timeline` — the policy packs and their clauses."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

import yaml

from auditor.errors import InputFormatError, UsageError
from auditor.policy import PolicyDocument, PolicyEngine
from auditor.policy.diff import ClauseChange, SectionRef, diff_sections
from auditor.policy.extract import ExtractedDocument, extract_file
from auditor.policy.packs import Clause, dump_yaml

NAME = "policy"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        NAME,
        help="policy packs, clauses, version diffs and verdict timelines",
        description="Policy packs (one dated version of one vendor document each), their "
        "clauses, and how verdicts move between versions. User packs are read from "
        "DATA_DIR/policies as well.",
    )
    sub = p.add_subparsers(dest="policy_command", metavar="SUBCOMMAND")
    sub.required = True

    p_list = sub.add_parser("list", help="list documents and versions")
    p_list.add_argument("--format", choices=("table", "json"), default="table")
    p_list.set_defaults(func=run)

    p_show = sub.add_parser("show", help="show one version's clauses (ID: vendor/doc[@DATE])")
    p_show.add_argument("id", metavar="ID", help="e.g. zoom/terms-of-service@2023-08-11")
    p_show.add_argument("--section", help="only this section, e.g. 10.5")
    p_show.add_argument("--format", choices=("text", "json", "yaml"), default="text")
    p_show.set_defaults(func=run)

    p_ex = sub.add_parser(
        "extract",
        help="split a policy document (Markdown, HTML, text) into numbered sections",
        description="Split a document into numbered sections. With --document and --version "
        "the JSON/YAML output is a policy pack that `auditor` loads from DATA_DIR/policies.",
    )
    p_ex.add_argument("file", metavar="FILE")
    p_ex.add_argument("--format", choices=("json", "yaml", "md"), default="json")
    p_ex.add_argument("--input-format", choices=("md", "html", "text"), default=None)
    p_ex.add_argument("--document", help="document id for the pack, e.g. zoom/terms-of-service")
    p_ex.add_argument("--version", dest="doc_version", help="version date YYYY-MM-DD")
    p_ex.add_argument("--vendor", default=None)
    p_ex.add_argument("--app", action="append", default=[], help="app it governs (repeatable)")
    p_ex.add_argument("--title", default=None)
    p_ex.add_argument("--url", default="")
    p_ex.add_argument("-o", "--output", help="write here instead of stdout")
    p_ex.add_argument(
        "--install", action="store_true", help="write the pack into DATA_DIR/policies"
    )
    p_ex.set_defaults(func=run)

    p_diff = sub.add_parser("diff", help="which clauses changed between two versions")
    p_diff.add_argument("a", metavar="A", help="pack ID (vendor/doc@DATE) or a document file")
    p_diff.add_argument("b", metavar="B")
    p_diff.add_argument("--all", action="store_true", help="also list unchanged sections")
    p_diff.add_argument("--format", choices=("text", "json"), default="text")
    p_diff.set_defaults(func=run)

    p_tl = sub.add_parser("timeline", help="a session's verdicts under every version")
    p_tl.add_argument("--session", help="session name in the store")
    p_tl.add_argument("--input", help="read flows from a JSONL file instead of the store")
    p_tl.add_argument("--document", help="document id (default: those of the flows' apps)")
    p_tl.add_argument("--app", help="audited app, when the flows do not say")
    p_tl.add_argument("--format", choices=("table", "json"), default="table")
    p_tl.set_defaults(func=run)

    p_rj = sub.add_parser(
        "rejudge",
        help="judge a stored session's flows again (after --app or a new policy pack)",
        description="Recompute first/third party and the policy findings of every flow of a "
        "stored session with the packs installed now (your own packs in the data dir included), "
        "without importing it again. --app names the client the session's flows come from and "
        "is remembered for the session (--app '' forgets it).",
    )
    p_rj.add_argument("--session", required=True, help="session name in the store")
    p_rj.add_argument("--app", help="the client these flows belong to (e.g. zoom, teams)")
    p_rj.add_argument(
        "--version", dest="policy_version", help="judge under the version in force on this date"
    )
    p_rj.set_defaults(func=run)
    p_pu = sub.add_parser(
        "purposes",
        help="what the terms allow for AI training, any purpose, marketing, third-party sharing",
        description="Of what a session sent: how many flows and bytes, in which data categories, "
        "the governing terms allow to be used for AI training, for any purpose, for marketing "
        "or shared with third parties, which only with consent and which they rule out, with "
        "the clause behind each figure; and the client's own consent flag where it reports one. "
        "Without --version: the terms in force today, and how the answer changed date by date.",
    )
    p_pu.add_argument("--session", help="session name in the store")
    p_pu.add_argument("--input", help="read flows from a JSONL file instead of the store")
    p_pu.add_argument(
        "--version",
        dest="as_of",
        metavar="V",
        help="the terms in force on this date (YYYY-MM-DD, or DOCUMENT@YYYY-MM-DD)",
    )
    p_pu.add_argument("--app", help="only this app's flows")
    p_pu.add_argument("--format", choices=("table", "json"), default="table")
    p_pu.set_defaults(func=run)


# --------------------------------------------------------------------------------------------


def _user_policy_dir(args: argparse.Namespace) -> Path:
    from auditor.commands._common import data_dir

    return data_dir(args).root / "policies"


def _engine(args: argparse.Namespace) -> PolicyEngine:
    return PolicyEngine(extra_dirs=[_user_policy_dir(args)])


def run(args: argparse.Namespace) -> int:
    command = args.policy_command
    if command == "list":
        return _list(args)
    if command == "show":
        return _show(args)
    if command == "extract":
        return _extract(args)
    if command == "diff":
        return _diff(args)
    if command == "timeline":
        return _timeline(args)
    if command == "rejudge":
        return _rejudge(args)
    if command == "purposes":
        return _purposes(args)
    raise UsageError(f"unknown policy command {command!r}")


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _list(args: argparse.Namespace) -> int:
    docs = _engine(args).documents()
    if args.format == "json":
        _out(
            json.dumps(
                [
                    {
                        "id": d.id,
                        "document": d.document,
                        "version": d.version,
                        "vendor": d.vendor,
                        "apps": list(d.apps),
                        "title": d.title,
                        "url": d.url,
                        "clauses": len(d.clauses),
                        "source": d.source,
                        "attribution": d.attribution,
                    }
                    for d in docs
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0
    rows = [("ID", "VENDOR", "APPS", "CLAUSES", "TITLE")]
    rows += [(d.id, d.vendor, ",".join(d.apps), str(len(d.clauses)), d.title) for d in docs]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for r in rows:
        _out("  ".join(r[i].ljust(widths[i]) for i in range(4)) + "  " + r[4])
    _out(
        "\nPolicy texts: Open Terms Archive contributors (https://opentermsarchive.org), ODC-BY 1.0"
    )
    return 0


def _clause_dict(c: Clause) -> dict[str, Any]:
    return {
        "section": c.section,
        "heading": c.heading,
        "text": c.text,
        "statements": [
            {
                "quote": s.quote,
                "effect": s.effect,
                "categories": list(s.categories),
                "broad_categories": list(s.broad_categories),
                "purposes": list(s.purposes),
                "conditions": list(s.conditions),
                "recipients": list(s.recipients),
                "when_categories": list(s.when_categories),
                "apps": list(s.apps),
                "note": s.note,
            }
            for s in c.statements
        ],
    }


def _show(args: argparse.Namespace) -> int:
    doc = _engine(args).get(args.id)
    clauses = doc.clauses
    if args.section:
        clause = doc.clause(args.section)
        if clause is None:
            known = ", ".join(c.section for c in doc.clauses)
            raise UsageError(f"{doc.id} has no annotated section {args.section} (has: {known})")
        clauses = [clause]
    if args.format == "yaml":
        _out(
            dump_yaml(doc)
            if not args.section
            else yaml.safe_dump(_clause_dict(clauses[0]), sort_keys=False, allow_unicode=True)
        )
        return 0
    if args.format == "json":
        meta = {
            "id": doc.id,
            "document": doc.document,
            "version": doc.version,
            "vendor": doc.vendor,
            "apps": list(doc.apps),
            "title": doc.title,
            "url": doc.url,
            "source": doc.source,
            "attribution": doc.attribution,
            "clauses": [_clause_dict(c) for c in clauses],
        }
        _out(json.dumps(meta, indent=2, ensure_ascii=False))
        return 0
    _out(f"{doc.title} — version {doc.version} ({doc.id})")
    _out(f"vendor {doc.vendor}; governs {', '.join(doc.apps)}; {doc.url}")
    if doc.source.get("commit"):
        _out(
            f"source: {doc.source.get('archive', '')} {doc.source.get('repository', '')} "
            f"{doc.source.get('path', '')} @ {doc.source['commit']}"
        )
    if doc.attribution:
        _out(f"attribution: {doc.attribution.get('text')} ({doc.attribution.get('license')})")
    for c in clauses:
        _out(f"\n§{c.section} {c.heading}")
        if args.section:
            _out(c.text)
        for s in c.statements:
            what = ", ".join(s.categories) or "-"
            if s.broad_categories:
                what += f" (broadly: {', '.join(s.broad_categories)})"
            _out(f"  {'DENIES' if s.effect == 'denies' else 'permits'}: “{s.quote}”")
            _out(f"    data: {what}")
            if s.purposes:
                _out(f"    purposes: {', '.join(s.purposes)}")
            if s.conditions:
                _out(f"    conditions: {', '.join(s.conditions)}")
            _out(f"    recipients: {', '.join(s.recipients)}")
            if s.when_categories:
                _out(f"    only for flows with: {', '.join(s.when_categories)}")
            if s.apps:
                _out(f"    only for apps: {', '.join(s.apps)}")
            if s.note:
                _out(f"    note: {s.note}")
    return 0


def _extracted_pack(args: argparse.Namespace, ex: ExtractedDocument, path: Path) -> dict[str, Any]:
    document = args.document or f"user/{path.stem.split('.')[0].lower() or 'document'}"
    data: dict[str, Any] = {
        "document": document,
        "version": args.doc_version or "0000-00-00",
        "vendor": args.vendor or document.split("/")[0],
        "apps": args.app,
        "title": args.title or ex.title or path.stem,
        "url": args.url,
        "kind": "other",
        "source": {"extracted_from": str(path)},
        "clauses": [
            {"section": s.id, "heading": s.heading, "text": s.text}
            for s in ex.sections
            if s.text.strip()
        ],
    }
    return data


def _extract(args: argparse.Namespace) -> int:
    path = Path(args.file)
    ex = extract_file(path, args.input_format)
    if not ex.sections:
        raise InputFormatError(f"{path}: no text found")
    if args.format == "md":
        lines = []
        for s in ex.sections:
            lines.append(f"{'#' * min(6, s.depth + 1)} {s.id} {s.heading}\n\n{s.text.strip()}\n")
        text = "\n".join(lines)
    else:
        if args.install and not (args.document and args.doc_version):
            raise UsageError("--install needs --document and --version")
        if args.doc_version and not _is_date(args.doc_version):
            raise UsageError(f"--version must be a date YYYY-MM-DD, not {args.doc_version!r}")
        pack = _extracted_pack(args, ex, path)
        if args.document or args.install:
            from auditor.policy.packs import validate

            validate(pack, str(path))
        if args.format == "json":
            text = json.dumps(pack, indent=2, ensure_ascii=False)
        else:
            text = yaml.safe_dump(pack, sort_keys=False, allow_unicode=True, width=100)
        if args.install:
            target = _user_policy_dir(args) / f"{args.document}.{args.doc_version}.json"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(pack, indent=2, ensure_ascii=False) + "\n", "utf-8")
            print(f"installed {target}", file=sys.stderr)
    if args.output:
        Path(args.output).write_text(text if text.endswith("\n") else text + "\n", "utf-8")
    else:
        _out(text)
    return 0


def _is_date(value: str) -> bool:
    import re

    return re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None


def _reference_dir() -> Path | None:
    env = os.environ.get("AUDITOR_POLICY_REFERENCE")
    if env:
        return Path(env)
    from auditor.policy.packs import default_reference_dir

    candidate = default_reference_dir()
    return candidate if candidate.is_dir() else None


def _sections_of(ref: str, engine: PolicyEngine) -> tuple[str, list[SectionRef]]:
    path = Path(ref)
    if path.is_file():
        ex = extract_file(path)
        return str(path), [SectionRef(s.id, s.heading, s.text) for s in ex.sections]
    doc: PolicyDocument = engine.get(ref)
    reference = _reference_dir()
    rel = doc.source.get("reference_file")
    if reference is not None and rel and (reference / rel).is_file():
        # The full text of the version, not only the annotated clauses.
        ex = extract_file(reference / rel)
        return doc.id, [SectionRef(s.id, s.heading, s.text) for s in ex.sections]
    return doc.id, [SectionRef(c.section, c.heading, c.text) for c in doc.clauses]


def _heading_of(change: ClauseChange) -> str:
    ref = change.new or change.old
    return ref.heading if ref is not None else ""


def _diff(args: argparse.Namespace) -> int:
    engine = _engine(args)
    name_a, a = _sections_of(args.a, engine)
    name_b, b = _sections_of(args.b, engine)
    changes = diff_sections(a, b, include_unchanged=args.all)
    if args.format == "json":
        _out(
            json.dumps(
                [
                    {
                        "change": c.kind,
                        "old_section": c.old.id if c.old else None,
                        "new_section": c.new.id if c.new else None,
                        "heading": _heading_of(c),
                        "diff": c.diff,
                    }
                    for c in changes
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0
    _out(f"--- {name_a}\n+++ {name_b}")
    for c in changes:
        if c.kind == "unchanged":
            tag = "renumbered" if c.renumbered else "unchanged"
            _out(f"\n= {tag}: §{c.label}")
            continue
        mark = {"changed": "~", "added": "+", "removed": "-"}[c.kind]
        _out(f"\n{mark} {c.kind}: §{c.label}")
        if c.diff:
            _out("\n".join("    " + line for line in c.diff.splitlines()))
    return 0


def _load_records(args: argparse.Namespace) -> list[Any]:
    from auditor.records import from_spec_dict

    if args.input:
        records = []
        try:
            with open(args.input, encoding="utf-8") as fh:
                for n, line in enumerate(fh, 1):
                    if line.strip():
                        try:
                            records.append(from_spec_dict(json.loads(line)))
                        except (ValueError, KeyError, TypeError) as err:
                            raise InputFormatError(
                                f"{args.input}:{n}: not a flow record ({err})"
                            ) from None
        except OSError as err:
            raise InputFormatError(f"cannot read {args.input}: {err.strerror}") from None
        if args.session:
            records = [r for r in records if r.session == args.session]
        return records
    if not args.session:
        raise UsageError(f"{args.policy_command} needs --session NAME (or --input FILE.jsonl)")
    from auditor.commands._common import open_store
    from auditor.store import FlowQuery

    store = open_store(args, readonly=True)
    try:
        if args.policy_command == "timeline" and not args.app:
            # The client the user named for the session (import --app, rejudge --app) judges its
            # flows; `purposes --app` instead selects flows by their own app.
            info = store.session(args.session)
            args.app = (info.meta.get("app") if info is not None else None) or None
        return list(store.iter_flows(FlowQuery(session=args.session)))
    finally:
        store.close()


def _timeline(args: argparse.Namespace) -> int:
    engine = _engine(args)
    records = _load_records(args)
    if args.document:
        documents = [engine.get(args.document).document]
    else:
        documents = sorted(
            {d for r in records for d in engine.governing_documents(r, args.app or None)}
        )
        if not documents:
            raise UsageError(
                "no policy pack for the flows' apps or recipients; pass --document or --app "
                "(see `auditor policy list`)"
            )
    output: list[dict[str, Any]] = []
    for document in documents:
        rows = engine.timeline(records, document, app=args.app)
        versions = [d.version for d in engine.versions(document)]
        if args.format == "json":
            output.append(
                {
                    "document": document,
                    "versions": versions,
                    "rows": [
                        {
                            "category": r.category,
                            "entity": r.entity,
                            "party": r.party,
                            "flows": r.flows,
                            "verdicts": r.verdicts,
                            "sections": r.sections,
                            "permits": r.permits,
                        }
                        for r in rows
                    ],
                }
            )
            continue
        _out(f"\n{document}")
        header = ["CATEGORY", "ENTITY", "FLOWS", *versions]
        table = [header] + [
            [r.category, f"{r.entity} ({r.party})", str(r.flows)]
            + [
                f"{r.verdicts.get(v, '-')}" + (f" §{r.sections[v]}" if r.sections.get(v) else "")
                for v in versions
            ]
            for r in rows
        ]
        widths = [max(len(row[i]) for row in table) for i in range(len(header))]
        for row in table:
            _out("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    if args.format == "json":
        _out(json.dumps(output, indent=2, ensure_ascii=False))
    return 0


def _rejudge(args: argparse.Namespace) -> int:
    from auditor.commands._common import open_store
    from auditor.enrich import rejudge_session

    engine = _engine(args)
    app = args.app
    if (
        app
        and engine.vendors.app(app) is None
        and not any(app in d.apps for d in engine.documents())
    ):
        known = ", ".join(sorted(a.name for a in engine.vendors.apps()))
        raise UsageError(f"--app {app!r}: not a known app (known: {known})")
    with open_store(args) as store:
        judged, changed = rejudge_session(
            store, args.session, engine, app=app, version=args.policy_version
        )
    _out(f"judged {judged} flows of session {args.session!r} again; {changed} changed")
    return 0


def _as_of(value: str | None) -> str | None:
    if not value:
        return None
    date = value.rpartition("@")[2]
    if not _is_date(date):
        raise UsageError(f"--version must be a date YYYY-MM-DD (or DOCUMENT@DATE), not {value!r}")
    return date


def _purposes(args: argparse.Namespace) -> int:
    from auditor.policy.purposes import answer_purposes

    as_of = _as_of(args.as_of)
    records = _load_records(args)
    if args.session and not args.input:
        from auditor.commands._common import open_store

        with open_store(args, readonly=True) as store:
            if store.session(args.session) is None:
                raise UsageError(f"no session {args.session!r} (see `auditor sessions`)")
    if args.app:
        records = [r for r in records if (r.process.app or "").lower() == args.app.lower()]
    answer = answer_purposes(records, _engine(args))
    if args.format == "json":
        data = answer.to_json()
        if as_of:
            for session, s in zip(answer.sessions, data["sessions"], strict=True):
                for app, a in zip(session.apps, s["apps"], strict=True):
                    a["versions"] = [app.version(as_of).to_json()]
        _out(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    from auditor.report.purposes_text import purposes_lines

    _out("\n".join(purposes_lines(answer, as_of)))
    return 0
