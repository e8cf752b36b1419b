"""Banks as spreadsheets (CSV): one row per question, one column per language for every text.

The layout (documented for teachers in ``questions/README.md``)::

    id; kind; topics; difficulty; points; sources;
    prompt_tr; prompt_en; prompt_kk; explanation_tr; explanation_en; explanation_kk;
    answer; tolerance; unit; unit_tr; unit_en; unit_kk; shuffle; option_ids;
    option_1_tr; option_1_en; option_1_kk; … option_N_kk;
    match_1_tr; … match_N_kk; language; author; date

``option_N`` holds a choice (choice, multi), an item in the right order (order), an accepted
answer in that language (text) or a left-hand item (match), whose right-hand item is in
``match_N``; a ``match_N`` with no ``option_N`` is a distractor. ``answer`` holds the right
choice's id (or ids, for multi), ``true``/``false``, the number or the date. Rows whose kind is
``bank``, ``topic``, ``source`` or ``section`` describe the bank itself (titles, topic names,
source documents), so a bank exported to CSV and imported again is the same bank. A CSV always
holds every language; ``--lang`` does not apply.

**Files.** Written as UTF-8 with a byte-order mark and ``;`` between fields: Excel then opens it
with Kazakh and Turkish letters intact in the Turkish and Kazakh settings, where ``,`` is the
decimal mark. Read with ``;``, ``,`` or tab, whichever the header line uses. What Excel does to
cells on the way back is accepted where it is unambiguous: a decimal comma (``3,5``), a date
re-written the local way (``16.12.1991``), ``DOĞRU``/``YANLIŞ`` for true and false.
"""

from __future__ import annotations

import csv
import io
import math
import re
from typing import Any

from quizapp.core.dates import parse_iso_partial_date, parse_user_date
from quizapp.core.model import (
    LANGUAGES,
    AnswerMatch,
    Bank,
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
from quizapp.core.units import EXAMPLES as UNIT_EXAMPLES
from quizapp.core.units import measurement_unit
from quizapp.formats.drafts import Declarations, Draft, Origin, Report
from quizapp.formats.refs import question_sources
from quizapp.formats.text import clean, number_text, slug, too_long

HEAD = ["id", "kind", "topics", "difficulty", "points", "sources"]
TEXTS = ["prompt", "explanation"]
MIDDLE = ["answer", "tolerance"]
UNIT = "unit"
AFTER_UNIT = ["shuffle", "match", "option_ids"]
TAIL = ["language", "retired", "author", "date"]
META_KINDS = ("bank", "topic", "source", "section")
_SPLIT = re.compile(r"[\s,;|]+")
_OPTION = re.compile(r"(option|match)_(\d+)_(tr|en|kk)")
_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")
_CHOICE_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
# What a teacher (or Excel, which writes DOĞRU/YANLIŞ in Turkish) may put for true and false.
_TRUE = {"true", "t", "1", "yes", "doğru", "dogru", "evet", "ақиқат", "шын", "иә", "дұрыс"}
_FALSE = {"false", "f", "0", "no", "yanlış", "yanlis", "hayır", "hayir", "жалған", "жоқ", "қате"}


def columns(options: int, matches: int) -> list[str]:
    """Every column, with *options* option and *matches* match columns per language."""
    names = list(HEAD)
    for base in TEXTS:
        names += [f"{base}_{language}" for language in LANGUAGES]
    names += MIDDLE
    names += [UNIT] + [f"{UNIT}_{language}" for language in LANGUAGES]
    names += AFTER_UNIT
    for number in range(1, options + 1):
        names += [f"option_{number}_{language}" for language in LANGUAGES]
    for number in range(1, matches + 1):
        names += [f"match_{number}_{language}" for language in LANGUAGES]
    return names + TAIL


# --- Writing ---------------------------------------------------------------------------------


def _localized(row: dict[str, str], prefix: str, text: LocalizedText | None) -> None:
    if text is None:
        return
    for language, value in text.items():
        row[f"{prefix}_{language}"] = value


def _question_row(question: Question, bank_match: AnswerMatch) -> dict[str, str]:
    row = {
        "id": question.id,
        "kind": question.kind.value,
        "topics": " ".join(question.topics),
        "difficulty": str(question.difficulty),
        "points": "" if question.points == 1 else number_text(question.points),
        "sources": " ".join(f"{r.document}/{r.section}" for r in question_sources(question)),
    }
    _localized(row, "prompt", question.prompt)
    _localized(row, "explanation", question.explanation)
    match question:
        case ChoiceQuestion() | MultiQuestion():
            ids = [c.id for c in question.choices]
            if ids != list("abcdefgh"[: len(ids)]):
                row["option_ids"] = " ".join(ids)
            for number, choice in enumerate(question.choices, start=1):
                _localized(row, f"option_{number}", choice.text)
            if isinstance(question, ChoiceQuestion):
                row["answer"] = question.answer
            else:
                row["answer"] = " ".join(c.id for c in question.choices if c.id in question.answers)
            if not question.shuffle:
                row["shuffle"] = "false"
        case TrueFalseQuestion():
            row["answer"] = "true" if question.answer else "false"
        case TextQuestion():
            if question.match is not bank_match:
                row["match"] = question.match.value
            for language, accepted in question.answers.items():
                for number, value in enumerate(accepted, start=1):
                    row[f"option_{number}_{language}"] = value
        case NumberQuestion():
            row["answer"] = number_text(question.answer)
            if question.tolerance:
                row["tolerance"] = number_text(question.tolerance)
            if question.unit_name:
                row[UNIT] = question.unit_name  # a named unit: its name, in no language
            _localized(row, UNIT, question.unit)
        case DateQuestion():
            row["answer"] = question.answer.iso()
        case OrderQuestion():
            for number, item in enumerate(question.items, start=1):
                _localized(row, f"option_{number}", item)
        case MatchQuestion():
            for number, pair in enumerate(question.pairs, start=1):
                _localized(row, f"option_{number}", pair.left)
                _localized(row, f"match_{number}", pair.right)
            for number, distractor in enumerate(question.distractors, start=len(question.pairs) + 1):
                _localized(row, f"match_{number}", distractor)
    return row


def _metadata_rows(bank: Bank) -> list[dict[str, str]]:
    row = {"id": bank.id, "kind": "bank", "language": bank.source_language, "retired": " ".join(bank.retired)}
    if bank.match is not AnswerMatch.FORMS:
        row["match"] = bank.match.value
    _localized(row, "prompt", bank.title)
    _localized(row, "explanation", bank.description)
    rows = [row]
    for topic in bank.topics:
        row = {"id": topic.id, "kind": "topic"}
        _localized(row, "prompt", topic.name)
        rows.append(row)
    for document in bank.sources:
        row = {
            "id": document.id,
            "kind": "source",
            "author": document.author or "",
            "date": document.date or "",
        }
        _localized(row, "prompt", document.title)
        rows.append(row)
        for section in document.sections:
            row = {"id": f"{document.id}/{section.id}", "kind": "section"}
            _localized(row, "prompt", section.title)
            rows.append(row)
    return rows


def write(bank: Bank, delimiter: str = ";") -> str:
    """*bank* as CSV text (the caller adds the byte-order mark when writing a file)."""
    rows = _metadata_rows(bank) + [_question_row(q, bank.match) for q in bank.questions]
    options = matches = 1
    for row in rows:
        for key in row:
            found = _OPTION.fullmatch(key)
            if found:
                if found.group(1) == "option":
                    options = max(options, int(found.group(2)))
                else:
                    matches = max(matches, int(found.group(2)))
    names = columns(options, matches)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([row.get(name, "") for name in names])
    return out.getvalue()


# --- Reading ---------------------------------------------------------------------------------


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (";", ",", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


class _Row:
    """One record: its cells by column name, and where it starts."""

    def __init__(self, cells: dict[str, str], origin: Origin, reader: CsvReader) -> None:
        self.cells = cells
        self.origin = origin
        self.reader = reader

    def get(self, name: str) -> str:
        return self.cells.get(name, "").strip()

    def text(self, prefix: str) -> LocalizedText:
        texts = {}
        for language in LANGUAGES:
            raw = self.cells.get(f"{prefix}_{language}", "")
            if not raw.strip():
                continue
            value, removed = clean(raw)
            if removed:
                self.reader.report.warn(
                    self.origin, f"column {prefix}_{language}: control characters or direction marks removed"
                )
            if too_long(value):
                self.reader.report.error(
                    self.origin, f"column {prefix}_{language} is longer than a bank text may be"
                )
                continue
            texts[language] = value
        return LocalizedText(texts)

    def numbered(self, prefix: str) -> dict[int, LocalizedText]:
        found: dict[int, LocalizedText] = {}
        for number in self.reader.numbers(prefix):
            text = self.text(f"{prefix}_{number}")
            if text:
                found[number] = text
        return found


class CsvReader:
    """Reads one CSV file: question drafts and the bank's declarations."""

    def __init__(self, path: str, report: Report) -> None:
        self.path = path
        self.report = report
        self.header: list[str] = []
        self._numbers: dict[str, list[int]] = {}
        self._prompts: dict[str, int] = {}

    def numbers(self, prefix: str) -> list[int]:
        return self._numbers.get(prefix, [])

    def read(self, text: str) -> tuple[list[Draft], Declarations]:
        declarations = Declarations()
        drafts: list[Draft] = []
        first_line = text.split("\n", 1)[0]
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
        try:
            header = next(reader, None)
        except csv.Error as exc:
            self.report.error(Origin(self.path, 1, 1), f"the header line cannot be read: {exc}")
            return [], declarations
        if header is None:
            self.report.error(Origin(self.path, 1, 1), "the file is empty")
            return [], declarations
        self.header = [name.strip().lower() for name in header]
        if not self.check_header():
            return [], declarations
        for prefix in ("option", "match"):
            self._numbers[prefix] = sorted(
                {
                    int(m.group(2))
                    for name in self.header
                    if (m := _OPTION.fullmatch(name)) and m.group(1) == prefix
                }
            )
        line = reader.line_num + 1
        while True:
            try:
                record = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                self.report.error(Origin(self.path, line, 1), f"this row cannot be read: {exc}")
                break
            origin = Origin(self.path, line, 1)
            line = reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue
            if len(record) > len(self.header) and any(cell.strip() for cell in record[len(self.header) :]):
                self.report.warn(
                    origin, f"{len(record) - len(self.header)} cell(s) past the last column are not imported"
                )
            row = _Row(dict(zip(self.header, record, strict=False)), origin, self)
            kind = row.get("kind").lower()
            if kind in META_KINDS:
                self.metadata(row, kind, declarations)
                continue
            try:
                question_kind = Kind(kind)
            except ValueError:
                self.report.error(
                    origin,
                    f"column kind: {kind!r} is not a kind; use one of {', '.join(k.value for k in Kind)} "
                    f"(or {', '.join(META_KINDS)} for the bank's own rows)",
                )
                continue
            draft = self.question(row, question_kind)
            if draft is not None:
                drafts.append(draft)
                for language in draft.fields["prompt"]:
                    self._prompts[language] = self._prompts.get(language, 0) + 1
        if declarations.source_language is None and self._prompts:
            # No bank row says it: the language most prompts are written in (the first column on a tie).
            order = [name[len("prompt_") :] for name in self.header if name.startswith("prompt_")]
            declarations.source_language = max(
                self._prompts,
                key=lambda lang: (self._prompts[lang], -order.index(lang) if lang in order else -99),
            )
        return drafts, declarations

    def check_header(self) -> bool:
        known = set(HEAD + MIDDLE + [UNIT] + AFTER_UNIT + TAIL)
        known |= {f"{base}_{language}" for base in [*TEXTS, UNIT] for language in LANGUAGES}
        for name in self.header:
            if name and name not in known and not _OPTION.fullmatch(name):
                self.report.warn(
                    Origin(self.path, 1, 1),
                    f"column {name!r} is not a quizapp column; its cells are not imported",
                )
        if "kind" not in self.header or not any(name.startswith("prompt_") for name in self.header):
            self.report.error(
                Origin(self.path, 1, 1),
                "the first line must name the columns, with at least kind and prompt_tr, prompt_en or prompt_kk "
                "(see 'Bringing questions from Moodle, Anki and spreadsheets' in questions/README.md)",
            )
            return False
        return True

    # -- the bank's own rows --
    def metadata(self, row: _Row, kind: str, declarations: Declarations) -> None:
        row_id = row.get("id")
        title = row.text("prompt")
        if kind == "section":
            document, _, section = row_id.partition("/")
            if not (_ID.fullmatch(document) and _ID.fullmatch(section)):
                self.report.error(row.origin, f"a section row's id is document/section, got {row_id!r}")
                return
            entry = declarations.documents.setdefault(
                document, (LocalizedText(dict.fromkeys(LANGUAGES, document)), None, None, {})
            )
            entry[3][section] = title or LocalizedText(dict.fromkeys(LANGUAGES, section))
            return
        if row_id and not _ID.fullmatch(row_id):
            self.report.error(
                row.origin, f"column id: {row_id!r} is not a valid id (lowercase letters, digits, - _ .)"
            )
            return
        if kind == "bank":
            declarations.bank_id = row_id or None
            declarations.title = title or None
            declarations.description = row.text("explanation") or None
            retired = [i for i in _SPLIT.split(row.get("retired")) if i]
            bad = [i for i in retired if not _ID.fullmatch(i)]
            if bad:
                self.report.error(row.origin, f"column retired: {bad[0]!r} is not a question id")
            else:
                declarations.retired = tuple(retired)
            match = self.match(row)
            if match is not None:
                declarations.match = match
            language = row.get("language").lower()
            if language:
                if language in LANGUAGES:
                    declarations.source_language = language
                else:
                    self.report.error(row.origin, f"column language: use tr, en or kk, got {language!r}")
        elif not row_id:
            self.report.error(row.origin, f"a {kind} row needs an id")
        elif kind == "topic":
            declarations.topics[row_id] = title or LocalizedText(dict.fromkeys(LANGUAGES, row_id))
        else:
            sections = declarations.documents.get(row_id, (None, None, None, {}))[3]
            declarations.documents[row_id] = (
                title or LocalizedText(dict.fromkeys(LANGUAGES, row_id)),
                row.get("author") or None,
                row.get("date") or None,
                sections,
            )

    # -- questions --
    def question(self, row: _Row, kind: Kind) -> Draft | None:
        origin = row.origin
        prompt = row.text("prompt")
        if not prompt:
            self.report.error(origin, "the question has no text in prompt_tr, prompt_en or prompt_kk")
            return None
        fields: dict[str, Any] | None = getattr(self, f"k_{kind.value}")(row)
        if fields is None:
            return None
        fields["prompt"] = prompt
        explanation = row.text("explanation")
        if explanation:
            fields["explanation"] = explanation
        topics = []
        for topic in _SPLIT.split(row.get("topics")):
            if not topic:
                continue
            made = slug(topic)
            if made != topic:
                self.report.warn(origin, f"column topics: {topic!r} is not a valid id; written as {made!r}")
            if made:
                topics.append(made)
        sources = []
        for part in _SPLIT.split(row.get("sources")):
            if not part:
                continue
            document, _, section = part.partition("/")
            if _ID.fullmatch(document) and _ID.fullmatch(section):
                sources.append(SourceRef(document, section))
            else:
                self.report.error(origin, f"column sources: write document/section, got {part!r}")
                return None
        difficulty = None
        if row.get("difficulty"):
            if row.get("difficulty") not in ("1", "2", "3"):
                self.report.error(origin, f"column difficulty: 1, 2 or 3, got {row.get('difficulty')!r}")
                return None
            difficulty = int(row.get("difficulty"))
        points = None
        if row.get("points"):
            points = self.number(row, "points")
            if points is None:
                return None
            if points <= 0:
                self.report.error(origin, "column points: must be more than 0")
                return None
        return Draft(
            origin=origin,
            kind=kind,
            fields=fields,
            title=row.get("id") or None,
            topics=tuple(dict.fromkeys(topics)),
            sources=tuple(sources),
            difficulty=difficulty,
            points=points,
        )

    def number(self, row: _Row, column: str) -> float | None:
        raw = row.get(column).replace("\u00a0", "").replace(" ", "")
        if "," in raw and "." not in raw:
            raw = raw.replace(",", ".")  # a decimal comma, as Turkish and Kazakh spreadsheets write
        try:
            value = float(raw)
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            self.report.error(row.origin, f"column {column}: {row.get(column)!r} is not a number")
            return None
        return value

    def boolean(self, row: _Row, column: str) -> bool | None:
        raw = row.get(column).casefold().replace("i̇", "i")
        if raw in _TRUE:
            return True
        if raw in _FALSE:
            return False
        self.report.error(row.origin, f"column {column}: write true or false, got {row.get(column)!r}")
        return None

    def choice_fields(self, row: _Row) -> tuple[tuple[Choice, ...], list[str]] | None:
        options = row.numbered("option")
        ids = [i for i in _SPLIT.split(row.get("option_ids")) if i]
        texts = [options[n] for n in sorted(options)]
        if len(texts) < 2:
            self.report.error(
                row.origin, "a choice or multi question needs at least two options: option_1_…, option_2_…"
            )
            return None
        if not ids:
            ids = list("abcdefgh"[: len(texts)])
            if len(texts) > 8:
                ids += [str(n) for n in range(9, len(texts) + 1)]
        if len(ids) != len(texts):
            self.report.error(row.origin, f"column option_ids lists {len(ids)} ids for {len(texts)} options")
            return None
        bad = [i for i in ids if not _CHOICE_ID.fullmatch(i)]
        if bad:
            self.report.error(row.origin, f"column option_ids: {bad[0]!r} is not a valid choice id")
            return None
        return tuple(Choice(i, t) for i, t in zip(ids, texts, strict=True)), ids

    def answer_ids(self, row: _Row, ids: list[str]) -> list[str] | None:
        given = [a for a in _SPLIT.split(row.get("answer")) if a]
        result = []
        for answer in given:
            lowered = answer.lower()
            if lowered in ids:
                result.append(lowered)
            elif answer.isdigit() and 1 <= int(answer) <= len(ids):
                result.append(ids[int(answer) - 1])
            else:
                self.report.error(
                    row.origin, f"column answer: {answer!r} is not one of the options {', '.join(ids)}"
                )
                return None
        if not result:
            self.report.error(row.origin, "column answer: give the id of the right option")
            return None
        return result

    def options(self, row: _Row) -> tuple[dict[str, Any], list[str]] | None:
        """The choices, the right ids and ``shuffle`` of a choice or multi row."""
        parsed = self.choice_fields(row)
        answers = self.answer_ids(row, parsed[1]) if parsed is not None else None
        if parsed is None or answers is None:
            return None
        fields: dict[str, Any] = {"choices": parsed[0]}
        if row.get("shuffle"):
            shuffle = self.boolean(row, "shuffle")
            if shuffle is None:
                return None
            fields["shuffle"] = shuffle
        return fields, answers

    def k_choice(self, row: _Row) -> dict[str, Any] | None:
        parsed = self.options(row)
        if parsed is None:
            return None
        fields, answers = parsed
        if len(answers) > 1:
            self.report.error(
                row.origin, "column answer: a choice question has one right option; use kind multi"
            )
            return None
        return {**fields, "answer": answers[0]}

    def k_multi(self, row: _Row) -> dict[str, Any] | None:
        parsed = self.options(row)
        if parsed is None:
            return None
        fields, answers = parsed
        return {**fields, "answers": frozenset(answers)}

    def k_truefalse(self, row: _Row) -> dict[str, Any] | None:
        value = self.boolean(row, "answer")
        return None if value is None else {"answer": value}

    def k_text(self, row: _Row) -> dict[str, Any] | None:
        accepted: dict[str, list[str]] = {}
        for number in self.numbers("option"):
            for language, value in row.text(f"option_{number}").items():
                values = accepted.setdefault(language, [])
                if value not in values:
                    values.append(value)
        if not accepted:
            self.report.error(
                row.origin, "a text question lists its accepted answers in option_1_tr, option_2_tr…"
            )
            return None
        fields: dict[str, Any] = {
            "answers": {language: tuple(values) for language, values in accepted.items()}
        }
        if row.get("match"):
            match = self.match(row)
            if match is None:
                return None
            fields["match"] = match
        return fields

    def match(self, row: _Row) -> AnswerMatch | None:
        """The ``match`` column: ``forms`` or ``exact`` (None, and an error for anything else)."""
        value = row.get("match").lower()
        if not value:
            return None
        try:
            return AnswerMatch(value)
        except ValueError:
            self.report.error(row.origin, f"column match: write forms or exact, got {row.get('match')!r}")
            return None

    def k_number(self, row: _Row) -> dict[str, Any] | None:
        value = self.number(row, "answer")
        if value is None:
            return None
        fields: dict[str, Any] = {"answer": value}
        if row.get("tolerance"):
            tolerance = self.number(row, "tolerance")
            if tolerance is None:
                return None
            fields["tolerance"] = abs(tolerance)
        unit = row.text(UNIT)
        named = row.get(UNIT)
        if named and unit:
            self.report.error(
                row.origin,
                "give the unit either by name (column unit) or as words (unit_tr, unit_en, unit_kk)",
            )
            return None
        if named:
            unit_name = measurement_unit(named)
            if unit_name is None:
                self.report.error(
                    row.origin,
                    f"column unit: {named!r} is not a unit the app can write in every language "
                    f"(e.g. {', '.join(UNIT_EXAMPLES[:4])}); give words in unit_tr, unit_en, unit_kk instead",
                )
                return None
            fields["unit_name"] = unit_name
        elif unit:
            fields["unit"] = unit
        return fields

    def k_date(self, row: _Row) -> dict[str, Any] | None:
        raw = row.get("answer")
        date = parse_iso_partial_date(raw) or parse_user_date(raw)
        if date is None:
            self.report.error(
                row.origin, f"column answer: {raw!r} is not a date (write YYYY, YYYY-MM or YYYY-MM-DD)"
            )
            return None
        return {"answer": date}

    def k_order(self, row: _Row) -> dict[str, Any] | None:
        items = row.numbered("option")
        return {"items": tuple(items[n] for n in sorted(items))}

    def k_match(self, row: _Row) -> dict[str, Any] | None:
        lefts = row.numbered("option")
        rights = row.numbered("match")
        pairs = []
        distractors = []
        for number in sorted(set(lefts) | set(rights)):
            if number in lefts and number not in rights:
                self.report.error(
                    row.origin, f"column option_{number}: a left-hand item needs its match_{number}"
                )
                return None
            if number in lefts:
                pairs.append(MatchPair(lefts[number], rights[number]))
            else:
                distractors.append(rights[number])
        return {"pairs": tuple(pairs), "distractors": tuple(distractors)}


def read(text: str, path: str, report: Report) -> tuple[list[Draft], Declarations]:
    """The questions of the CSV *text* (from *path*) as drafts, and the bank's own rows."""
    return CsvReader(path, report).read(text)
