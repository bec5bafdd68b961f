"""Field detectors: data categories read from decoded fields by key names and value shapes.

The detectors follow the conventions of the taxonomy (docs/taxonomy.md):
- fields inside stack-frame source context (`Field.in_stack_frame`) never raise a label;
- values the SDK redacted (`[redacted]`, `[Filtered]`, `***`) raise nothing;
- standard request headers (User-Agent, Accept-Language, …) are not data the app chose to send,
  so only credentials are read from them; custom headers that carry data
  (`X-Super-Properties`, decoded by the decoders) are read like bodies;
- a time zone alone is locale, a bare host name is a network identifier;
- every hit carries a redacted excerpt: identifiers, contact data, content and credentials are
  masked to their first and last two characters.

The key tables, value tests and header names live in `auditor.vocabulary`, which the redactor,
the record serializer and the GUI read too: one vocabulary of sensitive fields.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import ahocorasick

from auditor.decode import media, textfile
from auditor.decode._core import BASE64_DOCUMENT_KIND
from auditor.decode.graphql import LAYER as GRAPHQL_LAYER
from auditor.label.meeting_text import (
    cue_title_topic,
    feedback_topics_in_text,
    meeting_topics_in_text,
    mentions_meeting,
    met_topics_in_text,
    topics_in_written_text,
)
from auditor.label.prose import (
    address_names,
    addresses_by_first_name,
    ip_addresses_in_text,
    meeting_notice_topics,
    meetings_in_text,
    named_addresses_in_text,
    names_in_text,
    person_name_shaped,
    phones_in_text,
    place_value,
    places_in_text,
    places_named,
)
from auditor.records import Field
from auditor.vocabulary import (  # the key tables, value tests and header names
    _ATTRIBUTE_NAME_RE,
    _AUTH_SCHEME_RE,
    _EMAIL_RE,
    _JOIN_LINK_RE,
    _TEL_URI_RE,
    AUDIO,
    CHAT,
    COARSE,
    COORDINATE_QUERY_KEYS,
    COORDINATE_TEXT_KEYS,
    CRED,
    CUSTOM_PROPERTY_PREFIXES,
    DID,
    EMAIL,
    FILES,
    HW,
    LOCALE,
    MACHINE_ARCH_KEYS,
    MEETING,
    NAME,
    NET,
    NID,
    OS,
    PARENT_GROUPS,
    PARENT_KEYS,
    PERF,
    PHONE,
    PRECISE,
    PUSH_TOKEN_STARTS,
    QUERY_ONLY_KEYS,
    QUERY_SECRET_KEYS,
    ROLE_EMAIL_KEYS,
    TRANSCRIPT,
    UID,
    VALUE_DECIDED_KEYS,
    VIDEO,
    Rule,
    _data_path,
    classify,
    coordinate_text_decimals,
    display_name_of,
    header_key,
    header_kind,
    is_redacted,
    is_standard_header,
    normalise_key,
    parent_key,
    path_secret,
    quality_metric_name,
    v_account_email,
    v_account_id,
    v_account_ref,
    v_agent_comment_os,
    v_agent_header,
    v_app_user_ref,
    v_coordinate,
    v_count,
    v_cred,
    v_email_address,
    v_hostname,
    v_id,
    v_ip,
    v_mac,
    v_matrix_user_id,
    v_name,
    v_os_word,
    v_person_name,
    v_phone,
    v_push_token,
    v_runtime_token,
    v_signed_token,
    v_text,
    v_user_id,
    v_user_ref,
    valid_international_number,
    webhook_url,
)

if TYPE_CHECKING:
    from auditor.label.known_values import KnownValueGathering

# Headers set by the HTTP stack, not by the app: no value of the user or machine in them (the
# known-value search leaves them out; kept here, as the detectors gather its strings).
_SKIP_HEADERS = frozenset(
    {
        "host",
        "content-type",
        "content-length",
        "content-encoding",
        "accept",
        "accept-encoding",
        "connection",
        "user-agent",
        "accept-language",
        "cache-control",
        "pragma",
        "te",
    }
)
_SKIP_HEADER_CACHE: dict[str, bool] = {}


def skip_header(name: str) -> bool:
    """True for a header the known-value search does not read."""
    skip = _SKIP_HEADER_CACHE.get(name)
    if skip is None:
        skip = name.lower() in _SKIP_HEADERS
        if len(_SKIP_HEADER_CACHE) < 10_000:
            _SKIP_HEADER_CACHE[name] = skip
    return skip


# --------------------------------------------------------------------------------------------
# Redaction of excerpts

SENSITIVE_PREFIXES = ("identifiers.", "contact_info.", "customer_content.", "credentials")
SENSITIVE_CATEGORIES = frozenset({"meeting_metadata", "location.precise", "credentials"})


def mask(value: object) -> str:
    """First and last two characters of a secret or identifier, never more."""
    text = str(value)
    n = len(text)
    if n <= 4:
        return "*" * n if n else ""
    if n <= 8:
        return f"{text[0]}…{text[-1]}"
    return f"{text[:2]}…{text[-2:]} ({n} chars)"


def shorten(value: object, limit: int = 60) -> str:
    text = str(value).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


_SENSITIVE_CACHE: dict[str, bool] = {}


def is_sensitive(category: str) -> bool:
    sensitive = _SENSITIVE_CACHE.get(category)
    if sensitive is None:
        sensitive = category in SENSITIVE_CATEGORIES or category.startswith(SENSITIVE_PREFIXES)
        if len(_SENSITIVE_CACHE) < 1000:  # the taxonomy's categories: a few dozen
            _SENSITIVE_CACHE[category] = sensitive
    return sensitive


def excerpt_for(category: str, key: str, value: object) -> str:
    shown = mask(value) if is_sensitive(category) else shorten(value)
    return f"{key}={shown}" if key else shown


# Device product names inside free text (log lines, device lists): headsets, cameras, audio
# chips. Taxonomy: "microphone/camera/headset names" are device_info.hardware.
_DEVICE_NAME_RE = re.compile(
    r"\b(jabra|logitech|plantronics|polycom|poly (?:voyager|blackwire|sync|studio)|sennheiser|"
    r"epos|bose|airpods|yealink|razer|hyperx|steelseries|shure|blue yeti|elgato|lifecam|"
    r"facetime hd camera|realtek|conexant|usb (?:headset|audio|microphone|camera|webcam)|"
    r"hd (?:webcam|camera)|integrated (?:camera|webcam|microphone)|"
    r"built-in (?:microphone|camera|speakers?))\b",
    re.IGNORECASE,
)
# A word every match of `_DEVICE_NAME_RE` contains, in lower case: one Aho-Corasick pass rejects
# nearly all values for a fraction of the regex's cost (a big case-blind alternation tried at
# every position).
_DEVICE_STEMS = ahocorasick.Automaton()
for _stem in (
    *[
        "jabra",
        "logitech",
        "plantronics",
        "polycom",
        "sennheiser",
        "epos",
        "bose",
        "airpods",
        "yealink",
        "razer",
    ],
    *["hyperx", "steelseries", "shure", "elgato", "lifecam", "realtek", "conexant"],
    *("poly ", "blue yeti", "facetime hd camera", "usb ", "hd ", "integrated ", "built-in "),
):
    _DEVICE_STEMS.add_word(_stem, _stem)
_DEVICE_STEMS.make_automaton()


# An operating system with its version, and the kind of network, as people write them in a
# support comment (only such text is read for them: elsewhere a bare "Windows" is no fact).
_OS_IN_TEXT_RE = re.compile(
    r"\b(?:windows (?:7|8(?:\.1)?|10|11)|mac ?os(?: x)? ?(?:\d+(?:\.\d+)*|ventura|sonoma|sequoia|"
    r"monterey|big sur)|ubuntu \d+\.\d+|debian \d+|fedora \d+|android \d+|i(?:pad)?os \d+(?:\.\d+)*|"
    r"chrome ?os)\b",
    re.IGNORECASE,
)
# Keys whose free-text value says what the client runs on (`client`, `Last client`,
# `platform`, `device_info`, `environment`, `user_agent`): an OS with its version in them is the
# user's OS (issue 15ao).
_PLATFORM_TEXT_KEY_RE = re.compile(
    r"(?:^|[._\s-])(?:client|platform|device|environment|env|user[_ -]?agent|"
    r"(?:client|device|platform|system)[_ -]?info)$",
    re.IGNORECASE,
)
_NETWORK_IN_TEXT_RE = re.compile(
    r"\b(?:wi-?fi|wlan|ethernet|lte|[345]g (?:network|connection|signal)|cellular|mobile data|"
    r"tethering|hotspot)\b",
    re.IGNORECASE,
)
# The shortest text `_DEVICE_NAME_RE` matches (`epos`, `bose`): shorter values skip the test.
_DEVICE_NAME_MIN = 4
# Phone and tablet models a person names in a comment ("he was on Android 14, Pixel 8"): read
# in comments only, where a model is the writer's or a colleague's device (issue 15).
_PHONE_MODEL_RE = re.compile(
    r"\b(?:pixel \d{1,2}[a-z]?(?: pro| xl)?|iphone(?: \d{1,2}| se| x[rs]?)(?: pro(?: max)?| plus| mini)?|"
    r"ipad(?: pro| air| mini)?|galaxy (?:s|a|z fold|z flip|note|tab s?)\s?\d{1,2}\w{0,5}|"
    r"oneplus \d{1,2}\w?|redmi(?: note)? \d{1,2}\w?)\b",
    re.IGNORECASE,
)
# Shortest text read for names and phone numbers ("Mei Tanaka", "+4915155501847").
_PROSE_MIN = 8
# (value, key, normalised key, path layer, versionish bit) → `_prose_hits`' hits as (category,
# detector, excerpt, confidence): values up to this long, this many of them
_PROSE_HITS: dict[tuple[str, str, str, str, int], tuple[tuple[str, str, str, float], ...]] = {}
_PROSE_MEMO_MAX_CHARS = 2_000
_PROSE_MEMO_SIZE = 10_000


_MAY_NAME_DEVICE: dict[str, bool] = {}


# A minutes document's title names the meeting it records ("Quarterly roadmap review -
# minutes", "Minutes: Vendor sync", "Minutes of the budget review"; issue 15x): the title is the
# meeting's topic. A line alone, "minutes" right after a dash or colon, or before one; "Read
# time - 5 minutes" (a number before the word) and one-word titles are not.
_MINUTES_TITLE_RE = re.compile(
    r"^[ \t]*(?:(?:meeting[ \t]+)?minutes[ \t]*(?::|[-\u2013\u2014][ \t])[ \t]*(?P<after>[^\n]+?)"
    r"|minutes[ \t]+of[ \t]+(?:the[ \t]+)?(?P<of>[^\n]+?)"
    r"|(?P<before>[^\n]+?)[ \t]*(?:[:|]|[ \t][-\u2013\u2014])[ \t]*(?:meeting[ \t]+)?minutes)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def minutes_titles(text: str) -> list[str]:
    """The meeting topics the titles of minutes in `text` name."""
    found: list[str] = []
    for match in _MINUTES_TITLE_RE.finditer(text):
        topic = (match.group("after") or match.group("of") or match.group("before") or "").strip()
        words = topic.split()
        if (
            2 <= len(words) <= 10
            and sum(c.isalpha() for c in topic) >= 5
            and not topic[-1].isdigit()
            and topic not in found
        ):
            found.append(topic)
    return found


def _may_name_device(value: str) -> bool:
    """False when `_DEVICE_NAME_RE` cannot match `value` (non-ASCII text, whose case folding
    the lower-case stems do not cover, always goes to the regex). Short values are remembered:
    the same labels, versions and names recur from flow to flow, and a look-up costs a tenth of
    the lower-casing and the stem scan."""
    may = _MAY_NAME_DEVICE.get(value)
    if may is None:
        may = not value.isascii() or next(_DEVICE_STEMS.iter(value.lower()), None) is not None
        if len(value) <= 64:
            if len(_MAY_NAME_DEVICE) >= 20_000:
                _MAY_NAME_DEVICE.clear()
            _MAY_NAME_DEVICE[value] = may
    return may


# First four letters of the schemes `_AUTH_SCHEME_RE` knows (bearer, basic, token, digest,
# sentry, ssws, hmac): the regex runs only on values that start like one.
_AUTH_SCHEME_STARTS = frozenset({"bear", "basi", "toke", "dige", "sent", "ssws", "hmac"})
# Sibling keys that say a text field is a message to other people (Mattermost `channel_id` +
# `message`, Rocket.Chat `rid` + `msg`).
CONVERSATION_KEYS = frozenset(
    {
        "channelid",
        "channel",
        "conversationid",
        "threadid",
        "roomid",
        "rid",
        "recipientid",
        "recipients",
        "tochannel",
        "tocontact",
        "chatid",
        "dmid",
        "peerid",
        "toid",
        "to",
    }
)
# Request bodies that are documents (a file upload) by their content type.
_DOCUMENT_TYPES_RE = re.compile(
    r"^(application/(pdf|msword|rtf|zip|x-zip-compressed|x-7z-compressed|"
    r"vnd\.openxmlformats-officedocument\.[\w.-]+|vnd\.ms-[\w.-]+|vnd\.oasis\.[\w.-]+)|"
    r"text/csv)$"
)

# Keys that carry chat text when the flow or the field path is about messages.
CHAT_CONTEXT_KEYS = frozenset(
    {"text", "message", "content", "body", "msg", "plaintext", "richtext", "markdown"}
)
# (a discussion's or a forum's entries, posts and replies are what people write to its readers:
# `/discussion_topics/<id>/entries`, `/forums/<id>/posts`; issue 15bi)
_CHAT_PATH_RE = re.compile(
    r"chat|message|conversation|discussion|/forums?/|/channels/\d+/messages|/threads?/|"
    r"postmessage|/dm\b|/im\.",
    re.I,
)
_CHAT_FIELD_PATH_RE = re.compile(r"chat|\bmessages\b|conversation|thread|\bcomments?\b", re.I)
# A comment's, reply's, post's or message's text under a compound key (`comment[text_comment]`,
# `reply_body`, `message_text`; issue 15bi): a chat key as `text` is, under the same context.
_COMPOUND_CHAT_KEYS = frozenset(
    f"{a}{b}"
    for thing in ("comment", "reply", "post", "message")
    for text in ("text", "body", "content")
    for a, b in ((thing, text), (text, thing))
)
# Feedback a person leaves on another's graded work (a teacher's feedback on a submission, an
# assignment or a grade: `/dropbox/folders/<id>/feedback/user/<id> {Feedback: {Text}}`; issue
# 15bi) is her text to that person: chat. Feedback to a product (an NPS comment, a survey's
# answer, a trace's score; docs/taxonomy.md) is not, and a form's submissions are no graded work.
_GRADED_WORK_PATH_RE = re.compile(
    r"/(?:submissions?|assignments?|grades?|gradebook|dropbox|homeworks?|coursework)(?:/|$)", re.I
)
_FORM_PATH_RE = re.compile(r"/forms?/", re.I)


@lru_cache(maxsize=1024)
def _graded_work_path(url_path: str) -> bool:
    """`url_path` addresses graded work (`_GRADED_WORK_PATH_RE`), no form's submissions. Asked
    only for a feedback object's text, so other flows pay nothing for it."""
    return (
        _GRADED_WORK_PATH_RE.search(url_path) is not None and _FORM_PATH_RE.search(url_path) is None
    )


# A comment endpoint of a work tool (issue 15): a comment or reply posted to a page, issue, task,
# file or ticket (`/comments`, `/issue/KEY-1/comment`, `/comments/<id>` when edited), or a story
# or note added under one item (`/tasks/<id>/stories`, `/issues/<iid>/notes`). What a person
# writes there goes to the item's other people: chat. A top-level `/notes` or `/stories` is a
# document (a notes app, a CMS), not a comment.
_COMMENT_PATH_RE = re.compile(
    r"/(?:comments?|replies|reply)(?:/[^/]*\d[^/]*)?/?$|"
    # a comment on one kind of item by the item's name (`/2/event_comment`; issue 15bl)
    r"/[a-z]+_comments?/?$|"
    r"/[a-z][\w-]*/(?!v\d+(?:\.\d+)*/|\d+(?:\.\d+)+/)[^/]*\d[^/]*/(?:notes|stories)/?$|"
    # An article (a reply or an agent's internal note) added to a help-desk ticket
    # (`/ticket_articles`, `/tickets/<id>/articles`; issue 15am): written to the ticket's people.
    r"/ticket_articles/?$|/tickets/[^/]*\d[^/]*/articles/?$|"
    # An update or post created under one item (`/projects/<id>/updates`, `/topics/<id>/posts`;
    # issue 15f), not a software's or a device's updates (release notes, firmware).
    r"/(?!(?:apps?|applications?|devices?|packages?|releases?|firmwares?|versions?|builds?|"
    r"clients?|extensions?|plugins?|addons?|products?)/)[a-z][\w-]*/"
    r"(?!v\d+(?:\.\d+)*/|\d+(?:\.\d+)+/)[^/]*\d[^/]*/(?:updates|posts)/?$",
    re.I,
)
_COMMENT_WORDS = ("comment", "repl", "notes", "stories", "updates", "posts", "articles")
# A help-desk ticket being created (`/tickets`, `/tickets.json`; issue 15f): a person writing to
# the support staff (docs/taxonomy.md, Conventions). Its text is chat when the ticket names its
# requester (an e-mail, a requester, customer or contact); its subject and title are not.
_TICKET_PATH_RE = re.compile(r"/tickets(?:\.json)?/?$", re.I)
_TICKET_TEXT_KEYS = frozenset({"description", "body", "message", "content", "text"})
_REQUESTER_KEYS = frozenset(
    {
        *("email", "requester", "requesterid", "requesteremail", "customer", "customerid"),
        *("contact", "contactid", "contacts", "from"),
    }
)
# A GraphQL mutation that posts a comment or reply (`mutation createComment(…) { commentCreate(…)`,
# `addComment`, `postReply`; issue 15): its variables' text is chat. The operation's name and its
# first root field are read; a query (`comments(first: 10)`) is not a post.
_GRAPHQL_MUTATION_RE = re.compile(r"^\s*mutation\b\s*(\w*)[^{]*\{\s*(\w+)")
_COMMENT_OPERATION_RE = re.compile(
    r"^(?:create|add|post|send|update|edit|reply|submit)\w*(?:comment|reply|replies)|"
    r"^(?:comment|reply)\w*(?:create|add|post|update|edit)$|"
    # an update, post or message created on an item (`create_update`, `createPost`,
    # `projectUpdateCreate`, `messageSend`; issue 15f); not `update_item`, `issueUpdate`,
    # `create_or_update_item` or `createBulkUpdate`, which change an item's fields; a support
    # thread or ticket opened with the customer's own message to the support staff
    # (`createThread`; the taxonomy's help-desk ticket, issue 15aj)
    r"^(?:create|add|post|send|submit)_?(?:update|post|message|thread|ticket|conversation)s?$|"
    r"^(?:[a-z]+_?)?(?:update|post|message)_?(?:create|add|post|send)$",
    re.I,
)
_TRANSCRIPT_PATH_RE = re.compile(r"transcri|caption|summar|subtitle|/ai/", re.I)
# A speech-synthesis endpoint (`/text-to-speech/<voice>`, `/tts`, `/synthesize`): its text is
# what a voice reads out. A recap or summary of a meeting read out to a participant is the
# meeting's summary (transcript, as `meetingsummary`), its opening naming the meeting's topic;
# other text to read (a greeting, a prompt) is not (issue 15am).
_SPEECH_SYNTHESIS_PATH_RE = re.compile(
    r"text-?to-?speech|/tts(?:/|$)|/synthesi[sz]e|/speech/synthes", re.I
)
# A content-processing endpoint: speech to text, text to speech, translation, text analysis
# (`/v2/transcript`, `/v1/listen`, `/speechtotext/…`, `/v2/translate`, `/tts`, `/voice/send`,
# `/v1/read`). The language it is given is the content's (transcribe this audio in en,
# translate this text into nl), a parameter of the processing, not a setting of the user's
# device: no locale (issue 15aq). Caption tracks are not here: a track's declared language
# stays locale (the taxonomy's event-semantics convention).
_CONTENT_PROCESSING_PATH_RE = re.compile(
    r"transcri(?:be|bes|ption|ptions|pt/?$)|speech|/listen/?$|/read/?$|translat|/tts(?:/|$)|"
    r"synthesi[sz]e|/voice/|/asr(?:/|$)|/stt(?:/|$)|/dubbing|/glossar(?:y|ies)|"
    # a look-up that computes its answer from the request's input (geocoding, directions,
    # routing, autosuggest, a conversion, a place search): the language is the answer's
    # (`language=en`: street names and instructions in English; issue 15bo)
    r"geocod|/directions/|/route(?:s|/)|/routing/|/autosuggest|/autocomplete|/convert-to|"
    r"/places?/|/reverse(?:/|$)",
    re.I,
)
# The keys under which such a request names the content's language.
CONTENT_LANGUAGE_KEYS = frozenset(
    [
        "language",
        "languagecode",
        "languages",
        "languagehints",
        "lang",
        "langcode",
        "sourcelang",
        "targetlang",
        "sourcelanguage",
        "targetlanguage",
        "sourcelanguagecode",
        "targetlanguagecode",
        "detectlanguage",
    ]
)
# A settings object of a speech or translation job (`transcription_config`,
# `translation_config`): its language is the job's, on whatever endpoint (a batch `/jobs`).
_CONTENT_JOB_SETTINGS_KEYS = frozenset(
    {"transcriptionconfig", "translationconfig", "speechconfig", "sttconfig", "ttsconfig"}
)
# The objects whose language is a person's or a device's own, even on such an endpoint.
_PERSON_RECORD_KEYS = frozenset(
    [
        "user",
        "profile",
        "device",
        "account",
        "contact",
        "customer",
        "person",
        "settings",
        "preferences",
        "member",
        "owner",
        "client",
        "userinfo",
        "userprofile",
    ]
)
# A translation endpoint (`/v2/translate`, `/translation`): a meeting's recap or summary sent
# to be translated is the meeting's summary as well (issue 15ar); other text is not.
# A translation job's source text keys (`body_src`, `source_text`): read there as `text` is
# (issue 15bp: a meeting's summary ordered as a human translation).
_TRANSLATION_SOURCE_KEYS = frozenset({"bodysrc", "sourcetext", "srctext", "textsrc"})
_TRANSLATION_PATH_RE = re.compile(r"/translat(?:e|ions?)(?:/|$)", re.I)
# A post's title on a messaging endpoint that reports on a meeting ("Outcome: <topic>",
# "Minutes: <topic>", "Action items: <topic>"; a rich post's `title`): it names the meeting the
# post reports on (issue 15am); another title ("Release notes", "Lunch?") names none.
_MEETING_REPORT_TITLE_RE = re.compile(
    r"^\s*(?:outcomes?|recap|minutes|summary|action\s+items|decisions|follow-?up|"
    r"meeting\s+notes)\s*:\s*\S",
    re.I,
)
_MEETING_RECAP_RE = re.compile(
    r"^\s*(?:(?:meeting\s+)?(?:recap|summary|minutes)\s+(?:of|for)\s+(?:the\s+)?"
    r"(?P<topic>[^.!?\n]{3,120}?)\s*[.!?\n]|meeting\s+(?:recap|summary)\s*:)",
    re.I,
)
# A document's or page's title or subject that names it the notes of a dated meeting ("Notes:
# <topic> (2026-12-10)", "Meeting notes: <topic>", "Minutes: <topic>", "Recap: <topic>"; issue
# 15at, generalising the post titles of 15am): it names the meeting. A bare "Notes:" needs the
# meeting's date after the topic: "Notes: release 2.3" and "Notes on API design" name none.
_MEETING_NOTES_TITLE_RE = re.compile(
    r"^\s*(?:(?:meeting\s+(?:notes|minutes|recap)|minutes|recap|outcomes?)\s*:\s*[A-Za-z]"
    r"|notes\s*:\s*[^\n]*[A-Za-z][^\n]*?[\s(\[,\u2013\u2014-]\s*"
    r"(?:\d{4}-\d\d-\d\d|\d{1,2}\s+[A-Za-z]{3,9}\s+\d{4}|[A-Za-z]{3,9}\s+\d{1,2},?\s+\d{4})"
    r"\s*[)\]]?\s*$)",
    re.I,
)
_MEETING_NOTES_TITLE_KEYS = frozenset({"title", "subject", "name"})
# A note one person writes to another under a `message` (a share's `message`, a signature
# request's `message.body`; issue 15at): it greets the person or is signed by its writer ("Hi
# Rangi, here is …", "… Thanks, Alice Example"). A template with placeholders ("Hi {{name}}")
# is the system's notification and a status ("OK", "Upload complete") greets no one: no chat.
_PERSONAL_NOTE_RE = re.compile(
    r"^\s*(?:hi|hello|hey|dear|kia\s+ora)\b[^.!?\n]{0,40}[,!.]\s*\S"
    r"|[.!]\s*(?:thanks|thank\s+you|cheers|regards|best|best\s+regards|kind\s+regards)[,!.]?"
    r"\s+[A-Z][a-z]+(?:\s+[A-Z][a-z'-]+)*\s*\.?\s*$",
    re.I,
)
# A whiteboard's content (issue 15at): the text of the sticky notes or shapes on a board, a
# list of items under `stickies`/`notes`/`shapes` (LiveList/LiveObject-style `data` layers
# between), is a document people wrote together (files, docs/taxonomy.md). A config's `notes`
# string is no such list.
_BOARD_ITEM_LISTS = frozenset({"stickies", "stickynotes", "sticky_notes", "notes", "shapes"})
_BOARD_ITEM_TEXT_KEYS = frozenset({"text", "content", "body"})
# A document drafted as HTML to be created as a template or a document (`POST /templates/html`
# with `html`, `documents[].html`; issue 15at): a document a person wrote (files). An e-mail's
# HTML body (`/mail/send`, `/emails`) and a page's markup sent to be crawled or monitored are not.
_DOCUMENT_CREATE_PATH_RE = re.compile(r"/(?:templates?|documents?)(?:/|$)", re.I)
_NOT_DOCUMENT_PATH_RE = re.compile(
    r"mail|message|notif|crawl|scrape|monitor|screenshot|render|pdf", re.I
)
_HTML_DOCUMENT_RE = re.compile(r"^\s*<[a-z!][^>]*>.*</[a-z0-9]+>", re.I | re.S)


def _board_item_text(nk: str, path: tuple[str, ...]) -> bool:
    """`path` (ending in `nk`) is the text of an item in a whiteboard's list of notes or shapes."""
    if nk not in _BOARD_ITEM_TEXT_KEYS:
        return False
    inner = [part for part in path[:-1] if part != "data"]
    return len(inner) >= 2 and inner[-1].isdigit() and inner[-2].lower() in _BOARD_ITEM_LISTS


def _drafted_html_document(nk: str, url_path: str, value: str) -> bool:
    """`value` under `html` is a document drafted as HTML on a template or document create."""
    return (
        nk == "html"
        and _DOCUMENT_CREATE_PATH_RE.search(url_path) is not None
        and _NOT_DOCUMENT_PATH_RE.search(url_path) is None
        and _HTML_DOCUMENT_RE.match(value) is not None
        and sum(c.isalpha() for c in re.sub(r"<[^>]*>", " ", value)) >= 40
    )


_TEMPLATE_PLACEHOLDER_RE = re.compile(r"\{\{|\{[a-z_]+\}|%\(?[a-z_]*\)?s|\$\{|<%", re.I)


def _personal_note(nk: str, path: tuple[str, ...], value: str) -> bool:
    """`value` under a `message` (or its `body`) is a note a person writes to another."""
    if not (nk == "message" or (nk == "body" and len(path) >= 2 and path[-2].lower() == "message")):
        return False
    return (
        8 <= len(value) <= 2000
        and "<" not in value[:1]
        and _PERSONAL_NOTE_RE.search(value) is not None
        and _TEMPLATE_PLACEHOLDER_RE.search(value) is None
    )


# A meeting API endpoint (`/meeting/schedule`, `/webinars/…`): its topic or title is the meeting's.
_MEETING_PATH_RE = re.compile(r"/(meetings?|webinars?|conferences?)(/|$)", re.I)
MEETING_CONTEXT_KEYS = frozenset({"topic", "title", "agenda", "subject"})
# OAuth/OpenID endpoints: their `client_id` names the application, not an install.
_AUTH_PATH_RE = re.compile(r"/(oauth2?|authorize|token|login|auth|openid[\w-]*)(/|$)", re.I)
TRANSCRIPT_CONTEXT_KEYS = frozenset({"text", "content", "summary", "body"})
# A speech job's settings (`transcription_config`, `caption_options`) and the words it is told
# to expect (`additional_vocab: [{content}]`, `custom_vocabulary`, `word_boost`), and the
# background it is given (`context: {text, terms}`, issue 15am): what the job is asked to do,
# not a transcript (issue 15).
_JOB_SETTINGS_RE = re.compile(
    r"(?:config|configuration|settings|options|params|parameters|preferences|vocab|vocabulary|"
    r"wordboost|keywords|hints|phrases|boostparam|context)$"
)


# An account search or look-up of the fediverse client API (`/api/v1/accounts/search?q=`,
# `/accounts/lookup?acct=`), which Mastodon, Pleroma, Akkoma, GoToSocial and Misskey's
# compatibility layer share: the `user@instance` searched for is a handle (issue 15j).
_ACCOUNT_SEARCH_PATH_RE = re.compile(r"/accounts/(?:search|lookup)/?$", re.I)
# The key of a fediverse account's address in its client API (`acct`).
_HANDLE_KEYS = frozenset({"acct"})


def _fediverse_handle(value: str, match: re.Match[str], nk: str, ctx: FlowContext) -> bool:
    """The `user@instance` that `match` found in `value` is a fediverse handle, not an e-mail
    address (docs/taxonomy.md): written as a mention (`@user@instance`, the shape no mailbox
    has), under `acct`, or as the text searched for on an account search. The instance of an
    address cannot tell: any host may run an ActivityPub server."""
    start = match.start()
    if start and value[start - 1] == "@":
        return True
    if start or match.end() != len(value):
        return False
    if nk in _HANDLE_KEYS:
        return True
    return (
        nk in _QUERY_SEARCH_KEYS
        and "accounts" in ctx.url_path
        and _ACCOUNT_SEARCH_PATH_RE.search(ctx.url_path) is not None
    )


def _message_objects(path: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The objects a recipient's number at `path` makes a message: the one holding it, and the
    message around a list of recipients (`to_numbers › 0`) or of destination objects
    (`messages › 0 › destinations › 0 › to`; issue 15aa)."""
    objects = [path[:-1]]
    if len(path) >= 2 and path[-1].isdigit():
        objects.append(path[:-2])
    elif len(path) >= 3 and path[-2].isdigit():
        objects.append(path[:-3])
    return objects


# A room's or meeting's participants in a URL path (`/active-rooms/<id>/peers/<id>`,
# `/rooms/<id>/participants`, `/meetings/<id>/registrants`).
# The attendees of one event on a calendar API (`/calendars/<id>/events/<id>/attendees`).
_EVENT_ATTENDEES_PATH_RE = re.compile(r"/events/[^/]+/(?:attendees|invitees|guests)/?$", re.I)
_ROOM_PEER_PATH_RE = re.compile(
    r"/(?:active-rooms|rooms?|meetings?|webinars?|conferences?|calls?|sessions?)/[^/]+/"
    r"(?:peers?|participants?|attendees?|registrants?|members?)(?:/|$)",
    re.I,
)
# A person's role in a meeting (not a workspace's `admin`, `member` or `owner`).
_PARTICIPANT_ROLES = frozenset(
    "host cohost co-host guest attendee participant panelist panellist presenter speaker "  # noqa: SIM905
    "moderator viewer listener broadcaster audience interpreter".split()
)
# A cloud or data-residency region written as a service's lower-case code (`region: "eu"` of a
# room, tenant or account being set up); AWS-style codes (`eu-west-1`) no region key reads.
_CLOUD_REGION_CODES = frozenset(
    "eu us in au ap apac emea amer global auto eu1 eu2 us1 us2 us3 us5 ap1 ap2".split()  # noqa: SIM905
)


def _drop_cloud_regions(hits: list[Hit], cloud_regions: list[Field]) -> list[Hit]:
    """Without the coarse location of a `region` holding a cloud region's code in an object
    that names no other place (a room's `{name, template_id, region: "eu"}`): where a service
    keeps data, not where a person is (issue 15ae). Beside a city, a country or a postal code
    (a profile's address) the region stays a place."""
    dropped: set[str] = set()
    for fld in cloud_regions:
        prefix = fld.where[: len(fld.where) - len(fld.path[-1])]
        depth = fld.where.count(" › ")
        if not any(
            hit.category == COARSE
            and hit.where != fld.where
            and hit.where.startswith(prefix)
            and hit.where.count(" › ") == depth
            for hit in hits
        ):
            dropped.add(fld.where)
    if not dropped:
        return hits
    return [
        hit
        for hit in hits
        if not (
            hit.category == COARSE
            and hit.detector == "detector.coarse_location_key"
            and hit.where in dropped
        )
    ]


# Keys of an object's own metadata about the person it is (`metadata`, a peer's `user_data`).
_METADATA_KEYS = frozenset({"metadata", "meta", "userdata", "usermetadata", "custommetadata"})


def _metadata_owner(parent: tuple[str, ...]) -> tuple[str, ...] | None:
    """The object whose metadata `parent` is (`body › metadata` or, for a JSON string,
    `body › metadata › json` -> `body`), or None."""
    if len(parent) >= 2 and parent[-1] == "json" and normalise_key(parent[-2]) in _METADATA_KEYS:
        return parent[:-2]
    if len(parent) >= 2 and normalise_key(parent[-1]) in _METADATA_KEYS:
        return parent[:-1]
    return None


def _job_settings_path(path: tuple[str, ...]) -> bool:
    return any(
        _JOB_SETTINGS_RE.search(normalise_key(part)) is not None
        for part in path[:-1]
        if not part.isdigit()
    )


# --------------------------------------------------------------------------------------------
# Detection


@dataclass(slots=True)
class Hit:
    category: str
    detector: str  # evidence rule name, "detector.<name>"
    where: str
    excerpt: str
    confidence: float


@dataclass(frozen=True, slots=True)
class FlowContext:
    url_path: str = ""
    content_type: str = ""
    chat_endpoint: bool = False
    transcript_endpoint: bool = False
    meeting_endpoint: bool = False
    auth_endpoint: bool = False
    sms_endpoint: bool = False
    incoming_webhook: bool = False
    calendar_endpoint: bool = False
    events_endpoint: bool = False
    comment_endpoint: bool = False
    ticket_endpoint: bool = False
    speech_synthesis_endpoint: bool = False
    push_endpoint: bool = False
    content_processing_endpoint: bool = False
    translation_endpoint: bool = False


_MEETING_WORDS = ("meeting", "webinar", "conference")
# A calendar API (`/calendars/<id>/events`, `/freeBusy`, Graph's `/calendar/getSchedule`): the
# ids of its calendars are their owners' accounts, often their e-mail addresses (issue 15).
_CALENDAR_WORDS = ("calendar", "freebusy", "getschedule")
_CALENDAR_PATH_RE = re.compile(r"/(calendars?|freebusy|calendar/getschedule)(/|$)", re.I)
_AUTH_WORDS = ("auth", "token", "login", "openid")
# A push gateway's endpoints (a push, a topic subscription, a device look-up): the tokens they
# carry name app installs on devices (issue 15as).
_PUSH_WORDS = ("push", "notif", "notify", "subscri", "device")
_PUSH_PATH_RE = re.compile(
    r"/(push|notifications?|notify|(topics/)?(un)?subscribe|subscriptions?|devices?)(/|$)", re.I
)


def _has_word(url_path: str, words: tuple[str, ...], pattern: re.Pattern[str]) -> bool:
    """A substring test first: the regex runs only on the few paths that may match."""
    lowered = url_path.lower()
    return any(word in lowered for word in words) and pattern.search(url_path) is not None


@lru_cache(maxsize=4096)
def flow_context(url_path: str, content_type: str | None, host: str = "") -> FlowContext:
    """What the endpoint says about its fields; cached, as an app calls few endpoints. An
    incoming webhook (its URL ends with its secret: `_incoming_webhook`) posts a
    message into a channel: its text is chat, as on a `postMessage` endpoint (issue 15)."""
    incoming = _incoming_webhook(host, url_path)
    comment = _has_word(url_path, _COMMENT_WORDS, _COMMENT_PATH_RE)
    return FlowContext(
        url_path=url_path,
        content_type=(content_type or "").lower(),
        chat_endpoint=bool(_CHAT_PATH_RE.search(url_path)) or incoming or comment,
        comment_endpoint=comment,
        ticket_endpoint="tickets" in url_path.lower()
        and _TICKET_PATH_RE.search(url_path) is not None,
        incoming_webhook=incoming,
        transcript_endpoint=bool(_TRANSCRIPT_PATH_RE.search(url_path)),
        meeting_endpoint=_has_word(url_path, _MEETING_WORDS, _MEETING_PATH_RE),
        auth_endpoint=_has_word(url_path, _AUTH_WORDS, _AUTH_PATH_RE),
        sms_endpoint="sms" in url_path.lower(),
        calendar_endpoint=_has_word(url_path, _CALENDAR_WORDS, _CALENDAR_PATH_RE),
        events_endpoint=url_path.rstrip("/").lower().endswith("/events"),
        speech_synthesis_endpoint=_SPEECH_SYNTHESIS_PATH_RE.search(url_path) is not None,
        push_endpoint=_has_word(url_path, _PUSH_WORDS, _PUSH_PATH_RE),
        content_processing_endpoint=_CONTENT_PROCESSING_PATH_RE.search(url_path) is not None,
        translation_endpoint=_TRANSLATION_PATH_RE.search(url_path) is not None,
    )


def _content_language(
    path: tuple[str, ...], ctx: FlowContext, fields: Sequence[Field] = ()
) -> bool:
    """`path` (a language key) names the language of the content a request processes: on a
    content-processing endpoint, inside a speech or translation job's settings or in the
    parameters of a command that names such processing (`{command: "calling.live_transcribe",
    params: {…, lang}}`; issue 15bq), and not in a person's, an account's or a device's own
    record (whose language is theirs: locale)."""
    owners = [normalise_key(part) for part in path[1:-1]]
    if any(owner in _PERSON_RECORD_KEYS for owner in owners):
        return False
    return (
        ctx.content_processing_endpoint
        or any(owner in _CONTENT_JOB_SETTINGS_KEYS for owner in owners)
        or _processing_command(path, fields)
    )


# The keys a command envelope names its operation under (`{command, params}`, `{method,
# params}` of JSON-RPC, `cmd=` of a form command).
_COMMAND_KEYS = frozenset({"command", "method", "cmd", "operation"})


def _processing_command(path: tuple[str, ...], fields: Sequence[Field]) -> bool:
    """The envelope `path` is in names a content-processing operation as its command
    (`calling.live_transcribe`, `translateText`): read only for a language key that nothing
    else placed (rare), so the scan of the fields costs nothing elsewhere."""
    envelope = path[:1]
    for fld in fields:
        if (
            len(fld.path) == 2
            and fld.path[:1] == envelope
            and isinstance(fld.value, str)
            and normalise_key(fld.path[1]) in _COMMAND_KEYS
            and _CONTENT_PROCESSING_COMMAND_RE.search(fld.value) is not None
        ):
            return True
    return False


_CONTENT_PROCESSING_COMMAND_RE = re.compile(
    r"transcri(?:be|ption)|translat|speech|synthesi[sz]e|dubbing", re.I
)


def _incoming_webhook(host: str, url_path: str) -> bool:
    """A webhook URL that ends with its secret token (`vocabulary.webhook_url`, `path_secret`):
    what is posted there goes into a channel."""
    segments = url_path.split("/")
    return (
        len(segments) >= 3
        and webhook_url(host, segments)
        and path_secret(segments[-2], segments[-1], webhook_token=True)
    )


# Header names whose dotted numbers are versions, not IPv4 addresses (`X-Client-Version: 6.2.4.1`).
_VERSION_HEADER_RE = re.compile(r"version|build|release|ver$", re.I)

# Per-path plans: what a field at this path is, decided once and cached (paths repeat across the
# flows of one SDK, so the key normalisation and classification are not redone per field).
_NORMAL, _FILENAME, _CONTENT_TYPE, _LAT, _LON, _COORDINATE, _DECIDED = range(7)
# Kinds from `_FAST` on skip the per-field pass's key tests (`kind >= _FAST`: one comparison
# for every other field). A number, boolean or null under a key that no rule and no detector's
# key test reads: nothing to do past the plan (`_plan` decides it from what the loop would test).
# A standard header (`_SKIP`) says nothing; another header (`_HEADER`) goes to `_header` alone.
# `_PLAIN`: a string under a key that no rule, no `_F_*` bit and no key named in
# `_KEYS_READ_BY_NAME` concerns: only the value's own tests apply (the shape, prose and
# metric-name tests), so the key's blocks are not walked for it.
_FAST = 16
_PLAIN, _INERT, _SKIP, _HEADER = range(_FAST, _FAST + 4)
_F_CHAT_KEY = 1
_F_CHAT_PATH = 2
_F_TRANSCRIPT_KEY = 4
_F_TRANSCRIPT_PATH = 8
_F_VERSIONISH = 16
_F_DISPLAY_NAME = 32
_F_CONVERSATION = 64
_F_MEETING_KEY = 128
# Keys a detector reads by name beyond the key tables' rule: each membership is decided once per
# plan, so the per-field pass tests one bit instead of a set (or skips the test's whole block).
_F_TYPED_PART = 1 << 8  # `_TYPED_PARTS`
_F_AUTH_APP = 1 << 9  # `_AUTH_APP_KEYS`
_F_WEBHOOK_POSTER = 1 << 10  # `_WEBHOOK_POSTER_KEYS`
_F_SERIES = 1 << 11  # `_SERIES_NAME_KEYS`
_F_RECIPIENT = 1 << 12  # `_RECIPIENT_KEYS`
_F_MESSAGE_CHANNEL = 1 << 13  # `_MESSAGE_CHANNEL_KEYS`
_F_CHANNEL_NAME = 1 << 14  # `_CHANNEL_NAME_KEYS`
_F_DATA = 1 << 15  # `data`
_F_EVENT_NAME = 1 << 16  # `_EVENT_NAME_KEYS`
_F_DEVICE_NAME_KEY = 1 << 17  # `devicename`
_F_MACHINE_ARCH = 1 << 18  # `MACHINE_ARCH_KEYS`
_F_EVENT_MEMBER = 1 << 19  # `_EVENT_MEMBER_KEYS` (read for values of every type)
_F_DEVICE_TEXT = 1 << 20  # `_DEVICE_TEXT_KEYS`
# Keys whose value describes the device in words (a record's `Device: "Android 14 / Pixel 8"`):
# the hardware by the key's rule, and the OS as well when the words name one (issue 15).
_DEVICE_TEXT_KEYS = frozenset({"device", "hardware"})
_F_GRAPHQL_OP = 1 << 21  # `_GRAPHQL_OP_KEYS`
_GRAPHQL_OP_KEYS = frozenset({"query", "operationname"})
_F_SIGN_IN = 1 << 22  # `_SIGN_IN_KEYS`
_F_STATUS = 1 << 23  # `status`
# A note a person adds under one item (`POST /alerts/<id>/notes {note}`, an incident's note):
# written for the item's other people, chat on a comment endpoint only (issue 15m); a comment's
# text under a compound key (`POST /task/<id>/comment {comment_text}`; issue 15aj) likewise.
_F_NOTE_KEY = 1 << 24  # `_COMMENT_TEXT_KEYS`
_COMMENT_TEXT_KEYS = frozenset({"note", "commenttext", "commentbody"})
# A chat key's text under a `feedback` object (`Feedback: {Text}`): chat on a graded work's
# endpoint only (`_GRADED_WORK_PATH_RE`, issue 15bi).
_F_FEEDBACK_TEXT = 1 << 27
# Text a person writes to others under a key that is its record's own (issue 15bl, extending
# 15bi): a forum post's or a private message's `raw` on a posts or topics endpoint (the
# Discourse API's markdown of a topic, a reply or a message), an event's `comment` on a comment
# endpoint (`/event_comment`), a host's note to an invitee (`invitationMessage`; a
# `custom_message` or `personal_message` on an invitation endpoint: the inviter's own words), a
# FHIR Communication's `payload[].contentString` (a message between clinician and patient) and
# an entry an engineer logs on an incident's timeline (`/incidents/<id>/events {event}`: a note
# for colleagues, as issue 15m's incident notes). `_record_written_text` decides by endpoint.
_F_RECORD_TEXT = 1 << 28  # `_RECORD_TEXT_KEYS`
# Keys coordinates are sent under as one string (`coordinates=48.21581,16.38297`, a search's
# `q`, a route's `origin`; issue 15bo): `COORDINATE_TEXT_KEYS`, `COORDINATE_QUERY_KEYS`.
_F_COORDINATE_TEXT = 1 << 29
_INVITATION_NOTE_KEYS = frozenset(
    {"invitationmessage", "invitemessage", "invitationnote", "invitenote", "invitationtext"}
)
_INVITE_ENDPOINT_NOTE_KEYS = frozenset({"custommessage", "personalmessage", "personalnote"})
_RECORD_TEXT_KEYS = (
    _INVITATION_NOTE_KEYS
    | _INVITE_ENDPOINT_NOTE_KEYS
    | {
        "raw",
        "comment",
        "contentstring",
        "event",
    }
)
_FORUM_POST_PATH_RE = re.compile(r"/(?:posts|topics)(?:\.json)?/?$", re.I)
_INCIDENT_TIMELINE_PATH_RE = re.compile(r"/incidents?/[^/]+/(?:events?|timeline)/?$", re.I)
_INVITATION_PATH_RE = re.compile(r"/invit(?:es?|ations?)(?:/|$)", re.I)


def _record_written_text(nk: str, path: tuple[str, ...], ctx: FlowContext) -> bool:
    """`nk` (a `_RECORD_TEXT_KEYS` key at `path`) holds text a person wrote to others on this
    endpoint (`_F_RECORD_TEXT`). Asked only for those keys' string values."""
    if nk == "contentstring":
        return len(path) >= 3 and normalise_key(path[-3]) == "payload"
    if nk == "comment":
        return ctx.comment_endpoint
    return _record_text_endpoint(nk, ctx.url_path)


@lru_cache(maxsize=1024)
def _record_text_endpoint(nk: str, url_path: str) -> bool:
    """The endpoint test of `_record_written_text` (cached: an `event` key recurs on every
    analytics flow, and its endpoint is one of few)."""
    if nk in _INVITATION_NOTE_KEYS:
        return True
    if nk in _INVITE_ENDPOINT_NOTE_KEYS:
        return _INVITATION_PATH_RE.search(url_path) is not None
    if nk == "raw":
        return _FORUM_POST_PATH_RE.search(url_path) is not None
    return _INCIDENT_TIMELINE_PATH_RE.search(url_path) is not None  # `event`


_F_WRITTEN_TEXT = _F_CHAT_KEY | _F_NOTE_KEY | _F_RECORD_TEXT
# (`_F_FEEDBACK_TEXT` comes with `_F_CHAT_KEY`)
# A topic or title under an object that is a meeting's (`meeting_settings: {topic}`,
# `meeting: {title}`, `webinar_info`; issue 15am): the meeting's, whatever the endpoint.
_F_MEETING_PARENT = 1 << 25
_MEETING_PARENT_RE = re.compile(r"^(?:meeting|webinar|conference)(?:settings|info|details|s)?$")
# A participant's attendance record (a table or collection of attendances: `PATCH
# /v0/<base>/Attendance/<record> {fields: {Minutes: 52, Left: <time>}}`; issue 15az): a time
# in the meeting beside when the person joined or left is meeting metadata (who was in the
# meeting, and how long). Hours worked or a student's presence name no join or leave time.
_ATTENDANCE_PATH_RE = re.compile(r"/(?:meeting[-_]?)?attendances?(?:[-_]?records?)?(?:/|$)", re.I)
_ATTENDANCE_LENGTH_KEYS = frozenset(
    {"minutes", "duration", "durationminutes", "durationseconds", "seconds", "timeattended"}
)
_ATTENDANCE_PRESENCE_KEYS = frozenset(
    {"joined", "left", "joinedat", "leftat", "jointime", "leavetime", "jointimestamp"}
    | {"leavetimestamp", "joints", "leavets"}
)
# Keys of a record's title, name or status, where a cue may frame a meeting's topic ("In a
# meeting: <topic>", "Follow-up: <topic> review", "<topic> review follow-ups"; issue 15az).
_F_CUE_TITLE = 1 << 26
_CUE_TITLE_KEYS = frozenset(
    {"title", "subject", "name", "statustext", "label", "headline", "heading", "summary"}
)
# A status update a person publishes (the fediverse client API's `POST /api/v1/statuses`, the
# microblog `statuses/update` of Twitter's v1.1 API): its `status` is the post's text, chat as
# a message's (docs/taxonomy.md, issue 15j); not a commit's or an order's status.
_STATUS_POST_PATH_RE = re.compile(r"/statuses(?:/update(?:\.json)?)?/?$", re.I)
# A sign-in's `identifier` beside its `password` (AT Protocol `createSession`, Strapi's
# `/auth/local`): the name the person signs in with, a handle or an address (issue 15j).
_SIGN_IN_KEYS = frozenset({"identifier", "password"})
# A string value goes through all of `_value_shapes` only when one of its tests can apply: a
# context key (meeting, chat, transcript), an "@", a first character that starts a digit, a
# tel: URI, a JWT or an auth scheme, a ":" near the start (IPv6, MAC) or the length of a MAC.
# Every other string can only name a device.
_F_SHAPE_CONTEXT = _F_CHAT_KEY | _F_TRANSCRIPT_KEY | _F_MEETING_KEY | _F_NOTE_KEY | _F_RECORD_TEXT
_SHAPE_FIRSTS = frozenset("0123456789tTebBdDsShH")
# A person's profile on a professional or social network by its handle (`linkedin.com/in/<handle>`,
# `github.com/<login>`, `x.com/<handle>`): the person's account on another service, a user id
# (heldout15). A company page (`/company/…`), a post or a repository (a second path segment) and
# the sites' own pages are not profiles.
_PROFILE_URL_RE = re.compile(
    r"^https?://(?:www\.|[a-z]{2}\.|mobile\.)?"
    r"(?:linkedin\.com/in/|github\.com/|(?:twitter|x)\.com/)@?([A-Za-z0-9][A-Za-z0-9_.-]{1,99})/?$"
)
_PROFILE_SITE_PAGES = frozenset(
    {
        "home",
        "explore",
        "search",
        "settings",
        "login",
        "logout",
        "signup",
        "join",
        "orgs",
        "features",
        "about",
        "pricing",
        "company",
        "i",
        "intent",
        "share",
        "hashtag",
        "notifications",
        "messages",
        "marketplace",
        "topics",
        "trending",
        "sponsors",
        "tos",
        "privacy",
        "enterprise",
        "team",
        "pulls",
        "issues",
        "new",
    }
)
_DISPLAY_NAME_KEYS = frozenset(
    {"username", "name", "fullname", "from", "sender", "sendername", "fromname"}
)
# Keys naming a realtime channel or room, whose name may carry a user's id
# (`private-user-<id>`, `#server-to-user-<id>`; issue 15).
_CHANNEL_NAME_KEYS = frozenset({"channel", "channels", "channelname", "room", "roomname"})
_CHANNEL_USER_RE = re.compile(
    r"(?:^|[#:._-])users?[-_:.]([A-Za-z0-9_]*\d[A-Za-z0-9_]*)$", re.IGNORECASE
)
# Event names of a chat message (`chat-message`, `new_message`): a `text`/`message` in the
# event's data is the message (issue 15); not a UI event about a chat panel.
_CHAT_EVENT_RE = re.compile(
    r"^(?:(?:new|send|post)[-_. ]?)?(?:chat[-_. ]?messages?|chat|messages?)"
    r"(?:[-_. :]?(?:sent|posted|created|new|send|received))?$",
    re.IGNORECASE,
)
_EVENT_NAME_KEYS = frozenset({"name", "event", "eventname", "eventtype", "type"})
# A record typed by its lexicon id (`$type`, a namespaced id) as a post (`app.bsky.feed.post`):
# the post a person publishes to others, whose `text` is chat as a message's (issue 15j); not a
# profile (`….actor.profile`: its description is a bio), a like, repost or follow.
_POST_RECORD_TYPE_RE = re.compile(r"^[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)+\.post$")
# Keys naming where a message goes (issue 15): a phone-shaped value there is a phone number when
# it is written with its `+` or the endpoint sends SMS (`/transactionalSMS/sms`,
# `recipient: "41791234567"`); elsewhere a string of digits is an id, not a phone.
# Keys whose value names a metric series (a data point's name).
_SERIES_NAME_KEYS = frozenset({"metric", "metricname", "name", "series", "seriesname"})
_RECIPIENT_KEYS = frozenset(
    {"recipient", "to", "destination", "receiver", "dest", "tonumber", "recipientnumber"}
    # a list of the numbers a message goes to (`to_numbers: ["+7701…"]`; issue 15aa)
    | {"tonumbers", "recipientnumbers"}
    # A call's or message's source and destination numbers (telephony APIs' and call detail
    # records' `src`/`dst`, a call's `caller`/`callee`; sdk10): the same test, the same rule.
    | {"src", "dst", "srcnumber", "dstnumber", "caller", "callee", "callerid", "calleeid"}
)
# A `phone_number` in bare international digits beside a message (`phone_number=48601238904&
# message=…` of a messaging or voice-call API; issue 15av): on a messaging path, the number
# the SMS or the call goes to, read as a recipient's (a `+` number keeps its own phone rule).
_BARE_NUMBER_RECIPIENT_KEYS = frozenset({"phonenumber"})
_COORDINATE_LISTS = frozenset({"coordinates", "coords", "latlng", "lnglat", "lonlat", "point"})
# Keys naming the channel a message goes by, and the channels that are SMS (issue 15).
_MESSAGE_CHANNEL_KEYS = frozenset({"channel", "type", "messagetype", "messagechannel"})
_SMS_CHANNELS = frozenset({"sms", "mms"})
# A message typed as the system's (`type: system-notice`, `system`, `notification`): a notice a
# backend broadcasts to a room or channel ("Recording has started"), no person wrote it, so not
# chat (issue 15ad, heldout18); a participant's message (`type: chat|text`) stays chat.
_SYSTEM_NOTICE_TYPE_RE = re.compile(
    r"^(?:system|system[-_. ]?(?:notices?|messages?|notifications?|alerts?|events?|info)|"
    r"notices?|notifications?|service[-_. ]?(?:notices?|messages?))$",
    re.IGNORECASE,
)
# Members only a push notification has (the alert sound; APNs, FCM's
# `notification`, Expo and Pushover messages): its text is a notification, not chat (issue 15t).
_PUSH_NOTIFICATION_KEYS = frozenset({"sound"})
# A `title` beside a `message`: a notification's heading (a chat line has no title).
_NOTIFICATION_TITLE_KEYS = frozenset({"title"})
# The user's own device an SMS is sent through (`target_device_iden`: the phone that sends
# it): the user's text message to a person, not a backend's SMS notification (issue 15w).
_SENDING_DEVICE_KEYS = frozenset({"targetdeviceiden", "sourcedeviceiden", "sendingdeviceid"})
# The user an SMS is sent on behalf of, from her own line, beside the numbers it goes to
# (`{user_id, to_numbers, text}` of a cloud phone's SMS API; issue 15aa): her text to a person,
# chat as one sent through her phone is. An API account's `username` and a brand's sender id
# (`from: "AcmeMeet"`) name no person sending.
_SENDING_USER_KEYS = frozenset({"userid", "fromuserid", "senderuserid", "onbehalfofuserid"})
# A request whose path names a message, a one-time PIN or a call (`/sms/2/text/advanced`,
# `/2fa/2/pin`, `/messages`, `/verify`, a voice call's `/v1/voice`; issue 15av): a recipient's digits without their `+` are a phone
# number when libphonenumber calls them one in international form (issue 15aa). A generic
# `/send` or `/notify` does not say so: its digits may be a user's id (sdk9).
_MESSAGING_PATH_RE = re.compile(
    r"sms|mms|messag|whatsapp|/(?:2fa|otp|mfa|pins?|verify|verifications?|calls?|voice)(?:/|$)",
    re.I,
)
# On an OAuth endpoint these name the application or the organisation's account.
_AUTH_APP_KEYS = frozenset({"clientid", "accountid"})
# Names of an API key, as a header or a request member (`apiKey`, `X-API-Key`, `api_key`): a
# request-level `username` sent beside one is the API account's (issue 15ab).
_API_KEY_NAMES = frozenset({"apikey", "xapikey", "apitoken", "xapitoken", "apisecret"})
# Request members that make a `username` a person's: a login's password, a profile's e-mail or
# name.
_PERSON_MEMBER_KEYS = frozenset(
    {
        *("password", "passwd", "pwd", "passcode", "email", "emailaddress", "mail"),
        *("name", "fullname", "displayname", "firstname", "lastname", "givenname"),
        *("familyname", "surname", "nickname", "avatar", "avatarurl", "bio"),
    }
)
# A path about people, their profiles or sign-in (`/users`, `/me`, `/profile`, `/signup`).
_PERSON_PATH_RE = re.compile(
    r"/(?:users?|members?|people|persons?|profiles?|me|customers?|contacts?|accounts?|"
    r"sign-?up|sign-?in|log-?in|register|registrations?)(?:/|$|\?)",
    re.IGNORECASE,
)
# The name and avatar an incoming webhook posts under (the integration's).
_WEBHOOK_POSTER_KEYS = frozenset({"username", "avatarurl"})
# The name of a name/value fact: a short label (`OS`, `Network`, `Meeting ID`).
_FACT_NAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9 _./-]{0,31}$")
MAX_HITS_PER_CATEGORY = 5


def _names_url_resource(url_path: str, value: str) -> bool:
    """`value` is an item segment of the URL path under a collection that is not of people
    (`/meetings/<id>/registrants`): the id of the resource the request is about."""
    segments = url_path.split("/")
    return any(
        segment == value and index and segments[index - 1].lower() not in _PEOPLE_COLLECTIONS
        for index, segment in enumerate(segments)
    )


# Keys of a calendar event's or an e-mail's topic, and of the members that make an object one
# (issue 15): Graph's `start`/`end`/`attendees`/`isOnlineMeeting`, Google Calendar's
# `start`/`end`/`attendees`/`conferenceData`, Graph's online meeting `startDateTime`/
# `participants`; an e-mail's `to`/`toRecipients`/`from`.
_TOPIC_KEYS = frozenset({"subject", "summary", "title"})
_EVENT_START_KEYS = frozenset({"start", "startdatetime", "starttime", "dtstart", "startat"})
_EVENT_END_KEYS = frozenset({"end", "enddatetime", "endtime", "dtend", "endat"})
_EVENT_TIME_KEYS = _EVENT_START_KEYS | _EVENT_END_KEYS
_DATE_RE = re.compile(r"^\d{4}-?\d{2}-?\d{2}")
_EVENT_MARKER_KEYS = frozenset(
    {
        *("attendees", "participants", "invitees", "organizer", "organiser"),
        *("isonlinemeeting", "onlinemeeting", "onlinemeetingprovider", "conferencedata"),
        *("joinurl", "joinweburl", "hangoutlink", "lobbybypasssettings"),
    }
)
_SENDER_KEYS = frozenset({"from", "sender"})
# Keys of a calendar API's calendar ids (free/busy `items[].id`, Graph `schedules`).
_CALENDAR_ID_KEYS = frozenset({"schedules", "calendarid", "calendarids", "calendars"})
_MAIL_PARTY_KEYS = frozenset(
    {
        *("to", "torecipients", "cc", "ccrecipients", "bcc", "bccrecipients", "recipients"),
        *("from", "sender", "replyto", "personalizations"),
    }
)
# An e-mail subject that names a meeting: its word, an invitation, a calendar reply's prefix,
# the notes or recording of one.
_MEETING_SUBJECT_RE = re.compile(
    r"\b(meetings?|webinars?|calls?|invitations?|invited?|agenda|minutes|recap|recordings?|"
    r"transcripts?|stand-?ups?|1:1)\b|^\s*((updated|canceled|cancelled|accepted|declined|"
    r"tentative|rescheduled|new time proposed|reminder|notes)\s*:)",
    re.IGNORECASE,
)
# Keys of a file's path (Dropbox `path`, a share's `file`, a move's `from_path`).
_FILE_PATH_KEYS = frozenset(
    {
        *("path", "filepath", "file", "folder", "folderpath", "frompath", "topath"),
        *("pathdisplay", "pathlower", "fullpath", "directory"),
    }
)
# A Web Push subscription's endpoint (FCM, Mozilla autopush, Apple, Windows WNS): the URL ends
# with the browser install's push token (issue 15).
_WEB_PUSH_RE = re.compile(
    r"^https://(fcm\.googleapis\.com/fcm/send|updates\.push\.services\.mozilla\.com/wpush/v[12]|"
    r"web\.push\.apple\.com|[\w-]+\.notify\.windows\.com/w)/[A-Za-z0-9_:=-]{16,}"
)
_QUERY_SEARCH_KEYS = frozenset({"q", "query", "search"})
# Keys of a meeting's people listed by name (`attendees: ["Chiara Rossi", …]`, `organizer`).
_PEOPLE_LIST_KEYS = frozenset(
    {"attendees", "participants", "invitees", "guests", "speakers", "organizer", "organiser"}
)
# Last keys of a calendar event's members (`start › dateTime`, `when › start_time`, flags).
_EVENT_HINT_KEYS = (_EVENT_TIME_KEYS | _EVENT_MARKER_KEYS | {"datetime", "date"}) - (
    _PEOPLE_LIST_KEYS
)
_EVENT_MEMBER_KEYS = _EVENT_HINT_KEYS | _PEOPLE_LIST_KEYS
_STRUCTURE_KEYS = (
    _TOPIC_KEYS | _FILE_PATH_KEYS | _QUERY_SEARCH_KEYS | _PEOPLE_LIST_KEYS | _EVENT_HINT_KEYS
)
# Members of a location object that describe it in words (`location: {description: "Meetcorp
# Berlin, Room Spree"}`): a place by the cities and countries they name (issue 15m).
_PLACE_TEXT_KEYS = frozenset({"description", "text", "label"})
# Keys naming a route's stops by label (`waypoint_names=;Acme Meet Vienna`, `;`-joined): each a
# place's label, read as a location object's text is (issue 15bo).
_WAYPOINT_NAME_KEYS = frozenset({"waypointnames", "waypointname", "stopnames"})
# A trip leg's ends by airport (IATA) code and its date keys (issue 15bo).
_TRIP_END_KEYS = frozenset({"origin", "destination"})
_AIRPORT_CODE_RE = re.compile(r"^[A-Z]{3}$")
_TRIP_DATE_KEYS = frozenset(
    {"departuredate", "departuretime", "departureat", "date", "arrivaldate", "arrivaltime"}
)
# Folders that hold one folder or file per meeting.
_MEETING_FOLDERS = frozenset(
    {
        *("meetings", "meeting", "webinars", "webinar", "meeting notes", "meeting recordings"),
        *("meeting transcripts", "zoom meetings", "teams meetings"),
    }
)
_ICAL_CN_RE = re.compile(r'(?:^|;)CN="?([^";:\r\n]{2,80})"?[;:]', re.MULTILINE)
_ICAL_SUMMARY_RE = re.compile(r"^SUMMARY(?:;[^:\r\n]*)?:([^\r\n]{1,300})", re.MULTILINE)
_ICAL_TZID_RE = re.compile(r";TZID=([A-Za-z_]+/[A-Za-z_/+-]+)[;:]")


def ical_person_names(text: str) -> list[str]:
    """The people's names iCalendar text gives as `;CN=…` (a property's parameter): what the
    name hits of an `.ics` are about, not the whole text (redaction takes these, issue 13z)."""
    names = (match.group(1).strip() for match in _ICAL_CN_RE.finditer(text))
    return [name for name in names if v_person_name(name)]


def _posts_comment(nk: str, value: str) -> bool:
    """A GraphQL `query` whose mutation posts a comment, or such an `operationName`."""
    if nk == "operationname":
        return len(value) <= 64 and _COMMENT_OPERATION_RE.match(value) is not None
    if "mutation" not in value[:200]:
        return False
    found = _GRAPHQL_MUTATION_RE.match(value)
    return found is not None and any(
        name and _COMMENT_OPERATION_RE.match(name) for name in found.groups()
    )


# A note written on a record or a thread (`createNote`, `addTicketNote`, `POST …/notes`): for the
# colleagues who see that record, attached to the thread as to any record (issue 15aj).
_NOTE_OPERATION_RE = re.compile(r"^(?:create|add|post)_?\w*notes?$", re.I)
_NOTE_PATH_RE = re.compile(r"/notes?/?$", re.I)


def _writes_note(nk: str, value: str) -> bool:
    """A GraphQL `query` whose mutation writes a note, or such an `operationName`."""
    if nk == "operationname":
        return len(value) <= 64 and _NOTE_OPERATION_RE.match(value) is not None
    if "mutation" not in value[:200]:
        return False
    found = _GRAPHQL_MUTATION_RE.match(value)
    return found is not None and any(
        name and _NOTE_OPERATION_RE.match(name) for name in found.groups()
    )


def _meeting_folder_path(value: str) -> bool:
    """A file's path under a meetings folder, one folder or file per meeting below it
    (`/Meetings/2026-12-09 Vendor contract renewal/notes.md`): its name is the meeting's. A
    file path ends in a file name with an extension; an API route (`/api/meetings/join`) does
    not."""
    if "://" in value:
        return False
    segments = [segment for segment in value.split("/") if segment]
    if len(segments) < 3 or "." not in segments[-1][1:]:
        return False
    return any(segment.lower() in _MEETING_FOLDERS for segment in segments[:-2])


# A call adding a person to a project's members (`/contributors/add`, `/members/invite`): the
# person is named by address and has no id of the service yet, so a bare `id` beside the
# address is the project's (issue 15bp).
_ADDS_MEMBER_PATH_RE = re.compile(
    r"/(?:contributors|members|collaborators|translators|proofreaders|teammates)"
    r"/(?:add|invite|create)/?$",
    re.I,
)
_PEOPLE_COLLECTIONS = frozenset({"users", "members", "people", "persons", "profiles", "customers"})
Plan = tuple[int, str, str, "Rule | None", int]
# What the known-value search leaves out of a path's strings (`_PathEntry.gather_skip`): a URL
# query's values when the whole URL is searched, and the headers `skip_header` names.
_KV_URL_QUERY = 1
_KV_SKIPPED_HEADER = 2


class _PathEntry:
    """What the per-field pass knows of a path, worked out once per distinct path (paths recur
    flow after flow): its plans, each built when first needed (most paths only ever hold one
    kind of value), the user-map key in it (`_user_map_key`), what the known-value search
    leaves out and whether it is a header naming an API key."""

    __slots__ = ("api_key_header", "gather_skip", "other_plan", "string_plan", "user_map_key")

    def __init__(self, path: tuple[str, ...]) -> None:
        self.string_plan: Plan | None = None
        self.other_plan: Plan | None = None
        self.user_map_key = _user_map_key(path) if path else None
        size = len(path)
        if size == 3 and path[0] == "url" and path[1] == "query":
            self.gather_skip = _KV_URL_QUERY
        elif size == 2 and path[0] == "header" and skip_header(path[1]):
            self.gather_skip = _KV_SKIPPED_HEADER
        else:
            self.gather_skip = 0
        # a header naming an API key (`apiKey`, `X-API-Key`)
        self.api_key_header = (
            size == 2 and path[0] == "header" and normalise_key(path[1]) in _API_KEY_NAMES
        )


_PLANS: dict[tuple[str, ...], _PathEntry] = {}


def _flags(nk: str, path: tuple[str, ...]) -> int:
    flags = 0
    if nk in CHAT_CONTEXT_KEYS or nk in _COMPOUND_CHAT_KEYS:
        flags |= _F_CHAT_KEY
        data_path = _data_path(path)
        if _CHAT_FIELD_PATH_RE.search(data_path):
            flags |= _F_CHAT_PATH
        elif "feedback" in data_path.lower():
            flags |= _F_FEEDBACK_TEXT
    if nk in TRANSCRIPT_CONTEXT_KEYS and not _job_settings_path(path):
        flags |= _F_TRANSCRIPT_KEY
        if _TRANSCRIPT_PATH_RE.search(_data_path(path)):
            flags |= _F_TRANSCRIPT_PATH
    if "version" in nk or "build" in nk:
        flags |= _F_VERSIONISH
    if "displayname" in nk or nk in _DISPLAY_NAME_KEYS:
        flags |= _F_DISPLAY_NAME
    if nk in CONVERSATION_KEYS:
        flags |= _F_CONVERSATION
    if nk in MEETING_CONTEXT_KEYS:
        flags |= _F_MEETING_KEY
        parents = [part for part in path[:-1] if not part.isdigit()]
        if parents and _MEETING_PARENT_RE.match(normalise_key(parents[-1])):
            flags |= _F_MEETING_PARENT
    return flags | _key_flags(nk)


@lru_cache(maxsize=4096)
def _key_flags(nk: str) -> int:
    """The `_F_*` bits that depend on the normalised key alone (cached: a new path's plan is
    built for both value types, and keys repeat across paths)."""
    flags = 0
    if nk in _TYPED_PARTS:
        flags |= _F_TYPED_PART
    if nk in _AUTH_APP_KEYS:
        flags |= _F_AUTH_APP
    if nk in _WEBHOOK_POSTER_KEYS:
        flags |= _F_WEBHOOK_POSTER
    if nk in _SERIES_NAME_KEYS:
        flags |= _F_SERIES
    if nk in _RECIPIENT_KEYS:
        flags |= _F_RECIPIENT
    if nk in _MESSAGE_CHANNEL_KEYS:
        flags |= _F_MESSAGE_CHANNEL
    if nk in _CHANNEL_NAME_KEYS:
        flags |= _F_CHANNEL_NAME
    if nk == "data":
        flags |= _F_DATA
    if nk in _EVENT_NAME_KEYS:
        flags |= _F_EVENT_NAME
    if nk == "devicename":
        flags |= _F_DEVICE_NAME_KEY
    if nk in MACHINE_ARCH_KEYS:
        flags |= _F_MACHINE_ARCH
    if nk in _DEVICE_TEXT_KEYS:
        flags |= _F_DEVICE_TEXT
    if nk in _EVENT_MEMBER_KEYS:
        flags |= _F_EVENT_MEMBER
    if nk in _GRAPHQL_OP_KEYS:
        flags |= _F_GRAPHQL_OP
    if nk in _SIGN_IN_KEYS:
        flags |= _F_SIGN_IN
    if nk in _CUE_TITLE_KEYS:
        flags |= _F_CUE_TITLE
    if nk == "status":
        flags |= _F_STATUS
    if nk in _COMMENT_TEXT_KEYS:
        flags |= _F_NOTE_KEY
    if nk in _RECORD_TEXT_KEYS:
        flags |= _F_RECORD_TEXT
    if nk in COORDINATE_TEXT_KEYS or nk in COORDINATE_QUERY_KEYS:
        flags |= _F_COORDINATE_TEXT
    return flags


def _plan(path: tuple[str, ...], is_str: bool) -> Plan:
    kind, key, nk, rule, flags = plan = _plan_of(path, is_str)
    if kind != _NORMAL and kind != _DECIDED:
        # (`_flags` gave the others their bits)
        return (kind, key, nk, rule, flags | _key_flags(nk))
    if kind == _NORMAL and rule is None:
        if not is_str:
            if not flags & _NON_STRING_FLAGS:
                return (_INERT, key, nk, rule, flags)
        elif not flags & ~_F_CUE_TITLE and nk not in _KEYS_READ_BY_NAME:
            # (a title's cue is read on the plain path too: `_F_CUE_TITLE` alone keeps it)
            return (_PLAIN, key, nk, rule, flags)
    return plan


# The bits of the tests a value that is not a string can meet beyond its rule.
_NON_STRING_FLAGS = _F_TYPED_PART | _F_CONVERSATION | _F_RECIPIENT | _F_EVENT_MEMBER
# Normalised keys the per-field pass tests by name outside the value's own tests (a room
# peer's `role`, a device record's `model`, an SMS's or a push's members, a ticket's requester
# and text, a calendar event's members): a string under one of them is never `_PLAIN`.
_KEYS_READ_BY_NAME = (
    frozenset({"role", "region", "model", "manufacturer"})
    | _PUSH_NOTIFICATION_KEYS
    | _SENDING_DEVICE_KEYS
    | _SENDING_USER_KEYS
    | _NOTIFICATION_TITLE_KEYS
    | _REQUESTER_KEYS
    | _TICKET_TEXT_KEYS
    | _EVENT_MEMBER_KEYS
)


def _plan_of(path: tuple[str, ...], is_str: bool) -> Plan:
    key = path[-1]
    if key.isdigit() and not is_str and len(path) >= 2:
        parent = normalise_key(path[-2])
        if parent in _COORDINATE_LISTS:
            return (_COORDINATE, key, parent, None, 0)
        if len(parent) > 5 and parent[-3:] == "ids" and not path[-2].isdigit():
            # A number in a list of people's ids under a role (`assignee_ids: [10442871]`,
            # `reviewer_ids`, `member_ids`; issue 15j), not of labels', projects' or groups'.
            rule = classify(parent, parent_key(path[:-1]))
            if rule is not None and rule[0] == UID:
                return (_NORMAL, path[-2], parent, _NUMERIC_USER_ID, 0)
        if parent in _PERSON_ROLE_KEYS and not path[-2].isdigit():
            # A number in a list under a role (`assignees: [84120142]`, `watchers`, `mentions`;
            # a work tool's member ids, heldout21), not under a group's (`group_assignees`).
            return (_NORMAL, path[-2], parent, _NUMERIC_USER_ID, 0)
    if path[0] == "header":
        if len(path) == 2:
            # Standard headers and pseudo-headers say nothing: decided here once per header
            # name, not per flow.
            if header_kind(key) is False:
                return (_SKIP, key, "", None, 0)
            return (_HEADER, key, "", None, 0)
        if is_standard_header(path[1].lower()):
            return (_SKIP, key, "", None, 0)
    if key.isdigit() and is_str and len(path) >= 2:
        # A string in a list or a Bond map value: named by the nearest data key.
        index = len(path) - 2
        while index > 0 and path[index].isdigit():
            index -= 1
        key = path[index]
        nk = normalise_key(key)
        pk = parent_key(path[: index + 1])
    else:
        if key in _DECODED_VALUE_STEPS and len(path) >= 2:
            path = path[:-1]
            key = path[-1]
        nk = normalise_key(key)
        pk = parent_key(path)
        if "." in key and (classify(nk, pk) is None or nk in _DOTTED_FIRST_KEYS):
            # Dotted keys (`usr.id`, `hw.physmemory`, `search.engine.default.display_name`):
            # the last part is the key, the one before it its parent.
            dotted = _dotted_key(key)
            if dotted is not None:
                nk, pk = dotted
    if nk == "filename":
        return (_FILENAME, key, nk, None, 0)
    if nk == "contenttype":
        return (_CONTENT_TYPE, key, nk, None, 0)
    if nk in ("lat", "latitude"):
        return (_LAT, key, nk, None, 0)
    if nk in ("lon", "lng", "long", "longitude"):
        return (_LON, key, nk, None, 0)
    rule = classify(nk, pk) if nk else None
    if rule is None and nk:
        rule = _filtered_person_id(nk, pk)
    # A URL's query, or a query string kept in a string field (`… › querystring › NAME`).
    in_query = (path[:2] == ("url", "query") and len(path) == 3) or (
        len(path) >= 3 and path[-2] == "querystring"
    )
    if (
        rule is not None
        and rule[2] == "display_name_key"
        and (nk in _THING_DISPLAY_NAME_KEYS or _names_a_thing(key, path))
    ):
        rule = None
    elif in_query and key.lower() in QUERY_ONLY_KEYS:
        rule = QUERY_ONLY_KEYS[key.lower()]
    elif rule is None and in_query and nk in QUERY_SECRET_KEYS:
        # `?key=…` in a URL is an API key: what the redactor removes, the labeller names.
        rule = _QUERY_CREDENTIAL
    elif rule is None and "_" in key:
        prefix, _, rest = key.partition("_")
        if prefix.lower() in CUSTOM_PROPERTY_PREFIXES and rest:
            # `ce_network`: a custom event property named `network`.
            nk = normalise_key(rest)
            rule = classify(nk, pk)
    if (
        not is_str
        and rule is not None
        and rule[0] == UID
        and (nk[-2:] == "id" or nk in _ONE_PERSON_ROLE_KEYS)
        and rule[1] in _PERSON_REF_TESTS
    ):
        # a person's account id as a number under a role's id key (`assignee_id: 10442871`)
        # or under the key of a role one person holds (`assignee: 84120142`; heldout21); a
        # number under a plural role key (`followers: 12`) is a count
        rule = _NUMERIC_USER_ID
    if nk in VALUE_DECIDED_KEYS and not (
        pk in _SEARCH_CLAUSE_KEYS and VALUE_DECIDED_KEYS[nk][0][1] is v_account_email
    ):
        # Read under one of two rules by the value (a visitor cookie's id or a cookie jar).
        # An address a search clause looks for (`term: {user_email: …}`) is searched for,
        # not a person in a role (taxonomy: a directory searched by address stays an e-mail).
        return (_DECIDED, key, nk, rule, _flags(nk, path))
    return (_NORMAL, key, nk, rule, _flags(nk, path))


_QUERY_CREDENTIAL: Rule = (CRED, v_cred, "credential_key")
# The operators of a filter or search body's clause on one field (`team_member_id_filter: {any:
# [...]}`, `userId: {in: [...]}`, `{"$eq": …}`; issue 15bb): the values are that field's.
_FILTER_OPERATOR_KEYS = frozenset(
    "any all in nin notin eq ne equals is isnot oneof anyof allof noneof none values include "  # noqa: SIM905
    "includes exclude excludes exact".split()
)


def _filtered_person_id(nk: str, pk: str) -> Rule | None:
    """The person id rule of the field a filter's key or operator names (`team_member_id_filter`,
    `member_ids_filter`, `userId › in`; issue 15bb): the ids a search for staff members or users
    is narrowed to are those people's ids. Only a user id's rule: a status, location, team or
    service filter's values stay what they were."""
    operator = nk in _FILTER_OPERATOR_KEYS
    owner = pk if operator else nk
    stripped = next(
        (owner[: -len(s)] for s in ("filters", "filter") if owner.endswith(s) and owner != s),
        owner,
    )
    if not operator and stripped == owner:
        return None  # neither a filter's key nor an operator of one
    owner = stripped
    if not owner or owner in _FILTER_OPERATOR_KEYS:
        return None
    rule = classify(owner, "")
    if rule is None and owner.endswith("ids"):
        rule = classify(owner[:-1], "")
    if rule is None or rule[0] != UID or rule[2] != "user_id_key":
        return None
    return _FILTERED_USER_ID


def v_filtered_user_id(value: object) -> bool:
    """A person's id a filter narrows to (`TMh29AliceEx0142`, `usr_7Kq2`, `alice.corpus`): not
    a bare word, which there is the filter's keyword or a state (`all`, `me`, `active`)."""
    return isinstance(value, str) and not value.strip().isalpha() and v_user_id(value)


_FILTERED_USER_ID: Rule = (UID, v_filtered_user_id, "user_id_key")


# Clauses of a search query DSL (Elasticsearch/OpenSearch) whose keys name the fields searched.
_SEARCH_CLAUSE_KEYS = frozenset(
    {"term", "terms", "match", "matchphrase", "prefix", "wildcard", "querystring", "filter"}
)


def v_numeric_id(value: object) -> bool:
    """A positive whole number as an id (not a flag)."""
    return type(value) is int and value > 0


_NUMERIC_USER_ID: Rule = (UID, v_numeric_id, "user_id_key")
# The value tests of role keys that read text only (a count under `members` is no id); under a
# role's id key (`assigneeId`, `creator_id`) a number is the person's account id.
_PERSON_REF_TESTS = (v_account_ref, v_account_id, v_user_ref)
# Roles one person holds on a work item or a request (a work tool's `assignee` member id, a
# feedback board's `voter`; heldout21): a number under one is that person's account id.
_ONE_PERSON_ROLE_KEYS = frozenset(
    "assignee assignedto assigneduser follower watcher collaborator reviewer approver voter "  # noqa: SIM905
    "reporter".split()
)
# Roles held by people, whose list of numbers is a list of their account ids (`assignees:
# [84120142]`, `watchers`, `mentions`; heldout21), as `assignee_ids` is.
_PERSON_ROLE_KEYS = _ONE_PERSON_ROLE_KEYS | frozenset(
    "assignees followers watchers collaborators reviewers approvers voters reporters "  # noqa: SIM905
    "mentions mentionedusers".split()
)


# Parents of dotted attribute names (OpenTelemetry, Elastic Common Schema) that mean another
# parent than the same word as a nested key: `host.id` is the machine's id, while a meeting's
# `{"host": {"id": …}}` is the person hosting it.
_DOTTED_PARENTS = {"host": "device"}
# Keys whose dotted spelling is read part by part before the joined key: `host.id` is the
# machine's id (OpenTelemetry), `host_id` the person hosting a meeting.
_DOTTED_FIRST_KEYS = frozenset({"hostid"})
# Typed entity objects, `{"type": KIND, "name"|"id": VALUE}`: the kinds whose name or id is
# data about the person or machine (issue 15; Datadog's series `resources`).
# `kind` + `key`: LaunchDarkly/OpenFeature evaluation contexts `{"kind": "user", "key": …}`.
# A record's type may be named `entityType`/`objectType` (a JSON-RPC CRM's participants
# `[{entityType: "Users", id: 12}]`; heldout28, issue 15bd).
_TYPED_PARTS = frozenset({"type", "kind", "name", "id", "entitytype", "objecttype"})
# A plain attribute name (`user_id`, `locale`) as field 1 of a protobuf KeyValue or map entry.
_FIELD_NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
_TYPE_PARTS = frozenset({"type", "kind", "entitytype", "objecttype"})
_PEOPLE_RECORD_KINDS = frozenset({"user", "person", "member"})
# Last path parts that may name the value beside them (`key`, protobuf field `1`, `name`, a
# table cell's `column` or a form's `field`: `{"column": "Owner", "value": "a@b"}`, sdk10).
_PAIR_NAME_PARTS = frozenset({"key", "1", "name", "column", "field"})
_FACT_NAME_PARTS = frozenset({"name", "column", "field"})
# A `person` or `member` entity (a work board's person column `personsAndTeams: [{id, kind:
# "person"}]`, sdk10) is read as `personId`/`memberId`: a user id; a `team` is none.
_TYPED_KINDS = frozenset({"host", "device", "user", "os", "session", "account", "person", "member"})
# Last path parts that are a decoding step of the value above them (`… › topic › base64`):
# the field is named by the key it was decoded from.
_DECODED_VALUE_STEPS = frozenset({"base64"})
# Precision guard (issue 15): a display name under these is the name of a thing, not a person
# (`search.engine.default.display_name: "DuckDuckGo"`, an add-on's or a device's display name).
_THING_WORDS = frozenset(
    "engine searchengine search addon addons extension extensions plugin plugins app "  # noqa: SIM905
    "application product theme font printer camera microphone speaker device devices "
    "provider providers screen".split()
)

# A display name qualified by a thing (`room_display_name`, `appDisplayName`): the thing's,
# no person's (issue 15bs). (`organizerDisplayName` names a person: whole words only.)
_THING_DISPLAY_NAME_KEYS = frozenset(
    thing + "displayname" for thing in ("room", "channel", "app", "team", "org", "event")
)
# Keys whose presence makes a record a room or a call, not a person (`max_members`,
# `record_on_start` of a video room; `answerUrl` of a dial-out): its `display_name` is the
# room's (the topic) or the caller id's brand (issue 15bs). Read only in records holding a
# display name.
_ROOM_RECORD_KEYS = frozenset(
    {"maxmembers", "maxparticipants", "recordonstart", "answerurl", "answermethod"}
)


def _add_contact_record(parents: dict[tuple[str, ...], None], path: tuple[str, ...]) -> None:
    """The record holding a contact's phone or e-mail entries (`{name, email: [{value}]}`, a
    `value` read under its `phone`/`emails` parent): a person's record, whose bare `name` is
    the person's and whose `id` their id (`_person_ids`), as beside a plain address."""
    index = len(path) - 2
    while index > 0 and path[index].isdigit():
        index -= 1
    if index > 0:
        parents[path[:index]] = None


# Roles only a person holds in a meeting or a contact book: a key naming one (`participant`,
# `guest_name`, `contactName`) holds that person's name when it holds a full name (issue 15an).
_PERSON_ROLES = frozenset(
    [
        "guest",
        "participant",
        "attendee",
        "invitee",
        "contact",
        "person",
        "member",
        "organizer",
        "organiser",
        "speaker",
        "recipient",
        "author",
        "assignee",
        "requester",
        "reporter",
    ]
)
# The last parts of a key that make it the role's name (`guest_name`, `participantFullName`).
_PERSON_NAME_PARTS = frozenset(["name", "fullname", "displayname"])
# A user record's short parent in a dotted form key (`sdr_u.name`, `user.name`, `usr.name`).
_USER_PARENTS = frozenset(["u", "user", "usr"])
_KEY_WORDS_RE = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


@lru_cache(maxsize=4096)
def _names_a_person(key: str) -> bool:
    """`participant`, `guest_name`, `contactFullName`, `sdr_u.name`: a key whose value is a
    person's name when it is shaped as one; not `room_name`, `team_name`, `app.name`."""
    parts = [part for part in key.split(".") if part]
    if not parts:
        return False
    words = [word.lower() for word in _KEY_WORDS_RE.findall(parts[-1])]
    if not words:
        return False
    if len(parts) >= 2 and words == ["name"]:
        parent = [word.lower() for word in _KEY_WORDS_RE.findall(parts[-2])]
        return bool(parent) and (parent[-1] in _USER_PARENTS or parent[-1] in _PERSON_ROLES)
    if words[-1] in _PERSON_ROLES:
        return len(words) == 1
    joined = "".join(words[1:])
    return words[0] in _PERSON_ROLES and joined in _PERSON_NAME_PARTS


_FORM_KEY_PARTS_RE = re.compile(r"[_.]")
# The last words of a form key naming the person acting (`sdr_u`, a tracker's short user key)
# or the one who invited them (`sdr_u.Invited by`, `invited_by`).
_USER_FORM_WORDS = frozenset(["u", "usr"])
_INVITER_WORDS = frozenset(["invitedby", "inviter"])
# A nested key naming the person on either side of an invitation (issue 15as); not
# `invitees` (a list of addresses invited: e-mail only), `inviter_email`, `email_address`.
_INVITATION_PERSON_WORDS = _INVITER_WORDS | frozenset(["invitee"])


# Keys a push endpoint reads its devices' tokens from, spelled as SDKs send them (`_token`, a
# form's CSRF token, and `next_token`, a page's cursor, are not among them).
_PUSH_TOKEN_KEYS = frozenset(
    [
        "to",
        "token",
        "tokens",
        "registration_ids",
        "registrationids",
        "device_token",
        "device_tokens",
        "devicetoken",
        "devicetokens",
        "push_token",
        "push_tokens",
        "pushtoken",
        "pushtokens",
    ]
)
# An opaque token: hex or base64url, letters and digits both, 16 characters or more (not an
# address, a phone number, a topic path or a word).
_OPAQUE_TOKEN_RE = re.compile(r"^(?=[A-Za-z_-]*\d)(?=[\d_-]*[A-Za-z])[A-Za-z0-9_-]{16,512}$")


def _push_token_at(path: tuple[str, ...], text: str) -> bool:
    """A token-shaped value under a push recipient key (`to`, `tokens[i]`, `token`)."""
    key = path[-2] if path[-1].isdigit() and len(path) >= 3 else path[-1]
    return key.lower() in _PUSH_TOKEN_KEYS and _OPAQUE_TOKEN_RE.match(text) is not None


def _user_form_key(key: str) -> bool:
    """A request-level form key naming a user by a short word after a prefix (`sdr_u`), or
    their inviter (`sdr_u.Invited by`): its address is that account's id (issue 15an);
    not `sdr_s` (a service), `u` alone, `invited_by_count`."""
    parts = [part for part in _FORM_KEY_PARTS_RE.split(key) if part]
    if len(parts) < 2:
        return False
    last = normalise_key(parts[-1])
    return last in _USER_FORM_WORDS or last in _INVITER_WORDS


# Local parts of an address a service sends from, not a person's (`meetings@`, `no-reply@`).
_ROLE_MAILBOXES = frozenset(
    [
        "meetings",
        "meeting",
        "calendar",
        "notifications",
        "notification",
        "notify",
        "noreply",
        "donotreply",
        "mailer",
        "alerts",
        "alert",
        "updates",
        "news",
        "newsletter",
        "info",
        "hello",
        "support",
        "team",
        "invites",
        "invite",
        "reminders",
        "bounce",
        "system",
        "admin",
        "postmaster",
    ]
)


def _role_mailbox(address: str) -> bool:
    """`meetings@acme-meet.example`, `no-reply@…`: a service's sending mailbox."""
    local = address.strip().partition("@")[0]
    return normalise_key(local) in _ROLE_MAILBOXES


def _names_a_thing(key: str, path: tuple[str, ...]) -> bool:
    parts = [normalise_key(p) for part in path[:-1] for p in part.split(".")]
    parts += [normalise_key(p) for p in key.split(".")[:-1]]
    return any(part in _THING_WORDS for part in parts)


def _is_id_key(nk: str) -> bool:
    """`id`, `addonId`, `messageIds`: keys of identifiers, whose e-mail-shaped values are
    names of things (`uBlock0@raymondhill.net`, `<…@mail.example.com>` message ids)."""
    return nk == "id" or nk.endswith(("id", "ids"))


# Id keys of a sign-in name (Canvas's `pseudonym[unique_id]`, `sis_login_id`, `signInId`):
# the login, which holds an address where the account signs in with one (issue 15bj).
_LOGIN_ID_SUFFIXES = ("uniqueid", "loginid", "signinid", "logonid")


def _login_address(nk: str, value: str) -> bool:
    """An address-shaped value, whole, under a sign-in id key: the person's e-mail (an id key's
    e-mail-shaped value is otherwise a thing's name, `<…@mail.example.com>` message ids)."""
    return nk.endswith(_LOGIN_ID_SUFFIXES) and v_email_address(value)


@lru_cache(maxsize=4096)
def _plan_for_name(name: str) -> Plan:
    """Plan for an attribute given by name (`host.name` of an OpenTelemetry KeyValue)."""
    nk = normalise_key(name)
    rule = classify(nk, "")
    if nk in ROLE_EMAIL_KEYS and " " in name.strip():
        # A card's fact labelled in words ("Host e-mail") shows readers an address: an e-mail,
        # as heldout9 reads a chat card's facts; a role's key (`host_email`) is the account's.
        rule = classify("email", "")
    if (
        rule is not None
        and rule[2] == "display_name_key"
        and (nk in _THING_DISPLAY_NAME_KEYS or _names_a_thing(name, ()))
    ):
        return (_NORMAL, name, nk, None, _flags(nk, ()))
    if (rule is None or nk in _DOTTED_FIRST_KEYS) and "." in name:
        # Dotted attribute names as in `_plan` (`host.id`: the machine's id).
        dotted = _dotted_key(name)
        if dotted is not None:
            rule = classify(*dotted)
    return (_NORMAL, name, nk, rule, _flags(nk, ()))


def _dotted_key(name: str) -> tuple[str, str] | None:
    """(key, parent) of a dotted attribute name: the last part under the one before it
    (`host.id`), or the last two joined under the third (`host.cpu.model.name`: `modelname`
    under `cpu`) when only that names something."""
    parts = [part for part in name.split(".") if part]
    if len(parts) < 2:
        return None
    nk = normalise_key(parts[-1])
    pk = normalise_key(parts[-2])
    pk = _DOTTED_PARENTS.get(pk, pk)
    if len(parts) >= 3 and classify(nk, pk) is None:
        # Only a parent's own key (`cpu` + `modelname`), never a table key the join happens to
        # spell (`meeting.host.name` is not `hostname`, `x.distro.version` not `distroversion`).
        joined = normalise_key(parts[-2] + parts[-1])
        outer = normalise_key(parts[-3])
        outer = _DOTTED_PARENTS.get(outer, outer)
        group = PARENT_GROUPS.get(outer)
        if group is not None and (group, joined) in PARENT_KEYS:
            return joined, outer
    return nk, pk


def _decimals(value: object) -> int:
    text = str(value)
    if "e" in text.lower():
        return 6
    return len(text.split(".", 1)[1]) if "." in text else 0


# Keys crediting a note, comment or post to the person who wrote it (issue 15au).
_AUTHOR_KEYS = frozenset(["author", "authorname", "createdbyname"])
# Words that make an author a program, not a person ("Zapier Bot", "Deploy Assistant").
_SOFTWARE_AGENT_WORDS = frozenset(
    ["bot", "app", "assistant", "integration", "automation", "agent", "robot", "service", "ai"]
)
# A record's reference keys, and the keys of a document's body beside them (issue 15au).
_EXTERNAL_REFERENCE_KEYS = frozenset(["externalid", "extid", "externalreference", "externalref"])
_DOCUMENT_BODY_KEYS = frozenset(["html", "markdown", "document", "documents", "pdf", "docx"])
# The destination of a link record (a short link's `url`, `destinationUrl`; issue 15av): its
# reference keys name the link, unless the record also describes a person.
_LINK_TARGET_KEYS = frozenset(["url", "destinationurl", "longurl", "targeturl"])
_PERSON_DESCRIBING_KEYS = frozenset(
    [
        *("email", "emailaddress", "name", "firstname", "lastname", "fullname", "username"),
        *("phone", "givenname", "familyname", "surname", "phonenumber"),
    ]
)
# A record's reference keys that may hold the client's own reference to a person (a booking
# customer's `reference_id`: the person's username in the client's app; issue 15bb).
_PERSON_REFERENCE_KEYS = frozenset(
    [
        *("referenceid", "clientreferenceid", "externalreferenceid", "customerreferenceid"),
        *("externalreference", "externalref", "userreference", "userreferenceid"),
    ]
)
# A handle as an app's username is spelt: lower-case words joined by a dot, an underscore or a
# hyphen, each starting with a letter (`eamon.gallagher`, `a_example`); not `mtg-85512345678`,
# `order-8812`, `INV-2024-001` nor a single word.
_JOINED_HANDLE_RE = re.compile(r"^[a-z][a-z0-9]*(?:[._-][a-z][a-z0-9]*)+$")
# Sibling keys that make a record a published work's (a package manifest, a book).
_WORK_RECORD_KEYS = frozenset(
    ["version", "license", "licence", "isbn", "publisher", "dependencies", "repository", "edition"]
)
# Maps keyed by the users they grant access or permissions to (`usersAccesses`, `userAccess`,
# `permissionsByUser`); not maps keyed by roles, groups (`groupsAccesses`), features or locales.
_USER_KEYED_MAPS = frozenset(
    [
        "usersaccesses",
        "useraccesses",
        "usersaccess",
        "useraccess",
        "userpermissions",
        "userspermissions",
        "permissionsbyuser",
        "accessbyuser",
        "userroles",
        "usersroles",
        "memberaccess",
        "membersaccesses",
        "memberpermissions",
    ]
)


# A name field's first and last sub-fields (a form builder's `3_first`/`3_last`, `name_first`,
# `name: {first, last}`; issue 15bb): (the field they belong to, normalised, "first" or "last").
_NAME_PART_SUFFIXES = ("first", "last")
# The fields whose sub-fields make a person's full name: a question of a form (`3`, `q3`,
# `input_3`: an id, no word) or a field named as a person's name.
_QUESTION_ID_RE = re.compile(r"^[a-z]{0,8}\d+(?:name|fullname)?$")
_PERSON_NAME_FIELDS = frozenset(
    [
        "name",
        "fullname",
        "yourname",
        "personname",
        "legalname",
        "contactname",
        "customername",
        "clientname",
        "guestname",
        "attendeename",
        "applicantname",
        "respondentname",
        "participantname",
    ]
)

# last path part → (the id key a `<key>_type` part types, normalised, or None; whether it
# is a key of a published work's record; whether it is a document body's key; the name field
# and part it is a first/last sub-field of, or None; whether it is a person's reference key;
# whether it is a key describing a person; whether it is a link's destination key)
_KeyRoles = tuple[str | None, bool, bool, tuple[str, str] | None, bool, bool, bool]
_LAST_KEY_ROLES: dict[str, _KeyRoles] = {}


def _last_key_roles(key: str) -> _KeyRoles:
    typed_id = normalise_key(key[: -len("_type")]) if key.lower().endswith("_type") else None
    nk = normalise_key(str(key))
    name_part = next(
        ((nk[: -len(part)], part) for part in _NAME_PART_SUFFIXES if nk.endswith(part)), None
    )
    roles = (
        typed_id,
        nk in _WORK_RECORD_KEYS,
        nk in _DOCUMENT_BODY_KEYS,
        name_part,
        nk in _PERSON_REFERENCE_KEYS,
        nk in _PERSON_DESCRIBING_KEYS,
        nk in _LINK_TARGET_KEYS,
    )
    if len(_LAST_KEY_ROLES) < 100_000:
        _LAST_KEY_ROLES[key] = roles
    return roles


# path → `_user_map_key(path)`: the same paths recur flow after flow, and the walk over every
# part of every field's path cost ~4% of the labeller's instructions (issue 15ax)
_USER_MAP_KEY_CACHE: dict[tuple[object, ...], int | None] = {}


def _user_map_key(path: tuple[object, ...]) -> int | None:
    """The index in `path` of a key of a user-keyed access map (`usersAccesses.alice.corpus`),
    when that key is shaped as a user id; None otherwise."""
    try:
        return _USER_MAP_KEY_CACHE[path]
    except KeyError:
        pass
    found = _user_map_key_uncached(path)
    if len(_USER_MAP_KEY_CACHE) < 100_000:
        _USER_MAP_KEY_CACHE[path] = found
    return found


def _user_map_key_uncached(path: tuple[object, ...]) -> int | None:
    for index in range(1, len(path)):
        if normalise_key(str(path[index - 1])) in _USER_KEYED_MAPS:
            member = path[index]
            if isinstance(member, str) and v_user_id(member):
                return index
            return None
    return None


class FieldDetectors:
    """Runs every field detector over the fields of one flow."""

    key_confidence = 0.85
    shape_confidence = 0.8
    context_confidence = 0.75
    # Evidence needs a few hits per category; redaction (label.findings) asks for all of them.
    max_hits_per_category = MAX_HITS_PER_CATEGORY

    def __init__(self) -> None:
        # (header name, value) → the hits `_header_hits` gives that header, as (category,
        # detector, excerpt, confidence)
        self._header_cache: dict[tuple[str, str], tuple[tuple[str, str, str, float], ...]] = {}

    def detect(
        self,
        fields: Sequence[Field],
        ctx: FlowContext,
        gathering: KnownValueGathering | None = None,
    ) -> list[Hit]:
        """The detectors' hits over `fields`. With `gathering`, the same pass over the fields
        also gathers the strings of the known-value search (`KnownValueGathering.gather`'s
        rule, inline: one pass over the fields instead of two)."""
        if gathering is not None:
            kv_exact = gathering.exact
            kv_min_len = gathering.min_len
            kv_exact_max = gathering.exact_max
            kv_url = bool(gathering.url)
            kv_exact_found = gathering.exact_found.append
            kv_texts = gathering.texts.append
            kv_owners = gathering.owners.append
        hits: list[Hit] = []
        add = hits.append
        lat: dict[tuple[str, ...], Field] = {}
        lon: dict[tuple[str, ...], Field] = {}
        kv_names: dict[tuple[str, ...], str] = {}
        file_parts: dict[tuple[str, ...], str] = {}  # a file part's path → its file name
        file_bodies: dict[tuple[str, ...], Field] = {}
        file_names: dict[tuple[str, ...], Field] = {}
        # a multipart file part's content type field, its value and its file name
        uploads: list[tuple[Field, str, str]] = []
        per_category: dict[str, int] = {}
        conversations: dict[tuple[str, ...], Field] = {}
        chat_parents: set[tuple[str, ...]] = set()
        chat_candidates: list[tuple[Field, str]] = []
        coordinate_pairs: dict[tuple[str, ...], list[float]] = {}
        # texts of records that may be places (`description`, `label`): a place's when the
        # record carries coordinates (issue 15bo)
        record_texts: list[tuple[Field, str, str]] = []
        # `origin`/`destination` airport codes: a trip's ends (issue 15bo)
        trip_ends: list[Field] = []
        typed_parts: dict[tuple[str, ...], list[Field]] = {}
        # `text` beside an address in one object: the name a column shows (`{email, text}`)
        shown_texts: dict[tuple[str, ...], Field] = {}
        email_parents: dict[tuple[str, ...], None] = {}  # in field order: evidence is stable
        # `name` under a place's key (`location`, `address`), as hit: decided after the loop
        named_places: list[tuple[Hit, tuple[str, ...]]] = []
        # A display name (`nickname`) and the own `model`/`manufacturer` keys of objects: in a
        # device's record (both keys) the display name is the device's, no user's (issue 15w).
        display_names: list[tuple[Hit, tuple[str, ...]]] = []
        # `settings › language` of an object: with a `title` beside `settings`, the object is a
        # resource the request creates (a form, survey, document) and the language its own.
        setting_languages: list[tuple[Hit, tuple[str, ...]]] = []
        device_keys: dict[tuple[str, ...], set[str]] = {}
        # The strings of each list (`texts: [...]`, `documents: [...]`) or of an object's
        # numbered members (`cue_0001`): a transcript when its lines are speakers' turns, one
        # line per element (issue 15ar, 15bp).
        list_strings: dict[tuple[str, ...], list[tuple[Field, str]]] = {}
        # A segment's source and translation keys' strings per object (`sentence`,
        # `translation`): a caption cue and its translation is a transcript (issue 15bp).
        segments: dict[tuple[str, ...], list[tuple[Field, str, str]]] = {}
        chat_events: list[tuple[str, ...]] = []
        # Text under `data` (a realtime signal `{"type": "chat", "data": …}`): chat only in
        # an object whose type names a chat message.
        chat_data: list[tuple[Field, str]] = []
        # Objects that are an SMS (`channel: "sms"`, a phone number as the recipient) or a push
        # notification (`sound`): their text is a notification, not chat (heldout8/9,
        # heldout15), and a recipient in digits is a phone.
        sms_parents: set[tuple[str, ...]] = set()
        titled_parents: set[tuple[str, ...]] = set()  # objects with a `title`
        pushed_parents: set[tuple[str, ...]] = set()  # objects with a push's `sound`
        sent_from_device: set[tuple[str, ...]] = set()  # SMS sent through the user's phone
        sending_users: set[tuple[str, ...]] = set()  # objects naming the user who sends
        recipients: list[tuple[Field, str, str]] = []
        chat_hits: list[tuple[Hit, tuple[str, ...]]] = []
        # GraphQL requests whose operation posts a comment: the objects holding `query`.
        comment_operations: list[tuple[str, ...]] = []
        writes_note = _NOTE_PATH_RE.search(ctx.url_path) is not None
        # A help-desk ticket's text, and whether it names its requester (issue 15f).
        ticket_texts: list[tuple[Field, str]] = []
        ticket_requester = False
        # Meeting structure (issue 15): topic keys whose object may be a calendar event or an
        # e-mail, and the paths of values that are one e-mail address.
        topics: list[tuple[Field, str, str]] = []
        mail_paths: list[tuple[str, ...]] = []
        mail_addresses: dict[tuple[str, ...], str] = {}  # each such path's address
        event_hint = False  # a key of a calendar event's members seen
        sign_in: list[tuple[Field, str]] = []  # `identifier`/`password` fields (issue 15j)
        subjects: list[tuple[Hit, tuple[str, ...], object]] = []  # `sub` claims as user ids
        # A request-level `username` sent beside an API key: the API account's (issue 15ab).
        request_usernames: list[Hit] = []
        request_members: set[str] = set()  # the body's top-level keys, normalised
        api_key_sent = False  # a header naming an API key (`apiKey`, `X-API-Key`)
        plans = _PLANS
        roles: list[Field] = []  # `role` values: a room peer's role in the meeting (issue 15ae)
        # Titles a follow-up cue frames around a topic that names no kind of meeting ("Starting
        # in 10 min: <topic>"): the meeting's when their record speaks of one (issue 15az).
        cue_titles: list[tuple[Field, str, str]] = []
        cloud_regions: list[Field] = []  # `region: "eu"`: a data-residency setting, maybe
        # Full names the flow's addresses spell (`mahlet.gebremedhin@…`): the same words
        # capitalised in its text are that person's name, in a list or not (issue 15an).
        # Id keys a sibling `<key>_type=email` says hold an account's address
        # (`receive_id` beside `receive_id_type=email`: the recipient's account; issue 15an).
        # Records of a published work (a package's manifest, a book): their `author` is the
        # work's credit, no account of the service (issue 15au).
        # Records that carry a document's body (`html`, `markdown`): their reference keys name
        # the document (issue 15au).
        # (one pass over the fields for all four, each last key's roles looked up once: four
        # passes with a key normalised in each cost ~5% of the labeller's instructions)
        spelt_names: list[str] = []
        email_typed_ids: list[str] = []
        work_paths: list[tuple[str, ...]] = []
        document_paths: list[tuple[str, ...]] = []
        # first/last sub-fields of a name field: (their object, (field, part), the sub-field)
        name_parts: list[tuple[tuple[str, ...], tuple[str, str], Field]] = []
        references: list[Field] = []  # reference keys' text, a person's maybe (issue 15bb)
        # Records that are a link (a destination `url`, no person's keys beside it): their
        # reference keys name the link (issue 15av). (Both read in the same pass.)
        person_records: set[tuple[str, ...]] = set()
        link_candidates: list[tuple[str, ...]] = []
        last_key_roles = _LAST_KEY_ROLES
        for fld in fields:
            path = fld.path
            value = fld.value
            if isinstance(value, str) and "@" in value and not fld.in_stack_frame:
                spelt_names.extend(address_names(value))
            if not path:
                continue
            roles_of_key = last_key_roles.get(path[-1])
            if roles_of_key is None:
                roles_of_key = _last_key_roles(path[-1])
            (
                typed_id,
                is_work,
                is_document,
                name_part,
                is_reference,
                describes_person,
                is_link_target,
            ) = roles_of_key
            if describes_person:
                person_records.add(path[:-1])
            if is_link_target and path[0] == "body":
                link_candidates.append(path[:-1])
            if is_reference and isinstance(value, str):
                references.append(fld)
            if typed_id is not None and isinstance(value, str) and value.strip().lower() == "email":
                email_typed_ids.append(typed_id)
            if name_part is not None and isinstance(value, str) and value:
                name_parts.append((path[:-1], name_part, fld))
            if is_work:
                work_paths.append(path[:-1])
            if is_document:
                document_paths.append(path[:-1])
        address_named = frozenset(spelt_names)
        ids_by_email = frozenset(email_typed_ids)
        work_records = frozenset(work_paths)
        user_keys_seen: set[tuple[str, ...]] = set()
        document_records = frozenset(document_paths)
        link_records = frozenset(
            parent for parent in link_candidates if parent not in person_records
        )
        for fld in fields:
            if fld.in_stack_frame:
                continue
            path = fld.path
            value = fld.value
            is_str = isinstance(value, str)
            entry = plans.get(path)
            if entry is None:
                entry = _PathEntry(path)
                if len(plans) > 200_000:
                    plans.clear()
                plans[path] = entry
            if gathering is not None:
                if isinstance(value, str):
                    size = len(value)
                    if kv_exact and size <= kv_exact_max:
                        variant = kv_exact.get(value.strip().lower())
                        if variant is not None:
                            kv_exact_found((variant, value.strip(), fld))
                    gather_skip = entry.gather_skip
                    if (
                        size >= kv_min_len
                        and not value.startswith("hex:")
                        and not (gather_skip and (gather_skip == _KV_SKIPPED_HEADER or kv_url))
                    ):
                        kv_texts(value)
                        kv_owners(fld)
                elif kv_exact and isinstance(value, int) and not isinstance(value, bool):
                    variant = kv_exact.get(str(value))
                    if variant is not None:
                        kv_exact_found((variant, str(value), fld))
            if not path:
                continue
            key = path[-1]
            if key in _FILE_PART_KEYS and len(path) >= 2:
                # an attachment: a file name beside the file's content (any encoding)
                if key in _FILE_BODY_KEYS:
                    if value is not None and value != "":
                        file_bodies.setdefault(path[:-2] if key == "bytes" else path[:-1], fld)
                elif isinstance(value, str) and _FILE_NAME_RE.search(value) is not None:
                    file_names.setdefault(path[:-1], fld)
            if key in _PAIR_NAME_PARTS and isinstance(value, str):
                # OpenTelemetry-style attribute lists: {"key": "host.name", "value": {...}} in
                # JSON, KeyValue{1: "host.name", 2: AnyValue{…}} in schema-less protobuf.
                if (
                    (key == "key" or key == "1")
                    and len(path) >= 2
                    and path[0] != "url"  # `?key=…` is an API key, not an attribute's name
                    and (key == "key" or _ATTRIBUTE_NAME_RE.match(value))
                ):
                    kv_names[path[:-1]] = value
                    if key == "key":
                        # also the id of a typed entity (`{"kind": "user", "key": …}`)
                        typed_parts.setdefault(path[:-1], []).append(fld)
                    continue
                if (
                    key == "1"
                    and len(path) >= 3
                    and path[0] != "url"
                    and len(value) <= 64
                    and _FIELD_NAME_RE.match(value)
                ):
                    # Schema-less protobuf KeyValue or map entry with a plain attribute name
                    # (`user_id`, `locale`, an agent's `system_distro`; issue 15): its field 2
                    # is read under that name. The field itself is read as before.
                    kv_names[path[:-1]] = value
                if (
                    key in _FACT_NAME_PARTS
                    and len(path) >= 2
                    and path[0] != "url"
                    and _FACT_NAME_RE.match(value)
                ):
                    # A name/value fact (`{"name": "OS", "value": "Ubuntu 22.04"}` in a card's
                    # facts or an embed's fields; issue 15), a table row's cell (`{"column":
                    # "Owner", "value": …}`; sdk10): the value is read under the name, so a
                    # column naming a role names a person. The name itself is read as before.
                    kv_names.setdefault(path[:-1], value)
            if (
                kv_names
                and len(path) >= 3
                and path[-2] in ("value", "2")
                and (path[:-2] in kv_names)
            ):
                key = kv_names[path[:-2]]
                plan = _plan_for_name(key)
            elif kv_names and (key == "value" or key == "2") and path[:-1] in kv_names:
                # `{"key": "country", "value": "CH", "type": …}`: a record with more members
                # than the decoder's two-member pair objects (issue 15).
                key = kv_names[path[:-1]]
                plan = _plan_for_name(key)
            elif is_str:
                known_plan = entry.string_plan
                if known_plan is None:
                    known_plan = entry.string_plan = _plan(path, True)
                plan = known_plan
            else:
                known_plan = entry.other_plan
                if known_plan is None:
                    known_plan = entry.other_plan = _plan(path, False)
                plan = known_plan
            kind, key, nk, rule, flags = plan
            if len(path) == 2 and path[0] != "url":
                if path[0] == "header":
                    if not api_key_sent and entry.api_key_header:
                        api_key_sent = True
                else:
                    request_members.add(nk)
            if kind >= _FAST:
                if kind == _PLAIN:
                    # (no rule, no key test: the value's own tests below, and the tests of the
                    # names and addresses the flow's other fields give, which ask no key bit)
                    if isinstance(value, str) and (ids_by_email or " " in value):
                        self._flow_named_value(
                            fld, key, nk, value, ids_by_email, address_named, work_records, add
                        )
                    if entry.user_map_key is not None:
                        self._user_map_member(fld, entry.user_map_key, user_keys_seen, add)
                    matched = False
                    if path[-1].isdigit() and isinstance(value, str) and quality_metric_name(value):
                        self._quality_metric_hit(fld, value, per_category, add)
                elif kind == _HEADER:
                    self._header(fld, add)
                    continue
                else:  # _INERT, _SKIP
                    continue
            else:
                if flags & _F_TYPED_PART:
                    typed_parts.setdefault(path[:-1], []).append(fld)
                if nk == "role" and is_str and len(path) >= 2:
                    roles.append(fld)
                elif nk == "region" and is_str and value in _CLOUD_REGION_CODES:
                    cloud_regions.append(fld)
                if flags & _F_CONVERSATION:
                    conversations.setdefault(path[:-1], fld)
                if flags & _F_SIGN_IN and is_str and value:
                    sign_in.append((fld, nk))
                if kind == _COORDINATE:
                    if isinstance(value, int | float) and not isinstance(value, bool):
                        coordinate_pairs.setdefault(path[:-1], []).append(float(value))
                    continue
                if flags & _F_COORDINATE_TEXT and isinstance(value, str) and path[0] != "header":
                    if self._coordinate_text(fld, nk, value, coordinate_pairs, add):
                        continue
                    if nk in _TRIP_END_KEYS and _AIRPORT_CODE_RE.match(value):
                        trip_ends.append(fld)
                if kind != _NORMAL:
                    if kind == _DECIDED:
                        first, second = VALUE_DECIDED_KEYS[nk]
                        rule = first if first[1](value) else (second or rule)
                    if kind == _FILENAME:
                        file_parts[path[:-1]] = value if isinstance(value, str) else ""
                        continue
                    if kind == _CONTENT_TYPE:
                        if path[:-1] in file_parts and isinstance(value, str):
                            uploads.append((fld, value, file_parts[path[:-1]]))
                        continue
                    if kind == _LAT:
                        if v_coordinate(value):
                            lat[path[:-1]] = fld
                        continue
                    if kind == _LON:
                        if v_coordinate(value):
                            lon[path[:-1]] = fld
                        continue
                if isinstance(value, str) and (ids_by_email or " " in value):
                    self._flow_named_value(
                        fld, key, nk, value, ids_by_email, address_named, work_records, add
                    )
                if entry.user_map_key is not None:
                    self._user_map_member(fld, entry.user_map_key, user_keys_seen, add)
                matched = False
                if (
                    rule is not None
                    and (rule[0] == TRANSCRIPT or rule[0] == CHAT)
                    and len(path) >= 3
                    and path[-2] == "pairs"
                ):
                    # one item of a packed `k=v|k=v` / `k=v; k=v` attribute string (an asset's
                    # context, a header's, a log line's): a label, not a message or a transcript
                    # (an image's `caption=<topic>`; issue 15o)
                    rule = None
                if (
                    rule is not None
                    and rule[0] == UID
                    and normalise_key(str(key)) in _EXTERNAL_REFERENCE_KEYS
                    and (path[:-1] in document_records or path[:-1] in link_records)
                ):
                    # a document's own reference (`external_id` beside its `html`): it names the
                    # document, no person (issue 15au)
                    rule = None
                if rule is not None and flags & _F_AUTH_APP and ctx.auth_endpoint:
                    # an OAuth client's or account's id names the application or organisation
                    rule = None
                if (
                    rule is not None
                    and rule[0] == LOCALE
                    and nk in CONTENT_LANGUAGE_KEYS
                    and path[0] != "header"
                    and _content_language(path, ctx, fields)
                ):
                    # the language of the content a speech, translation or text-analysis request
                    # processes: a parameter of the processing, no locale (issue 15aq)
                    rule = None
                if (
                    rule is not None
                    and ctx.incoming_webhook
                    and len(path) == 2
                    and flags & _F_WEBHOOK_POSTER
                ):
                    # The name an incoming webhook posts under is the integration's, not an
                    # account (issue 15): no user id; a person's full name is still a name.
                    rule = None
                    if v_person_name(value):
                        add(self._value_hit(NAME, "detector.name_key", fld, key, str(value)))
                if nk in ("model", "manufacturer") and isinstance(value, str):
                    device_keys.setdefault(path[:-1], set()).add(nk)
                if rule is not None:
                    category, validator, name = rule
                    if flags & _F_DEVICE_NAME_KEY and not v_hostname(value) and v_count(value):
                        # "Pixel 8" is a model; "DESKTOP-4J2" a host name.
                        category, validator, name = HW, v_count, "hardware_key"
                    elif category == DID and "visitor" in nk and v_app_user_ref(value):
                        # The app set its own user's id as the visitor id (`visitorCode:
                        # "usr_3Hf8Wq20"`): the person's id, not a browser's (issue 15).
                        category, validator, name = UID, v_app_user_ref, "user_id_key"
                    if validator(value):
                        matched = True
                        if category == EMAIL:
                            email_parents[path[:-1]] = None
                            if nk == "value":
                                _add_contact_record(email_parents, path)
                        elif category == PHONE and (nk == "value" or nk == "number"):
                            _add_contact_record(email_parents, path)
                        elif category == HW and flags & _F_DEVICE_TEXT and v_os_word(value):
                            # a device described in words that name its OS ("Android 14 / Pixel 8")
                            add(self._value_hit(OS, "detector.os_value", fld, key, str(value)))
                        elif category == OS and flags & _F_MACHINE_ARCH:
                            # the machine's CPU architecture: a hardware fact as well
                            add(
                                Hit(
                                    HW,
                                    "detector.hardware_key",
                                    fld.where,
                                    excerpt_for(HW, key, value),
                                    self.key_confidence,
                                )
                            )
                        count = per_category.get(category, 0)
                        per_category[category] = count + 1
                        if count < self.max_hits_per_category:
                            key_hit = Hit(
                                category,
                                f"detector.{name}",
                                fld.where,
                                excerpt_for(category, key, value),
                                self.key_confidence,
                            )
                            add(key_hit)
                            if category == COARSE and nk == "name":
                                named_places.append((key_hit, path[:-1]))
                            elif category == UID and name == "display_name_key":
                                display_names.append((key_hit, path[:-1]))
                                if nk == "username" and len(path) == 2 and path[0] != "url":
                                    request_usernames.append(key_hit)
                            elif (
                                category == LOCALE
                                and len(path) >= 3
                                and normalise_key(path[-2]) == "settings"
                            ):
                                setting_languages.append((key_hit, path[:-2]))
                            elif nk == "sub" and category == UID:
                                subjects.append((key_hit, path[:-1], value))
                        if flags & _F_DISPLAY_NAME and category == UID and isinstance(value, str):
                            # (`Alice Example <alice@…>`: the name part of a sender)
                            shown = display_name_of(value)
                            if shown is not None and " " in shown.strip() and v_name(shown):
                                add(
                                    Hit(
                                        NAME,
                                        "detector.name_key",
                                        fld.where,
                                        excerpt_for(NAME, key, shown),
                                        self.context_confidence,
                                    )
                                )
                if (
                    isinstance(value, str)
                    and (flags & _F_SERIES or path[-1].isdigit())
                    and quality_metric_name(value)
                ):
                    # A series named for a media-quality measure: a schema-less protobuf data
                    # point's name field, or a `metric`/`name` key (`meeting.rtt_ms`; issue 15).
                    self._quality_metric_hit(fld, value, per_category, add)
                if flags & _F_RECIPIENT and (is_str or type(value) is int) and v_phone(value):
                    number = str(value).strip()
                    # without its `+`, only digits on an SMS path or in an SMS object
                    # (`2026-12-07` is a date)
                    if number[:1] == "+" or (ctx.sms_endpoint and number.isdigit()):
                        add(self._value_hit(PHONE, "detector.phone_value", fld, key, number))
                        sms_parents.update(_message_objects(path))
                    elif number.isdigit():
                        recipients.append((fld, key, number))
                elif (
                    nk in _BARE_NUMBER_RECIPIENT_KEYS
                    and isinstance(value, str)
                    and value.isdigit()
                    and v_phone(value)
                ):
                    recipients.append((fld, key, value))
                if (
                    flags & _F_MESSAGE_CHANNEL
                    and isinstance(value, str)
                    and (
                        value.strip().lower() in _SMS_CHANNELS
                        or (nk != "channel" and _SYSTEM_NOTICE_TYPE_RE.match(value.strip()))
                    )
                ):
                    # an SMS's text, or a system notice's, is a notification, not chat
                    sms_parents.add(path[:-1])
                if nk in _PUSH_NOTIFICATION_KEYS and value is not None and value != "":
                    # a push notification's members: its text is a notification, as an SMS's
                    sms_parents.add(path[:-1])
                    pushed_parents.add(path[:-1])
                elif nk in _SENDING_DEVICE_KEYS and is_str and value:
                    sent_from_device.add(path[:-1])
                elif nk in _SENDING_USER_KEYS and value is not None and value != "":
                    sending_users.add(path[:-1])
                elif nk in _NOTIFICATION_TITLE_KEYS and is_str and value:
                    titled_parents.add(path[:-1])
                if ctx.ticket_endpoint and path[0] == "body":
                    if nk in _REQUESTER_KEYS and value is not None and value != "":
                        ticket_requester = True
                    elif (
                        # (the ticket's own text, not a custom field's or a part's)
                        nk in _TICKET_TEXT_KEYS
                        and len(path) <= 4
                        and not matched
                        and isinstance(value, str)
                        and " " in value
                    ):
                        ticket_texts.append((fld, key))
                if not is_str:
                    if nk in _EVENT_MEMBER_KEYS:  # (`isOnlineMeeting: true`, `attendees: 4`)
                        event_hint = True
                    continue
            text = str(value)  # (a str: `is_str`)
            if path[-1] == "text" and len(text) <= 70 and " " in text:
                shown_texts[path[:-1]] = fld
            if flags & _F_GRAPHQL_OP and _posts_comment(nk, text):
                comment_operations.append(path[:-1])
            if flags & _F_GRAPHQL_OP and not writes_note and _writes_note(nk, text):
                writes_note = True
            if (
                flags & _F_STATUS
                and path[0] != "url"
                and "statuses" in ctx.url_path
                and _STATUS_POST_PATH_RE.search(ctx.url_path) is not None
                and v_text(text)
            ):
                hit = self._value_hit(
                    CHAT, "detector.chat_text", fld, key, text, self.context_confidence
                )
                add(hit)
                chat_hits.append((hit, path[:-1]))
            if "/" in text and len(text) <= 40 and v_runtime_token(text):
                # a runtime and its version as a value of its own (`env=python/3.12.1` in
                # an SDK's platform header): device_info.os under any key (taxonomy)
                add(self._value_hit(OS, "detector.runtime_value", fld, key, text))
            if nk in _STRUCTURE_KEYS and self._structure_key(fld, key, nk, text, ctx, topics, add):
                event_hint = True
            if nk in _PLACE_TEXT_KEYS and path[0] == "body":
                if PARENT_GROUPS.get(parent_key(path)) == "location":
                    # a location object's text (Cronofy's `location: {description}`): the
                    # cities and countries it names (issue 15m)
                    for place in places_named(text):
                        add(self._value_hit(COARSE, "detector.location_text", fld, key, place))
                else:
                    # a record's text, a place's when the record carries coordinates (a
                    # geofence's `description`): decided after the pass (issue 15bo)
                    record_texts.append((fld, key, text))
            elif nk in _WAYPOINT_NAME_KEYS:
                # a route's stops by label: each names its place (issue 15bo)
                for place in places_named(text.replace(";", ", ")):
                    add(self._value_hit(COARSE, "detector.location_text", fld, key, place))
            if (
                "@" in text
                and path[0] != "header"
                and not _is_id_key(nk)  # an add-on's `id: "name@vendor.org"` is no address
                and v_email_address(text)
            ):
                mail_paths.append(path)
                mail_addresses[path] = text
            head = text[:1]
            if (head == "B" and text.startswith("BEGIN:V")) or ";CN=" in text:
                self._icalendar(fld, key, text, add)
            if (
                (":APA91b" in text or (head == "E" and text.startswith(PUSH_TOKEN_STARTS)))
                and v_push_token(text)
            ) or (
                head == "h" and text.startswith("https://") and _WEB_PUSH_RE.match(text) is not None
            ):
                # A push registration token names one app install on one device (and,
                # under a token key, stays a credential too).
                add(self._value_hit(DID, "detector.device_id_value", fld, key, text))
            elif ctx.push_endpoint and path[0] == "body" and _push_token_at(path, text):
                # a gateway's own opaque device token (no vendor prefix) where a push
                # endpoint takes its recipients (`to`, `token`, `tokens`; issue 15as)
                add(self._value_hit(DID, "detector.device_id_value", fld, key, text))
            if (
                isinstance(value, str)
                and len(path) > 1
                # a list's element, or an object's numbered member (an import's caption keys
                # `cue_0001`, `cue_0002`; issue 15bp)
                and path[-1][-1:].isdigit()
                and len(strings := list_strings.setdefault(path[:-1], []))
                < textfile.MAX_DIALOGUE_TURNS
            ):
                strings.append((fld, value))
            if (
                isinstance(value, str)
                and nk in _SEGMENT_KEYS
                and ": " in value[:120]
                and len(path) > 1
            ):
                segments.setdefault(path[:-1], []).append((fld, nk, value))
            if (
                matched
                and nk == "transcript"
                and ctx.speech_synthesis_endpoint
                and isinstance(value, str)
            ):
                # A speech-synthesis request's `transcript` is the text read aloud (a
                # transcript by its key): a recap names the meeting's topic (issue 15ar).
                self._recap_topic(fld, key, value, add)
            if flags & _F_CUE_TITLE and isinstance(value, str):
                if nk == "label" and ctx.meeting_endpoint and v_text(value):
                    # a meeting's label on its own endpoint (`PUT /asr/meeting/<id> {label}`):
                    # its topic, as its `title` is (issue 15az)
                    add(
                        self._value_hit(
                            MEETING,
                            "detector.meeting_text",
                            fld,
                            key,
                            value,
                            self.context_confidence,
                        )
                    )
                cue = cue_title_topic(value)
                if cue is not None:
                    if cue[1]:
                        add(
                            self._value_hit(
                                MEETING,
                                "detector.meeting_cue_title",
                                fld,
                                key,
                                cue[0],
                                self.context_confidence,
                            )
                        )
                    else:
                        cue_titles.append((fld, key, cue[0]))
            if isinstance(value, str) and value and (not matched or "@" in value):
                if (
                    flags & _F_SHAPE_CONTEXT
                    or "@" in value
                    or value[0] in _SHAPE_FIRSTS
                    or value[0].isdigit()  # other scripts' digits too, as `_value_shapes`
                    or ":" in value[:5]
                    or len(value) == 17
                    or nk == "html"  # a document drafted as HTML (issue 15at)
                ):
                    if self._value_shapes(fld, key, nk, value, matched, rule, flags, ctx, add):
                        chat_parents.add(path[:-1])
                        chat_hits.append((hits[-1], path[:-1]))
                elif (
                    _DEVICE_NAME_MIN <= len(value) <= 40
                    or (_DEVICE_NAME_MIN <= len(value) <= 2000 and " " in value)
                ) and _may_name_device(value):
                    # Only the device-name test of `_value_shapes` can apply to this value.
                    self._device_name(fld, key, value, add)
                if (
                    not matched
                    and flags & _F_CHAT_KEY
                    and not (ctx.chat_endpoint or flags & _F_CHAT_PATH)
                ):
                    chat_candidates.append((fld, key))
                elif not matched and flags & _F_DATA and " " in value:
                    chat_data.append((fld, key))
                if (
                    not matched
                    and value[-1:] == ")"
                    and len(value) <= 120
                    and path[0] != "header"
                    and v_agent_comment_os(value)
                ):
                    # A client's user agent copied into data (`MeetCorp desktop 5.17.2
                    # (Windows 11)` in a footer): product, version, the OS in parentheses.
                    add(self._value_hit(OS, "detector.os_value", fld, key, value))
                if (
                    not matched
                    and " " in value
                    and len(value) <= 200
                    and path[0] != "header"
                    and _PLATFORM_TEXT_KEY_RE.search(key) is not None
                ):
                    # An OS with its version in free text under a client/platform/device key
                    # (`client: "desktop 5.19.2 on Windows 11 23H2"`; issue 15ao): read as a
                    # support comment's OS words are; a bare "Windows" stays no fact.
                    os_text = _OS_IN_TEXT_RE.search(value)
                    if os_text is not None:
                        add(
                            Hit(
                                OS,
                                "detector.os_text",
                                fld.where,
                                f"{key}: …{shorten(os_text.group(0), 40)}…",
                                self.context_confidence,
                            )
                        )
                if not matched and flags & _F_CHANNEL_NAME and "ser" in value:
                    channel_user = _CHANNEL_USER_RE.search(value)
                    if channel_user is not None and v_user_id(channel_user.group(1)):
                        add(
                            self._value_hit(
                                UID,
                                "detector.user_id_key",
                                fld,
                                key,
                                channel_user.group(1),
                                self.context_confidence,
                            )
                        )
                if (
                    flags & _F_EVENT_NAME
                    and len(value) <= 64
                    and (
                        _CHAT_EVENT_RE.match(value)
                        or (path[-1] == "$type" and _POST_RECORD_TYPE_RE.match(value))
                    )
                ):
                    chat_events.append(path[:-1])
                if (
                    not matched
                    and len(value) >= _PROSE_MIN
                    and (" " in value or "+" in value)  # (what `_prose_hits` reads at all)
                ):
                    self._prose(fld, key, nk, value, flags, add)
        if sign_in:
            self._sign_in_names(sign_in, add)
        if subjects:
            _drop_client_subjects(hits, subjects, fields)
        for fld, key in chat_data:
            if fld.path[:-1] in chat_events:
                chat_candidates.append((fld, key))
        if ticket_requester:
            # A help-desk ticket in the requester's words to the support staff (taxonomy,
            # Conventions); a text already read as chat (`comment › body`) is not read twice.
            read = {hit.where for hit in hits if hit.category == CHAT}
            for fld, key in ticket_texts:
                if fld.where not in read and v_text(fld.value):
                    hit = self._value_hit(
                        CHAT,
                        "detector.chat_text",
                        fld,
                        key,
                        str(fld.value),
                        self.context_confidence,
                    )
                    add(hit)
                    chat_hits.append((hit, fld.path[:-1]))
                    self._comment_words(fld, key, str(fld.value), add)
        # the operation's data: its variables, or its arguments written inline in the document
        # (`… › query › graphql › create_update › body`, decode/graphql.py)
        variables = [(*parent, "variables") for parent in comment_operations]
        variables += [(*parent, "query", GRAPHQL_LAYER) for parent in comment_operations]
        if sending_users:
            # an SMS (a number it goes to) naming the user who sends it (issue 15aa)
            sent_from_device |= sending_users & sms_parents
        for fld, key in chat_candidates:
            posted = any(fld.path[: len(v)] == v for v in variables)
            if (
                posted
                or fld.path[:-1] in conversations
                or fld.path[:-1] in sent_from_device
                or any(fld.path[: len(parent)] == parent for parent in chat_events)
            ) and v_text(fld.value):
                hit = Hit(
                    CHAT,
                    "detector.chat_text",
                    fld.where,
                    excerpt_for(CHAT, key, fld.value),
                    self.context_confidence,
                )
                add(hit)
                chat_hits.append((hit, fld.path[:-1]))
                chat_parents.add(fld.path[:-1])
                if posted:
                    self._comment_words(fld, key, str(fld.value), add)
        messaging = None
        sms_keyed: set[tuple[str, ...]] | None = None
        for fld, key, number in recipients:
            if fld.path[:-1] in sms_parents:
                add(self._value_hit(PHONE, "detector.phone_value", fld, key, number))
                continue
            if messaging is None:
                messaging = _MESSAGING_PATH_RE.search(ctx.url_path) is not None
            if sms_keyed is None:
                # objects whose own keys name an SMS (`sms_body`, `smsText`): a command API's
                # send whose URL names no messaging (`/platform_api`, `cmd=SendSmsMessage`;
                # issue 15bq); read only when a recipient in digits is left to decide
                sms_keyed = {
                    other.path[:-1]
                    for other in fields
                    if other.path and other.path[-1][:3].lower() == "sms"
                }
            if (messaging or fld.path[:-1] in sms_keyed) and valid_international_number(
                "+" + number
            ):
                # a message's or a PIN's recipient in international digits (issue 15aa)
                add(self._value_hit(PHONE, "detector.phone_value", fld, key, number))
                sms_parents.update(_message_objects(fld.path))
        if titled_parents:
            # A `message` under a `title` is a notification's text (a push message's `title`
            # and `message`), not a line of a conversation (issue 15t).
            sms_parents |= {
                parent
                for hit, parent in chat_hits
                if parent in titled_parents and hit.where.rsplit(" › ", 1)[-1] == "message"
            }
        if sms_parents and chat_hits:
            # An omnichannel send's messages (`messages: [{channel: viber, text}, {channel:
            # sms, text}]`): the channels are tried in turn, so an SMS among them makes every
            # message of the list the same notification (issue 15am).
            fallback_lists = {
                parent[:-1] for parent in sms_parents if parent[-1:] != () and parent[-1].isdigit()
            }
            sms_parents |= {
                parent
                for _, parent in chat_hits
                if len(parent) >= 2 and parent[-1].isdigit() and parent[:-1] in fallback_lists
            }
        if sent_from_device:
            # An SMS the user sends through their own phone is their text to a person: chat,
            # unless the object is a push notification (docs/taxonomy.md, issue 15w).
            sms_parents -= sent_from_device - pushed_parents
        if sms_parents:
            # An SMS's or a push notification's text is a notification, not chat (heldout8/9's
            # convention, heldout15's push messages).
            dropped = {id(hit) for hit, parent in chat_hits if parent in sms_parents}
            if dropped:
                hits[:] = [hit for hit in hits if id(hit) not in dropped]
                chat_parents -= sms_parents
        if setting_languages and titled_parents:
            dropped = {id(hit) for hit, owner in setting_languages if owner in titled_parents}
            if dropped:
                hits[:] = [hit for hit in hits if id(hit) not in dropped]
        if (
            request_usernames
            and (api_key_sent or request_members & _API_KEY_NAMES)
            and not request_members & _PERSON_MEMBER_KEYS
            and not ctx.auth_endpoint
            and _PERSON_PATH_RE.search(ctx.url_path) is None
        ):
            # The developer's or tenant's account of an API (a messaging API's `username`
            # beside its API key on every call), not a person's (docs/taxonomy.md: an API
            # account's id is no user id). A `username` beside a password (a login), a person's
            # e-mail or name (a profile), or on a users/profile/sign-up path stays a user id.
            dropped = {id(hit) for hit in request_usernames}
            hits[:] = [hit for hit in hits if id(hit) not in dropped]
        for items in list_strings.values():
            if sum(": " in text for _, text in items) >= 2 and textfile.dialogue_turns(
                "\n".join(text.replace("\n", " ") for _, text in items)
            ):
                hits.append(
                    Hit(
                        TRANSCRIPT,
                        "detector.transcript_lines",
                        items[0][0].where,
                        f"{len(items)} speaker-attributed lines",
                        self.context_confidence,
                    )
                )
            elif ctx.translation_endpoint and _message_batch(items):
                # Messages sent together for machine translation (`q: [...]`, `strings: [...]`),
                # one addressing a person by first name: what people wrote to each other, chat
                # (as heldout24's DeepL text; issue 15bp).
                for item, text in items:
                    hits.append(
                        self._value_hit(
                            CHAT,
                            "detector.chat_text",
                            item,
                            str(item.path[-2]),
                            text,
                            self.context_confidence,
                        )
                    )
        for group in segments.values():
            cue_source = _translated_cue(group)
            if cue_source is not None:
                hits.append(
                    Hit(
                        TRANSCRIPT,
                        "detector.transcript_lines",
                        cue_source.where,
                        "a caption cue and its translation",
                        self.context_confidence,
                    )
                )
        if display_names:
            # a display name in a room's or a call's record is the thing's (issue 15bs)
            display_parents = {parent for _hit, parent in display_names}
            room_records = {
                fld.path[:-1]
                for fld in fields
                if fld.path[:-1] in display_parents
                and normalise_key(fld.path[-1]) in _ROOM_RECORD_KEYS
            }
            if room_records:
                thing_names = {hit.where for hit, parent in display_names if parent in room_records}
                hits[:] = [
                    hit
                    for hit in hits
                    if not (
                        hit.where in thing_names
                        and hit.category in (UID, NAME)
                        and hit.detector in ("detector.display_name_key", "detector.name_key")
                    )
                ]
        if display_names and device_keys:
            devices = {parent for parent, keys in device_keys.items() if len(keys) == 2}
            dropped = {id(hit) for hit, parent in display_names if parent in devices}
            if dropped:
                hits[:] = [hit for hit in hits if id(hit) not in dropped]
        if named_places and email_parents:
            # An e-mail address object (`address: {email, name}`, a mail recipient): its
            # `name` is the person the address belongs to, not a place.
            dropped = {id(hit) for hit, parent in named_places if parent in email_parents}
            if dropped:
                hits[:] = [hit for hit in hits if id(hit) not in dropped]
        for parent in () if writes_note else chat_parents:
            # The room or channel a message goes to says who talks to whom; a note is attached
            # to its thread as to a record, for colleagues, and says no such thing.
            conversation = conversations.get(parent)
            if conversation is not None and v_id(conversation.value):
                add(
                    Hit(
                        MEETING,
                        "detector.conversation_key",
                        conversation.where,
                        excerpt_for(MEETING, conversation.key, conversation.value),
                        self.context_confidence,
                    )
                )
        if email_parents and shown_texts:
            for parent in email_parents:
                shown_field = shown_texts.get(parent)
                if shown_field is not None and v_person_name(shown_field.value):
                    # a person column's shown name beside its address (sdk10)
                    add(
                        self._value_hit(
                            NAME, "detector.name_key", shown_field, "text", str(shown_field.value)
                        )
                    )
        if typed_parts:
            self._typed_names(typed_parts, add)
            if email_parents:
                self._person_ids(typed_parts, email_parents, ctx, add)
            for mail_path in mail_paths:
                # `emailAddress: {address, name}`: the name beside an address (issue 15); a
                # sender's (`from: {email, name}`) is its author's display name, a user id too.
                sender = any(normalise_key(part) in _SENDER_KEYS for part in mail_path[-3:-1])
                if mail_path[:-1] in email_parents and not sender:
                    continue
                if sender and _role_mailbox(mail_addresses.get(mail_path, "")):
                    # an app's mailbox (`meetings@…`, `no-reply@…`) sends under the app's
                    # brand ("Acme Meet"): no person's account (issue 15an)
                    continue
                for fld in typed_parts.get(mail_path[:-1], ()):
                    if fld.path[-1].lower() == "name" and v_person_name(fld.value):
                        add(self._value_hit(NAME, "detector.name_key", fld, "name", str(fld.value)))
                        if sender:
                            add(
                                self._value_hit(
                                    UID, "detector.display_name_key", fld, "name", str(fld.value)
                                )
                            )
        if len(name_parts) >= 2:
            self._split_names(name_parts, person_records, add)
        if references and person_records:
            self._person_references(references, person_records, fields, add)
        if roles and email_parents and _ROOM_PEER_PATH_RE.search(ctx.url_path):
            for fld in roles:
                if fld.path[:-1] in email_parents and str(fld.value).strip().lower() in (
                    _PARTICIPANT_ROLES
                ):
                    # a person put into a meeting's room with her role in it (a peer's `role:
                    # guest` beside her address): a participant (meeting metadata, as heldout17's
                    # WebRTC peer and heldout9's membership); a workspace member's `role` is not
                    add(
                        self._value_hit(
                            MEETING, "detector.participant_role", fld, "role", str(fld.value)
                        )
                    )
        if (
            email_parents
            and ctx.calendar_endpoint
            and _EVENT_ATTENDEES_PATH_RE.search(ctx.url_path)
        ):
            # people added by address to a calendar event (`POST /calendars/<id>/events/<id>/
            # attendees`): the event's participants, meeting metadata as a room's peer is
            # (issue 15am); one attendee is evidence enough
            attendee = next(
                (
                    fld
                    for fld in fields
                    if fld.path[:-1] in email_parents
                    and isinstance(fld.value, str)
                    and "@" in fld.value
                ),
                None,
            )
            if attendee is not None:
                add(
                    self._value_hit(
                        MEETING,
                        "detector.event_attendee",
                        attendee,
                        attendee.path[-1],
                        str(attendee.value),
                    )
                )
        if topics and (event_hint or mail_paths):
            self._meeting_topics(fields, topics, mail_paths, add)
        if cue_titles:
            self._cue_titles_of_meetings(fields, cue_titles, add)
        if "ttendance" in ctx.url_path and _ATTENDANCE_PATH_RE.search(ctx.url_path):
            self._attendance_record(fields, add)
        if email_parents or mail_paths:
            _drop_mailbox_places(hits, email_parents, mail_paths)
        for fld, value, filename in uploads:
            self._upload_type(
                fld, value, add, *self._upload_named(fld, filename, file_names, fields)
            )
        if file_bodies and file_names:
            named = next((p for p in file_bodies if p in file_names), None)
            if named is not None:
                name_field = file_names[named]
                named_ext = _FILE_NAME_RE.search(str(name_field.value))
                transcript = (
                    named_ext is not None and named_ext.group(1).lower() in TRANSCRIPT_EXTENSIONS
                ) or _transcript_content(file_bodies[named].path, fields)
                add(
                    Hit(
                        TRANSCRIPT if transcript else FILES,
                        "detector.attachment",
                        file_bodies[named].where,
                        f"file {shorten(str(name_field.value).rsplit('/', 1)[-1], 60)}",
                        self.context_confidence,
                    )
                )
        for parent, numbers in coordinate_pairs.items():
            # GeoJSON order: [longitude, latitude]
            if len(numbers) == 2 and -180 <= numbers[0] <= 180 and -90 <= numbers[1] <= 90:
                precise = min(_decimals(numbers[0]), _decimals(numbers[1])) >= 3
                category = PRECISE if precise else COARSE
                shown = f"coordinates={mask(numbers)}" if precise else f"coordinates={numbers}"
                add(
                    Hit(
                        category,
                        "detector.coordinates",
                        " › ".join(parent),
                        shown,
                        self.key_confidence,
                    )
                )
        for parent, lat_field in lat.items():
            lon_field = lon.get(parent)
            if lon_field is None:
                continue
            precise = min(_decimals(lat_field.value), _decimals(lon_field.value)) >= 3
            category = PRECISE if precise else COARSE
            shown = (
                f"lat={mask(lat_field.value)}, lon={mask(lon_field.value)}"
                if precise
                else f"lat={lat_field.value}, lon={lon_field.value}"
            )
            add(Hit(category, "detector.coordinates", lat_field.where, shown, self.key_confidence))
        if record_texts and (coordinate_pairs or lat):
            # a record that carries coordinates is a place (a geofence, a venue): its
            # description or label naming a city is a location object's text (issue 15bo)
            located = {parent[:-1] for parent in coordinate_pairs} | set(lat)
            for fld, key, text in record_texts:
                if fld.path[:-1] in located:
                    for place in places_named(text):
                        add(self._value_hit(COARSE, "detector.location_text", fld, key, place))
        if len(trip_ends) >= 2:
            self._trip_ends(fields, trip_ends, add)
        if uploads:
            _drop_upload_languages(hits, uploads)
        if cloud_regions:
            hits = _drop_cloud_regions(hits, cloud_regions)
        _machine_host_ids(hits, fields)
        return hits

    def _trip_ends(
        self, fields: Sequence[Field], trip_ends: list[Field], add: Callable[[Hit], None]
    ) -> None:
        """A trip's leg (a flight slice: `origin` CLJ, `destination` VIE and its date) names
        where its traveller goes by the airports' codes, each standing for its city: coarse
        location, as a city is (issue 15bo). Both ends and a date in one object; a lone code,
        or codes with no date beside them (a currency pair, a route table), are not."""
        ends: dict[tuple[str, ...], set[str]] = {}
        for fld in trip_ends:
            ends.setdefault(fld.path[:-1], set()).add(normalise_key(fld.path[-1]))
        legs = {parent for parent, keys in ends.items() if len(keys) == 2}
        if not legs:
            return
        dated = {
            fld.path[:-1]
            for fld in fields
            if fld.path[:-1] in legs
            and isinstance(fld.value, str)
            and normalise_key(fld.path[-1]) in _TRIP_DATE_KEYS
        }
        for fld in trip_ends:
            if fld.path[:-1] in dated:
                add(self._value_hit(COARSE, "detector.trip_end", fld, fld.path[-1], str(fld.value)))

    def _coordinate_text(
        self,
        fld: Field,
        nk: str,
        value: str,
        coordinate_pairs: dict[tuple[str, ...], list[float]],
        add: Callable[[Hit], None],
    ) -> bool:
        """Coordinates sent as one string under a coordinate key (issue 15bo): `lat,lon` or
        `lon,lat` (`coordinates`, `focus`, `origin`), `;`-joined waypoints, and a lone number
        of a pair sent as two repeated keys (a form's `coordinates=<lon>&coordinates=<lat>`:
        gathered as a list's numbers are). The taxonomy's precision rule as for a `lat`/`lon`
        pair: three or more decimals are precise, fewer coarse; under a search text's key
        (`q`) only precise ones count. True when the value was read as coordinates."""
        decimals = coordinate_text_decimals(value)
        if decimals is None:
            if nk in COORDINATE_TEXT_KEYS and "." in value and v_coordinate(value):
                coordinate_pairs.setdefault(fld.path, []).append(float(value))
                return True
            return False
        precise = decimals >= 3
        if not precise and nk not in COORDINATE_TEXT_KEYS:
            return False
        shown = f"{fld.path[-1]}={mask(value)}" if precise else f"{fld.path[-1]}={value}"
        add(
            Hit(
                PRECISE if precise else COARSE,
                "detector.coordinates",
                fld.where,
                shown,
                self.key_confidence,
            )
        )
        return True

    def _person_references(
        self,
        references: list[Field],
        person_records: set[tuple[str, ...]],
        fields: Sequence[Field],
        add: Callable[[Hit], None],
    ) -> None:
        """A reference key of a person's record (a booking customer's `reference_id` beside her
        name, e-mail or phone; issue 15bb) holding a handle is the client's own id of that
        person, her username in its app: a user id, as `externalId` and `customerExternalId`
        are. The handle is words joined as usernames are (`eamon.gallagher`), an app's user
        reference (`usr_7Kq2`) or the local part of the record's own address; an order's,
        meeting's or document's reference (`order-8812`, `mtg-85512345678`) or a reference in
        a record describing no person is none."""
        for fld in references:
            parent = fld.path[:-1]
            if parent not in person_records:
                continue
            value = str(fld.value).strip()
            if not value or is_redacted(value):
                continue
            handle = _JOINED_HANDLE_RE.match(value) is not None or v_app_user_ref(value)
            if not handle and value.isalnum() and value.islower() and not value.isdigit():
                handle = any(
                    other.path[:-1] == parent
                    and isinstance(other.value, str)
                    and other.value.strip().lower().startswith(value + "@")
                    for other in fields
                )
            if handle:
                add(self._value_hit(UID, "detector.user_id_key", fld, fld.key, value))

    def _split_names(
        self,
        name_parts: list[tuple[tuple[str, ...], tuple[str, str], Field]],
        person_records: set[tuple[str, ...]],
        add: Callable[[Hit], None],
    ) -> None:
        """A person's full name given as the first and last sub-fields of one field (a form
        builder's `submission[3_first]`/`submission[3_last]`, `name_first`/`name_last`,
        `name: {first, last}`; issue 15bb): both parts are the name, when the field is a form's
        question (an id: `3`, `q3`) or is named as a person's name, or its record describes a
        person (an e-mail or a phone beside it), and the parts joined read as a full name. A
        range's `first`/`last` (`Monday`/`Friday`), page numbers and parts of two different
        questions are no name."""
        firsts: dict[tuple[tuple[str, ...], str], Field] = {}
        lasts: dict[tuple[tuple[str, ...], str], Field] = {}
        for parent, (owner, part), fld in name_parts:
            (firsts if part == "first" else lasts).setdefault((parent, owner), fld)
        for (parent, owner), first in firsts.items():
            last = lasts.get((parent, owner))
            if last is None:
                continue
            field_name = owner
            if not field_name and parent:
                field_name = normalise_key(str(parent[-1]))  # `3: {first, last}`
            if not (
                _QUESTION_ID_RE.match(field_name) is not None
                or field_name in _PERSON_NAME_FIELDS
                or (not owner and parent in person_records)
            ):
                continue
            joined = f"{str(first.value).strip()} {str(last.value).strip()}"
            if not (v_person_name(joined) and person_name_shaped(joined)):
                continue
            if not owner and field_name.isdigit() and names_in_text(joined) != [joined]:
                # `{first, last}` under a bare number may be a list's item (a range of days):
                # a name the name lists know, there
                continue
            for fld in (first, last):
                add(self._value_hit(NAME, "detector.name_key", fld, fld.key, str(fld.value)))

    def _sign_in_names(self, sign_in: list[tuple[Field, str]], add: Callable[[Hit], None]) -> None:
        """The `identifier` of a sign-in beside its `password`: the account's sign-in name (a
        handle, a username or an address), a user id (docs/taxonomy.md); the address is an
        e-mail as well, which the e-mail detector names."""
        with_password = {fld.path[:-1] for fld, nk in sign_in if nk == "password"}
        for fld, nk in sign_in:
            if nk == "identifier" and fld.path[:-1] in with_password:
                value = str(fld.value)
                if not is_redacted(value) and len(value) >= 2:
                    add(self._value_hit(UID, "detector.user_id_key", fld, fld.key, value))

    def _typed_names(
        self, typed_parts: dict[tuple[str, ...], list[Field]], add: Callable[[Hit], None]
    ) -> None:
        """`{"type": "host", "name": "ROOM-PC-7"}` (Datadog series resources, typed entity
        lists): the name or id is read as if its key were `hostName` / `userId`."""
        for group in typed_parts.values():
            typed = next(
                (
                    (normalise_key(f.path[-1]), f.value.lower())
                    for f in group
                    if normalise_key(f.path[-1]) in _TYPE_PARTS and isinstance(f.value, str)
                ),
                None,
            )
            if typed is None:
                continue
            type_part, kind = typed
            if type_part not in ("type", "kind") or kind not in _TYPED_KINDS:
                # A CRM's record types (`entityType: "Users"`, a collection's name for one of
                # its items): only people's accounts; its `Accounts` are companies.
                kind = kind[:-1] if kind.endswith("s") else kind
                if kind not in _PEOPLE_RECORD_KINDS:
                    continue
            if parent_key(group[0].path) in PARENT_GROUPS:
                # `session: {"id": …, "type": "user"}`: the parent says what the id is; the
                # type is only a kind of session (Datadog RUM), not the owner of the id.
                continue
            for fld in group:
                part = fld.path[-1]
                if normalise_key(part) in _TYPE_PARTS:
                    continue
                rule = classify(normalise_key(kind + part), "")
                if rule is not None and rule[1](fld.value):
                    category = rule[0]
                    add(
                        Hit(
                            category,
                            f"detector.{rule[2]}",
                            fld.where,
                            excerpt_for(category, f"{kind} {part}", fld.value),
                            self.context_confidence,
                        )
                    )

    def _person_ids(
        self,
        typed_parts: dict[tuple[str, ...], list[Field]],
        email_parents: dict[tuple[str, ...], None],
        ctx: FlowContext,
        add: Callable[[Hit], None],
    ) -> None:
        """A bare `id` beside an e-mail address in one object is that person's id (flag SDKs'
        user attributes `{id, email, name}`, contact records; issue 15), unless it is the id
        of the resource the URL names (`/meetings/<id>/registrants` with `{"id": <id>}`). A
        bare `name` there holding a full name is the person's name."""
        for parent in email_parents:
            owner = _metadata_owner(parent)
            if owner is not None:
                # a room peer's `{name, metadata: {email, userId}}` (the metadata a JSON string
                # or an object): the name of the person the metadata describes (issue 15ae)
                for fld in typed_parts.get(owner, ()):
                    if fld.path[-1].lower() == "name" and v_person_name(fld.value):
                        add(self._value_hit(NAME, "detector.name_key", fld, "name", str(fld.value)))
            for fld in typed_parts.get(parent, ()):
                part = fld.path[-1].lower()
                if part == "name" and v_person_name(fld.value):
                    add(self._value_hit(NAME, "detector.name_key", fld, "name", str(fld.value)))
                    continue
                if (
                    part == "id"
                    and parent_key(fld.path) not in PARENT_GROUPS
                    and v_user_id(fld.value)
                    and not _names_url_resource(ctx.url_path, str(fld.value))
                    and _ADDS_MEMBER_PATH_RE.search(ctx.url_path) is None
                ):
                    add(
                        Hit(
                            UID,
                            "detector.user_id_key",
                            fld.where,
                            excerpt_for(UID, "id", fld.value),
                            self.context_confidence,
                        )
                    )

    def _place_value(
        self, fld: Field, key: str, nk: str, value: str, add: Callable[[Hit], None]
    ) -> None:
        """A value that is exactly "City, Country" or "City, Region, Country" (a sheet's cell,
        a form's answer) is a coarse location (issue 15i); not a path segment's, nor an id's."""
        if fld.path[0] == "url" or _is_id_key(nk):
            return
        place = place_value(value)
        if place is not None:
            add(self._value_hit(COARSE, "detector.place_value", fld, key, place))

    def _structure_key(
        self,
        fld: Field,
        key: str,
        nk: str,
        value: str,
        ctx: FlowContext,
        topics: list[tuple[Field, str, str]],
        add: Callable[[Hit], None],
    ) -> bool:
        """A topic key (read after the pass, with its object's members), a file path under a
        meetings folder, a search over calendar events (`/events?q=<topic>`; issue 15). True
        for a key of a calendar event's members: the topics are worth reading."""
        if nk in _EVENT_HINT_KEYS:
            return True
        if nk in _TOPIC_KEYS:
            topics.append((fld, key, nk))
        elif nk in _PEOPLE_LIST_KEYS:
            if v_person_name(value):
                add(self._value_hit(NAME, "detector.name_key", fld, key, value))
            return True
        elif nk in _FILE_PATH_KEYS:
            if "/" in value and _meeting_folder_path(value):
                add(self._value_hit(MEETING, "detector.meeting_path", fld, key, value))
        elif ctx.events_endpoint and fld.path[:2] == ("url", "query") and v_text(value):
            add(self._value_hit(MEETING, "detector.meeting_search", fld, key, value))
        return False

    def _meeting_topics(
        self,
        fields: Sequence[Field],
        topics: list[tuple[Field, str, str]],
        mail_paths: list[tuple[str, ...]],
        add: Callable[[Hit], None],
    ) -> None:
        """A `subject`/`summary`/`title` is a meeting's topic when its object is a calendar
        event (a start and an end, attendees, an online meeting) or an e-mail (recipients with
        addresses) whose subject names a meeting (issue 15). A title alone (a page's, a
        ticket's) says nothing about a meeting."""
        children: dict[tuple[str, ...], set[str]] = {}
        for fld, _key, _nk in topics:
            children.setdefault(fld.path[:-1], set())
        # one look-up per field and depth (a batch of titled events has many parents)
        depths = sorted({len(parent) for parent in children})
        for fld in fields:
            path = fld.path
            for depth in depths:
                if len(path) <= depth:
                    break
                keys = children.get(path[:depth])
                if keys is not None:
                    child = normalise_key(path[depth])
                    if (
                        child in _EVENT_TIME_KEYS
                        and len(path) == depth + 1
                        and not (isinstance(fld.value, str) and _DATE_RE.match(fld.value))
                    ):
                        # a bare number under `start` is a timing, not an event's date
                        continue
                    keys.add(child)
        for fld, key, nk in topics:
            value = fld.value
            if not isinstance(value, str) or not v_text(value):
                continue
            parent = fld.path[:-1]
            keys = children[parent]
            if (keys & _EVENT_START_KEYS and keys & _EVENT_END_KEYS) or keys & _EVENT_MARKER_KEYS:
                add(
                    self._value_hit(
                        MEETING, "detector.meeting_event", fld, key, value, self.context_confidence
                    )
                )
            elif (
                nk == "subject"
                and keys & _MAIL_PARTY_KEYS
                and any(
                    p[: len(parent)] == parent
                    and len(p) > len(parent)
                    and normalise_key(p[len(parent)]) in _MAIL_PARTY_KEYS
                    for p in mail_paths
                )
                and _MEETING_SUBJECT_RE.search(value)
            ):
                add(
                    self._value_hit(
                        MEETING,
                        "detector.meeting_mail_subject",
                        fld,
                        key,
                        value,
                        self.context_confidence,
                    )
                )

    def _attendance_record(self, fields: Sequence[Field], add: Callable[[Hit], None]) -> None:
        """An attendance record's time in the meeting beside its join or leave time (issue
        15az): the participant's attendance, meeting metadata."""
        length: Field | None = None
        presence = False
        for fld in fields:
            if not fld.path or fld.path[0] != "body":
                continue
            nk = normalise_key(fld.path[-1])
            value = fld.value
            if nk in _ATTENDANCE_LENGTH_KEYS and (
                (isinstance(value, int | float) and not isinstance(value, bool))
                or (isinstance(value, str) and value.isdigit())
            ):
                length = length or fld
            elif nk in _ATTENDANCE_PRESENCE_KEYS and value not in (None, "", False):
                presence = True
        if length is not None and presence:
            add(
                self._value_hit(
                    MEETING,
                    "detector.meeting_attendance",
                    length,
                    length.path[-1],
                    str(length.value),
                    self.context_confidence,
                )
            )

    def _cue_titles_of_meetings(
        self,
        fields: Sequence[Field],
        cue_titles: list[tuple[Field, str, str]],
        add: Callable[[Hit], None],
    ) -> None:
        """A title a follow-up cue frames ("Starting in 10 min: <topic>") is a meeting's topic
        when its record speaks of a meeting beside it: a member's text says "meeting" ("your
        meeting with …", "Join meeting") or holds a join link (issue 15az). The record is the
        title's object and what is nested one level below it."""
        for title, key, topic in cue_titles:
            parent = title.path[:-1]
            depth = len(parent)
            for fld in fields:
                path = fld.path
                if (
                    fld is title
                    or len(path) <= depth
                    or len(path) > depth + 2
                    or path[:depth] != parent
                ):
                    continue
                texts = [*path[depth:-1], fld.value if isinstance(fld.value, str) else ""]
                if any(
                    mentions_meeting(text) or ("://" in text and _JOIN_LINK_RE.search(text))
                    for text in texts
                ):
                    add(
                        self._value_hit(
                            MEETING,
                            "detector.meeting_cue_title",
                            title,
                            key,
                            topic,
                            self.context_confidence,
                        )
                    )
                    break

    def _icalendar(self, fld: Field, key: str, value: str, add: Callable[[Hit], None]) -> None:
        """iCalendar text (an `.ics` invitation, a `ORGANIZER;CN=…:mailto:…` property): the
        `CN=` of a person is a name, an event's `SUMMARY` its meeting's topic (issue 15)."""
        for name in ical_person_names(value):
            add(self._value_hit(NAME, "detector.name_key", fld, f"{key} CN", name))
        if "BEGIN:VEVENT" in value:
            summary = _ICAL_SUMMARY_RE.search(value)
            if summary is not None and v_text(summary.group(1)):
                add(
                    self._value_hit(
                        MEETING, "detector.meeting_event", fld, f"{key} SUMMARY", summary.group(1)
                    )
                )
            zone = _ICAL_TZID_RE.search(value)
            if zone is not None:
                add(
                    Hit(
                        LOCALE,
                        "detector.locale_key",
                        fld.where,
                        excerpt_for(LOCALE, f"{key} TZID", zone.group(1)),
                        self.context_confidence,
                    )
                )

    def _header(self, fld: Field, add: Callable[[Hit], None]) -> None:
        """`_header_hits`, remembered per header name and value: what a header says depends
        on nothing else, and an app sends the same headers with every flow."""
        value = fld.value
        if type(value) is not str:
            self._header_hits(fld, add)
            return
        key = (fld.path[1], value)
        cache = self._header_cache
        found = cache.get(key)
        if found is None:
            hits: list[Hit] = []
            self._header_hits(fld, hits.append)
            found = tuple((h.category, h.detector, h.excerpt, h.confidence) for h in hits)
            if len(cache) > 20_000:
                cache.clear()
            cache[key] = found
        for category, detector, excerpt, confidence in found:
            add(Hit(category, detector, fld.where, excerpt, confidence))

    def _header_hits(self, fld: Field, add: Callable[[Hit], None]) -> None:
        name = fld.path[1]
        kind = header_kind(name)
        value = fld.value
        if kind is not True and kind is not False and v_signed_token(value):
            # A signed token (JWT/JWS, `<base64url JSON>.<signature>`) in a custom header is a
            # credential whatever the header's name (`X-…-Application-Id`; issue 15o).
            add(Hit(CRED, "detector.token_value", fld.where, excerpt_for(CRED, name, value), 0.95))
            return
        if kind is None:
            # A custom header whose value is an IP or MAC address carries the machine's
            # network id, whatever its name (`X-Acme-Source-Addr: 192.0.2.2`; issue 15).
            value = fld.value
            if (
                isinstance(value, str)
                and (value[:1].isdigit() or ":" in value[:5])
                and not _VERSION_HEADER_RE.search(name)
                and (v_ip(value) or v_mac(value))
            ):
                add(self._value_hit(NID, "detector.address_value", fld, name, value))
            elif v_agent_header(value):
                # an SDK's own user-agent header naming the OS (issue 15bo)
                add(
                    Hit(
                        OS,
                        "detector.os_value",
                        fld.where,
                        excerpt_for(OS, name, value),
                        self.key_confidence,
                    )
                )
            return
        if kind is False:
            return
        value = fld.value
        if kind is True:
            if v_cred(value):
                add(
                    Hit(
                        CRED,
                        "detector.credential_header",
                        fld.where,
                        excerpt_for(CRED, name, value),
                        0.95,
                    )
                )
            return
        category, validator, rname = kind
        if validator(value):
            add(
                Hit(
                    category,
                    f"detector.{rname}",
                    fld.where,
                    excerpt_for(category, name, value),
                    self.key_confidence,
                )
            )
            if category == UID and v_email_address(value):
                # an account named by its e-mail (`From: <login e-mail>`): an address too
                add(self._value_hit(EMAIL, "detector.email_value", fld, name, str(value)))
            if category == OS and header_key(name) in MACHINE_ARCH_KEYS:
                # an SDK's architecture header: the machine's CPU, a hardware fact as well
                add(
                    Hit(
                        HW,
                        "detector.hardware_key",
                        fld.where,
                        excerpt_for(HW, name, value),
                        self.key_confidence,
                    )
                )

    def _value_hit(
        self,
        category: str,
        detector: str,
        fld: Field,
        key: str,
        value: str,
        confidence: float | None = None,
    ) -> Hit:
        """A hit of a value-shape detector, its excerpt showing `value` under `key`."""
        return Hit(
            category,
            detector,
            fld.where,
            excerpt_for(category, key, value),
            self.shape_confidence if confidence is None else confidence,
        )

    def _value_shapes(
        self,
        fld: Field,
        key: str,
        nk: str,
        value: str,
        matched: bool,
        rule: Rule | None,
        flags: int,
        ctx: FlowContext,
        add: Callable[[Hit], None],
    ) -> bool:
        """Value-shape detectors; True when the value was labelled as chat text."""
        if value[:4] == "http" and "/" in value[8:]:
            profile = _PROFILE_URL_RE.match(value.strip())
            if profile is not None and profile.group(1).lower() not in _PROFILE_SITE_PAGES:
                add(self._value_hit(UID, "detector.profile_url", fld, key, value))
        if "@" in value and (
            (rule is None and (not _is_id_key(nk) or _login_address(nk, value)))
            or (rule is not None and rule[0] != EMAIL)
        ):
            match = _EMAIL_RE.search(value)
            while match is not None and _fediverse_handle(value, match, nk, ctx):
                # `@user@instance`: a fediverse account's handle, not a mailbox (issue 15j)
                add(self._value_hit(UID, "detector.handle_value", fld, key, match.group(0)))
                match = _EMAIL_RE.search(value, match.end())
            if match is not None and value.find("@", match.end()) >= 0:
                # a mention after the first address ("mail a@b.org or ping @c@d.social")
                for later in _EMAIL_RE.finditer(value, match.end()):
                    if _fediverse_handle(value, later, nk, ctx):
                        add(self._value_hit(UID, "detector.handle_value", fld, key, later.group(0)))
            if (
                match is not None
                and not is_redacted(value)
                and not (nk == "iss" and "jwt" in fld.path)
            ):
                # (a JWT's issuer is who signed it, a service account: part of the credential)
                add(self._value_hit(EMAIL, "detector.email_value", fld, key, match.group(0)))
                if "<" in value:
                    # `Chiara Rossi <chiara@…>` (a recipient, a reply-to): the person's name
                    # beside the address (issue 15); a user id only under a sender key.
                    shown = display_name_of(value)
                    if shown is not None and v_person_name(shown):
                        add(self._value_hit(NAME, "detector.name_key", fld, key, shown))
                if match.group(0) == value.strip() and (
                    fld.path[:2] == ("url", "path")
                    or (nk == "user" and len(fld.path) == 2 and fld.path[0] == "body")
                    or (
                        # a log-record array's record: its own `user` (issue 15an)
                        nk == "user"
                        and len(fld.path) == 3
                        and fld.path[0] == "body"
                        and fld.path[1].isdigit()
                    )
                    or (len(fld.path) == 2 and fld.path[0] == "body" and _user_form_key(key))
                    or (
                        # the person who invited or was invited, under a nested object's own
                        # key (`public_metadata.invited_by`, a push's `data.invitee`; issue 15as)
                        len(fld.path) >= 3
                        and fld.path[0] == "body"
                        and normalise_key(fld.path[-1]) in _INVITATION_PERSON_WORDS
                    )
                ):
                    # the account the URL addresses by its e-mail (`/users/<address>/…`), or
                    # the request's own `user` naming the person acting by e-mail (a note's
                    # writer on an alert API; issue 15m): the address is the account's id
                    # (docs/taxonomy.md "Conventions"). A `user` property of a tracked event
                    # (`props › user`) describes the event: an address only.
                    add(self._value_hit(UID, "detector.user_id_key", fld, key, value))
        if (
            "@" in value
            and ctx.calendar_endpoint
            and (_is_id_key(nk) or nk in _CALENDAR_ID_KEYS)
            and v_email_address(value)
        ):
            # A calendar's id on a calendar API (free/busy `items[].id`, Graph's `schedules`)
            # is its owner's account e-mail: a user id and an address (docs/taxonomy.md
            # "Conventions").
            add(self._value_hit(EMAIL, "detector.email_value", fld, key, value))
            add(self._value_hit(UID, "detector.user_id_key", fld, key, value))
        if "://" in value and _JOIN_LINK_RE.search(value):
            add(self._value_hit(MEETING, "detector.join_link", fld, key, value))
        if matched:
            return False
        first = value[0]
        if first.isdigit() or ":" in value[:5]:
            if not flags & _F_VERSIONISH and (v_ip(value) or v_mac(value)):
                add(self._value_hit(NID, "detector.address_value", fld, key, value))
                return False
        elif len(value) == 17 and v_mac(value):
            add(self._value_hit(NID, "detector.address_value", fld, key, value))
            return False
        if first == "@" and v_matrix_user_id(value):
            # `@alice:example.org` names its user under any key (`sender`, `invitee`).
            add(self._value_hit(UID, "detector.user_id_value", fld, key, value))
            return False
        if first in "tT" and _TEL_URI_RE.match(value):
            add(self._value_hit(PHONE, "detector.phone_value", fld, key, value))
            return False
        if first == "e" and value.startswith("eyJ") and v_signed_token(value):
            add(self._value_hit(CRED, "detector.token_value", fld, key, value))
            return False
        if (
            first in "bBtTdDsShH"
            and (value[:4].lower() in _AUTH_SCHEME_STARTS or not value.isascii())
            and _AUTH_SCHEME_RE.match(value)
        ):
            add(self._value_hit(CRED, "detector.token_value", fld, key, value))
            return False
        if (
            (ctx.meeting_endpoint or flags & _F_MEETING_PARENT)
            and nk in MEETING_CONTEXT_KEYS
            and v_text(value)
        ):
            add(
                self._value_hit(
                    MEETING, "detector.meeting_text", fld, key, value, self.context_confidence
                )
            )
            return False
        if flags & _F_WRITTEN_TEXT:
            # (one test for the fields no chat or note key holds)
            if (
                (flags & _F_CHAT_KEY and (ctx.chat_endpoint or flags & _F_CHAT_PATH))
                or (flags & _F_NOTE_KEY and ctx.comment_endpoint)
                or (flags & _F_FEEDBACK_TEXT and _graded_work_path(ctx.url_path))
                or (flags & _F_RECORD_TEXT and _record_written_text(nk, fld.path, ctx))
            ) and v_text(value):
                add(
                    self._value_hit(
                        CHAT, "detector.chat_text", fld, key, value, self.context_confidence
                    )
                )
                if flags & _F_CHAT_PATH or ctx.comment_endpoint:
                    self._comment_words(fld, key, value, add)
                return True
            if flags & _F_NOTE_KEY and " " in value:
                # a note a person wrote on a record ("Applicant for <topic>" on a customer):
                # the meeting's topic it names, as in a comment (issue 15bi;
                # `engine._read_chat`)
                for topic in topics_in_written_text(value):
                    add(
                        self._value_hit(
                            MEETING,
                            "detector.meeting_topic_text",
                            fld,
                            key,
                            topic,
                            self.context_confidence,
                        )
                    )
        if (
            fld.path[0] == "body"
            and (_board_item_text(nk, fld.path) or _drafted_html_document(nk, ctx.url_path, value))
            and v_text(value)
        ):
            add(self._value_hit(FILES, "detector.document_text", fld, key, value))
            return False
        if flags & _F_CHAT_KEY and _personal_note(nk, fld.path, value):
            add(
                self._value_hit(
                    CHAT, "detector.chat_text", fld, key, value, self.context_confidence
                )
            )
            return True
        if (
            ctx.chat_endpoint
            and nk == "title"
            and len(value) <= 200
            and _MEETING_REPORT_TITLE_RE.match(value)
        ):
            add(
                self._value_hit(
                    MEETING, "detector.meeting_text", fld, key, value, self.context_confidence
                )
            )
            return False
        if (
            nk in _MEETING_NOTES_TITLE_KEYS
            and len(value) <= 200
            and _MEETING_NOTES_TITLE_RE.match(value)
        ):
            add(
                self._value_hit(
                    MEETING, "detector.meeting_text", fld, key, value, self.context_confidence
                )
            )
            return False
        if (flags & _F_TRANSCRIPT_KEY or nk in _TRANSLATION_SOURCE_KEYS) and (
            ctx.speech_synthesis_endpoint or ctx.translation_endpoint
        ):
            recap = _MEETING_RECAP_RE.match(value)
            if recap is not None:
                add(
                    self._value_hit(
                        TRANSCRIPT,
                        "detector.transcript_text",
                        fld,
                        key,
                        value,
                        self.context_confidence,
                    )
                )
                self._recap_topic(fld, key, value, add)
                return False
        if (
            flags & _F_TRANSCRIPT_KEY
            and (ctx.transcript_endpoint or flags & _F_TRANSCRIPT_PATH)
            and v_text(value)
        ):
            add(
                self._value_hit(
                    TRANSCRIPT, "detector.transcript_text", fld, key, value, self.context_confidence
                )
            )
            return False
        if (
            _DEVICE_NAME_MIN <= len(value) <= 40
            or (_DEVICE_NAME_MIN <= len(value) <= 2000 and " " in value)
        ) and _may_name_device(value):
            self._device_name(fld, key, value, add)
        return False

    def _prose(
        self, fld: Field, key: str, nk: str, value: str, flags: int, add: Callable[[Hit], None]
    ) -> None:
        """`_prose_hits`, remembered per value and what else they read (the key, the path's
        layer, the versionish bit): what a person wrote comes again flow after flow (a title, a
        status line, a template's text), and reading it for names, places, meetings and
        numbers costs more than all other tests of its field together."""
        memo_key = (value, key, nk, fld.path[0], flags & _F_VERSIONISH)
        found = _PROSE_HITS.get(memo_key)
        if found is None:
            hits: list[Hit] = []
            self._prose_hits(fld, key, nk, value, flags, hits.append)
            found = tuple((h.category, h.detector, h.excerpt, h.confidence) for h in hits)
            if len(value) <= _PROSE_MEMO_MAX_CHARS:
                if len(_PROSE_HITS) >= _PROSE_MEMO_SIZE:
                    _PROSE_HITS.clear()
                _PROSE_HITS[memo_key] = found
        if found:
            where = fld.where
            for category, detector, excerpt, confidence in found:
                add(Hit(category, detector, where, excerpt, confidence))

    def _prose_hits(
        self, fld: Field, key: str, nk: str, value: str, flags: int, add: Callable[[Hit], None]
    ) -> None:
        """People's full names and phone numbers in what a person wrote (a comment, minutes, a
        task's notes; issue 15), and the meetings, places and addresses it names. Reads only
        its arguments and `fld`'s where and layer (`_prose` remembers its hits)."""
        # People's full names and phone numbers in what a person wrote (a comment,
        # minutes, a task's notes; issue 15).
        if " " in value:
            for name in names_in_text(value):
                add(self._value_hit(NAME, "detector.name_text", fld, key, name))
            if "eeting " in value:
                # a meeting by its number in a log or ping line, with its topic
                # in parentheses after it (issue 15m)
                for number, topic in meetings_in_text(value):
                    add(self._value_hit(MEETING, "detector.meeting_number_text", fld, key, number))
                    if topic is not None:
                        add(
                            self._value_hit(MEETING, "detector.meeting_topic_text", fld, key, topic)
                        )
                # a reminder naming its meeting before when it starts
                for topic in meeting_notice_topics(value):
                    add(self._value_hit(MEETING, "detector.meeting_topic_text", fld, key, topic))
            if "eeting " in value or "r joining " in value:
                # a sentence naming the meeting by its topic ("… in the meeting
                # <Topic>.", "… for joining <person> on <Topic review>."; 15az)
                for topic in meeting_topics_in_text(value):
                    add(self._value_hit(MEETING, "detector.meeting_topic_text", fld, key, topic))
            if "et in " in value or "call on " in value:
                # where a person was met ("Met in <topic>") or a call's topic in
                # a message to him ("thanks for today's call on <topic>."; 15be)
                for topic in met_topics_in_text(value):
                    add(self._value_hit(MEETING, "detector.meeting_topic_text", fld, key, topic))
            if "eedback" in value[:40] or "corecard" in value[:40] or "ebrief" in value[:40]:
                # a meeting's topic heading an assessment of it ("Feedback:
                # <topic> interview", "Scorecard, <topic>: …"; issue 15bg)
                for topic in feedback_topics_in_text(value):
                    add(self._value_hit(MEETING, "detector.meeting_topic_text", fld, key, topic))
            if "inutes" in value:
                for topic in minutes_titles(value):
                    add(self._value_hit(MEETING, "detector.minutes_title", fld, key, topic))
            if fld.path[0] != "header":
                # a city or country a person names ("dialling in from Berlin")
                for place in places_in_text(value):
                    add(self._value_hit(COARSE, "detector.place_text", fld, key, place))
                if ", " in value:
                    self._place_value(fld, key, nk, value, add)
                if not flags & _F_VERSIONISH and value.count(".") >= 3:
                    # an address in a log line's text ("joined … from
                    # 83.24.117.9"; issue 15m)
                    for address in ip_addresses_in_text(value):
                        add(self._value_hit(NID, "detector.address_text", fld, key, address))
        if "+" in value:
            for number in phones_in_text(value):
                add(self._value_hit(PHONE, "detector.phone_text", fld, key, number))

    def _recap_topic(self, fld: Field, key: str, value: str, add: Callable[[Hit], None]) -> None:
        """The meeting's topic a recap read aloud opens with ("Summary of <topic>. …")."""
        recap = _MEETING_RECAP_RE.match(value)
        topic = recap.group("topic") if recap is not None else None
        if topic and v_text(topic):
            add(
                self._value_hit(
                    MEETING, "detector.meeting_text", fld, key, topic, self.context_confidence
                )
            )

    def _comment_words(self, fld: Field, key: str, value: str, add: Callable[[Hit], None]) -> None:
        """A comment on a ticket or work item naming the person's device, system or network
        ("Windows 11 23H2, Jabra Evolve2 65 headset, on hotel Wi-Fi")."""
        if len(value) <= 2000:
            if _may_name_device(value):
                self._device_name(fld, key, value, add)
            model = _PHONE_MODEL_RE.search(value)
            if model is not None:
                add(
                    Hit(
                        HW,
                        "detector.device_name_text",
                        fld.where,
                        f"{key}: …{shorten(model.group(0), 40)}…",
                        0.6,
                    )
                )
            self._platform_words(fld, key, value, add)

    def _platform_words(self, fld: Field, key: str, value: str, add: Callable[[Hit], None]) -> None:
        for category, pattern, name in (
            (OS, _OS_IN_TEXT_RE, "detector.os_text"),
            (NET, _NETWORK_IN_TEXT_RE, "detector.network_text"),
        ):
            found = pattern.search(value)
            if found is not None:
                add(
                    Hit(
                        category,
                        name,
                        fld.where,
                        f"{key}: …{shorten(found.group(0), 40)}…",
                        self.context_confidence,
                    )
                )

    def _flow_named_value(
        self,
        fld: Field,
        key: str,
        nk: str,
        value: str,
        ids_by_email: frozenset[str],
        address_named: frozenset[str],
        work_records: frozenset[tuple[str, ...]],
        add: Callable[[Hit], None],
    ) -> None:
        """The tests a string meets whatever its plan (`_PLAIN` too): an address under an id
        key a sibling `<key>_type=email` marks, the full names the flow's addresses spell in
        any text with a space, a full name under a key naming a person."""
        if ids_by_email and nk in ids_by_email and v_email_address(value):
            add(self._value_hit(UID, "detector.user_id_key", fld, key, value))
        if " " in value:
            if address_named:
                for name in named_addresses_in_text(value, address_named):
                    add(self._value_hit(NAME, "detector.name_address", fld, key, name))
            if _names_a_person(key) and person_name_shaped(value.strip()):
                # a full name under a key naming a person (`guest_name`, `participant`,
                # `sdr_u.name`) needs no list to know its words (issue 15an)
                add(self._value_hit(NAME, "detector.name_key", fld, key, value.strip()))
            if (
                normalise_key(str(key)) in _AUTHOR_KEYS
                and person_name_shaped(value.strip())
                and fld.path[:-1] not in work_records
                and not _SOFTWARE_AGENT_WORDS.intersection(value.casefold().split())
            ):
                # a note's or comment's author named by their real name: a display name,
                # so a user id as well as a name, as a message's sender (issue 15au)
                add(self._value_hit(UID, "detector.display_name_key", fld, key, value.strip()))

    def _user_map_member(
        self,
        fld: Field,
        user_key: int,
        user_keys_seen: set[tuple[str, ...]],
        add: Callable[[Hit], None],
    ) -> None:
        """A key of an access map keyed by the users it grants to (`usersAccesses:
        {"alice.corpus": [...]}`): each key is a user's id, whatever the value's plan (issue
        15au). `user_key`: `_user_map_key(fld.path)`, not None."""
        path = fld.path
        if tuple(map(str, path[: user_key + 1])) not in user_keys_seen:
            user_keys_seen.add(tuple(str(part) for part in path[: user_key + 1]))
            member = str(path[user_key])
            add(self._value_hit(UID, "detector.user_id_key", fld, str(path[user_key - 1]), member))

    def _quality_metric_hit(
        self,
        fld: Field,
        value: str,
        per_category: dict[str, int],
        add: Callable[[Hit], None],
    ) -> None:
        count = per_category.get(PERF, 0)
        per_category[PERF] = count + 1
        if count < self.max_hits_per_category:
            add(
                Hit(
                    PERF,
                    "detector.quality_metric_name",
                    fld.where,
                    f"{fld.path[-1]}: {shorten(value)}",
                    self.context_confidence,
                )
            )

    @staticmethod
    def _device_name(fld: Field, key: str, value: str, add: Callable[[Hit], None]) -> None:
        device = _DEVICE_NAME_RE.search(value)
        if device is not None and not value.startswith(("http:", "https:", "hex:")):
            add(
                Hit(
                    HW,
                    "detector.device_name_text",
                    fld.where,
                    f"{key}: …{shorten(device.group(0), 40)}…",
                    0.6,
                )
            )

    @staticmethod
    def _upload_named(
        fld: Field,
        filename: str,
        file_names: dict[tuple[str, ...], Field],
        fields: Sequence[Field],
    ) -> tuple[str, str | None]:
        """The file name of a multipart file part, and what its content is by the decoders'
        reading: the part's own file name, else the one a sibling part's data gives it (an
        upload's JSON attributes part, `{"name": "call.srt", "parent": …}`, beside a file part
        sent with no name); a transcript when the decoders read its content as WebVTT or SRT
        cues, audio or video when its magic bytes name a recording."""
        part = fld.path[:-1]
        if _FILE_NAME_RE.search(filename) is None:
            parent = part[:-1]
            for name_path, name_field in file_names.items():
                if (
                    name_field.source == "body"
                    and len(name_path) == len(part)
                    and name_path[:-1] == parent
                    and name_path != part
                ):
                    filename = str(name_field.value)
                    break
        content = (*part, "file")
        size = len(content) + 1
        for f in fields:
            if f.path[:size] in (
                (*content, WEBVTT_KIND),
                (*content, SRT_KIND),
                (*content, DIALOGUE_KIND),
            ):
                return filename, TRANSCRIPT
            if f.path == (*content, media.MEDIA_FIELD) and isinstance(f.value, str):
                return filename, FILE_CONTENT_KINDS.get(f.value)
            if (
                len(f.path) == size
                and f.path[:-1] == content
                and isinstance(f.value, str)
                and "msgstr" in f.value
                and any(_person_speaks(s) for s in textfile.gettext_cues(f.value))
            ):
                # a gettext catalogue whose entries are caption cues and their translations:
                # the meeting's words, a transcript as a subtitle file is (issue 15bp)
                return filename, TRANSCRIPT
        return filename, None

    def _upload_type(
        self,
        fld: Field,
        value: str,
        add: Callable[[Hit], None],
        filename: str = "",
        content: str | None = None,
    ) -> None:
        """A file part of a multipart body (the decoders record its content type); a transcript
        by its type (`text/vtt`), its name (`call.srt`) or its content (cues); audio or video by
        its content (magic bytes) whatever its declared type."""
        lowered = value.lower()
        named = _FILE_NAME_RE.search(filename) if filename else None
        if content is not None:
            category = content
        elif lowered.startswith(_TRANSCRIPT_TYPES) or (
            named is not None and named.group(1).lower() in TRANSCRIPT_EXTENSIONS
        ):
            category = TRANSCRIPT
        elif lowered.startswith("audio/"):
            category = AUDIO
        elif lowered.startswith(("video/", "image/")):
            category = VIDEO
        elif lowered.startswith(("application/json", "text/json")):
            return
        else:
            category = FILES
        add(
            Hit(
                category,
                "detector.upload_part",
                fld.where,
                f"{fld.path[-2] if len(fld.path) > 1 else 'part'}: {shorten(value)}",
                self.context_confidence,
            )
        )


# Keys of a translation segment's source and of its translation (a translation memory's
# `sentence`/`translation`, `source_text`/`target_text`, a catalogue's `msgid`/`msgstr`).
_SEGMENT_SOURCE_KEYS = frozenset({"sentence", "sourcetext", "segment", "original", "msgid"})
_SEGMENT_TARGET_KEYS = frozenset(
    {"translation", "targettext", "translatedtext", "translated", "msgstr"}
)
_SEGMENT_KEYS = _SEGMENT_SOURCE_KEYS | _SEGMENT_TARGET_KEYS


def _person_speaks(speaker: str) -> bool:
    """A cue's speaker is a person's full name the name lists know (`Pro Plan: …` is none)."""
    return names_in_text(speaker) == [speaker]


def _translated_cue(group: list[tuple[Field, str, str]]) -> Field | None:
    """The source field of a caption cue and its translation among one object's segment keys:
    the same person's full name opening both (`textfile.translated_cue`)."""
    for source, source_key, text in group:
        if source_key not in _SEGMENT_SOURCE_KEYS:
            continue
        for _, target_key, translated in group:
            if target_key in _SEGMENT_TARGET_KEYS:
                speaker = textfile.translated_cue(text, translated)
                if speaker is not None and _person_speaks(speaker):
                    return source
    return None


# Placeholders and markup of UI strings and templates (`{hostName}`, `%s`, `{{ }}`, `<b>`).
_TEMPLATE_MARK_RE = re.compile(r"[{}<>]|%[sd@]|\$\w")


def _message_batch(items: list[tuple[Field, str]]) -> bool:
    """A list's strings (two or more, each a list element of the body) that read as messages:
    each of four words or more with no placeholder or markup, and one opening by addressing a
    person by first name. UI strings, product copy and templates name nobody or name them by a
    placeholder."""
    return (
        len(items) >= 2
        and items[0][0].path[0] == "body"
        and items[0][0].path[-1].isdigit()
        and all(
            text.count(" ") >= 3 and _TEMPLATE_MARK_RE.search(text) is None for _, text in items
        )
        and any(addresses_by_first_name(text) for _, text in items)
    )


def _transcript_content(content: tuple[str, ...], fields: Sequence[Field]) -> bool:
    """An attachment's content that the decoders read as cues or speaker turns (base64 text, a
    byte array): a transcript whatever its file name (`minutes.txt`)."""
    size = len(content)
    return any(
        len(f.path) > size + 1
        and f.path[:size] == content
        and f.path[size] in ("base64", textfile.BYTES_LAYER)
        and f.path[size + 1] in (WEBVTT_KIND, SRT_KIND, DIALOGUE_KIND)
        for f in fields
    )


# The claims of a token that name the client it was issued to or by (RFC 7519, RFC 8693).
_CLIENT_CLAIMS = frozenset({"iss", "azp", "client_id", "cid", "appid"})


def _drop_client_subjects(
    hits: list[Hit],
    subjects: list[tuple[Hit, tuple[str, ...], object]],
    fields: Sequence[Field],
) -> None:
    """A JWT's subject is the person the token is for (a user id, docs/taxonomy.md), unless it
    is the client itself: a client assertion's `sub` equals its `iss` (RFC 7523 §3), a
    machine-to-machine token's names the client (`<client id>@clients`). Those are part of the
    credential (issue 15j)."""
    parents = {parent for _, parent, _ in subjects}
    clients: dict[tuple[str, ...], set[str]] = {}
    for fld in fields:
        if fld.path[-1] in _CLIENT_CLAIMS and fld.path[:-1] in parents:
            clients.setdefault(fld.path[:-1], set()).add(str(fld.value))
    dropped = {
        id(hit)
        for hit, parent, value in subjects
        if str(value) in clients.get(parent, ()) or str(value).endswith("@clients")
    }
    if dropped:
        hits[:] = [hit for hit in hits if id(hit) not in dropped]


def _machine_host_ids(hits: list[Hit], fields: Sequence[Field]) -> None:
    """A `hostId` beside the machine's `hostname` or `bootId` (an APM agent's host record) is
    the machine's id, a device id; elsewhere `hostId` is the person hosting a meeting, a user
    id (issue 15br, heldout37)."""
    host_ids = [
        index
        for index, hit in enumerate(hits)
        if hit.category == UID and normalise_key(hit.where.rpartition(" › ")[2]) == "hostid"
    ]
    if not host_ids:
        return
    machines = {fld.path[:-1] for fld in fields if normalise_key(fld.key) in _MACHINE_SIBLING_KEYS}
    for index in host_ids:
        hit = hits[index]
        if tuple(hit.where.split(" › ")[:-1]) in machines:
            hits[index] = Hit(DID, "detector.device_id_key", hit.where, hit.excerpt, hit.confidence)


# Keys that make their object a machine's record (`{hostname, hostId, bootId, cpu, ram}`).
_MACHINE_SIBLING_KEYS = frozenset({"hostname", "bootid"})


def _drop_upload_languages(hits: list[Hit], uploads: list[tuple[Field, str, str]]) -> None:
    """A language key beside an uploaded file's part (a multipart `.po` upload with its
    `language`) names the file's language, content the request processes (issue 15aq): no
    locale (issue 15bo). In place: `hits` is the list the pass appends to."""
    parents = {" › ".join(fld.path[:-2]) for fld, _, _ in uploads}
    hits[:] = [
        hit
        for hit in hits
        if not (
            hit.category == LOCALE
            and hit.detector == "detector.language_key"
            and hit.where.rpartition(" › ")[0] in parents
        )
    ]


def _drop_mailbox_places(
    hits: list[Hit],
    email_parents: dict[tuple[str, ...], None],
    mail_paths: list[tuple[str, ...]],
) -> None:
    """An object that holds an e-mail address is a mailbox, not a place: the `name` of a
    recipient's `address: {email, name}` (SparkPost, SES) is the person's, not a location's
    (`location: {name: "Milan office"}` stays one). Its other members (`city` beside `email`
    in a customer record) are still places."""
    if not any(hit.category == COARSE for hit in hits):
        return
    mailboxes = {" › ".join(parent) for parent in email_parents}
    mailboxes.update(" › ".join(path[:-1]) for path in mail_paths)
    hits[:] = [
        hit
        for hit in hits
        if not (
            hit.category == COARSE
            and hit.where.endswith(" › name")
            and hit.where[: -len(" › name")] in mailboxes
        )
    ]


def body_content_hits(content_type: str | None, body_size: int) -> list[Hit]:
    """Audio, video and image uploads recognised by the request's own content type."""
    if not content_type or body_size <= 0:
        return []
    lowered = content_type.lower().split(";", 1)[0].strip()
    if lowered.startswith("audio/"):
        category = AUDIO
    elif lowered.startswith(("video/", "image/")):
        category = VIDEO
    elif _DOCUMENT_TYPES_RE.match(lowered):
        category = FILES
    else:
        return []
    return [
        Hit(
            category,
            "detector.upload_body",
            "header › Content-Type",
            f"{lowered} body of {body_size} bytes",
            0.85,
        )
    ]


# An attachment's parts (Resend/SendGrid `{filename, content}`, Graph `{name, contentBytes}`,
# a contents API's `{path, content}`): its content, in any encoding (`bytes`: a byte array the
# decoder read as text), beside a name with a file extension.
_FILE_BODY_KEYS = frozenset({"content", "Content", "contentBytes", "content_bytes", "bytes"})
_FILE_PART_KEYS = _FILE_BODY_KEYS | {
    *("filename", "fileName", "file_name", "FileName", "Filename", "name", "Name", "path"),
}
# Content types of caption and subtitle files.
_TRANSCRIPT_TYPES = ("text/vtt", "application/x-subrip", "text/srt", "application/ttml+xml")
# Text files the decoder recognises by content (decode/textfile.py's body kinds): what they are.
WEBVTT_KIND, SRT_KIND, DIALOGUE_KIND = "webvtt", "srt", "dialogue"
FILE_CONTENT_KINDS: dict[str, str] = {
    "icalendar": FILES,
    WEBVTT_KIND: TRANSCRIPT,
    SRT_KIND: TRANSCRIPT,
    # speaker-attributed minutes or a transcript in text (`Alice Example: …` turns)
    DIALOGUE_KIND: TRANSCRIPT,
    # recordings by their magic bytes (decode/media.py): audio, or video when a video track
    # is seen or the tracks cannot be told
    **dict.fromkeys(media.AUDIO_KINDS, AUDIO),
    **dict.fromkeys(media.VIDEO_KINDS, VIDEO),
    # a picture sent untyped (decode/media.py's images, issue 15i): a file the user attaches
    **dict.fromkeys(media.IMAGE_KINDS, FILES),
    # a text document sent as base64 under a document, file or attachment key (issue 15t)
    BASE64_DOCUMENT_KIND: FILES,
}
# File name extensions of transcripts and captions.
TRANSCRIPT_EXTENSIONS = frozenset({"vtt", "srt", "sbv", "ttml", "dfxp"})
# Request types that say nothing of the body: a file's own type is then in an argument.
_UNTYPED_BODY_TYPES = frozenset({"", "application/octet-stream", "*/*", "binary/octet-stream"})
# Keys of an upload's argument (a JSON header such as `Dropbox-API-Arg`) that name the file.
_FILE_NAME_KEYS = frozenset({"path", "filename", "name", "filepath", "title"})
_FILE_NAME_RE = re.compile(r"[^/\\\s][^/\\]*\.([A-Za-z0-9]{1,5})$")
_DISPOSITION_NAME_RE = re.compile(
    r"\bfilename\*?=(?:[\w-]*'[\w-]*')?\"?[^\";]*\.([A-Za-z0-9]{1,5})(?:\"|;|\s*$)", re.I
)


# A calendar store's collection in a URL path, where a client writes its events: CalDAV's
# `/dav/calendars/user/<account>/<calendar>/`, `/remote.php/dav/calendars/…`, `/caldav/v2/<id>/
# events/`, a `/dav/<user>/Calendar/` folder, a calendar API's `/calendars/<id>/events/import`.
_CALENDAR_STORE_PATH_RE = re.compile(r"/(calendars?|caldav)(/|$)", re.I)
# Layers a whole body may be wrapped in before its content (content codings, base64).
_BODY_WRAPPING_LAYERS = frozenset({"body", "gzip", "x-gzip", "deflate", "br", "zstd", "base64"})


def _calendar_entry_written(
    fields: Sequence[Field], url_path: str, disposition: str | None
) -> bool:
    """The request's whole body is an iCalendar object written into a calendar store (a CalDAV
    `PUT …/calendars/…/<uid>.ics`, an import into a calendar): the calendar entry itself, not a
    file the user sends (issue 15ba, heldout29). An `.ics` attached to a message or a part
    (`attachments › 0 › content`, a multipart file), an upload that names its file
    (`Content-Disposition`) or one stored off a calendar path stays a file."""
    if disposition or _CALENDAR_STORE_PATH_RE.search(url_path) is None:
        return False
    for fld in fields:
        path = fld.path
        if textfile.ICALENDAR in path:
            layer = path.index(textfile.ICALENDAR)
            return fld.source == "body" and all(p in _BODY_WRAPPING_LAYERS for p in path[:layer])
    return False


def file_content_hits(
    body_kinds: Sequence[str],
    fields: Sequence[Field],
    content_type: str | None,
    body_size: int,
    disposition: str | None = None,
    url_path: str = "",
) -> list[Hit]:
    """Files and transcripts recognised by content (an iCalendar invitation in a byte array, a
    WebVTT body), and an upload that names its file: a `Content-Disposition` file name (any
    type but JSON and forms), or a JSON argument header (`{"path": "…/notes.md"}`) beside an
    untyped body. An iCalendar body written into a calendar store is the calendar's entry, no
    file (`_calendar_entry_written`)."""
    hits: list[Hit] = []
    for kind in body_kinds:
        category = FILE_CONTENT_KINDS.get(kind)
        if category is None:
            continue
        if kind == textfile.ICALENDAR and _calendar_entry_written(fields, url_path, disposition):
            continue
        where = next(
            (
                f.where
                for f in fields
                if kind in f.path or (f.value == kind and f.path[-1] == media.MEDIA_FIELD)
            ),
            "body",
        )
        hits.append(Hit(category, "detector.file_content", where, f"{kind} content", 0.85))
    if hits or body_size <= 0:
        return hits
    lowered = (content_type or "").lower().split(";", 1)[0].strip()
    shown = f"{lowered or 'untyped'} body of {body_size} bytes named"
    if disposition and "json" not in lowered and "form" not in lowered:
        # a raw upload that names its file (`attachment; filename="notes.md"`)
        disposed = _DISPOSITION_NAME_RE.search(disposition)
        if disposed is not None:
            extension = disposed.group(1).lower()
            category = TRANSCRIPT if extension in TRANSCRIPT_EXTENSIONS else FILES
            where = "header › Content-Disposition"
            return [Hit(category, "detector.upload_body", where, f"{shown} .{extension}", 0.85)]
    if lowered not in _UNTYPED_BODY_TYPES:
        return hits
    for fld in fields:
        if fld.source == "body":
            break  # the headers' fields come before the body's
        path = fld.path
        if (
            fld.source == "header"
            and len(path) >= 4
            and path[2] == "json"
            and isinstance(fld.value, str)
            and normalise_key(path[-1]) in _FILE_NAME_KEYS
        ):
            named = _FILE_NAME_RE.search(fld.value)
            if named is None:
                continue
            extension = named.group(1).lower()
            category = TRANSCRIPT if extension in TRANSCRIPT_EXTENSIONS else FILES
            return [Hit(category, "detector.upload_body", fld.where, f"{shown} .{extension}", 0.85)]
    return hits
