"""Build the shipped policy packs from the Open Terms Archive reference texts.

    python -m auditor.policy.build [--reference DIR] [--out DIR]

Quotes are never typed in: each annotation names where its sentence starts (`find`) and, when the
sentence is long or runs past a bold marker, where it ends (`end`). The builder copies the exact text
between them out of the reference file, finds the section that contains it with the same extractor
`auditor policy extract` uses, and writes one YAML per document version. A missing anchor is an
error, so a pack can only ever contain wording that is in the reference file.

Annotation vocabulary (see packs.py): `categories` are the taxonomy labels a statement names
explicitly; `broad` are those it covers only through a broad term ("similar content or data",
"personal data"); `recipients` are `first_party`, broad groups (service_providers, affiliates,
third_parties, partners, advertisers) or organisation names; `effect: denies` statements say what does
not happen — with `purposes` they only exclude those purposes, without they contradict any flow that
carries the data (`when` restricts them to flows that also carry one of those categories).
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from auditor.policy.extract import extract_sections
from auditor.policy.packs import (
    ATTRIBUTION_TEXT,
    Clause,
    PolicyDocument,
    Statement,
    builtin_dir,
    dump_yaml,
    from_dict,
    to_dict,
)
from auditor.vendors import registry

OTA_REPOSITORY = "OpenTermsArchive/contrib-versions"

# Shorthands for annotations.
SGD = (
    "service_generated.telemetry",
    "service_generated.product_usage",
    "service_generated.diagnostics",
)
# What "similar content or data that Zoom collects or generates in connection with … use" may reach.
SGD_SIMILAR = (
    "service_generated.performance",
    "device_info.*",
    "identifiers.device_id",
    "identifiers.session_id",
    "identifiers.network_id",
    "meeting_metadata",
    "consent_signal",
    "location.coarse",
)
CONTENT = ("customer_content.*",)
PERSONAL = (
    "service_generated.*",
    "customer_content.*",
    "meeting_metadata",
    "identifiers.*",
    "contact_info.*",
    "device_info.*",
    "location.*",
    "credentials",
    "consent_signal",
)
# What a person types to join a meeting (display name, e-mail, passcode) travels with the meeting
# number: data End Users provide in using the Services, i.e. Customer Content, not account data.
TYPED_TO_JOIN = ("contact_info.name", "contact_info.email", "credentials")
TYPED_TO_JOIN_NOTE = (
    "With a meeting number: what a person types to join (display name, e-mail, passcode) is "
    "data End Users provide, i.e. Customer Content."
)
PERSONAL_NO_CONTENT = tuple(c for c in PERSONAL if c != "customer_content.*")


@dataclass(frozen=True)
class Ann:
    find: str
    end: str | None = None
    categories: tuple[str, ...] = ()
    broad: tuple[str, ...] = ()
    purposes: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ("first_party",)
    effect: str = "permits"
    when: tuple[str, ...] = ()
    apps: tuple[str, ...] = ()
    note: str = ""
    versions: tuple[str, ...] = ()  # only these versions (empty: every version of the document)


@dataclass(frozen=True)
class DocSpec:
    document: str
    vendor: str
    title: str
    url: str
    kind: str
    ota_path: str
    versions: dict[str, str]  # version date -> Open Terms Archive commit
    annotations: tuple[Ann, ...] = field(default=())

    @property
    def apps(self) -> tuple[str, ...]:
        """The apps whose vendor file lists this document (auditor/vendors), browsers aside."""
        vendors = registry()
        return tuple(
            app.name
            for app in vendors.apps()
            if not app.is_browser and self.document in vendors.documents_for_app(app.name)
        )


# --------------------------------------------------------------------------------------------
# Zoom Terms of Service

_ZOOM_TOS_2023_EARLY = ("2023-04-01", "2023-07-28", "2023-08-07")
_ZOOM_TOS_REWRITE = ("2023-08-11", "2026-08-06")

ZOOM_TOS = DocSpec(
    document="zoom/terms-of-service",
    vendor="Zoom",
    title="Zoom Terms of Service",
    url="https://explore.zoom.us/en/terms/",
    kind="terms",
    ota_path="Zoom/Terms of Service.md",
    versions={
        "2023-04-01": "6cee2e467cdc921c98ea835e3bb9511dfd5c9544",
        "2023-07-28": "0c3e673ebdf35c9012eef24dc18307bb5fe33a61",
        "2023-08-07": "99ab2d06db1788bd5e74a0b6f04014e0145d91df",
        "2023-08-11": "894baaa7a5e1fca4ea9927b95800501ca870ab57",
        "2026-08-06": "71c8dd950d2156d31bfcbaacdf239ae8b1149f06",
    },
    annotations=(
        Ann(
            "You may also be asked to choose a username and password",
            categories=("credentials", "identifiers.user_id"),
            purposes=("provide_service",),
        ),
        Ann(
            "You may be required to provide information about yourself to register",
            broad=("contact_info.*", "identifiers.user_id"),
            purposes=("provide_service",),
        ),
        # --- 2023-04-01 … 2023-08-07: Customer Content and Service Generated Data (10.1-10.5)
        Ann(
            "You or your End Users may provide, upload, or originate data, content, files",
            end="(together with Customer Input, “**Customer Content**”)",
            categories=("customer_content.files", "customer_content.transcript"),
            broad=CONTENT,
            versions=_ZOOM_TOS_2023_EARLY,
            note="Defines Customer Content: files, documents, transcripts, outputs and other materials.",
        ),
        Ann(
            "You or your End Users may provide, upload, or originate data, content, files",
            end="(together with Customer Input, “**Customer Content**”)",
            categories=TYPED_TO_JOIN,
            when=("meeting_metadata",),
            versions=_ZOOM_TOS_2023_EARLY,
            note=TYPED_TO_JOIN_NOTE,
        ),
        Ann(
            "Customer Content does not include any telemetry data, product usage data",
            end="(“**Service Generated Data**”).",
            categories=SGD,
            broad=SGD_SIMILAR,
            versions=_ZOOM_TOS_2023_EARLY,
            note="Defines Service Generated Data; 'similar content or data' is the broad term.",
        ),
        Ann(
            "You consent to Zoom’s access, use, collection, creation, modification, distribution",
            end="and as otherwise provided in this Agreement.",
            categories=SGD,
            broad=SGD_SIMILAR,
            purposes=(
                "any_purpose",
                "ai_training",
                "marketing",
                "analytics",
                "product_development",
                "product_improvement",
            ),
            recipients=("first_party", "third_parties"),
            versions=_ZOOM_TOS_2023_EARLY,
            note="Any purpose, including machine learning and AI training; 'distribution … "
            "sharing' to unnamed parties. The consent is given by accepting the Terms, not asked "
            "separately.",
        ),
        Ann(
            "Zoom may redistribute, publish, import, access, use, store, transmit, review, disclose",
            end="including systems and networks.",
            broad=CONTENT,
            purposes=("provide_service", "security", "legal"),
            recipients=("first_party", "third_parties"),
            versions=_ZOOM_TOS_2023_EARLY,
        ),
        Ann(
            "You agree to grant and hereby grant Zoom a perpetual, worldwide",
            end="in accordance with Section 10.3.",
            broad=CONTENT,
            purposes=(
                "provide_service",
                "product_development",
                "marketing",
                "analytics",
                "ai_training",
                "product_improvement",
            ),
            recipients=("first_party", "third_parties"),
            versions=_ZOOM_TOS_2023_EARLY,
            note="Sublicensable, transferable licence to Customer Content, including for machine "
            "learning and artificial intelligence.",
        ),
        Ann(
            "Notwithstanding the above, Zoom will not use audio, video or chat Customer Content",
            end="without your consent.",
            effect="denies",
            categories=(
                "customer_content.audio",
                "customer_content.video",
                "customer_content.chat",
            ),
            purposes=("ai_training",),
            conditions=("consent",),
            versions=("2023-08-07",),
            note="Added 2023-08-07: AI training on audio, video and chat only with consent.",
        ),
        Ann(
            "Zoom will only access, use, collect, maintain, process, store, and transmit Customer",
            end="in connection with the Services or Software.",
            broad=CONTENT,
            purposes=("provide_service",),
            recipients=("first_party", "service_providers", "third_parties"),
            versions=_ZOOM_TOS_2023_EARLY,
        ),
        # --- 2023-08-11 rewrite and later
        Ann(
            "Data, content, communications, messages, files, documents, or other materials",
            end="**Customer Content**.",
            categories=(
                "customer_content.chat",
                "customer_content.files",
                "customer_content.transcript",
            ),
            broad=CONTENT,
            versions=_ZOOM_TOS_REWRITE,
            note="Defines Customer Content: communications, messages, files, transcripts, "
            "recordings.",
        ),
        Ann(
            "Data, content, communications, messages, files, documents, or other materials",
            end="**Customer Content**.",
            categories=TYPED_TO_JOIN,
            when=("meeting_metadata",),
            versions=_ZOOM_TOS_REWRITE,
            note=TYPED_TO_JOIN_NOTE,
        ),
        Ann(
            "Zoom will only access, process or use Customer Content for the following reasons",
            end="necessary for the Permitted Uses.",
            broad=CONTENT,
            purposes=("provide_service", "security", "legal"),
            versions=_ZOOM_TOS_REWRITE,
        ),
        Ann(
            "Zoom does not use any of your audio, video, chat, screen sharing, attachments",
            end="artificial intelligence models.",
            effect="denies",
            categories=(
                "customer_content.audio",
                "customer_content.video",
                "customer_content.chat",
                "customer_content.files",
            ),
            purposes=("ai_training",),
            recipients=("first_party", "third_parties"),
            versions=_ZOOM_TOS_REWRITE,
        ),
        Ann(
            "Zoom may use consultants, contractors, service providers, subprocessors",
            broad=CONTENT,
            purposes=("provide_service",),
            recipients=("service_providers", "third_parties"),
            versions=_ZOOM_TOS_REWRITE,
        ),
        Ann(
            "Telemetry data, product usage data, diagnostic data, and similar data",
            end="are referred to as Service Generated Data.",
            categories=SGD,
            broad=SGD_SIMILAR,
            versions=_ZOOM_TOS_REWRITE,
        ),
        Ann(
            "Zoom owns all rights, title, and interest in and to **Service Generated Data**.",
            categories=SGD,
            broad=SGD_SIMILAR,
            purposes=("vendor_owned",),
            versions=_ZOOM_TOS_REWRITE,
            note="Ownership; the 'any purpose' and AI-training consent of 10.2 is gone.",
        ),
    ),
)

# --------------------------------------------------------------------------------------------
# Zoom Privacy Statement

_ZPS_ALL = ("2023-06-30", "2023-08-11", "2024-08-05")
_ZPS_LATER = ("2023-08-11", "2024-08-05")

ZOOM_PRIVACY = DocSpec(
    document="zoom/privacy-statement",
    vendor="Zoom",
    title="Zoom Privacy Statement",
    url="https://explore.zoom.us/en/privacy/",
    kind="privacy",
    ota_path="Zoom/Privacy Policy.md",
    versions={
        "2023-06-30": "8242b57f28c392647c1e0ce56bd36e38a9c7849e",
        "2023-08-11": "87a1e21aab39dba80d29fa06da181c773805ab84",
        "2024-08-05": "2a55363890072a783635c05ff3df6af901fcb1ef",
    },
    annotations=(
        Ann(
            "Information associated with an account that licenses Zoom products and services",
            categories=("contact_info.name", "identifiers.user_id"),
            broad=("contact_info.*",),
        ),
        Ann(
            "Information associated with the Zoom profile of a user",
            categories=(
                "contact_info.name",
                "contact_info.email",
                "contact_info.phone",
                "identifiers.user_id",
                "device_info.locale",
            ),
        ),
        Ann(
            "Information associated with the preferences and settings on a Zoom account",
            broad=("consent_signal",),
        ),
        Ann(
            "Information about the computers, phones, and other devices used when interacting",
            categories=(
                "device_info.hardware",
                "device_info.os",
                "device_info.network",
                "identifiers.device_id",
                "identifiers.network_id",
                "location.coarse",
            ),
            broad=("device_info.*",),
        ),
        Ann(
            "Content generated in meetings, webinars, or messages that are hosted on Zoom",
            end="or meeting agenda.",
            categories=(
                "customer_content.audio",
                "customer_content.video",
                "customer_content.chat",
                "customer_content.transcript",
                "customer_content.files",
                "meeting_metadata",
            ),
        ),
        Ann(
            "Information about how people and their devices interact with Zoom products",
            end="and other usage information and metrics.",
            categories=(
                "service_generated.product_usage",
                "service_generated.performance",
                "meeting_metadata",
            ),
            broad=("service_generated.*",),
        ),
        Ann(
            "To provide and develop products and services to account owners",
            broad=PERSONAL,
            purposes=("provide_service", "product_development", "personalization"),
            versions=("2023-06-30", "2023-08-11"),
        ),
        Ann(
            "To provide products and services to account owners",
            broad=PERSONAL,
            purposes=("provide_service", "personalization"),
            versions=("2024-08-05",),
        ),
        Ann(
            "Intelligent Features: Zoom provides intelligent features and products, such as Zoom IQ",
            end="to develop, provide and improve intelligent features and products.",
            broad=PERSONAL,
            purposes=("provide_service", "product_development", "product_improvement"),
            versions=("2023-06-30",),
            note="Artificial intelligence and machine learning to analyze content and personal data.",
        ),
        Ann(
            "To develop, test, and improve Zoom products and services, including, for example",
            broad=PERSONAL,
            purposes=("product_development", "product_improvement"),
            versions=("2023-06-30",),
        ),
        Ann(
            "If authorized by any applicable customer settings, to develop, test, and improve Zoom",
            broad=PERSONAL,
            purposes=("product_development", "product_improvement"),
            conditions=("settings",),
            versions=("2023-08-11",),
        ),
        Ann(
            "If authorized by any applicable settings, to develop, test, and improve Zoom",
            broad=PERSONAL,
            purposes=("product_development", "product_improvement"),
            conditions=("settings",),
            versions=("2024-08-05",),
        ),
        Ann(
            "Zoom does not use any of your audio, video, chat, screen sharing, attachments",
            end="artificial intelligence models.",
            effect="denies",
            categories=(
                "customer_content.audio",
                "customer_content.video",
                "customer_content.chat",
                "customer_content.files",
            ),
            purposes=("ai_training",),
            recipients=("first_party", "third_parties"),
            versions=_ZPS_LATER,
        ),
        Ann(
            "To permit Zoom and/or its third party marketing partners to market, advertise",
            categories=("service_generated.product_usage",),
            broad=PERSONAL_NO_CONTENT,
            purposes=("marketing", "advertising"),
            recipients=("first_party", "partners"),
            versions=("2023-06-30", "2023-08-11"),
        ),
        Ann(
            "If authorized by any applicable settings, to permit Zoom and/or its third party",
            categories=("service_generated.product_usage",),
            broad=PERSONAL_NO_CONTENT,
            purposes=("marketing", "advertising"),
            recipients=("first_party", "partners"),
            conditions=("settings",),
            versions=("2024-08-05",),
        ),
        Ann(
            "Zoom does not use meeting, webinar, or messaging content",
            end="for any marketing or promotions.",
            effect="denies",
            categories=(
                "customer_content.audio",
                "customer_content.video",
                "customer_content.files",
                "customer_content.chat",
            ),
            purposes=("marketing", "advertising"),
            versions=("2023-06-30",),
        ),
        Ann(
            "Zoom does not use Customer Content for any marketing or promotions.",
            effect="denies",
            categories=CONTENT,
            purposes=("marketing", "advertising"),
            versions=_ZPS_LATER,
        ),
        Ann(
            "To authenticate accounts and activity, detect, investigate, and prevent malicious",
            broad=PERSONAL,
            purposes=("security",),
        ),
        Ann(
            "Zoom works with third-party service providers to provide, support, and improve Zoom",
            broad=PERSONAL,
            purposes=("provide_service", "support", "product_improvement"),
            recipients=("service_providers",),
        ),
        Ann(
            "Zoom may also work with third-party service providers to provide advertisements",
            broad=PERSONAL_NO_CONTENT,
            purposes=("advertising", "analytics"),
            recipients=("service_providers",),
        ),
        Ann(
            "Zoom uses third-party marketing, advertising, and analytics providers",
            broad=("service_generated.product_usage", "identifiers.*", "device_info.*"),
            purposes=("analytics", "advertising", "marketing"),
            recipients=("partners", "advertisers", "third_parties"),
            conditions=("opt_out",),
            note="Website cookies; opt-out through the cookie tool.",
        ),
        Ann(
            "Zoom shares personal information with corporate affiliates",
            broad=PERSONAL,
            purposes=("provide_service", "security"),
            recipients=("affiliates",),
        ),
    ),
)

# --------------------------------------------------------------------------------------------
# Microsoft

MS_PRIVACY = DocSpec(
    document="microsoft/privacy-statement",
    vendor="Microsoft",
    title="Microsoft Privacy Statement",
    url="https://privacy.microsoft.com/privacystatement",
    kind="privacy",
    ota_path="Microsoft/Privacy Policy.md",
    versions={"2024-06-25": "e06324c485661c16fcdbaad3bea4acb44e5f1a36"},
    annotations=(
        Ann(
            "**Name and contact data**. Your first and last names, email address",
            categories=("contact_info.*",),
        ),
        Ann(
            "**Credentials**. Passwords, password hints, and similar security information",
            categories=("credentials",),
        ),
        Ann(
            "**Demographic data**. Data about you such as your age, gender, country",
            categories=("device_info.locale", "location.coarse"),
        ),
        Ann(
            "**Device and usage data**. Data about your device and the product and features",
            end="as well as your settings.",
            categories=(
                "device_info.hardware",
                "device_info.os",
                "service_generated.product_usage",
                "service_generated.performance",
            ),
            broad=("consent_signal", "service_generated.*", "device_info.*"),
        ),
        Ann(
            "In addition, IP address, device identifiers (such as the IMEI number for phones)",
            categories=(
                "identifiers.network_id",
                "identifiers.device_id",
                "device_info.locale",
                "device_info.network",
            ),
        ),
        Ann(
            "**Error reports and performance data**. Data about the performance of the products",
            categories=("service_generated.diagnostics", "service_generated.performance"),
        ),
        Ann(
            "**Location data**. Data about your device’s location, which can be either precise",
            categories=("location.precise", "location.coarse"),
        ),
        Ann(
            "Communications, including audio, video, text (typed, inked, dictated, or otherwise)",
            categories=(
                "customer_content.audio",
                "customer_content.video",
                "customer_content.chat",
            ),
        ),
        Ann(
            "Photos, images, songs, movies, software, and other media or documents",
            categories=("customer_content.files",),
        ),
        Ann(
            "Traffic data indicates with whom you have communicated and when your communications",
            categories=("meeting_metadata",),
        ),
        Ann(
            "We will process your traffic data only as required to provide, maintain, and improve",
            categories=("meeting_metadata",),
            purposes=("provide_service", "product_improvement"),
            conditions=("consent",),
        ),
        Ann(
            "We also share personal data with vendors or agents working on our behalf",
            broad=PERSONAL,
            recipients=("service_providers",),
        ),
        Ann(
            "In addition, we share personal data among Microsoft-controlled affiliates",
            broad=PERSONAL,
            recipients=("affiliates",),
        ),
        Ann(
            "As part of providing these features, Microsoft collects data about the usage of the",
            categories=("service_generated.product_usage", "meeting_metadata"),
            purposes=("provide_service",),
            apps=("teams",),
        ),
        Ann(
            "As part of providing these features, Microsoft collects usage data about your",
            categories=(
                "service_generated.product_usage",
                "meeting_metadata",
                "identifiers.user_id",
            ),
            purposes=("provide_service",),
            apps=("skype",),
        ),
        Ann(
            "With your permission, your data may be used to help improve Microsoft products",
            categories=("customer_content.audio", "customer_content.transcript"),
            purposes=("product_improvement", "ai_training"),
            conditions=("consent",),
            apps=("skype",),
            note="Skype translation features: conversations help speech recognition 'learn and grow'.",
        ),
        Ann(
            "Diagnostic data is used to (i) keep your Microsoft 365 or Office apps secure",
            categories=("service_generated.diagnostics",),
            purposes=("security", "support", "product_improvement"),
            apps=("teams",),
            note="Microsoft 365 and Office apps (Teams is a Microsoft 365 app).",
        ),
        Ann(
            "This data does not include a user’s name or email address, the content of the",
            effect="denies",
            categories=("contact_info.name", "contact_info.email", "customer_content.files"),
            when=("service_generated.diagnostics",),
            apps=("teams",),
            note="Said of Microsoft 365 and Office diagnostic data.",
        ),
    ),
)

MS_SERVICES = DocSpec(
    document="microsoft/services-agreement",
    vendor="Microsoft",
    title="Microsoft Services Agreement",
    url="https://www.microsoft.com/servicesagreement",
    kind="terms",
    ota_path="Microsoft/Terms of Service.md",
    versions={"2026-08-04": "5a05cc779d6d73ce29e1ae7abf3f622a369e10e9"},
    annotations=(
        Ann(
            "The Privacy Statement also describes how Microsoft uses your content",
            categories=(
                "customer_content.audio",
                "customer_content.video",
                "customer_content.chat",
                "customer_content.files",
            ),
            broad=CONTENT,
        ),
        Ann(
            "To the extent necessary to provide the Services to you and others",
            broad=CONTENT,
            purposes=("provide_service", "security", "product_improvement"),
        ),
        Ann(
            "as it describes the types of data we collect from you and your devices",
            end="the legal bases we have to process your Data.",
            broad=PERSONAL_NO_CONTENT,
            note="Points to the Microsoft Privacy Statement for data about you and your devices.",
        ),
    ),
)

# --------------------------------------------------------------------------------------------
# Google

GOOGLE_PRIVACY = DocSpec(
    document="google/privacy-policy",
    vendor="Google",
    title="Google Privacy Policy",
    url="https://policies.google.com/privacy",
    kind="privacy",
    ota_path="Google/Privacy Policy.md",
    versions={"2026-06-24": "c76a4c99c24ad0999b21c70d2c1460119084d828"},
    annotations=(
        Ann(
            "When you create a Google Account, you provide us with",
            end="that includes your name and a password.",
            categories=("contact_info.name", "credentials"),
        ),
        Ann(
            "We also collect the content that you create, upload or receive from others",
            categories=(
                "customer_content.chat",
                "customer_content.files",
                "customer_content.video",
            ),
            broad=CONTENT,
        ),
        Ann(
            "The information that we collect includes [unique identifiers]",
            end="and application version number.",
            categories=(
                "identifiers.device_id",
                "device_info.os",
                "device_info.hardware",
                "device_info.network",
                "contact_info.phone",
            ),
            broad=("consent_signal", "device_info.*"),
        ),
        Ann(
            "We also collect information about the interaction of your apps, browsers and devices",
            end="referrer URL of your request.",
            categories=(
                "identifiers.network_id",
                "service_generated.diagnostics",
                "service_generated.telemetry",
            ),
            broad=("service_generated.*",),
        ),
        Ann(
            "[Voice and audio information]",
            categories=("customer_content.audio",),
        ),
        Ann(
            "People with whom you communicate or share content",
            categories=("meeting_metadata",),
        ),
        Ann(
            "we may collect call and message log information like your phone number",
            categories=("meeting_metadata", "contact_info.phone", "contact_info.email"),
        ),
        Ann(
            "We collect location information when you use our services",
            categories=("location.precise", "location.coarse"),
        ),
        Ann(
            "We use your information to [deliver our services]",
            broad=PERSONAL,
            purposes=("provide_service",),
        ),
        Ann(
            "We also use your information to [ensure that our services are working as intended]",
            end="that you report to us.",
            broad=PERSONAL,
            purposes=("product_improvement", "support"),
        ),
        Ann(
            "We use the information we collect in existing services to help us develop new ones.",
            broad=PERSONAL,
            purposes=("product_development",),
        ),
        Ann(
            "Depending on your settings, we may also show you [personalised ads]",
            end="across Google services.",
            broad=PERSONAL,
            purposes=("advertising", "personalization"),
            conditions=("settings",),
        ),
        Ann(
            "We use data for analytics and measurement to understand how our services are used.",
            broad=PERSONAL,
            purposes=("analytics",),
        ),
        Ann(
            "We don’t share information that personally identifies you with advertisers",
            effect="denies",
            categories=("contact_info.name", "contact_info.email"),
            recipients=("advertisers",),
            conditions=("consent",),
        ),
        Ann(
            "We provide personal information to our [affiliates]",
            end="security measures.",
            broad=PERSONAL,
            purposes=("provide_service",),
            recipients=("affiliates", "service_providers"),
        ),
    ),
)

# --------------------------------------------------------------------------------------------
# Discord

DISCORD_PRIVACY = DocSpec(
    document="discord/privacy-policy",
    vendor="Discord",
    title="Discord Privacy Policy",
    url="https://discord.com/privacy",
    kind="privacy",
    ota_path="Discord/Privacy Policy.md",
    versions={"2026-04-08": "97339469b16eb30efe4cba2c8c76db1e9134acc0"},
    annotations=(
        Ann(
            "When you create a Discord account, you can come up with a username and password",
            categories=(
                "credentials",
                "identifiers.user_id",
                "contact_info.email",
                "contact_info.phone",
            ),
        ),
        Ann(
            "You may also have the option to add your name or choose a display name.",
            categories=("contact_info.name",),
        ),
        Ann(
            "For example, you may write messages or posts (including drafts), send voice messages",
            categories=("customer_content.chat", "customer_content.audio"),
            broad=CONTENT,
        ),
        Ann(
            "You may also upload and share files through the services.",
            categories=("customer_content.files",),
        ),
        Ann(
            "We generally do not store the contents of video or voice calls or channels.",
            effect="denies",
            categories=("customer_content.audio", "customer_content.video"),
            purposes=("storage",),
        ),
        Ann(
            "We collect information about your use of Discord and your activities on the services.",
            categories=("service_generated.product_usage",),
            broad=("meeting_metadata",),
        ),
        Ann(
            "For example, this includes information like your IP address, operating system",
            categories=(
                "identifiers.network_id",
                "device_info.os",
                "device_info.hardware",
            ),
            broad=("device_info.*", "identifiers.device_id"),
        ),
        Ann(
            "For example, we collect log and event information related to how and when you use",
            categories=("service_generated.product_usage",),
            broad=("service_generated.*",),
        ),
        Ann(
            "We may also use content posted in larger spaces to help us develop, improve, and power",
            broad=CONTENT,
            purposes=("product_development", "product_improvement", "security"),
            conditions=("opt_out",),
        ),
        Ann(
            "We may provide information to vendors we hire to carry out specific work for us.",
            broad=PERSONAL,
            recipients=("service_providers",),
        ),
        Ann(
            "This includes payment processors like Stripe and PayPal",
            broad=PERSONAL,
            purposes=("provide_service",),
            recipients=("Stripe", "PayPal", "Google"),
        ),
        Ann(
            "We may also provide limited information to advertising platforms",
            broad=("identifiers.*", "service_generated.product_usage"),
            purposes=("advertising",),
            recipients=("advertisers",),
        ),
        Ann(
            "We may provide information to [our related companies]",
            broad=PERSONAL,
            recipients=("affiliates",),
        ),
    ),
)

DISCORD_TERMS = DocSpec(
    document="discord/terms-of-service",
    vendor="Discord",
    title="Discord Terms of Service",
    url="https://discord.com/terms",
    kind="terms",
    ota_path="Discord/Terms of Service.md",
    versions={"2026-04-08": "a72f5ca7f1be41bba6aa3dfafb49efcccb7ec1c4"},
    annotations=(
        Ann(
            "This includes text, links, GIFs, emoji, photos, videos, documents, or other media.",
            categories=(
                "customer_content.chat",
                "customer_content.video",
                "customer_content.files",
            ),
            broad=CONTENT,
        ),
        Ann(
            "The rights you grant in this license are for the limited purpose of providing",
            broad=CONTENT,
            purposes=("provide_service", "product_development", "product_improvement"),
        ),
        Ann(
            "You agree that we may disclose your content to third parties outside of the services",
            broad=CONTENT,
            purposes=("legal", "security"),
            recipients=("third_parties",),
        ),
    ),
)

# --------------------------------------------------------------------------------------------
# Jitsi (meet.jit.si, operated by 8x8)

JITSI_PRIVACY = DocSpec(
    document="jitsi/privacy-policy",
    vendor="8x8 (meet.jit.si)",
    title="meet.jit.si Privacy Supplement",
    url="https://jitsi.org/meet-jit-si-privacy/",
    kind="privacy",
    ota_path="meet.jit.si/Privacy Policy.md",
    versions={"2025-09-23": "55008649abc4f30ea837ca22b8b05a81fb123fe6"},
    annotations=(
        Ann(
            "8×8 may process and store third-party account credentials",
            categories=("credentials",),
            purposes=("provide_service",),
        ),
        Ann(
            "meet.jit.si processes and stores the user specified URL used to host the meeting",
            categories=("meeting_metadata", "contact_info.phone"),
        ),
        Ann(
            "If you use the chat function, chat content is stored during the meeting.",
            categories=("customer_content.chat",),
        ),
        Ann(
            "If you record a meeting, the recording of the meeting is temporarily stored",
            end="(e.g. DropBox).",
            categories=("customer_content.video",),
            broad=("customer_content.audio",),
        ),
        Ann(
            "If you livestream your meeting, video content is temporarily stored",
            categories=("customer_content.video",),
        ),
        Ann(
            "users of meet.jit.si have the option of providing name, email address",
            categories=("contact_info.name", "contact_info.email"),
        ),
        Ann(
            "8×8 uses this information to deliver the meet.jit.si service",
            broad=PERSONAL,
            purposes=("provide_service", "support", "product_improvement"),
        ),
        Ann(
            "8×8 may use this information to investigate fraud or abuse",
            broad=PERSONAL,
            purposes=("security",),
        ),
        Ann(
            "The [YouTube API Client]",
            end="on users’ devices or browsers.",
            broad=("device_info.*", "identifiers.*"),
            recipients=("Google", "YouTube"),
            note="Only when livestreaming to YouTube.",
        ),
    ),
)

JITSI_TERMS = DocSpec(
    document="jitsi/terms-of-service",
    vendor="8x8 (meet.jit.si)",
    title="meet.jit.si Terms of Service",
    url="https://jitsi.org/meet-jit-si-terms-of-service/",
    kind="terms",
    ota_path="meet.jit.si/Terms of Service.md",
    versions={"2025-09-23": "36193c75220b94ce853da991c60360645ca3eb05"},
    annotations=(
        Ann(
            "If You submit a name or photo to associate with Your use of the Service",
            categories=("contact_info.name",),
            purposes=("provide_service",),
        ),
    ),
)

SPECS: tuple[DocSpec, ...] = (
    ZOOM_TOS,
    ZOOM_PRIVACY,
    MS_PRIVACY,
    MS_SERVICES,
    GOOGLE_PRIVACY,
    DISCORD_PRIVACY,
    DISCORD_TERMS,
    JITSI_PRIVACY,
    JITSI_TERMS,
)

# --------------------------------------------------------------------------------------------

# Curly and straight quotes, and no-break spaces, compare alike when looking for an anchor. Every
# replacement is one character for one, so offsets in the folded text are offsets in the source.
_FOLD = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("\u00a0", " "))
_SENTENCE_END = re.compile(r"[.!?](?=\**(?:\s|$))")


class AnchorError(Exception):
    pass


def fold(text: str) -> str:
    for old, new in _FOLD:
        text = text.replace(old, new)
    return text


def _find(folded: str, needle: str, start: int = 0) -> int:
    idx = folded.find(fold(needle), start)
    if idx < 0:
        raise AnchorError(needle)
    return idx


def locate_quote(source: str, ann: Ann, folded: str | None = None) -> tuple[int, int]:
    """Offsets of the quote `ann` describes; `folded` is `fold(source)` when already known."""
    folded = fold(source) if folded is None else folded
    start = _find(folded, ann.find)
    if ann.end is not None:
        end = _find(folded, ann.end, start) + len(ann.end)
    else:
        after = start + len(ann.find)
        if ann.find.rstrip("*").endswith((".", "!", "?")):
            end = after
        else:
            m = _SENTENCE_END.search(source, after)
            line_end = source.find("\n", after)
            end = m.end() if m else len(source)
            if line_end != -1 and line_end < end:
                end = line_end
    return start, end


def build_version(spec: DocSpec, version: str, reference_dir: Path) -> PolicyDocument:
    rel = f"{spec.document}.{version}.md"
    text = (reference_dir / rel).read_text("utf-8")
    extracted = extract_sections(text, "md")
    folded = fold(text)
    by_section: dict[str, list[Statement]] = {}
    order: list[str] = []
    for ann in spec.annotations:
        if ann.versions and version not in ann.versions:
            continue
        try:
            start, end = locate_quote(text, ann, folded)
        except AnchorError as err:
            raise AnchorError(f"{rel}: anchor not found: {err}") from None
        section = extracted.section_at(start)
        if section is None or end > section.end:
            raise AnchorError(f"{rel}: quote {ann.find!r} is not inside one section")
        statement = Statement(
            quote=text[start:end],
            effect="denies" if ann.effect == "denies" else "permits",
            categories=ann.categories,
            broad_categories=ann.broad,
            purposes=ann.purposes,
            conditions=ann.conditions,
            recipients=ann.recipients,
            when_categories=ann.when,
            apps=ann.apps,
            note=ann.note,
        )
        if section.id not in by_section:
            by_section[section.id] = []
            order.append(section.id)
        by_section[section.id].append(statement)
    clauses = []
    for sec_id in order:
        section = extracted.section(sec_id)
        assert section is not None
        clauses.append(Clause(sec_id, section.heading, section.text, tuple(by_section[sec_id])))
    doc = PolicyDocument(
        document=spec.document,
        version=version,
        vendor=spec.vendor,
        apps=spec.apps,
        title=spec.title,
        url=spec.url,
        kind=spec.kind,
        source={
            "archive": "Open Terms Archive",
            "repository": OTA_REPOSITORY,
            "path": spec.ota_path,
            "commit": spec.versions[version],
            "recorded": version,
            "reference_file": rel,
        },
        attribution={
            "text": ATTRIBUTION_TEXT,
            "url": "https://opentermsarchive.org",
            "license": "ODC-BY-1.0",
        },
        clauses=clauses,
    )
    from_dict(to_dict(doc))  # validate against the schema before writing
    return doc


def build_all(reference_dir: Path, out_dir: Path) -> list[Path]:
    written = []
    for spec in SPECS:
        for version in spec.versions:
            doc = build_version(spec, version, reference_dir)
            path = out_dir / f"{spec.document}.{version}.yaml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(dump_yaml(doc), "utf-8")
            written.append(path)
    return written


def default_reference_dir() -> Path:
    """The verbatim dated texts the packs quote, shipped in the package (ODC-BY, see its README)."""
    return builtin_dir() / "reference"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m auditor.policy.build", description=__doc__)
    parser.add_argument("--reference", type=Path, default=default_reference_dir())
    parser.add_argument("--out", type=Path, default=builtin_dir())
    args = parser.parse_args(argv)
    try:
        paths = build_all(args.reference, args.out)
    except (AnchorError, OSError) as err:
        print(f"build: {err}", file=sys.stderr)
        return 1
    for path in paths:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
