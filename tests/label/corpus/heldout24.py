"""Build the twenty-fourth held-out set `heldout24.jsonl.frozen` (issue 15): real programs absent
from the development set (everything in this directory: flows.jsonl, heldout*.jsonl, sdk*.jsonl,
npm/, heldout5_npm/ … heldout23_npm/, sdk*_npm/, *_runs.py, generate.py, and auditor/vendors/),
recorded through the real proxy offline, from what a meeting client's AI features and account
plumbing send to third parties: two LLM providers its meeting assistant summarises, embeds,
reranks and moderates with (Cohere, Mistral AI), machine translation for a guest (DeepL),
speech synthesis of the summary (Cartesia), two identity platforms that sign up, invite and log
in its users (Stytch, Clerk), and a push-notification gateway (Pushy).

Run: `.venv/bin/python tests/label/corpus/heldout24.py` (offline; `make setup`, then
`npm ci` in `heldout24_npm/` and `pip install -r heldout24-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: npm SDKs in `heldout24_npm/` (Node, through `npm/proxy-preload.js` as the npm corpus
scenarios) and PyPI SDKs in `heldout24_runs.py`, each sending to its vendor's real host,
answered inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout24.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
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
    DID,
    EMAIL,
    HW,
    LOCALE,
    MEETING,
    NAME,
    OS,
    PHONE,
    UID,
    HeldoutSet,
    at,
)

OUT = HERE / "heldout24.jsonl.frozen"
TRANSCRIPT = "customer_content.transcript"

COHERE = "api.cohere.com"
MISTRAL = "api.mistral.ai"
DEEPL = "api-free.deepl.com"
PUSHY = "api.pushy.me"
CARTESIA = "api.cartesia.ai"
STYTCH = "test.stytch.com"
CLERK = "api.clerk.com"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "mistral-node": {MISTRAL},
    "deepl-node": {DEEPL},
    "pushy-node": {PUSHY},
    "cohere-py": {COHERE},
    "cartesia-py": {CARTESIA},
    "stytch-py": {STYTCH},
    "clerk-py": {CLERK},
}
CLERK_USER = "user_2q8Xh4TzK7mLw3RbN9vYc1PdF0a"

# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as heldout5.py … heldout23.py (the README's "How the expectations were
# written" for each, generate.py's docstring) and docs/taxonomy.md's "Conventions"; the judgement
# calls new to this set are in the README's "Sources of heldout24".
FERN_HEADERS = (
    "Authorization Bearer (credential); X-Fern-Runtime python/3.12.1 and X-Fern-Platform "
    "linux/<release> (SDK platform headers: os, as heldout22's ElevenLabs); X-Fern-SDK-Name/"
    "-Version name the SDK; User-Agent cohere/7.3.1 earns nothing"
)
MISTRAL_HEADERS = (
    "authorization Bearer (credential); user-agent mistral-client-typescript/2.7.0 and an empty "
    "cookie earn nothing"
)
DEEPL_HEADERS = (
    "Authorization DeepL-Auth-Key (credential); User-Agent deepl-node/1.28.0 (Linux …) "
    "node/20.20.2 earns nothing (a User-Agent header)"
)
STYTCH_HEADERS = "Authorization Basic <project id:secret> (credential); User-Agent earns nothing"
CLERK_HEADERS = (
    "Authorization Bearer sk_test_… (credential); Clerk-API-Version, X-Clerk-SDK python/7.0.0 "
    "(the SDK's version, no runtime) and the speakeasy User-Agent earn nothing"
)
PUSHY_KEY = "api_key <secret key> in the query (credential); User-Agent axios earns nothing"
TRANSCRIPT_LINES = (
    "the meeting's transcript lines '[00:41] Ilse Vandenberghe: …', '[02:15] Alice Example: …' "
    "(transcript; speakers named in full: name)"
)
SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "cohere-py",
        [
            Expectation(
                at(COHERE, "/v2/chat"),
                [CRED, TRANSCRIPT, NAME, MEETING, EMAIL, OS],
                "Cohere",
                "chat request to a model (no chat, taxonomy issue 15ah): system message asking "
                'for the summary, user message \'Meeting <number> "<topic>" hosted by <corpus '
                "e-mail>' (meeting metadata; an address in prose: e-mail only) and "
                + TRANSCRIPT_LINES
                + "; model, temperature, stream (nothing); no user field, no timing: no user "
                "id, no performance; " + FERN_HEADERS,
            ),
            Expectation(
                at(COHERE, "/v2/embed"),
                [CRED, TRANSCRIPT, NAME, OS],
                "Cohere",
                "embed: texts " + TRANSCRIPT_LINES + "; no topic or number (no meeting "
                "metadata); model, input_type search_document, embedding_types (nothing); "
                + FERN_HEADERS,
            ),
            Expectation(
                at(COHERE, "/v2/rerank"),
                [CRED, TRANSCRIPT, NAME, OS],
                "Cohere",
                "rerank: query 'When are the cross-sections due?' (a question put to the model "
                "by the backend, no tracked event: no product usage), documents "
                + TRANSCRIPT_LINES
                + "; no topic or number; model, top_n (nothing); "
                + FERN_HEADERS,
            ),
        ],
    ),
    (
        "mistral-node",
        [
            Expectation(
                at(MISTRAL, "/v1/chat/completions"),
                [CRED, TRANSCRIPT, NAME, MEETING, EMAIL],
                "Mistral AI",
                "chat completion request (no chat, taxonomy issue 15ah): system message asking "
                'for the summary, user message \'Meeting <number> "<topic>", host <corpus '
                "e-mail>' (meeting metadata; an address in prose: e-mail only) and "
                + TRANSCRIPT_LINES
                + "; model, temperature (nothing); "
                + MISTRAL_HEADERS,
            ),
            Expectation(
                at(MISTRAL, "/v1/embeddings"),
                [CRED, TRANSCRIPT, NAME],
                "Mistral AI",
                "embeddings: input two transcript lines 'Ilse Vandenberghe: The north end of "
                "berth 1742 …', 'Alice Example: Can you send …' (transcript; names); no topic "
                "or number; " + MISTRAL_HEADERS,
            ),
            Expectation(
                at(MISTRAL, "/v1/chat/moderations"),
                [CRED, CHAT, PHONE],
                "Mistral AI",
                "chat moderation: input one role-tagged message '@Ilse call me on my mobile "
                "after this, +32475218603, it's urgent' (a message a person wrote to another "
                "participant, checked before the room sees it: chat, the call I am least sure "
                "of; her phone number: phone; a first name alone: no name); model (nothing); "
                + MISTRAL_HEADERS,
            ),
        ],
    ),
    (
        "deepl-node",
        [
            Expectation(
                at(DEEPL, "/v2/translate", b"formality="),
                [CRED, CHAT, MEETING],
                "DeepL",
                "form-encoded translate: text 'Ilse, could you share the soundings for berth "
                "1742 before <topic, lower case> ends?' (a chat message a participant wrote to "
                "another: chat; the topic in any case: meeting metadata; a first name alone: "
                "no name), source_lang en / target_lang nl (the languages translated between: "
                "no locale, as heldout21's transcription language), formality, "
                "show_billed_characters (nothing); " + DEEPL_HEADERS,
            ),
            Expectation(
                at(DEEPL, "/v2/translate", b"context="),
                [CRED, TRANSCRIPT, MEETING, NAME, EMAIL],
                "DeepL",
                "form-encoded translate of two text values: 'Summary of meeting <number> "
                "(<topic>), hosted by Alice Example.' and 'Action: Ilse Vandenberghe (<guest "
                "e-mail>) sends the cross-sections by Friday.' (the meeting's summary: "
                "transcript; meeting metadata; names; an address in prose: e-mail), context "
                "'Minutes of a port engineering meeting', preserve_formatting, languages en/nl "
                "(no locale); " + DEEPL_HEADERS,
            ),
            Expectation(
                at(DEEPL, "/v2/glossaries"),
                [CRED],
                "DeepL",
                "form-encoded glossary create: name berth-1742-terms, entries two term pairs "
                "(maintenance dredge, draft restriction) as TSV, languages en/nl: no person, "
                "meeting number or topic (credential only); " + DEEPL_HEADERS,
            ),
        ],
    ),
    (
        "cartesia-py",
        [
            Expectation(
                at(CARTESIA, "/tts/bytes"),
                [CRED, TRANSCRIPT, MEETING, NAME, OS, HW],
                "Cartesia",
                "text to speech: transcript 'Summary of <topic>. Ilse Vandenberghe will send "
                "the cross-sections to Alice Example by Friday; …' (a summary of the meeting's "
                "outcome read aloud: transcript, as heldout22's ElevenLabs recap; the topic: "
                "meeting metadata; names), model_id, voice id, output_format, language en (the "
                "speech's language: no locale); Authorization Bearer (credential); "
                "X-Stainless-OS Linux and -Runtime-Version 3.12.1 (SDK platform headers: os), "
                "X-Stainless-Arch x64 (hardware); X-Cartesia-Client, cartesia-version and "
                "User-Agent earn nothing",
            ),
        ],
    ),
    (
        "stytch-py",
        [
            Expectation(
                at(STYTCH, "/v1/users"),
                [CRED, EMAIL, NAME, PHONE, UID, MEETING],
                "Stytch",
                "user create for the invited guest: email (e-mail), name first_name + "
                "last_name (name), phone_number (phone), create_user_as_pending, "
                "trusted_metadata invited_by alice.corpus (the inviting person's username: "
                "user id) and meeting_id (meeting metadata); " + STYTCH_HEADERS,
            ),
            Expectation(
                at(STYTCH, "/v1/magic_links/email/login_or_create"),
                [CRED, EMAIL],
                "Stytch",
                "magic link login_or_create: email the guest's address (under a key that "
                "describes it: e-mail only), login/signup magic link URLs on the app's "
                "callback (nothing), signup_expiration_minutes; " + STYTCH_HEADERS,
            ),
            Expectation(
                at(STYTCH, "/v1/otps/sms/send"),
                [CRED, PHONE, LOCALE],
                "Stytch",
                "one-time passcode by SMS: phone_number (phone), locale en (the language the "
                "SMS is written in for its recipient: locale), expiration_minutes; "
                + STYTCH_HEADERS,
            ),
        ],
    ),
    (
        "clerk-py",
        [
            Expectation(
                at(CLERK, "/v1/users", method="POST"),
                [CRED, UID, NAME, EMAIL, LOCALE],
                "Clerk",
                "user create: external_id alice.corpus (the app's reference to the user: user "
                "id), username alice_corpus (user id), first_name + last_name (name), "
                "email_address [<corpus e-mail>] (e-mail), locale en-GB (locale), "
                "public_metadata plan, skip_password_requirement (nothing); " + CLERK_HEADERS,
            ),
            Expectation(
                at(CLERK, "/v1/invitations"),
                [CRED, EMAIL, UID, MEETING, NAME],
                "Clerk",
                "invitation: email_address the guest's address (e-mail), public_metadata "
                "invited_by <corpus e-mail> (an e-mail under a key for the person inviting: "
                "user id and e-mail, as heldout23's Totango `Invited by`), first_meeting "
                "<number> and redirect_url …/j/<number> (meeting metadata), full_name the "
                "guest's (name), notify, expires_in_days; " + CLERK_HEADERS,
            ),
            Expectation(
                at(CLERK, f"/v1/users/{CLERK_USER}/metadata", method="PATCH"),
                [CRED, UID, MEETING],
                "Clerk",
                "user metadata update: the user's account id after /users/ (user id), "
                "private_metadata default_meeting_topic <topic> and last_meeting_id <number> "
                "(meeting metadata), auto_transcribe true (a preference stored on the profile: "
                "a profile update, no product usage); " + CLERK_HEADERS,
            ),
        ],
    ),
    (
        "pushy-node",
        [
            Expectation(
                at(PUSHY, "/push"),
                [CRED, NAME, MEETING, EMAIL, UID, DID],
                "Pushy",
                "push notification: notification title 'Meeting starting', body and data "
                "message naming the host in full (name) and the topic (meeting metadata), "
                "badge, sound, time_to_live (a backend's push notification: no chat), data "
                "meeting_id and join_url …/j/<number> (meeting metadata), invitee <guest "
                "e-mail> (an e-mail under a key for the person invited: user id and e-mail, the "
                "identity call I am least sure of), to [two device tokens] (the devices' push "
                "tokens: device id, as heldout9's FCM token); " + PUSHY_KEY,
            ),
            Expectation(
                at(PUSHY, "/topics/subscribe"),
                [CRED, DID, MEETING],
                "Pushy",
                "topic subscribe: token (a device's push token: device id), topics "
                "[meeting-<number>] (meeting metadata); " + PUSHY_KEY,
            ),
            Expectation(
                at(PUSHY, "/devices/presence"),
                [CRED, DID],
                "Pushy",
                "device presence look-up: tokens [two device push tokens] (device id); no "
                "person or meeting; " + PUSHY_KEY,
            ),
        ],
    ),
]

FORMAT_CLASSES: dict[str, str] = {
    "cohere-py": "JSON REST API calls + SDK platform headers",
    "cartesia-py": "JSON REST API calls + SDK platform headers",
    "deepl-node": "form-encoded API calls",
    "pushy-node": "JSON REST API calls, API key in the query",
}


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    return FORMAT_CLASSES.get(scenario, "JSON REST API calls")


HELDOUT = HeldoutSet(
    name="heldout24",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
