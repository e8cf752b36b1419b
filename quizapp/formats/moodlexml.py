"""Moodle XML: reading (through ``defusedxml`` only) and writing, every kind.

**Reading safely.** A question bank file is untrusted. It is parsed by ``defusedxml``'s SAX
parser with DTDs forbidden: a "billion laughs" entity bomb, an external entity (XXE) or any
``<!DOCTYPE`` is refused with a located error before anything is expanded or fetched. The file
size is capped before parsing (see :data:`quizapp.formats.text.MAX_IMPORT_BYTES`) and elements
nested deeper than :data:`MAX_DEPTH` are refused, so nothing downstream can recurse too deep. The
SAX handler builds a small tree that remembers each element's line, so every problem points
at its place in the file.

**Mapping.** ``multichoice`` (single → choice, multiple → multi), ``truefalse``, ``shortanswer``
(→ text), ``numerical`` (tolerance, first unit), ``matching`` (an empty subquestion is a
distractor), ``ordering``; ``category`` paths → topics (their ``idnumber`` → the topic id);
``name`` → id; ``generalfeedback`` → explanation; ``defaultgrade`` → points. Moodle's
multi-language markup becomes our tr/en/kk texts. Essays, descriptions, cloze (multianswer),
calculated, drag-and-drop and the like are listed as skipped.

**Writing.** Every kind: choice/multi → multichoice (multi: each right option 100/n, each wrong
one −100/n, so ticking everything scores nothing, as in quizapp); text → shortanswer with every
accepted answer; number → numerical with tolerance and unit; date → shortanswer with the usual
spellings; order → ordering; match → matching. Topics → categories; explanation and source →
general feedback; ``--lang all`` writes multilang spans. Tags (``topic:…``, ``difficulty:…``,
``source:…``, ``kind:date``) and ``quizapp-id``/``quizapp-lang`` attributes (Moodle ignores
unknown attributes) carry what Moodle has no field for, so our reader gives the same bank back.
"""

from __future__ import annotations

import math
import re
import xml.sax
import xml.sax.handler
from collections.abc import Iterator, Sequence
from typing import Any
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import defusedxml
import defusedxml.sax

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
from quizapp.formats.text import number_text, percent_text

#: Deepest element nesting accepted (Moodle XML needs 6).
MAX_DEPTH = 64
#: Most elements accepted in one file.
MAX_ELEMENTS = 2_000_000
CHOICE_IDS = "abcdefgh"
_UNSUPPORTED = {
    "essay": "essay question",
    "description": "description",
    "multianswer": "cloze (multianswer) question",
    "calculated": "calculated question",
    "calculatedsimple": "calculated question",
    "calculatedmulti": "calculated question",
    "ddwtos": "drag-and-drop question",
    "ddimageortext": "drag-and-drop question",
    "ddmarker": "drag-and-drop question",
    "gapselect": "select-missing-words question",
    "randomsamatch": "random short-answer matching question",
    "random": "random question",
}
_FORMATS = {"html": "html", "moodle_auto_format": "moodle", "plain_text": "plain", "markdown": "plain"}
_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")
_CHOICE_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")


# --- Reading -------------------------------------------------------------------------------


class _Node:
    """An element: tag, attributes, children, its own text, and where it starts."""

    __slots__ = ("attrs", "children", "column", "line", "parts", "tag")

    def __init__(self, tag: str, attrs: dict[str, str], line: int, column: int) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[_Node] = []
        self.parts: list[str] = []
        self.line = line
        self.column = column

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def child(self, tag: str) -> _Node | None:
        return next((c for c in self.children if c.tag == tag), None)

    def all(self, tag: str) -> Iterator[_Node]:
        return (c for c in self.children if c.tag == tag)

    def value(self, tag: str) -> str | None:
        """The text of ``<tag>`` (or of its ``<text>`` child), stripped; None if absent."""
        found = self.child(tag)
        if found is None:
            return None
        inner = found.child("text")
        return (inner.text if inner is not None else found.text).strip()


class _TooDeep(Exception):
    pass


class _Handler(xml.sax.handler.ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.root: _Node | None = None
        self.stack: list[_Node] = []
        self.locator: Any = None
        self.count = 0
        #: Inside a <text> element: 1 + the depth of markup elements within it.
        self.markup = 0

    def setDocumentLocator(self, locator: Any) -> None:
        self.locator = locator

    def position(self) -> tuple[int, int]:
        if self.locator is None:
            return 1, 1
        return max(1, self.locator.getLineNumber() or 1), (self.locator.getColumnNumber() or 0) + 1

    def startElement(self, name: str, attrs: Any) -> None:
        self.count += 1
        if len(self.stack) >= MAX_DEPTH or self.count > MAX_ELEMENTS:
            raise _TooDeep
        if self.markup:
            # HTML written into <text> without CDATA (a hand-edited file): keep it as markup.
            attributes = "".join(
                f' {key}="{xml_escape(value, {chr(34): "&quot;"})}"' for key, value in attrs.items()
            )
            self.stack[-1].parts.append(f"<{name}{attributes}>")
            self.stack.append(self.stack[-1])
            self.markup += 1
            return
        node = _Node(name, dict(attrs.items()), *self.position())
        if self.stack:
            self.stack[-1].children.append(node)
        else:
            self.root = node
        self.stack.append(node)
        if name == "text":
            self.markup = 1

    def endElement(self, name: str) -> None:
        self.stack.pop()
        if self.markup:
            self.markup -= 1
            if self.markup:
                self.stack[-1].parts.append(f"</{name}>")

    def characters(self, content: str) -> None:
        if self.stack:
            self.stack[-1].parts.append(content)


def parse(data: bytes, path: str, report: Report) -> _Node | None:
    """The XML tree of *data*, or None with a located error. Never expands an entity."""
    handler = _Handler()
    try:
        defusedxml.sax.parseString(data, handler, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except _TooDeep:
        line, column = handler.position()
        report.error(
            Origin(path, line, column),
            f"elements nested deeper than {MAX_DEPTH} levels (or more than {MAX_ELEMENTS:,} elements): "
            "this is not a Moodle question file",
        )
        return None
    except defusedxml.DefusedXmlException as exc:
        line, column = _declaration_position(data, handler)
        kind = {
            "DTDForbidden": "a DTD (<!DOCTYPE …>)",
            "EntitiesForbidden": "entity declarations",
            "ExternalReferenceForbidden": "a reference to an external file",
        }.get(type(exc).__name__, "a construct that is not allowed")
        report.error(
            Origin(path, line, column),
            f"the file contains {kind}, which quizapp refuses for safety (entity bombs, reading "
            "other files); Moodle's own exports never have one",
        )
        return None
    except xml.sax.SAXParseException as exc:
        report.error(
            Origin(path, max(1, exc.getLineNumber() or 1), (exc.getColumnNumber() or 0) + 1),
            f"this is not well-formed XML: {exc.getMessage()}",
        )
        return None
    except (xml.sax.SAXException, ValueError, UnicodeError, LookupError) as exc:
        report.error(Origin(path, 1, 1), f"this XML cannot be read: {exc}")
        return None
    if handler.root is None or handler.root.tag != "quiz":
        node = handler.root
        report.error(
            Origin(path, node.line if node else 1, node.column if node else 1),
            "this XML is not a Moodle question file (it does not start with <quiz>)",
        )
        return None
    return handler.root


def _declaration_position(data: bytes, handler: _Handler) -> tuple[int, int]:
    for marker in (b"<!DOCTYPE", b"<!ENTITY"):
        index = data.find(marker)
        if index >= 0:
            before = data[:index]
            return before.count(b"\n") + 1, index - (before.rfind(b"\n") + 1) + 1
    return handler.position()


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _true(text: str | None, default: bool) -> bool:
    if text is None or not text.strip():
        return default
    return text.strip().lower() in ("1", "true", "yes")


class XmlReader:
    """Reads the questions of one Moodle XML file into drafts."""

    def __init__(self, path: str, report: Report, texts: TextReader) -> None:
        self.path = path
        self.report = report
        self.texts = texts
        self.category: Category | None = None

    def origin(self, node: _Node) -> Origin:
        return Origin(self.path, node.line, node.column)

    def read(self, root: _Node) -> list[Draft]:
        drafts = []
        for node in root.children:
            if node.tag != "question":
                continue
            kind = node.attrs.get("type", "")
            if kind == "category":
                raw = node.value("category") or ""
                idnumber = node.value("idnumber")
                self.category = category_from_path(raw, self.texts, self.origin(node), idnumber or None)
                continue
            if kind in _UNSUPPORTED:
                self.report.skip(
                    self.origin(node), _UNSUPPORTED[kind], "quizapp cannot ask this kind of question"
                )
                continue
            reader = getattr(self, f"q_{kind}", None)
            if reader is None:
                self.report.skip(
                    self.origin(node), f"{kind or 'untyped'} question", "quizapp does not know this kind"
                )
                continue
            draft = self.question(node, reader)
            if draft is not None:
                drafts.append(draft)
        return drafts

    # -- common parts --
    def text(
        self, node: _Node | None, origin: Origin, what: str, fmt: str | None = None
    ) -> LocalizedText | None:
        """The text of an element with a ``<text>`` child and a ``format`` attribute."""
        if node is None:
            self.report.error(origin, f"{what} is missing")
            return None
        inner = node.child("text")
        raw = inner.text if inner is not None else node.text
        chosen = fmt or _FORMATS.get(node.attrs.get("format", "html"), "html")
        return self.texts.localized(raw, Origin(self.path, node.line, node.column), what, chosen)

    def restored(self, node: _Node) -> Restored | None:
        tags = node.child("tags")
        if tags is None:
            return None
        restored = Restored()
        found = False
        topics: list[str] = []
        sources: list[SourceRef] = []
        for tag in tags.all("tag"):
            value = (tag.value("text") or tag.text).strip()
            key, _, rest = value.partition(":")
            if key == "topic" and _ID.fullmatch(rest):
                topics.append(rest)
            elif key == "difficulty" and rest in ("1", "2", "3"):
                restored.difficulty = int(rest)
            elif key == "source" and rest.count("/") == 1:
                document, section = rest.split("/")
                if _ID.fullmatch(document) and _ID.fullmatch(section):
                    sources.append(SourceRef(document, section))
            elif key == "kind" and rest in ("date",):
                restored.kind = Kind(rest)
            elif key == "match" and rest in ("forms", "exact"):
                restored.match = AnswerMatch(rest)
            else:
                continue
            found = True
        restored.topics = tuple(topics)
        restored.sources = tuple(sources)
        return restored if found else None

    def question(self, node: _Node, reader: Any) -> Draft | None:
        origin = self.origin(node)
        prompt = self.text(node.child("questiontext"), origin, "the question text")
        if prompt is None:
            return None
        general = node.child("generalfeedback")
        explanation = None
        if general is not None:
            explanation = self.texts.localized_or_empty(
                (general.child("text") or general).text,
                self.origin(general),
                "the general feedback",
                _FORMATS.get(general.attrs.get("format", "html"), "html"),
            )
        restored = self.restored(node)
        result = reader(node, origin, restored)
        if result is None:
            return None
        kind, fields = result
        fields["prompt"] = prompt
        if explanation:
            fields["explanation"] = explanation
        points = _number(node.value("defaultgrade"))
        if points is not None and points <= 0:
            self.report.warn(
                origin, f"the question is worth {points:g} points; quizapp needs more than 0, so 1"
            )
            points = None
        return Draft(
            origin=origin,
            kind=kind,
            fields=fields,
            title=node.value("name") or None,
            category=self.category,
            points=points,
            restored=restored,
        )

    def answers(self, node: _Node) -> list[tuple[_Node, float]]:
        result = []
        for answer in node.all("answer"):
            fraction = _number(answer.attrs.get("fraction", "0"))
            result.append((answer, fraction if fraction is not None else 0.0))
        return result

    def feedback_warning(self, answers: Sequence[_Node]) -> None:
        for answer in answers:
            feedback = answer.value("feedback")
            if feedback:
                self.report.warn(
                    self.origin(answer),
                    "feedback on individual answers is not kept (quizapp shows the explanation instead)",
                )
                return

    def choices(self, answers: Sequence[_Node]) -> tuple[Choice, ...] | None:
        choices = []
        for index, answer in enumerate(answers):
            text = self.text(answer, self.origin(answer), f"option {index + 1}")
            if text is None:
                return None
            choice_id = answer.attrs.get("quizapp-id", "")
            if not _CHOICE_ID.fullmatch(choice_id):
                choice_id = CHOICE_IDS[index]
            choices.append(Choice(choice_id, text))
        return tuple(choices)

    # -- kinds --
    def q_multichoice(
        self, node: _Node, origin: Origin, restored: Restored | None
    ) -> tuple[Kind, dict[str, Any]] | None:
        answers = self.answers(node)
        nodes = [a for a, _ in answers]
        self.feedback_warning(nodes)
        if not 2 <= len(answers) <= len(CHOICE_IDS):
            self.report.skip(
                origin, "multiple-choice question", f"it has {len(answers)} options; quizapp asks with 2 to 8"
            )
            return None
        choices = self.choices(nodes)
        if choices is None:
            return None
        shuffle = _true(node.value("shuffleanswers"), True)
        fields: dict[str, Any] = {"choices": choices}
        if not shuffle:
            fields["shuffle"] = False
        if _true(node.value("single"), True):
            best = max(fraction for _, fraction in answers)
            right = [i for i, (_, fraction) in enumerate(answers) if fraction == best and fraction > 0]
            if not right:
                self.report.error(origin, "no option has a positive grade")
                return None
            if best < 100:
                self.report.warn(
                    origin, f"the best option is worth only {best:g}%; it is taken as the answer"
                )
            if len(right) > 1:
                self.report.warn(
                    self.origin(nodes[right[1]]),
                    "several options are fully right; the first is kept as the answer, the others count as wrong",
                )
            for answer, fraction in answers:
                if 0 < fraction < best:
                    self.report.warn(
                        self.origin(answer),
                        f"partial credit ({fraction:g}%) on a wrong option is not kept: it gives no points",
                    )
            fields["answer"] = choices[right[0]].id
            return Kind.CHOICE, fields
        right = [i for i, (_, fraction) in enumerate(answers) if fraction > 0]
        if not right:
            self.report.error(origin, "no option has a positive grade")
            return None
        if len({answers[i][1] for i in right}) > 1:
            self.report.warn(
                origin, "the right options have different grades; quizapp gives each an equal share"
            )
        fields["answers"] = frozenset(choices[i].id for i in right)
        return Kind.MULTI, fields

    def q_truefalse(
        self, node: _Node, origin: Origin, restored: Restored | None
    ) -> tuple[Kind, dict[str, Any]] | None:
        answers = self.answers(node)
        self.feedback_warning([a for a, _ in answers])
        right = [a for a, fraction in answers if fraction > 0]
        value = (right[0].value("text") or "").lower() if right else ""
        if value not in ("true", "false"):
            self.report.error(origin, "a true/false question needs an answer 'true' or 'false' worth 100%")
            return None
        return Kind.TRUEFALSE, {"answer": value == "true"}

    def typed_answers(self, node: _Node, origin: Origin) -> dict[str, list[str]] | None:
        answers = self.answers(node)
        self.feedback_warning([a for a, _ in answers])
        if _true(node.value("usecase"), False):
            self.report.warn(origin, "answers are case-sensitive in Moodle; quizapp ignores case")
        accepted: dict[str, list[str]] = {}
        for answer, fraction in answers:
            if fraction < 100:
                if fraction > 0:
                    self.report.warn(
                        self.origin(answer),
                        f"a partly right answer ({fraction:g}%) is not kept: quizapp accepts an answer or not",
                    )
                continue
            raw, wildcard = typed_answer(answer.value("text") or "")
            if wildcard:
                self.report.warn(
                    self.origin(answer), f"the wildcard answer {raw!r} is not kept: quizapp has no wildcards"
                )
                continue
            languages = answer.attrs.get("quizapp-lang", "").split() or None
            text = self.texts.localized(raw, self.origin(answer), "an answer", "plain")
            if text is None:
                return None
            for language, value in text.items():
                for lang in languages or [language]:
                    if lang in LANGUAGES:
                        bucket = accepted.setdefault(lang, [])
                        if value not in bucket:
                            bucket.append(value)
        if not accepted:
            self.report.skip(origin, "short-answer question", "no answer is left that quizapp can accept")
            return None
        return accepted

    def q_shortanswer(
        self, node: _Node, origin: Origin, restored: Restored | None
    ) -> tuple[Kind, dict[str, Any]] | None:
        accepted = self.typed_answers(node, origin)
        if accepted is None:
            return None
        if restored is not None and restored.kind is Kind.DATE:
            date = parse_iso_partial_date(next(iter(accepted.values()))[0])
            if date is not None:
                return Kind.DATE, {"answer": date}
        return Kind.TEXT, {"answers": {lang: tuple(values) for lang, values in accepted.items()}}

    def q_numerical(
        self, node: _Node, origin: Origin, restored: Restored | None
    ) -> tuple[Kind, dict[str, Any]] | None:
        answers = [(a, f) for a, f in self.answers(node) if (a.value("text") or "").strip() != "*"]
        self.feedback_warning([a for a, _ in answers])
        full = [(a, f) for a, f in answers if f >= 100]
        if not full:
            self.report.error(origin, "no numerical answer is worth 100%")
            return None
        answer = full[0][0]
        value = _number(answer.value("text"))
        tolerance = _number(answer.value("tolerance")) or 0.0
        if value is None:
            self.report.error(self.origin(answer), f"{answer.value('text')!r} is not a number")
            return None
        extra = [a for a, f in answers if a is not answer and f > 0]
        if extra:
            self.report.warn(
                self.origin(extra[0]),
                f"{len(extra)} more numerical answer(s) not kept: quizapp has one answer with a tolerance",
            )
        fields: dict[str, Any] = {"answer": value, "tolerance": abs(tolerance)}
        units = node.child("units")
        if units is not None:
            names: dict[str, str] = {}
            dropped = []
            for unit in units.all("unit"):
                name = (unit.value("unit_name") or "").strip()
                multiplier = _number(unit.value("multiplier"))
                if not name:
                    continue
                if multiplier != 1:
                    dropped.append(name)
                    continue
                for language in unit.attrs.get("quizapp-lang", "").split() or self.texts.unmarked:
                    if language in LANGUAGES:
                        names.setdefault(language, name)
            if dropped:
                self.report.warn(origin, f"units with a multiplier are not kept: {', '.join(dropped)}")
            if names:
                fields["unit"] = LocalizedText(names)
        return Kind.NUMBER, fields

    def q_matching(
        self, node: _Node, origin: Origin, restored: Restored | None
    ) -> tuple[Kind, dict[str, Any]] | None:
        pairs: list[MatchPair] = []
        distractors: list[LocalizedText] = []
        for index, sub in enumerate(node.all("subquestion")):
            where = self.origin(sub)
            right = self.text(sub.child("answer"), where, f"pair {index + 1} (right)")
            if right is None:
                return None
            left = self.texts.localized_or_empty(
                (sub.child("text") or sub).text,
                where,
                f"pair {index + 1} (left)",
                _FORMATS.get(sub.attrs.get("format", "html"), "html"),
            )
            if left is None:
                return None
            if not left:
                distractors.append(right)
            else:
                pairs.append(MatchPair(left, right))
        if not 2 <= len(pairs) <= 8 or len(distractors) > 8:
            self.report.skip(
                origin,
                "matching question",
                f"it has {len(pairs)} pairs and {len(distractors)} distractors; quizapp asks 2 to 8 pairs "
                "and at most 8 distractors",
            )
            return None
        return Kind.MATCH, {"pairs": tuple(pairs), "distractors": tuple(distractors)}

    def q_ordering(
        self, node: _Node, origin: Origin, restored: Restored | None
    ) -> tuple[Kind, dict[str, Any]] | None:
        answers = self.answers(node)
        fractions = [f for _, f in answers]
        if len(set(fractions)) == len(fractions) and all(f > 0 for f in fractions):
            answers = sorted(answers, key=lambda item: item[1])
        if not 3 <= len(answers) <= 8:
            self.report.skip(
                origin, "ordering question", f"it has {len(answers)} items; quizapp orders 3 to 8"
            )
            return None
        items = []
        for index, (answer, _fraction) in enumerate(answers):
            text = self.text(answer, self.origin(answer), f"item {index + 1}")
            if text is None:
                return None
            items.append(text)
        return Kind.ORDER, {"items": tuple(items)}


def read(data: bytes, path: str, report: Report, texts: TextReader) -> list[Draft]:
    """The questions of the Moodle XML *data* (from *path*) as drafts."""
    root = parse(data, path, report)
    if root is None:
        return []
    return XmlReader(path, report, texts).read(root)


# --- Writing -------------------------------------------------------------------------------


def _cdata(html: str) -> str:
    return "<![CDATA[" + html.replace("]]>", "]]]]><![CDATA[>") + "]]>"


class _XmlWriter:
    def __init__(self, exporter: Exporter) -> None:
        self.x = exporter
        self.out: list[str] = []

    def text_element(
        self, tag: str, html: str, fmt: str = "html", indent: str = "    ", attrs: str = ""
    ) -> None:
        self.out.append(f'{indent}<{tag} format="{fmt}"{attrs}><text>{_cdata(html)}</text></{tag}>')

    def typed(self, values: list[tuple[str, list[str]]], indent: str) -> None:
        """Typed answers (compared with what the student types): plain text, each marked with its
        language, in order (the first of each language is the one quizapp shows)."""
        for language, accepted in values:
            for value in accepted:
                self.out.append(
                    f'{indent}<answer fraction="100" format="moodle_auto_format" quizapp-lang="{language}">'
                    f'<text>{xml_escape(escape_typed(value))}</text><feedback format="html"><text></text></feedback></answer>'
                )

    def category(self, topic_id: str) -> None:
        bank = self.x.bank
        topic = bank.topic(topic_id)
        name = topic.name if topic is not None else LocalizedText({bank.source_language: topic_id})
        path = "/".join(
            ("$course$", "top", _path_part(self.x.html(bank.title)), _path_part(self.x.html(name)))
        )
        self.out += [
            '  <question type="category">',
            f"    <category><text>{xml_escape(path)}</text></category>",
            '    <info format="html"><text></text></info>',
            f"    <idnumber>{xml_escape(topic_id)}</idnumber>",
            "  </question>",
            "",
        ]

    def general_feedback(self, question: Question) -> str:
        return self.x.html(question.explanation, question) + self.x.source_paragraph(question)

    def question(self, question: Question) -> None:
        from quizapp.formats.refs import question_sources

        qtype = {
            Kind.CHOICE: "multichoice",
            Kind.MULTI: "multichoice",
            Kind.TRUEFALSE: "truefalse",
            Kind.TEXT: "shortanswer",
            Kind.NUMBER: "numerical",
            Kind.DATE: "shortanswer",
            Kind.ORDER: "ordering",
            Kind.MATCH: "matching",
        }[question.kind]
        i = "    "
        self.out.append(f'  <question type="{qtype}">')
        self.out.append(f"{i}<name><text>{xml_escape(question.id)}</text></name>")
        self.text_element("questiontext", self.x.html(question.prompt, question))
        self.text_element("generalfeedback", self.general_feedback(question))
        self.out.append(f"{i}<defaultgrade>{number_text(question.points)}</defaultgrade>")
        self.out.append(f"{i}<penalty>0.3333333</penalty>")
        self.out.append(f"{i}<hidden>0</hidden>")
        self.out.append(f"{i}<idnumber>{xml_escape(question.id)}</idnumber>")
        match question:
            case ChoiceQuestion() | MultiQuestion():
                single = isinstance(question, ChoiceQuestion)
                right_ids = (
                    {question.answer} if isinstance(question, ChoiceQuestion) else set(question.answers)
                )
                self.out.append(f"{i}<single>{'true' if single else 'false'}</single>")
                self.out.append(
                    f"{i}<shuffleanswers>{'true' if question.shuffle else 'false'}</shuffleanswers>"
                )
                self.out.append(f"{i}<answernumbering>abc</answernumbering>")
                # Multiple answers: each right option is worth 100/n %, each wrong one takes
                # as much away, so ticking everything scores nothing (quizapp's own rule).
                share = 100 / len(right_ids)
                for choice in question.choices:
                    fraction = share if choice.id in right_ids else (0 if single else -share)
                    self.out.append(
                        f'{i}<answer fraction="{percent_text(fraction)}" format="html" quizapp-id={quoteattr(choice.id)}>'
                        f"<text>{_cdata(self.x.html(choice.text, question))}</text>"
                        '<feedback format="html"><text></text></feedback></answer>'
                    )
            case TrueFalseQuestion():
                for value in (True, False):
                    fraction = 100 if value == question.answer else 0
                    self.out.append(
                        f'{i}<answer fraction="{fraction}" format="moodle_auto_format"><text>{str(value).lower()}</text>'
                        '<feedback format="html"><text></text></feedback></answer>'
                    )
            case TextQuestion():
                self.out.append(f"{i}<usecase>0</usecase>")
                self.typed(self.text_answers(question), i)
            case DateQuestion():
                from quizapp.formats.answers import date_spellings

                self.out.append(f"{i}<usecase>0</usecase>")
                spellings = date_spellings(question.answer, self.x.languages)
                self.typed([(language, spellings) for language in self.x.languages], i)
            case NumberQuestion():
                self.out.append(
                    f'{i}<answer fraction="100" format="moodle_auto_format"><text>{number_text(question.answer)}</text>'
                    f"<tolerance>{number_text(question.tolerance)}</tolerance>"
                    '<feedback format="html"><text></text></feedback></answer>'
                )
                if question.unit is not None:
                    self.out += [
                        f"{i}<unitgradingtype>0</unitgradingtype>",
                        f"{i}<unitpenalty>0</unitpenalty>",
                        f"{i}<showunits>0</showunits>",
                        f"{i}<unitsleft>0</unitsleft>",
                        f"{i}<units>",
                    ]
                    by_name: dict[str, list[str]] = {}
                    for language, name in self.x.texts(question.unit, question).items():
                        by_name.setdefault(name, []).append(language)
                    for name, langs in by_name.items():
                        self.out.append(
                            f"{i}  <unit quizapp-lang={quoteattr(' '.join(langs))}><multiplier>1</multiplier>"
                            f"<unit_name>{xml_escape(name)}</unit_name></unit>"
                        )
                    self.out.append(f"{i}</units>")
            case OrderQuestion():
                self.out += [
                    f"{i}<layouttype>VERTICAL</layouttype>",
                    f"{i}<selecttype>ALL</selecttype>",
                    f"{i}<selectcount>0</selectcount>",
                    f"{i}<gradingtype>ABSOLUTE_POSITION</gradingtype>",
                    f"{i}<showgrading>SHOW</showgrading>",
                    f"{i}<numberingstyle>none</numberingstyle>",
                ]
                for position, item in enumerate(question.items, start=1):
                    self.out.append(
                        f'{i}<answer fraction="{position}" format="html"><text>{_cdata(self.x.html(item, question))}</text></answer>'
                    )
            case MatchQuestion():
                self.out.append(f"{i}<shuffleanswers>true</shuffleanswers>")
                for pair in question.pairs:
                    self.out.append(
                        f'{i}<subquestion format="html"><text>{_cdata(self.x.html(pair.left, question))}</text>'
                        f"<answer><text>{_cdata(self.x.html(pair.right, question))}</text></answer></subquestion>"
                    )
                for distractor in question.distractors:
                    self.out.append(
                        f'{i}<subquestion format="html"><text></text>'
                        f"<answer><text>{_cdata(self.x.html(distractor, question))}</text></answer></subquestion>"
                    )
        tags = [f"topic:{t}" for t in question.topics]
        tags.append(f"difficulty:{question.difficulty}")
        tags += [f"source:{r.document}/{r.section}" for r in question_sources(question)]
        if question.kind is Kind.DATE:
            tags.append("kind:date")
        if isinstance(question, TextQuestion) and question.match is not AnswerMatch.FORMS:
            tags.append(f"match:{question.match.value}")
        self.out.append(f"{i}<tags>")
        self.out += [f"{i}  <tag><text>{xml_escape(tag)}</text></tag>" for tag in tags]
        self.out.append(f"{i}</tags>")
        self.out.append("  </question>")
        self.out.append("")

    def text_answers(self, question: TextQuestion) -> list[tuple[str, list[str]]]:
        if self.x.language == "all":
            return [
                (language, list(question.answers[language]))
                for language in LANGUAGES
                if language in question.answers
            ]
        accepted = question.answers.get(self.x.language)
        if accepted is None:
            used = self.x.fallback if self.x.fallback in question.answers else next(iter(question.answers))
            accepted = question.answers[used]
            self.x.missing(question, used)
        return [(self.x.language, list(accepted))]

    def write(self) -> str:
        bank = self.x.bank
        self.out += [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f"<!-- {xml_escape(self.x.one(bank.title)).replace('--', '- -')}: exported by quizapp ({self.x.language}) -->",
            "<quiz>",
        ]
        for topic_id, questions in by_first_topic(bank.questions).items():
            self.category(topic_id)
            for question in questions:
                self.question(question)
        self.out.append("</quiz>")
        return "\n".join(self.out) + "\n"


def _path_part(html: str) -> str:
    return " ".join(html.replace("/", "//").split())


def write(exporter: Exporter) -> str:
    """The exporter's bank as Moodle XML."""
    return _XmlWriter(exporter).write()
