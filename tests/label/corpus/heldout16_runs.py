"""PyPI SDKs of the sixteenth held-out set (heldout16.py): LLM logging and user analytics for an
AI feature (Keywords AI) and e-signature (BoldSign), each making the calls a meeting backend would
make around a meeting, to its vendor's real host. Run one as a program:
`python heldout16_runs.py SCENARIO`; heldout16.py starts it through the auditor's proxy
(`auditor capture --sinkhole '*'`) with the environment `auditor launch` gives a program, so
nothing leaves the machine.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

MEETING_ID = CORPUS_VALUES["meeting_id"]
TOPIC = "Cold-chain container customs clearance review"
HOST_NAME = CORPUS_VALUES["name"]
HOST_EMAIL = CORPUS_VALUES["email"]
HOST_USERNAME = CORPUS_VALUES["username"]
# Another participant, invited by the corpus user.
GUEST_NAME = "Folasade Adeyemi"
GUEST_EMAIL = "folasade.adeyemi@lagoon-freight-example.ng"
GUEST_PHONE_COUNTRY, GUEST_PHONE_NUMBER = "+234", "803 555 0147"
GUEST_USERNAME = "folasade.adeyemi"


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)


def run_keywordsai() -> None:
    """keywordsai (Keywords AI, LLM monitoring and user analytics): a meeting backend logs the
    meeting assistant's LLM call that answered the corpus user, with the customer (the user)
    and the thread it belongs to (package usage: create_log_client(api_key).create(params))."""
    from keywordsai.logs.api import create_log_client

    logs = create_log_client(api_key="kwai_h16c0r14.Tz8Qm3Lx6Rv1Wn9Kb4")
    question = f"What did {GUEST_NAME} promise about the reefer logs in the {TOPIC}?"
    _quietly(
        "log",
        lambda: logs.create(
            {
                "model": "gpt-4o-mini",
                "prompt_messages": [
                    {
                        "role": "system",
                        "content": (
                            f"Transcript of meeting {MEETING_ID}:\n[00:11:40] {GUEST_NAME}: "
                            "Container MSKU 448213 stayed at minus 18 all the way from Apapa."
                        ),
                    },
                    {"role": "user", "content": question},
                ],
                "completion_message": {
                    "role": "assistant",
                    "content": (
                        f"{GUEST_NAME} will send the temperature logger export for MSKU 448213 "
                        "before the customs inspection."
                    ),
                },
                "customer_params": {
                    "customer_identifier": HOST_USERNAME,
                    "name": HOST_NAME,
                    "email": HOST_EMAIL,
                },
                "thread_identifier": f"meeting-{MEETING_ID}-assistant",
                "metadata": {"meeting_id": str(MEETING_ID), "feature": "ask-the-meeting"},
                "prompt_tokens": 212,
                "completion_tokens": 38,
                "latency": 1.37,
                "cost": 0.00041,
            }
        ),
    )


def run_boldsign() -> None:
    """boldsign (BoldSign e-signature): a meeting backend sends the meeting's customs
    declaration sign-off to the outside participant with SMS authentication and the corpus user
    in copy, then reminds her (README usage: Configuration(api_key), DocumentApi.send_document,
    remind_document)."""
    import boldsign

    configuration = boldsign.Configuration(api_key="h16c0r14BsK2Vq7Lx9Zm4Rt8Wn3")
    # The generated client reads neither proxy nor CA bundle from the environment.
    configuration.proxy = os.environ.get("HTTPS_PROXY")
    configuration.ssl_ca_cert = os.environ.get("SSL_CERT_FILE")
    # The SDK reads `files` as paths: a one-page PDF written for the run.
    text = (
        f"Customs declaration sign-off, meeting {MEETING_ID} ({TOPIC}). "
        f"Declarant contact: {GUEST_NAME}. Container MSKU 448213, reefer set point minus 18 C."
    )
    stream = f"BT /F1 10 Tf 40 760 Td ({text}) Tj ET".encode()
    pdf = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>endobj\n"
        + f"4 0 obj<</Length {len(stream)}>>stream\n".encode()
        + stream
        + b"\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    path = Path(tempfile.mkdtemp()) / f"customs-signoff-{MEETING_ID}.pdf"
    path.write_bytes(pdf)
    with boldsign.ApiClient(configuration) as api_client:
        documents = boldsign.DocumentApi(api_client)
        signer = boldsign.DocumentSigner(
            name=GUEST_NAME,
            email_address=GUEST_EMAIL,
            signer_order=1,
            authentication_type="SMSOTP",
            phone_number=boldsign.PhoneNumber(
                country_code=GUEST_PHONE_COUNTRY, number=GUEST_PHONE_NUMBER
            ),
            form_fields=[
                boldsign.FormField(
                    field_type="Signature",
                    page_number=1,
                    bounds=boldsign.Rectangle(x=100, y=600, width=200, height=40),
                )
            ],
        )
        send = boldsign.SendForSign(
            title=f"Customs sign-off: {TOPIC}",
            message=f"{GUEST_NAME}, please sign the declaration we agreed in meeting {MEETING_ID}.",
            signers=[signer],
            cc=[boldsign.DocumentCC(email_address=HOST_EMAIL)],
            files=[str(path)],
            meta_data={"meeting_id": str(MEETING_ID)},
        )
        _quietly("send_document", lambda: documents.send_document(send_for_sign=send))
        _quietly(
            "remind_document",
            lambda: documents.remind_document(
                document_id="h16c0r14-bs01-4f2a-9c7e-boldsigndoc1",
                receiver_emails=[GUEST_EMAIL],
                reminder_message=boldsign.ReminderMessage(
                    message=f"Reminder from {HOST_NAME}: the customs broker needs it by Friday."
                ),
            ),
        )


SCENARIOS: dict[str, Callable[[], None]] = {
    "keywordsai-py": run_keywordsai,
    "boldsign-py": run_boldsign,
}


def main() -> int:
    SCENARIOS[sys.argv[1]]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
