"""GIFT, Moodle's text format for questions: reading (every feature Moodle documents) and writing.

**Reading.** Questions are separated by blank lines; ``//`` lines are comments; ``$CATEGORY:``
sets the category (→ topic) of what follows; ``::title::`` names a question (→ its id); a
``[html]``, ``[moodle]``, ``[plain]`` or ``[markdown]`` marker gives the text's format. The kind is
decided from the ``{…}`` answer block in Moodle's order: empty → essay (skipped), ``#`` →
numerical, ``T``/``TRUE``/``F``/``FALSE`` → true/false, ``=`` with ``->`` → matching, any ``~`` →
multiple choice (several positive ``%n%`` weights and no ``=`` → multiple answers), otherwise
short answer. Text after the block makes a missing-word question (the prompt gets ``_____``
where the block was). ``#`` starts an answer's feedback and ``####`` the general feedback (→ the
explanation). Escapes ``\\~ \\= \\# \\{ \\} \\: \\\\ \\n`` are honoured everywhere. A question with no
block at all is a description (skipped).

What our model cannot hold is reported as a warning where it stands: partial credit in a
single-answer question, partial-credit and wildcard short answers, per-answer feedback, extra
numerical answers, unequal weights in a multiple-answer question, images.

**Writing.** One language (HTML-escaped ``[html]`` texts, so ``<b>`` typed as text stays text) or
all of them as Moodle multilang spans. Kinds GIFT lacks map to the nearest one with a warning:
order → matching by position, date → short answer with the accepted spellings; a number's unit
goes into the prompt in parentheses. Above each question a comment such as
``// quizapp: kind=date difficulty=2 topics=history sources=essay/independence`` records what
GIFT cannot say; Moodle ignores comments, and our reader uses it to give back the same question.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from quizapp.core.dates import parse_iso_partial_date
from quizapp.core.model import (
    LANGUAGES,
    AnswerMatch,
    Choice,
    ChoiceQuestion,
    DateQuestion,
    Kind,
    LocalizedText,
    MatchPair,
    MatchQuestion,
    MultiQuestion,
    NumberQuestion,
    OrderQuestion,
    Question,
    SourceRef,
    TextQuestion,
    TrueFalseQuestion,
)
from quizapp.formats.drafts import (
    Category,
    Draft,
    Origin,
    Report,
    Restored,
    TextReader,
    category_from_path,
    escape_typed,
    typed_answer,
)
from quizapp.formats.exporting import Exporter, by_first_topic
from quizapp.formats.html import text_to_html
from quizapp.formats.multilang import join_languages
from quizapp.formats.text import number_text, percent_text

# --- Reading -----------------------------------------------------------------------------

# Structural marks of a question's text. Escapes are masked first (see _mask), so that a
# "\{" can never look like a brace.
_TEXT_TOKENS = re.compile(r"::|[{}]")
_ANSWER_TOKENS = re.compile(r"[=~#]")
_FORMAT = re.compile(r"\s*\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_WEIGHT = re.compile(r"\s*%(-?\d+(?:\.\d+)?)%")
_TRUEFALSE = re.compile(r"\s*(TRUE|FALSE|T|F)\s*(?=#|$)", re.IGNORECASE)
_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_RANGE = re.compile(rf"\s*({_NUMBER})\s*\.\.\s*({_NUMBER})\s*")
_TOLERANCE = re.compile(rf"\s*({_NUMBER})\s*(?::\s*({_NUMBER}))?\s*")
_META = re.compile(r"\s*//\s*quizapp:\s*(.*)$")
_BLANK = "_____"
#: Choice ids given to imported choices, by position.
CHOICE_IDS = "abcdefgh"

# GIFT's escapes, each masked by a noncharacter (a code point that never occurs in real text)
# while the question's structure is read, then turned into the character it stands for. The
# escaped backslash comes first, so that "\\=" is a backslash followed by a real "=".
_ESCAPED = "\\~=#{}:n"
_MASKS = [("\\" + char, chr(0xFDD8 + index)) for index, char in enumerate(_ESCAPED)]
_NONCHARACTERS = re.compile("[\ufdd0-\ufdef]")


def _mask(text: str) -> str:
    """*text* with every GIFT escape replaced by its mask (str.replace runs in C: this is done
    for every question of files full of escapes, as multilang markup is)."""
    if "\\" not in text:
        return text
    for escaped, mask in _MASKS:
        if escaped in text:
            text = text.replace(escaped, mask)
    return text


_ANY_MASK = re.compile("[\ufdd8-\ufddf]")
_UNMASKS = [(mask, "\n" if char == "n" else char) for (_, mask), char in zip(_MASKS, _ESCAPED, strict=True)]
_ESCAPE_PAIR = re.compile(r"\\[\\~=#{}:n]")


def _unmask(text: str) -> str:
    """The masked escapes of *text* as the characters they stand for."""
    if not _ANY_MASK.search(text):
        return text
    for mask, char in _UNMASKS:
        if mask in text:
            text = text.replace(mask, char)
    return text


def _escape_positions(original: str) -> list[int]:
    """Where each escape of *original* stands in the masked text (for positions in messages)."""
    if "\\" not in original:
        return []
    return [match.start() - number for number, match in enumerate(_ESCAPE_PAIR.finditer(original))]


def unescape(text: str) -> str:
    """GIFT's escapes resolved: ``\\~`` → ``~``, ``\\n`` → a new line; other backslashes kept."""
    return _unmask(_mask(text))


@dataclass
class _Block:
    """The lines of one question (comments removed), with their line numbers."""

    lines: list[str]
    numbers: list[int]
    meta: str | None

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def origin(self, path: str, offset: int) -> Origin:
        """The file position of character *offset* of :attr:`text`."""
        remaining = offset
        for number, line in zip(self.numbers, self.lines, strict=True):
            if remaining <= len(line):
                return Origin(path, number, remaining + 1)
            remaining -= len(line) + 1
        return Origin(path, self.numbers[-1], len(self.lines[-1]) + 1)


def _blocks(text: str) -> Iterator[_Block]:
    lines: list[str] = []
    numbers: list[int] = []
    meta: str | None = None
    pending_meta: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            if lines:
                yield _Block(lines, numbers, meta)
                lines, numbers, meta = [], [], None
            continue
        if stripped.startswith("//"):
            found = _META.match(line)
            if found:
                pending_meta = found.group(1)
            continue
        if not lines:
            meta, pending_meta = pending_meta, None
        lines.append(line)
        numbers.append(number)
    if lines:
        yield _Block(lines, numbers, meta)


class GiftReader:
    """Reads one GIFT file into drafts."""

    def __init__(self, path: str, report: Report, texts: TextReader) -> None:
        self.path = path
        self.report = report
        self.texts = texts
        self.category: Category | None = None

    def read(self, text: str) -> list[Draft]:
        """Every question of *text* as a draft; problems go to the report."""
        drafts: list[Draft] = []
        found = _NONCHARACTERS.search(text)
        if found:
            # They stand for escapes while a question is read; real text never has them.
            line = text.count("\n", 0, found.start()) + 1
            self.report.warn(Origin(self.path, line, 1), "noncharacters (U+FDD0–U+FDEF) removed")
            text = _NONCHARACTERS.sub("", text)
        for block in _blocks(text.replace("\r\n", "\n").replace("\r", "\n")):
            first = block.lines[0].lstrip()
            if first.startswith("$CATEGORY:"):
                origin = Origin(self.path, block.numbers[0], len(block.lines[0]) - len(first) + 1)
                # Moodle reads the rest of the line as the path, without GIFT escapes.
                self.category = category_from_path(first[len("$CATEGORY:") :], self.texts, origin)
                if len(block.lines) == 1:
                    continue
                block = _Block(block.lines[1:], block.numbers[1:], block.meta)
            draft = self.question(block)
            if draft is not None:
                drafts.append(draft)
        return drafts

    # -- one question --
    def question(self, block: _Block) -> Draft | None:
        original = block.text
        text = _mask(original)
        origin = block.origin(self.path, len(original) - len(original.lstrip()))
        where = block.origin

        escapes = _escape_positions(original)

        def at(offset: int) -> Origin:
            # Each escape before the offset is one character longer in the file than masked.
            return where(self.path, offset + bisect.bisect_left(escapes, offset))

        title: str | None = None
        body_start = len(text) - len(text.lstrip())
        tokens = list(_TEXT_TOKENS.finditer(text))
        if text.startswith("::", body_start):
            close = next((t for t in tokens if t.group() == "::" and t.start() > body_start), None)
            if close is None:
                self.report.error(at(body_start), "the title opened with '::' is not closed with '::'")
                return None
            title = _unmask(text[body_start + 2 : close.start()]).strip() or None
            body_start = close.end()
        braces = [t for t in tokens if t.group() in "{}" and t.start() >= body_start]
        opening = next((t for t in braces if t.group() == "{"), None)
        if opening is None:
            stray = next((t for t in braces if t.group() == "}"), None)
            if stray is not None:
                self.report.error(
                    at(stray.start()), "a '}' with no '{' before it; write \\} for a brace in the text"
                )
                return None
            self.report.skip(origin, "description", "a text with no answers ({…}) is a description")
            return None
        stray = next((t for t in braces if t.group() == "}" and t.start() < opening.start()), None)
        if stray is not None:
            self.report.error(
                at(stray.start()), "a '}' before the answers '{…}'; write \\} for a brace in the text"
            )
            return None
        closing = next((t for t in braces if t.start() > opening.start()), None)
        if closing is None or closing.group() != "}":
            if closing is not None:
                self.report.error(
                    at(closing.start()),
                    "a second '{' inside the answers; write \\{ for a brace, and close the answers with '}'",
                )
            else:
                self.report.error(
                    at(opening.start()), "the answers opened here with '{' are not closed with '}'"
                )
            return None
        after_close = [t for t in braces if t.start() > closing.start()]
        if after_close:
            self.report.error(
                at(after_close[0].start()),
                f"a second answer block '{after_close[0].group()}' in one question; write \\{{ or \\}} "
                "for a brace in the text, or separate the questions with a blank line",
            )
            return None
        before = text[body_start : opening.start()]
        after = text[closing.end() :]
        fmt_match = _FORMAT.match(before)
        fmt = "moodle"
        if fmt_match:
            fmt = fmt_match.group(1).lower()
            before = before[fmt_match.end() :]
        fmt = {"markdown": "plain"}.get(fmt, fmt)
        raw_prompt = before + _BLANK + after if after.strip() else before
        block_text = text[opening.end() : closing.start()]
        block_offset = opening.end()
        meta = self.restored(block.meta, origin)
        prompt = self.texts.localized(_unmask(raw_prompt), origin, "the question text", fmt)
        answers, general = _split_general_feedback(block_text)
        explanation = None
        if general is not None:
            explanation = self.texts.localized_or_empty(_unmask(general), origin, "the general feedback", fmt)
        if prompt is None:
            return None
        body = answers.strip()
        context = _Context(self, origin, fmt, lambda offset: at(block_offset + offset))
        if not body:
            self.report.skip(origin, "essay", "quizapp cannot ask essay questions")
            return None
        if body.startswith("#"):
            fields = context.numerical(answers, meta)
            kind = Kind.NUMBER
        elif _TRUEFALSE.fullmatch(_strip_feedback(body)):
            fields = context.truefalse(body)
            kind = Kind.TRUEFALSE
        else:
            marks = [t for t in _ANSWER_TOKENS.finditer(answers) if t.group() in "=~"]
            has_arrow = "->" in answers
            if any(m.group() == "=" for m in marks) and has_arrow:
                kind, fields = context.matching(answers, marks, meta)
            elif any(m.group() == "~" for m in marks):
                kind, fields = context.multichoice(answers, marks, meta)
            else:
                kind, fields = context.shortanswer(answers, marks, meta)
        if fields is None:
            return None
        if meta is not None and meta.unit_in_prompt and kind is Kind.NUMBER:
            prompt, fields["unit"] = _unit_from_prompt(prompt)
        fields["prompt"] = prompt
        if explanation:
            fields["explanation"] = explanation
        return Draft(
            origin=origin, kind=kind, fields=fields, title=title, category=self.category, restored=meta
        )

    def restored(self, meta: str | None, origin: Origin) -> Restored | None:
        """The ``// quizapp:`` comment above a question, read back (our own exports write it)."""
        if meta is None:
            return None
        restored = Restored()
        for item in meta.split():
            key, _, value = item.partition("=")
            try:
                _restore(restored, key, value)
            except ValueError:
                self.report.warn(origin, f"the quizapp comment's {item!r} is not understood; ignored")
        return restored


_IDS = re.compile(r"[a-z0-9][a-z0-9._-]*")
_CHOICE_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")


def _restore(restored: Restored, key: str, value: str) -> None:
    ids = _IDS
    if key == "kind":
        restored.kind = Kind(value)
    elif key == "difficulty":
        if value not in ("1", "2", "3"):
            raise ValueError(value)
        restored.difficulty = int(value)
    elif key == "topics":
        topics = tuple(value.split(","))
        if not all(ids.fullmatch(t) for t in topics):
            raise ValueError(value)
        restored.topics = topics
    elif key == "sources":
        refs = []
        for part in value.split(","):
            document, _, section = part.partition("/")
            if not ids.fullmatch(document) or not ids.fullmatch(section):
                raise ValueError(value)
            refs.append(SourceRef(document, section))
        restored.sources = tuple(refs)
    elif key == "points":
        points = float(value)
        if not math.isfinite(points) or points <= 0:
            raise ValueError(value)
        restored.points = points
    elif key == "shuffle":
        if value not in ("true", "false"):
            raise ValueError(value)
        restored.shuffle = value == "true"
    elif key == "langs":
        languages = tuple(value.split(","))
        if not all(language in LANGUAGES for language in languages):
            raise ValueError(value)
        restored.answer_languages = languages
    elif key == "unit":
        restored.unit_in_prompt = value == "prompt"
    elif key == "match":
        restored.match = AnswerMatch(value)
    elif key == "ids":
        choice_ids = tuple(value.split(","))
        if not all(_CHOICE_ID.fullmatch(c) for c in choice_ids) or len(set(choice_ids)) != len(choice_ids):
            raise ValueError(value)
        restored.choice_ids = choice_ids
    else:
        raise ValueError(key)


def _split_general_feedback(block: str) -> tuple[str, str | None]:
    """The answers and the general feedback (after the first ``####``)."""
    found = block.find("####")
    return (block, None) if found < 0 else (block[:found], block[found + 4 :])


def _strip_feedback(text: str) -> str:
    found = text.find("#")
    return text if found < 0 else text[:found]


def _split_feedback(text: str) -> tuple[str, str | None]:
    """An answer's text and its ``#`` feedback."""
    found = text.find("#")
    return (text, None) if found < 0 else (text[:found], text[found + 1 :])


def _unit_from_prompt(prompt: LocalizedText) -> tuple[LocalizedText, LocalizedText | None]:
    """Undo what the writer does with units: "How far? (km)" → ("How far?", "km")."""
    texts: dict[str, str] = {}
    units: dict[str, str] = {}
    for language, text in prompt.items():
        match = re.fullmatch(r"(.*\S)\s+\(([^()]+)\)", text, re.DOTALL)
        if match:
            texts[language], units[language] = match.group(1), match.group(2)
        else:
            texts[language] = text
    return LocalizedText(texts), (LocalizedText(units) if units else None)


@dataclass
class _Answer:
    mark: str
    weight: float | None
    text: str
    feedback: str | None
    offset: int


class _Context:
    """The answers of one question, read into the model's fields."""

    def __init__(self, reader: GiftReader, origin: Origin, fmt: str, at: Callable[[int], Origin]) -> None:
        self.reader = reader
        self.report = reader.report
        self.texts = reader.texts
        self.origin = origin
        self.fmt = fmt
        self.at = at

    def answers(self, block: str, marks: Sequence[re.Match[str]], base: int = 0) -> list[_Answer]:
        """The answers of *block* (which starts at *base* in the answer block), split at *marks*."""
        if marks and block[: marks[0].start()].strip():
            self.report.warn(
                self.at(base),
                f"text before the first answer is ignored: {_unmask(block[: marks[0].start()]).strip()!r}",
            )
        result = []
        for index, mark in enumerate(marks):
            end = marks[index + 1].start() if index + 1 < len(marks) else len(block)
            raw = block[mark.end() : end]
            weight = None
            found = _WEIGHT.match(raw)
            if found:
                weight = float(found.group(1))
                raw = raw[found.end() :]
            text, feedback = _split_feedback(raw)
            fmt_match = _FORMAT.match(text)
            if fmt_match:
                text = text[fmt_match.end() :]
            result.append(_Answer(mark.group(), weight, text, feedback, base + mark.start()))
        return result

    def feedback_warning(self, answers: Sequence[_Answer]) -> None:
        with_feedback = [a for a in answers if a.feedback is not None and a.feedback.strip()]
        if with_feedback:
            self.report.warn(
                self.at(with_feedback[0].offset),
                "feedback on individual answers is not kept (quizapp shows the explanation instead)",
            )

    def text(self, raw: str, offset: int, what: str) -> LocalizedText | None:
        return self.texts.localized(_unmask(raw), lambda: self.at(offset), what, self.fmt)

    # -- kinds --
    def multichoice(
        self, block: str, marks: Sequence[re.Match[str]], meta: Restored | None
    ) -> tuple[Kind, dict[str, Any] | None]:
        answers = self.answers(block, marks)
        self.feedback_warning(answers)
        if not 2 <= len(answers) <= len(CHOICE_IDS):
            self.report.skip(
                self.origin,
                "multiple-choice question",
                f"it has {len(answers)} options; quizapp asks with 2 to {len(CHOICE_IDS)}",
            )
            return Kind.CHOICE, None
        choices = []
        for index, answer in enumerate(answers):
            text = self.text(answer.text, answer.offset, f"option {index + 1}")
            if text is None:
                return Kind.CHOICE, None
            choices.append(Choice(CHOICE_IDS[index], text))
        right = [i for i, a in enumerate(answers) if a.mark == "="]
        if right:
            if len(right) > 1:
                self.report.warn(
                    self.at(answers[right[1]].offset),
                    "several options marked right ('='); the first is kept as the answer, the others count as wrong",
                )
            for answer in answers:
                if answer.mark == "~" and answer.weight is not None and answer.weight > 0:
                    self.report.warn(
                        self.at(answer.offset),
                        f"partial credit ({answer.weight:g}%) on a wrong option is not kept: it gives no points",
                    )
            return Kind.CHOICE, {"choices": tuple(choices), "answer": CHOICE_IDS[right[0]]}
        positive = [i for i, a in enumerate(answers) if a.weight is not None and a.weight > 0]
        if not positive:
            self.report.error(self.origin, "no option is marked right ('=' or a positive %weight%)")
            return Kind.CHOICE, None
        single = meta is None or meta.kind is not Kind.MULTI  # ours say multi even for one right option
        if single and len(positive) == 1 and answers[positive[0]].weight == 100:
            return Kind.CHOICE, {"choices": tuple(choices), "answer": CHOICE_IDS[positive[0]]}
        weights = {answers[i].weight for i in positive}
        if len(weights) > 1:
            self.report.warn(
                self.origin,
                "the right options have different weights; quizapp gives each right option an equal share",
            )
        return Kind.MULTI, {"choices": tuple(choices), "answers": frozenset(CHOICE_IDS[i] for i in positive)}

    def truefalse(self, body: str) -> dict[str, Any] | None:
        value, _, feedback = body.partition("#")
        if feedback.strip().strip("#").strip():
            self.report.warn(
                self.origin, "true/false feedback is not kept (quizapp shows the explanation instead)"
            )
        return {"answer": value.strip().upper().startswith("T")}

    def shortanswer(
        self, block: str, marks: Sequence[re.Match[str]], meta: Restored | None
    ) -> tuple[Kind, dict[str, Any] | None]:
        answers = self.answers(block, marks)
        self.feedback_warning(answers)
        if not answers:
            self.report.error(
                self.origin, "no answers: write the accepted answers as {=answer =other answer}"
            )
            return Kind.TEXT, None
        accepted: dict[str, list[str]] = {}
        languages = meta.answer_languages if meta is not None else ()
        for index, answer in enumerate(answers):
            if answer.weight is not None and answer.weight < 100:
                if answer.weight > 0:
                    self.report.warn(
                        self.at(answer.offset),
                        f"a partly right answer ({answer.weight:g}%) is not kept: quizapp accepts an answer or not",
                    )
                continue
            # Typed answers are plain text: Moodle compares them with what the student types.
            text = self.texts.localized(
                _unmask(answer.text), self.at(answer.offset), f"answer {index + 1}", "plain"
            )
            if text is None:
                return Kind.TEXT, None
            value, wildcard = typed_answer(next(iter(text.values())))
            if wildcard:
                self.report.warn(
                    self.at(answer.offset),
                    f"the wildcard answer {value!r} is not kept: quizapp has no wildcards",
                )
                continue
            targets = [languages[index]] if index < len(languages) else list(text)
            for language in targets:
                bucket = accepted.setdefault(language, [])
                if value not in bucket:
                    bucket.append(value)
        if not accepted:
            self.report.skip(
                self.origin, "short-answer question", "no answer is left that quizapp can accept"
            )
            return Kind.TEXT, None
        if meta is not None and meta.kind is Kind.DATE:
            first = next(iter(accepted.values()))[0]
            date = parse_iso_partial_date(first)
            if date is not None:
                return Kind.DATE, {"answer": date}
        return Kind.TEXT, {"answers": {lang: tuple(v) for lang, v in accepted.items()}}

    def numerical(self, block: str, meta: Restored | None) -> dict[str, Any] | None:
        base = block.index("#") + 1
        body = block[base:]
        equals = [t for t in _ANSWER_TOKENS.finditer(body) if t.group() == "="]
        if equals:
            answers = self.answers(body, equals, base)
        else:
            text, feedback = _split_feedback(body)
            answers = [_Answer("=", None, text, feedback, base)]
        self.feedback_warning(answers)
        readings: list[tuple[float, float, float, _Answer]] = []
        for answer in answers:
            value = _unmask(answer.text)
            weight = 100.0 if answer.weight is None else answer.weight
            found_range = _RANGE.fullmatch(value)
            found = _TOLERANCE.fullmatch(value)
            if found_range:
                low, high = sorted((float(found_range.group(1)), float(found_range.group(2))))
                readings.append((weight, (low + high) / 2, (high - low) / 2, answer))
            elif found:
                readings.append((weight, float(found.group(1)), abs(float(found.group(2) or 0)), answer))
            else:
                self.report.error(
                    self.at(answer.offset),
                    f"{value.strip()!r} is not a number, a number:tolerance or a range low..high",
                )
                return None
        full = [r for r in readings if r[0] >= 100]
        if not full:
            self.report.error(self.origin, "no numerical answer is worth 100%")
            return None
        _weight, answer_value, tolerance, chosen = full[0]
        extra = [r for r in readings if r[3] is not chosen and r[0] > 0]
        if extra:
            self.report.warn(
                self.at(extra[0][3].offset),
                f"{len(extra)} more numerical answer(s) not kept: quizapp has one answer with a tolerance",
            )
        if not (math.isfinite(answer_value) and math.isfinite(tolerance)):
            self.report.error(self.at(chosen.offset), "the number is too large")
            return None
        return {"answer": answer_value, "tolerance": tolerance}

    def matching(
        self, block: str, marks: Sequence[re.Match[str]], meta: Restored | None
    ) -> tuple[Kind, dict[str, Any] | None]:
        equals = [m for m in marks if m.group() == "="]
        answers = self.answers(block, equals)
        self.feedback_warning(answers)
        pairs: list[MatchPair] = []
        distractors: list[LocalizedText] = []
        for index, answer in enumerate(answers):
            raw = answer.text
            arrow = raw.find("->")
            if arrow < 0:
                self.report.error(self.at(answer.offset), "a matching pair needs '->': =left -> right")
                return Kind.MATCH, None
            right = self.text(raw[arrow + 2 :], answer.offset, f"pair {index + 1} (right)")
            if right is None:
                return Kind.MATCH, None
            left_raw = raw[:arrow]
            if not _unmask(left_raw).strip():
                distractors.append(right)
                continue
            left = self.text(left_raw, answer.offset, f"pair {index + 1} (left)")
            if left is None:
                return Kind.MATCH, None
            pairs.append(MatchPair(left, right))
        if meta is not None and meta.kind is Kind.ORDER and not distractors and 3 <= len(pairs) <= 8:
            return Kind.ORDER, {"items": tuple(pair.right for pair in pairs)}
        if not 2 <= len(pairs) <= 8 or len(distractors) > 8:
            self.report.skip(
                self.origin,
                "matching question",
                f"it has {len(pairs)} pairs and {len(distractors)} distractors; quizapp asks 2 to 8 pairs "
                "and at most 8 distractors",
            )
            return Kind.MATCH, None
        return Kind.MATCH, {"pairs": tuple(pairs), "distractors": tuple(distractors)}


def read(text: str, path: str, report: Report, texts: TextReader) -> list[Draft]:
    """The questions of the GIFT *text* (from *path*) as drafts."""
    return GiftReader(path, report, texts).read(text)


# --- Writing -----------------------------------------------------------------------------


_GIFT_SPECIAL = re.compile(r"([\\~=#{}:])")


def escape(text: str) -> str:
    """*text* (already HTML) with GIFT's special characters escaped."""
    return _GIFT_SPECIAL.sub(r"\\\1", text)


def _category_part(html: str) -> str:
    # Moodle splits a category path at "/" and reads "//" as a slash in a name (the "</span>"
    # of multilang markup included); a category line is one line.
    return " ".join(html.replace("/", "//").split())


def _typed(text: str) -> str:
    """A typed answer (Moodle compares it with what the student types): not HTML, only escaped."""
    return escape(escape_typed(text)).replace("\n", "\\n")


class _GiftWriter:
    """Writes a bank as GIFT, one question at a time."""

    def __init__(self, exporter: Exporter) -> None:
        self.x = exporter
        self.lines: list[str] = []

    def html(self, text: LocalizedText | None, question: Question) -> str:
        return escape(self.x.html(text, question))

    def category(self, topic_id: str) -> str:
        bank = self.x.bank
        topic = bank.topic(topic_id)
        name = topic.name if topic is not None else LocalizedText({bank.source_language: topic_id})
        return f"$CATEGORY: $course$/top/{_category_part(self.x.html(bank.title))}/{_category_part(self.x.html(name))}"

    def meta(self, question: Question, extra: dict[str, str]) -> str:
        from quizapp.formats.refs import question_sources

        parts = {
            "kind": question.kind.value,
            "difficulty": str(question.difficulty),
            "topics": ",".join(question.topics),
            "sources": ",".join(f"{r.document}/{r.section}" for r in question_sources(question)),
        }
        if question.points != 1:
            parts["points"] = number_text(question.points)
        parts.update(extra)
        return "// quizapp: " + " ".join(f"{k}={v}" for k, v in parts.items())

    def general_feedback(self, question: Question) -> str:
        return escape(self.x.html(question.explanation, question) + self.x.source_paragraph(question))

    def question(self, question: Question) -> None:
        extra: dict[str, str] = {}
        answers: list[str] = []
        prompt = self.x.html(question.prompt, question)
        match question:
            case ChoiceQuestion():
                for choice in question.choices:
                    mark = "=" if choice.id == question.answer else "~"
                    answers.append(mark + _leading_percent(self.html(choice.text, question)))
                if not question.shuffle:
                    extra["shuffle"] = "false"
                _choice_ids(question.choices, extra)
            case MultiQuestion():
                right = len(question.answers)
                for choice in question.choices:
                    share = 100 / right if choice.id in question.answers else -100 / right
                    answers.append(
                        f"~%{percent_text(share)}%" + _leading_percent(self.html(choice.text, question))
                    )
                if not question.shuffle:
                    extra["shuffle"] = "false"
                _choice_ids(question.choices, extra)
            case TrueFalseQuestion():
                answers.append("TRUE" if question.answer else "FALSE")
            case TextQuestion():
                languages = []
                for language in self.x.languages:
                    accepted = question.answers.get(language)
                    if accepted is None and self.x.language != "all":
                        accepted = question.answers.get(self.x.fallback) or next(
                            iter(question.answers.values())
                        )
                    for value in accepted or ():
                        if "->" in value:
                            self.x.warn(
                                question, f"the answer {value!r} contains '->', which GIFT reads as matching"
                            )
                        answers.append("=" + _typed(value))
                        languages.append(language)
                extra["langs"] = ",".join(languages)
                if question.match is not AnswerMatch.FORMS:
                    extra["match"] = question.match.value
            case NumberQuestion():
                value = number_text(question.answer)
                if question.tolerance:
                    value += ":" + number_text(question.tolerance)
                answers.append("#" + value)
                if question.unit is not None:
                    extra["unit"] = "prompt"
                    self.x.warn(question, "GIFT has no units: the unit is added to the question text")
                    units = self.x.texts(question.unit, question)
                    with_unit = {
                        language: text_to_html(
                            f"{text} ({units.get(language) or next(iter(units.values()))})"
                        )
                        for language, text in self.x.texts(question.prompt, question).items()
                    }
                    prompt = (
                        join_languages(with_unit)
                        if self.x.language == "all"
                        else next(iter(with_unit.values()))
                    )
            case DateQuestion():
                from quizapp.formats.answers import date_spellings

                self.x.warn(
                    question, "GIFT has no date questions: written as a short answer with the usual spellings"
                )
                for spelling in date_spellings(question.answer, self.x.languages):
                    answers.append("=" + _typed(spelling))
            case OrderQuestion():
                self.x.warn(
                    question,
                    "GIFT has no ordering questions: written as matching positions 1, 2, 3… to items",
                )
                for position, item in enumerate(question.items, start=1):
                    answers.append(f"={position} -> " + self.html(item, question))
            case MatchQuestion():
                for pair in question.pairs:
                    answers.append(
                        "=" + self.html(pair.left, question) + " -> " + self.html(pair.right, question)
                    )
                for distractor in question.distractors:
                    answers.append("= -> " + self.html(distractor, question))
        self.lines.append(self.meta(question, extra))
        body = "\n".join(f"\t{answer}" for answer in answers)
        self.lines.append(f"::{question.id}::[html]{escape(prompt)}{{")
        if body:
            self.lines.append(body)
        self.lines.append(f"\t####{self.general_feedback(question)}")
        self.lines.append("}")
        self.lines.append("")

    def write(self) -> str:
        bank = self.x.bank
        self.lines += [
            f"// {self.x.one(bank.title)}: exported by quizapp ({self.x.language})",
            "// The '// quizapp:' comments keep what GIFT cannot say; Moodle ignores them.",
            "",
        ]
        for topic_id, questions in by_first_topic(bank.questions).items():
            self.lines += [self.category(topic_id), ""]
            for question in questions:
                self.question(question)
        return "\n".join(self.lines)


def _choice_ids(choices: Sequence[Choice], extra: dict[str, str]) -> None:
    ids = [choice.id for choice in choices]
    if ids != list(CHOICE_IDS[: len(ids)]):
        extra["ids"] = ",".join(ids)


def _leading_percent(text: str) -> str:
    # "%50% off" at the start of an answer would read as a weight, "[plain]…" as a format:
    # write the first character as a reference (this text is HTML, already GIFT-escaped).
    if text.startswith("%"):
        return "&\\#37;" + text[1:]
    if text.startswith("["):
        return "&\\#91;" + text[1:]
    return text


def write(exporter: Exporter) -> str:
    """The exporter's bank as GIFT text."""
    return _GiftWriter(exporter).write()
