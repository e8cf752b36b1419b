"""Moodle XML import: a trilingual (multilang) Moodle export becomes a trilingual bank."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.core.loading import load_bank
from quizapp.core.model import (
    ChoiceQuestion,
    MatchQuestion,
    MultiQuestion,
    NumberQuestion,
    OrderQuestion,
    TextQuestion,
    TrueFalseQuestion,
)
from quizapp.formats.drafts import Report, TextReader
from quizapp.formats.importing import import_files
from quizapp.formats.moodlexml import read

DATA = Path(__file__).parent / "data"
TRILINGUAL = DATA / "moodle-trilingual.xml"


@pytest.fixture(scope="module")
def trilingual(tmp_path_factory: pytest.TempPathFactory) -> tuple:
    out = tmp_path_factory.mktemp("xml") / "dis-politika"
    result = import_files([TRILINGUAL], out)
    return result, load_bank(out).bank


def quiz(body: str) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n{body}\n</quiz>\n'.encode()


def test_multilang_becomes_three_languages(trilingual: tuple) -> None:
    result, bank = trilingual
    assert result.errors == 0 and result.imported == 9
    assert bank.source_language == "tr"
    capital = bank.question("astana-baskent")
    assert isinstance(capital, ChoiceQuestion)
    assert capital.prompt == {
        "tr": "Kazakistan'ın başkenti hangi şehirdir?",
        "en": "Which city is the capital of Kazakhstan?",
        "kk": "Қазақстанның астанасы қай қала?",
    }
    # {mlang} (the multilang2 filter) is read as well as the spans.
    assert capital.choices[2].text == {"tr": "Şımkent", "en": "Shymkent", "kk": "Шымкент"}
    assert capital.points == 2.0
    assert capital.explanation["kk"] == "Астана 1997 жылы Алматыдан көшірілді."


def test_categories_become_trilingual_topics(trilingual: tuple) -> None:
    _, bank = trilingual
    assert [t.id for t in bank.topics] == ["neighbours", "orgutler"]  # idnumber, else the name
    assert bank.topic("neighbours").name == {"tr": "Komşular", "en": "Neighbours", "kk": "Көршілер"}
    assert bank.question("sio-kisaltma").topics == ("orgutler",)


def test_each_kind(trilingual: tuple) -> None:
    _, bank = trilingual
    multi = bank.question("sinir-komsulari")
    assert isinstance(multi, MultiQuestion) and multi.answers == {"a", "b"} and not multi.shuffle
    assert isinstance(bank.question("bm-uyeligi"), TrueFalseQuestion)
    text = bank.question("sio-kisaltma")
    # Answers with no language mark are accepted in every language, as Moodle accepts them.
    assert isinstance(text, TextQuestion) and text.answers["kk"] == ("SCO", "ŞİÖ")
    area = bank.question("yuzolcumu")
    assert isinstance(area, NumberQuestion)
    assert (area.answer, area.tolerance) == (2724900.0, 100000.0)
    assert area.unit == {"tr": "km²", "en": "km²", "kk": "km²"}
    match = bank.question("liderler")
    assert isinstance(match, MatchQuestion)
    assert match.pairs[0].left == {"tr": "Tokayev", "en": "Tokayev", "kk": "Tokayev"}
    assert match.pairs[1].right["kk"] == "Өзбекстан"
    assert [d["en"] for d in match.distractors] == ["Turkmenistan"]
    order = bank.question("kronoloji")
    assert isinstance(order, OrderQuestion)
    assert [i["en"] for i in order.items] == ["Independence", "UN membership", "The capital moves"]


def test_what_cannot_be_kept_is_reported_where_it_stands(trilingual: tuple) -> None:
    result, _ = trilingual
    found = {(p.line, p.message) for p in result.problems}
    assert (150, "a partly right answer (50%) is not kept: quizapp accepts an answer or not") in found
    assert (186, "units with a multiplier are not kept: ha") in found
    assert (303, "the question text: text in ru left out (quizapp keeps tr, en and kk)") in found
    assert (303, "the question text: an image is replaced by its description 'Balkaş Gölü'") in found
    assert [(s.what, s.origin.line) for s in result.skipped] == [
        ("essay question", 284),
        ("cloze (multianswer) question", 292),
    ]


def test_hand_written_html_without_cdata_is_kept_as_markup() -> None:
    report = Report()
    body = (
        '<question type="truefalse"><name><text>q</text></name>'
        '<questiontext format="html"><text><p>Bir <b>iki</b> &amp; üç</p></text></questiontext>'
        '<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>'
        "</question>"
    )
    drafts = read(quiz(body), "q.xml", report, TextReader(report, "tr"))
    assert drafts[0].fields["prompt"] == {"tr": "Bir iki & üç"}


def test_single_choice_partial_credit_and_unknown_type_warn() -> None:
    report = Report()
    body = (
        '<question type="multichoice"><name><text>q</text></name>'
        '<questiontext format="plain_text"><text>Soru &lt;b&gt;?</text></questiontext><single>true</single>'
        '<answer fraction="100"><text>a</text></answer><answer fraction="50"><text>b</text></answer></question>'
        '<question type="ddmarker"><name><text>d</text></name></question>'
        '<question type="wiris"><name><text>w</text></name></question>'
    )
    drafts = read(quiz(body), "q.xml", report, TextReader(report, "tr"))
    assert drafts[0].fields["prompt"] == {"tr": "Soru <b>?"}  # plain_text is taken literally
    messages = [(p.line, p.message) for p in report.problems]
    assert (3, "partial credit (50%) on a wrong option is not kept: it gives no points") in messages
    assert [s.what for s in report.skipped] == ["drag-and-drop question", "wiris question"]


def test_not_a_quiz_file() -> None:
    report = Report()
    assert read(b"<html><body>hi</body></html>", "page.xml", report, TextReader(report, "tr")) == []
    assert "not a Moodle question file" in report.problems[0].message
