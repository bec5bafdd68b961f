"""PyPI SDKs of the thirty-fifth held-out set (heldout35.py): the machine-translation,
localisation and human-translation services a meeting product's captions and localisation
backend sends to (ModernMT, Lokalise, POEditor, Gengo), each making the calls such a backend
would make, to its vendor's real host. Run one as a program: `python heldout35_runs.py
SCENARIO`; heldout35.py starts it through the auditor's proxy (`auditor capture --sinkhole
'*'`) with the environment `auditor launch` gives a program, so nothing leaves the machine.
"""

from __future__ import annotations

import base64
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

MEETING_ID = CORPUS_VALUES["meeting_id"]
TOPIC = "Tidal gauge calibration handover"
HOST_NAME = CORPUS_VALUES["name"]
HOST_FIRST = str(HOST_NAME).split(" ")[0]
HOST_EMAIL = CORPUS_VALUES["email"]
HOST_USERNAME = CORPUS_VALUES["username"]
# Another participant, invited by the corpus user.
GUEST_NAME = "Thiago Cavalcanti Moura"
GUEST_EMAIL = "thiago.moura@capibaribe-tide-example.com.br"
GUEST_PHONE = "+55 81 99724-3108"

VTT = f"""WEBVTT

00:00:02.100 --> 00:00:06.480
<v {HOST_NAME}>Welcome, everyone, to the {TOPIC}.

00:00:06.900 --> 00:00:12.350
<v {GUEST_NAME}>The Pier 3 gauge drifted four centimetres since the last survey.

00:00:12.800 --> 00:00:17.020
<v {GUEST_NAME}>I can take the handover checklist; reach me on {GUEST_PHONE}.
"""

SRT_PT = f"""1
00:00:02,100 --> 00:00:06,480
{HOST_NAME}: Bem-vindos à reunião {TOPIC}.

2
00:00:06,900 --> 00:00:12,350
{GUEST_NAME}: O marégrafo do Píer 3 derivou quatro centímetros desde o último levantamento.
"""


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)


def _file(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def run_modernmt() -> None:
    """modernmt (ModernMT's own Python wrapper of its API, adaptive machine translation): the
    backend translates the guest's chat lines for the host with the meeting as the session,
    adds a corrected caption pair to the meeting product's translation memory, adds a glossary
    term and adapts the engine to the meeting's subtitle file (README usage: ModernMT(api_key),
    translate, memories.add, memories.add_to_glossary, get_context_vector_from_file)."""
    from modernmt import ModernMT

    mmt = ModernMT("H35-MMT-7B41C0E2-9D58-4F3A-A6E1-2C0B8D7F4E19", platform="acme-meet-captions")
    memory_id = 104773
    _quietly(
        "translate",
        lambda: mmt.translate(
            "pt-BR",
            "en",
            [
                f"{HOST_FIRST}, consigo te mandar a planilha de calibração ainda hoje.",
                f"Se preferir, me liga no {GUEST_PHONE} depois da reunião.",
            ],
            hints=[memory_id],
            options={"session": f"mtg-{MEETING_ID}", "multiline": False},
        ),
    )
    _quietly(
        "memory",
        lambda: mmt.memories.add(
            memory_id,
            "en",
            "pt-BR",
            f"{GUEST_NAME}: The Pier 3 gauge drifted four centimetres since the last survey.",
            f"{GUEST_NAME}: O marégrafo do Píer 3 derivou quatro centímetros desde o último "
            "levantamento.",
            tuid=f"mtg-{MEETING_ID}-cue-0002",
        ),
    )
    _quietly(
        "glossary",
        lambda: mmt.memories.add_to_glossary(
            memory_id,
            [{"term": "tide gauge", "language": "en"}, {"term": "marégrafo", "language": "pt-BR"}],
            "equivalent",
            "gl-tide-gauge",
        ),
    )
    with tempfile.TemporaryDirectory() as tmp:
        vtt = _file(Path(tmp), f"meeting-{MEETING_ID}.en.vtt", VTT)
        with vtt.open("rb") as handle:
            _quietly(
                "context vector",
                lambda: mmt.get_context_vector_from_file("en", ["pt-BR", "es"], handle),
            )


def run_lokalise() -> None:
    """python-lokalise-api (Lokalise's own Python client of its API v2, a localisation
    platform): the backend creates the client's caption-panel UI keys with their translator
    descriptions, uploads the recorded meeting's pt-BR subtitle file (base64 in JSON) and
    leaves a comment for the translators on a key (README usage: lokalise.Client(token),
    create_keys, upload_file, create_key_comments)."""
    import lokalise

    client = lokalise.Client("h35l0k4l1s3e8d2c4a7f0b19e6d3c5a28f47b1e9")
    project_id = "8823104465f1c2a0b7d9e4.31582967"
    _quietly(
        "keys",
        lambda: client.create_keys(
            project_id,
            [
                {
                    "key_name": "captions.panel.speaker_label",
                    "platforms": ["web", "other"],
                    "description": "Label over a caption line; {speaker} is the participant's "
                    "display name.",
                    "translations": [
                        {"language_iso": "en", "translation": "{speaker} is speaking"}
                    ],
                    "tags": ["captions"],
                    "char_limit": 40,
                },
                {
                    "key_name": "captions.panel.translate_toggle",
                    "platforms": ["web"],
                    "description": "Toggle that shows live captions translated into the "
                    "viewer's language.",
                    "translations": [{"language_iso": "en", "translation": "Translate captions"}],
                    "tags": ["captions", "accessibility"],
                },
            ],
        ),
    )
    _quietly(
        "upload",
        lambda: client.upload_file(
            project_id,
            {
                "data": base64.b64encode(SRT_PT.encode("utf-8")).decode("ascii"),
                "filename": f"subtitles/meeting-{MEETING_ID}.pt_BR.srt",
                "lang_iso": "pt_BR",
                "tags": [f"meeting-{MEETING_ID}"],
                "convert_placeholders": False,
            },
        ),
    )
    _quietly(
        "comment",
        lambda: client.create_key_comments(
            project_id,
            730166492,
            [
                {
                    "comment": f"@{GUEST_NAME} reviewed the pt-BR captions of {TOPIC}: use "
                    '"marégrafo", not "medidor de maré".'
                }
            ],
        ),
    )


def run_poeditor() -> None:
    """poeditor (a community client of POEditor's public API v2, a localisation platform): the
    backend adds the meeting invitation template's terms with translator comments, adds a
    comment to one, uploads the pt-BR translations file and adds the guest as a proofreader of
    the pt-BR captions language (README usage: POEditorAPI(api_token), add_terms, add_comment,
    update_terms_translations, add_contributor)."""
    from poeditor import POEditorAPI

    client = POEditorAPI(api_token="h35p0ed1t0r5c1e7a9b2d4f60e8c3a1b75d29f4")
    project_id = 684215
    _quietly(
        "terms",
        lambda: client.add_terms(
            project_id,
            [
                {
                    "term": "Invitation: {meeting_topic}",
                    "context": "invite.subject",
                    "reference": "/emails/invite",
                    "comment": "Subject line of the invitation e-mail.",
                },
                {
                    "term": "{host_name} has invited you to a meeting with live captions.",
                    "context": "invite.body",
                    "reference": "/emails/invite",
                    "comment": "Captions are offered in the guest's language when available.",
                    "tags": ["invite", "captions"],
                },
            ],
        ),
    )
    _quietly(
        "comment",
        lambda: client.add_comment(
            project_id,
            [
                {
                    "term": "{host_name} has invited you to a meeting with live captions.",
                    "context": "invite.body",
                    "comment": 'Keep {host_name} first: in pt-BR say "convidou você".',
                }
            ],
        ),
    )
    with tempfile.TemporaryDirectory() as tmp:
        po = _file(
            Path(tmp),
            f"meeting-{MEETING_ID}-pt-br.po",
            'msgid ""\nmsgstr ""\n"Language: pt_BR\\n"\n\n'
            f'msgctxt "mtg-{MEETING_ID}.title"\nmsgid "{TOPIC}"\n'
            'msgstr "Passagem de turno da calibração do marégrafo"\n\n'
            f'msgctxt "mtg-{MEETING_ID}.cue-0002"\n'
            f'msgid "{GUEST_NAME}: The Pier 3 gauge drifted four centimetres."\n'
            f'msgstr "{GUEST_NAME}: O marégrafo do Píer 3 derivou quatro centímetros."\n',
        )
        _quietly(
            "upload",
            lambda: client.update_terms_translations(project_id, str(po), language_code="pt-br"),
        )
    _quietly(
        "contributor",
        lambda: client.add_contributor(
            project_id, GUEST_NAME, GUEST_EMAIL, "pt-br", proofreader=True
        ),
    )


def run_gengo() -> None:
    """gengo (Gengo's own Python library of its API v2, human translation): the backend orders a
    human translation of the meeting's summary for the guest with a note to the translator,
    adds a comment to the job and reads the job's comments (README usage: Gengo(public_key,
    private_key), postTranslationJobs, postTranslationJobComment, getTranslationJobComments)."""
    from gengo import Gengo

    gengo = Gengo(
        public_key="h35g3ng0pub-4c7e1a9b2d0f",
        private_key="h35g3ng0priv-8e2d6b1f0a3c",
        sandbox=False,
    )
    _quietly(
        "jobs",
        lambda: gengo.postTranslationJobs(
            jobs={
                "jobs": {
                    "job_1": {
                        "type": "text",
                        "slug": f"mtg-{MEETING_ID}-summary",
                        "body_src": (
                            f"Summary of {TOPIC} (meeting {MEETING_ID}), hosted by {HOST_NAME}. "
                            f"{GUEST_NAME} reported that the Pier 3 tide gauge drifted 4 cm; "
                            "he will recalibrate it against the benchmark on Friday and send "
                            f"the raw readings to {HOST_EMAIL}."
                        ),
                        "lc_src": "en",
                        "lc_tgt": "pt-br",
                        "tier": "standard",
                        "auto_approve": 1,
                        "comment": f"For {GUEST_NAME}; keep names and units as they are.",
                        "custom_data": f"meeting={MEETING_ID}",
                    }
                }
            }
        ),
    )
    _quietly(
        "job comment",
        lambda: gengo.postTranslationJobComment(
            id=4106238,
            comment={"body": '"Benchmark" here is the survey reference mark (RN), not a test.'},
        ),
    )
    _quietly("job comments", lambda: gengo.getTranslationJobComments(id=4106238))


SCENARIOS: dict[str, Callable[[], None]] = {
    "modernmt-py": run_modernmt,
    "lokalise-py": run_lokalise,
    "poeditor-py": run_poeditor,
    "gengo-py": run_gengo,
}


def main() -> int:
    SCENARIOS[sys.argv[1]]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
