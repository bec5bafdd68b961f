"""What several commands share: the data dir and the store from the global options."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from auditor.paths import DataDir, resolve_data_dir

if TYPE_CHECKING:
    from auditor.store import Store


def data_dir(args: argparse.Namespace) -> DataDir:
    return DataDir(resolve_data_dir(getattr(args, "data_dir", None)))


def open_store(args: argparse.Namespace, *, readonly: bool = False) -> Store:
    from auditor.store import open_store as _open

    return _open(
        data_dir(args),
        passphrase_file=getattr(args, "passphrase_file", None),
        readonly=readonly,
    )
