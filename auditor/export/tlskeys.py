"""TLS key logs: where capture keeps them, and how export hands them out.

mitmproxy writes the TLS secrets of both legs (client↔proxy, proxy↔server) in NSS key log format
to the file named by `MITMPROXY_SSLKEYLOGFILE` (or `SSLKEYLOGFILE`), read once when
`mitmproxy.net.tls` is first imported. For a packet capture taken at the same time (tcpdump,
Wireshark) to be decryptable, `auditor capture` sets that variable to `keylog_path(data_dir,
session)` before it imports mitmproxy; `auditor export … --tls-keylog` then copies that file next
to the export. Key logs decrypt the whole session: they are never exported unless asked for.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

from auditor.errors import AuditorError
from auditor.paths import DataDir

KEYLOG_DIR = "tls-keylogs"


def keylog_path(data_dir: DataDir, session: str) -> Path:
    """The key log for one capture session (safe file name; a hash keeps odd names distinct)."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", session).strip("._") or "session"
    if safe != session:
        safe = f"{safe}-{hashlib.sha256(session.encode()).hexdigest()[:8]}"
    return data_dir.root / KEYLOG_DIR / f"{safe}.keylog"


def capture_environment(data_dir: DataDir, session: str) -> dict[str, str]:
    """What `auditor capture` puts in os.environ before importing mitmproxy."""
    path = keylog_path(data_dir, session)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    return {"MITMPROXY_SSLKEYLOGFILE": str(path)}


def enable_keylog(data_dir: DataDir, session: str) -> Path:
    """Make this process's mitmproxy write TLS secrets to the session's key log (for capture).

    mitmproxy reads MITMPROXY_SSLKEYLOGFILE once, when `mitmproxy.net.tls` is first imported, into
    the module global `log_master_secret`, which every new TLS context consults; replacing the
    global works whenever mitmproxy was imported, and keeps the file private (0600)."""
    from mitmproxy.net import tls

    path = keylog_path(data_dir, session)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.close(fd)
    previous = tls.log_master_secret
    if previous is not None:
        previous.close()
    tls.log_master_secret = tls.make_master_secret_logger(str(path))
    return path


def copy_keylog(data_dir: DataDir, session: str, dest: Path) -> Path:
    src = keylog_path(data_dir, session)
    if not src.is_file() or src.stat().st_size == 0:
        raise AuditorError(
            f"no TLS key log was recorded for session {session!r} (expected {src}); "
            "key logs exist only for sessions captured with key logging on"
        )
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out, src.open("rb") as inp:
        shutil.copyfileobj(inp, out)
    return dest
