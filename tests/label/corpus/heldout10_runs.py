"""PyPI SDKs of the tenth held-out set (heldout10.py): transactional e-mail, incident alerting,
help desk, marketing-list and file-storage APIs, each making the calls a meeting backend would
make after a meeting, to its vendor's real host. Run one as a program: `python heldout10_runs.py
SCENARIO`; heldout10.py starts it through the auditor's proxy (`auditor capture --sinkhole '*'`)
with the environment `auditor launch` gives a program, so nothing leaves the machine.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

USER_ID = "usr_3Hf8Wq20"
MEETING_ID = CORPUS_VALUES["meeting_id"]
TOPIC = "Vendor contract renewal"
PARTICIPANTS = 4
# Another participant, invited by the corpus user.
GUEST_NAME = "Chiara Rossi"
GUEST_EMAIL = "chiara.rossi@meetcorp-example.com"
GUEST_PHONE = "+39 347 555 0192"


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)


def run_resend() -> None:
    """resend (transactional e-mail): the meeting invitation to a guest, and the guest added as
    a contact of the team's audience (README usage: resend.api_key, Emails.send, Contacts.create)."""
    import resend

    resend.api_key = "re_C0rpus10_Rs8Tq2Wv5Yx7Za3Bc"
    _quietly(
        "emails.send",
        lambda: resend.Emails.send(
            {
                "from": f"{CORPUS_VALUES['name']} <{CORPUS_VALUES['email']}>",
                "to": [GUEST_EMAIL],
                "subject": f"Invitation: {TOPIC} (meeting {MEETING_ID})",
                "html": (
                    f"<p>Hi Chiara,</p><p>{CORPUS_VALUES['name']} invited you to "
                    f"<b>{TOPIC}</b> on 9 Dec 2026 at 15:00 (Europe/Rome).</p>"
                    f"<p>Join: https://meet.meetcorp-example.com/j/{MEETING_ID}?pwd=771204</p>"
                ),
                "tags": [{"name": "meeting_id", "value": str(MEETING_ID)}],
            }
        ),
    )
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n"
        f"UID:{MEETING_ID}@meetcorp-example.com\r\nSUMMARY:{TOPIC}\r\n"
        "DTSTART;TZID=Europe/Rome:20261209T150000\r\n"
        f"ORGANIZER;CN={CORPUS_VALUES['name']}:mailto:{CORPUS_VALUES['email']}\r\n"
        f"ATTENDEE;CN={GUEST_NAME}:mailto:{GUEST_EMAIL}\r\n"
        f"LOCATION:https://meet.meetcorp-example.com/j/{MEETING_ID}\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    _quietly(
        "emails.send with attachment",
        lambda: resend.Emails.send(
            {
                "from": "MeetCorp <calendar@meetcorp-example.com>",
                "to": [GUEST_EMAIL],
                "subject": f"Updated: {TOPIC}",
                "text": "The meeting moved by 30 minutes; the updated invitation is attached.",
                "attachments": [
                    {
                        "filename": "invite.ics",
                        "content": list(ics.encode()),
                    }
                ],
            }
        ),
    )
    _quietly(
        "contacts.create",
        lambda: resend.Contacts.create(
            {
                "audience_id": "4f1c2a9e-0d3b-4e7a-9c11-c0rpus10aud",
                "email": GUEST_EMAIL,
                "first_name": "Chiara",
                "last_name": "Rossi",
                "unsubscribed": False,
            }
        ),
    )


def run_pdpyras() -> None:
    """pdpyras (PagerDuty Events API v2 and REST API): the meeting backend pages on-call when the
    recording of a meeting fails, then opens an incident as the signed-in user (README usage:
    EventsAPISession.trigger, APISession.rpost with default_from)."""
    import pdpyras

    events = pdpyras.EventsAPISession("R0UT1NGc0rpus10KeyQw8Er5Ty2Ui9Op")
    _quietly(
        "events.trigger",
        lambda: events.trigger(
            f"Cloud recording failed for meeting {MEETING_ID}",
            "rec-worker-07.meetcorp.internal",
            dedup_key=f"rec-{MEETING_ID}",
            severity="error",
            custom_details={
                "meeting_id": MEETING_ID,
                "topic": TOPIC,
                "host": CORPUS_VALUES["email"],
                "error": "S3 PutObject AccessDenied after 3 retries",
                "participants": PARTICIPANTS,
            },
        ),
    )
    _quietly("events.resolve", lambda: events.resolve(f"rec-{MEETING_ID}"))
    api = pdpyras.APISession("u+C0rpus10PdApiTok3n", default_from=CORPUS_VALUES["email"])
    _quietly(
        "incidents.create",
        lambda: api.rpost(
            "incidents",
            json={
                "incident": {
                    "type": "incident",
                    "title": f"Recording lost: {TOPIC} ({MEETING_ID})",
                    "service": {"id": "PSVC10X", "type": "service_reference"},
                    "urgency": "high",
                    "body": {
                        "type": "incident_body",
                        "details": (
                            f"{CORPUS_VALUES['name']} reports that the recording of the "
                            f"meeting with {GUEST_NAME} is missing."
                        ),
                    },
                }
            },
        ),
    )


def run_zenpy() -> None:
    """zenpy (Zendesk Support API): a participant's support ticket about a meeting, then the
    guest created as an end user (README usage: Zenpy(subdomain, email, token), tickets.create,
    users.create)."""
    from zenpy import Zenpy
    from zenpy.lib.api_objects import Comment, Ticket, User

    client = Zenpy(
        subdomain="meetcorp",
        email=CORPUS_VALUES["email"],
        token="C0rpus10ZendeskApiTok3nAb7Cd",
    )
    _quietly(
        "tickets.create",
        lambda: client.tickets.create(
            Ticket(
                subject=f"Audio dropped in meeting {MEETING_ID}",
                comment=Comment(
                    body=(
                        f"During '{TOPIC}' my audio cut out twice. Windows 11 23H2, "
                        "Jabra Evolve2 65 headset, on hotel Wi-Fi."
                    )
                ),
                requester=User(name=CORPUS_VALUES["name"], email=CORPUS_VALUES["email"]),
                tags=["audio", "meeting"],
                priority="normal",
            )
        ),
    )
    _quietly(
        "tickets.update",
        lambda: client.tickets.update(
            Ticket(
                id=48213,
                comment=Comment(
                    body=f"Agent note: {GUEST_NAME} reports the same drop at 15:12.",
                    public=False,
                ),
                status="pending",
            )
        ),
    )
    _quietly(
        "users.create",
        lambda: client.users.create(
            User(name=GUEST_NAME, email=GUEST_EMAIL, phone=GUEST_PHONE, time_zone="Rome")
        ),
    )


def run_mailchimp() -> None:
    """mailchimp-marketing (Mailchimp Marketing API): the guest subscribed to the webinar list
    with merge fields, then a custom event that she attended (README usage: set_config,
    lists.add_list_member, lists.create_list_member_event)."""
    import hashlib

    import mailchimp_marketing

    client = mailchimp_marketing.Client()
    client.set_config({"api_key": "c0rpus10a1b2c3d4e5f6a7b8c9d0e1f2-us21", "server": "us21"})
    list_id = "9e1c0rp10a"
    _quietly(
        "lists.add_list_member",
        lambda: client.lists.add_list_member(
            list_id,
            {
                "email_address": GUEST_EMAIL,
                "status": "subscribed",
                "merge_fields": {"FNAME": "Chiara", "LNAME": "Rossi", "PHONE": GUEST_PHONE},
                "language": "it",
                "location": {"latitude": 45.4642, "longitude": 9.19},
            },
        ),
    )
    member = hashlib.md5(GUEST_EMAIL.encode()).hexdigest()
    _quietly(
        "lists.create_list_member_event",
        lambda: client.lists.create_list_member_event(
            list_id,
            member,
            {
                "name": "webinar_attended",
                "properties": {"meeting_id": str(MEETING_ID), "topic": TOPIC, "minutes": "42"},
            },
        ),
    )


def run_dropbox() -> None:
    """dropbox (Dropbox API v2): the meeting's notes and transcript uploaded to the team folder,
    the notes shared with the guest (README usage: Dropbox(token), files_upload, sharing_add_file_member)."""
    import dropbox
    from dropbox.sharing import MemberSelector

    dbx = dropbox.Dropbox("sl.C0rpus10DropboxAccessTokenXy7Zq2", max_retries_on_error=0)
    notes = (
        f"# {TOPIC} ({MEETING_ID})\n"
        f"Attendees: {CORPUS_VALUES['name']}, {GUEST_NAME} + {PARTICIPANTS - 2}\n"
        "- Renewal at 3% uplift, legal to review clause 7 by Friday\n"
    ).encode()
    path = f"/Meetings/2026-12-09 {TOPIC}/notes.md"
    _quietly("files_upload", lambda: dbx.files_upload(notes, path))
    transcript = (
        b"WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n<v Alice Example>Thanks for joining, "
        b"Chiara. Let's start with the pricing.\n\n00:00:05.500 --> 00:00:09.000\n"
        b"<v Chiara Rossi>Sure, we can accept three percent if clause 7 goes.\n"
    )
    _quietly(
        "files_upload transcript",
        lambda: dbx.files_upload(transcript, f"/Meetings/2026-12-09 {TOPIC}/transcript.vtt"),
    )
    _quietly(
        "sharing_add_file_member",
        lambda: dbx.sharing_add_file_member(
            path,
            [MemberSelector.email(GUEST_EMAIL)],
            custom_message="Notes from today's call",
        ),
    )


SCENARIOS: dict[str, Callable[[], None]] = {
    "resend-py": run_resend,
    "pdpyras-py": run_pdpyras,
    "zenpy-py": run_zenpy,
    "mailchimp-py": run_mailchimp,
    "dropbox-py": run_dropbox,
}


def main() -> int:
    SCENARIOS[sys.argv[1]]()
    time.sleep(0.5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
