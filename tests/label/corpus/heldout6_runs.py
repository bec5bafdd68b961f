"""PyPI SDKs of the sixth held-out set (heldout6.py), each making the calls a meeting client
would make, to its vendor's real ingest host. Run one as a program: `python heldout6_runs.py
SCENARIO`; heldout6.py starts it through the auditor's proxy (`auditor capture --sinkhole '*'`)
with the environment `auditor launch` gives a program, so nothing leaves the machine.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

USER_ID = "usr_3Hf8Wq20"
MEETING_ID = CORPUS_VALUES["meeting_id"]


def run_loggly() -> None:
    """Loggly: its HTTPS handler posts each record, formatted as JSON, to the token's input."""
    from loggly.handlers import HTTPSHandler

    handler = HTTPSHandler(
        "https://logs-01.loggly.com/inputs/c0rpu5aa-1b2c-4d3e-8f40-5a6b7c8d9e0f/tag/meeting-desktop"
    )
    handler.setFormatter(
        logging.Formatter(
            '{"timestamp": "%(asctime)s", "logger": "%(name)s", "level": "%(levelname)s", '
            '"host": "' + CORPUS_VALUES["hostname"] + '", "message": %(message)s}'
        )
    )
    logger = logging.getLogger("loggly-corpus")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    logger.addHandler(handler)
    logger.info(
        json.dumps(
            {
                "event": "meeting_joined",
                "user_id": USER_ID,
                "user_email": CORPUS_VALUES["email"],
                "meeting_id": MEETING_ID,
                "participants": 5,
                "os": "Debian GNU/Linux 12",
                "locale": "de_CH.UTF-8",
            }
        )
    )
    logger.error(
        json.dumps(
            {
                "event": "media_failed",
                "meeting_id": MEETING_ID,
                "error": f"ICE timeout for meeting {MEETING_ID}",
                "local_ip": CORPUS_VALUES["local_ip"],
                "network_type": "wifi",
                "rtt_ms": 412,
                "packet_loss_pct": 7.5,
            }
        )
    )
    time.sleep(3)
    handler.close()


SCENARIOS: dict[str, Callable[[], None]] = {
    "loggly-py": run_loggly,
}


def main() -> int:
    name = sys.argv[1]
    SCENARIOS[name]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
