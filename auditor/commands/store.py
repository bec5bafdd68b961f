"""`auditor store info|delete-session|compact|body-cap`: look after the encrypted store."""

from __future__ import annotations

import argparse
import json
import sys

from auditor.commands._common import open_store
from auditor.commands.sessions import format_bytes
from auditor.errors import UsageError


def _cap(text: str) -> int | None:
    if text.lower() in ("none", "off", "unlimited"):
        return None
    units = {"k": 1024, "m": 1024**2, "g": 1024**3}
    lowered = text.lower().removesuffix("ib").removesuffix("b")
    factor = units.get(lowered[-1:], 1)
    number = lowered[:-1] if lowered[-1:] in units else lowered
    try:
        value = int(float(number) * factor)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a size (e.g. 1048576, 512K, 16M, none)"
        ) from None
    if value < 0:
        raise argparse.ArgumentTypeError("a size must be 0 or more")
    return value


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("store", help="store maintenance: info, delete a session, compact")
    sub = p.add_subparsers(dest="store_command", metavar="ACTION")
    sub.required = True
    info = sub.add_parser("info", help="where the store is, its size, schema and key source")
    info.add_argument("--format", choices=("table", "json"), default="table")
    info.add_argument(
        "--check",
        action="store_true",
        help="also run SQLite's integrity check (slow on big stores)",
    )
    delete = sub.add_parser("delete-session", help="delete a session with all its flows and bodies")
    delete.add_argument("name", metavar="NAME")
    sub.add_parser("compact", help="give the space of deleted data back to the file system")
    cap = sub.add_parser(
        "body-cap",
        help="show or set the largest body kept (bigger ones keep only their size)",
    )
    cap.add_argument("size", nargs="?", type=_cap, default=False, metavar="SIZE|none")
    rotate = sub.add_parser(
        "rotate-key",
        help="re-encrypt the store with a new key (close captures and the GUI first)",
    )
    rotate.add_argument(
        "--to",
        choices=("keyring", "passphrase"),
        help="where the new key lives (default: where the current one does)",
    )
    rotate.add_argument(
        "--new-passphrase-file",
        metavar="FILE",
        help="the new passphrase (default: $AUDITOR_NEW_PASSPHRASE); the current one comes "
        "from --passphrase-file or $AUDITOR_PASSPHRASE",
    )
    for sp in (info, delete, cap, rotate):
        sp.set_defaults(func=run)
    sub.choices["compact"].set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    action = args.store_command
    if action == "info":
        with open_store(args, readonly=True) as store:
            info = store.info()
            if args.check:
                info["integrity_check"] = store.integrity_check()
        if args.format == "json":
            json.dump(info, sys.stdout, indent=2)
            print()
            return 0
        for key, value in info.items():
            if key == "files":
                value = ", ".join(f"{name} {format_bytes(size)}" for name, size in value.items())
            elif key in ("free_bytes",):
                value = format_bytes(value)
            elif key == "body_cap":
                value = "none" if value is None else format_bytes(value)
            elif isinstance(value, list):
                value = "; ".join(value)
            print(f"{key.replace('_', ' ')}: {value}")
        return 0
    if action == "delete-session":
        with open_store(args) as store:
            if store.session(args.name) is None:
                raise UsageError(f"no session named {args.name!r}")
            deleted = store.delete_session(args.name)
        print(f"deleted session {args.name!r} ({deleted} flows)")
        return 0
    if action == "compact":
        with open_store(args) as store:
            before = sum(store.info()["files"].values())
            store.compact()
            after = sum(store.info()["files"].values())
        print(f"compacted: {format_bytes(before)} -> {format_bytes(after)}")
        return 0
    if action == "body-cap":
        with open_store(args) as store:
            if args.size is not False:
                store.set_body_cap(args.size)
            cap = store.body_cap
        print("body cap: " + ("none" if cap is None else f"{cap} bytes ({format_bytes(cap)})"))
        return 0
    if action == "rotate-key":
        with open_store(args) as store:
            target = args.to or store.key_source
            new_passphrase = None
            if target == "passphrase":
                new_passphrase = _new_passphrase(args.new_passphrase_file)
            source = store.rotate_key(to=target, new_passphrase=new_passphrase)
        print(f"store re-encrypted with a new key ({source})")
        return 0
    raise UsageError(f"unknown store action {action!r}")


def _new_passphrase(path: str | None) -> str:
    import os
    from pathlib import Path

    if path is not None:
        try:
            text = Path(path).read_text(encoding="utf-8").removesuffix("\n").removesuffix("\r")
        except (OSError, UnicodeDecodeError) as err:
            raise UsageError(f"cannot read the new passphrase file {path}: {err}") from None
    else:
        text = os.environ.get("AUDITOR_NEW_PASSPHRASE", "")
    if not text:
        raise UsageError(
            "give the new passphrase with --new-passphrase-file FILE or AUDITOR_NEW_PASSPHRASE"
        )
    return text
