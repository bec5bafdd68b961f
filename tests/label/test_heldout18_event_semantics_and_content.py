"""Shapes of data from the heldout18 dev set (issue 15ad, tests/label/corpus/heldout18.jsonl), by
class, each with the cases it must not match: an e-mail platform's `$`-reserved profile events
(`$update_fields`, `$tag`) and a query of aggregated usage are no product usage; a feedback
survey's score and comment for a person is product usage, not chat; a flag SDK registering the
feature keys its code uses is telemetry; a consent flag in an event's `gdpr` context is a consent
signal, a feature flag named for consent is not; a system notice broadcast to a room is no chat."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.rules import flow_from_fixture

USAGE = "service_generated.product_usage"
TELEMETRY = "service_generated.telemetry"
CHAT = "customer_content.chat"
CONSENT = "consent_signal"


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller()


def categories(labeller: Labeller, url: str, body: Any, method: str = "POST") -> set[str]:
    fixture: dict[str, Any] = {
        "rule": "x",
        "url": url,
        "method": method,
        "headers": [],
        "body": body,
    }
    result = labeller.label(flow_from_fixture(fixture))
    for lab in result.labels:
        assert lab.evidence, lab.category
    return set(result.categories())


MAIL_BATCH = "https://mail.example.test/api/v1/batch/events"
SUBSCRIBER = "alice@example.org"


@pytest.mark.parametrize(
    "event",
    [
        {"type": "$update_fields", "fields": {"plan": "Business", "meetings_hosted": 41}},
        {"type": "$tag", "details": {"tag": "recording-user"}},
        {"type": "$remove_tag", "details": {"tag": "trial"}},
    ],
    ids=["update_fields", "tag", "remove_tag"],
)
def test_a_subscribers_profile_event_is_no_product_usage(
    labeller: Labeller, event: dict[str, Any]
) -> None:
    body = {"events": [{"email": SUBSCRIBER, **event}], "site_uuid": "site-4f1c"}
    assert USAGE not in categories(labeller, MAIL_BATCH, body)


def test_a_tracked_event_beside_a_profile_event_stays_product_usage(labeller: Labeller) -> None:
    body = {
        "events": [
            {"email": SUBSCRIBER, "type": "$update_fields", "fields": {"plan": "Business"}},
            {"email": SUBSCRIBER, "type": "$meetingHosted", "details": {"recorded": True}},
        ]
    }
    assert USAGE in categories(labeller, MAIL_BATCH, body)


def test_a_user_tagging_something_in_the_product_is_product_usage(labeller: Labeller) -> None:
    # no `$`: an event the app names for the user's action, not the platform's profile operation
    body = {"events": [{"email": SUBSCRIBER, "type": "tag", "details": {"recording": "r-7"}}]}
    assert USAGE in categories(labeller, MAIL_BATCH, body)


USAGE_QUERY = {
    "aggregation": "SUM",
    "meterApiName": "recorded-meeting-minutes",
    "timeGroupingInterval": "DAY",
    "timeRange": {"startTimeInSeconds": 1794065405},
    "groupBy": ["customerId"],
    "filter": {"customerId": ["org-7"]},
}


def test_a_query_of_aggregated_usage_is_no_product_usage(labeller: Labeller) -> None:
    assert USAGE not in categories(labeller, "https://billing.example.test/usage/", USAGE_QUERY)
    query = {"aggregation": "count", "window_size": "HOUR", "meter": "api_calls"}
    assert USAGE not in categories(labeller, "https://meter.example.test/v1/usage", query)


def test_usage_records_and_a_named_event_stay_product_usage(labeller: Labeller) -> None:
    records = [
        {
            "uniqueId": "ebbcca1e-cc88-4492-a120-33551105218f",
            "meterApiName": "recorded-meeting-minutes",
            "meterValue": 47,
            "customerId": "org-7",
            "dimensions": {"region": "eu-west-1"},
        }
    ]
    assert USAGE in categories(labeller, "https://ingest.meter.example.test/ingest/", records)
    # an aggregation without a time range or grouping is no query
    report = {"feature": "screen_share", "count": 3, "aggregation": "sum"}
    assert USAGE in categories(labeller, "https://api.example.test/v1/usage", report)
    # the user setting a chart's aggregation and grouping is the event the body names
    chart = {"event": "Chart Configured", "aggregation": "sum", "groupBy": "day"}
    assert USAGE in categories(labeller, "https://api.example.test/v1/track", chart)


FEEDBACK = {
    "person": "pers-4412",
    "score": 6,
    "comment": "Screen sharing froze twice while we walked through the charts.",
    "person_properties": {"client_version": "5.17.3"},
}


def test_a_feedback_score_and_comment_for_a_person_is_product_usage_not_chat(
    labeller: Labeller,
) -> None:
    got = categories(labeller, "https://feedback.example.test/v1/survey_responses", FEEDBACK)
    assert USAGE in got
    assert CHAT not in got
    nps = {"email": SUBSCRIBER, "score": 9, "comment": "Captions are great."}
    got = categories(labeller, "https://nps.example.test/api/responses", nps)
    assert USAGE in got
    assert CHAT not in got


def test_a_score_or_a_comment_alone_or_off_a_feedback_path_is_no_survey_response(
    labeller: Labeller,
) -> None:
    lead = {"person_id": "p-1", "score": 80, "comment": "Asked for a demo twice."}
    assert USAGE not in categories(labeller, "https://crm.example.test/api/v1/leads", lead)
    no_score = {"customer_id": "c-1", "comment": "Thanks, that fixed it."}
    assert USAGE not in categories(labeller, "https://help.example.test/api/v2/responses", no_score)
    no_comment = {"person": "pers-4412", "score": 6}
    assert USAGE not in categories(
        labeller, "https://help.example.test/api/v2/responses", no_comment
    )


FLAG_REGISTRATION = [
    {
        "key": "live-captions",
        "failoverVariant": "off",
        "variants": [{"key": "on", "value": "on"}, {"key": "off", "value": "off"}],
    },
    {"key": "noise-suppression-v2", "failoverVariant": "off", "variants": []},
]


def test_a_flag_sdk_registering_its_feature_keys_is_telemetry(labeller: Labeller) -> None:
    got = categories(
        labeller, "https://flags.example.test/api/sdk/v1/register", FLAG_REGISTRATION, "PUT"
    )
    assert TELEMETRY in got
    assert USAGE not in got
    wrapped = {"features": [{"key": "live-captions", "defaultVariant": "off"}]}
    assert TELEMETRY in categories(labeller, "https://ff.example.test/v2/register", wrapped)


def test_an_sdk_registering_its_instance_under_a_versioned_path_is_telemetry(
    labeller: Labeller,
) -> None:
    body = {"appName": "desktop", "instanceId": "i-7", "started": "2026-12-07T02:59:07Z"}
    got = categories(labeller, "https://flags.example.test/api/sdk/v1/register", body)
    assert TELEMETRY in got


def test_flag_evaluations_and_a_person_registering_are_no_sdk_registration(
    labeller: Labeller,
) -> None:
    evaluations = [
        {
            "featureKey": "live-captions",
            "evaluatedVariant": "off",
            "expectedVariant": "on",
            "user": {"id": "u-1"},
        }
    ]
    got = categories(labeller, "https://flags.example.test/api/sdk/v1/events", evaluations)
    assert TELEMETRY not in got
    assert USAGE in got
    person = {"email": SUBSCRIBER, "password": "hunter2-hunter2"}
    got = categories(labeller, "https://app.example.test/api/users/v1/register", person)
    assert TELEMETRY not in got
    settings = [{"key": "theme", "value": "dark"}]
    assert TELEMETRY not in categories(labeller, "https://app.example.test/v1/register", settings)


def test_a_consent_flag_in_an_events_gdpr_context_is_a_consent_signal(labeller: Labeller) -> None:
    body = {
        "events": [
            {
                "type": "track",
                "event": "Meeting Hosted",
                "context": {"library": {"name": "sdk"}, "gdpr": {"isConsentGiven": True}},
                "anonymousId": "anon-9b3f2c7e",
            }
        ]
    }
    got = categories(labeller, "https://x.example.test/v2/organizations/o1/events", body)
    assert CONSENT in got
    assert USAGE in got
    refused = {"userId": "u-1", "consentGiven": False}
    assert CONSENT in categories(labeller, "https://api.example.test/v1/identify", refused)
    law = {"context": {"ccpa": {"optOut": True}}}
    assert CONSENT in categories(labeller, "https://api.example.test/v1/track", law)


def test_a_feature_flag_named_for_consent_is_no_consent_signal(labeller: Labeller) -> None:
    url = "https://flags.example.test/api/v1/evaluate"
    assert CONSENT not in categories(labeller, url, {"flags": {"consent-banner-v2": True}})
    assert CONSENT not in categories(labeller, url, {"featureFlags": {"analyticsConsent": "on"}})
    assert CONSENT not in categories(labeller, url, {"features": {"consent": True}})
    exposure = {"featureKey": "consent-banner", "evaluatedVariant": "on", "user": {"id": "u-1"}}
    assert CONSENT not in categories(labeller, "https://flags.example.test/events", exposure)


ROOM_MESSAGE = "https://rooms.example.test/v2/active-rooms/r-6571/send-message"


def test_a_system_notice_broadcast_to_a_room_is_no_chat(labeller: Labeller) -> None:
    notice = {
        "message": "Recording and transcription have started for this meeting.",
        "type": "system-notice",
    }
    assert CHAT not in categories(labeller, ROOM_MESSAGE, notice)
    system = {"text": "Alice turned on captions for everyone.", "type": "system"}
    assert CHAT not in categories(labeller, "https://chat.example.test/api/messages", system)


def test_a_participants_message_in_a_room_stays_chat(labeller: Labeller) -> None:
    typed = {"message": "Can everyone see my screen now?", "type": "chat"}
    assert CHAT in categories(labeller, ROOM_MESSAGE, typed)
    untyped = {"message": "Can everyone see my screen now?", "peer_id": "peer-7c2e"}
    assert CHAT in categories(labeller, ROOM_MESSAGE, untyped)
    # a channel named for notifications is where people post, not a notice's type
    channel = {"channel": "notifications", "text": "I'll be five minutes late to the sync."}
    assert CHAT in categories(labeller, "https://chat.example.test/api/chat.postMessage", channel)
