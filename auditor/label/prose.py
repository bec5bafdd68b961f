"""People's full names and phone numbers inside free text: a comment, meeting minutes, a task's
notes, a transcript cue (issue 15). The key tables find a name under `name` and a number under
`phone`; these find them in what a person wrote.

Precision comes first, as a wrong name on a log line misleads:
- a name is a run of two to four capitalised words standing alone (no capitalised word right
  before or after it: "Send Revised Roadmap" and "To Lukas Brandt" in a title-cased heading are
  not names), whose first word is a given name and whose last a family name, from the lists
  shipped in `names/` (nam_dict, the US Census surnames, and the Latin-script names of 60 of
  Faker's locales; their sources, guards and licences are in `names/README.md`); given names that
  are also everyday words ("Will", "May", "Max", "Grant") do not start a name, and words of places
  and organisations ("Station", "Bank", "Street") do not end one. A first name alone is not a
  name (the corpus convention). A pair or triple no list knows ("Tevita Fifita") is a name
  where the text's structure puts a person there: the person's contact data right after it, a
  greeting or a sign-off before it, a possessive of what only a person has, or two weaker cues
  (speech, a meeting "with" it, a possessive, an organisation, a he/she after it); never with
  a word of an organisation, a product, a role or a heading (issue 15ay).
- a phone number is written in international form (`+49 151 5550 1847`), stands apart from
  letters, digits and the characters of ids and encodings, and is a valid number by
  libphonenumber's metadata (`phonenumbers`) or in a range kept for fiction (`auditor.vocabulary.valid_international_number`):
  ids, timestamps and version numbers do not parse as one. National forms ("0151 …") are not read: without a country they cannot be checked.
- a place (`location.coarse`) is a city or a country named after a locative preposition
  ("dialling in from Berlin", "based in Zürich, Switzerland"), from the lists shipped in
  `places/` (GeoNames; sources and licences in `places/README.md`). Cities that are also common
  words or given names ("Mobile", "Reading", "Nice", "Florence", "Jackson") are left out of the
  list unless a world city (a million people or more), as are names of three letters or fewer and
  a few names of software ("Ajax", "Phoenix"); the place must stand alone, not start a longer
  capitalised name ("at Jakarta EE", "in Paris Hilton") nor sit in an address or a domain.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from auditor.vocabulary import valid_international_number

_NAMES_DIR = Path(__file__).resolve().parent / "names"
_PLACES_DIR = Path(__file__).resolve().parent / "places"

_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
# Names are written in all of the Latin script, beyond Latin-1: Polish, Turkish, Czech, Baltic,
# Romanian, Azerbaijani and Vietnamese letters ("Łukasz Wiśniewski", "Ayşe Yılmaz", "Trần"), from
# the Latin Extended-A and -B, IPA ("ə") and Extended Additional blocks, upper and lower case apart.
_LATIN_EXTENDED = [chr(code) for code in (*range(0x100, 0x2B0), *range(0x1E00, 0x1F00))]
_NAME_UPPER = _UPPER + "".join(char for char in _LATIN_EXTENDED if char.isupper())
_NAME_LOWER = _LOWER + "".join(char for char in _LATIN_EXTENDED if char.islower())
# Two capitalised words in a row: most texts have none, and this finds out for a tenth of the
# cost of the full pattern below.
_CAPITALISED_PAIR_RE = re.compile(f"[{_NAME_UPPER}][{_NAME_LOWER}]+ [{_NAME_UPPER}][{_NAME_LOWER}]")
# A run of capitalised words separated by single spaces (`Lukas Brandt`, `Anne-Marie O'Neil`).
_CAPITALISED_RUN_RE = re.compile(
    f"[{_NAME_UPPER}][{_NAME_LOWER}]+(?:[-'][{_NAME_UPPER}]?[{_NAME_LOWER}]+)?"
    f"(?: [{_NAME_UPPER}][{_NAME_LOWER}]*(?:[-'][{_NAME_UPPER}]?[{_NAME_LOWER}]+)?)+"
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

    given = (read("given_names.txt") | read("given_names_faker.txt")) - _WORD_GIVEN_NAMES
    family = (read("family_names.txt") | read("family_names_faker.txt")) - _NOT_FAMILY_NAMES
    return given, family


@cache
def prepare() -> None:
    """Load the name lists and every region's phone number metadata now, once per process,
    rather than on the first text that needs them (the labeller does this when it is made, as
    it loads its rules): ~0.15 s of CPU that would otherwise fall on the first flows holding a
    capitalised pair or a number of a country not seen before."""
    import phonenumbers

    _name_lists()
    _place_names()
    phonenumbers.PhoneMetadata.load_all()
    # Validating a number runs some of the metadata's regexes by their text: phonenumbers keeps
    # them compiled itself rather than leaning on `re`'s cache (measured small: ~0.1%, 15ac).
    phonenumbers.enable_pattern_cache()


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
        if given is None:
            given, family = _name_lists()
        if (
            3 <= len(words) <= 5
            and words[0].casefold() not in given
            and _starts_sentence(text, start)
        ):
            # a sentence's first word, capitalised only for that ("Called Tomasz Kowalczyk
            # (+48 …)", "Ask Lukas Brandt": issue 15m); once, so a title-cased heading ("Send
            # Revised Roadmap To Lukas Brandt") still reads as one run
            words = words[1:]
        if words and words[-1].endswith("'s"):
            # a possessive ("Lukas Brandt's audio"): the name without it
            words[-1] = words[-1][:-2]
            end -= 2
        if not 2 <= len(words) <= 4:
            continue
        first, last = words[0].casefold(), words[-1].casefold()
        listed = first in given and last in family
        if listed and any(
            word.casefold() not in given and word.casefold() not in family for word in words[1:-1]
        ):
            continue
        name = " ".join(words)
        if not listed and not (
            len(words) <= 3 and _cued_person(text, end - len(name), end, words, first in given)
        ):
            continue
        if name not in found:
            found.append(name)
    guest = _WITH_GUEST_AT_END_RE.search(text)
    if guest is not None:
        # a meeting's or recording's title ending "… with Rosalind Achterberg": a guest's full
        # name, its first word a given name; the family name needs no list there (issue 15aw)
        name = guest.group(1)
        if given is None:
            given, family = _name_lists()
        titled = _MEETING_TITLE_WORDS.intersection(
            re.findall(r"[a-z0-9:-]+", text[: guest.start()].casefold())
        )
        if (
            titled
            and name.split()[0].casefold() in given
            and _person_shaped_words(name.split())
            and name not in found
        ):
            found.append(name)
    return found


# A text ending with "with <First> <Last>" (a meeting's label, a recording's description),
# titled by a meeting word before it ("Planning with Jordan Airlines" is no meeting's title).
_MEETING_TITLE_WORDS = frozenset(
    """
    meeting call review sync recording interview session standup stand-up kickoff kick-off
    catch-up catchup 1:1 one-on-one demo workshop briefing debrief webinar check-in checkin
    retro retrospective huddle consultation onboarding
    """.split()  # noqa: SIM905
)
_WITH_GUEST_AT_END_RE = re.compile(
    f"\\bwith ([{_NAME_UPPER}][{_NAME_LOWER}]+ [{_NAME_UPPER}][{_NAME_LOWER}]+)\\s*$"
)


# Full names the lists do not know ("Tevita Fifita", "Bolormaa Tserendorj", "Mahlet
# Gebremedhin"): a capitalised pair shaped as a name is read as one where the text's structure
# says a person stands there (issue 15ay). A strong cue is enough alone; a weak one needs a second
# one, or for a question on what the person said or a meeting a listed given name first
# (half-list support).
# Words no person's name has in this reading (beyond `_THING_NAME_WORDS`): an organisation's or
# product's last word ("Jordan Airlines", "Google Meet", "Microsoft Teams"), a role or a
# department ("Dear Hiring Manager"), a heading's word ("Quarterly Review", "Action Items"),
# and verbs that open an instruction to reach someone ("Call Tevita (+676 …)").
_NOT_CUED_NAME_WORDS = frozenset(
    """
    airlines airline airways air aviation shipping lines line logistics freight cargo express
    transport transit rail railways motors auto automotive holdings partners systems
    solutions technologies technology tech software hardware consulting consultants capital
    ventures energy power pharma pharmaceuticals foods food insurance agency agencies
    industries enterprises enterprise global international worldwide networks network
    communications telecom wireless marine maritime trading traders supply supplies services
    brands brand digital labs fund funds trust bancorp financial finance legal hr
    cooperative co-op federation alliance authority ministry customs ferries ferry
    marketing design engineering operations ops devops security compliance research
    teams rooms chat docs drive sheets slides mail workspace suite analytics insights
    platform sdk api kit ai cloud console portal hub connect live stream studio one plus
    manager managers engineer engineers director directors lead leads counsel department
    committee staff crew everyone everybody all folks friend friends colleague colleagues
    candidate applicant recruiter partner sir madam world pacific atlantic
    head chief chef captain officer president ceo cto cfo coo vp founder cofounder co-founder
    mayor minister ambassador professor doctor nurse coach senior junior principal associate
    assistant intern designer developer architect analyst specialist coordinator administrator
    representative agent driver pilot editor producer
    asia emea apac americas europe africa latam nordics benelux dach region regions
    linux windows macos android ios ubuntu debian fedora os
    quarterly weekly monthly daily annual agenda planning roadmap budget report reports minutes
    overview status retro kickoff standup interview action items item follow-up followup
    next steps notes summary recap outcome decision decisions question questions answer
    call ask email e-mail text ping message contact phone reach tell remind invite thank
    meet welcome notify page dm cc bcc please dear hi hey hello regards best thanks cheers
    """.split()  # noqa: SIM905
)
# Mailboxes of a role, not a person ("Acme Sales <sales@…>" is no cue).
_ROLE_MAILBOXES = frozenset(
    """
    info support help hello contact sales billing noreply no-reply donotreply admin team office
    mail news newsletter notifications notification alerts service services hr jobs careers
    press marketing accounts
    """.split()  # noqa: SIM905
)
# Strong: the person's own contact data right after the name ("X Y (+676 …)", "X Y
# <x@…>", "X Y, x@…").
_CONTACT_AFTER_RE = re.compile(
    r" ?(?:\(|<|, ?|: ?)(?:\+\d|(?P<local>[A-Za-z0-9._%+-]+)@[A-Za-z0-9-]+\.[A-Za-z0-9.-]+)"
)
# Strong: a greeting before the name ("Hi X Y,", "Dear Dr X Y"), the name then closing the
# greeting.
_GREETING_BEFORE_RE = re.compile(
    r"(?:^|[\s>\"'(])(?:[Hh]i|[Hh]ey|[Hh]ello|[Dd]ear|[Hh]iya)[,!]? (?:(?:Mr|Mrs|Ms|Mx|Dr|Prof)\.? )?$"
)
# Strong: a sign-off before a name that ends its line ("Best regards,\nX Y", "Thanks, X Y",
# "— X Y").
_SIGN_OFF_BEFORE_RE = re.compile(
    r"(?:(?:^|[\s>])(?:[Rr]egards|[Bb]est|[Tt]hanks|[Tt]hank you|[Cc]heers|[Ss]incerely|[Yy]ours"
    r"|[Ww]ishes|[Ww]armly)[,!.]?[ \t]*(?:\r?\n)?[ \t]*|(?:^|\n)[ \t]*(?:—|--|–)[ \t]?)$"
)
# Weak: a meeting with the person, or another meeting of people ("In my meeting with X Y",
# "Meeting 85512345678 with X Y (…)", "<topic> review (85512345678) with X Y", "Agreed with X
# Y:", "spoke with X Y"); companies are met as often.
_MEETING_WITH_BEFORE_RE = re.compile(
    r"\b(?:[Mm]eeting|[Cc]all|[Ii]nterview|[Ss]ync|[Rr]eview|[Ss]ession|[Cc]atch-up|1:1|[Dd]emo"
    r"|[Ss]tandup|[Kk]ickoff|[Kk]ick-off|[Ww]orkshop|[Bb]riefing|[Dd]ebrief|[Cc]heck-in"
    r"|[Cc]onsultation|[Aa]ppointment|[Ll]unch|[Dd]inner|[Cc]onversation|[Dd]iscussion"
    r"|[Mm]et|[Ss]poke|[Ss]peaking|[Tt]alked|[Tt]alking|[Cc]hatted|[Aa]greed|[Dd]iscussed)"
    r"(?: #?[0-9][0-9 ]{5,16}| \([^()\n]{1,80}\))? with $"
)
# Weak: an instruction to reach the person, as a task's title gives one ("Send X Y the revised
# quote", "Call X Y about …", "… records to X Y" after such a verb; issue 15be): a company is
# sent things and called too ("Send Acme Corp the invoice"), so it counts with a listed given
# name first or a second cue.
_INSTRUCTION_VERBS = (
    r"(?:[Ss]end|[Ee]-?mail|[Cc]all|[Rr]ing|[Pp]hone|[Mm]eet|[Ii]nvite|[Rr]emind|[Tt]hank|[Bb]rief"
    r"|[Pp]ing|[Tt]ext|[Mm]essage|[Ff]orward|[Ii]ntroduce|[Ww]rite|[Rr]eply|[Ff]ollow up)"
)
_INSTRUCTED_BEFORE_RE = re.compile(
    rf"(?:^|[.!?:;\n][ \t]*|\n[ \t]*[-*•][ \t]+){_INSTRUCTION_VERBS}(?: (?:with|to))? $"
)
_SENT_TO_BEFORE_RE = re.compile(
    rf"(?:^|[.!?:;\n][ \t]*){_INSTRUCTION_VERBS}\b[^.!?:;\n]{{1,80}} (?:to|with) $"
)
# What follows the person an instruction names: its object or what it is about, or the end.
_INSTRUCTED_AFTER_RE = re.compile(
    r"(?:$|[,.!?:;\n)]| (?:the|a|an|our|your|his|her|their|about|re|regarding|on|to|for|with)\b)"
)
# Strong: a possessive of what only a person has ("X Y's wife", "X Y's mobile").
_PERSON_POSSESSION_AFTER_RE = re.compile(
    r"['’]s (?:own )?(?:wife|husband|spouse|son|daughter|children|kids|baby|mother|father|mum"
    r"|mom|dad|parents|brother|sister|family|boss|manager|assistant|secretary|colleague"
    r"|colleagues|mobile|cell|cellphone|birthday|flight|inbox|voice|accent|microphone|mic"
    r"|headset|webcam|resignation|promotion|salary|vacation|leave|health)\b"
)
# Weak: what the person said or thinks ("X Y said", "did X Y say").
_SPEECH_AFTER_RE = re.compile(
    r" (?:said|says|asked|asks|told|tells|mentioned|mentions|replied|replies|wrote|writes"
    r"|explained|explains|suggested|suggests|promised|promises|thinks|thought|insisted"
    r"|complained|apologised|apologized)\b"
)
# (not what a company does as often: "confirmed", "agreed", "presented", "recommended")
_QUESTION_BEFORE_RE = re.compile(
    r"\b(?:[Dd]id|[Dd]oes|[Dd]o|[Ww]ill|[Ww]ould|[Cc]an|[Cc]ould|[Ss]hould) $"
)
_QUESTION_VERB_AFTER_RE = re.compile(
    r" (?:say|ask|tell|mention|think|want|need|mean|agree|confirm|suggest|prefer|present|send"
    r"|share|promise|explain)\b"
)
# Weak: a possessive of anything ("X Y's audio dropped").
_POSSESSIVE_AFTER_RE = re.compile(r"['’]s ")
# Weak: the person's organisation after the name ("X Y from Vava'u Inter-Island Shipping",
# "X Y (Acme Freight)").
_ORGANISATION_AFTER_RE = re.compile(
    f" (?:from|of|at) (?:the )?[{_NAME_UPPER}]| \\([{_NAME_UPPER}][^()\\n]{{1,60}}\\)"
)
# Weak: a personal pronoun after the name with no other capitalised pair between ("… X Y
# from … confirmed. He asked …", "X Y's audio dropped while she presented").
_PRONOUN_RE = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im|[Hh]ers|[Hh]imself|[Hh]erself)\b")


def _person_shaped_words(words: list[str]) -> bool:
    """Two or three words each shaped as a name's, none a word of a thing's name, a role, a
    heading or an instruction."""
    return 2 <= len(words) <= 3 and all(
        _PERSON_WORD_RE.fullmatch(word) is not None
        and word.casefold() not in _THING_NAME_WORDS
        and word.casefold() not in _NOT_CUED_NAME_WORDS
        for word in words
    )


def _cued_person(text: str, start: int, end: int, words: list[str], half_listed: bool) -> bool:
    """A capitalised pair or triple `words` (at `text[start:end]`) that no list knows as a
    name stands where the text's structure puts a person (issue 15ay)."""
    if not _person_shaped_words(words):
        return False
    if not half_listed and words[0].endswith(("ed", "ing")) and _starts_sentence(text, start):
        return False  # a sentence's verb before a first name ("Called Tevita (+676 …)")
    if " ".join(words) in _place_names():
        return False
    before = text[max(0, start - 80) : start]
    after = text[end : end + 80]
    contact = _CONTACT_AFTER_RE.match(after)
    if contact is not None:
        local = contact.group("local")
        if local is None or local.casefold() not in _ROLE_MAILBOXES:
            return True
    ends_clause = not after or after[0] in ",!:;.\n\r)—–-" or after.startswith(" (")
    if ends_clause and _GREETING_BEFORE_RE.search(before):
        return True
    if (not after.strip() or after.lstrip(" \t")[:1] in "\r\n") and _SIGN_OFF_BEFORE_RE.search(
        before
    ):
        return True
    if _PERSON_POSSESSION_AFTER_RE.match(after):
        return True
    # a meeting "with" a company reads the same ("Meeting with Deutsche Bahn"): a weak cue,
    # a name with the person's organisation after it ("with X Y (Vava'u Shipping)")
    met = _MEETING_WITH_BEFORE_RE.search(before) is not None
    # a question on what the person said ("did X Y say"); a company's statement ("Gobi Herders
    # said …") reads as a person's does, so speech alone is a weak cue
    asked = (
        _QUESTION_BEFORE_RE.search(before) is not None
        and _QUESTION_VERB_AFTER_RE.match(after) is not None
    )
    # an instruction to reach the person ("Send X Y the revised quote", "Send … to X Y")
    instructed = (
        _INSTRUCTED_BEFORE_RE.search(before) is not None
        and _INSTRUCTED_AFTER_RE.match(after) is not None
    ) or (ends_clause and _SENT_TO_BEFORE_RE.search(before) is not None)
    if half_listed and (asked or met or instructed):
        return True
    weak = int(asked or _SPEECH_AFTER_RE.match(after) is not None) + int(met or instructed)
    if _POSSESSIVE_AFTER_RE.match(after):
        weak += 1
    organisation = _ORGANISATION_AFTER_RE.match(after)
    if organisation is not None:
        # a place is no organisation ("Deutsche Bahn from Berlin", "… (Frankfurt am Main)")
        named_at = 2 if after.startswith(" (") else organisation.end() - 1
        place = _CAPITALISED_WORDS_RE.match(after, named_at)
        if place is None or not any(
            " ".join(place.group(0).split(" ")[:count]) in _place_names() for count in (1, 2, 3)
        ):
            weak += 1
    if weak == 1:
        pronoun = _PRONOUN_RE.search(text, end, end + 240)
        if pronoun is not None and not any(
            _person_shaped_words(run.group(0).split(" "))
            for run in _CAPITALISED_RUN_RE.finditer(text, end, pronoun.start())
        ):
            # (an organisation's name between, "from Vava'u Inter-Island Shipping", is no
            # other antecedent)
            weak += 1
    return weak >= 2


def _starts_sentence(text: str, start: int) -> bool:
    """`start` begins the text or a sentence (after `.`, `!`, `?`, `:`, `;` or a new line)."""
    before = text[:start].rstrip(" ")
    return not before or before[-1] in ".!?:;\n"


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
        # a number of a range kept for fiction only inside a sentence (not a bare value)
        in_prose = len(number) < len(text.strip())
        if number not in found and valid_international_number(number, fiction=in_prose):
            found.append(number)
    return found


# A meeting named by its number in a sentence ("meeting 85512345678", "Meeting ID: 855 1234
# 5678"), with its topic in parentheses after it when a log or ping line gives one ("meeting
# 85512345678 (Q3 freight capacity review): …"; issue 15m). Meeting numbers have 9 to 13
# digits; a count, a room, a date or a time is none.
_MEETING_IN_TEXT_RE = re.compile(
    # (the literal first: the regex engine skips to it, where a look-behind first is tried at
    # every character)
    r"eeting(?: (?:ID|[Ii]d|[Nn]umber|[Nn]o\.?))?:? #?"
    r"([0-9]{9,13}|[0-9]{3} [0-9]{3,4} [0-9]{3,4})(?![0-9-])(?: \(([^()\n]{2,120})\))?"
)


def meetings_in_text(text: str) -> list[tuple[str, str | None]]:
    """(meeting number, its topic or None) for each meeting `text` names by number, in order."""
    found: list[tuple[str, str | None]] = []
    for match in _MEETING_IN_TEXT_RE.finditer(text):
        start = match.start()
        # the word is "meeting" or "Meeting", standing apart ("premeeting 123…" is not it)
        if not start or text[start - 1] not in "Mm":
            continue
        if start >= 2 and (text[start - 2].isalnum() or text[start - 2] in "_-"):
            continue
        topic = match.group(2)
        # a topic is words, not another number or a count ("(2 participants)" is not one)
        if topic is not None and (not any(c.isalpha() for c in topic) or topic[:1].isdigit()):
            topic = None
        found.append((match.group(1), topic))
    return found


# A meeting notice that names its meeting before when it starts ("Your meeting Offshore wind
# grid connection review starts in 15 minutes", a reminder an SMS or a voice call reads out;
# issue 15p): the words between are the meeting's topic. The topic starts with a capital or a
# quote, so "your meeting with Bob starts …" or "the meeting today starts …" name none.
_MEETING_NOTICE_RE = re.compile(
    r"eeting [\"'“‘]?([A-Z0-9][^\n.!?\"'”’]{2,118}?)[\"'”’]? (?:starts|begins|is starting|will "
    r"start|will begin|is about to start) (?:in|at|on|now|soon|shortly)\b"
)


_TRAILING_PARENS_RE = re.compile(r"\s*\([^()]*\)$")


def meeting_notice_topics(text: str) -> list[str]:
    """The topics of the meetings a notice in `text` names before when they start."""
    found: list[str] = []
    for match in _MEETING_NOTICE_RE.finditer(text):
        start = match.start()
        # "Your meeting …"/"The meeting …": the word stands apart ("premeeting" is not it)
        if not start or text[start - 1] not in "Mm":
            continue
        if start >= 2 and (text[start - 2].isalnum() or text[start - 2] in "_-"):
            continue
        # the meeting's number in parentheses after its topic is no part of it
        topic = _TRAILING_PARENS_RE.sub("", match.group(1))
        # words, not a number with no letter (a meeting by number is `meetings_in_text`'s)
        if sum(c.isalpha() for c in topic) >= 3 and " " in topic:
            found.append(topic)
    return found


# Four dotted numbers of up to three ASCII digits (a digit class first: the regex engine skips
# to one, where `\d` tests each character's Unicode category);
# the octets and what stands around them are checked after (`ip_addresses_in_text`).
_DOTTED_QUAD_RE = re.compile(r"[0-9][0-9]{0,2}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}")
# A word that makes the dotted number after it a version or an object id ("version 1.2.3.4",
# "build 10.0.1.2", "OID 2.5.4.3", "upgraded to 4.1.2.7").
_VERSION_BEFORE_RE = re.compile(
    r"\b(?:v|ver|version|build|release|rev|revision|firmware|fw|driver|patch|update[ds]?|"
    r"upgraded?|oid|sdk)\b[\s:=#]*(?:to\s+|from\s+)?$",
    re.IGNORECASE,
)


def ip_addresses_in_text(text: str) -> list[str]:
    """The IPv4 addresses `text` names ("joined meeting … from 83.24.117.9"), in order, each
    once: any address but loopback, unspecified and broadcast ones (as a field's value, a
    private address names a machine too: docs/taxonomy.md), not a network's (`….0`) nor a
    dotted number a version word stands before. IPv6 in prose is not read: times, ids and
    hex words share its characters."""
    found: list[str] = []
    size = len(text)
    for match in _DOTTED_QUAD_RE.finditer(text):
        start, end = match.span()
        # standing apart from words, paths, versions and longer dotted numbers
        # (`Chrome/120.0.0.0`, an OID's `1.3.6.1.4.1`, `1.2.3.4-beta`)
        if start and (text[start - 1].isalnum() or text[start - 1] in "_./\\-"):
            continue
        if end < size and (
            text[end].isalnum()
            or text[end] in "_\\-"
            or (text[end] == "." and end + 1 < size and text[end + 1].isdigit())
        ):
            continue
        address = match.group(0)
        octets = address.split(".")
        if any((len(octet) > 1 and octet[0] == "0") or int(octet) > 255 for octet in octets):
            continue
        if octets[0] in ("0", "127") or octets[3] == "0" or address == "255.255.255.255":
            continue
        if _VERSION_BEFORE_RE.search(text, max(0, start - 30), start):
            continue
        if address not in found:
            found.append(address)
    return found


# A capitalised name of one to three words right after a locative preposition: the cheap test
# before the list is read ("from Berlin", "in São Paulo", "near Frankfurt am Main").
_LOCATIVE_RE = re.compile(
    f"(?<![\\w@./-])([Ff]rom|[Ii]n|[Aa]t|[Nn]ear|[Aa]round|[Oo]utside) "
    f"([{_UPPER}][{_LOWER}]+(?:[- ](?:[{_UPPER}][{_LOWER}]+|am|an|de|del|do|da|es|la|le)){{0,3}})"
)
# Names in the lists that are more often software or a word in what people write to a service.
_NOT_PLACES = frozenset(["Ajax", "Brits", "Bush", "Hue", "Mage", "Pest", "Phoenix", "Sale"])


@cache
def _place_names() -> frozenset[str]:
    """City and country names as written ("Berlin", "Zürich", "Zurich") longer than three
    letters, from the same lists as `_cities_and_countries`."""
    cities, countries = _cities_and_countries()
    return frozenset(name for name in cities | countries if len(name) > 3)


@cache
def _cities_and_countries() -> tuple[frozenset[str], frozenset[str]]:
    """(city names, country names) as written, each list on its own; read once."""

    def read(list_name: str) -> frozenset[str]:
        text = (_PLACES_DIR / list_name).read_text(encoding="utf-8")
        return (
            frozenset(line for line in text.splitlines() if line and not line.startswith("#"))
            - _NOT_PLACES
        )

    return read("cities.txt"), read("countries.txt")


# A short value that is a place written the way forms and sheets write one: "City, Country" or
# "City, Region, Country" (issue 15i).
_PLACE_VALUE_RE = re.compile(
    f"^([{_UPPER}][\\w'. -]{{0,40}}), (?:[{_UPPER}][\\w'. -]{{0,40}}, )?([{_UPPER}][\\w'. -]{{0,40}})$"
)
PLACE_VALUE_MAX = 80


def is_place_name(word: str) -> bool:
    """`word` is a city or a country from the lists in `places/` ("Munich", "Berlin")."""
    return word in _place_names()


def place_value(value: str) -> str | None:
    """`value` itself when it is exactly "City, Country" or "City, Region, Country" with the
    city and the country from the lists in `places/` ("Berlin, Germany", "Lyon, Auvergne-Rhône-
    Alpes, France"), else None. A city alone is not read here (a key must say it is a place),
    nor a list of names ("Priya Raman, Alice Example")."""
    if len(value) > PLACE_VALUE_MAX or ", " not in value:
        return None
    match = _PLACE_VALUE_RE.match(value)
    if match is None:
        return None
    cities, countries = _cities_and_countries()
    if match.group(1) in cities and match.group(2) in countries:
        return value
    return None


# A run of capitalised words (`Meetcorp Berlin`, `São Paulo`, `Frankfurt am Main`).
_CAPITALISED_WORDS_RE = re.compile(
    f"[{_UPPER}][{_LOWER}]+(?:[- ](?:[{_UPPER}][{_LOWER}]+|am|an|de|del|do|da|es|la|le))*"
)


def places_named(value: str) -> list[str]:
    """The cities and countries from the lists in `places/` that a short place value names as
    its own words ("Meetcorp Berlin, Room Spree" names Berlin; issue 15m), in order, each once;
    for a value a key already says is a place (an event's location), so no preposition is
    needed. A link, a room alone ("Room 4") or an online stand-in names none."""
    found: list[str] = []
    if len(value) > PLACE_VALUE_MAX * 2 or "://" in value:
        return found
    places = _place_names()
    for match in _CAPITALISED_WORDS_RE.finditer(value):
        start, end = match.span()
        if (start and (value[start - 1].isalnum() or value[start - 1] in "@./\\_")) or (
            end < len(value) and (value[end].isalnum() or value[end] in "@/\\_")
        ):
            continue  # part of an address, a domain, a path or an id
        words = match.group(0).replace("-", " - ").split(" ")
        index = 0
        while index < len(words):
            # the longest run of words from here that is a place ("Frankfurt am Main")
            for count in range(min(len(words) - index, 4), 0, -1):
                name = " ".join(words[index : index + count]).replace(" - ", "-")
                if name in places:
                    if name not in found:
                        found.append(name)
                    index += count
                    break
            else:
                index += 1
    return found


def places_in_text(text: str) -> list[str]:
    """The cities and countries `text` names after a locative preposition, in order, each once."""
    found: list[str] = []
    places: frozenset[str] | None = None
    size = len(text)
    for match in _LOCATIVE_RE.finditer(text):
        if places is None:
            places = _place_names()
        words = match.group(2).split(" ")
        # the longest run of words that is a place ("Frankfurt am Main" before "Frankfurt")
        for count in range(len(words), 0, -1):
            name = " ".join(words[:count])
            if name in places:
                break
        else:
            continue
        if match.group(1).casefold() == "from" and name.casefold() in _name_lists()[0]:
            continue  # "a note from Sydney": a person as often as a place
        end = match.start(2) + len(name)
        rest = text[end : end + 2]
        after = text[end + 1 : end + 3] if text[end : end + 1] == " " else ""
        if (after[:1].isupper() and after != "I ") or (
            end < size
            and (
                rest[0].isalnum() or rest[0] in "@/\\-_" or (rest[:1] == "." and rest[1:].isalnum())
            )
        ):
            # part of a longer capitalised name, a domain, a path or an id
            continue
        if name not in found:
            found.append(name)
    return found


# Words that make a capitalised run a thing's name, not a person's ("Design Review", "Acme
# Cloud", "The Team"): the function words of `_WORD_GIVEN_NAMES`' tail and every word of
# places, organisations, products and time (issue 15an).
# (a bot's words too: a meeting bot joins as "Acme Notetaker", no person; issue 15aw)
_THING_NAME_WORDS = _NOT_FAMILY_NAMES | frozenset(
    """
    the and for from with into over under about after before when where what which who why how
    this that these those then than there here some any all each every other another such only
    also just even still yet new old first last next open close save send set get put add edit
    view show hide join leave start stop play pause user admin guest host team group owner
    room board project product service support sales info hello contact account accounts
    billing help desk noreply reply no not default test demo sample example unknown anonymous
    customer customers member members client device phone laptop camera speaker speakers
    notetaker bot assistant recorder transcriber copilot
    """.split()  # noqa: SIM905
)
_PERSON_WORD_RE = re.compile(
    f"[{_NAME_UPPER}][{_NAME_LOWER}]+(?:['-][{_NAME_UPPER}]?[{_NAME_LOWER}]+)*"
)


# A sentence opening by addressing someone by first name ("Alice, o marégrafo …", "Ilse, could
# you …"): a capitalised word, a comma, more words.
_VOCATIVE_RE = re.compile(r"\s*([A-Z][a-z\u00e0-\u00ff]{2,20}), \S")
# Given names in the lists that open sentences as words ("Ok, …", "Will, …" aside: a verb).
_VOCATIVE_WORDS = frozenset({"ok", "okay", "so", "yes", "no", "well", "will", "may", "june"})


def addresses_by_first_name(text: str) -> bool:
    """`text` opens by addressing a person by a given name the name lists know ("Alice, can
    you …"): what a message to someone does, not product copy (which names nobody) nor a
    template (which names them by a placeholder)."""
    match = _VOCATIVE_RE.match(text)
    if match is None:
        return False
    word = match.group(1).casefold()
    return word not in _VOCATIVE_WORDS and word in _name_lists()[0]


# A mention of an account in a message: `@handle` (`@thiago.moura`, `@dev_ops`), not an
# address's domain (`a@b.org`), a package scope (`@types/node`), nor a CSS or doc-comment
# at-rule; or `@<Full Name>`, a display name a chat tool's mention picker inserts.
_HANDLE_MENTION_RE = re.compile(r"(?<![\w@.])@([a-z][a-z0-9_.-]{0,38}[a-z0-9])(?![\w@/-]|\.\w)")
_NAME_MENTION_RE = re.compile(r"(?<![\w@.])@((?:[A-Z][\w'\u2019-]+)(?: [A-Z][\w'\u2019-]+){1,3})")
_NOT_HANDLES = frozenset(
    {
        *("here", "channel", "everyone", "everybody", "all", "team", "room", "group"),
        *("media", "import", "charset", "keyframes", "supports", "page", "namespace", "layer"),
        *("container", "param", "return", "returns", "throws", "type", "see", "link", "since"),
        *("deprecated", "example", "todo", "latest", "next", "beta", "override", "property"),
    }
)
_DOMAIN_ENDS = frozenset({"com", "org", "net", "io", "co", "dev", "app", "edu", "gov", "me", "ai"})


def mentions_in_text(text: str) -> list[tuple[str, bool]]:
    """The accounts `text` mentions, in order: (`handle`, False) for `@handle`, (full name,
    True) for `@<Full Name>` (a display name, a person's name the name lists know)."""
    found: list[tuple[str, bool]] = []
    if "@" not in text:
        return found
    for match in _HANDLE_MENTION_RE.finditer(text):
        handle = match.group(1)
        if handle in _NOT_HANDLES or handle.rsplit(".", 1)[-1] in _DOMAIN_ENDS:
            continue
        found.append((handle, False))
    for match in _NAME_MENTION_RE.finditer(text):
        names = names_in_text(match.group(1))
        if names and match.group(1).startswith(names[0]):
            found.append((names[0], True))
    return found


def person_name_shaped(text: str) -> bool:
    """Two to four capitalised words of letters, none a word of a thing's name ("Mahlet
    Gebremedhin", "Tevita Fifita"): how a person's full name looks when no list knows its
    words. Not "Design Review", "Acme Cloud", "ROOM 4", "Pixel 8" nor "Jabra Evolve2 65"."""
    words = text.split()
    return 2 <= len(words) <= 4 and all(
        _PERSON_WORD_RE.fullmatch(word) is not None and word.casefold() not in _THING_NAME_WORDS
        for word in words
    )


# An e-mail address whose local part is a first and a last name joined by a dot, an
# underscore or a hyphen (`mahlet.gebremedhin@…`).
_NAMED_ADDRESS_RE = re.compile(
    r"(?<![\w.+-])([a-z]{2,24})[._-]([a-z]{2,24})@[a-z0-9-]+(?:\.[a-z0-9-]+)+", re.IGNORECASE
)


def address_names(text: str) -> list[str]:
    """The full names the addresses in `text` spell in their local parts ("mahlet
    gebremedhin" of `mahlet.gebremedhin@…`), case-folded; none of a mailbox's role words
    (`no.reply@`, `support.team@`)."""
    found: list[str] = []
    if "@" not in text:
        return found
    for match in _NAMED_ADDRESS_RE.finditer(text):
        first, last = match.group(1).casefold(), match.group(2).casefold()
        if first in _THING_NAME_WORDS or last in _THING_NAME_WORDS or first == last:
            continue
        name = f"{first} {last}"
        if name not in found:
            found.append(name)
    return found


def named_addresses_in_text(text: str, names: frozenset[str]) -> list[str]:
    """The full names in `text` that an address of the same flow spells in its local part
    ("Mahlet Gebremedhin" beside `mahlet.gebremedhin@…`), as written: each word capitalised,
    standing apart from other words, in order, each once (issue 15an)."""
    found: list[str] = []
    folded = text.casefold()
    if len(folded) != len(text):
        return found
    for name in names:
        start = folded.find(name)
        while start != -1:
            end = start + len(name)
            written = text[start:end]
            apart = (
                start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "._@-")
            ) and (end == len(text) or not (text[end].isalnum() or text[end] in "_@-"))
            if apart and person_name_shaped(written) and written not in found:
                found.append(written)
            start = folded.find(name, end)
    return found
