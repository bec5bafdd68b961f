"""PyPI SDKs of the twenty-eighth held-out set (heldout28.py): what a meeting product's backend
sends to the CRM, sales-engagement and customer-messaging services it syncs a call into: a
Bitrix24 portal (the guest as a contact, the call logged as an activity, a timeline note and a
follow-up batch), LiveChat (the guest's chat: her profile, a follow-up message to her, a tag;
and her own chat widget's message), Odoo CRM over XML-RPC (login, the guest as a partner, a
lead for the opportunity and a logged call activity) and Nutshell CRM over JSON-RPC (the call
logged as an activity, then edited), each to its vendor's real host.
Run one as a program: `python heldout28_runs.py SCENARIO`; heldout28.py starts it through the
auditor's proxy (`auditor capture --sinkhole '*'`) with the environment `auditor launch` gives a
program, so nothing leaves the machine.
"""

from __future__ import annotations

import functools
import http.client
import os
import ssl
import sys
import urllib.parse
import xmlrpc.client
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

MEETING_ID = CORPUS_VALUES["meeting_id"]
TOPIC = "Milk-tank sensor pilot pricing"
HOST_NAME = CORPUS_VALUES["name"]
HOST_EMAIL = CORPUS_VALUES["email"]
HOST_USERNAME = CORPUS_VALUES["username"]
# Another participant, invited by the corpus user.
GUEST_NAME = "Matteo Zanardelli"
GUEST_FIRST, GUEST_LAST = GUEST_NAME.split()
GUEST_EMAIL = "matteo.zanardelli@valpadana-latte-example.it"
GUEST_PHONE = "+393475550196"
GUEST_COMPANY = "Valpadana Latte Cooperativa"
JOIN_URL = f"https://meet.acme-meetings.example/j/{MEETING_ID}"
CALL_START = "2026-12-07 15:00:00"
NOTES = (
    f"{TOPIC}: {GUEST_NAME} wants the 40-tank pilot priced per tank per month; "
    f"{HOST_NAME} to send the revised quote by Friday."
)


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)


def run_bitrix24() -> None:
    """b24pysdk (Bitrix24's official Python SDK) with an incoming webhook: the meeting backend
    adds the guest as a CRM contact, logs the call as a call activity on the contact, adds the
    meeting's notes as a timeline comment, and sends the follow-up task and a deal in one batch
    (README: BitrixWebhook, Client, client.crm.contact.add, crm.activity.add,
    crm.timeline.comment.add, client.call_batch)."""
    from b24pysdk import BitrixWebhook, Client, Config

    Config().configure(default_max_retries=1)
    token = BitrixWebhook(domain="acme-meetings.bitrix24.com", webhook_token="7/h28w3bh00kq9x4m2c")
    client = Client(token)
    contact_id = 4711
    _quietly(
        "contact",
        lambda: client.crm.contact.add(
            {
                "NAME": GUEST_FIRST,
                "LAST_NAME": GUEST_LAST,
                "COMPANY_TITLE": GUEST_COMPANY,
                "EMAIL": [{"VALUE": GUEST_EMAIL, "VALUE_TYPE": "WORK"}],
                "PHONE": [{"VALUE": GUEST_PHONE, "VALUE_TYPE": "MOBILE"}],
                "SOURCE_ID": "CALL",
                "SOURCE_DESCRIPTION": f"Met in {TOPIC} ({MEETING_ID})",
            }
        ).call(),
    )
    _quietly(
        "call",
        lambda: client.crm.activity.add(
            {
                "OWNER_TYPE_ID": 3,
                "OWNER_ID": contact_id,
                "TYPE_ID": 2,
                "DIRECTION": 2,
                "SUBJECT": f"Call: {TOPIC}",
                "DESCRIPTION": f"Video call {JOIN_URL} with {GUEST_NAME}. {NOTES}",
                "START_TIME": "2026-12-07T15:00:00+01:00",
                "END_TIME": "2026-12-07T15:45:00+01:00",
                "COMPLETED": "Y",
                "RESPONSIBLE_ID": 7,
                "COMMUNICATIONS": [
                    {"VALUE": GUEST_PHONE, "ENTITY_ID": contact_id, "ENTITY_TYPE_ID": 3}
                ],
            }
        ).call(),
    )
    _quietly(
        "comment",
        lambda: client.crm.timeline.comment.add(
            {"ENTITY_ID": contact_id, "ENTITY_TYPE": "contact", "COMMENT": NOTES}
        ).call(),
    )
    _quietly(
        "batch",
        lambda: client.call_batch(
            {
                "deal": client.crm.deal.add(
                    {
                        "TITLE": f"{GUEST_COMPANY}: {TOPIC}",
                        "CONTACT_ID": contact_id,
                        "OPPORTUNITY": 18400,
                        "CURRENCY_ID": "EUR",
                        "COMMENTS": f"From meeting {MEETING_ID}",
                    }
                ),
                "task": client.tasks.task.add(
                    {
                        "TITLE": f"Send {GUEST_NAME} the revised quote",
                        "DESCRIPTION": f"Follow-up of {TOPIC}; write to {GUEST_EMAIL}",
                        "RESPONSIBLE_ID": 7,
                        "DEADLINE": "2026-12-11T17:00:00+01:00",
                        "UF_CRM_TASK": [f"C_{contact_id}"],
                    }
                ),
            }
        ).call(),
    )


def run_livechat() -> None:
    """lc-sdk-python (LiveChat's own Python SDK): the meeting backend, as an agent, updates the
    guest's customer profile from the call, sends her the follow-up message in her chat and tags
    the thread; then her chat widget (Customer Web API, organization id in the query string)
    sends her reply (README: AgentWeb.get_client, update_customer, send_event, tag_thread;
    CustomerWeb.get_client, send_event)."""
    from livechat.agent.web.base import AgentWeb
    from livechat.customer.web.base import CustomerWeb

    chat_id = "RQX7H28C4K"
    agent = AgentWeb.get_client(
        access_token="Basic aDI4LWFjY291bnQtaWQ6ZGFsOmgyOExpdmVDaGF0UEFUdjRuN3E=",
        verify=os.environ["SSL_CERT_FILE"],
    )
    _quietly(
        "customer",
        lambda: agent.update_customer(
            id="b7f2c9a0-h28c-4e51-9d3a-5f8e1c2b7a64",
            name=GUEST_NAME,
            email=GUEST_EMAIL,
            session_fields=[
                {"phone": GUEST_PHONE},
                {"company": GUEST_COMPANY},
                {"last_meeting": f"{TOPIC} ({MEETING_ID})"},
            ],
        ),
    )
    _quietly(
        "message",
        lambda: agent.send_event(
            chat_id=chat_id,
            event={
                "type": "message",
                "text": f"Hi {GUEST_FIRST}, thanks for today's call on {TOPIC}. {NOTES}",
                "visibility": "all",
            },
        ),
    )
    _quietly(
        "tag",
        lambda: agent.tag_thread(chat_id=chat_id, thread_id="RQX7H28T01", tag="pilot-pricing"),
    )
    customer = CustomerWeb.get_client(
        access_token="Bearer dal:h28CustomerTokenZx4Vb8Nm1Qw",
        organization_id="390e44e6-f1e6-4d3a-h28o-c0ffee12ab34",
        verify=os.environ["SSL_CERT_FILE"],
    )
    _quietly(
        "reply",
        lambda: customer.send_event(
            chat_id=chat_id,
            event={
                "type": "message",
                "text": "Thanks Alice - please include the sensor install fee in the quote.",
            },
        ),
    )


class _ProxiedSafeTransport(xmlrpc.client.SafeTransport):
    """xmlrpc.client ignores HTTPS_PROXY: tunnel through the proxy `auditor launch` sets."""

    def make_connection(self, host: object) -> http.client.HTTPConnection:
        proxy = urllib.parse.urlsplit(os.environ["HTTPS_PROXY"])
        context = ssl.create_default_context(cafile=os.environ["SSL_CERT_FILE"])
        conn = http.client.HTTPSConnection(
            proxy.hostname or "127.0.0.1", proxy.port or 8080, context=context
        )
        target, _, port = str(host).partition(":")
        conn.set_tunnel(target, int(port or 443))
        self._connection = (host, conn)
        return conn


def run_odoo() -> None:
    """odoo-client-lib (Odoo's own client library, XML-RPC by default): the meeting backend
    signs in with the integration user's API key, adds the guest as a partner, opens a CRM lead
    for the opportunity and logs the call as a scheduled activity on it (README:
    odoolib.get_connection, check_login, get_model(...).create)."""
    import odoolib
    import odoolib.rpc

    # Scenario plumbing: the proxy the launch environment names (see _ProxiedSafeTransport).
    odoolib.rpc.ServerProxy = functools.partial(
        xmlrpc.client.ServerProxy, transport=_ProxiedSafeTransport()
    )
    connection = odoolib.get_connection(
        hostname="acme-meetings.odoo.com",
        protocol="xmlrpcs",
        port=443,
        database="acme-meetings",
        login=HOST_EMAIL,
        password="h28c0ffee7e1d4a9b8c2f6e0d5a3b1c7e9f4d2a6b",
    )
    _quietly("login", connection.check_login)
    connection.user_id = 2
    _quietly(
        "partner",
        lambda: connection.get_model("res.partner").create(
            {
                "name": GUEST_NAME,
                "email": GUEST_EMAIL,
                "phone": GUEST_PHONE,
                "company_name": GUEST_COMPANY,
                "comment": f"Met in {TOPIC}",
            }
        ),
    )
    _quietly(
        "lead",
        lambda: connection.get_model("crm.lead").create(
            {
                "name": f"{GUEST_COMPANY}: {TOPIC}",
                "partner_id": 58,
                "contact_name": GUEST_NAME,
                "email_from": GUEST_EMAIL,
                "expected_revenue": 18400,
                "description": NOTES,
            }
        ),
    )
    _quietly(
        "activity",
        lambda: connection.get_model("mail.activity").create(
            {
                "res_model_id": 512,
                "res_id": 93,
                "activity_type_id": 2,
                "summary": f"Call with {GUEST_NAME}: {TOPIC}",
                "note": f"Meeting {MEETING_ID}, {JOIN_URL}. {NOTES}",
                "date_deadline": "2026-12-11",
                "user_id": 2,
            }
        ),
    )


def run_nutshell() -> None:
    """nutshell (the Python wrapper of Nutshell CRM's JSON-RPC API): the meeting backend logs the
    call as a "Phone Call / Meeting" activity with the guest as participant, then edits it with
    the outcome (README: NutshellAPI, methods.NewActivity, methods.EditActivity, call_api)."""
    import aiohttp
    import nutshell
    from nutshell import methods
    from nutshell.entities import CreateActivity

    # Scenario plumbing: the wrapper's aiohttp session ignores the proxy `auditor launch` sets
    # and trusts only the system roots; let it read the proxy and the capture's CA.
    context = ssl.create_default_context(cafile=os.environ["SSL_CERT_FILE"])
    nutshell.nutshell_api.aiohttp.ClientSession = functools.partial(
        aiohttp.ClientSession, trust_env=True
    )
    aiohttp.TCPConnector.__init__ = functools.partialmethod(
        aiohttp.TCPConnector.__init__, ssl=context
    )
    api = nutshell.NutshellAPI(HOST_EMAIL, password="h28NutshellKey5c1e7a9b3d0f")
    activity = CreateActivity(
        name=f"Call: {TOPIC}",
        description=f"{JOIN_URL}\n{NOTES}",
        activity_type_id=1,
        start_time="2026-12-07T15:00:00+01:00",
        end_time="2026-12-07T15:45:00+01:00",
        participants=[
            {"entityType": "Contacts", "id": 3187},
            {"entityType": "Users", "id": 12},
        ],
    )
    api.api_calls = methods.NewActivity(activity=activity)
    _quietly("new activity", api.call_api)
    api.api_calls = methods.EditActivity(
        activity_id=5521,
        rev="1",
        activity={
            "status": 1,
            "note": f"{GUEST_NAME} ({GUEST_EMAIL}) agreed to a 40-tank pilot.",
        },
    )
    _quietly("edit activity", api.call_api)


SCENARIOS: dict[str, Callable[[], None]] = {
    "bitrix24-py": run_bitrix24,
    "livechat-py": run_livechat,
    "odoo-py": run_odoo,
    "nutshell-py": run_nutshell,
}


if __name__ == "__main__":
    SCENARIOS[sys.argv[1]]()
