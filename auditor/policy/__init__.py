"""Policy packs and verdicts: every flow beside the clause of the dated policy that governs it.

`PolicyEngine` loads the packs under `auditor/policies/` (plus user packs, e.g. from
`DataDir.root / "policies"`) and gives each labelled flow one `PolicyFinding` per data category and
governing document. See `engine.py` for the verdict rules and `build.py` for how packs are made.
"""

from __future__ import annotations

from auditor.policy.engine import PolicyEngine, TimelineRow
from auditor.policy.packs import Clause, PolicyDocument, Statement

__all__ = ["Clause", "PolicyDocument", "PolicyEngine", "Statement", "TimelineRow"]
