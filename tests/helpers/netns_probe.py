"""Runs a capture inside a private network namespace and reports every packet that tried to leave.

    unshare -n -- python -m tests.helpers.netns_probe --data-dir DIR --out RESULT.json

Inside the new namespace: `lo` is up, and a veth pair (v0 -> v1) carries the default routes (IPv4
and IPv6) to a neighbour that does not exist. Any outbound attempt (DNS to the resolver in
/etc/resolv.conf, a TCP connect to a vendor, a certificate revocation check) therefore leaves as a
real packet on v0 and is seen by a packet socket on v1, where it ends: nothing can get out of the
namespace. The probe then drives a capture end to end on loopback (sinkholed HTTP and HTTPS, and a
local upstream), and writes what it saw as JSON.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import socket
import struct
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import psutil

ETH_P_ALL = 0x0003
V4_NET = "198.18.0.1/24"  # RFC 2544 benchmarking range: never a real host
V4_GATEWAY = "198.18.0.2"
V6_NET = "fd00:198::1/64"
V6_GATEWAY = "fd00:198::2"


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True)


def setup_namespace() -> None:
    _ip("link", "set", "lo", "up")
    _ip("link", "add", "v0", "type", "veth", "peer", "name", "v1")
    # /sys still shows the parent namespace's devices (sysfs is not remounted): ask ip instead.
    shown = subprocess.run(["ip", "-j", "link", "show", "v1"], check=True, capture_output=True)
    peer_mac = str(json.loads(shown.stdout)[0]["address"])
    _ip("addr", "add", V4_NET, "dev", "v0")
    _ip("-6", "addr", "add", V6_NET, "dev", "v0", "nodad")
    _ip("link", "set", "v1", "up")
    _ip("link", "set", "v0", "up")
    _ip("route", "add", "default", "via", V4_GATEWAY, "dev", "v0")
    _ip("-6", "route", "add", "default", "via", V6_GATEWAY, "dev", "v0")
    _ip("neigh", "add", V4_GATEWAY, "lladdr", peer_mac, "dev", "v0", "nud", "permanent")
    _ip("-6", "neigh", "add", V6_GATEWAY, "lladdr", peer_mac, "dev", "v0", "nud", "permanent")


class Sniffer:
    """Records IPv4/IPv6 TCP and UDP packets arriving on v1 (what tried to leave through v0)."""

    def __init__(self, interface: str = "v1") -> None:
        self.sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
        self.sock.bind((interface, 0))
        self.sock.settimeout(0.2)
        self.packets: list[dict[str, Any]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> Sniffer:
        self._thread.start()
        return self

    def stop(self) -> None:
        time.sleep(0.5)  # let late packets (retransmits, resolver retries) arrive
        self._stop.set()
        self._thread.join(5)
        self.sock.close()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                frame = self.sock.recv(65535)
            except TimeoutError:
                continue
            except OSError:
                return
            parsed = parse_frame(frame)
            if parsed is not None:
                self.packets.append(parsed)


def parse_frame(frame: bytes) -> dict[str, Any] | None:
    if len(frame) < 14:
        return None
    ethertype = struct.unpack("!H", frame[12:14])[0]
    payload = frame[14:]
    if ethertype == 0x0800 and len(payload) >= 20:
        ihl = (payload[0] & 0x0F) * 4
        proto = payload[9]
        dst = str(ipaddress.IPv4Address(payload[16:20]))
        rest = payload[ihl:]
    elif ethertype == 0x86DD and len(payload) >= 40:
        proto = payload[6]
        dst = str(ipaddress.IPv6Address(payload[24:40]))
        rest = payload[40:]
    else:
        return None  # ARP, and ICMPv6 neighbour/MLD chatter of the link itself, are not attempts
    if proto not in (6, 17) or len(rest) < 4:
        return None
    port = struct.unpack("!H", rest[2:4])[0]
    return {"proto": "tcp" if proto == 6 else "udp", "dst": dst, "port": port}


def remote_connections(pid: int) -> list[str]:
    out: list[str] = []
    try:
        procs = [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]
    except psutil.Error:
        return out
    for proc in procs:
        try:
            for conn in proc.net_connections(kind="inet"):
                if conn.raddr and not ipaddress.ip_address(conn.raddr.ip).is_loopback:
                    out.append(f"{conn.raddr.ip}:{conn.raddr.port}")
        except psutil.Error:
            pass
    return out


def drive(data_dir: Path, result: dict[str, Any]) -> None:
    from tests.helpers.capture import CaptureProcess
    from tests.helpers.cli import run_auditor
    from tests.helpers.clients import via_proxy_http, via_proxy_https
    from tests.helpers.store import count_flows
    from tests.helpers.upstream import UpstreamServer

    sinkholes = ["telemetry.example.com", "*.sentry.io", "re:^https?://stats\\.example\\.org/"]
    capture = CaptureProcess(data_dir, session="netns", sinkhole=sinkholes)
    watching = threading.Event()
    seen_remote: list[str] = []

    def watch() -> None:
        while not watching.is_set():
            seen_remote.extend(remote_connections(capture.pid))
            time.sleep(0.02)

    with UpstreamServer() as upstream:
        capture.start()
        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        proxy = (capture.host, capture.port)
        ca = Path(run_auditor(["ca", "path"], env=capture.env).stdout.strip())
        statuses = []
        for i in range(5):
            statuses.append(
                via_proxy_http(
                    proxy,
                    f"http://telemetry.example.com/v1/events?n={i}",
                    method="POST",
                    body=b'{"event":"meeting_joined","email":"a@example.com"}',
                    headers={"Content-Type": "application/json"},
                ).status
            )
            statuses.append(
                via_proxy_https(
                    proxy,
                    "o1.ingest.sentry.io",
                    443,
                    "/api/1/envelope/",
                    ca_file=ca,
                    method="POST",
                    body=b'{"event_id":"abc"}',
                ).status
            )
            statuses.append(via_proxy_http(proxy, f"http://stats.example.org/p?n={i}").status)
            statuses.append(via_proxy_http(proxy, upstream.url(f"/ok?n={i}")).status)
        time.sleep(1.0)  # let late work (labelling, storing) happen while we watch
        watching.set()
        watcher.join()
        result["exit_code"] = capture.terminate()
        result["stderr_tail"] = capture.stderr[-1500:]
        result["statuses"] = statuses
        result["upstream_requests"] = upstream.requests_seen
    result["remote_connections"] = sorted(set(seen_remote))
    result["flows"] = count_flows(data_dir, session="netns")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    result: dict[str, Any] = {}
    setup_namespace()
    sniffer = Sniffer().start()
    try:
        drive(args.data_dir, result)
    except Exception as err:  # reported to the test, which fails with it
        result["error"] = f"{type(err).__name__}: {err}"
    finally:
        sniffer.stop()
        result["packets"] = sniffer.packets
        args.out.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
