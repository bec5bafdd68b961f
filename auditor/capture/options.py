"""Capture settings parsed from the command line, kept free of mitmproxy imports so that every
`auditor` command (all parsers are built on each run) stays quick to start."""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Sequence

from auditor.errors import UsageError

DEFAULT_BODY_CAP = 1024 * 1024
# Options that `--set` may not change: they decide where we listen and whose CA signs.
RESERVED_OPTIONS = frozenset({"listen_host", "listen_port", "mode", "confdir", "server"})

_SIZE_UNITS = {
    "": 1,
    "b": 1,
    "k": 1024,
    "kb": 1024,
    "kib": 1024,
    "m": 1024**2,
    "mb": 1024**2,
    "mib": 1024**2,
    "g": 1024**3,
    "gb": 1024**3,
    "gib": 1024**3,
}


def parse_size(text: str) -> int:
    """`1048576`, `512k`, `1m`, `2MiB` -> bytes."""
    value = text.strip().lower()
    digits = value.rstrip("kmgib ")
    unit = value[len(digits) :].strip()
    try:
        number = float(digits)
    except ValueError:
        raise UsageError(f"not a size: {text!r} (e.g. 1048576, 512k, 1m)") from None
    if unit not in _SIZE_UNITS or number < 0:
        raise UsageError(f"not a size: {text!r} (e.g. 1048576, 512k, 1m)")
    return int(number * _SIZE_UNITS[unit])


def is_loopback_host(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def parse_listen(value: str) -> tuple[str, int]:
    """`HOST:PORT`, `[V6]:PORT` or `PORT` -> (host, port); only loopback hosts are accepted."""
    text = value.strip()
    if text.isdigit():
        host, port_text = "127.0.0.1", text
    elif text.startswith("["):
        host, _, rest = text[1:].partition("]")
        port_text = rest.removeprefix(":")
    else:
        host, sep, port_text = text.rpartition(":")
        if not sep:
            host, port_text = text, "0"
    try:
        port = int(port_text)
    except ValueError:
        raise UsageError(f"--listen {value!r}: the port must be a number") from None
    if not 0 <= port <= 65535:
        raise UsageError(f"--listen {value!r}: the port must be between 0 and 65535")
    host = host or "127.0.0.1"
    if not is_loopback_host(host):
        raise UsageError(
            f"--listen {value!r}: the proxy only listens on loopback (127.0.0.1 or ::1), "
            "never on a network interface"
        )
    return host, port


def check_set_options(specs: Sequence[str]) -> list[str]:
    for spec in specs:
        name = spec.partition("=")[0].strip()
        if not name or "=" not in spec:
            raise UsageError(f"--set {spec!r}: expected OPTION=VALUE")
        if name in RESERVED_OPTIONS:
            raise UsageError(
                f"--set {name}: use --listen/--mode instead; the CA folder is the data dir's"
            )
    return list(specs)


def default_session_name(prefix: str = "capture") -> str:
    return time.strftime(f"{prefix}-%Y%m%d-%H%M%S")


def format_addr(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
