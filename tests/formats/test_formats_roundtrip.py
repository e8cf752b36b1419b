"""Export then import gives the same questions: CSV for everything, GIFT and Moodle XML for the
kinds they hold (with the comments and tags our exports add, for every kind). Hypothesis makes
the questions, with texts full of GIFT's special characters, HTML-like text and Kazakh and
Turkish letters; the bundled bank is checked as well."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.core.loading import load_bank
from quizapp.core.model import (
    LANGUAGES,
    AnswerMatch,
    Bank,
    Choice,
    ChoiceQuestion,
    DateQuestion,
    LocalizedText,
    MatchPair,
    MatchQuestion,
    MultiQuestion,
    NumberQuestion,
    OrderQuestion,
    PartialDate,
    Question,
    Section,
    SourceDocument,
    SourceRef,
    TextQuestion,
    Topic,
    TrueFalseQuestion,
    question_to_data,
)
from quizapp.formats.exporting import Exporter, export_bank, write
from quizapp.formats.importing import import_files
from quizapp.paths import bundled_questions_dir

BUNDLED = bundled_questions_dir() / "kazakhstan-foreign-policy"

# Texts full of what formats must escape: GIFT's specials, HTML, multilang look-alikes,
# Kazakh and Turkish letters, white space HTML would collapse.
PIECES = st.sampled_from(
    [
        *"~=#{}:\\%[]<>&;/\"'*-",
        "<b>",
        "</span>",
        "&amp;",
        "&nbsp;",
        "{mlang tr}",
        "-> ",
        "####",
        "\\n",
        "]]>",
        "  ",
        "\t",
        "\n",
        "Қазақстан",
        "әғқңөұүһі",
        "İstanbul",
        "ığüşöç",
        "Almaty",
        "1991",
        " ",
    ]
)
WORD = st.sampled_from(["Астана", "Türkiye", "Kazakhstan", "soru", "жауап", "answer", "İ", "ı", "x"])


def _valid(text: str) -> bool:
    return bool(text.strip())


TEXT = (
    st.lists(st.one_of(PIECES, WORD), min_size=1, max_size=8)
    .map(lambda parts: "".join(parts).strip())
    .filter(_valid)
)
# A typed answer in GIFT cannot hold "->" (Moodle would read a matching question) nor start
# with a %weight%: those limits are Moodle's, documented, and warned about on export.
TYPED = TEXT.filter(lambda t: "->" not in t and not t.startswith("%"))
# GIFT has no units: the unit goes into the prompt in parentheses.
UNIT = st.sampled_from(["km", "yıl", "жыл", "million US dollars", "%", "km²"])


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


@st.composite
def localized(draw: Any, languages: tuple[str, ...] | None = None, text: Any = TEXT) -> LocalizedText:
    chosen = languages or tuple(
        draw(st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=3, unique=True))
    )
    return LocalizedText({language: draw(text) for language in chosen})


@st.composite
def distinct(draw: Any, count: int, languages: tuple[str, ...]) -> list[LocalizedText]:
    """*count* texts that differ in every language (as the loader requires)."""
    result: list[LocalizedText] = []
    for index in range(count):
        text = draw(localized(languages))
        # Make it unique the way a teacher would: a distinguishing word at the end.
        result.append(LocalizedText({k: f"{v} {index}" for k, v in text.items()}))
    return result


@st.composite
def question(draw: Any, number: int, languages: tuple[str, ...] | None) -> Question:
    langs = languages or tuple(
        draw(st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=3, unique=True))
    )
    common: dict[str, Any] = {
        "id": f"q{number}-{draw(st.sampled_from(['a', 'b.c', 'd_e']))}",
        "topics": tuple(
            draw(st.lists(st.sampled_from(["t1", "t2", "t3"]), min_size=1, max_size=2, unique=True))
        ),
        "difficulty": draw(st.integers(1, 3)),
        "points": draw(st.sampled_from([1.0, 0.5, 2.0, 2.5])),
        "prompt": draw(localized(langs)),
        "explanation": draw(localized(langs)),
        "sources": tuple(
            draw(
                st.lists(
                    st.sampled_from([SourceRef("doc", f"s{i}") for i in range(3)]),
                    min_size=1,
                    max_size=2,
                    unique=True,
                )
            )
        ),
    }
    kind = draw(st.sampled_from(["choice", "multi", "truefalse", "text", "number", "date", "order", "match"]))
    if kind in ("choice", "multi"):
        count = draw(st.integers(2, 8))
        texts = draw(distinct(count, langs))
        ids = draw(
            st.one_of(
                st.just(list("abcdefgh"[:count])),
                st.lists(
                    st.sampled_from(["x", "y1", "z-z", "w_w", "russia", "a", "b", "c9"]),
                    min_size=count,
                    max_size=count,
                    unique=True,
                ),
            )
        )
        choices = tuple(Choice(i, t) for i, t in zip(ids, texts, strict=True))
        shuffle = draw(st.booleans())
        if kind == "choice":
            return ChoiceQuestion(
                **common, choices=choices, answer=draw(st.sampled_from(ids)), shuffle=shuffle
            )
        right = draw(st.lists(st.sampled_from(ids), min_size=1, unique=True))
        return MultiQuestion(**common, choices=choices, answers=frozenset(right), shuffle=shuffle)
    if kind == "truefalse":
        return TrueFalseQuestion(**common, answer=draw(st.booleans()))
    if kind == "text":
        answers = {}
        for language in langs:
            accepted = draw(st.lists(TYPED, min_size=1, max_size=3, unique=True))
            answers[language] = tuple(accepted)
        return TextQuestion(**common, answers=answers, match=draw(st.sampled_from(AnswerMatch)))
    if kind == "number":
        unit = draw(st.one_of(st.none(), localized(langs, UNIT)))
        value = draw(st.floats(-1e9, 1e9, allow_nan=False).map(lambda v: round(v, 3)))
        tolerance = draw(st.sampled_from([0.0, 0.5, 2.0, 100.0]))
        return NumberQuestion(**common, answer=value, tolerance=tolerance, unit=unit)
    if kind == "date":
        year = draw(st.integers(1000, 2100))
        month = draw(st.one_of(st.none(), st.integers(1, 12)))
        day = draw(st.integers(1, 28)) if month is not None and draw(st.booleans()) else None
        return DateQuestion(**common, answer=PartialDate(year, month, day))
    if kind == "order":
        return OrderQuestion(**common, items=tuple(draw(distinct(draw(st.integers(3, 8)), langs))))
    pairs = draw(st.integers(2, 6))
    extra = draw(st.integers(0, 2))
    lefts = draw(distinct(pairs, langs))
    rights = draw(distinct(pairs + extra, langs))
    return MatchQuestion(
        **common,
        pairs=tuple(MatchPair(left, right) for left, right in zip(lefts, rights[:pairs], strict=True)),
        distractors=tuple(rights[pairs:]),
    )


def bank_of(questions: list[Question], match: AnswerMatch = AnswerMatch.FORMS) -> Bank:
    def same(text: str) -> LocalizedText:
        return LocalizedText(dict.fromkeys(LANGUAGES, text))

    return Bank(
        id="hypothesis",
        title=same("Bank"),
        source_language="tr",
        sources=(
            SourceDocument("doc", same("Doc"), tuple(Section(f"s{i}", same(f"S{i}")) for i in range(3))),
        ),
        topics=tuple(Topic(t, same(t.upper())) for t in ("t1", "t2", "t3")),
        questions=tuple(questions),
        match=match,
    )


def restricted(data: Any, language: str) -> Any:
    if isinstance(data, dict):
        if data and set(data) <= set(LANGUAGES):
            return {k: restricted(v, language) for k, v in data.items() if k == language}
        return {k: restricted(v, language) for k, v in data.items()}
    if isinstance(data, list):
        return [restricted(item, language) for item in data]
    return data


def round_trip(bank: Bank, fmt: str, language: str, tmp_path: Path) -> dict[str, dict[str, Any]]:
    exporter = Exporter(bank, language)
    text = write(fmt, exporter)
    extension = {"gift": ".gift", "moodle-xml": ".xml", "csv": ".csv"}[fmt]
    source = tmp_path / f"export{extension}"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out.yaml"
    # A single-language export carries no language marks: say which language it is in.
    result = import_files(
        [source], out, fmt=fmt, language="tr" if language == "all" else language, force=True
    )
    assert result.errors == 0, [str(p) for p in result.problems]
    return {q.id: question_to_data(q) for q in load_bank(out).bank.questions}


CASES = [("csv", "all"), ("gift", "all"), ("gift", "kk"), ("moodle-xml", "all"), ("moodle-xml", "tr")]


@pytest.mark.parametrize(("fmt", "language"), CASES)
@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_generated_questions_survive_export_and_import(
    tmp_path: Path, fmt: str, language: str, data: st.DataObject
) -> None:
    languages = None if language == "all" else LANGUAGES
    questions = [data.draw(question(n, languages)) for n in range(data.draw(st.integers(1, 4)))]
    bank = bank_of(questions, data.draw(st.sampled_from(AnswerMatch)))
    back = round_trip(bank, fmt, language, tmp_path)
    for original in questions:
        expected = question_to_data(original)
        if language != "all":
            expected = restricted(expected, language)
        assert back[original.id] == expected


@pytest.mark.parametrize(("fmt", "language"), CASES)
def test_bundled_bank_survives_export_and_import(tmp_path: Path, fmt: str, language: str) -> None:
    bank = load_bank(BUNDLED).bank
    back = round_trip(bank, fmt, language, tmp_path)
    assert len(back) == len(bank.questions)
    for original in bank.questions:
        expected = question_to_data(original)
        if language != "all":
            expected = restricted(expected, language)
        assert back[original.id] == expected, original.id


def test_csv_gives_back_the_same_bank(tmp_path: Path) -> None:
    result = export_bank(BUNDLED, "csv", None)
    assert result.text is not None and result.problems == []
    source = tmp_path / "bank.csv"
    source.write_bytes(result.text.encode("utf-8-sig"))
    out = tmp_path / "again"
    imported = import_files([source], out)
    assert imported.problems == []
    original, again = load_bank(BUNDLED).bank, load_bank(out).bank
    for field in ("id", "title", "description", "source_language", "retired", "match", "sources", "topics"):
        assert getattr(again, field) == getattr(original, field), field
    # A folder bank lists its questions file by file (one file per topic): compare by id.
    assert {q.id: question_to_data(q) for q in again.questions} == {
        q.id: question_to_data(q) for q in original.questions
    }


def test_csv_keeps_an_exact_bank_and_its_exceptions(tmp_path: Path) -> None:
    def text(question_id: str, match: AnswerMatch) -> TextQuestion:
        return TextQuestion(
            id=question_id,
            topics=("t1",),
            difficulty=1,
            prompt=LocalizedText({"en": "Spell it"}),
            explanation=LocalizedText({"en": "So."}),
            sources=(SourceRef("doc", "s0"),),
            answers={"en": ("colour",)},
            match=match,
        )

    bank = bank_of([text("exact", AnswerMatch.EXACT), text("forms", AnswerMatch.FORMS)], AnswerMatch.EXACT)
    source = tmp_path / "bank.csv"
    source.write_text(write("csv", Exporter(bank, "all")), encoding="utf-8")
    out = tmp_path / "again.yaml"
    assert import_files([source], out).problems == []
    again = load_bank(out).bank
    assert again.match is AnswerMatch.EXACT
    assert {q.id: q.match for q in again.questions} == {
        "exact": AnswerMatch.EXACT,
        "forms": AnswerMatch.FORMS,
    }
    assert "  match: exact\n" in out.read_text(encoding="utf-8")
