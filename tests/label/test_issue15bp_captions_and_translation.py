"""A meeting's captions, messages and comments as a captions, translation and localisation
backend sends them (issue 15bp, from heldout35's misses; tests/label/corpus/README.md, its
"Fixed since (issue 15bp)"). By class, none by vendor, host or topic; the topics, people and
hosts below are invented, none is a corpus set's.

- transcript: speaker-attributed caption cues as an object's numbered members (`cue_0001`, as
  a list's strings are, issue 15ar); a caption cue and its translation (`sentence` /
  `translation`, a `.po` catalogue's `msgid` / `msgstr`: transcript, not files); a meeting's
  summary as a translation job's source text (`body_src`, as `text` is on a translation
  endpoint). Not: UI strings with labels (`Settings: …`), a plan's copy and its translation
  (`Pro Plan: …`), a `.po` of an app's strings, product copy as a job's source text.
- chat: two or more messages sent together for machine translation (`q: [...]`, `strings:
  [...]`), one addressing a person by first name. Not: UI strings or templates (no one
  addressed, or a placeholder), the same list sent anywhere but a translation endpoint.
- user_id (and name): an `@handle` or an `@<Full Name>` mention in a comment. Not: `@here`, a
  package scope, an address; the bare `id` of a call adding a person to a project's
  contributors (the project's; the person has only an address there).
- meeting_metadata: a comment naming "the captions / transcript of <topic>". Not "captions
  from Settings", nor a two-word phrase.
"""

from __future__ import annotations

from typing import Any

import pytest

from auditor.decode import textfile
from auditor.label import Labeller
from auditor.label.meeting_text import topics_in_written_text
from auditor.label.prose import addresses_by_first_name, mentions_in_text
from tests.label.fixture_labels import categories

TRANSCRIPT = "customer_content.transcript"
FILES = "customer_content.files"
CHAT = "customer_content.chat"
UID = "identifiers.user_id"
NAME = "contact_info.name"
EMAIL = "contact_info.email"
MEETING = "meeting_metadata"
FORM = [("Content-Type", "application/x-www-form-urlencoded")]
BOUNDARY = "b1f0c2d3e4"
MULTIPART = [("Content-Type", f"multipart/form-data; boundary={BOUNDARY}")]


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def _labels(
    labeller: Labeller, url: str, body: Any, headers: list[tuple[str, str]] | None = None
) -> set[str]:
    if headers is None and isinstance(body, str):
        headers = FORM
    return categories(labeller, url, body, headers=headers)


def _po_upload(catalogue: str, filename: str) -> str:
    return (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="id"\r\n\r\n4021\r\n'
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
        f"{catalogue}\r\n--{BOUNDARY}--\r\n"
    )


# -- transcript ---------------------------------------------------------------------------------


def test_caption_cues_as_numbered_members_are_a_transcript(labeller: Labeller) -> None:
    body = {
        "files": [
            {
                "name": "captions.json",
                "content": {
                    "en": {
                        "captions": {
                            "line_01": "Marta Quintero: Good morning, the kiln survey is done.",
                            "line_02": "Oskar Lindqvist: Thanks, did the east wall crack again?",
                            "line_03": "Marta Quintero: Only a hairline one near the vent.",
                        }
                    }
                },
            }
        ]
    }
    assert TRANSCRIPT in _labels(labeller, "https://loc.example.org/projects/7/import", body)


def test_numbered_ui_strings_are_no_transcript(labeller: Labeller) -> None:
    body = {
        "strings": {
            "menu_1": "Settings: choose how the panel looks for you.",
            "menu_2": "Help: read the guides or write to the support team.",
            "menu_3": "Billing: see your invoices and change the plan.",
        }
    }
    assert TRANSCRIPT not in _labels(labeller, "https://loc.example.org/projects/7/import", body)


def test_a_caption_cue_and_its_translation_is_a_transcript(labeller: Labeller) -> None:
    body = {
        "source": "en",
        "target": "es",
        "sentence": "Marta Quintero: The east wall cracked again after the firing.",
        "translation": "Marta Quintero: La pared este se agrietó otra vez tras la cocción.",
        "tuid": "seg-0007",
    }
    assert TRANSCRIPT in _labels(labeller, "https://mt.example.org/memories/12/content", body)


@pytest.mark.parametrize(
    ("sentence", "translation"),
    [
        # a plan's copy and its translation: no person speaks
        (
            "Pro Plan: Unlimited rooms and cloud recordings for the team.",
            "Pro Plan: Salas ilimitadas y grabaciones en la nube para el equipo.",
        ),
        # a note line, kept the same
        ("Note: This setting applies to every room.", "Note: Esta opción vale para cada sala."),
        # one cue alone, no translation of it
        ("Marta Quintero: The east wall cracked again.", "La pared este se agrietó otra vez."),
    ],
)
def test_labelled_copy_and_its_translation_is_no_transcript(
    labeller: Labeller, sentence: str, translation: str
) -> None:
    body = {"source": "en", "target": "es", "sentence": sentence, "translation": translation}
    assert TRANSCRIPT not in _labels(labeller, "https://mt.example.org/memories/12/content", body)


def test_a_po_file_of_caption_cues_is_a_transcript_not_files(labeller: Labeller) -> None:
    catalogue = (
        'msgid ""\nmsgstr ""\n"Language: es\\n"\n\n'
        'msgctxt "cue-0004"\n'
        'msgid "Oskar Lindqvist: Did the east wall crack again after the firing?"\n'
        'msgstr "Oskar Lindqvist: ¿Se agrietó otra vez la pared este tras la cocción?"\n'
    )
    got = _labels(
        labeller,
        "https://loc.example.org/v2/projects/upload",
        _po_upload(catalogue, "captions-es.po"),
        MULTIPART,
    )
    assert TRANSCRIPT in got
    assert FILES not in got


def test_a_po_file_of_app_strings_stays_files(labeller: Labeller) -> None:
    catalogue = (
        'msgid ""\nmsgstr ""\n"Language: es\\n"\n\n'
        'msgid "Settings: choose how the panel looks."\n'
        'msgstr "Settings: elige cómo se ve el panel."\n\n'
        'msgid "Leave the room"\nmsgstr "Salir de la sala"\n'
    )
    got = _labels(
        labeller,
        "https://loc.example.org/v2/projects/upload",
        _po_upload(catalogue, "app-es.po"),
        MULTIPART,
    )
    assert FILES in got
    assert TRANSCRIPT not in got


def test_gettext_cues_reads_entries() -> None:
    assert textfile.gettext_cues(
        'msgid "Ana Ruiz: We ship the kiln parts on Monday."\n'
        'msgstr "Ana Ruiz: Enviamos las piezas del horno el lunes."\n'
    ) == ["Ana Ruiz"]
    assert textfile.gettext_cues('msgid "Leave the room"\nmsgstr "Salir de la sala"\n') == []


def _job(text: str) -> str:
    from json import dumps
    from urllib.parse import quote_plus

    job = {"jobs": {"job_1": {"type": "text", "body_src": text, "lc_src": "en", "lc_tgt": "es"}}}
    return f"api_key=k1&data={quote_plus(dumps(job))}&api_sig=abc123"


def test_a_meeting_summary_as_a_jobs_source_text_is_a_transcript(labeller: Labeller) -> None:
    body = _job(
        "Summary of Kiln restoration weekly review: the east wall cracked again; the vent "
        "is to be rebuilt before the next firing."
    )
    got = _labels(labeller, "https://hx.example.org/v2/translate/jobs", body)
    assert TRANSCRIPT in got
    assert MEETING in got


def test_product_copy_as_a_jobs_source_text_is_no_transcript(labeller: Labeller) -> None:
    body = _job("Record every meeting in the cloud and share the link with one click.")
    assert TRANSCRIPT not in _labels(labeller, "https://hx.example.org/v2/translate/jobs", body)


# -- chat -------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["q", "strings", "text"])
def test_messages_sent_together_for_translation_are_chat(labeller: Labeller, key: str) -> None:
    body = {
        "source": "es",
        "target": "en",
        key: [
            "Oskar, te mando las fotos de la pared esta tarde.",
            "Si quieres, lo hablamos mañana después de la cocción.",
        ],
    }
    assert CHAT in _labels(labeller, "https://mt.example.org/v2/translate", body)


@pytest.mark.parametrize(
    "strings",
    [
        # UI strings: nobody addressed
        ["Leave the room now and return later.", "Turn the captions on for everyone here."],
        # a template: the person named by a placeholder
        ["Hi {firstName}, your meeting starts soon.", "Oskar, join {meetingTopic} in the app."],
        # one message alone is not a batch of messages
        ["Oskar, te mando las fotos de la pared esta tarde."],
    ],
)
def test_ui_strings_and_templates_sent_for_translation_are_no_chat(
    labeller: Labeller, strings: list[str]
) -> None:
    body = {"source": "en", "target": "es", "strings": strings}
    assert CHAT not in _labels(labeller, "https://mt.example.org/v2/translate", body)


def test_the_same_list_elsewhere_is_not_read_as_messages(labeller: Labeller) -> None:
    body = {
        "strings": [
            "Oskar, te mando las fotos de la pared esta tarde.",
            "Si quieres, lo hablamos mañana después de la cocción.",
        ]
    }
    assert CHAT not in _labels(labeller, "https://api.example.org/v1/glossary/terms", body)


def test_addresses_by_first_name() -> None:
    assert addresses_by_first_name("Ilse, could you send the readings?")
    assert not addresses_by_first_name("Ok, the readings are in.")
    assert not addresses_by_first_name("Settings, then Captions.")


# -- mentions in comments ---------------------------------------------------------------------

COMMENTS = "https://loc.example.org/api/v2/projects/88/comments"


def test_a_handle_mention_in_a_comment_is_a_user_id(labeller: Labeller) -> None:
    body = {
        "stringId": 4410,
        "type": "issue",
        "text": "@marta.quintero cue 4 says 'east wall' but the recording says 'west wall'. "
        "Can you confirm before we publish?",
    }
    got = _labels(labeller, COMMENTS, body)
    assert CHAT in got
    assert UID in got


def test_a_display_name_mention_is_a_user_id_and_a_name(labeller: Labeller) -> None:
    body = {
        "comments": [
            {"comment": "@Marta Quintero checked the Spanish captions: keep 'horno', not 'estufa'."}
        ]
    }
    got = _labels(labeller, "https://loc.example.org/api2/projects/5/keys/9/comments", body)
    assert {CHAT, UID, NAME} <= got


@pytest.mark.parametrize(
    "text",
    [
        "@here the Spanish captions are published, thanks for the reviews everyone!",
        "Bumped @types/node in the captions tool, please re-run the export when you can.",
        "Send the reviewed captions to reviews@loc.example.org before Friday, please.",
    ],
)
def test_broadcasts_scopes_and_addresses_are_no_mention(labeller: Labeller, text: str) -> None:
    assert UID not in _labels(labeller, COMMENTS, {"stringId": 4410, "text": text})


def test_mentions_in_text() -> None:
    assert mentions_in_text("@ana.ruiz and @Oskar Lindqvist, see cue 3") == [
        ("ana.ruiz", False),
        ("Oskar Lindqvist", True),
    ]
    assert mentions_in_text("mail ana@kiln.example.org or see @media rules") == []


def test_a_person_added_to_a_projects_contributors_has_no_user_id(labeller: Labeller) -> None:
    body = "id=55102&name=Marta+Quintero&email=marta.quintero%40kiln.example.org&proofreader=1"
    got = _labels(labeller, "https://loc.example.org/v2/contributors/add", body)
    assert {EMAIL, NAME} <= got
    assert UID not in got


def test_a_contact_record_keeps_its_id(labeller: Labeller) -> None:
    body = {"id": "55102", "name": "Marta Quintero", "email": "marta.quintero@kiln.example.org"}
    assert UID in _labels(labeller, "https://crm.example.org/v1/contacts", body)


# -- the topic in a comment -------------------------------------------------------------------


def test_the_captions_of_a_topic_in_a_comment_name_the_meeting(labeller: Labeller) -> None:
    body = {
        "comments": [
            {
                "comment": "@Marta Quintero reviewed the Spanish captions of East kiln vent "
                "rebuild: keep 'horno', not 'estufa'."
            }
        ]
    }
    got = _labels(labeller, "https://loc.example.org/api2/projects/5/keys/9/comments", body)
    assert MEETING in got


@pytest.mark.parametrize(
    "text",
    [
        "Turn on captions from Settings menu now.",
        "The transcript of Q3 planning is attached.",
        "Please keep the captions of every video short.",
    ],
)
def test_no_topic_without_a_title_after_the_cue(text: str) -> None:
    assert topics_in_written_text(text) == []


def test_topic_after_the_artefact_cue() -> None:
    assert topics_in_written_text(
        "I fixed the transcript of East kiln vent rebuild: two names were wrong."
    ) == ["East kiln vent rebuild"]
