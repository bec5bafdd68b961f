"""People's full names and phone numbers inside free text: a comment, meeting minutes, a task's
notes, a transcript cue (issue 15). The key tables find a name under `name` and a number under
`phone`; these find them in what a person wrote.

Precision comes first, as a wrong name on a log line misleads:
- a name is a run of two to four capitalised words standing alone (no capitalised word right
  before or after it: "Send Revised Roadmap" and "To Lukas Brandt" in a title-cased heading are
  not names), whose first word is a given name and whose last a family name, from the lists
  shipped in `names/` (their sources and licences are in `names/README.md`); given names that are
  also everyday words ("Will", "May", "Max", "Grant") do not start a name, and words of places
  and organisations ("Station", "Bank", "Street") do not end one. A first name alone is not a
  name (the corpus convention).
- a phone number is written in international form (`+49 151 5550 1847`), stands apart from
  letters, digits and the characters of ids and encodings, and is a valid number by
  libphonenumber's metadata (`phonenumbers`): ids, timestamps and version numbers do not parse
  as one. National forms ("0151 …") are not read: without a country they cannot be checked.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

_NAMES_DIR = Path(__file__).resolve().parent / "names"

_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
# Two capitalised words in a row: most texts have none, and this finds out for a tenth of the
# cost of the full pattern below.
_CAPITALISED_PAIR_RE = re.compile(f"[{_UPPER}][{_LOWER}]+ [{_UPPER}][{_LOWER}]")
# A run of capitalised words separated by single spaces (`Lukas Brandt`, `Anne-Marie O'Neil`).
_CAPITALISED_RUN_RE = re.compile(
    f"[{_UPPER}][{_LOWER}]+(?:[-'][{_UPPER}]?[{_LOWER}]+)?"
    f"(?: [{_UPPER}][{_LOWER}]*(?:[-'][{_UPPER}]?[{_LOWER}]+)?)+"
)
# Characters that join a run to an id, a path, an address or a dotted name when they stand
# right before or after it (`user.Alice Example`, `/Lukas Brandt/`, `Lukas Brandt@…`).
_JOINED_BEFORE = frozenset("@./\\:#$%&*+=~-_")
_JOINED_AFTER = frozenset("@/\\-_")
# Given names that are everyday English words, months, or words of a user interface or a log
# line ("Will retry", "Max Price", "Grant Access", "June Release"): they never start a name.
_WORD_GIVEN_NAMES = frozenset(
    """
    will may max mark grant bill chase rich page art guy sky summer winter spring autumn april
    june july august january march october hope faith joy grace rose lily ivy holly hazel olive
    violet daisy iris poppy penny ruby pearl jade amber crystal dawn eve storm sunny rusty pat
    sue rob don ray drew wade chuck earl gene miles dale glen cliff forest brook river ocean
    lane ford king prince duke major sterling price long young black white green brown gray grey
    golden silver angel star moon sun rain snow frost can cat dot echo ginger honey candy sandy
    misty happy lucky royal noble justice liberty unity harmony melody bliss love bud buck colt
    jet kit lance norm tip wolf fox bear buddy case cash clay deal dean early fall field free
    hardy heath heaven hill judge law lord mercy mint neo nova oak patch patience peace pepper
    pierce plenty rebel reed rocky saint scout shade shadow sharp skip spike stone story sugar
    tank tiny trinity true vale west win wind windy zen
    the and for from with into over under about after before when where what which who why how
    this that these those then than there here some any all each every other another such only
    also just even still yet new old first last next open close save send set get put add edit
    view show hide join leave start stop play pause user admin guest host team group owner
""".split()  # noqa: SIM905
)
# Words of places, organisations, products and time that end many capitalised runs after a
# given name ("Victoria Station", "Chase Bank", "Florence Street"): never a family name here.
_NOT_FAMILY_NAMES = frozenset(
    """
    street st road rd avenue ave boulevard lane drive way court place square park gardens garden
    station airport port harbor harbour bay beach island islands lake river valley mountain
    mountains hill hills falls springs heights village town city county state country province
    district region bridge tower hall house home building center centre church cathedral
    school college university institute academy museum library theatre theater arena stadium
    hospital clinic hotel inn cafe restaurant bar club pub market store shop mall bank group team
    office company inc ltd llc corp corporation foundation society association union council
    labs lab studio studios media press news records cloud desktop mobile web app apps browser
    server client edition pro plus mini air day days week weeks month months year years time
    morning evening night monday tuesday wednesday thursday friday saturday sunday january
    february march april may june july august september october november december north south
    east west central standard review meeting call update release version notes summary
    """.split()  # noqa: SIM905
)


# Greetings and titles that stand before a name in a capitalised run.
_LEADING_WORDS = frozenset(
    """
    hi hey hello dear thanks thank welcome cheers cc fyi attn mr mrs ms mx dr prof sir madam
    """.split()  # noqa: SIM905
)


@cache
def _name_lists() -> tuple[frozenset[str], frozenset[str]]:
    """(given names, family names), case-folded; read once, when a text first needs them."""

    def read(name: str) -> frozenset[str]:
        text = (_NAMES_DIR / name).read_text(encoding="utf-8")
        return frozenset(text.split())

    given = read("given_names.txt") - _WORD_GIVEN_NAMES
    family = read("family_names.txt") - _NOT_FAMILY_NAMES
    return given, family


@cache
def prepare() -> None:
    """Load the name lists and every region's phone number metadata now, once per process,
    rather than on the first text that needs them (the labeller does this when it is made, as
    it loads its rules): ~0.15 s of CPU that would otherwise fall on the first flows holding a
    capitalised pair or a number of a country not seen before."""
    import phonenumbers

    _name_lists()
    phonenumbers.PhoneMetadata.load_all()


def names_in_text(text: str) -> list[str]:
    """The people's full names in `text`, in order, each once."""
    found: list[str] = []
    given: frozenset[str] | None = None
    family: frozenset[str] = frozenset()
    if _CAPITALISED_PAIR_RE.search(text) is None:
        return found
    size = len(text)
    for match in _CAPITALISED_RUN_RE.finditer(text):
        start, end = match.span()
        if start and (text[start - 1].isalnum() or text[start - 1] in _JOINED_BEFORE):
            continue
        if end < size and (text[end].isalnum() or text[end] in _JOINED_AFTER):
            continue
        words = match.group(0).split(" ")
        while words and words[0].casefold() in _LEADING_WORDS:
            # a greeting or a title before the name ("Hi Chiara Rossi", "Dr Lukas Brandt")
            words = words[1:]
        if not 2 <= len(words) <= 4:
            continue
        if given is None:
            given, family = _name_lists()
        first, last = words[0].casefold(), words[-1].casefold()
        if first not in given or last not in family:
            continue
        if any(
            word.casefold() not in given and word.casefold() not in family for word in words[1:-1]
        ):
            continue
        name = " ".join(words)
        if name not in found:
            found.append(name)
    return found


# A phone number in international form, standing apart from words and from the characters of
# ids, paths, encodings and versions (`abc+4915…`, `1.2+20250101`, `=+49…`).
_PHONE_CANDIDATE_RE = re.compile(
    r"(?<![\w+/=.:@#&%-])\+\d{1,3}(?:[ .()-]{0,2}\d){6,14}(?![\w+/@-]|\.\d)"
)


def phones_in_text(text: str) -> list[str]:
    """The phone numbers in `text` written in international form and valid for their country,
    in order, each once (as written)."""
    if "+" not in text:
        return []
    found: list[str] = []
    for match in _PHONE_CANDIDATE_RE.finditer(text):
        number = match.group(0)
        if number not in found and _valid_number(number):
            found.append(number)
    return found


@cache
def _valid_number(number: str) -> bool:
    import phonenumbers  # only a text with a `+` and digits pays for the import

    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(parsed)
