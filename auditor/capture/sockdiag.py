"""Ask the kernel for one socket: netlink sock_diag (INET_DIAG), as `ss` does.

Reading /proc/net/tcp{,6} costs a parse of every socket on the machine (thousands of TIME_WAIT
lines on a busy desktop) per lookup. sock_diag instead answers for the one socket we name: by its
four-tuple (an exact lookup, a hash probe in the kernel), or when only the ports are known by a
dump with a port filter in the kernel's bytecode, so only matching sockets come back.

A small binding over Python's own AF_NETLINK sockets; pyroute2's DiagSocket dumps every socket
and parses each in Python, which is the cost we are avoiding. Linux only.
"""

from __future__ import annotations

import errno
import ipaddress
import os
import socket
import struct
from dataclasses import dataclass

NETLINK_SOCK_DIAG = 4
SOCK_DIAG_BY_FAMILY = 20
NLMSG_ERROR = 2
NLMSG_DONE = 3
NLM_F_REQUEST = 0x1
NLM_F_DUMP = 0x300
INET_DIAG_REQ_BYTECODE = 1
INET_DIAG_BC_S_GE = 2
INET_DIAG_BC_S_LE = 3
INET_DIAG_BC_D_GE = 4
INET_DIAG_BC_D_LE = 5
INET_DIAG_NOCOOKIE = 0xFFFFFFFF
ALL_STATES = 0xFFF

_NLMSGHDR = struct.Struct("=IHHII")
# inet_diag_req_v2: family, protocol, ext, pad, states, then inet_diag_sockid:
# sport, dport (network order), src[16], dst[16], if, cookie[2].
_REQ = struct.Struct("=BBBBI")
_SOCKID = struct.Struct("!HH16s16s")
_SOCKID_TAIL = struct.Struct("=III")
# inet_diag_msg: family, state, timer, retrans, sockid (48 bytes), expires, rqueue, wqueue, uid,
# inode.
_MSG_HEAD = struct.Struct("=BBBB")
_MSG_TAIL = struct.Struct("=IIIII")
_MSG_SIZE = _MSG_HEAD.size + _SOCKID.size + _SOCKID_TAIL.size + _MSG_TAIL.size


class SockDiagUnavailable(OSError):
    """The kernel (or a sandbox) refuses sock_diag: attribution falls back to /proc/net."""


@dataclass(frozen=True, slots=True)
class DiagSocket:
    inode: int
    uid: int
    local_port: int
    remote_port: int


def _addr_bytes(host: str) -> tuple[int, bytes]:
    ip = ipaddress.ip_address(host.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # a dual-stack listener's view of an IPv4 client
    if isinstance(ip, ipaddress.IPv4Address):
        return socket.AF_INET, ip.packed + bytes(12)
    return socket.AF_INET6, ip.packed


def _port_filter(local_port: int, remote_port: int | None) -> bytes:
    """Bytecode accepting sockets with this local (and remote) port: a chain of conditions, each
    jumping to the next when true and past the end (reject) when false."""
    conditions = [(INET_DIAG_BC_S_GE, local_port), (INET_DIAG_BC_S_LE, local_port)]
    if remote_port is not None:
        conditions += [(INET_DIAG_BC_D_GE, remote_port), (INET_DIAG_BC_D_LE, remote_port)]
    total = 8 * len(conditions)
    code = b""
    for i, (op, port) in enumerate(conditions):
        code += struct.pack("=BBH", op, 8, total - 8 * i + 4) + struct.pack("=BBH", 0, 0, port)
    return code


class SockDiag:
    """One netlink socket; not thread-safe (the resolver's lookup thread owns it)."""

    def __init__(self) -> None:
        try:
            self._sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_SOCK_DIAG)
            self._sock.bind((0, 0))
        except (OSError, AttributeError) as err:
            raise SockDiagUnavailable(f"no netlink sock_diag socket: {err}") from err
        self._seq = 0

    def close(self) -> None:
        self._sock.close()

    def find(
        self,
        local: tuple[str, int],
        remote: tuple[str, int],
        protocol: int = socket.IPPROTO_TCP,
    ) -> DiagSocket | None:
        """The socket whose local end is `local` and whose peer is `remote` (exact lookup)."""
        family, src = _addr_bytes(local[0])
        family2, dst = _addr_bytes(remote[0])
        if family != family2:
            return None
        req = (
            _REQ.pack(family, protocol, 0, 0, ALL_STATES)
            + _SOCKID.pack(local[1], remote[1], src, dst)
            + _SOCKID_TAIL.pack(0, INET_DIAG_NOCOOKIE, INET_DIAG_NOCOOKIE)
        )
        found = self._query(req, NLM_F_REQUEST)
        return found[0] if found else None

    def by_ports(
        self, local_port: int, remote_port: int | None, protocol: int = socket.IPPROTO_TCP
    ) -> list[DiagSocket]:
        """Sockets (IPv4 and IPv6) with this local port (and remote port): a filtered dump."""
        code = _port_filter(local_port, remote_port)
        attr = struct.pack("=HH", 4 + len(code), INET_DIAG_REQ_BYTECODE) + code
        out: list[DiagSocket] = []
        for family in (socket.AF_INET, socket.AF_INET6):
            req = (
                _REQ.pack(family, protocol, 0, 0, ALL_STATES)
                + _SOCKID.pack(0, 0, bytes(16), bytes(16))
                + _SOCKID_TAIL.pack(0, INET_DIAG_NOCOOKIE, INET_DIAG_NOCOOKIE)
                + attr
            )
            out.extend(self._query(req, NLM_F_REQUEST | NLM_F_DUMP))
        return out

    def _query(self, payload: bytes, flags: int) -> list[DiagSocket]:
        self._seq += 1
        seq = self._seq
        header = _NLMSGHDR.pack(_NLMSGHDR.size + len(payload), SOCK_DIAG_BY_FAMILY, flags, seq, 0)
        self._sock.send(header + payload)
        found: list[DiagSocket] = []
        dump = bool(flags & NLM_F_DUMP)
        while True:
            data = self._sock.recv(65536)
            offset = 0
            while offset + _NLMSGHDR.size <= len(data):
                length, kind, _flags, msg_seq, _pid = _NLMSGHDR.unpack_from(data, offset)
                if length < _NLMSGHDR.size:
                    return found
                body = offset + _NLMSGHDR.size
                offset += (length + 3) & ~3
                if msg_seq != seq:
                    continue  # an answer to an earlier query we gave up on
                if kind == NLMSG_DONE:
                    return found
                if kind == NLMSG_ERROR:
                    (code,) = struct.unpack_from("=i", data, body)
                    if code == 0 or -code in (errno.ENOENT, errno.ESRCH):
                        return found
                    if -code in (errno.EPERM, errno.EACCES, errno.EOPNOTSUPP, errno.EINVAL):
                        raise SockDiagUnavailable(f"sock_diag refused: {os.strerror(-code)}")
                    raise OSError(-code, os.strerror(-code))
                if kind == SOCK_DIAG_BY_FAMILY and length - _NLMSGHDR.size >= _MSG_SIZE:
                    found.append(_parse(data, body))
                    if not dump:
                        return found


def _parse(data: bytes, at: int) -> DiagSocket:
    sport, dport, _src, _dst = _SOCKID.unpack_from(data, at + _MSG_HEAD.size)
    tail = at + _MSG_HEAD.size + _SOCKID.size + _SOCKID_TAIL.size
    _expires, _rq, _wq, uid, inode = _MSG_TAIL.unpack_from(data, tail)
    return DiagSocket(inode=inode, uid=uid, local_port=sport, remote_port=dport)
