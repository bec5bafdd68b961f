"""Build-time tools: they make the artefacts the package ships and are not part of it."""
