"""The words and units every surface shows, the reports and the GUI alike: one truth for each.

A small module with no imports of its own, so the GUI can use it without loading the report code.
"""

from __future__ import annotations

# The verdict words of the CLI, the filter language (`~v omitted`) and the JSON, capitalised: the
# reports and the GUI say the same word the user types.
VERDICT_TEXT = {
    "clear": "Clear",
    "vague": "Vague",
    "consent_required": "Consent required",
    "omitted": "Omitted",
    "contradicted": "Contradicted",
}


def human_bytes(n: int | float) -> str:
    """Sizes in binary units (1 KiB = 1024 B), the one unit of the reports and the GUI."""
    value = float(n)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if abs(value) < 1024 or unit == "GiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} TiB"


__all__ = ["VERDICT_TEXT", "human_bytes"]
