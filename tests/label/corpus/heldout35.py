"""Build the thirty-fifth held-out set `heldout35.jsonl.frozen` (issue 15): real programs absent
from everything in this directory (flows.jsonl, heldout*.jsonl and *.jsonl.frozen, sdk*.jsonl,
npm/, the heldout*_npm/ and sdk*_npm/ dirs, *_runs.py, generate.py) and from auditor/vendors/,
recorded through the real proxy offline, from a meeting product's captions, translation and
localisation side: the recorded meeting's subtitle files and caption cues sent to localisation
platforms (Crowdin, Localazy, Lokalise, POEditor), the guest's chat lines and caption pairs sent
to machine translation (Crowdin's MT, ModernMT, Localazy AI), the meeting's summary ordered as a
human translation (Gengo), the client's UI strings and invitation template with translator
context, glossary terms, reviewers' comments and a proofreader added.

Run: `.venv/bin/python tests/label/corpus/heldout35.py` (offline; `make setup`, then
`npm ci` in `heldout35_npm/` and `pip install -r heldout35-requirements.txt`).
`--raw SCENARIO…` records and prints only the requests (method, URL, headers, decoded body):
what the expectations were written from. The capture labels what it stores; those labels are
dropped before anything is printed or written.

Sources: npm SDKs in `heldout35_npm/` (Node, through `npm/proxy-preload.js` as the npm corpus
scenarios) and PyPI SDKs in `heldout35_runs.py`, each sending to its vendor's real host, answered
inside the proxy by `auditor capture --sinkhole '*'`.

Expectations were written from the payloads and committed before the labeller ran on them.
The set is written as `heldout35.jsonl.frozen` so that nothing globbing `*.jsonl` (the label
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

from tests.label.corpus.generate import Expectation, path_is  # noqa: E402
from tests.label.corpus.heldout_recording import (  # noqa: E402
    CHAT,
    CRED,
    EMAIL,
    MEETING,
    NAME,
    PHONE,
    UID,
    HeldoutSet,
    at,
)

OUT = HERE / "heldout35.jsonl.frozen"

CROWDIN = "api.crowdin.com"
LOCALAZY = "api.localazy.com"
MODERNMT = "api.modernmt.com"
LOKALISE = "api.lokalise.com"
POEDITOR = "api.poeditor.com"
GENGO = "api.gengo.com"

SCENARIO_HOSTS: dict[str, set[str]] = {
    "crowdin-node": {CROWDIN},
    "localazy-node": {LOCALAZY},
    "modernmt-py": {MODERNMT},
    "lokalise-py": {LOKALISE},
    "poeditor-py": {POEDITOR},
    "gengo-py": {GENGO},
}

TRANSCRIPT = "customer_content.transcript"

CROWDIN_PROJECT = "/api/v2/projects/731406"
LOCALAZY_PROJECT = "/projects/_a8217406153b2d4c7e91"
LOKALISE_PROJECT = "/api2/projects/8823104465f1c2a0b7d9e4.31582967"

# Expectations written from the payloads (`--raw`: requests only), before the labeller ran on
# them. Reading conventions as heldout5.py … heldout31.py (the README's "How the expectations were
# written" for each, generate.py's docstring) and docs/taxonomy.md's "Conventions"; the judgement
# calls new to this set are in the README's "Sources of heldout35".
CROWDIN_HEADERS = "Authorization Bearer personal token (credential); User-Agent axios earns nothing"
LOCALAZY_HEADERS = "Authorization Bearer project token (credential); User-Agent node earns nothing"
MMT_HEADERS = (
    "MMT-ApiKey (credential); MMT-Platform acme-meet-captions and MMT-PlatformVersion 1.5.2 "
    "(the integrating app and SDK version: nothing); X-HTTP-Method-Override; User-Agent "
    "python-requests earns nothing"
)
LOKALISE_HEADERS = "X-Api-Token (credential); User-Agent python-lokalise-api earns nothing"
GENGO_KEYS = "api_key with its HMAC api_sig and ts (credential); User-agent earns nothing"
POEDITOR_KEYS = "api_token in the body (credential); User-Agent python-requests earns nothing"
NO_LOCALE = "(the language of content the request processes: no locale, issue 15aq)"

SCENARIOS: list[tuple[str, list[Expectation]]] = [
    (
        "crowdin-node",
        [
            Expectation(
                at(CROWDIN, "/api/v2/storages"),
                [CRED, TRANSCRIPT, NAME, PHONE, MEETING],
                "Crowdin",
                "storage upload, the body the raw .srt file (Content-Type application/x-subrip): "
                "the meeting's caption cues, speaker-attributed 'Alice Example: …' and '<guest "
                "full name>: …' (transcript, names), the topic (meeting metadata) and the guest's "
                "phone number said in a cue (phone); Crowdin-API-FileName meeting-<number>-"
                "captions.srt (the meeting number in the file name: meeting metadata); "
                + CROWDIN_HEADERS,
            ),
            Expectation(
                at(CROWDIN, f"{CROWDIN_PROJECT}/files"),
                [CRED, MEETING, EMAIL],
                "Crowdin",
                "source file created from storage: name meeting-<number>-captions.srt, title "
                "'Captions: <topic>' (meeting metadata), context 'Live captions of meeting "
                "<number>, hosted by <corpus e-mail>' (an address in prose: e-mail only, as "
                "heldout24), storageId and type srt (nothing; no file content: no transcript); "
                + CROWDIN_HEADERS,
            ),
            Expectation(
                at(CROWDIN, f"{CROWDIN_PROJECT}/strings"),
                [CRED],
                "Crowdin",
                "source string: the invitation e-mail template with placeholders {hostName}, "
                "{meetingTopic}, {joinUrl} (UI text, no person or meeting), identifier, fileId, "
                "translator context, maxLength (nothing); " + CROWDIN_HEADERS,
            ),
            Expectation(
                at(CROWDIN, "/api/v2/mts/35/translations"),
                [CRED, CHAT, EMAIL],
                "Crowdin",
                "machine translation of strings: the guest's two chat messages to the host "
                "('Alice, o marégrafo do Píer 3 …', 'Mandei as leituras brutas para <corpus "
                "e-mail> …'; messages a participant wrote to another, sent for translation: "
                "chat, as heldout24's DeepL) with the host's address (e-mail); a first name "
                "alone earns no name; sourceLanguageId/targetLanguageId "
                + NO_LOCALE
                + "; "
                + CROWDIN_HEADERS,
            ),
            Expectation(
                at(CROWDIN, "/api/v2/glossaries/28801/terms"),
                [CRED],
                "Crowdin",
                "glossary term 'tide gauge' with description, part of speech, status, "
                "languageId (nothing personal, no meeting); " + CROWDIN_HEADERS,
            ),
            Expectation(
                at(CROWDIN, f"{CROWDIN_PROJECT}/comments"),
                [CRED, CHAT, UID],
                "Crowdin",
                "string comment of type issue: text a reviewer's question to the guest about "
                "a caption cue ('@thiago.moura cue 2 says …, can you confirm …'; a comment a "
                "person adds to a work item for others: chat), the @username mention (a handle: "
                "user id); stringId, targetLanguageId, issueType (nothing); no topic or number "
                "(no meeting metadata); " + CROWDIN_HEADERS,
            ),
        ],
    ),
    (
        "localazy-node",
        [
            Expectation(
                at(LOCALAZY, f"{LOCALAZY_PROJECT}/import"),
                [CRED, TRANSCRIPT, NAME, EMAIL, MEETING],
                "Localazy",
                "import of a JSON file: keys captions.cue_0001…0003, the meeting's caption "
                "cues as source strings ('Alice Example: Welcome … to the <topic>', '<guest "
                "full name>: …', '… to <corpus e-mail> tonight'; transcript, names, e-mail, "
                "the topic: meeting metadata), file name meeting-<number>-captions.json "
                "(meeting metadata); " + LOCALAZY_HEADERS,
            ),
            Expectation(
                at(LOCALAZY, f"{LOCALAZY_PROJECT}/files", method="GET"),
                [CRED],
                "Localazy",
                "the SDK's own follow-up after the import: GET the project's files (no body); "
                + LOCALAZY_HEADERS,
            ),
            Expectation(
                at(LOCALAZY, f"{LOCALAZY_PROJECT}/ai"),
                [CRED, MEETING, NAME, EMAIL],
                "Localazy",
                "AI translation of one item: source the reminder 'Your meeting <topic> starts "
                "in 15 minutes. Alice Example is waiting for you.' (a reminder naming the topic: "
                "meeting metadata; the host's full name: name; a backend's reminder, no chat, "
                "no usage), comment to the translator naming the guest in full with his "
                "address (name, e-mail under no key for a person acting: e-mail only); "
                "key, lengthLimit, from/to " + NO_LOCALE + "; " + LOCALAZY_HEADERS,
            ),
            Expectation(
                at(LOCALAZY, f"{LOCALAZY_PROJECT}/glossary"),
                [CRED],
                "Localazy",
                "glossary record: 'tide gauge' / 'marégrafo' with a description (nothing "
                "personal, no meeting); " + LOCALAZY_HEADERS,
            ),
        ],
    ),
    (
        "modernmt-py",
        [
            Expectation(
                at(MODERNMT, "/translate"),
                [CRED, CHAT, PHONE, MEETING],
                "Translated ModernMT",
                "translate (JSON POST with X-HTTP-Method-Override get): q the guest's two chat "
                "messages to the host ('Alice, consigo te mandar a planilha …', 'Se preferir, "
                "me liga no <phone> …': chat, phone; a first name alone earns no name), "
                "session mtg-<number> (the meeting's number: meeting metadata; the meeting's "
                "id, not a session id of the client), hints the memory id (nothing), "
                "source/target " + NO_LOCALE + "; " + MMT_HEADERS,
            ),
            Expectation(
                at(MODERNMT, "/memories/104773/content"),
                [CRED, TRANSCRIPT, NAME, MEETING],
                "Translated ModernMT",
                "translation-memory entry: sentence and translation a caption cue and its "
                "pt-BR version, '<guest full name>: The Pier 3 gauge drifted …' (transcript, "
                "name), tuid mtg-<number>-cue-0002 (meeting metadata); source/target "
                + NO_LOCALE
                + "; "
                + MMT_HEADERS,
            ),
            Expectation(
                at(MODERNMT, "/memories/104773/glossary"),
                [CRED],
                "Translated ModernMT",
                "glossary terms 'tide gauge' / 'marégrafo', type equivalent, tuid "
                "gl-tide-gauge (nothing personal, no meeting); " + MMT_HEADERS,
            ),
            Expectation(
                at(MODERNMT, "/context-vector"),
                [CRED, TRANSCRIPT, NAME, PHONE, MEETING],
                "Translated ModernMT",
                "multipart: source en, targets pt-BR and es " + NO_LOCALE + ", content part "
                "meeting-<number>.en.vtt (the number in the file name: meeting metadata), "
                "WebVTT cues with voice tags <v Alice Example>, <v <guest full name>> "
                "(transcript, names), the topic (meeting metadata) and the guest's phone said "
                "in a cue (phone); a subtitle file is transcript, not files (heldout14/25); "
                + MMT_HEADERS,
            ),
        ],
    ),
    (
        "lokalise-py",
        [
            Expectation(
                at(LOKALISE, f"{LOKALISE_PROJECT}/keys", b"key_name"),
                [CRED],
                "Lokalise",
                "create two caption-panel UI keys: key names, platforms, translator "
                "descriptions, en translations '{speaker} is speaking', 'Translate captions', "
                "tags, char_limit (UI text: nothing); " + LOKALISE_HEADERS,
            ),
            Expectation(
                at(LOKALISE, f"{LOKALISE_PROJECT}/files/upload"),
                [CRED, TRANSCRIPT, NAME, MEETING],
                "Lokalise",
                "file upload as JSON: data the base64 of a pt-BR .srt (two cues, 'Alice "
                "Example: Bem-vindos à reunião <topic>.', '<guest full name>: O marégrafo …': "
                "transcript, names, the topic: meeting metadata; base64-encoded captions in "
                "JSON are read as heldout25's bunny captions), filename subtitles/meeting-"
                "<number>.pt_BR.srt and tags meeting-<number> (meeting metadata), lang_iso "
                "pt_BR " + NO_LOCALE + "; " + LOKALISE_HEADERS,
            ),
            Expectation(
                at(LOKALISE, f"{LOKALISE_PROJECT}/keys/730166492/comments"),
                [CRED, CHAT, NAME, UID, MEETING],
                "Lokalise",
                "key comment to the translators: '@<guest full name> reviewed the pt-BR "
                'captions of <topic>: use "marégrafo" …\' (a comment a person adds to a work '
                "item: chat; the topic: meeting metadata), the mention of the guest's display "
                "name (a display name naming an account: user id, and a real name: name); "
                + LOKALISE_HEADERS,
            ),
        ],
    ),
    (
        "gengo-py",
        [
            Expectation(
                at(GENGO, "/v2/translate/jobs"),
                [CRED, TRANSCRIPT, NAME, EMAIL, MEETING],
                "Gengo",
                "form body, data a JSON job: body_src the meeting's summary 'Summary of <topic> "
                "(meeting <number>), hosted by Alice Example. <guest full name> reported …, send "
                "the raw readings to <corpus e-mail>' (an output derived from the meeting: "
                "transcript, as heldout24's DeepL summary; names, e-mail in prose, meeting "
                "metadata), slug mtg-<number>-summary and custom_data meeting=<number> "
                "(meeting metadata), comment to the translator naming the guest in full "
                "(name), lc_src/lc_tgt " + NO_LOCALE + ", tier; " + GENGO_KEYS,
            ),
            Expectation(
                at(GENGO, "/v2/translate/job/4106238/comment", method="POST"),
                [CRED, CHAT],
                "Gengo",
                "form body, data a JSON comment: body the customer's note to the human "
                "translator on the job ('\"Benchmark\" here is the survey reference mark …'; "
                "a comment a person adds to a work item for another: chat), no person or "
                "meeting named; " + GENGO_KEYS,
            ),
            Expectation(
                at(GENGO, "/v2/translate/job/4106238/comments", method="GET"),
                [CRED],
                "Gengo",
                "GET the job's comments: api_key, api_sig and ts in the query (credential); the "
                "job id in the path (nothing)",
            ),
        ],
    ),
    (
        "poeditor-py",
        [
            Expectation(
                at(POEDITOR, "/v2/terms/add"),
                [CRED],
                "POEditor",
                "form body: id the project, data a JSON list of the invitation e-mail's terms "
                "('Invitation: {meeting_topic}', '{host_name} has invited you …') with "
                "context, reference, translator comments and tags (UI text with placeholders: "
                "nothing); " + POEDITOR_KEYS,
            ),
            Expectation(
                at(POEDITOR, "/v2/terms/add_comment"),
                [CRED, CHAT],
                "POEditor",
                "form body, data a JSON comment on a term to the translators ('Keep "
                '{host_name} first: in pt-BR say "convidou você".\'; a comment a person adds '
                "to a work item: chat; unlike the translator context written with the term, "
                "which describes the record: no chat), no person or meeting named; "
                + POEDITOR_KEYS,
            ),
            Expectation(
                at(POEDITOR, "/v2/projects/upload"),
                [CRED, TRANSCRIPT, NAME, MEETING],
                "POEditor",
                "multipart upload: id, language pt-br " + NO_LOCALE + ", updating, flags, "
                "api_token (credential), file part meeting-<number>-pt-br.po: msgctxt "
                "mtg-<number>.title with the topic as msgid (meeting metadata) and a caption "
                "cue '<guest full name>: The Pier 3 gauge drifted …' with its translation "
                "(transcript, name); User-Agent earns nothing",
            ),
            Expectation(
                at(POEDITOR, "/v2/contributors/add"),
                [CRED, NAME, EMAIL],
                "POEditor",
                "form body: the guest added as a pt-br proofreader: name (name), email "
                "(e-mail; an address under a describing key: no user id), language pt-br (the "
                "project language he is given to proofread, not his setting: no locale, the "
                "call I am least sure of), proofreader 1; " + POEDITOR_KEYS,
            ),
        ],
    ),
]

FORMAT_CLASSES: dict[str, str] = {
    "localazy-node": "JSON REST API calls",
    "gengo-py": "form-encoded API calls (JSON in a field), key and signature in the body",
    "poeditor-py": "form-encoded API calls (JSON in a field), token in the body",
}


def format_class(scenario: str, flow: dict[str, Any]) -> str:
    path = str(flow["request"].get("path", ""))
    if scenario == "crowdin-node" and path_is("/api/v2/storages")(flow):
        return "raw file upload (the subtitle file as the body, its name in a header)"
    if scenario == "modernmt-py":
        if path_is("/context-vector")(flow):
            return "multipart file upload (.vtt)"
        return "JSON REST API calls (POST with X-HTTP-Method-Override)"
    if scenario == "lokalise-py" and path.endswith("/files/upload"):
        return "JSON REST API call with a file base64-encoded in it (.srt)"
    if scenario == "poeditor-py" and path.startswith("/v2/projects/upload"):
        return "multipart file upload (.po)"
    if scenario == "gengo-py" and flow["request"].get("method") == "GET":
        return "GET with key and signature in the query"
    return FORMAT_CLASSES.get(scenario, "JSON REST API calls")


HELDOUT = HeldoutSet(
    name="heldout35",
    here=HERE,
    out=OUT,
    scenarios=SCENARIOS,
    scenario_hosts=SCENARIO_HOSTS,
    format_class=format_class,
)


if __name__ == "__main__":
    raise SystemExit(HELDOUT.main((__doc__ or "").splitlines()[0]))
