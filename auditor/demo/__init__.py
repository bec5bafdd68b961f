"""The bundled demo: a realistic meeting capture, labelled by the real labeller and policy engine.

`build_demo(store)` reads `meeting-demo.har` through the real HAR importer, runs every flow through
the real `Enricher` (labeller, then policy engine) and stores it as the session "demo", with the
markers a person would have set during that meeting. `auditor-gui --demo` calls it, so a newcomer
sees a meaningful screen without setting up a client. `python -m tools.demo_har` (in the
repository, not the package) regenerates the HAR.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.importers import iter_records

if TYPE_CHECKING:
    from auditor.enrich import Enricher
    from auditor.store import Store

DEMO_SESSION = "demo"
DEMO_HAR = Path(__file__).resolve().parent / "meeting-demo.har"

# Monday 16 November 2026, 14:00 UTC (the HAR's time base; see tools/demo_har.START).
DEMO_START = 1794837600.0


@dataclass(frozen=True, slots=True)
class DemoMarker:
    offset: float  # seconds after DEMO_START
    kind: str
    note: str = ""


# What the person pressed during the demo meeting: the QoS reports between "muted" and "unmuted"
# still carry microphone level samples, which is what the markers are there to show.
DEMO_MARKERS: tuple[DemoMarker, ...] = (
    DemoMarker(28, "meeting_start", "Weekly planning (Zoom)"),
    DemoMarker(298, "muted"),
    DemoMarker(718, "unmuted"),
    DemoMarker(898, "camera_off"),
    DemoMarker(1078, "screen_share"),
    DemoMarker(1498, "screen_share_end"),
    DemoMarker(1738, "meeting_end"),
)


def build_demo(
    store: Store,
    *,
    enricher: Enricher | None = None,
    replace: bool = True,
    session: str = DEMO_SESSION,
) -> str:
    """Imports the demo capture into `session` (replacing an older copy) and returns its name."""
    from auditor.enrich import Enricher

    if any(s.name == session for s in store.sessions()):
        if not replace:
            return session
        store.delete_session(session)
    store.ensure_session(session, source="demo", description="Bundled demo meeting capture")
    enricher = enricher or Enricher()
    records = [
        enricher.enrich(record) for record in iter_records(DEMO_HAR, session=session, fmt="har")
    ]
    for record in records:
        record.source = "demo"
    store.add_flows(records)
    for marker in DEMO_MARKERS:
        store.add_marker(session, DEMO_START + marker.offset, marker.kind, marker.note)
    return session
