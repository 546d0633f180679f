"""The person-name detector: runs of capitalised name words ("Anna Kowalska", "Jānis Bērziņš"), each one candidate.

Design notes. Names come from Faker's locale lists (see `kit.cases.name_source`). A run of capitalised name words
is one name. A lone name word at the start of a sentence is a name only if it is a first name and no ordinary word
("Will", "Hans", "Ring" stay); a lone surname there is a name only if the text names it elsewhere. Inside a sentence
a lone name word is a name unless it is an English month or, being also an ordinary word, sits in a capitalised
phrase ("Red Cross") or a Title Case heading. "Maj": the Swedish month is written "maj", so capitalised "Maj"
inside a sentence is the name; at the start of a sentence it is left alone (the month) unless a name follows
("Maj Andersson"). Detection looks at the text with the other findings and placeholders blanked out, so
anonymising the output again finds nothing (idempotence).

Public: `find_person_names`; everything else here is the detector's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from kit.cases.anonymiser.detectors import Candidate
from kit.cases.anonymiser.patterns import LETTER, UPPER
from kit.cases.name_source import MONTH_NAMES, SURNAME_ENDING, NameSource, name_source

_NAME_TOKEN = re.compile(  # Anna, O'Neill, Ulug‘bek, Maj-Britt; not the "'s" of "Anna's"
    rf"(?<![\w'’ʼ‘-])[{UPPER}]{LETTER}*(?:['’ʼ‘](?!s\b){LETTER}+)*(?:-{LETTER}+)*(?!\w)"
)
_HONORIFIC_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof|herr|fru|Herr|Fru)\.?[ \u00a0]$")
_TITLE_ABBREVIATION_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|St|Sr|Jr|resp|ca|bl\.a|t\.ex|d\.v\.s)\.$")
_SENTENCE_OPENERS = frozenset(" \t\u00a0\"'“”‘’«»„([{–—-•*·#>")
_LIST_NUMBERING = re.compile(r"[^\w\n]*\d+(?:[.)]\d+)*[.):]?[ \t]+")
_QUOTES = frozenset("\"“”«»„")
_SENTENCE_BREAK = re.compile(r"[.!?](?:\s|$)")
_HEADING_WORD = re.compile(rf"(?<![\w'’-]){LETTER}{{4,}}")
_SENTENCE_ENDERS = frozenset(".!?:;…\n|")
_BRACKETED = re.compile(r"\[[^\[\]\n]{0,40}\]")
_LOWER_WORD = re.compile(rf"(?<![\w'’-])[^\W\d_{UPPER}]{LETTER}*")


class _Token(NamedTuple):
    """A capitalised word and its offsets."""

    text: str
    start: int
    end: int


class _NameSpan(NamedTuple):
    """A name found by `_NameDetector`."""

    start: int
    end: int
    words: tuple[str, ...]
    sure: bool  # False: a lone surname opening a sentence, a name only if the text names it elsewhere


def find_person_names(text: str, structured: list[Candidate]) -> list[Candidate]:
    """Runs of capitalised name words ("Anna Kowalska", "Jānis Bērziņš"), each one candidate.

    Detection runs on the text with the other findings and any placeholders blanked out, so that a second
    pass over the anonymised text sees exactly what the first pass saw (anonymising is idempotent).
    """
    visible = _blank_out(text, structured)
    vocabulary = frozenset(word.lower() for word in _LOWER_WORD.findall(visible))
    spans = list(_NameDetector(visible, name_source(), vocabulary).name_spans())
    known = {word for span in spans if span.sure for word in span.words}
    return [
        Candidate("person_name", span.start, span.end, 10)
        for span in spans
        if span.sure or span.words[0] in known
    ]


def _blank_out(text: str, structured: list[Candidate]) -> str:
    """`text` with the candidates' spans and bracketed placeholders replaced by spaces (offsets unchanged)."""
    pieces, position = [], 0
    for candidate in sorted(structured, key=lambda c: c.start):
        pieces += [text[position : candidate.start], " " * (candidate.end - candidate.start)]
        position = candidate.end
    pieces.append(text[position:])
    return _BRACKETED.sub(lambda match: " " * len(match.group()), "".join(pieces))


class _NameDetector:
    """Groups capitalised words into names, following the rules in the design notes at the top.

    A word is a *name word* if the name lists hold it (whole, as a Swedish genitive, hyphen by hyphen) or it has
    a surname ending; it is *ordinary* if it is also a lower-case word (kit vocabulary, stoplist, this text).
    """

    def __init__(self, text: str, source: NameSource, document_vocabulary: frozenset[str]):
        self.text = text
        self.source = source
        self.document_vocabulary = document_vocabulary
        self.months = MONTH_NAMES
        self.surname_ending = SURNAME_ENDING

    def name_spans(self) -> Iterator[_NameSpan]:
        for group in self.adjacent_groups():
            yield from self.names_in_group(group)

    def adjacent_groups(self) -> Iterator[list[_Token]]:
        """Capitalised words separated by single spaces, skipping multi-word places ("Costa Rica")."""
        group: list[_Token] = []
        skip_until = 0
        for match in _NAME_TOKEN.finditer(self.text):
            token = _Token(match.group(), match.start(), match.end())
            if token.start < skip_until:
                continue
            phrase_end = self.phrase_end(token)
            if phrase_end or (group and self.text[group[-1].end : token.start] not in (" ", "\u00a0")):
                if group:
                    yield group
                group = []
            if phrase_end:
                skip_until = phrase_end
            else:
                group.append(token)
        if group:
            yield group

    def phrase_end(self, token: _Token) -> int:
        for phrase in self.source.phrases.get(token.text, ()):
            if self.text.startswith(phrase, token.start):
                return token.start + len(phrase)
        return 0

    def names_in_group(self, group: list[_Token]) -> Iterator[_NameSpan]:
        index = free = 0  # group[free:] is not part of a name yet
        while index < len(group):
            end = self.run_end(group, index)
            verdict = self.judge_run(group, index, end) if end > index else None
            if verdict is None:
                index = max(end, index + 1)
                continue
            start = self.extended_start(group, index, free)
            end = self.extended_end(group, end)
            words = tuple(token.text for token in group[start:end])
            yield _NameSpan(group[start].start, group[end - 1].end, words, verdict)
            index = free = end

    def run_end(self, group: list[_Token], start: int) -> int:
        """The end (exclusive) of the run of name words starting at `start` (== start if none starts there)."""
        first = group[start].text
        if first in self.source.never_names:
            return start
        if not (self.is_name_word(first) or (self.after_honorific(group[start]) and self.may_join_a_name(first))):
            return start
        end = start + 1
        while end < len(group) and self.continues_run(group[end].text, group[end - 1].text):
            end += 1
        if first in self.source.places and end == start + 1:
            return start  # "Georgia", "Kalmar" alone are places; "Georgia Price" is a name
        return end

    def continues_run(self, word: str, previous: str) -> bool:
        if word in self.source.never_names or not self.is_name_word(word):
            return False
        return word not in self.source.places or previous.rsplit("-", 1)[-1] in self.source.first_names

    def judge_run(self, group: list[_Token], start: int, end: int) -> bool | None:
        """True: a name; False: a name only if the text names it elsewhere; None: not a name."""
        token = group[start]
        if end - start > 1 or self.after_honorific(token):
            return True
        word = token.text
        if self.is_ordinary(word):
            return self.judge_single_ordinary_word(group, start)
        if not self.starts_sentence(token.start):
            return True
        # a lone word opening a sentence: surname lists hold many ordinary words ("Ring henne", "Post", "Behov")
        return self.is_strong_first_name(word)

    def judge_single_ordinary_word(self, group: list[_Token], index: int) -> bool | None:
        """A lone name word that is also an ordinary word: a name only inside a sentence and not in a title."""
        token = group[index]
        if token.text in self.months or self.starts_sentence(token.start) or self.in_capitalised_phrase(group, index):
            return None
        return True

    def in_capitalised_phrase(self, group: list[_Token], index: int) -> bool:
        """Next to a word capitalised for another reason than starting the sentence ("Red Cross"), or in a heading."""
        if index + 1 < len(group) or (index > 0 and not self.starts_sentence(group[index - 1].start)):
            return True
        return self.in_title_case_line(group[index].start)

    def in_title_case_line(self, position: int) -> bool:
        """Whether the line around `position` is a Title Case heading ("Use Case 1: Forced Labour in Farming")."""
        line_start = self.text.rfind("\n", 0, position) + 1
        line_end = self.text.find("\n", position)
        line = self.text[line_start : line_end if line_end >= 0 else len(self.text)]
        if _SENTENCE_BREAK.search(line):
            return False  # a heading is not a run of sentences
        words = _HEADING_WORD.findall(line)
        return len(words) >= 2 and sum(word[0].isupper() for word in words) >= 0.6 * len(words)

    def extended_start(self, group: list[_Token], start: int, free: int) -> int:
        """Take in one unknown capitalised word before a surname ("Blessing Okafor", "Mart Saar")."""
        if start > free and self.is_strong_last_name(group[start].text):
            previous = group[start - 1].text
            if self.may_join_a_name(previous) and not self.is_name_word(previous):
                return start - 1
        return start

    def extended_end(self, group: list[_Token], end: int) -> int:
        """Take in one unknown capitalised word after a first name ("Anna Xyzowska", "Anna KOWALSKA")."""
        if end < len(group) and self.is_strong_first_name(group[end - 1].text):
            follower = group[end].text
            if self.may_join_a_name(follower) and not self.is_name_word(follower):
                return end + 1
        return end

    def after_honorific(self, token: _Token) -> bool:
        return _HONORIFIC_BEFORE.search(self.text, max(0, token.start - 6), token.start) is not None

    def may_join_a_name(self, word: str) -> bool:
        """An unknown capitalised word that is no place, never-name or ordinary word."""
        return (
            word not in self.source.never_names
            and word not in self.source.places
            and word.lower() not in self.document_vocabulary
            and word.lower() not in self.source.ordinary_words
        )

    def is_name_word(self, word: str) -> bool:
        names = self.source.names
        if word in names or self.has_surname_ending(word):
            return True
        if "-" in word:
            return all(part in names or self.has_surname_ending(part) for part in word.split("-"))
        return word.endswith("s") and word[:-1] in names and not self.is_ordinary(word[:-1])

    def has_surname_ending(self, word: str) -> bool:
        return (
            self.surname_ending.fullmatch(word) is not None
            and word[1:].islower()
            and word not in self.source.places
            and word not in self.source.never_names
            and not self.is_ordinary(word)
        )

    def is_strong_first_name(self, word: str) -> bool:
        last_part = word.rsplit("-", 1)[-1]
        return last_part in self.source.first_names and not self.is_ordinary(last_part)

    def is_strong_last_name(self, word: str) -> bool:
        first_part = word.split("-", 1)[0]
        in_list = first_part in self.source.last_names or self.has_surname_ending(first_part)
        return in_list and not self.is_ordinary(first_part)

    def is_ordinary(self, word: str) -> bool:
        """Also an ordinary lower-case word (kit vocabulary, stoplist, this very text), or an English month."""
        ordinary = self.source.ordinary_words
        return all(
            part in self.months or part.lower() in ordinary or part.lower() in self.document_vocabulary
            for part in word.split("-")
        )

    def starts_sentence(self, position: int) -> bool:
        """Whether only opening punctuation separates `position` from the end of the previous sentence."""
        index = position - 1
        while index >= 0 and self.text[index] in _SENTENCE_OPENERS:
            if self.text[index] in _QUOTES:
                return True  # quoted speech starts with a capital ('he asked "Will you come?"')
            index -= 1
        if index < 0 or self.text[index] == "\n":
            return True
        if self.text[index] not in _SENTENCE_ENDERS:
            return self.only_numbering_before(position)
        return not _TITLE_ABBREVIATION_BEFORE.search(self.text, max(0, index - 6), index + 1)

    def only_numbering_before(self, position: int) -> bool:
        """Whether only list numbering stands between the start of the line and `position` ("2.4 ", "3) ")."""
        line_start = self.text.rfind("\n", 0, position) + 1
        return position - line_start <= 12 and _LIST_NUMBERING.fullmatch(self.text, line_start, position) is not None
