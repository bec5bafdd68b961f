"""Build the twenty-eighth held-out set `heldout28.jsonl.frozen` (issue 15): real programs absent
from the development set (everything in this directory: flows.jsonl, heldout*.jsonl, sdk*.jsonl,
npm/, heldout5_npm/ …, sdk*_npm/, *_runs.py, generate.py, and auditor/vendors/), recorded through
the real proxy offline, as what a meeting product's backend sends to the CRM, sales-engagement
and customer-messaging services it syncs a call into: the guest as a contact, the call logged as
an activity, the meeting's notes, a follow-up task or deal and a message to the guest (Bitrix24,
Odoo over XML-RPC, Nutshell over JSON-RPC, Teamleader Focus, Front), and in-app customer
messaging with the guest (LiveChat).

Run: `.venv/bin/python tests/label/corpus/heldout28.py` (offline; `make setup`, then
`pip install -r heldout28-requirements.txt` and `npm ci` in `heldout28_npm/`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: PyPI SDKs in `heldout28_runs.py` and npm SDKs in `heldout28_npm/`, each sending to its
vendor's real host, answered inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout28.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
snapshot test) runs the labeller on it before its one scoring run.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.label.corpus.generate import Expectation  # noqa: E402
from tests.label.corpus.heldout_recording import (  # noqa: E402
    CHAT,
    CRED,
    EMAIL,
    MEETING,
    NAME,
    OS,
    PHONE,
    UID,
    HeldoutSet,
    at,
)

OUT = HERE / "heldout28.jsonl.frozen"

BITRIX = "acme-meetings.bitrix24.com"
LIVECHAT = "api.livechatinc.com"
ODOO = "acme-meetings.odoo.com"
NUTSHELL = "app.nutshell.com"
FRONT = "api2.frontapp.com"
TEAMLEADER = "api.teamleader.eu"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "bitrix24-py": {BITRIX},
    "livechat-py": {LIVECHAT},
    "odoo-py": {ODOO},
    "nutshell-py": {NUTSHELL},
    "front-node": {FRONT},
    "teamleader-node": {TEAMLEADER},
}

WEBHOOK = "/rest/7/h28w3bh00kq9x4m2c"
AGENT = "/v3.6/agent/action"

# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as heldout5.py … heldout27.py (the README's "How the expectations were
# written" for each, generate.py's docstring) and docs/taxonomy.md's "Conventions"; the judgement
# calls new to this set are in the README's "Sources of heldout28". Every User-Agent
# (`b24-python-sdk-vendor-v-1.3.2-python-3.12.1`, `python-httpx/0.28.1`, `Python-xmlrpc/3.12`,
# `Python/3.12 aiohttp/3.14.5`, `node`) earns nothing; a CRM record's, chat's or conversation's
# own id (a contact, lead, deal, chat, thread, channel) earns nothing (heldout14, heldout20); the
# call notes (the topic, what the guest wants, what the host will send by Friday, both named in
# full) are notes people keep on a sale, no AI summary: no transcript (heldout14, heldout15,
# heldout20); a Basic auth that carries the host's address as its user name is a credential only
# (heldout8, heldout11).
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "bitrix24-py",
        [
            Expectation(
                at(BITRIX, f"{WEBHOOK}/crm.contact.Add.json"),
                [CRED, OS, NAME, EMAIL, PHONE, MEETING],
                "Bitrix24",
                "CRM contact add (JSON fields): NAME and LAST_NAME (name), EMAIL[].VALUE "
                "(e-mail), PHONE[].VALUE (phone), COMPANY_TITLE (a company: nothing), "
                "SOURCE_DESCRIPTION 'Met in <topic> (<number>)' (meeting metadata); the incoming "
                "webhook's key in the path /rest/7/<key>/ (credential); "
                "X-BITRIX24-PYTHON-SDK-PYTHON-VERSION 3.12.1 (an SDK header carrying the runtime "
                "version: os, as X-Stainless-Runtime-Version)",
            ),
            Expectation(
                at(BITRIX, f"{WEBHOOK}/crm.activity.Add.json"),
                [CRED, OS, UID, NAME, PHONE, MEETING],
                "Bitrix24",
                "call logged on the contact (TYPE_ID 2, DIRECTION, COMPLETED): SUBJECT 'Call: "
                "<topic>', DESCRIPTION 'Video call <join link> with <guest full name>. <call "
                "notes>' (meeting metadata, name; the note of a call activity is part of that "
                "record: no chat, issue 15p), START_TIME/END_TIME, COMMUNICATIONS[].VALUE the "
                "guest's number (phone), RESPONSIBLE_ID 7 (the user responsible: user id), "
                "OWNER_ID a contact's record id (nothing); webhook key in the path (credential); "
                "the SDK's Python-version header (os)",
            ),
            Expectation(
                at(BITRIX, f"{WEBHOOK}/crm.timeline.comment.Add.json"),
                [CRED, OS, CHAT, NAME, MEETING],
                "Bitrix24",
                "timeline comment on the contact: COMMENT the call notes naming the topic and "
                "both in full (a note logged on a CRM record: chat, issue 15p; meeting metadata; "
                "name), ENTITY_ID/ENTITY_TYPE the contact's record (nothing); webhook key in the "
                "path (credential); the SDK's Python-version header (os)",
            ),
            Expectation(
                at(BITRIX, f"{WEBHOOK}/batch.json"),
                [CRED, OS, UID, NAME, EMAIL, MEETING],
                "Bitrix24",
                "batch (JSON cmd of two query-string-encoded commands, halt false): crm.deal.Add "
                "with TITLE '<company>: <topic>' and COMMENTS 'From meeting <number>' (meeting "
                "metadata), OPPORTUNITY; tasks.task.add with TITLE 'Send <guest full name> the "
                "revised quote' (name), DESCRIPTION 'Follow-up of <topic>; write to <guest "
                "e-mail>' (meeting metadata, e-mail; the body of a task: no chat), "
                "RESPONSIBLE_ID 7 (user id), UF_CRM_TASK C_<contact id> (nothing); webhook key in "
                "the path (credential); the SDK's Python-version header (os)",
            ),
        ],
    ),
    (
        "livechat-py",
        [
            Expectation(
                at(LIVECHAT, f"{AGENT}/update_customer"),
                [CRED, UID, NAME, EMAIL, PHONE, MEETING],
                "LiveChat",
                "Agent Web API update_customer: id the guest's customer id (the person whose "
                "profile it is: user id, as heldout8's profile ids), name (name), email "
                "(e-mail), session_fields phone (phone), company (nothing) and last_meeting "
                "'<topic> (<number>)' (meeting metadata); Authorization Basic with a personal "
                "access token (credential)",
            ),
            Expectation(
                at(LIVECHAT, f"{AGENT}/send_event"),
                [CRED, CHAT, NAME, MEETING],
                "LiveChat",
                "message event in the guest's chat, visibility all: text 'Hi Matteo, thanks for "
                "today's call on <topic>. <call notes>' (a message written to a person in a "
                "chat: chat; the topic: meeting metadata; both named in full in the notes: "
                "name); chat_id (a conversation's id: nothing); Basic (credential)",
            ),
            Expectation(
                at(LIVECHAT, f"{AGENT}/tag_thread"),
                [CRED],
                "LiveChat",
                "tag the chat's thread: chat_id, thread_id (a conversation's ids: nothing), tag "
                "pilot-pricing (nothing); Basic (credential)",
            ),
            Expectation(
                at(LIVECHAT, "/v3.6/customer/action/send_event"),
                [CRED, CHAT],
                "LiveChat",
                "Customer Web API: the guest's reply from his chat widget: text 'Thanks Alice - "
                "please include the sensor install fee in the quote.' (chat; a first name alone "
                "is no name), chat_id (nothing); organization_id in the query string (an "
                "organisation's id: nothing); Authorization Bearer customer token (credential)",
            ),
        ],
    ),
    (
        "odoo-py",
        [
            Expectation(
                at(ODOO, "/xmlrpc/common"),
                [CRED, UID, EMAIL],
                "Odoo",
                "XML-RPC methodCall login: params the database acme-meetings (a tenant's name: "
                "nothing), the host's address as the login (the identifier a sign-in sends "
                "beside its password: user id and e-mail) and the API key as password "
                "(credential)",
            ),
            Expectation(
                at(ODOO, "/xmlrpc/object", b"res.partner"),
                [CRED, UID, NAME, EMAIL, PHONE, MEETING],
                "Odoo",
                "XML-RPC execute_kw(db, uid 2, password, res.partner, create, [struct]): the "
                "guest as a partner: name (name), email (e-mail), phone (phone), company_name "
                "(nothing), comment 'Met in <topic>' (meeting metadata); uid the signed-in "
                "user's id (the person acting: user id), the API key as password (credential)",
            ),
            Expectation(
                at(ODOO, "/xmlrpc/object", b"crm.lead"),
                [CRED, UID, NAME, EMAIL, MEETING],
                "Odoo",
                "XML-RPC execute_kw(db, uid, password, crm.lead, create): name '<company>: "
                "<topic>' (meeting metadata), contact_name (name), email_from (e-mail), "
                "partner_id (a record id: nothing), expected_revenue, description the call notes "
                "naming both in full (the body of a record: no chat; name); uid (user id); "
                "password (credential)",
            ),
            Expectation(
                at(ODOO, "/xmlrpc/object", b"mail.activity"),
                [CRED, UID, NAME, MEETING],
                "Odoo",
                "XML-RPC execute_kw(db, uid, password, mail.activity, create): the logged call "
                "on the lead, summary 'Call with <guest full name>: <topic>' (name, meeting "
                "metadata), note 'Meeting <number>, <join link>. <call notes>' (meeting "
                "metadata; the note of a call activity is part of that record: no chat), "
                "user_id 2 (the user it is assigned to: user id), res_model_id/res_id (a "
                "record: nothing), date_deadline; uid (user id); password (credential)",
            ),
        ],
    ),
    (
        "nutshell-py",
        [
            Expectation(
                at(NUTSHELL, "/api/v1/json", b"newActivity"),
                [CRED, UID, NAME, MEETING],
                "Nutshell",
                "JSON-RPC 2.0 newActivity: name 'Call: <topic>', description the join link and "
                "the call notes (meeting metadata; both named in full: name; the note of a call "
                "activity: no chat), activityTypeId 1, start and end time, participants a "
                "contact's record id and {entityType Users, id 12} (who took part: meeting "
                "metadata; a user's account id: user id); Basic '<host e-mail>:<API key>' "
                "(credential only, heldout11)",
            ),
            Expectation(
                at(NUTSHELL, "/api/v1/json", b"editActivity"),
                [CRED, NAME, EMAIL],
                "Nutshell",
                "JSON-RPC 2.0 editActivity: activityId, rev, activity status and note '<guest "
                "full name> (<guest e-mail>) agreed to a 40-tank pilot.' (the outcome noted on "
                "the call activity: part of the record, no chat; name; e-mail); Basic "
                "(credential)",
            ),
        ],
    ),
    (
        "front-node",
        [
            Expectation(
                at(FRONT, "/contacts"),
                [CRED, NAME, EMAIL, PHONE, MEETING],
                "Front",
                "contact create: name (name), handles the guest's address (e-mail) and number "
                "(phone), description '<company>; met in <topic>' (meeting metadata), "
                "group_names; Bearer (credential)",
            ),
            Expectation(
                at(FRONT, "/conversations/cnv_h28q7x1/comments"),
                [CRED, UID, EMAIL, CHAT, NAME, MEETING],
                "Front",
                "internal comment on the team's conversation with the guest: body 'Call notes "
                "(<join link>): <call notes>' (a comment people add for colleagues: chat; "
                "meeting metadata; both named in full: name), author_id alt:email:<host e-mail> "
                "(the author: user id and e-mail), conversation_id (nothing); Bearer "
                "(credential)",
            ),
            Expectation(
                at(FRONT, "/channels/cha_h28m4k9/messages"),
                [CRED, UID, EMAIL, NAME, MEETING],
                "Front",
                "send through the shared inbox's channel: to [the guest's address] (an address "
                "to deliver to: e-mail only, heldout13), subject 'Follow-up: <topic>' (meeting "
                "metadata), HTML body 'Dear Matteo, … Alice Example' (an e-mail body: not chat, "
                "heldout8/heldout13; a full name: name), author_id alt:email:<host e-mail> "
                "(the sender: user id and e-mail); Bearer (credential)",
            ),
        ],
    ),
    (
        "teamleader-node",
        [
            Expectation(
                at(TEAMLEADER, "/contacts.add"),
                [CRED, NAME, EMAIL, PHONE, MEETING],
                "Teamleader",
                "contacts.add: first_name/last_name (name), emails[].email (e-mail), "
                "telephones[].number (phone), remarks '<company>; met in <topic>' (meeting "
                "metadata), tags; Bearer (credential)",
            ),
            Expectation(
                at(TEAMLEADER, "/calls.add"),
                [CRED, UID, MEETING],
                "Teamleader",
                "calls.add: description '<topic> (<join link>)' (meeting metadata), "
                "participant a contact's id (nothing), due_at, assignee {type user, id} (the "
                "user it is assigned to: user id); Bearer (credential)",
            ),
            Expectation(
                at(TEAMLEADER, "/notes.create"),
                [CRED, CHAT, NAME, MEETING],
                "Teamleader",
                "notes.create on the contact: content the call notes naming the topic and both "
                "in full (a note logged on a CRM record: chat, issue 15p; meeting metadata; "
                "name), subject a contact's id (nothing); Bearer (credential)",
            ),
            Expectation(
                at(TEAMLEADER, "/tasks.create"),
                [CRED, UID, NAME, MEETING],
                "Teamleader",
                "tasks.create: title 'Send <guest full name> the revised quote' (name), "
                "description 'Follow-up of <topic>, meeting <number>' (meeting metadata; the "
                "body of a task: no chat), due_on, work_type_id and customer (nothing), "
                "assignee {type user, id} (user id); Bearer (credential)",
            ),
        ],
    ),
]


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    request = flow["request"]
    if scenario == "bitrix24-py" and request["path"].endswith("/batch.json"):
        return "batch of query-string-encoded commands in a JSON body, key in the path"
    if scenario == "bitrix24-py":
        return "JSON REST API calls, webhook key in the path"
    if scenario == "odoo-py":
        return "XML-RPC method calls"
    if scenario == "nutshell-py":
        return "JSON-RPC 2.0 calls"
    if scenario == "teamleader-node":
        return "JSON RPC-style API calls (domain.action paths)"
    if scenario == "livechat-py" and "organization_id=" in request["url"]:
        return "JSON action API, organisation id in the query string"
    if scenario == "livechat-py":
        return "JSON action API"
    return "JSON REST API calls"


HELDOUT = HeldoutSet(
    name="heldout28",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
