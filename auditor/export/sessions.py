"""What `auditor export`, `report` and `diff` share: session selection, flows and the redactor."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from typing import TYPE_CHECKING

from auditor.commands._common import data_dir
from auditor.errors import AuditorError
from auditor.records import FlowRecord

if TYPE_CHECKING:
    from auditor.export.redact import Redactor
    from auditor.store import SessionInfo, Store


def selected_sessions(store: Store, names: list[str] | None) -> list[SessionInfo]:
    known = {s.name: s for s in store.sessions()}
    if not names:
        return list(known.values())
    missing = [n for n in names if n not in known]
    if missing:
        raise AuditorError(f"no session named {missing[0]!r} (see `auditor sessions`)")
    return [known[n] for n in names]


def iter_session_flows(
    store: Store, sessions: list[SessionInfo], *, with_bodies: bool = True
) -> Iterator[FlowRecord]:
    from auditor.store import FlowQuery

    for info in sessions:
        yield from store.iter_flows(FlowQuery(session=info.name), with_bodies=with_bodies)


def make_redactor_for(args: argparse.Namespace) -> Redactor:
    from auditor.export.redact import make_redactor

    return make_redactor(data_dir(args), passphrase_file=getattr(args, "passphrase_file", None))
