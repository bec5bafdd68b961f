"""A meeting's topic inside the title, status or text of another record (issue 15az).

The topics of a fresh capture are not known values, so what names a meeting here is the
phrase that frames a title, never the title's words alone:

- a title or status a meeting cue opens ("In a meeting: <topic>", "Agenda: <topic>",
  "Agenda for <topic>"): the title is the meeting's topic;
- a title a follow-up cue frames ("Follow-up: <topic>", "Action items: <topic>", "Starting in
  10 min: <topic>", "<topic> follow-ups"): orders, invoices and tickets are followed up too, so
  the topic counts only when its last word names a kind of meeting ("… review", "… sync",
  "… standup") or when the same record says "meeting" or carries a join link beside it;
- a sentence that names the meeting by its topic ("… waiting for you in the meeting <Topic>.",
  "… thank you for joining <person> on <Topic> review.").

A page title without a cue ("MeetCorp – <topic>"), a bare "Notes:" title (the dated-notes rule
of issue 15at decides those) and a topic in lower case inside a sentence are not read.
"""

from __future__ import annotations

import re

from auditor.label.prose import is_place_name

# The last word of a topic that names a kind of meeting ("Q3 freight capacity review",
# "Hiring committee sync"); not a rollout, an audit, an order or an invoice.
MEETING_KIND_NOUNS = frozenset(
    {
        *("meeting", "meetings", "sync", "syncup", "sync-up", "standup", "stand-up", "retro"),
        *("retrospective", "review", "kickoff", "kick-off", "debrief", "workshop", "interview"),
        *("call", "briefing", "huddle", "catch-up", "catchup", "1:1", "one-on-one", "1-on-1"),
        *("all-hands", "check-in", "webinar", "demo", "conference", "townhall", "offsite"),
    }
)

# Separators after a cue: a colon; a dash with spaces around it after "In a meeting" only
# ("In a meeting – <topic>"), since "Meeting – <site>" is how a page of a site is titled.
_SEP = r"\s*:\s*"
_DASH_SEP = r"\s*(?::|\s[-\u2013\u2014|]\s)\s*"
# Cues that say the title is a meeting's by themselves. Not a bare "Meeting:": a meeting app's
# tracked event is named so ("Meeting: Screen share started").
_MEETING_CUE_RE = re.compile(
    r"^\s*(?:(?:in|at)\s+(?:a\s+)?meeting"
    + _DASH_SEP
    + r"|agenda"
    + _SEP
    + r"|agenda\s+for\s+(?:the\s+)?)(?P<topic>\S.*?)\s*$",
    re.I | re.S,
)
# Cues that frame a title as something done about a meeting, or about anything else.
_FOLLOW_UP_CUE_RE = re.compile(
    r"^\s*(?:follow[-\s]?ups?|action\s+items|next\s+steps|reminder|upcoming|"
    r"start(?:ing|s)\s+(?:in\s+\d{1,3}\s*(?:min(?:ute)?s?|m)\b|now|soon))"
    + _SEP
    + r"(?P<topic>\S.*?)\s*$",
    re.I | re.S,
)
_FOLLOW_UP_SUFFIX_RE = re.compile(
    r"^\s*(?P<topic>\S.*?)(?:\s*[:\u2013\u2014-])?\s+(?:follow[-\s]?ups?|action\s+items|next\s+steps)"
    r"\s*$",
    re.I | re.S,
)
# What may follow a topic in a title and is no part of it: a date, a time, a number in
# parentheses or after a dash ("Vendor sync (2026-12-10)", "Weekly review – 10 Dec").
_TRAILING_DETAIL_RE = re.compile(
    r"(?:\s*\([^()]*\)|\s*[\u2013\u2014-]\s*[\d.:/ ]+[A-Za-z]{0,9}\.?)+$"
)
# The word a record uses when it speaks of a meeting ("your meeting with …", "Join meeting").
_MEETING_WORD_RE = re.compile(r"\b(?:meetings?|webinars?)\b", re.I)


def _clean_topic(topic: str) -> str | None:
    """The topic without trailing quotes, dots and details; None when it is no title of two
    to twelve words with letters (a number, an address, a link or a single word is not)."""
    topic = topic.strip().strip("\"'\u201c\u201d\u2018\u2019").rstrip(".!?,;: ").strip()
    words = topic.split()
    if not 2 <= len(words) <= 12 or sum(c.isalpha() for c in topic) < 5:
        return None
    if "://" in topic or "@" in topic or "\n" in topic:
        return None
    return topic


def names_meeting_kind(topic: str) -> bool:
    """The topic's last word names a kind of meeting ("Q3 freight capacity review")."""
    core = _TRAILING_DETAIL_RE.sub("", topic).strip()
    words = core.split()
    if not words:
        return False
    last = words[-1].strip("\"'\u201c\u201d\u2018\u2019.,;:!?()").lower()
    return last in MEETING_KIND_NOUNS


def cue_title_topic(value: str) -> tuple[str, bool] | None:
    """(the topic, whether the cue alone names a meeting) when a meeting or follow-up cue
    frames the title or status `value`; None otherwise. A follow-up cue's topic that names a
    kind of meeting counts as named by the cue alone."""
    if not 8 <= len(value) <= 200:
        return None
    if (
        ":" not in value
        and "\u2013" not in value
        and "\u2014" not in value
        and " - " not in value
        and " | " not in value
        and not value[-5:].lower().endswith(("ups", "items", "steps"))
        and value[:6].lower() != "agenda"
    ):
        # (most titles and names: none of the cues' separators or words, no regex run)
        return None
    match = _MEETING_CUE_RE.match(value)
    if match is not None:
        topic = _clean_topic(match.group("topic"))
        return (topic, True) if topic is not None else None
    match = _FOLLOW_UP_CUE_RE.match(value) or _FOLLOW_UP_SUFFIX_RE.match(value)
    if match is not None:
        topic = _clean_topic(match.group("topic"))
        if topic is not None:
            return topic, names_meeting_kind(topic)
    return None


def mentions_meeting(value: str) -> bool:
    """`value` speaks of a meeting by the word ("your meeting with …", "Join meeting")."""
    return ("eeting" in value or "ebinar" in value) and _MEETING_WORD_RE.search(value) is not None


# "… in the meeting <Topic>." (a voice message or notification naming the meeting the listener
# is awaited in): a title-cased phrase that ends the sentence. "the meeting Alice organised"
# (a clause: a past-tense verb after a first word) and a word alone name none. (Found by
# `str.find` of the literal, the words around it tested after: a regex search scanning a text
# for them cost ten times more.)
_TOPIC_AFTER_RE = re.compile(
    r"\s*[\"\u201c']?(?P<topic>[A-Z0-9][^\n.!?\"\u201d]{2,118}?)[\"\u201d']?(?=[.!?](?:\s|$)|$)"
)
_BEFORE_THE_MEETING_RE = re.compile(
    r"\b(?:in|into|join|joined|joining|to)\s+(?:the|your|our|this)\s+$", re.I
)
# "… thank you for joining <person> on <Topic review>." (a feedback form's welcome, a thank-you
# note): the topic counts when it names a kind of meeting ("on Acme Premium" does not).
_JOINED_ON_RE = re.compile(
    r"(?:us|[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})\s+(?:on|in|at|for)\s+"
    r"(?:the\s+)?[\"\u201c']?(?P<topic>[A-Z0-9][^\n.!?\"\u201d]{2,118}?)[\"\u201d']?"
    r"(?=[.!?](?:\s|$)|$)"
)
_CLAUSE_VERB_RE = re.compile(r"^\S+\s+[a-z]+ed\b")


def meeting_topics_in_text(text: str) -> list[str]:
    """The meetings' topics a sentence in `text` names ("… in the meeting <Topic>.", "… for
    joining <person> on <Topic review>.")."""
    found: list[str] = []
    at = text.find("meeting ")
    while at != -1:
        after = at + 8
        if at >= 6 and _BEFORE_THE_MEETING_RE.search(text, max(0, at - 20), at):
            match = _TOPIC_AFTER_RE.match(text, after)
            if match is not None:
                topic = _clean_topic(match.group("topic"))
                if topic is not None and not _CLAUSE_VERB_RE.match(topic) and topic not in found:
                    found.append(topic)
        at = text.find("meeting ", after)
    at = text.find("for joining ")
    while at != -1:
        after = at + 12
        match = _JOINED_ON_RE.match(text, after)
        if match is not None:
            topic = _clean_topic(match.group("topic"))
            if topic is not None and names_meeting_kind(topic) and topic not in found:
                found.append(topic)
        at = text.find("for joining ", after)
    return found


# "Met in <topic>" in a contact's description, remarks or notes, and "… today's call on
# <topic>." in a message to the person met (issue 15be, heldout28; h15-015). "Met in" precedes a
# city or a trade fair as often ("Met in Berlin", "Met in Munich head office", "Met in Hannover
# at the fair", "Met in Web Summit"), so the topic counts only when the meeting's number follows
# it ("Met in <topic> (85512345678)"), when its last word names a kind of meeting, or when it is
# a sentence-case phrase of three or more content words ("Milk-tank sensor pilot pricing") whose
# first word is no city or country: a place or a fair is a capitalised name or takes a
# preposition. Found by `str.find` of the literal; the words around it are tested after.
_MET_IN_TOPIC_RE = re.compile(
    r"\s+(?P<topic>[A-Z0-9][^\n.;,()!?]{2,118}?)\s*(?:\((?P<number>\d{9,11})\)\s*)?(?=[.;!?]|$)"
)
_BEFORE_MET_IN_RE = re.compile(r"(?:^|[;.,:]\s*|\n)\s*$")
_CALL_ON_TOPIC_RE = re.compile(
    r"\s+(?:the\s+)?[\"\u201c']?(?P<topic>[A-Z0-9][^\n.!?\"\u201d]{2,118}?)[\"\u201d']?"
    r"\s*(?:\((?P<number>\d{9,11})\)\s*)?(?=[.!?](?:\s|$)|$)"
)
_BEFORE_CALL_RE = re.compile(
    r"\b(?:today's|today\u2019s|yesterday's|yesterday\u2019s|our|the|your|this\s+morning's|"
    r"this\s+afternoon's)\s+$",
    re.I,
)
# Words a place, a time or a way of meeting takes after "met in" / "call on" ("Berlin last
# year", "person at the fair"); a topic of content words has none of them.
_NOT_TOPIC_WORDS = frozenset(
    {
        *("a", "an", "the", "at", "on", "in", "during", "through", "via", "with", "by", "for"),
        *("from", "of", "to", "and", "or", "while", "when", "before", "after", "over", "since"),
        *("last", "this", "next", "year", "week", "month", "ago", "earlier", "today", "person"),
        *("yesterday", "morning", "afternoon", "evening", "monday", "tuesday", "wednesday"),
        *("thursday", "friday", "saturday", "sunday", "passing", "our", "their", "his", "her"),
    }
)
_TOPIC_WORD_RE = re.compile(r"[a-z0-9][a-z0-9'-]*")


def _sentence_case_topic(topic: str) -> bool:
    """Three or more words, the first capitalised and no city or country, every other in lower
    case and none a word of a place, a time or a way of meeting ("Milk-tank sensor pilot
    pricing"; not "Berlin last year", "Munich head office", "Web Summit")."""
    words = topic.split()
    if len(words) < 3 or words[0].lower() in _NOT_TOPIC_WORDS:
        return False
    if not all(
        _TOPIC_WORD_RE.fullmatch(word) and word not in _NOT_TOPIC_WORDS for word in words[1:]
    ):
        return False
    return not is_place_name(words[0].split("-")[0])


def _framed_topic(match: re.Match[str] | None) -> str | None:
    """The topic a "met in" / "call on" match names, or None (see `_MET_IN_TOPIC_RE`)."""
    if match is None:
        return None
    topic = _clean_topic(match.group("topic"))
    if topic is None:
        return None
    if match.group("number") or names_meeting_kind(topic) or _sentence_case_topic(topic):
        return topic
    return None


def met_topics_in_text(text: str) -> list[str]:
    """The meetings' topics `text` names as where a person was met ("Met in <topic>",
    "<company>; met in <topic> (<number>)") or as a call's ("thanks for today's call on
    <topic>.")."""
    found: list[str] = []
    for literal, after_re, before_re in (
        ("et in ", _MET_IN_TOPIC_RE, _BEFORE_MET_IN_RE),
        ("call on ", _CALL_ON_TOPIC_RE, _BEFORE_CALL_RE),
    ):
        at = text.find(literal)
        while at != -1:
            after = at + len(literal) - 1
            start = at - 1 if literal == "et in " else at
            if literal == "et in " and (at < 1 or text[at - 1] not in "Mm"):
                at = text.find(literal, after)
                continue
            if before_re.search(text, max(0, start - 24), start):
                topic = _framed_topic(after_re.match(text, after))
                if topic is not None and topic not in found:
                    found.append(topic)
            at = text.find(literal, after)
    return found


# An assessment written after a meeting and headed by it ("Feedback: <topic>", "Scorecard,
# <topic>: <text>", "Interview feedback on <topic>:"): an interviewer's scorecard logged on a
# candidate, a debrief on a record (issue 15bg, heldout30). Feedback is given on pages, orders
# and features too, so the heading counts only as a title of three or more words, capitalised,
# whose last word names a kind of meeting; not "Feedback: the pricing page is confusing",
# "Feedback: Great call, thanks".
_FEEDBACK_HEADING_RE = re.compile(
    r"\s*(?:interview\s+|meeting\s+)?(?:feedback|scorecard|debrief(?:\s+notes)?)"
    r"(?:\s+(?:on|for|from)\s+(?:the\s+)?|\s*[:,\u2013\u2014]\s*|\s+-\s+)"
    r"[\"\u201c']?(?P<topic>[A-Z0-9][^\n:,;.!?\"\u201d]{2,118}?)[\"\u201d']?\s*(?=[:\n.]|$)",
    re.I,
)


def feedback_topics_in_text(text: str) -> list[str]:
    """The meeting's topic that heads an assessment of it (`text` opens with "Feedback:
    <topic>" or "Scorecard, <topic>: …", the topic's last word a kind of meeting)."""
    match = _FEEDBACK_HEADING_RE.match(text)
    if match is None:
        return []
    topic = _clean_topic(match.group("topic"))
    if topic is None or len(topic.split()) < 3 or not (topic[0].isupper() or topic[0].isdigit()):
        return []
    return [topic] if names_meeting_kind(topic) else []
