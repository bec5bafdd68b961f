"""The policy-pack builder and its annotations (one YAML per vendor document)."""
