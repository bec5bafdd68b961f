"""Re-create the captured SDK requests under tests/decode/fixtures/.

    .venv/bin/python -m tests.decode.make_fixtures [SDK ...]

Each SDK runs for real (in a child process) against a loopback recording server; the raw
requests it sent (method, path, headers, body) are saved as `fixtures/<sdk>.json`.
"""

from __future__ import annotations

import json
import sys

from tests.decode.sdk_capture import DRIVERS, FIXTURES, capture


def main(argv: list[str]) -> int:
    names = argv or sorted(DRIVERS)
    FIXTURES.mkdir(parents=True, exist_ok=True)
    for name in names:
        requests = capture(name)
        if not requests:
            print(f"{name}: no request captured", file=sys.stderr)
            return 1
        out = FIXTURES / f"{name}.json"
        out.write_text(json.dumps([r.to_json(name) for r in requests], indent=1) + "\n")
        print(f"{name}: {len(requests)} request(s) -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
