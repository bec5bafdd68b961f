"""The label vocabulary of shared/spec/taxonomy.md: one list for the labeller, the policy packs,
the schemas and the GUI."""

from __future__ import annotations

# In the taxonomy's order, so labels come out the same way for every flow.
CATEGORIES: tuple[str, ...] = (
    "service_generated.product_usage",
    "service_generated.telemetry",
    "service_generated.diagnostics",
    "service_generated.performance",
    "customer_content.chat",
    "customer_content.audio",
    "customer_content.video",
    "customer_content.files",
    "customer_content.transcript",
    "meeting_metadata",
    "identifiers.user_id",
    "identifiers.device_id",
    "identifiers.session_id",
    "identifiers.network_id",
    "identifiers.advertising_id",
    "contact_info.email",
    "contact_info.name",
    "contact_info.phone",
    "device_info.os",
    "device_info.hardware",
    "device_info.locale",
    "device_info.network",
    "location.precise",
    "location.coarse",
    "credentials",
    "consent_signal",
    "other",
)

# The groups that have kinds ("identifiers" for "identifiers.user_id" …), sorted.
GROUPS: tuple[str, ...] = tuple(sorted({c.split(".")[0] for c in CATEGORIES if "." in c}))
