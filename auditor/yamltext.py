"""YAML the program ships (vendor files, label rules, policy packs): safe loading, with PyYAML's C
loader where it was built with libyaml (these files are read at every start)."""

from __future__ import annotations

from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """`yaml.safe_load`, faster: raises `yaml.YAMLError` on bad input as it does."""
    return yaml.load(text, Loader=_LOADER)
