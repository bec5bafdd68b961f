"""Build the twenty-fifth held-out set `heldout25.jsonl.frozen` (issue 15): real programs absent
from the development set (everything in this directory: flows.jsonl, heldout*.jsonl,
heldout24.jsonl.frozen, sdk*.jsonl, npm/, heldout5_npm/ … heldout25_npm/, sdk*_npm/, *_runs.py,
generate.py, and auditor/vendors/), recorded through the real proxy offline, from where a
meeting's artefacts go after the call: cloud storage the transcript is uploaded to and shared
from (pCloud), the team wiki its notes land in (GitBook), the collaborative whiteboard of the
call (Liveblocks), the webhooks announcing its recording (Svix), the agreement made in it sent
for e-signature (DocuSeal) and its recording published on a video host (bunny.net Stream).

Run: `.venv/bin/python tests/label/corpus/heldout25.py` (offline; `make setup`, then
`npm ci` in `heldout25_npm/` and `pip install -r heldout25-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: npm SDKs in `heldout25_npm/` (Node, through `npm/proxy-preload.js` as the npm corpus
scenarios) and PyPI SDKs in `heldout25_runs.py`, each sending to its vendor's real host, answered
inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout25.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
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

OUT = HERE / "heldout25.jsonl.frozen"

PCLOUD = "eapi.pcloud.com"
GITBOOK = "api.gitbook.com"
LIVEBLOCKS = "api.liveblocks.io"
SVIX = "api.eu.svix.com"
DOCUSEAL = "api.docuseal.com"
BUNNY = "video.bunnycdn.com"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "pcloud-node": {PCLOUD},
    "gitbook-node": {GITBOOK},
    "liveblocks-node": {LIVEBLOCKS},
    "svix-py": {SVIX},
    "docuseal-node": {DOCUSEAL},
    "bunny-node": {BUNNY},
}

FILES = "customer_content.files"
TRANSCRIPT = "customer_content.transcript"

LIBRARY = "/library/287531"
VIDEO = f"{LIBRARY}/videos/7c25e1a4-9b0d-4f3e-8a61-2d5f0c9b4e17"
SVIX_APP = "/api/v1/app"
ROOM = "/v2/rooms/whiteboard-"

# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as heldout5.py … heldout24.py (the README's "How the expectations were
# written" for each, generate.py's docstring) and docs/taxonomy.md's "Conventions"; the judgement
# calls new to this set are in the README's "Sources of heldout25". Every User-Agent (`node`,
# `@gitbook/api/0.202.0`, `DocuSeal JS v1.0.25`, Svix's `… python/3.12.1 Linux/x86_64`) earns
# nothing; per-request ids (Svix's `svix-req-id`, `idempotency-key`) are no session ids.
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "pcloud-node",
        [
            Expectation(
                at(PCLOUD, "/createfolder"),
                [CRED, MEETING],
                "pCloud",
                "GET createfolder: access_token in the query (credential), name '<topic> "
                "(meeting <number>)' (meeting metadata), folderid 0",
            ),
            Expectation(
                at(PCLOUD, "/uploadfile"),
                [CRED, TRANSCRIPT, NAME, PHONE, MEETING],
                "pCloud",
                "multipart upload of transcript-<number>.vtt (the meeting's number in the file "
                "name: meeting metadata): the call's WebVTT transcript (transcript) with both "
                "speakers named in full (name) and the guest's phone number said in it (phone); "
                "access_token in the query (credential)",
            ),
            Expectation(
                at(PCLOUD, "/sharefolder"),
                [CRED, EMAIL, CHAT, NAME],
                "pCloud",
                "GET sharefolder: mail the guest's address (the address the folder is shared "
                "with: e-mail only), message 'Hi Rangi, here is the recording and transcript of "
                "today's call. <host's full name>' (a note to another person's address: chat; "
                "name), permissions, folderid; access_token (credential)",
            ),
        ],
    ),
    (
        "gitbook-node",
        [
            Expectation(
                at(GITBOOK, "/v1/spaces/", b"subject"),
                [CRED, MEETING],
                "GitBook",
                "change request create: subject 'Notes: <topic> (2026-12-10)' (meeting "
                "metadata; a subject is never chat); Authorization Bearer (credential)",
            ),
            Expectation(
                at(GITBOOK, "/v1/spaces/", b"leaves"),
                [CRED, CHAT, NAME, MEETING],
                "GitBook",
                "comment in the space on the notes page (GitBook document JSON): a summary of "
                "meeting <number> (meeting metadata) a person writes for her colleagues (a "
                "comment on a page: chat, as heldout21's ClickUp comment) naming the guest and "
                "the host in full (name); page id (nothing); Bearer (credential)",
            ),
            Expectation(
                at(GITBOOK, "/v1/orgs/"),
                [CRED, EMAIL],
                "GitBook",
                "organisation invite: emails [the guest's address] (e-mail), role reader, guest "
                "true; org id in the path (nothing); Bearer (credential)",
            ),
        ],
    ),
    (
        "liveblocks-node",
        [
            Expectation(
                at(LIVEBLOCKS, "/v2/rooms", b"usersAccesses"),
                [CRED, MEETING, UID],
                "Liveblocks",
                "room create: id whiteboard-<number> and metadata meetingId and topic (meeting "
                "metadata), usersAccesses keyed by the two usernames alice.corpus and "
                "rangi.parata (user id), defaultAccesses; secret key Bearer (credential)",
            ),
            Expectation(
                at(LIVEBLOCKS, ROOM, b"stickies"),
                [CRED, FILES, NAME, UID, MEETING],
                "Liveblocks",
                "whiteboard storage seeded (LiveObject/LiveList JSON): the board's sticky notes "
                "(a whiteboard's content: files), each with its author's full name (a real name "
                "under `author`: name and user id), title the topic and the room "
                "whiteboard-<number> in the path (meeting metadata); Bearer (credential)",
            ),
            Expectation(
                at(LIVEBLOCKS, "/v2/identify-user"),
                [CRED, UID, NAME, EMAIL],
                "Liveblocks",
                "identify-user (the guest's access token): userId rangi.parata (user id), "
                "userInfo name (name) and email (e-mail), groupIds external-guests (nothing); "
                "Bearer (credential)",
            ),
            Expectation(
                at(LIVEBLOCKS, ROOM, b"comment"),
                [CRED, CHAT, UID, MEETING],
                "Liveblocks",
                "comment thread on the board: comment userId alice.corpus (the author: user id), "
                "body the host's message to the guest (chat; her first name alone: no name), "
                "the room whiteboard-<number> in the path (meeting metadata); Bearer "
                "(credential)",
            ),
        ],
    ),
    (
        "svix-py",
        [
            Expectation(
                at(SVIX, SVIX_APP, b'"uid"'),
                [CRED, EMAIL, UID],
                "Svix",
                "application create for the customer workspace: name and uid ws_acme_0142 (a "
                "workspace: no user id), metadata admin <corpus e-mail> (an address under a key "
                "for the person administering it: user id and e-mail, as heldout21's m3ter "
                "`host`), plan; Bearer (credential)",
            ),
            Expectation(
                at(SVIX, SVIX_APP, b"eventTypes"),
                [CRED],
                "Svix",
                "endpoint create: the customer's webhook URL, a description, eventTypes "
                "recording.completed and transcript.ready (nothing); Bearer (credential)",
            ),
            Expectation(
                at(SVIX, f"{SVIX_APP}/app_2qH25wXy8Kd3Lm0Nb7Vc4Rt1Zs/msg"),
                [CRED, MEETING, NAME, EMAIL],
                "Svix",
                "message create, the recording.completed webhook the customer gets: meeting id, "
                "topic, start_time, duration_minutes, participants (meeting metadata), host and "
                "participants' names (name) and addresses under `email` (e-mail only), eventId "
                "evt_rec_<number>, a download_url of the recording with its size and format (a "
                "link, not the video; a backend's notification: no product usage); Bearer "
                "(credential)",
            ),
            Expectation(
                at(SVIX, "/api/v1/auth/app-portal-access/"),
                [CRED],
                "Svix",
                "app portal access for the customer: readOnly, expiry (nothing); Bearer "
                "(credential)",
            ),
        ],
    ),
    (
        "docuseal-node",
        [
            Expectation(
                at(DOCUSEAL, "/templates/html"),
                [CRED, FILES, MEETING, NAME],
                "DocuSeal",
                "template from HTML: the agreement reached in the meeting as the document to be "
                "signed (a document a person drafted: files), its name and heading the topic and "
                "its text the meeting number (meeting metadata) and both participants in full "
                "(name), external_id mtg-<number>-action-plan (the document's reference, no user "
                "id); X-Auth-Token (credential)",
            ),
            Expectation(
                at(DOCUSEAL, "/submissions/init"),
                [CRED, CHAT, EMAIL, NAME, PHONE],
                "DocuSeal",
                "submission: message body 'Hi, this is what we agreed today. Thanks, <host's "
                "full name>' (the host's note to the signers: chat; name; the subject is no "
                "chat), submitters with roles, both addresses under `email` (e-mail only), "
                "names (name) and the guest's phone (phone), template_id; X-Auth-Token "
                "(credential)",
            ),
            Expectation(
                at(DOCUSEAL, "/submitters/"),
                [CRED, PHONE],
                "DocuSeal",
                "submitter update: the guest's phone (phone) for the SMS invitation, prefilled "
                "fields Company (a company's name: nothing) and Title (a job title: nothing); "
                "X-Auth-Token (credential)",
            ),
        ],
    ),
    (
        "bunny-node",
        [
            Expectation(
                at(BUNNY, f"{LIBRARY}/collections"),
                [CRED],
                "BunnyWay",
                "collection create: name 'Export certification meetings 2026' (not the topic: "
                "nothing); library id in the path (nothing); AccessKey header (credential)",
            ),
            Expectation(
                at(BUNNY, f"{LIBRARY}/videos", b'"title"'),
                [CRED, MEETING],
                "BunnyWay",
                "video create: title '<topic> (meeting <number>)' (meeting metadata), "
                "collectionId, thumbnailTime; AccessKey (credential)",
            ),
            Expectation(
                at(BUNNY, f"{VIDEO}/fetch"),
                [CRED, MEETING],
                "BunnyWay",
                "fetch: url of the recording on the meeting product's storage, "
                "/rec/<number>.mp4 (the meeting's number in a URL: meeting metadata; a link, "
                "not the video); AccessKey (credential)",
            ),
            Expectation(
                at(BUNNY, f"{VIDEO}/captions/"),
                [CRED, TRANSCRIPT, NAME, LOCALE],
                "BunnyWay",
                "captions: captionsFile the call's WebVTT captions base64-encoded in the JSON "
                "(transcript) with both speakers named in full (name), label English and "
                "srclang en, /captions/en in the path (a caption track's language: locale, as "
                "the taxonomy's event-semantics convention); AccessKey (credential)",
            ),
            Expectation(
                at(BUNNY, VIDEO, b"metaTags"),
                [CRED, NAME, EMAIL],
                "BunnyWay",
                "video update: metaTags description 'Recorded call between <host> and <guest>' "
                "(both in full: name; no topic or number: no meeting metadata, as heldout21's "
                "ClickUp comment), host_email <corpus e-mail> (e-mail); AccessKey (credential)",
            ),
        ],
    ),
]

FORMAT_CLASSES: dict[str, str] = {
    "pcloud-node": "query-string API calls, token in the query",
}


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    path = flow["request"]["path"]
    if path.startswith("/uploadfile"):
        return "multipart/form-data file upload"
    if "/captions/" in path:
        return "JSON REST API calls, base64-encoded file in the body"
    return FORMAT_CLASSES.get(scenario, "JSON REST API calls")


HELDOUT = HeldoutSet(
    name="heldout25",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
