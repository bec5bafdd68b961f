"""Which local process opened a connection to the proxy.

At connect time the client's socket is still open, so its address leads to the socket's inode
and the inode to the process holding it (/proc/PID/fd). Looking up at connect time is what lets a
process that exits right after its request still be attributed.

Socket -> inode asks the kernel for that one socket (netlink sock_diag, `sockdiag.py`), so its
cost does not grow with the machine's socket count; where netlink is unavailable (a sandbox), it
falls back to parsing /proc/net/tcp{,6} and says so once. Inode -> pid checks a map of the
socket inodes seen in earlier scans, then the processes that owned recent connections (a client
opens many connections from one process), then every process. Lookups run on one thread of their
own, in batches: one scan of a process's descriptors answers every waiting connection it holds.
Process details are cached by (pid, create_time), so a reused pid never inherits another
process's identity.
"""

from __future__ import annotations

import concurrent.futures
import logging
import os
import queue
import socket
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, replace

import psutil

from auditor.capture.apps import ProcessFacts, classify_chain
from auditor.capture.sockdiag import SockDiag, SockDiagUnavailable
from auditor.records import ProcessInfo

logger = logging.getLogger(__name__)

LAUNCH_TAG_ENV = "AUDITOR_LAUNCH_TAG"
_PROC = "/proc"
_MAX_ANCESTORS = 12
_RECENT_PIDS = 32
# Socket inodes learnt from descriptor scans. Inode numbers come from a 32-bit counter the
# kernel only increments, so an entry never points at another socket in practice.
_INODE_MAP_SIZE = 65536
# Lookups taken off the queue at once.
_BATCH_MAX = 64


def _parse_port(hex_addr: str) -> int:
    return int(hex_addr.rsplit(":", 1)[1], 16)


def socket_inodes(
    local_port: int, remote_port: int | None, transport: str = "tcp", proc_root: str = _PROC
) -> list[int]:
    """Inodes of sockets bound to `local_port` (and connected to `remote_port`, when given), read
    from /proc/net: the fallback where netlink sock_diag is unavailable (costs a parse of every
    socket on the machine)."""
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


def _socket_inodes_of(pid: int, proc_root: str = _PROC) -> dict[int, int]:
    """{socket inode: pid} for every socket `pid` holds (empty if it is gone or not ours)."""
    fd_dir = f"{proc_root}/{pid}/fd"
    try:
        fds = os.listdir(fd_dir)
    except OSError:
        return {}
    out: dict[int, int] = {}
    for fd in fds:
        try:
            link = os.readlink(f"{fd_dir}/{fd}")
        except OSError:
            continue
        if link.startswith("socket:["):
            out[int(link[8:-1])] = pid
    return out


@dataclass(slots=True)
class _Lookup:
    client: tuple[str, int] | None  # the client's address as the proxy sees it
    proxy: tuple[str, int] | None  # the proxy's address it connected to
    client_port: int
    proxy_port: int | None
    transport: str
    future: concurrent.futures.Future[ProcessInfo]
    inodes: list[int] | None = None


class ProcessResolver:
    """Maps a client address to the ProcessInfo of its process; thread-safe.

    `submit` queues a lookup for the resolver's own thread (batched) and returns a future;
    `lookup` answers on the calling thread."""

    def __init__(
        self, *, cache_size: int = 4096, proc_root: str = _PROC, use_netlink: bool = True
    ) -> None:
        self._proc_root = proc_root
        self._lock = threading.Lock()
        self._info_cache: OrderedDict[tuple[int, float], ProcessInfo] = OrderedDict()
        self._cache_size = cache_size
        # Processes that owned recent connections: checked first, since a client usually opens
        # many connections from the same (network) process.
        self._recent_pids: OrderedDict[int, None] = OrderedDict()
        self._inode_pids: dict[int, int] = {}
        # Programs `auditor launch` started, by (pid, create_time): their launch tags.
        self._launched: dict[tuple[int, float], str] = {}
        self._use_netlink = use_netlink and proc_root == _PROC
        self._diag_local = threading.local()
        self._fallback_said = False
        self._queue: queue.SimpleQueue[_Lookup | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self.lookups = 0
        self.misses = 0
        self.full_scans = 0

    # -- socket -> inode ----------------------------------------------------------------------

    def _diag(self) -> SockDiag | None:
        if not self._use_netlink:
            return None
        diag: SockDiag | None = getattr(self._diag_local, "diag", None)
        if diag is None:
            try:
                diag = SockDiag()
            except SockDiagUnavailable as err:
                self._netlink_unavailable(err)
                return None
            self._diag_local.diag = diag
        return diag

    def _netlink_unavailable(self, err: OSError) -> None:
        self._use_netlink = False
        if not self._fallback_said:
            self._fallback_said = True
            logger.warning(
                "netlink sock_diag unavailable (%s): attributing connections by reading "
                "/proc/net/tcp, which costs more per connection on a busy machine",
                err,
            )

    def inodes_for(
        self,
        client_port: int,
        proxy_port: int | None,
        transport: str = "tcp",
        client: tuple[str, int] | None = None,
        proxy: tuple[str, int] | None = None,
    ) -> list[int]:
        """Inodes of the client's socket (normally one)."""
        diag = self._diag()
        if diag is not None:
            protocol = socket.IPPROTO_UDP if transport == "udp" else socket.IPPROTO_TCP
            try:
                if client is not None and proxy is not None:
                    found = diag.find(client, proxy, protocol)
                    if found is not None and found.inode:
                        return [found.inode]
                # Local/transparent modes: the client's socket points at the real server, so
                # only its own port is known. A filtered dump, still answered by the kernel.
                hits = diag.by_ports(client_port, proxy_port, protocol)
                if not hits and proxy_port is not None:
                    hits = diag.by_ports(client_port, None, protocol)
                return [h.inode for h in hits if h.inode]
            except SockDiagUnavailable as err:
                self._netlink_unavailable(err)
            except (OSError, ValueError):
                logger.debug("sock_diag lookup failed for port %s", client_port, exc_info=True)
        inodes = socket_inodes(client_port, proxy_port, transport, self._proc_root)
        if not inodes and proxy_port is not None:
            inodes = socket_inodes(client_port, None, transport, self._proc_root)
        return inodes

    # -- inode -> pid -------------------------------------------------------------------------

    def pid_for(
        self,
        client_port: int,
        proxy_port: int | None,
        transport: str = "tcp",
        client: tuple[str, int] | None = None,
        proxy: tuple[str, int] | None = None,
    ) -> int | None:
        inodes = self.inodes_for(client_port, proxy_port, transport, client, proxy)
        return self._pids_for([inodes])[0]

    def _pids_for(self, wanted: list[list[int]]) -> list[int | None]:
        """For each list of inodes, the pid holding one of them: known inodes first, then one
        descriptor scan per recent process for all at once, then every process."""
        answers: list[int | None] = [None] * len(wanted)
        open_ = self._match(wanted, answers)
        if not open_:
            return answers
        with self._lock:
            recent = list(reversed(self._recent_pids))
        for pid in recent:
            self._learn(_socket_inodes_of(pid, self._proc_root))
            open_ = self._match(wanted, answers, open_)
            if not open_:
                return answers
        self.full_scans += 1
        try:
            entries = os.listdir(self._proc_root)
        except OSError:
            return answers
        skip = set(recent)
        # Newest processes first: a connection just opened most likely belongs to a young one.
        for pid in sorted((int(e) for e in entries if e.isdigit()), reverse=True):
            if pid in skip:
                continue
            held = _socket_inodes_of(pid, self._proc_root)
            if not held:
                continue
            self._learn(held)
            if any(i in held for n in open_ for i in wanted[n]):
                open_ = self._match(wanted, answers, open_)
                if not open_:
                    break
        return answers

    def _match(
        self, wanted: list[list[int]], answers: list[int | None], open_: list[int] | None = None
    ) -> list[int]:
        still: list[int] = []
        with self._lock:
            for n in range(len(wanted)) if open_ is None else open_:
                pid = next((self._inode_pids[i] for i in wanted[n] if i in self._inode_pids), None)
                if pid is None:
                    if wanted[n]:
                        still.append(n)
                    continue
                answers[n] = pid
                self._recent_pids.pop(pid, None)
                self._recent_pids[pid] = None
            while len(self._recent_pids) > _RECENT_PIDS:
                self._recent_pids.popitem(last=False)
        return still

    def _learn(self, held: dict[int, int]) -> None:
        if not held:
            return
        with self._lock:
            if len(self._inode_pids) + len(held) > _INODE_MAP_SIZE:
                self._inode_pids.clear()
            self._inode_pids.update(held)

    # -- the lookup thread ----------------------------------------------------------------------

    def submit(
        self,
        client_port: int,
        proxy_port: int | None,
        transport: str = "tcp",
        client: tuple[str, int] | None = None,
        proxy: tuple[str, int] | None = None,
    ) -> concurrent.futures.Future[ProcessInfo]:
        """Queue a lookup for the resolver's thread; its future gets the ProcessInfo."""
        future: concurrent.futures.Future[ProcessInfo] = concurrent.futures.Future()
        if self._thread is None:
            with self._lock:
                if self._thread is None:
                    self._thread = threading.Thread(
                        target=self._serve, name="auditor-attribution", daemon=True
                    )
                    self._thread.start()
        self._queue.put(_Lookup(client, proxy, client_port, proxy_port, transport, future))
        return future

    def close(self) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(5)
            self._thread = None

    def _serve(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            while len(batch) < _BATCH_MAX:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    self._resolve(batch)
                    return
                batch.append(item)
            self._resolve(batch)

    def _resolve(self, batch: list[_Lookup]) -> None:
        try:
            for item in batch:
                item.inodes = self.inodes_for(
                    item.client_port, item.proxy_port, item.transport, item.client, item.proxy
                )
            pids = self._pids_for([item.inodes or [] for item in batch])
        except Exception:  # never let attribution break a capture
            logger.exception("process lookup failed")
            pids = [None] * len(batch)
        for item, pid in zip(batch, pids, strict=True):
            self.lookups += 1
            try:
                info = self._info_or_empty(pid)
            except Exception:
                logger.exception("describing process %s failed", pid)
                info = ProcessInfo()
            if not item.future.cancelled():
                item.future.set_result(info)

    def _info_or_empty(self, pid: int | None) -> ProcessInfo:
        if pid is None:
            self.misses += 1
            return ProcessInfo()
        return self.info_for_pid(pid)

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
        self,
        client_port: int,
        proxy_port: int | None,
        transport: str = "tcp",
        client: tuple[str, int] | None = None,
        proxy: tuple[str, int] | None = None,
    ) -> ProcessInfo:
        """The process behind a client connection; an empty ProcessInfo when it cannot be found."""
        self.lookups += 1
        try:
            pid = self.pid_for(client_port, proxy_port, transport, client, proxy)
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
