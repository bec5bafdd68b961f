"""PyPI SDKs of the twenty-third held-out set (heldout23.py): two customer-success platforms a
meeting product reports its users' product usage to (Totango, through its tracking endpoint, and
ChurnZero, through its HTTP API), each making the calls a meeting backend would make, to its
vendor's real host. Run one as a program: `python heldout23_runs.py SCENARIO`; heldout23.py starts
it through the auditor's proxy (`auditor capture --sinkhole '*'`) with the environment `auditor
launch` gives a program, so nothing leaves the machine.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

MEETING_ID = CORPUS_VALUES["meeting_id"]
TOPIC = "Coffee export tender review"
HOST_NAME = CORPUS_VALUES["name"]
HOST_EMAIL = CORPUS_VALUES["email"]
HOST_USERNAME = CORPUS_VALUES["username"]
# Another participant, invited by the corpus user.
GUEST_NAME = "Mahlet Gebremedhin"
GUEST_EMAIL = "mahlet.gebremedhin@simien-logistics-example.com"
GUEST_PHONE = "+251911402733"
WORKSPACE = "ws_acme_0142"


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)


def run_totango() -> None:
    """totango (a Python client of Totango's tracking endpoint; Totango is a customer-success
    platform): the meeting backend reports the host's activity in the product, module and action,
    with her and her workspace's attributes, and updates the attributes of the guest she invited
    (README usage: Totango(service_id, user_id, user_name, account_id, account_name), track,
    send)."""
    from totango import Totango

    client = Totango(
        "SP-4821-07",
        user_id=HOST_EMAIL,
        user_name=HOST_NAME,
        account_id=WORKSPACE,
        account_name="Acme Meet workspace",
    )
    _quietly(
        "track",
        lambda: client.track(
            "Meetings",
            "Started cloud recording",
            user_opts={"Client": "desktop 5.19.2", "Meeting": f"{MEETING_ID} {TOPIC}"},
            account_opts={"Plan": "business", "Seats": 25},
        ),
    )
    _quietly(
        "track",
        lambda: client.track("Meetings", "Shared screen", user_opts={"Minutes in meeting": 52}),
    )
    _quietly(
        "send",
        lambda: client.send(
            user_id=GUEST_EMAIL,
            user_name=GUEST_NAME,
            user_opts={"Phone": GUEST_PHONE, "Invited by": HOST_EMAIL, "Role": "guest"},
        ),
    )


def run_churnzero() -> None:
    """churnzero-api-wrapper (a client of ChurnZero's HTTP API; ChurnZero is a customer-success
    platform): the meeting backend sets the workspace's account attributes and the host's
    contact attributes, then tracks the meeting she held as an event with a quantity (README
    usage: HTTPClient(app_key, host), set_account_attributes, set_contact_attributes,
    track_event)."""
    from churnzero_api_wrapper.client import HTTPClient

    client = HTTPClient(
        app_key="h23cz1a2b3c4d5e6f7a8b9c0d1e2f3a4b5",
        host="https://analytics.churnzero.net/i",
        total=0,
    )
    _quietly(
        "account",
        lambda: client.set_account_attributes(
            {
                "externalAccountId": WORKSPACE,
                "attr_Name": "Acme Meet workspace",
                "attr_Plan": "business",
                "attr_Seats": 25,
            }
        ),
    )
    _quietly(
        "contact",
        lambda: client.set_contact_attributes(
            {
                "accountExternalId": WORKSPACE,
                "contactExternalId": HOST_USERNAME,
                "attr_Email": HOST_EMAIL,
                "attr_FirstName": "Alice",
                "attr_LastName": "Example",
                "attr_Last client": "desktop 5.19.2 (Windows 11 23H2)",
            }
        ),
    )
    _quietly(
        "event",
        lambda: client.track_event(
            {
                "accountExternalId": WORKSPACE,
                "contactExternalId": HOST_USERNAME,
                "eventDate": "2026-12-10T09:52:00Z",
                "eventName": "Meeting held",
                "description": f"{TOPIC} ({MEETING_ID}) with {GUEST_NAME}",
                "quantity": 52,
            }
        ),
    )


SCENARIOS: dict[str, Callable[[], None]] = {
    "totango-py": run_totango,
    "churnzero-py": run_churnzero,
}


def main() -> int:
    SCENARIOS[sys.argv[1]]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
