"""PyPI SDKs of the thirty-third held-out set (heldout33.py): what a telehealth video-visit
product's backend sends to the clinical records APIs it books and documents a visit through and
to the incident and status tools it reports a failed visit to: Epic's FHIR API through the SMART
on FHIR client `fhirclient` (the access token refreshed, the patient searched, the video visit
booked as an Appointment, a message to the patient as a Communication), Canvas Medical's FHIR API
through `fhirpy` (the patient created and looked up by e-mail, the telehealth appointment with
its meeting link), incident.io (an alert event from the visit service, the incident declared),
Rootly (the incident, a timeline note) and Atlassian Statuspage (the public incident, the
patient subscribed to it, the component's status), each to its vendor's real host; the Node SDKs
are in heldout33_npm/.
Run one as a program: `python heldout33_runs.py SCENARIO`; heldout33.py starts it through the
auditor's proxy (`auditor capture --sinkhole '*'`) with the environment `auditor launch` gives a
program, so nothing leaves the machine.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.label.corpus.sdk_runs import CORPUS_VALUES

MEETING_ID = CORPUS_VALUES["meeting_id"]
CLINICIAN_NAME = CORPUS_VALUES["name"]
CLINICIAN_EMAIL = CORPUS_VALUES["email"]
# The outside participant: the patient in the corpus user's video visit.
PATIENT_NAME = "Ifeoma Nwachukwu"
PATIENT_FIRST, PATIENT_LAST = PATIENT_NAME.split()
PATIENT_EMAIL = "ifeoma.nwachukwu@enugu-weavers-example.ng"
PATIENT_PHONE = "+2348035550241"
PATIENT_BIRTH_DATE = "1984-09-23"
# The visit's reason, the meeting's topic.
TOPIC = "Post-operative knee rehabilitation follow-up"
JOIN_URL = f"https://visit.acme-meetings.example/j/{MEETING_ID}"


def _quietly(what: str, call: Callable[[], object]) -> None:
    """The sinkhole answers 204 with no body: SDKs that expect JSON raise after sending."""
    try:
        call()
    except Exception as err:
        print(f"{what}: {type(err).__name__}: {err}", file=sys.stderr)


def run_epic() -> None:
    """fhirclient (the SMART on FHIR Python client, by SMART Health IT) against Epic's FHIR R4
    API: the telehealth backend resumes its saved SMART session and refreshes the access token,
    searches the patient by name, birth date and phone, books the video visit as an Appointment
    and sends the patient a message as a Communication (README: FHIRClient(state=…),
    client.reauthorize(), Patient.where(struct).perform_resources(server),
    Resource.create(server))."""
    from fhirclient import client as smart_client
    from fhirclient.models.appointment import Appointment
    from fhirclient.models.communication import Communication
    from fhirclient.models.patient import Patient

    base = "https://fhir.epic.com/interconnect-fhir-oauth/api/FHIR/R4/"
    smart = smart_client.FHIRClient(
        state={
            "app_id": "3f9c1a7e-5b2d-4e8f-9a61-h33televisit",
            "scope": "launch/patient openid fhirUser patient/*.read",
            "server": {
                "base_uri": base,
                "auth_type": "oauth2",
                "auth": {
                    "app_id": "3f9c1a7e-5b2d-4e8f-9a61-h33televisit",
                    "aud": base,
                    "token_uri": "https://fhir.epic.com/interconnect-fhir-oauth/oauth2/token",
                    "authorize_uri": "https://fhir.epic.com/interconnect-fhir-oauth/oauth2/authorize",
                    "access_token": "h33EpicAccess.eyJ0eXAiOiJKV1QifQ.q7Vb2LmX9sRt4Kw8Zp1N",
                    "refresh_token": "h33EpicRefresh-6Gd2Jt9PqL4xW7mK1sVc8ZbN3rYf5Hh0",
                },
            },
        }
    )
    server = smart.server
    patient_id = "erXuFYUfucBZaryVksYEcMg3"
    practitioner_id = "eM5CWtq15N0WJeuCet5bJlQ3"
    _quietly("refresh", smart.reauthorize)
    # reauthorize drops the token when the answer has none: keep the session's one
    server.auth.access_token = "h33EpicAccess.eyJ0eXAiOiJKV1QifQ.q7Vb2LmX9sRt4Kw8Zp1N"
    _quietly(
        "search",
        lambda: Patient.where(
            struct={
                "family": PATIENT_LAST,
                "given": PATIENT_FIRST,
                "birthdate": PATIENT_BIRTH_DATE,
                "telecom": PATIENT_PHONE,
            }
        ).perform_resources(server),
    )
    appointment = Appointment(
        {
            "resourceType": "Appointment",
            "status": "booked",
            "serviceCategory": [{"text": "Telehealth video visit"}],
            "reasonCode": [{"text": TOPIC}],
            "description": f"{TOPIC} (video visit {MEETING_ID})",
            "start": "2026-12-15T14:00:00Z",
            "end": "2026-12-15T14:30:00Z",
            "comment": f"Join: {JOIN_URL}",
            "participant": [
                {
                    "actor": {"reference": f"Patient/{patient_id}", "display": PATIENT_NAME},
                    "status": "accepted",
                },
                {
                    "actor": {
                        "reference": f"Practitioner/{practitioner_id}",
                        "display": CLINICIAN_NAME,
                    },
                    "status": "accepted",
                },
            ],
        }
    )
    _quietly("appointment", lambda: appointment.create(server))
    message = Communication(
        {
            "resourceType": "Communication",
            "status": "completed",
            "subject": {"reference": f"Patient/{patient_id}"},
            "sender": {"reference": f"Practitioner/{practitioner_id}"},
            "recipient": [{"reference": f"Patient/{patient_id}"}],
            "sent": "2026-12-14T09:12:00Z",
            "payload": [
                {
                    "contentString": (
                        f"Hi Ifeoma, your video visit tomorrow is the {TOPIC}. Please wear "
                        "shorts so we can look at the knee, and have your exercise log ready. "
                        f"Link: {JOIN_URL} - Dr. {CLINICIAN_NAME}"
                    )
                }
            ],
        }
    )
    _quietly("communication", lambda: message.create(server))


def run_canvas_medical() -> None:
    """fhirpy (Beda Software's FHIR client) against Canvas Medical's FHIR API for the practice's
    instance: the telehealth backend registers the patient, looks her up by e-mail and books the
    video visit as an Appointment with its meeting link as a contained Endpoint (README:
    SyncFHIRClient(url, authorization=…), client.resource(…).create(),
    client.resources(…).search(…).fetch())."""
    from fhirpy import SyncFHIRClient

    client = SyncFHIRClient(
        "https://fumage-acmetelehealth.canvasmedical.com",
        authorization="Bearer h33CanvasTok-Qm8Vx2Lp5Rt9Kw3Zb7Nc",
    )
    _quietly(
        "patient",
        lambda: client.resource(
            "Patient",
            name=[{"use": "official", "family": PATIENT_LAST, "given": [PATIENT_FIRST]}],
            birthDate=PATIENT_BIRTH_DATE,
            gender="female",
            telecom=[
                {"system": "phone", "value": PATIENT_PHONE, "use": "mobile"},
                {"system": "email", "value": PATIENT_EMAIL},
            ],
            address=[
                {
                    "use": "home",
                    "line": ["14 Ogui Road"],
                    "city": "Enugu",
                    "postalCode": "400103",
                    "country": "NG",
                }
            ],
        ).create(),
    )
    _quietly("lookup", lambda: client.resources("Patient").search(email=PATIENT_EMAIL).fetch())
    _quietly(
        "appointment",
        lambda: client.resource(
            "Appointment",
            contained=[
                {
                    "resourceType": "Endpoint",
                    "id": "appointment-meeting-endpoint-0",
                    "status": "active",
                    "connectionType": {"code": "https"},
                    "payloadType": [{"coding": [{"code": "video-call"}]}],
                    "address": JOIN_URL,
                }
            ],
            status="proposed",
            appointmentType={
                "coding": [
                    {
                        "system": "http://snomed.info/sct",
                        "code": "448337001",
                        "display": "Telemedicine consultation with patient",
                    }
                ]
            },
            reasonCode=[{"text": TOPIC}],
            description=TOPIC,
            supportingInformation=[
                {"reference": "Location/1"},
                {"reference": "#appointment-meeting-endpoint-0", "type": "Endpoint"},
            ],
            start="2026-12-15T14:00:00.000Z",
            end="2026-12-15T14:30:00.000Z",
            participant=[
                {
                    "actor": {"reference": "Practitioner/4150cd20de8a470aa570a852859ac87e"},
                    "status": "accepted",
                },
                {
                    "actor": {"reference": "Patient/b8dfa97bdcdf4754bcd8197ca78ef0f0"},
                    "status": "accepted",
                },
            ],
        ).create(),
    )


def run_incident_io() -> None:
    """incident-io (incident.io's official Python SDK, generated from its OpenAPI schema): the
    visit service raises an alert when a video visit fails to connect, and the on-call engineer's
    tooling declares an incident for it (README: AuthenticatedClient(base_url, token),
    alert_events_v2_create_http.sync, incidents_v2_create.sync)."""
    from incident_io import AuthenticatedClient
    from incident_io.api.alert_events_v2 import alert_events_v2_create_http
    from incident_io.api.incidents_v2 import incidents_v2_create
    from incident_io.models.alert_events_create_http_payload_v2 import (
        AlertEventsCreateHTTPPayloadV2,
    )
    from incident_io.models.incidents_create_payload_v2 import IncidentsCreatePayloadV2

    client = AuthenticatedClient(
        base_url="https://api.incident.io", token="inc_h33_9Qv2Lx7Rm4Tz8Kb1Wp5Yc3Nd6Gf"
    )
    alert = AlertEventsCreateHTTPPayloadV2.from_dict(
        {
            "status": "firing",
            "title": f"Video visit {MEETING_ID} failed to connect",
            "description": (
                "ICE negotiation failed: no TURN relay answered after 3 attempts; "
                "patient side stuck in 'checking'."
            ),
            "deduplication_key": f"visit-{MEETING_ID}-ice",
            "metadata": {
                "meeting_id": MEETING_ID,
                "error_code": "ICE_FAILED",
                "sfu_region": "eu-west-2",
                "patient_client": "iOS 17.5.1, TeleVisit app 3.8.0",
            },
            "source_url": f"https://ops.acme-meetings.example/visits/{MEETING_ID}",
        }
    )
    _quietly(
        "alert",
        lambda: alert_events_v2_create_http.sync(
            "01JH33VISITALERTSRC0000001", client=client, body=alert
        ),
    )
    incident = IncidentsCreatePayloadV2.from_dict(
        {
            "idempotency_key": f"visit-{MEETING_ID}",
            "visibility": "private",
            "name": f"Failed video visit {MEETING_ID}",
            "summary": (
                f"{PATIENT_NAME} could not join {CLINICIAN_NAME}'s video visit "
                f"({TOPIC}). The visit was finished by phone on {PATIENT_PHONE}."
            ),
            "severity_id": "01JH33SEVMINOR00000000001",
            "mode": "standard",
        }
    )
    _quietly("incident", lambda: incidents_v2_create.sync(client=client, body=incident))


def run_rootly() -> None:
    """rootly (Rootly's Python client of its API v1, JSON:API bodies): the failed visit declared
    as an incident and the on-call engineer's note on its timeline (README:
    AuthenticatedClient(base_url, token), incidents.create_incident.sync,
    incident_events.create_incident_event.sync)."""
    from rootly_sdk import AuthenticatedClient
    from rootly_sdk.api.incident_events import create_incident_event
    from rootly_sdk.api.incidents import create_incident
    from rootly_sdk.models.new_incident import NewIncident
    from rootly_sdk.models.new_incident_event import NewIncidentEvent

    client = AuthenticatedClient(
        base_url="https://api.rootly.com", token="rootly_h33_5Xb8Lq2Vm7Tz4Rk9Wc1Pn6Yd3Gh"
    )
    incident = NewIncident.from_dict(
        {
            "data": {
                "type": "incidents",
                "attributes": {
                    "title": f"Video visit {MEETING_ID} dropped for the patient",
                    "summary": (
                        f"The patient's side of {CLINICIAN_NAME}'s video visit ({TOPIC}) lost "
                        "media after 4 minutes and did not reconnect."
                    ),
                    "kind": "normal",
                    "private": True,
                    "labels": {"service": "televisit", "meeting": MEETING_ID},
                },
            }
        }
    )
    _quietly("incident", lambda: create_incident.sync(client=client, body=incident))
    note = NewIncidentEvent.from_dict(
        {
            "data": {
                "type": "incident_events",
                "attributes": {
                    "event": (
                        f"Called {PATIENT_NAME} on {PATIENT_PHONE}: her video froze twice and "
                        "then dropped. Alice finished the visit by phone; leaving the incident "
                        "open until the TURN fix ships."
                    ),
                    "visibility": "internal",
                },
            }
        }
    )
    _quietly(
        "event",
        lambda: create_incident_event.sync(
            "c1f0a4d2-93b7-4e55-8a1e-h33rootly0001", client=client, body=note
        ),
    )


def run_statuspage() -> None:
    """atlassian-statuspage (a Swagger-generated client of Atlassian Statuspage's REST API): the
    public incident for failing video visits, the affected patient subscribed to its updates by
    e-mail, the video-visit component marked degraded (README: Configuration, ApiClient,
    IncidentsApi.post_pages_page_id_incidents,
    IncidentSubscribersApi.post_pages_page_id_incidents_incident_id_subscribers,
    ComponentsApi.patch_pages_page_id_components_component_id)."""
    import atlassian_statuspage
    from atlassian_statuspage.api.components_api import ComponentsApi
    from atlassian_statuspage.api.incident_subscribers_api import IncidentSubscribersApi
    from atlassian_statuspage.api.incidents_api import IncidentsApi

    config = atlassian_statuspage.Configuration()
    config.api_key["Authorization"] = "h33f2c9a7b5d1e8f4a6c3b0d9e7f5a2c1"
    config.api_key_prefix["Authorization"] = "OAuth"
    # urllib3 reads no proxy or CA bundle from the environment: give it what `auditor launch`
    # sets, as any program using this client behind a proxy must.
    config.proxy = os.environ["HTTPS_PROXY"]
    config.ssl_ca_cert = os.environ["REQUESTS_CA_BUNDLE"]
    api = atlassian_statuspage.ApiClient(config)
    page_id = "kctbh9vrtdwd"
    _quietly(
        "incident",
        lambda: IncidentsApi(api).post_pages_page_id_incidents(
            {
                "incident": {
                    "name": "Video visits failing to connect for some patients",
                    "status": "investigating",
                    "impact_override": "minor",
                    "body": (
                        "Some patients on mobile networks cannot join their video visit. "
                        "Clinicians can continue the visit by phone while we investigate."
                    ),
                    "component_ids": ["ftgks51sfs2d"],
                    "deliver_notifications": True,
                }
            },
            page_id,
        ),
    )
    _quietly(
        "subscriber",
        lambda: IncidentSubscribersApi(api).post_pages_page_id_incidents_incident_id_subscribers(
            {"subscriber": {"email": PATIENT_EMAIL}}, page_id, "p31zjtct2jer"
        ),
    )
    _quietly(
        "component",
        lambda: ComponentsApi(api).patch_pages_page_id_components_component_id(
            {"component": {"status": "degraded_performance"}}, page_id, "ftgks51sfs2d"
        ),
    )


SCENARIOS = {
    "epic-py": run_epic,
    "canvas-medical-py": run_canvas_medical,
    "incident-io-py": run_incident_io,
    "rootly-py": run_rootly,
    "statuspage-py": run_statuspage,
}


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in SCENARIOS:
        raise SystemExit(f"usage: heldout33_runs.py {{{','.join(SCENARIOS)}}}")
    SCENARIOS[sys.argv[1]]()
