"""One module per `auditor` command (see `auditor.cli`)."""
