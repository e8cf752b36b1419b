"""``quizapp import``: foreign files in, a bank that ``quizapp validate`` accepts out.

The steps, and why each is where it is:

1. **Read** each file with its format's reader (guessed from the extension and the content when
   ``--from`` is not given). A file that cannot be read at all (not UTF-8, an XML bomb) is an
   error at its line and column; the other files are still read.
2. **Settle** what the readers cannot know: ids (from titles, slugified and made unique; from
   the text when there is no title), topics (from categories), sources (one source document per
   imported file, a section per category, so a student sees where a question came from), a
   difficulty (2 unless the source says) and, where the source had none, an explanation that
   names the right answer (with a warning: the teacher should write a real one). Every question
   gets a comment ``# from quiz.gift:12`` above it in the YAML: the place it came from stays
   visible as long as the teacher keeps the comment, and costs no field in the format.
3. **Check** the bank we are about to write with the bank loader itself, in memory. A question
   the loader refuses (two options with the same text, too many pairs…) is left out and reported
   at the place it came from, with the loader's words; then the bank is written again. So what
   ``import`` writes always passes ``validate``, whatever the rules are now or become.
4. **Write** the bank: one file when ``OUT`` ends in ``.yaml``, else a folder (``bank.yaml``
   with the metadata and one file per topic, split below the loader's 1 MiB cap). Nothing is
   written outside ``OUT``; an existing ``OUT`` is replaced only with ``--force``.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quizapp.core.errors import BankError, Problem, Severity
from quizapp.core.model import (
    LANGUAGES,
    QUESTION_CLASSES,
    AnswerMatch,
    Bank,
    Kind,
    LocalizedText,
    Question,
    Section,
    SourceDocument,
    SourceRef,
    Topic,
)
from quizapp.formats.drafts import Category, Declarations, Draft, Origin, Report, Skipped, TextReader
from quizapp.formats.refs import source_fields
from quizapp.formats.text import (
    MAX_IMPORT_BYTES,
    DecodeError,
    decode_text,
    gc_paused,
    guess_language,
    slug,
    words_slug,
)

#: A question's difficulty when the source does not give one.
DEFAULT_DIFFICULTY = 2
#: Questions files of a folder bank are kept below this size (the loader's cap is 1 MiB).
FILE_BUDGET = 900 * 1024
_LANGUAGE_NAMES = {"tr": "Turkish", "en": "English", "kk": "Kazakh"}


class UsageError(Exception):
    """The command cannot run as asked (exit code 2)."""


@dataclass
class SourceFile:
    """One imported file: what was read from it."""

    path: Path
    name: str
    drafts: list[Draft]
    language: str
    declarations: Declarations | None = None


@dataclass
class ImportResult:
    """What an import did."""

    problems: list[Problem]
    imported: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    #: Warnings ``quizapp validate`` gives the written bank (missing translations…).
    bank_warnings: int = 0

    @property
    def errors(self) -> int:
        """How many problems are errors."""
        return sum(1 for p in self.problems if p.severity is Severity.ERROR)

    def summary(self, out: Path) -> str:
        """One line for the teacher: "43 imported, 1 skipped: essay at quiz.gift:2; written to …"."""
        parts = [f"{self.imported} imported"]
        if self.skipped:
            shown = ", ".join(f"{s.what} at {s.origin}" for s in self.skipped[:3])
            more = f" and {len(self.skipped) - 3} more" if len(self.skipped) > 3 else ""
            parts.append(f"{len(self.skipped)} skipped: {shown}{more}")
        errors = self.errors
        warnings = len(self.problems) - errors
        parts.append(
            f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
        )
        text = ", ".join(parts[:-1]) + "; " + parts[-1]
        if self.written:
            text += f"; written to {out}"
            if self.bank_warnings:
                text += f" (quizapp validate: {self.bank_warnings} warnings, e.g. missing translations)"
        else:
            text += "; nothing written"
        return text


# --- Reading --------------------------------------------------------------------------------


def guess_format(path: Path, data: bytes) -> str | None:
    """The import format of *path* from its extension, else from its content; None if unsure."""
    by_extension = {".gift": "gift", ".xml": "moodle-xml", ".csv": "csv", ".tsv": "csv", ".aiken": "aiken"}
    suffix = path.suffix.lower()
    if suffix in by_extension:
        return by_extension[suffix]
    try:
        text = decode_text(data[:65536] if not data.startswith((b"\xff\xfe", b"\xfe\xff")) else data)
    except DecodeError:
        text = data[:65536].decode("utf-8", errors="replace")
    head = text.lstrip("\ufeff \t\r\n")[:2048]
    if head.startswith("<?xml") or head.startswith("<quiz"):
        return "moodle-xml"
    first_line = head.split("\n", 1)[0].lower()
    if "prompt_" in first_line and ("," in first_line or ";" in first_line or "\t" in first_line):
        return "csv"
    import re

    answers = re.search(r"^\s*ANSWER\s*:\s*[A-Za-z]\s*$", text, re.MULTILINE)
    braces = re.search(r"(?<!\\)\{[^{}]*(?<!\\)\}", text)
    if answers and not braces:
        return "aiken"
    if braces:
        return "gift"
    return None


def _read_one(
    path: Path, name: str, fmt: str | None, language: str | None, report: Report
) -> SourceFile | None:
    origin = Origin(name, 1, 1)
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            report.error(origin, f"the file is {size:,} bytes; the limit is {MAX_IMPORT_BYTES:,} bytes")
            return None
        data = path.read_bytes()
    except OSError as exc:
        report.error(origin, f"cannot read the file: {exc.strerror or exc}")
        return None
    chosen = fmt or guess_format(path, data)
    if chosen is None:
        raise UsageError(
            f"{name}: cannot tell the format from the name or the content; "
            "give it with --from gift|moodle-xml|aiken|csv"
        )
    if chosen == "moodle-xml":
        # Only to guess languages: the XML parser itself decodes the file as it declares.
        try:
            sample = decode_text(data[:400_000])
        except DecodeError:
            sample = data[:400_000].decode("utf-8", errors="replace")
    else:
        try:
            sample = decode_text(data)
        except DecodeError as exc:
            report.error(Origin(name, exc.line, exc.column), exc.message)
            return None
    from quizapp.formats.multilang import marked_languages

    marked = marked_languages(sample) if chosen != "csv" else []
    guessed = guess_language(sample) if language is None and not marked else None
    default = language or (marked[0] if marked else None) or guessed or "en"
    texts = TextReader(report, default, marked)
    declarations = None
    start = len(report.problems)
    if chosen == "gift":
        from quizapp.formats import gift

        drafts = gift.read(sample, name, report, texts)
    elif chosen == "aiken":
        from quizapp.formats import aiken

        drafts = aiken.read(sample, name, report, texts)
    elif chosen == "moodle-xml":
        from quizapp.formats import moodlexml

        drafts = moodlexml.read(data, name, report, texts)
    elif chosen == "csv":
        from quizapp.formats import spreadsheet

        drafts, declarations = spreadsheet.read(sample, name, report)
        texts.used_default = False
        if declarations.source_language:
            default = declarations.source_language
    else:
        raise UsageError(f"unknown format {chosen!r}")
    if language is None and texts.used_default:
        if guessed is None:
            note = "no --lang given and the language cannot be told from the letters: texts are taken as English (en)"
        else:
            note = (
                f"no --lang given: texts without a language mark are taken as {_LANGUAGE_NAMES[guessed]} "
                f"({guessed}), judging by their letters; give --lang to say otherwise"
            )
        report.problems.insert(start, Problem(name, 1, 1, note, Severity.WARNING))
    return SourceFile(path, name, drafts, default, declarations)


# --- Settling ids, topics and sources ---------------------------------------------------------


def _same_everywhere(text: str) -> LocalizedText:
    """A name that is not in any language (a file name, an id): the same in all three."""
    return LocalizedText(dict.fromkeys(LANGUAGES, text))


class _Builder:
    """Gives drafts ids, topics and sources, and collects the declarations the bank needs."""

    def __init__(self, report: Report, source_language: str) -> None:
        self.report = report
        self.source_language = source_language
        self.ids: set[str] = set()
        #: Ids the bank says are retired: no question may take one.
        self.retired: set[str] = set()
        self.topics: dict[str, LocalizedText] = {}
        #: Topics named after their id for want of a name, which a category may still give.
        self.unnamed: set[str] = set()
        self.used_topics: set[str] = set()
        self.topic_by_category: dict[tuple[str, ...], str] = {}
        self.documents: dict[str, tuple[LocalizedText, str | None, str | None, dict[str, LocalizedText]]] = {}
        self.missing_explanations: list[Origin] = []
        #: The name of each file's topic for questions without a category: the file's name.
        self.default_names: dict[str, LocalizedText] = {}
        #: How typed answers are matched where a question does not say (a CSV's bank row).
        self.bank_match = AnswerMatch.FORMS

    # -- declarations --
    def declare(self, declarations: Declarations) -> None:
        self.retired.update(declarations.retired)
        if declarations.match is not None:
            self.bank_match = declarations.match
        for topic_id, name in declarations.topics.items():
            self.topics.setdefault(topic_id, name)
            self.used_topics.add(topic_id)
        for document_id, document in declarations.documents.items():
            self.documents.setdefault(document_id, document)

    def name_topic(self, topic_id: str, name: LocalizedText | None = None) -> None:
        """Declare *topic_id*, named *name* (or after itself until a category names it)."""
        if name and (topic_id not in self.topics or topic_id in self.unnamed):
            self.topics[topic_id] = name
            self.unnamed.discard(topic_id)
        elif topic_id not in self.topics:
            self.topics[topic_id] = _same_everywhere(topic_id)
            self.unnamed.add(topic_id)

    def topic_for(self, category: Category) -> str:
        """The topic a category becomes (the same for the same path)."""
        known = self.topic_by_category.get(category.path)
        if known is not None:
            return known
        candidates = []
        if category.idnumber and slug(category.idnumber) == category.idnumber:
            candidates.append(category.idnumber)
        candidates.append(slug(category.path[-1]) or "topic")
        if len(category.path) > 1:
            candidates.append(slug("-".join(category.path[-2:])) or "topic")
        taken = set(self.topics) - self.unnamed
        topic_id = next((c for c in candidates if c not in taken), None) or _unique(
            candidates[0], self.topics
        )
        self.name_topic(topic_id, category.name or _same_everywhere(category.path[-1]))
        self.topic_by_category[category.path] = topic_id
        return topic_id

    def document_for(self, source: SourceFile) -> str:
        """The source document standing for an imported file."""
        document_id = _unique(slug(source.path.name) or "imported", self.documents)
        self.documents[document_id] = (_same_everywhere(source.path.name), None, None, {})
        return document_id

    def section(self, document_id: str, section_id: str, title: LocalizedText) -> None:
        self.documents[document_id][3].setdefault(section_id, title)

    def cited(self, ref: SourceRef) -> None:
        """Declare a document and section a question cites, if nothing declared them."""
        document = self.documents.setdefault(ref.document, (_same_everywhere(ref.document), None, None, {}))
        document[3].setdefault(ref.section, _same_everywhere(ref.section))

    # -- questions --
    def question_id(self, draft: Draft, source: SourceFile, exact: bool) -> str:
        base = ""
        if draft.title:
            base = slug(draft.title)
            if exact and base != draft.title:
                self.report.warn(draft.origin, f"{draft.title!r} is not a valid id; written as {base!r}")
        if not base:
            prompt = draft.fields["prompt"]
            base = words_slug(prompt.get_text(source.language, self.source_language))
        if not base:
            base = f"{slug(source.path.stem) or 'question'}-{draft.origin.line}"
        question_id = _unique(base, self.ids, self.retired)
        if exact and question_id != base:
            why = "is retired in this bank" if base in self.retired else "is used twice"
            self.report.warn(
                draft.origin, f"the id {base!r} {why}; this question is written as {question_id!r}"
            )
        self.ids.add(question_id)
        return question_id

    def topics_of(self, draft: Draft, default_topic: str) -> tuple[tuple[str, ...], str]:
        """The question's topics, and the topic whose section cites the imported file."""
        restored = draft.restored
        topics = draft.topics or (restored.topics if restored else ())
        if not topics:
            if draft.category is not None:
                topic = self.topic_for(draft.category)
            else:
                topic = default_topic
                self.name_topic(default_topic, self.default_names.get(default_topic))
            return (topic,), topic
        for index, topic_id in enumerate(topics):
            # Our exports file a question under its first topic's category: that is its name.
            name = draft.category.name if index == 0 and draft.category is not None else None
            self.name_topic(topic_id, name)
        return tuple(topics), topics[0]

    def build(
        self, draft: Draft, source: SourceFile, document_id: str, default_topic: str
    ) -> Question | None:
        restored = draft.restored
        question_id = self.question_id(draft, source, exact=source.declarations is not None)
        topics, section_id = self.topics_of(draft, default_topic)
        self.used_topics.update(topics)
        sources = draft.sources or (restored.sources if restored else ())
        if sources:
            for ref in sources:
                self.cited(ref)
        else:
            self.section(document_id, section_id, self.topics[section_id])
            sources = (SourceRef(document_id, section_id),)
        difficulty = draft.difficulty or (restored.difficulty if restored else None) or DEFAULT_DIFFICULTY
        points = draft.points or (restored.points if restored else None) or 1.0
        fields: dict[str, Any] = dict(draft.fields)
        prompt = fields.pop("prompt")
        explanation = fields.pop("explanation", None)
        if draft.kind is Kind.TEXT and "match" not in fields:
            match = restored.match if restored is not None else None
            fields["match"] = match or self.bank_match
        if restored is not None and draft.kind in (Kind.CHOICE, Kind.MULTI):
            if restored.shuffle is not None:
                fields["shuffle"] = restored.shuffle
            _restore_choice_ids(fields, restored.choice_ids)
        try:
            question = QUESTION_CLASSES[draft.kind](
                id=question_id,
                topics=topics,
                difficulty=difficulty,
                points=points,
                prompt=prompt,
                explanation=explanation or prompt,
                **source_fields(tuple(sources)),
                **fields,
            )
        except (TypeError, ValueError) as exc:  # a reader bug must not become a traceback
            self.report.error(draft.origin, f"cannot build this question: {exc}")
            return None
        if not explanation:
            self.missing_explanations.append(draft.origin)
            question = dataclasses.replace(question, explanation=_answer_explanation(question, prompt))
        return question


def _restore_choice_ids(fields: dict[str, Any], choice_ids: tuple[str, ...]) -> None:
    """Give choices back the ids our export recorded (formats without choice ids number them)."""
    choices = fields.get("choices", ())
    if not choice_ids or len(choice_ids) != len(choices):
        return
    renamed = dict(zip((c.id for c in choices), choice_ids, strict=True))
    fields["choices"] = tuple(dataclasses.replace(c, id=renamed[c.id]) for c in choices)
    if "answer" in fields:
        fields["answer"] = renamed.get(fields["answer"], fields["answer"])
    if "answers" in fields:
        fields["answers"] = frozenset(renamed.get(a, a) for a in fields["answers"])


def _answer_explanation(question: Question, prompt: LocalizedText) -> LocalizedText:
    from quizapp.formats.answers import right_answer, translate

    texts = {}
    for language in prompt:
        answer = right_answer(question, language, language)
        texts[language] = translate("Right answer: {answer}", language).format(answer=answer)
    return LocalizedText(texts)


def _unique(base: str, taken: Collection[str], also: Collection[str] = ()) -> str:
    """*base*, or *base*-2, -3… whichever is in neither *taken* nor *also*."""
    if base not in taken and base not in also:
        return base
    number = 2
    while f"{base}-{number}" in taken or f"{base}-{number}" in also:
        number += 1
    return f"{base}-{number}"


# --- Writing ----------------------------------------------------------------------------------


@dataclass
class _Plan:
    """The files to write: name → text, and where each question stands in them."""

    files: dict[str, str]
    spans: dict[str, list[tuple[int, int, int]]]


def _plan(
    bank: Bank,
    questions: Sequence[Question],
    comments: Sequence[str | None],
    one_file: bool,
    notes: Sequence[str],
    out_name: str,
) -> _Plan:
    from quizapp.formats import bankwriter

    rendered = [
        (index, bankwriter.question_lines(q, comments[index], bank.match.value))
        for index, q in enumerate(questions)
    ]
    if one_file:
        written = bankwriter.one_file(bank, rendered, notes)
        return _Plan({out_name: written.text}, {out_name: written.spans})
    files = {"bank.yaml": bankwriter.metadata_file(bank, notes)}
    spans: dict[str, list[tuple[int, int, int]]] = {}
    groups: dict[str, list[tuple[int, list[str]]]] = {}
    for index, lines in rendered:
        groups.setdefault(questions[index].topics[0], []).append((index, lines))
    for topic_id, items in groups.items():
        stem = topic_id if topic_id != "bank" else "topic-bank"
        chunks: list[list[tuple[int, list[str]]]] = [[]]
        size = 0
        for item in items:
            item_size = sum(len(line.encode("utf-8")) + 1 for line in item[1]) + 1
            if chunks[-1] and size + item_size > FILE_BUDGET:
                chunks.append([])
                size = 0
            chunks[-1].append(item)
            size += item_size
        for number, chunk in enumerate(chunks, start=1):
            name = f"{stem}.yaml" if number == 1 else f"{stem}-{number}.yaml"
            written = bankwriter.questions_file(chunk, notes)
            files[name] = written.text
            spans[name] = written.spans
    return _Plan(files, spans)


def _check(plan: _Plan, out: Path, one_file: bool) -> tuple[list[Problem], list[Problem]]:
    """The loader's errors and warnings for the planned files (paths as they will be written)."""
    from quizapp.core.loading import load_bank_texts

    def path_of(name: str) -> str:
        return str(out) if one_file else str(out / name)

    try:
        loaded = load_bank_texts(
            [(path_of(name), text.encode("utf-8")) for name, text in plan.files.items()], str(out)
        )
    except BankError as exc:
        return [p for p in exc.problems if p.severity is Severity.ERROR], []
    return [], list(loaded.warnings)


def _write_files(plan: _Plan, out: Path, one_file: bool, force: bool) -> list[Path]:
    written: list[Path] = []
    if one_file:
        out.parent.mkdir(parents=True, exist_ok=True)
        _atomic_write(out, plan.files[next(iter(plan.files))])
        return [out]
    out.mkdir(parents=True, exist_ok=True)
    if force:
        for old in sorted(out.iterdir()):
            if old.suffix in (".yaml", ".yml") and old.is_file() and old.name not in plan.files:
                old.unlink()
    for name, text in plan.files.items():
        target = out / name
        _atomic_write(target, text)
        written.append(target)
    return written


def _atomic_write(target: Path, text: str) -> None:
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, target)
    finally:
        if temp.exists():
            temp.unlink()


def check_output(out: Path, force: bool) -> None:
    """Refuse (UsageError) an ``OUT`` that exists, unless *force*; or one that cannot be a bank."""
    one_file = out.suffix.lower() in (".yaml", ".yml")
    if one_file:
        if out.is_dir():
            raise UsageError(f"{out} is a folder; a one-file bank needs a file name ending in .yaml")
        if out.exists() and not force:
            raise UsageError(f"{out} exists; use --force to replace it")
        return
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} is a file; give a folder, or a file name ending in .yaml")
    if out.is_dir():
        entries = list(out.iterdir())
        if entries and not force:
            raise UsageError(f"the folder {out} is not empty; use --force to replace its bank files")
        nested = [p for p in out.rglob("*") if p.suffix in (".yaml", ".yml") and p.parent != out]
        if nested:
            raise UsageError(f"{out} has bank files in subfolders ({nested[0]}); choose another folder")


def import_files(
    sources: Sequence[Path],
    out: Path,
    fmt: str | None = None,
    language: str | None = None,
    bank_id: str | None = None,
    title: str | None = None,
    force: bool = False,
) -> ImportResult:
    """Import *sources* into a bank at *out*; UsageError when the request itself is wrong."""
    with gc_paused():
        return _import_files(sources, out, fmt, language, bank_id, title, force)


def _import_files(
    sources: Sequence[Path],
    out: Path,
    fmt: str | None,
    language: str | None,
    bank_id: str | None,
    title: str | None,
    force: bool,
) -> ImportResult:
    if bank_id is not None and slug(bank_id) != bank_id:
        raise UsageError(
            f"--bank-id {bank_id!r}: use lowercase letters, digits, '-', '_' and '.' "
            f"(e.g. {slug(bank_id) or 'my-bank'!r})"
        )
    check_output(out, force)
    report = Report()
    files = [read for path in sources if (read := _read_one(path, str(path), fmt, language, report))]
    declared = next((f.declarations for f in files if f.declarations is not None), None)
    source_language = language or (declared.source_language if declared else None) or _most_used(files)
    builder = _Builder(report, source_language)
    for source in files:
        if source.declarations is not None:
            builder.declare(source.declarations)
    built = [
        (question, draft.origin)
        for source in files
        for draft, question in _build_file(builder, source)
        if question is not None
    ]
    result = ImportResult(report.problems, skipped=report.skipped)
    if not built:
        if not report.problems:
            report.error(Origin(str(sources[0]) if sources else str(out), 1, 1), "no questions found")
        result.problems = _sorted(report.problems)
        return result
    meta = _bank_meta(builder, declared, bank_id, title, out, source_language)
    notes = [
        "Imported by quizapp from " + ", ".join(f.name for f in files) + ".",
        "Each '# from FILE:LINE' comment says where the question below it came from.",
    ]
    checked = _checked_plan(meta, built, out, notes, report)
    if checked is not None:
        plan, kept, warnings = checked
        _warn_missing_explanations(builder, {origin for _question, origin in kept}, report)
        result.written = _write_files(plan, out, out.suffix.lower() in (".yaml", ".yml"), force)
        result.imported = len(kept)
        result.bank_warnings = len(warnings)
    result.problems = _sorted(report.problems)
    return result


def _most_used(files: Sequence[SourceFile]) -> str:
    """The language most of the questions read were taken to be in."""
    counts: dict[str, int] = {}
    for source in files:
        counts[source.language] = counts.get(source.language, 0) + len(source.drafts)
    return max(counts, key=lambda k: counts[k]) if counts else "en"


def _build_file(builder: _Builder, source: SourceFile) -> Iterator[tuple[Draft, Question | None]]:
    document_id = builder.document_for(source)
    default_topic = slug(source.path.stem) or "imported"
    builder.default_names.setdefault(default_topic, _same_everywhere(source.path.stem or default_topic))
    for draft in source.drafts:
        yield draft, builder.build(draft, source, document_id, default_topic)


def _checked_plan(
    meta: Bank, built: list[tuple[Question, Origin]], out: Path, notes: Sequence[str], report: Report
) -> tuple[_Plan, list[tuple[Question, Origin]], list[Problem]] | None:
    """The files to write, checked by the loader itself: what it refuses is left out and reported
    at its origin. None (with errors reported) when nothing can be written."""
    one_file = out.suffix.lower() in (".yaml", ".yml")
    kept = list(built)
    # Each round leaves out what the loader refused; a second round finds nothing more unless a
    # question is refused only because of another one.
    for _attempt in range(3):
        plan = _plan(meta, [q for q, _ in kept], [f"from {o}" for _, o in kept], one_file, notes, out.name)
        errors, warnings = _check(plan, out, one_file)
        if not errors:
            break
        refused = _refused(errors, plan, out, one_file, [o for _, o in kept], report)
        if not refused:
            for problem in errors:
                report.error(
                    Origin(problem.path, problem.line, problem.column),
                    f"quizapp could not write a valid bank here (please report this): {problem.message}",
                )
            return None
        kept = [item for index, item in enumerate(kept) if index not in refused]
        if not kept:
            return None
    else:  # pragma: no cover - the rounds settle: each removes what the loader refused
        return None
    if one_file and len(plan.files[out.name].encode("utf-8")) > 1024 * 1024:
        report.error(
            Origin(str(out), 1, 1),
            f"{len(kept)} questions are too many for one file (the limit is 1 MiB): "
            "give a folder name instead of a .yaml file",
        )
        return None
    return plan, kept, warnings


def _warn_missing_explanations(builder: _Builder, kept: set[Origin], report: Report) -> None:
    missing = [origin for origin in builder.missing_explanations if origin in kept]
    if not missing:
        return
    places = ", ".join(f":{o.line}" for o in missing[:5])
    more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
    report.warn(
        missing[0],
        f"{len(missing)} question(s) had no general feedback (at {places}{more}); "
        "their explanation only names the right answer: write one that teaches",
    )


def _refused(
    errors: list[Problem], plan: _Plan, out: Path, one_file: bool, origins: list[Origin], report: Report
) -> set[int]:
    """The questions the loader refused (reported at their origin); empty if an error is elsewhere."""
    refused: set[int] = set()
    for problem in errors:
        name = out.name if one_file else Path(problem.path).name
        index = next(
            (i for i, first, last in plan.spans.get(name, []) if first <= problem.line <= last), None
        )
        if index is None:
            return set()
        if index not in refused:
            report.error(origins[index], f"not imported: {problem.message}")
            refused.add(index)
    return refused


def _bank_meta(
    builder: _Builder,
    declared: Declarations | None,
    bank_id: str | None,
    title: str | None,
    out: Path,
    source_language: str,
) -> Bank:
    stem = out.stem if out.suffix.lower() in (".yaml", ".yml") else out.name
    the_id = bank_id or (declared.bank_id if declared else None) or slug(stem) or "imported"
    if title is not None:
        the_title = LocalizedText({source_language: title.strip() or the_id})
    elif declared is not None and declared.title is not None:
        the_title = declared.title
    else:
        the_title = _same_everywhere(stem or the_id)
    topics = tuple(Topic(t, name) for t, name in builder.topics.items() if t in builder.used_topics)
    documents = tuple(
        SourceDocument(d, title_, tuple(Section(s, st) for s, st in sections.items()), author, date)
        for d, (title_, author, date, sections) in builder.documents.items()
        if sections  # the document standing for an imported file is left out if nothing cites it
    )
    return Bank(
        id=the_id,
        title=the_title,
        source_language=source_language,
        sources=documents,
        topics=topics,
        questions=(),
        description=declared.description if declared else None,
        retired=declared.retired if declared else (),
        match=(declared.match if declared else None) or AnswerMatch.FORMS,
    )


def _sorted(problems: list[Problem]) -> list[Problem]:
    order = {path: index for index, path in enumerate(dict.fromkeys(p.path for p in problems))}
    return sorted(problems, key=lambda p: (order[p.path], p.line, p.column))
