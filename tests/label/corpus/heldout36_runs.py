"""PyPI SDKs of the thirty-sixth held-out set (heldout36.py): the sales-intelligence side of a
meeting product: what happens to a sales call's outside participant after the call. His e-mail
and company enriched (People Data Labs, Apollo.io), his address found and verified (Hunter,
ZeroBounce, NeverBounce), searched and looked up by his profile URL (RocketReach), his record
created in a prospecting tool, the call's notes logged on it and a follow-up e-mail task or sequence he is enrolled in (Apollo.io, Hunter), each making
the calls a meeting backend would make, to its vendor's real host. Run one as a program:
`python heldout36_runs.py SCENARIO`; heldout36.py starts it through the auditor's proxy
(`auditor capture --sinkhole '*'`) with the environment `auditor launch` gives a program, so
nothing leaves the machine.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

MEETING_ID = CORPUS_VALUES["meeting_id"]
TOPIC = "Rooftop inverter fleet service contract"
HOST_NAME = CORPUS_VALUES["name"]
HOST_EMAIL = CORPUS_VALUES["email"]
# The outside participant of the sales call: a prospect from a solar installer.
GUEST_FIRST = "Rafael"
GUEST_LAST = "Quintanilla Ortega"
GUEST_NAME = f"{GUEST_FIRST} {GUEST_LAST}"
GUEST_EMAIL = "rafael.quintanilla@brisamar-solar-example.es"
GUEST_PHONE = "+34 611 555 274"
GUEST_TITLE = "Head of Procurement"
GUEST_COMPANY = "Brisamar Solar S.L."
GUEST_DOMAIN = "brisamar-solar-example.es"
GUEST_LINKEDIN = "https://www.linkedin.com/in/rafael-quintanilla-ortega"
# The address his meeting client joined the call from (the sign-up IP a verifier may take).
GUEST_IP = "88.12.64.217"
CALL_NOTES = (
    f"Sales call {MEETING_ID} ({TOPIC}): {GUEST_NAME} runs 340 rooftop inverters across "
    "Valencia and Alicante and wants a 3-year service contract with a 48-hour swap SLA; "
    f"{HOST_NAME} to send pricing for the 2027 budget round by Thursday."
)


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {str(err)[:160]}", file=sys.stderr)


def run_pdl() -> None:
    """peopledatalabs (People Data Labs' own Python client): after the call the backend enriches
    the participant's person record from what the meeting knows of him (e-mail, name, company,
    profile URL), looks him and a colleague from the invite up in one bulk request, and
    enriches his company by its website (README usage: PDLPY(api_key).person.enrichment(…),
    person.bulk(requests=[…]), company.enrichment(…))."""
    from peopledatalabs import PDLPY

    client = PDLPY(api_key="h36pdl0c4e1b9a7d2f5e8c3b6a9d0f1e4b7c2a5d8f1e4b7c2a5d8f1e4b7c2a5d")
    _quietly(
        "person.enrichment",
        lambda: client.person.enrichment(
            email=GUEST_EMAIL,
            name=GUEST_NAME,
            company=GUEST_COMPANY,
            profile=GUEST_LINKEDIN,
            min_likelihood=6,
            pretty=True,
        ),
    )
    _quietly(
        "person.bulk",
        lambda: client.person.bulk(
            required="emails AND job_title",
            requests=[
                {
                    "metadata": {"meeting_id": MEETING_ID, "role": "guest"},
                    "params": {"email": [GUEST_EMAIL], "phone": [GUEST_PHONE]},
                },
                {
                    "metadata": {"meeting_id": MEETING_ID, "role": "host"},
                    "params": {"email": [HOST_EMAIL], "name": [HOST_NAME]},
                },
            ],
        ),
    )
    _quietly(
        "company.enrichment",
        lambda: client.company.enrichment(website=GUEST_DOMAIN, name=GUEST_COMPANY),
    )


def run_hunter() -> None:
    """pyhunter (the widely used Python wrapper of Hunter's v2 API; not Hunter's own): the
    backend finds the participant's address from his name and his company's domain, verifies
    the address he joined with, saves him as a lead and enrolls him in the follow-up e-mail
    sequence (README usage: PyHunter(key).email_finder, email_verifier, create_lead,
    add_campaign_recipients)."""
    from pyhunter import PyHunter

    hunter = PyHunter("h36hunt3r8b1f4a7c0d3e6b9a2c5f8e1d4a7b0c3", max_retries=0)
    _quietly(
        "email_finder",
        lambda: hunter.email_finder(
            domain=GUEST_DOMAIN, first_name=GUEST_FIRST, last_name=GUEST_LAST
        ),
    )
    _quietly("email_verifier", lambda: hunter.email_verifier(GUEST_EMAIL))
    _quietly(
        "create_lead",
        lambda: hunter.create_lead(
            GUEST_FIRST,
            GUEST_LAST,
            email=GUEST_EMAIL,
            position=GUEST_TITLE,
            company=GUEST_COMPANY,
            website=f"https://{GUEST_DOMAIN}",
            country_code="ES",
            source=f"Sales call {MEETING_ID}",
            linkedin_url=GUEST_LINKEDIN,
            phone_number=GUEST_PHONE,
            notes=CALL_NOTES,
            leads_list_id=48213,
        ),
    )
    _quietly(
        "add_campaign_recipients",
        lambda: hunter.add_campaign_recipients(771204, emails=[GUEST_EMAIL]),
    )


def run_zerobounce() -> None:
    """zerobouncesdk (ZeroBounce's own Python SDK): the backend validates the participant's
    address with the IP his client joined from, scores it (AI scoring, as a form POST), checks
    it beside the host's in a batch, and uploads the call's attendee list as a CSV file for
    bulk validation (README usage: ZeroBounce(key).validate(email, ip_address), score_email,
    validate_batch([ZBValidateBatchElement…]), send_file(path, email_address_column, …))."""
    from zerobouncesdk import ZBValidateBatchElement, ZeroBounce

    zero_bounce = ZeroBounce("h36zb5e2a8d1c4f7b0e3a6d9c2f5b8e1a4")
    _quietly("validate", lambda: zero_bounce.validate(GUEST_EMAIL, GUEST_IP))
    _quietly("score_email", lambda: zero_bounce.score_email(GUEST_EMAIL, use_post=True))
    _quietly(
        "validate_batch",
        lambda: zero_bounce.validate_batch(
            [
                ZBValidateBatchElement(GUEST_EMAIL, GUEST_IP),
                ZBValidateBatchElement(HOST_EMAIL),
            ]
        ),
    )
    with tempfile.TemporaryDirectory() as folder:
        attendees = Path(folder) / f"call-{MEETING_ID}-attendees.csv"
        attendees.write_text(
            "email,first_name,last_name,ip_address\n"
            f"{GUEST_EMAIL},{GUEST_FIRST},{GUEST_LAST},{GUEST_IP}\n"
            f"{HOST_EMAIL},Alice,Example,\n",
            encoding="utf-8",
        )
        _quietly(
            "send_file",
            lambda: zero_bounce.send_file(
                str(attendees),
                email_address_column=1,
                first_name_column=2,
                last_name_column=3,
                ip_address_column=4,
                has_header_row=True,
            ),
        )


def run_neverbounce() -> None:
    """neverbounce-sdk (NeverBounce's own Python SDK): the backend checks the participant's
    address in real time before the follow-up goes out, and submits the call's attendee list
    as a bulk verification job (README usage: neverbounce_sdk.client(api_key=…).single_check,
    jobs_create(input=[…], filename=…))."""
    import neverbounce_sdk

    client = neverbounce_sdk.client(api_key="secret_h36nb4d7a0c3f6b9e2d5a8c1f4b7e0d3", timeout=10)
    _quietly(
        "single_check",
        lambda: client.single_check(GUEST_EMAIL, address_info=True, credits_info=True),
    )
    _quietly(
        "jobs_create",
        lambda: client.jobs_create(
            [
                [GUEST_EMAIL, GUEST_NAME, GUEST_COMPANY],
                [HOST_EMAIL, HOST_NAME, "Acme Meet"],
            ],
            filename=f"sales-call-{MEETING_ID}-attendees.csv",
            auto_start=True,
        ),
    )


async def _apollo() -> None:
    from qodev_apollo_api import ApolloClient

    async with ApolloClient(api_key="h36ap0ll0Qk7TzR2vN9xW4bY6cM1dF8gH3") as apollo:
        calls = [
            ("enrich_person", apollo.enrich_person(GUEST_EMAIL)),
            (
                "create_contact",
                apollo.create_contact(
                    GUEST_FIRST,
                    GUEST_LAST,
                    email=GUEST_EMAIL,
                    title=GUEST_TITLE,
                    organization_name=GUEST_COMPANY,
                    website_url=f"https://{GUEST_DOMAIN}",
                    linkedin_url=GUEST_LINKEDIN,
                    direct_phone=GUEST_PHONE,
                    label_names=[f"Sales call {MEETING_ID}"],
                ),
            ),
            (
                "create_note",
                apollo.create_note(
                    CALL_NOTES,
                    title=f"Call notes: {TOPIC}",
                    contact_ids=["66f1c2a9e4b0d3001d7a52c8"],
                ),
            ),
            (
                "create_email_task",
                apollo.create_email_task(
                    ["66f1c2a9e4b0d3001d7a52c8"],
                    f"Send {GUEST_FIRST} the pricing promised on the call ({TOPIC})",
                    user_id="60b8e3f2a1c4d7002e9f1a36",
                ),
            ),
        ]
        for what, call in calls:
            try:
                await call
            except Exception as err:
                print(f"{what}: {type(err).__name__}: {str(err)[:160]}", file=sys.stderr)


def run_apollo() -> None:
    """qodev-apollo-api (a maintained async Python client of Apollo.io's REST API; not Apollo's
    own): the backend enriches the participant by his e-mail, creates him as a contact with his
    title, company, profile URL and phone, logs the call's notes on him and schedules the
    follow-up e-mail as a task for the host (README usage: ApolloClient(api_key) as an async
    context manager; enrich_person, create_contact, create_note, create_email_task)."""
    asyncio.run(_apollo())


def run_rocketreach() -> None:
    """rocketreach (RocketReach's own Python bindings): the backend searches for the participant
    by name and employer to find his contact details, then looks his profile up by its URL
    without waiting for the result (README usage: Gateway(GatewayConfig(api_key)).person.search()
    .filter(…).execute(), person.lookup(linkedin_url=…, block=False))."""
    import rocketreach

    gateway = rocketreach.Gateway(
        rocketreach.GatewayConfig(api_key="h36rr7c0f3a6d9b2e5c8f1a4d7b0e3c6")
    )
    # The gateway sends prepared requests with `Session.send`, which takes the proxy from the
    # environment but not the CA bundle: give its session the bundle `auditor launch` sets.
    gateway.session.verify = os.environ.get("REQUESTS_CA_BUNDLE", True)
    _quietly(
        "search",
        lambda: (
            gateway.person.search()
            .filter(name=GUEST_NAME, current_employer=GUEST_COMPANY, current_title=GUEST_TITLE)
            .execute()
        ),
    )
    _quietly("lookup", lambda: gateway.person.lookup(linkedin_url=GUEST_LINKEDIN, block=False))


SCENARIOS: dict[str, Callable[[], None]] = {
    "pdl-py": run_pdl,
    "hunter-py": run_hunter,
    "zerobounce-py": run_zerobounce,
    "neverbounce-py": run_neverbounce,
    "apollo-py": run_apollo,
    "rocketreach-py": run_rocketreach,
}


def main() -> int:
    SCENARIOS[sys.argv[1]]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
