"""Snowplow tracker protocol 2 (tp2): POST `{"schema": ".../payload_data/…", "data": [events]}`
and GET `/i?e=…&tv=…`. Events carry `ue_px`/`cx` (base64url JSON) or `ue_pr`/`co` (JSON text);
the generic walker decodes both, so here we only recognise the protocol for `body_kinds`.
"""

from __future__ import annotations

from typing import Any

PAYLOAD_SCHEMA_PREFIX = "iglu:com.snowplowanalytics.snowplow/payload_data"
_EVENT_KEYS = frozenset({"ue_px", "ue_pr", "cx", "co", "aid", "duid", "sid", "eid"})


def is_snowplow_payload(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("schema"), str)
        and value["schema"].startswith(PAYLOAD_SCHEMA_PREFIX)
    )


def is_snowplow_query(keys: set[str]) -> bool:
    return "e" in keys and "tv" in keys and bool(keys & _EVENT_KEYS)
