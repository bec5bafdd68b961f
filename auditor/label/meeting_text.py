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
        # a class's session (issue 15bi, heldout31's live class; h29's consultation)
        *("class", "lecture", "seminar", "tutorial", "lesson", "consultation", "masterclass"),
    }
)
# A session held live ("… live lab", "… live session"): a meeting whatever its noun.
_LIVE_SESSION_NOUNS = frozenset({"lab", "session", "class", "stream", "q&a", "event", "workshop"})

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
# A booking's or an invitation's title ("Consultation request: <topic>", "Booking confirmed:
# <topic>", "Invitation: <topic>"; issue 15bi, heldout29's contact form): counts as a follow-up
# cue's, its topic a title naming a kind of meeting (`_written_title`: "Feature request: Dark
# mode for the review" names none).
_REQUEST_CUE_RE = re.compile(
    r"^\s*(?:[A-Za-z]+\s+)?(?:requests?|booking|booked|invitation|invite|confirmed|"
    r"confirmation|rescheduled)" + _SEP + r"(?P<topic>\S.*?)\s*$",
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
    if last in MEETING_KIND_NOUNS:
        return True
    return len(words) >= 2 and words[-2].lower() == "live" and last in _LIVE_SESSION_NOUNS


# A title whose parenthesised suffix says the event is a live online session (not a bare
# "(online)": a payment method, a store, a form may be that).
_LIVE_SESSION_SUFFIX_RE = re.compile(
    r"(?P<topic>[^()]{8,160}?)\s*\((?:live[ -]?online|online[ -]?live|livestream(?:ed)?|"
    r"webinar|virtual(?: session| event)?|online (?:session|event|workshop|class))\)$",
    re.I,
)


def cue_title_topic(value: str) -> tuple[str, bool] | None:
    """(the topic, whether the cue alone names a meeting) when a meeting or follow-up cue
    frames the title or status `value`; None otherwise. A follow-up cue's topic that names a
    kind of meeting counts as named by the cue alone."""
    if not 8 <= len(value) <= 200:
        return None
    if value[-1] == ")":
        # an event's title marked as a live online session ("<topic> (live online)",
        # "<topic> (webinar)"; issue 15bl, a ticketed event renamed)
        match = _LIVE_SESSION_SUFFIX_RE.match(value)
        if match is not None:
            topic = _clean_topic(match.group("topic"))
            if (
                topic is not None
                and _written_title(topic)
                and (_sentence_case_topic(topic) or names_meeting_kind(topic))
            ):
                return topic, True
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
    match = _REQUEST_CUE_RE.match(value)
    if match is not None:
        topic = _clean_topic(match.group("topic"))
        if topic is not None and names_meeting_kind(topic) and _written_title(topic):
            return topic, True
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


# A meeting's topic inside text a person wrote to others: a teacher's comment or feedback, a
# message, a post, a note logged on a record (issue 15bi, heldout31, heldout28). Such text names
# its meeting after a preposition ("Graded after <topic>: …", "the recording of <topic> is
# now …", "Lab report for <topic>: …") or as the heading the note opens with ("<topic>: <the
# notes>"). A phrase after a preposition counts only as a title of three or more words,
# capitalised, whose last word names a kind of meeting (a class session too: "… live lab",
# "… seminar"); a heading only as a sentence-case phrase of three or more content words, as
# "met in <topic>" (`_sentence_case_topic`), or one naming a kind of meeting. Not "after the
# call", "on Google Meet", "Pricing:", "Acme Corp:", "Next steps for the rollout:".
_WRITTEN_CUE_RE = re.compile(
    r"\b(?:after|before|during|from|of|for|about|in|at|on|into)\s+"
    r"(?:(?:the|our|your|this|today's|today\u2019s|yesterday's|yesterday\u2019s)\s+)?(?=[A-Z0-9])"
)
# Where a topic may end: a clause's punctuation, the text's end, or a verb after it.
_WRITTEN_TOPIC_END_RE = re.compile(
    r"\s*(?:[:;,.!?()\n]|$)|\s+(?:is|was|are|were|has|had|will|went|starts?|started|ends?|ended|"
    r"today|tomorrow|yesterday|on|at|with)\b"
)
_NOT_IN_A_TITLE = frozenset(
    {
        *("i", "we", "you", "he", "she", "they", "it", "is", "was", "are", "were", "be", "been"),
        *("has", "have", "had", "will", "would", "can", "could", "not", "and", "or", "but", "the"),
        *("a", "an", "to", "my", "our", "your", "his", "her", "their", "this", "that"),
        # what a person does in a note's first line ("Customer wants discount:")
        *("wants", "needs", "asks", "asked", "says", "said", "agrees", "agreed", "prefers"),
        # the medium, not the topic ("on the Google Meet call", "Zoom webinar")
        *("zoom", "meet", "teams", "webex", "skype", "hangouts", "jitsi", "facetime", "phone"),
        *("video", "slack", "discord", "whatsapp"),
        # an error's or a status's line, no title ("Screen share failed: …")
        *("failed", "failure", "error", "errors", "crashed", "timeout"),
    }
)
_HEADING_RE = re.compile(r"\s*(?P<topic>[A-Z0-9][^\n:;.!?()]{4,118}?)\s*:\s+\S")


def _written_title(topic: str) -> bool:
    """Three or more words, the first capitalised or a number, no pronoun, verb or article
    among them, and any colon inside followed by a capitalised word ("Organic Chemistry 201:
    Reaction Mechanisms live lab")."""
    words = topic.split()
    if len(words) < 3 or any(word.lower().strip(":,") in _NOT_IN_A_TITLE for word in words):
        return False
    return all(
        after[:1].isupper() or after[:1].isdigit() for after in topic.split(": ")[1:]
    ) and not any(is_place_name(word.strip(":,").split("-")[0]) for word in words)


# The session an invitee is registered for or invited to, named in the inviter's note to her
# ("you are registered for <Topic>:", "invited to the live session \"<Topic>\""; issue 15bl,
# heldout32's invitation notes): the event's title, as a sentence-case phrase of three or more
# words or one naming a kind of meeting. Not "registered for the newsletter", "invited to
# Acme Corp", "registered for Berlin".
_REGISTERED_CUE_RE = re.compile(
    r"\b(?:registered|signed up|enrolled|invited|booked|a (?:seat|place|spot))\s+(?:for|to|in|on)\s+"
    r"(?:the\s+)?(?:(?:live|online|virtual)\s+)?"
    r"(?:(?:session|webinar|workshop|event|class|meeting|call|course)\s+)?"
    r"(?P<quote>[\"\u201c])?(?=[A-Z0-9])"
)
_QUOTED_TOPIC_END_RE = re.compile(r"[\"\u201d]")


# A live session the note speaks of (the title alone may name a product or a plan: "registered
# for Pro plan billing updates" names no session).
_SESSION_WORD_RE = re.compile(r"\b(?:session|webinar|workshop|meeting|class|live|call)\b", re.I)


def _registered_topics(text: str) -> list[str]:
    """The titles `_REGISTERED_CUE_RE` introduces in `text`, when the text speaks of a session
    (asked only when a cue word is in it)."""
    if _SESSION_WORD_RE.search(text) is None:
        return []
    return _titles_after_cues(text, _REGISTERED_CUE_RE)


def _titles_after_cues(text: str, cue_re: re.Pattern[str]) -> list[str]:
    """The phrases right after each match of `cue_re` in `text` that read as a meeting's title:
    a sentence-case phrase or one naming a kind of meeting, up to a quote that closes one the
    cue opened (its `quote` group) or to where a written title ends."""
    found: list[str] = []
    for cue in cue_re.finditer(text):
        start = cue.end()
        ends = _QUOTED_TOPIC_END_RE if cue.groupdict().get("quote") else _WRITTEN_TOPIC_END_RE
        end = ends.search(text, start + 4, start + 120)
        if end is None:
            continue
        topic = _clean_topic(text[start : end.start()])
        if (
            topic is not None
            and _written_title(topic)
            and (_sentence_case_topic(topic) or names_meeting_kind(topic))
            and topic not in found
        ):
            found.append(topic)
    return found


# A meeting's captured words named by what they were captured from ("reviewed the pt-BR
# captions of <topic>", "the transcript of <topic>"; issue 15bp; "captions from Settings"
# is an instruction, no meeting):
# the phrase after the preposition is the meeting's title when it reads as one.
_ARTEFACT_CUE_RE = re.compile(
    r"\b(?:captions|subtitles|transcripts?|transcription|recording|minutes)\s+of\s+"
    r"(?:the\s+)?(?=[A-Z0-9])"
)


def _artefact_topics(text: str) -> list[str]:
    """The titles `_ARTEFACT_CUE_RE` introduces in `text`: a sentence-case phrase of three or
    more words or one naming a kind of meeting ("the transcript of Q3 planning" names none:
    two words; "captions of Spanish" none: one)."""
    return _titles_after_cues(text, _ARTEFACT_CUE_RE)


def topics_in_written_text(text: str) -> list[str]:
    """The meetings' topics a person's comment, feedback, message, post or note names (see
    above): after a preposition, naming a kind of meeting; or as the heading it opens with."""
    found: list[str] = []
    if len(text) > 4000:
        return found
    heading = _HEADING_RE.match(text)
    if heading is not None:
        topic = _clean_topic(heading.group("topic"))
        if (
            topic is not None
            and _written_title(topic)
            and (_sentence_case_topic(topic) or names_meeting_kind(topic))
            # ("Notes for <topic> review:": the phrase after the preposition is the topic)
            and _WRITTEN_CUE_RE.search(topic) is None
        ):
            found.append(topic)
    for cue in _WRITTEN_CUE_RE.finditer(text):
        start = cue.end()
        for end in _WRITTEN_TOPIC_END_RE.finditer(text, start + 4, start + 120):
            candidate = text[start : end.start()]
            if any(mark in candidate for mark in ".;!?\n"):
                break
            if names_meeting_kind(candidate):
                topic = _clean_topic(candidate)
                if topic is not None and _written_title(topic) and topic not in found:
                    found.append(topic)
                break
    if "register" in text or "invited" in text or "signed up" in text or "booked" in text:
        for topic in _registered_topics(text):
            if topic not in found:
                found.append(topic)
    if " of " in text:
        for topic in _artefact_topics(text):
            if topic not in found:
                found.append(topic)
    return found
