"""Build the thirty-second held-out set `heldout32.jsonl.frozen` (issue 15): real programs absent
from the development set (everything in this directory: flows.jsonl, heldout*.jsonl, sdk*.jsonl,
npm/, heldout5_npm/ … heldout31_npm/, sdk*_npm/, *_runs.py, generate.py, and auditor/vendors/),
recorded through the real proxy offline, from what a meeting product's webinar, event and
community side sends to the platforms it runs on: a community space where a live session is
announced and a participant replies (Bettermode, GraphQL), a community forum (Discourse), event
registration and ticketing (Eventbrite, Humanitix) and an event-marketing / RSVP service
(Meetup).

Run: `.venv/bin/python tests/label/corpus/heldout32.py` (offline; `make setup`, then
`npm ci` in `heldout32_npm/` and `pip install -r heldout32-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: npm SDKs in `heldout32_npm/` (Node, through `npm/proxy-preload.js` as the npm corpus
scenarios) and PyPI SDKs in `heldout32_runs.py`, each sending to its vendor's real host, answered
inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout32.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
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
    LOCALE,
    MEETING,
    NAME,
    PHONE,
    UID,
    HeldoutSet,
    at,
)

OUT = HERE / "heldout32.jsonl.frozen"

BETTERMODE = "api.bettermode.com"
MEETUP = "api.meetup.com"
EVENTBRITE = "www.eventbriteapi.com"
DISCOURSE = "acmemeet.discourse.group"
HUMANITIX = "api.humanitix.com"
TITO = "api.tito.io"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "bettermode-node": {BETTERMODE},
    "meetup-node": {MEETUP},
    "eventbrite-node": {EVENTBRITE},
    "discourse-py": {DISCOURSE},
    "humanitix-py": {HUMANITIX},
    "tito-py": {TITO},
}

FILES = "customer_content.files"

MEETUP_GROUP = "acme-meet-community-volunteers"
EVENTBRITE_ORG = "418822906153"
EVENTBRITE_EVENT = "1120437765219"
HUMANITIX_EVENT = "6771f0c2a4b9e3d15c8a0f42"
TITO_EVENT = "/v3/acme-meet/mangrove-orientation-2027"

# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as heldout5.py … heldout31.py (the README's "How the expectations
# were written" for each, generate.py's docstring) and docs/taxonomy.md's "Conventions"; the
# judgement calls new to this set are in the README's "Sources of heldout32".
BETTERMODE_HEADERS = (
    "Authorization Bearer (credential); the GraphQL selection set names fields (inviteeEmail, "
    "email, name, locale) it asks back, no data; User-Agent node-fetch earns nothing"
)
MEETUP_KEY = (
    "key in the query (the API key: credential); User-Agent meetup-api/NodejsClientLib "
    "earns nothing"
)
EVENTBRITE_HEADERS = (
    "Authorization Bearer (credential); accept-language * (a wildcard, no language) and "
    "User-Agent node earn nothing"
)
DISCOURSE_HOST_HEADERS = (
    "Api-Key (credential), Api-Username alice.corpus (the username the call is made as, the "
    "person acting: user id); User-Agent python-requests earns nothing"
)
HUMANITIX_HEADERS = "x-api-key (credential); User-Agent python-httpx earns nothing"
TITO_HEADERS = (
    "Authorization 'Token token=<key>' (credential); account and event slugs in the path "
    "(nothing); User-Agent python-requests earns nothing"
)
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "bettermode-node",
        [
            Expectation(
                at(BETTERMODE, "/", b"InviteMembers"),
                [CRED, EMAIL, NAME, CHAT, MEETING],
                "Bettermode",
                "GraphQL inviteMembers: invitees email and name the participant's address and "
                "full name (e-mail, name), invitationMessage the host's note to her, signed "
                "with the host's full name (the inviting person's own words to the invitee: "
                "chat; name) naming the session's topic (meeting metadata), defaultSpacesIds "
                "(nothing); " + BETTERMODE_HEADERS,
            ),
            Expectation(
                at(BETTERMODE, "/", b"AddSpaceMembers"),
                [CRED, UID],
                "Bettermode",
                "GraphQL addSpaceMembers: input memberId (the participant's member account in "
                "the community: user id), spaceId (nothing; a space named by id only: no "
                "meeting metadata); " + BETTERMODE_HEADERS,
            ),
            Expectation(
                at(BETTERMODE, "/", b"createPost("),
                [CRED, MEETING, NAME, UID, CHAT],
                "Bettermode",
                "GraphQL createPost in the session's space: mappingFields title 'Live "
                "session: <topic>' and content with the topic and the join link /j/<number> "
                "(meeting metadata), 'Hosted by Alice Example' (name); the announcement a "
                "person posts to the community (a post people add to a space: chat); ownerId "
                "(the posting member: user id), spaceId and postTypeId (nothing); "
                + BETTERMODE_HEADERS,
            ),
            Expectation(
                at(BETTERMODE, "/", b"createReply("),
                [CRED, CHAT, PHONE],
                "Bettermode",
                "GraphQL createReply under the announcement, made with the participant's own "
                "member token (Bearer: credential): content her reply to the host (chat) with "
                "her phone number (phone); first names only ('Thanks Alice', 'Lesieli': no "
                "name), a nursery's suburb in prose (no place key: no location), no topic or "
                "number (no meeting metadata); postId and postTypeId (nothing); User-Agent "
                "node-fetch earns nothing",
            ),
        ],
    ),
    (
        "meetup-node",
        [
            Expectation(
                at(MEETUP, f"/{MEETUP_GROUP}/events", method="POST"),
                [CRED, MEETING, NAME],
                "Meetup",
                "event create, every parameter in the query of a bodyless POST: name the "
                "session's topic, description and how_to_find_us with the join link "
                "/j/<number> (meeting metadata), the host's full name in the description "
                "(name; an event's description is its record, no chat), time, duration, "
                "rsvp_limit, guest_limit, publish_status and the group's urlname in the path "
                "(nothing); " + MEETUP_KEY,
            ),
            Expectation(
                at(MEETUP, "/2/rsvp"),
                [CRED, UID, NAME, EMAIL],
                "Meetup",
                "RSVP made by the organiser for the participant: member_id (her Meetup member "
                "account: user id), rsvp yes, guests 2, comments 'Registered through Acme Meet "
                "by <full name> (<e-mail>)' (name, e-mail; a note the backend writes: no "
                "chat), event_id (the listing's id, no topic or number: no meeting metadata); "
                "an RSVP is the event service's record, no product usage; " + MEETUP_KEY,
            ),
            Expectation(
                at(MEETUP, "/2/event_comment"),
                [CRED, CHAT],
                "Meetup",
                "event comment: comment the participant's question to the host and attendees "
                "(a comment a person wrote to others: chat; 'Kia ora!' and no name, topic or "
                "number), event_id (nothing); " + MEETUP_KEY,
            ),
            Expectation(
                at(MEETUP, "/2/checkin"),
                [CRED, UID],
                "Meetup",
                "check-in: attendee_member_id (the participant's member account: user id), "
                "event_id (nothing); an attendance mark with no time, topic or number (no "
                "meeting metadata) and the event service's record (no product usage); "
                + MEETUP_KEY,
            ),
        ],
    ),
    (
        "eventbrite-node",
        [
            Expectation(
                at(EVENTBRITE, f"/v3/organizations/{EVENTBRITE_ORG}/events/"),
                [CRED, MEETING, NAME, LOCALE],
                "Eventbrite",
                "event create: name.html the session's topic, description.html with the join "
                "link /j/<number> (meeting metadata) and the host's full name (name; the "
                "event's description, no chat), start/end timezone Pacific/Auckland (a time "
                "zone: locale), utc times, currency, online_event, listed, capacity and the "
                "organisation id in the path (nothing); " + EVENTBRITE_HEADERS,
            ),
            Expectation(
                at(EVENTBRITE, "/v3/users/me/contact_lists/"),
                [CRED, EMAIL, NAME],
                "Eventbrite",
                "contact-list add: contact email (e-mail), first_name + last_name (name); "
                "users/me and the list id in the path (nothing); " + EVENTBRITE_HEADERS,
            ),
            Expectation(
                at(EVENTBRITE, f"/v3/events/{EVENTBRITE_EVENT}/attendees/"),
                [CRED],
                "Eventbrite",
                "attendee list read: status attending and changed_since in the query, the "
                "event id in the path (nothing); " + EVENTBRITE_HEADERS,
            ),
        ],
    ),
    (
        "discourse-py",
        [
            Expectation(
                at(DISCOURSE, "/invites"),
                [CRED, EMAIL, CHAT, MEETING, UID],
                "Discourse",
                "forum invite (form body): email the participant's address (e-mail), "
                "group_names (nothing), custom_message the inviting host's note to her, 'Kia "
                "ora Lesieli, you are registered for <topic> …' (the inviter's own words to "
                "the invitee, as Bettermode's invitationMessage: chat; the topic: meeting "
                "metadata; a first name only: no name); " + DISCOURSE_HOST_HEADERS,
            ),
            Expectation(
                at(DISCOURSE, "/posts", b"category=14"),
                [CRED, MEETING, NAME, CHAT, UID],
                "Discourse",
                "topic create (form body): title 'Live session: <topic>' and raw with the "
                "topic and the join link /j/<number> (meeting metadata) naming the host in "
                "full (name); the host's announcement post to the forum (a post a person "
                "publishes to others: chat); category and tags[] (nothing); "
                + DISCOURSE_HOST_HEADERS,
            ),
            Expectation(
                at(DISCOURSE, "/uploads.json"),
                [CRED, FILES, UID],
                "Discourse",
                "upload (multipart/form-data): type composer, synchronous true, a file part "
                "session-banner.png with no Content-Type holding a 48x27 PNG (a picture sent "
                "as an untyped file part: files, the taxonomy's pictures rule); "
                + DISCOURSE_HOST_HEADERS,
            ),
            Expectation(
                at(DISCOURSE, "/posts", b"topic_id=2871"),
                [CRED, CHAT, UID],
                "Discourse",
                "reply (form body) made as the participant: raw her question to the host "
                "under the announcement (chat; no name, topic or number), topic_id "
                "(nothing); Api-Key (credential), Api-Username lesieli.havili (her username, "
                "the person acting: user id); User-Agent python-requests earns nothing",
            ),
            Expectation(
                at(DISCOURSE, "/posts", b"archetype=private_message"),
                [CRED, CHAT, MEETING, PHONE, NAME, UID],
                "Discourse",
                "private message (form body): title 'Your link for <topic>' (meeting "
                "metadata), raw the host's message to the participant (a direct message: "
                "chat) with the join link /j/<number> (meeting metadata), her phone number "
                "(phone) and the host's full name signing it (name), target_recipients "
                "lesieli.havili (the recipient's username: user id), archetype; "
                + DISCOURSE_HOST_HEADERS,
            ),
        ],
    ),
    (
        "humanitix-py",
        [
            Expectation(
                at(HUMANITIX, f"/v1/events/{HUMANITIX_EVENT}/tickets?"),
                [CRED],
                "Humanitix",
                "ticket list read: page, pageSize, status complete and since in the query, "
                "the event id in the path (nothing); " + HUMANITIX_HEADERS,
            ),
            Expectation(
                at(HUMANITIX, f"/v1/events/{HUMANITIX_EVENT}/tickets/", method="POST"),
                [CRED],
                "Humanitix",
                "ticket check-in (bodyless POST): overrideLocation online (an online stand-in, "
                "no place), event and ticket ids in the path (a ticket's record id, no person: "
                "nothing); an attendance mark with no time, topic or number (no meeting "
                "metadata), the ticketing service's record (no product usage); "
                + HUMANITIX_HEADERS,
            ),
            Expectation(
                at(HUMANITIX, f"/v1/events/{HUMANITIX_EVENT}/orders"),
                [CRED],
                "Humanitix",
                "order list read: page and since in the query, the event id in the path "
                "(nothing); " + HUMANITIX_HEADERS,
            ),
        ],
    ),
    (
        "tito-py",
        [
            Expectation(
                at(TITO, TITO_EVENT, b'{"event"', "PATCH"),
                [CRED, MEETING],
                "Tito",
                "event update (JSON PATCH): event title '<topic> (live online)' (meeting "
                "metadata); " + TITO_HEADERS,
            ),
            Expectation(
                at(TITO, f"{TITO_EVENT}/activities/", method="PATCH"),
                [CRED],
                "Tito",
                "activity update (JSON PATCH): activity date and start_time (a session's new "
                "start with no topic or number: nothing; dates and times earn nothing), the "
                "activity id in the path (nothing); " + TITO_HEADERS,
            ),
            Expectation(
                at(TITO, f"{TITO_EVENT}/tickets", method="GET"),
                [CRED],
                "Tito",
                "ticket list read (bodyless GET, no parameters); " + TITO_HEADERS,
            ),
        ],
    ),
]

FORMAT_CLASSES: dict[str, str] = {
    "bettermode-node": "GraphQL mutations (JSON variables)",
    "meetup-node": "bodyless POST with parameters in the query, API key in the query",
}


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    request = flow["request"]
    if scenario in FORMAT_CLASSES:
        return FORMAT_CLASSES[scenario]
    if scenario == "discourse-py":
        if request["path"].startswith("/uploads"):
            return "multipart/form-data upload, API key and username headers"
        return "form body, API key and username headers"
    if scenario == "humanitix-py":
        return "bodyless request with query parameters, API key header"
    if request["method"] == "GET":
        return "GET with query parameters" if "?" in request["path"] else "bodyless GET"
    return "JSON REST API calls"


HELDOUT = HeldoutSet(
    name="heldout32",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
