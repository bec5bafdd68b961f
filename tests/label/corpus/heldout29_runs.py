"""PyPI SDKs of the twenty-ninth held-out set (heldout29.py): the appointment booking a meeting
product's scheduling page makes on Square Appointments (Square's own Python SDK): the guest as a
customer of the host's business, the host's open slots, and the guest's booking, to Square's real
host. Run one as a program: `python heldout29_runs.py SCENARIO`; heldout29.py starts it through
the auditor's proxy (`auditor capture --sinkhole '*'`) with the environment `auditor launch` gives
a program, so nothing leaves the machine.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

MEETING_ID = CORPUS_VALUES["meeting_id"]
TOPIC = "Limestone quarry reopening planning consultation"
HOST_NAME = CORPUS_VALUES["name"]
HOST_EMAIL = CORPUS_VALUES["email"]
# Another participant, invited by the corpus user.
GUEST_FIRST = "Eamon"
GUEST_LAST = "Gallagher"
GUEST_EMAIL = "eamon.gallagher@burren-stoneworks-example.ie"
GUEST_PHONE = "+353875550162"
GUEST_USERNAME = "eamon.gallagher"
JOIN_URL = f"https://meet.acme-meet.example/j/{MEETING_ID}"


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)


def run_square() -> None:
    """squareup (Square's own Python SDK; Square Appointments is Block's): the meeting product's
    scheduling page adds the guest as a customer of the host's business, searches the host's
    open slots for the consultation service and books the guest's slot with the meeting's
    details in the seller's note (README usage: Square(token=…), customers.create,
    bookings.search_availability, bookings.create)."""
    from square import Square

    client = Square(token="EAAAl0h29SqU4r3T0k3nQ7w2e9r5t1y8u4i6o0p")
    once = {"max_retries": 0}
    location = "L8Z2H29QUARRY01"
    host_member = "TMh29AliceEx0142"
    service = "GXQ2H29CONSULT45MIN"
    _quietly(
        "customer",
        lambda: client.customers.create(
            idempotency_key="h29-cust-7f3c1a9e",
            given_name=GUEST_FIRST,
            family_name=GUEST_LAST,
            company_name="Burren Stoneworks Ltd",
            email_address=GUEST_EMAIL,
            phone_number=GUEST_PHONE,
            reference_id=GUEST_USERNAME,
            note=f"Applicant for {TOPIC}",
            request_options=once,
        ),
    )
    _quietly(
        "availability",
        lambda: client.bookings.search_availability(
            query={
                "filter": {
                    "start_at_range": {
                        "start_at": "2026-12-14T09:00:00Z",
                        "end_at": "2026-12-16T17:00:00Z",
                    },
                    "location_id": location,
                    "segment_filters": [
                        {
                            "service_variation_id": service,
                            "team_member_id_filter": {"any": [host_member]},
                        }
                    ],
                }
            },
            request_options=once,
        ),
    )
    _quietly(
        "booking",
        lambda: client.bookings.create(
            idempotency_key=f"h29-booking-{MEETING_ID}",
            booking={
                "start_at": "2026-12-14T10:30:00Z",
                "location_id": location,
                "customer_id": "JDKYHBWT1D4F8MFH63DBMEN8Y4",
                "seller_note": f"{TOPIC}, meeting {MEETING_ID}: {JOIN_URL}",
                "appointment_segments": [
                    {
                        "duration_minutes": 45,
                        "service_variation_id": service,
                        "team_member_id": host_member,
                        "service_variation_version": 1765102200000,
                    }
                ],
            },
            request_options=once,
        ),
    )


SCENARIOS: dict[str, Callable[[], None]] = {
    "square-py": run_square,
}


def main() -> int:
    SCENARIOS[sys.argv[1]]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
