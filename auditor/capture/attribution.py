"""Which local process opened a connection to the proxy.

At connect time the client's socket is still open, so its source port leads to the socket's inode
(/proc/net/tcp, tcp6, udp, udp6) and the inode to the process holding it (/proc/PID/fd). Looking
up at connect time is what lets a process that exits right after its request still be attributed.
The lookup reads /proc and so blocks: it runs on a worker thread, never on the proxy's event loop.
Process details are cached by (pid, create_time), so a reused pid never inherits another
process's identity.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import replace

import psutil

from auditor.capture.apps import ProcessFacts, classify_chain
from auditor.records import ProcessInfo

logger = logging.getLogger(__name__)

LAUNCH_TAG_ENV = "AUDITOR_LAUNCH_TAG"
_PROC = "/proc"
_MAX_ANCESTORS = 12


def _parse_port(hex_addr: str) -> int:
    return int(hex_addr.rsplit(":", 1)[1], 16)


def socket_inodes(
    local_port: int, remote_port: int | None, transport: str = "tcp", proc_root: str = _PROC
) -> list[int]:
    """Inodes of sockets bound to `local_port` (and connected to `remote_port`, when given)."""
    tables = ("tcp", "tcp6") if transport == "tcp" else ("udp", "udp6")
    found: list[int] = []
    for table in tables:
        try:
            with open(f"{proc_root}/net/{table}", encoding="ascii") as fh:
                next(fh, None)  # header
                for line in fh:
                    parts = line.split()
                    if len(parts) < 10:
                        continue
                    if _parse_port(parts[1]) != local_port:
                        continue
                    if remote_port is not None and _parse_port(parts[2]) != remote_port:
                        continue
                    inode = int(parts[9])
                    if inode:
                        found.append(inode)
        except OSError:
            continue
    return found


def _pid_fds_hold(pid: int, targets: set[str], proc_root: str = _PROC) -> str | None:
    fd_dir = f"{proc_root}/{pid}/fd"
    try:
        fds = os.listdir(fd_dir)
    except OSError:
        return None
    for fd in fds:
        try:
            link = os.readlink(f"{fd_dir}/{fd}")
        except OSError:
            continue
        if link in targets:
            return link
    return None


class ProcessResolver:
    """Maps a client address to the ProcessInfo of its process; thread-safe."""

    def __init__(self, *, cache_size: int = 4096, proc_root: str = _PROC) -> None:
        self._proc_root = proc_root
        self._lock = threading.Lock()
        self._info_cache: OrderedDict[tuple[int, float], ProcessInfo] = OrderedDict()
        self._cache_size = cache_size
        # Processes that owned recent connections: checked first, since a client usually opens
        # many connections from the same (network) process.
        self._recent_pids: OrderedDict[int, None] = OrderedDict()
        # Programs `auditor launch` started, by (pid, create_time): their launch tags.
        self._launched: dict[tuple[int, float], str] = {}
        self.lookups = 0
        self.misses = 0

    # -- socket -> pid ------------------------------------------------------------------------

    def pid_for(
        self, client_port: int, proxy_port: int | None, transport: str = "tcp"
    ) -> int | None:
        inodes = socket_inodes(client_port, proxy_port, transport, self._proc_root)
        if not inodes and proxy_port is not None:
            # Local/transparent modes: the client's socket points at the real server.
            inodes = socket_inodes(client_port, None, transport, self._proc_root)
        if not inodes:
            return None
        targets = {f"socket:[{inode}]" for inode in inodes}
        with self._lock:
            recent = list(reversed(self._recent_pids))
        for pid in recent:
            if _pid_fds_hold(pid, targets, self._proc_root):
                self._remember(pid)
                return pid
        found = self._scan_all(targets, skip=set(recent))
        if found is not None:
            self._remember(found)
        return found

    def _scan_all(self, targets: set[str], skip: set[int]) -> int | None:
        try:
            entries = os.listdir(self._proc_root)
        except OSError:
            return None
        # Newest processes first: a connection just opened most likely belongs to a young one.
        pids = sorted((int(e) for e in entries if e.isdigit()), reverse=True)
        for pid in pids:
            if pid in skip:
                continue
            if _pid_fds_hold(pid, targets, self._proc_root):
                return pid
        return None

    def _remember(self, pid: int) -> None:
        with self._lock:
            self._recent_pids.pop(pid, None)
            self._recent_pids[pid] = None
            while len(self._recent_pids) > 32:
                self._recent_pids.popitem(last=False)

    # -- launched programs --------------------------------------------------------------------

    def register_launch(self, pid: int, tag: str) -> None:
        """Mark a program we started: it and its descendants get `tag`, whatever their
        environment shows (Chromium overwrites its environment block with its process titles,
        so /proc/PID/environ of a running browser no longer holds the tag)."""
        try:
            create_time = psutil.Process(pid).create_time()
        except (psutil.Error, OSError):
            return
        with self._lock:
            self._launched[(pid, create_time)] = tag
            self._info_cache.clear()  # a lookup may have raced the registration

    def _launch_tag_of(self, proc: psutil.Process, environ: dict[str, str] | None) -> str | None:
        create_time = _safe(proc.create_time)
        with self._lock:
            tag = self._launched.get((proc.pid, create_time)) if create_time else None
        if tag is None and environ:
            tag = environ.get(LAUNCH_TAG_ENV) or None
        return tag

    # -- pid -> ProcessInfo -------------------------------------------------------------------

    def info_for_pid(self, pid: int) -> ProcessInfo:
        try:
            proc = psutil.Process(pid)
            key = (pid, proc.create_time())
        except (psutil.Error, OSError):
            return ProcessInfo(pid=pid)
        with self._lock:
            cached = self._info_cache.get(key)
            if cached is not None:
                self._info_cache.move_to_end(key)
                return replace(cached, cmdline=list(cached.cmdline) if cached.cmdline else None)
        info = self._describe(proc, key[1])
        with self._lock:
            self._info_cache[key] = info
            while len(self._info_cache) > self._cache_size:
                self._info_cache.popitem(last=False)
        return replace(info, cmdline=list(info.cmdline) if info.cmdline else None)

    def _describe(self, proc: psutil.Process, create_time: float) -> ProcessInfo:
        info = ProcessInfo(pid=proc.pid, create_time=create_time)
        facts: list[ProcessFacts] = []
        with proc.oneshot():
            info.name = _safe(proc.name)
            info.exe = _safe(proc.exe) or None
            cmdline = _safe(proc.cmdline)
            info.cmdline = list(cmdline) if cmdline else None
            info.ppid = _safe(proc.ppid)
            environ = _safe(proc.environ) or {}
        facts.append(ProcessFacts(info.name, info.exe, tuple(info.cmdline or ())))
        ancestors = list(_ancestors(proc))
        facts.extend(_facts_of(parent) for parent in ancestors)
        # Helpers of a launched program (Chromium's and Electron's network service) need not
        # show its environment: the nearest tagged ancestor's tag is theirs.
        for candidate in (proc, *ancestors):
            own = environ if candidate is proc else _safe(candidate.environ)
            info.launch_tag = self._launch_tag_of(candidate, own)
            if info.launch_tag is not None:
                break
        info.app = classify_chain(facts)
        return info

    def lookup(
        self, client_port: int, proxy_port: int | None, transport: str = "tcp"
    ) -> ProcessInfo:
        """The process behind a client connection; an empty ProcessInfo when it cannot be found."""
        self.lookups += 1
        try:
            pid = self.pid_for(client_port, proxy_port, transport)
        except Exception:  # never let attribution break a capture
            logger.exception("process lookup failed for port %s", client_port)
            pid = None
        if pid is None:
            self.misses += 1
            return ProcessInfo()
        return self.info_for_pid(pid)


def _safe(getter):  # type: ignore[no-untyped-def]
    try:
        return getter()
    except (psutil.Error, OSError):
        return None


def _ancestors(proc: psutil.Process) -> Iterable[psutil.Process]:
    """Parent, grandparent … up to _MAX_ANCESTORS, short of init."""
    current = proc
    for _ in range(_MAX_ANCESTORS):
        parent = _safe(current.parent)
        if parent is None or parent.pid <= 1:
            return
        yield parent
        current = parent


def _facts_of(proc: psutil.Process) -> ProcessFacts:
    with proc.oneshot():
        cmdline = _safe(proc.cmdline) or []
        return ProcessFacts(_safe(proc.name), _safe(proc.exe) or None, tuple(cmdline))
