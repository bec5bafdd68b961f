"""Enrichment: one place that turns a captured or imported record into a labelled one.

Capture, import and the demo all call `Enricher.enrich`, so a flow gets the same labels, entity and
policy verdicts whichever way it arrived.

A browser's flow is the web client whose page made it: a request from a page on app.zoom.us (its
`Origin`, else its `Referer`, else the page's own URL) belongs to "zoom (web)", which decides first
and third party and the app's documents just as the desktop client would. The pages of each web
client are in the vendor files (auditor/vendors).
"""

from __future__ import annotations

from auditor.label import KnownValues, Labeller
from auditor.paths import DataDir
from auditor.policy import PolicyEngine
from auditor.records import FlowRecord
from auditor.vendors import Registry, registry


def web_client_app(record: FlowRecord, vendors: Registry | None = None) -> str | None:
    """ "zoom (web)" etc. when `record` is a browser's (or an unattributed) request made by a page
    of a known web client; None otherwise."""
    vendors = vendors or registry()
    app = record.process.app
    if app is not None and not vendors.is_browser(app):
        return None
    request = record.request
    if request is None:
        return None
    web = vendors.web_app_for(request.url, request.header("origin"), request.header("referer"))
    return web.web_name if web is not None else None


class Enricher:
    def __init__(
        self,
        *,
        labeller: Labeller | None = None,
        policy_engine: PolicyEngine | None = None,
        known_values: KnownValues | None = None,
        policy_version: str | None = None,
        data_dir: DataDir | None = None,
    ) -> None:
        """With a `data_dir`, the user's own policy packs and known values are used too."""
        if known_values is None and labeller is None:
            # The machine's own values (host name, MACs, machine id …) are always looked for.
            known_values = KnownValues.for_this_machine(data_dir=data_dir)
        self.labeller = labeller or Labeller(known_values=known_values)
        if policy_engine is None:
            policy_engine = (
                PolicyEngine.for_data_dir(data_dir.root) if data_dir is not None else PolicyEngine()
            )
        self.policy_engine = policy_engine
        self.policy_version = policy_version

    def enrich(self, record: FlowRecord) -> FlowRecord:
        web_app = web_client_app(record, self.policy_engine.vendors)
        if web_app is not None:
            record.process.app = web_app
        result = self.labeller.label(record)
        record.labels = result.labels
        record.entity = result.entity
        record.policy = self.policy_engine.evaluate(
            record, app=record.process.app, version=self.policy_version
        )
        return record
