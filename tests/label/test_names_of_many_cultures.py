"""Full names in free text from the cultures the first name lists under-covered (issue 15y, from
heldout16's Yoruba guest): the lists of Faker's person providers (`names/given_names_faker.txt`,
`names/family_names_faker.txt`) and letters of the whole Latin script ("Łukasz", "Yılmaz",
"Phạm"). Each name below was missed with nam_dict and the 1990 Census surnames alone and
Latin-1 letters. The cases that must not match are headings, greetings, products, places and
phrases whose words Faker lists as names in some language but the build script's guards drop
(an English word, a word with an ending, a frequent word, a place)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from auditor.label import Labeller
from auditor.label.prose import names_in_text
from auditor.label.rules import flow_from_fixture

NAME = "contact_info.name"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Yoruba
        ("Abiodun Adeyemi will send the customs paperwork by Friday.", ["Abiodun Adeyemi"]),
        # Yoruba as its orthography writes "ṣ" without the dot ("Adeshina" in English spelling)
        ("Hi Adesina Sekoni, here is the recording of our review.", ["Adesina Sekoni"]),
        # Igbo
        ("Action items: Chiamaka Okonkwo to confirm the reefer slots.", ["Chiamaka Okonkwo"]),
        # Hausa
        ("[00:12:04] Abdullahi Abubakar: the trucks leave Kano at six.", ["Abdullahi Abubakar"]),
        # Hindi
        ("Spoke with Aarav Chaudhary about the invoice.", ["Aarav Chaudhary"]),
        # Vietnamese, in the given-name-first order of an English text
        ("Hương Phạm joined late from the Hanoi office.", ["Hương Phạm"]),
        # Chinese, Taiwanese romanisation
        ("Thanks to Chia-Hao Lin for the revised schedule.", ["Chia-Hao Lin"]),
        # Arabic, romanised as in the Maghreb
        ("Abdelkader Benali asked for the bill of lading.", ["Abdelkader Benali"]),
        # Turkish, with and without its letters
        ("Ayşe Yılmaz and Mehmet Demir approved the quote.", ["Ayşe Yılmaz", "Mehmet Demir"]),
        # Polish
        (
            "Łukasz Wiśniewski will call the broker; cc Agnieszka Woźniak.",
            [
                "Łukasz Wiśniewski",
                "Agnieszka Woźniak",
            ],
        ),
        # Kenyan (Kikuyu, Luo, Swahili)
        ("Wanjiru Kamau and Juma Otieno are on site in Mombasa.", ["Wanjiru Kamau", "Juma Otieno"]),
        # Zulu
        ("Minutes taken by Sibusiso Ngcobo.", ["Sibusiso Ngcobo"]),
        # Akan (Ghana)
        ("Please loop in Kwabena Agyeman before Tuesday.", ["Kwabena Agyeman"]),
        # Latvian
        ("Jānis Bērziņš signed the delivery note.", ["Jānis Bērziņš"]),
        # Azerbaijani
        ("Rustam Aliyev will check the container seals.", ["Rustam Aliyev"]),
    ],
)
def test_a_full_name_of_many_cultures_in_prose(text: str, names: list[str]) -> None:
    assert names_in_text(text) == names


@pytest.mark.parametrize(
    "text",
    [
        "Thank You",
        "Thank You Very Much for joining",
        "Next Steps For Wanjiru Kamau",  # a title-cased heading
        "Action Items",
        "Kind Regards",
        "Customs Clearance Review",
        "We ship from Lagos Port and Port Harcourt.",
        "The Ho Chi Minh office and Dar Es Salaam hub",
        "Booked on Kenya Airways and Turkish Airlines",
        "Samsung Galaxy, Toyota Hilux and Chevrolet Bolt",
        "Jollof Rice and Nyama Choma at lunch",
        "Asante Sana, Terima Kasih, Teşekkür Ederim",
        # words Faker lists as names that the build's guards drop
        "Sunday Date: to be confirmed",  # frequent English words
        "Order from Metro Parts arrived",  # a word with an ending ("parts")
        "Florida Cases rose again",  # a place, a word with an ending
        "Washington Post",  # a city
        "Captain Contractor",  # everyday words
        "Abiodun",  # a given name alone
    ],
)
def test_no_name_in_headings_products_places_and_phrases(text: str) -> None:
    assert names_in_text(text) == []


def test_a_comment_naming_a_yoruba_participant_earns_a_name() -> None:
    fixture: dict[str, Any] = {
        "rule": "x",
        "url": "https://tickets.example.org/api/v2/tickets/4411/comments",
        "method": "POST",
        "headers": [["Content-Type", "application/json"]],
        "body": json.dumps(
            {"comment": {"body": "Abiodun Adeyemi confirmed the customs slot for Thursday."}}
        ),
    }
    result = Labeller().label(flow_from_fixture(fixture))
    assert NAME in set(result.categories())
    evidence = [lab.evidence for lab in result.labels if lab.category == NAME]
    assert evidence and all(evidence)
