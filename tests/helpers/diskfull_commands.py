"""Runs exports, reports and an import against a full disk (small private tmpfs mounts).

    unshare -m --propagation private -- python -m tests.helpers.diskfull_commands \
        --mount DIR --data DATA --big BIG.har --out R.json

DATA already holds a store (the test imported session 'seed'). The commands run in this process
(`main_in_process`), so an exception other than the one-line AuditorError shows up as
`traceback` in the findings. Findings are written as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import traceback
from pathlib import Path
from typing import Any

from tests.helpers.readers import EXPORT_FORMATS, REPORT_FORMATS


def _mount(path: Path, size: str) -> None:
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(path)], check=True
    )


def _fill(folder: Path, leave: int = 0) -> Path:
    filler = folder / "filler"
    with filler.open("wb") as fh:
        try:
            while True:
                stats = os.statvfs(folder)
                free = stats.f_bavail * stats.f_frsize - leave
                if free <= 0:
                    break
                fh.write(b"\0" * min(free, 1 << 20))
                fh.flush()
        except OSError:
            pass
    return filler


def _run(argv: list[str]) -> dict[str, Any]:
    from tests.helpers.cli import main_in_process

    try:
        code, out, err = main_in_process(argv)
    except BaseException as exc:  # what the real entry point would print as a traceback
        return {"argv": argv, "traceback": "".join(traceback.format_exception(exc))[-2000:]}
    return {"argv": argv, "code": code, "out": out, "err": err}


def drive(mount: Path, data: Path, big: Path, result: dict[str, Any]) -> None:
    os.environ["AUDITOR_DATA_DIR"] = str(data)
    outputs = mount / "out"
    _mount(outputs, "2m")
    _fill(outputs)
    runs = []
    for fmt in EXPORT_FORMATS:
        runs.append(_run(["export", fmt, "-o", str(outputs / f"x.{fmt}")]))
    for fmt in REPORT_FORMATS:
        runs.append(_run(["report", "--format", fmt, "-o", str(outputs / f"r.{fmt}")]))
    result["exports"] = runs
    result["left_in_outputs"] = sorted(p.name for p in outputs.iterdir() if p.name != "filler")

    # An import that fills the disk of the store itself.
    store_mount = mount / "store"
    _mount(store_mount, "12m")
    store_data = store_mount / "data"
    os.environ["AUDITOR_DATA_DIR"] = str(store_data)
    seed = _run(["import", str(data / "seed.har"), "--session", "seed"])
    result["seed"] = seed
    filler = _fill(store_mount, leave=256 * 1024)
    result["import_full"] = _run(["import", str(big), "--session", "big"])
    filler.unlink()
    result["sessions_after"] = _run(["sessions", "--format", "json"])
    from tests.helpers.store import integrity_check

    result["integrity"] = integrity_check(store_data)
    result["import_after"] = _run(["import", str(big), "--session", "big"])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mount", type=Path, required=True)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--big", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    result: dict[str, Any] = {}
    try:
        drive(args.mount, args.data, args.big, result)
    except Exception as err:
        result["error"] = "".join(traceback.format_exception(err))[-3000:]
    finally:
        args.out.write_text(json.dumps(result, indent=2, default=str))
        for sub in ("store", "out"):
            subprocess.run(["umount", "-l", str(args.mount / sub)], check=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
