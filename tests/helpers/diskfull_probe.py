"""Runs a capture whose data dir is a small tmpfs, fills the disk, then frees it again.

    unshare -m --propagation private -- python -m tests.helpers.diskfull_probe --mount DIR --out R.json

The tmpfs exists only in this private mount namespace. The probe writes its findings as JSON:
whether every request was still answered while the store could not write, what the capture said
about it, whether flows were stored again once space came back, and the store's integrity check.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import time
from pathlib import Path
from typing import Any

TMPFS_SIZE = "24m"
BODY_SIZE = 256 * 1024  # random, so neither the store's compression nor SQLite can shrink it


def _free_bytes(path: Path) -> int:
    stats = os.statvfs(path)
    return stats.f_bavail * stats.f_frsize


def drive(mount: Path, result: dict[str, Any]) -> None:
    from tests.helpers.capture import CaptureProcess
    from tests.helpers.clients import via_proxy_http
    from tests.helpers.store import all_flows, count_flows, integrity_check

    data = mount / "data"
    data.mkdir(mode=0o700)
    capture = CaptureProcess(data, session="diskfull", sinkhole=["sink.test"]).start()
    proxy = (capture.host, capture.port)
    statuses: list[int] = []

    def send(tag: str, n: int) -> None:
        for i in range(n):
            body = os.urandom(BODY_SIZE)
            statuses.append(
                via_proxy_http(
                    proxy, f"http://sink.test/{tag}?i={i}", method="POST", body=body
                ).status
            )

    def wait_for(predicate: Any, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return True
            time.sleep(0.3)
        return False

    send("warmup", 2)
    # The labeller loads while the first flows wait: fill the disk only once they are stored.
    result["warmup_stored"] = wait_for(lambda: count_flows(data, session="diskfull") >= 2, 90)
    # Leave about 1 MiB: the next few flows fill the disk.
    filler = mount / "filler"
    with filler.open("wb") as fh:
        fh.write(b"\0" * max(0, _free_bytes(mount) - (1 << 20)))
    send("full", 12)
    # Give the writer time to hit the full disk (its error shows on stderr).
    wait_for(lambda: "full" in capture.stderr.lower() or "space" in capture.stderr.lower(), 15)
    result["alive_while_full"] = capture.alive()
    result["stderr_while_full"] = capture.stderr[-3000:]
    filler.unlink()
    time.sleep(0.5)
    send("after", 3)

    def after_stored() -> bool:
        paths = [f.request.path for f in all_flows(data, session="diskfull") if f.request]
        return sum(1 for p in paths if p.startswith("/after")) >= 3

    wait_for(after_stored, 30)
    result["alive_after"] = capture.alive()
    result["exit_code"] = capture.terminate(timeout=60)
    result["stderr"] = capture.stderr[-4000:]
    result["statuses"] = statuses
    result["stored_total"] = count_flows(data, session="diskfull")
    paths = [f.request.path.split("?")[0] for f in all_flows(data, session="diskfull") if f.request]
    result["stored_after"] = paths.count("/after")
    result["stored_full"] = paths.count("/full")
    result["integrity"] = integrity_check(data)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mount", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    result: dict[str, Any] = {}
    args.mount.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={TMPFS_SIZE},mode=0700", "tmpfs", str(args.mount)],
        check=True,
    )
    try:
        drive(args.mount, result)
    except Exception as err:
        result["error"] = f"{type(err).__name__}: {err}"
    finally:
        args.out.write_text(json.dumps(result, indent=2))
        subprocess.run(["umount", "-l", str(args.mount)], check=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
