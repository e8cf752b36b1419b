"""What the exports look like to Moodle and Anki: the parts those tools read."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import defusedxml.ElementTree as SafeET
import pytest

from quizapp.core.loading import load_bank
from quizapp.core.model import (
    Bank,
    Choice,
    LocalizedText,
    MultiQuestion,
    Question,
    SourceRef,
    TextQuestion,
)
from quizapp.formats.anki import guid
from quizapp.formats.exporting import Exporter, export_bank, write
from quizapp.formats.gift import escape
from quizapp.paths import bundled_questions_dir

BUNDLED = bundled_questions_dir() / "kazakhstan-foreign-policy"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(BUNDLED).bank


def one_question(bank: Bank, question: Question, language: str) -> Bank:
    """A bank with the bundled bank's metadata and just *question*."""
    return Bank(
        id="b",
        title=bank.title,
        source_language=language,
        sources=bank.sources,
        topics=bank.topics,
        questions=(question,),
    )


def xml_of(bank: Bank, language: str) -> ET.Element:
    return SafeET.fromstring(write("moodle-xml", Exporter(bank, language)).encode())


def test_moodle_xml_has_every_kind_and_categories(bank: Bank) -> None:
    root = xml_of(bank, "en")
    types = {q.get("type") for q in root.iter("question")}
    assert types == {
        "category",
        "multichoice",
        "truefalse",
        "shortanswer",
        "numerical",
        "ordering",
        "matching",
    }
    categories = [q for q in root.iter("question") if q.get("type") == "category"]
    assert len(categories) == len({q.topics[0] for q in bank.questions})
    first = categories[0]
    assert (
        first.findtext("category/text") == "$course$/top/Kazakhstan's Foreign Policy/History and independence"
    )
    assert first.findtext("idnumber") == "history"


def test_multi_fractions_sum_to_100_and_wrong_ones_cancel(bank: Bank) -> None:
    root = xml_of(bank, "tr")
    multis = [q for q in root.iter("question") if q.findtext("single") == "false"]
    assert multis
    for question in multis:
        fractions = [float(a.get("fraction")) for a in question.iter("answer")]
        right = [f for f in fractions if f > 0]
        wrong = [f for f in fractions if f <= 0]
        assert abs(sum(right) - 100) < 0.001
        assert all(abs(f + 100 / len(right)) < 0.001 for f in wrong)  # ticking a wrong one undoes a right one


def test_general_feedback_cites_every_source(bank: Bank) -> None:
    question = next(q for q in bank.questions if len(q.sources) > 1)
    root = xml_of(bank, "en")
    node = next(q for q in root.iter("question") if q.findtext("name/text") == question.id)
    feedback = node.findtext("generalfeedback/text")
    assert '<p class="quizapp-source"><em>Sources: ' in feedback
    for ref in question.sources:
        assert bank.source_document(ref.document).section(ref.section).title["en"] in feedback
    tags = [t.text for t in node.iter("text") if t.text and t.text.startswith("source:")]
    assert tags == [f"source:{r.document}/{r.section}" for r in question.sources]


def test_all_languages_as_multilang_spans(bank: Bank) -> None:
    root = xml_of(bank, "all")
    text = root.find("question[@type='multichoice']/questiontext/text").text
    assert text.startswith('<span lang="tr" class="multilang">')
    assert '<span lang="en" class="multilang">' in text and '<span lang="kk" class="multilang">' in text
    short = next(q for q in root.iter("question") if q.get("type") == "shortanswer")
    assert {a.get("quizapp-lang") for a in short.iter("answer")} == {"tr", "en", "kk"}


def test_shortanswer_asterisk_is_not_a_wildcard(bank: Bank) -> None:
    question = TextQuestion(
        id="star",
        topics=("history",),
        difficulty=1,
        prompt=LocalizedText({"en": "5*3?"}),
        explanation=LocalizedText({"en": "Fifteen."}),
        sources=(SourceRef("essay", "interview"),),
        answers={"en": ("5*3", "15")},
    )
    small = one_question(bank, question, "en")
    root = SafeET.fromstring(write("moodle-xml", Exporter(small, "en")).encode())
    assert [a.findtext("text") for a in root.iter("answer")] == ["5\\*3", "15"]
    assert "\t=5\\\\*3\n" in write("gift", Exporter(small, "en"))


def test_gift_escapes_its_special_characters() -> None:
    assert escape("a~b=c#d{e}f:g\\h") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h"


def test_gift_multi_weights(bank: Bank) -> None:
    question = MultiQuestion(
        id="m",
        topics=("history",),
        difficulty=1,
        prompt=LocalizedText({"tr": "Hangileri?"}),
        explanation=LocalizedText({"tr": "Çünkü."}),
        sources=(SourceRef("essay", "interview"),),
        choices=tuple(Choice(c, LocalizedText({"tr": c.upper()})) for c in "abc"),
        answers=frozenset("ab"),
    )
    small = one_question(bank, question, "tr")
    text = write("gift", Exporter(small, "tr"))
    assert "\t~%50%A\n\t~%50%B\n\t~%-50%C\n" in text


def test_anki_file_headers_and_stable_guids(bank: Bank) -> None:
    text = write("anki", Exporter(bank, "kk"))
    lines = text.splitlines()
    assert lines[:6] == [
        "#separator:tab",
        "#html:true",
        "#notetype:Basic",
        "#deck:Қазақстанның сыртқы саясаты",
        "#guid column:1",
        "#tags column:4",
    ]
    notes = [line.split("\t") for line in lines[6:]]
    assert len(notes) == len(bank.questions) and all(len(n) == 4 for n in notes)
    first = bank.questions[0]
    assert notes[0][0] == guid(bank.id, first.id, "kk") == guid(bank.id, first.id, "kk")
    assert guid(bank.id, first.id, "tr") != notes[0][0]  # a Turkish deck does not overwrite it
    assert len({n[0] for n in notes}) == len(notes)
    assert notes[0][3] == " ".join(first.topics)
    assert all('"' not in n[1] + n[2] for n in notes)  # no quote can open a quoted field
    assert text == write("anki", Exporter(bank, "kk"))  # the same export twice: the same file


def test_anki_front_never_shows_the_order(bank: Bank) -> None:
    question = next(q for q in bank.questions if q.kind.value == "order")
    text = write("anki", Exporter(bank, "en"))
    note = next(line for line in text.splitlines() if line.startswith(guid(bank.id, question.id, "en")))
    _guid, front, back, _tags = note.split("\t")
    items = [item["en"] for item in question.items]
    listed = [part.removeprefix("• ") for part in front.split("<br>")[1:]]
    assert sorted(listed, key=str.casefold) == listed and set(listed) == set(items)
    assert back.startswith("Right answer: <b>1. ")
    assert "<i>Source: " in back or "<i>Sources: " in back


PARTIAL = """format: 1
bank:
  id: partial
  title: {tr: Kısmi, en: Partial, kk: Жартылай}
  source_language: tr
  sources:
    - id: doc
      title: {tr: Belge, en: Document, kk: Құжат}
      sections:
        - id: one
          title: {tr: Bir, en: One, kk: Бір}
  topics:
    - id: geo
      name: {tr: Coğrafya, en: Geography, kk: География}
questions:
  - id: capital
    kind: choice
    topics: [geo]
    difficulty: 1
    prompt: {tr: Başkent?, en: Capital?}
    choices:
      - {id: a, text: {tr: Astana, en: Astana, kk: Астана}}
      - {id: b, text: {tr: Almatı, en: Almaty, kk: Алматы}}
    answer: a
    explanation: {tr: Astana., en: Astana., kk: Астана.}
    source: {document: doc, section: one}
"""


def test_single_language_export_warns_where_a_translation_is_missing(tmp_path: Path) -> None:
    path = tmp_path / "partial.yaml"
    path.write_text(PARTIAL, encoding="utf-8")
    result = export_bank(path, "gift", "kk")
    assert [str(p) for p in result.problems] == [
        f"{path}:16:1: warning: question 'capital': some texts have no kk translation; written in tr"
    ]
    assert "::capital::[html]Başkent?{" in result.text
    assert all("translation" not in p.message for p in export_bank(BUNDLED, "gift", "kk").problems)


def test_date_becomes_a_short_answer_with_the_usual_spellings(bank: Bank) -> None:
    question = next(q for q in bank.questions if q.kind.value == "date" and q.answer.day is not None)
    root = xml_of(bank, "tr")
    node = next(q for q in root.iter("question") if q.findtext("name/text") == question.id)
    assert node.get("type") == "shortanswer"
    answers = [a.findtext("text") for a in node.iter("answer")]
    date = question.answer
    assert answers[0] == date.iso()
    assert f"{date.day:02d}.{date.month:02d}.{date.year}" in answers
    from quizapp.i18n import format_partial_date

    assert format_partial_date(date.year, date.month, date.day, "tr") in answers
    assert "kind:date" in [t.text for t in node.iter("text")]


NAMED_UNIT = (
    PARTIAL.split("questions:", 1)[0]
    + """\
questions:
  - id: age
    kind: number
    topics: [geo]
    difficulty: 1
    prompt: {tr: Kaç yıl?, en: How many years?, kk: Неше жыл?}
    answer: 13
    unit: year
    explanation: {tr: On üç., en: Thirteen., kk: Он үш.}
    source: {document: doc, section: one}
"""
)


def test_a_named_unit_is_written_out_in_each_language_for_other_tools(tmp_path: Path) -> None:
    path = tmp_path / "units.yaml"
    path.write_text(NAMED_UNIT, encoding="utf-8")
    xml = SafeET.fromstring(export_bank(path, "moodle-xml", "en").text.encode())
    assert [u.findtext("unit_name") for u in xml.iter("unit")] == ["years"]
    assert "How many years? (years)" in export_bank(path, "gift", "en").text
    assert "(жыл)" in export_bank(path, "gift", "kk").text


def test_a_named_unit_survives_the_bank_writer(tmp_path: Path) -> None:
    from quizapp.formats.bankwriter import question_data

    path = tmp_path / "units.yaml"
    path.write_text(NAMED_UNIT, encoding="utf-8")
    question = load_bank(path).bank.questions[0]
    data = question_data(question)
    assert data["unit"] == "duration-year" and "unit_name" not in data


def test_a_named_unit_comes_back_from_a_spreadsheet_by_name(tmp_path: Path) -> None:
    from quizapp.formats.exporting import save
    from quizapp.formats.importing import import_files

    path = tmp_path / "units.yaml"
    path.write_text(NAMED_UNIT, encoding="utf-8")
    sheet = tmp_path / "units.csv"
    save(export_bank(path, "csv", None).text, "csv", sheet)
    result = import_files([sheet], tmp_path / "back.yaml")
    assert result.errors == 0
    question = load_bank(tmp_path / "back.yaml").bank.questions[0]
    assert question.unit_name == "duration-year" and question.unit is None


def test_a_spreadsheet_unit_name_the_app_cannot_write_is_a_located_error(tmp_path: Path) -> None:
    from quizapp.formats.importing import import_files

    sheet = tmp_path / "units.csv"
    sheet.write_text(
        "id;kind;prompt_en;answer;unit\nfar;number;How far?;3;leagues-under-the-sea\n", encoding="utf-8"
    )
    result = import_files([sheet], tmp_path / "out.yaml", language="en")
    assert [f"{p.line}: {p.message}" for p in result.problems if p.severity.value == "error"] == [
        "2: column unit: 'leagues-under-the-sea' is not a unit the app can write in every language "
        "(e.g. year, month, day, hour); give words in unit_tr, unit_en, unit_kk instead"
    ]
