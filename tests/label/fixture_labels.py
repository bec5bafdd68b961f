"""Label one request built from a rule-fixture-shaped description, for the class tests of the
held-out fixes: the categories it gets, each label checked to carry its evidence."""

from __future__ import annotations

from typing import Any

from auditor.label import Labeller
from auditor.label.rules import flow_from_fixture


def categories(
    labeller: Labeller,
    url: str,
    body: Any = None,
    method: str = "POST",
    headers: list[tuple[str, str]] | None = None,
) -> set[str]:
    fixture: dict[str, Any] = {
        "rule": "x",
        "url": url,
        "method": method,
        "body": body,
        "headers": headers or [],
    }
    result = labeller.label(flow_from_fixture(fixture))
    for lab in result.labels:
        assert lab.evidence, lab.category
    return set(result.categories())
