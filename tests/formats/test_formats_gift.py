"""GIFT import: every feature Moodle documents, read from a teacher's file (tests/formats/data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.core.loading import load_bank
from quizapp.core.model import (
    ChoiceQuestion,
    MatchQuestion,
    MultiQuestion,
    NumberQuestion,
    TextQuestion,
    TrueFalseQuestion,
)
from quizapp.formats.drafts import Report, TextReader
from quizapp.formats.gift import read, unescape
from quizapp.formats.importing import import_files

DATA = Path(__file__).parent / "data"
TARIH = DATA / "tarih.gift"


def drafts(text: str, language: str = "tr") -> tuple[list, Report]:
    report = Report()
    return read(text, "quiz.gift", report, TextReader(report, language)), report


def messages(report: Report) -> list[str]:
    return [f"{p.line}:{p.column}: {p.severity.value}: {p.message}" for p in report.problems]


@pytest.fixture(scope="module")
def tarih(tmp_path_factory: pytest.TempPathFactory) -> tuple:
    out = tmp_path_factory.mktemp("gift") / "tarih.yaml"
    result = import_files([TARIH], out, language="tr")
    bank = load_bank(out).bank
    return result, bank


def test_every_question_of_the_teachers_file_is_imported_or_listed(tarih: tuple) -> None:
    result, bank = tarih
    assert result.imported == 15 == len(bank.questions)
    assert [(s.what, s.origin.line) for s in result.skipped] == [("essay", 70), ("description", 72)]
    assert "15 imported, 2 skipped: essay at " in result.summary(Path("x"))
    assert result.errors == 0


def test_titles_become_unique_ids_and_categories_topics(tarih: tuple) -> None:
    _, bank = tarih
    ids = [q.id for q in bank.questions]
    assert ids[:2] == ["bagimsizlik-yili", "baskent"]
    assert "bagimsizlik-yili-2" in ids  # the same title again, in another category
    assert [t.id for t in bank.topics] == ["tarih", "dis-politika"]
    assert bank.topic("dis-politika").name == {"tr": "Dış Politika"}
    assert bank.question("bagimsizlik-yili-2").topics == ("dis-politika",)
    # An untitled (missing-word) question gets its id from its text, without the blank.
    assert "kazakistan-yilinda-bagimsiz-oldu" in ids


def test_choice_with_feedback_and_general_feedback(tarih: tuple) -> None:
    _, bank = tarih
    q = bank.question("bagimsizlik-yili")
    assert isinstance(q, ChoiceQuestion)
    assert [c.text["tr"] for c in q.choices] == ["1990", "1991", "1992", "1995"]
    assert q.answer == "b"
    assert q.explanation["tr"].startswith("Kazakistan, 16 Aralık 1991")


def test_html_question_becomes_plain_text(tarih: tuple) -> None:
    _, bank = tarih
    q = bank.question("baskent")
    assert q.prompt["tr"] == "Kazakistan'ın başkenti bugün hangi şehirdir?"
    assert q.explanation["tr"] == "Başkent 1997'de Almatı'dan Astana'ya taşındı."


def test_weights_make_multi_and_truefalse_and_short_answer(tarih: tuple) -> None:
    _, bank = tarih
    multi = bank.question("komsular")
    assert isinstance(multi, MultiQuestion) and multi.answers == {"a", "b"}
    assert isinstance(bank.question("bm-uyeligi"), TrueFalseQuestion)
    assert bank.question("bm-uyeligi").answer is True
    assert bank.question("nukleer").answer is False
    text = bank.question("sio")
    assert isinstance(text, TextQuestion)
    assert text.answers == {"tr": ("ŞİÖ", "Şanghay İşbirliği Örgütü")}


def test_numerical_forms(tarih: tuple) -> None:
    _, bank = tarih
    area = bank.question("yuzolcumu")
    assert isinstance(area, NumberQuestion) and (area.answer, area.tolerance) == (2.7, 0.05)
    years = bank.question("yil-araligi")
    assert (years.answer, years.tolerance) == (2019.0, 4.0)
    several = bank.question("birkac-sayisal-cevap")
    assert (several.answer, several.tolerance) == (1997.0, 0.0)


def test_matching_with_distractor_and_missing_word(tarih: tuple) -> None:
    _, bank = tarih
    match = bank.question("eslestirme")
    assert isinstance(match, MatchQuestion)
    assert [p.left["tr"] for p in match.pairs] == ["Tokayev", "Mirziyoyev", "Caparov"]
    assert [d["tr"] for d in match.distractors] == ["Türkmenistan"]
    blank = bank.question("kazakistan-yilinda-bagimsiz-oldu")
    assert blank.prompt["tr"] == "Kazakistan _____ yılında bağımsız oldu."


def test_escapes(tarih: tuple) -> None:
    _, bank = tarih
    q = bank.question("kacis-karakterleri")
    assert q.prompt["tr"] == (
        "Bu soru özel karakterler içerir: yüzde 50 değil, {süslü} parantez, ~ tilda, = eşittir ve # diyez.\nİkinci satır."
    )
    assert q.choices[0].text["tr"] == "Evet = tamam"
    assert unescape(r"a\\b \: \n") == "a\\b : \n"


def test_lossy_steps_are_warnings_at_their_line(tarih: tuple) -> None:
    result, _ = tarih
    lines = {(p.line, p.severity.value, p.message.split(":")[0]) for p in result.problems}
    expected = {
        (8, "warning", "feedback on individual answers is not kept (quizapp shows the explanation instead)"),
        (9, "warning", "partial credit (50%) on a wrong option is not kept"),
        (
            29,
            "warning",
            "the right options have different weights; quizapp gives each right option an equal share",
        ),
        (35, "warning", "true/false feedback is not kept (quizapp shows the explanation instead)"),
        (42, "warning", "a partly right answer (50%) is not kept"),
        (43, "warning", "the wildcard answer '*İşbirliği*' is not kept"),
        (53, "warning", "1 more numerical answer(s) not kept"),
        (81, "warning", "the question text"),
    }
    assert expected <= lines, sorted(lines)
    image = next(p for p in result.problems if p.line == 81)
    assert "image is replaced by its description 'Orta Asya haritası'" in image.message


def test_unterminated_brace_is_located_and_the_rest_imported() -> None:
    found, report = drafts("::a::Soru bir {=evet ~hayır\n\n::b::Soru iki {=evet ~hayır}\n")
    assert [d.title for d in found] == ["b"]
    assert messages(report) == ["1:15: error: the answers opened here with '{' are not closed with '}'"]


def test_brace_inside_text_is_located() -> None:
    found, report = drafts("Bu metinde } var {=evet ~hayır}\n")
    assert found == []
    assert messages(report) == [
        "1:12: error: a '}' before the answers '{…}'; write \\} for a brace in the text"
    ]
    found, report = drafts("İki blok {=a ~b} ve {=c ~d}\n")
    assert found == [] and "second answer block" in messages(report)[0]
    assert messages(report)[0].startswith("1:21: error")


def test_comment_lines_and_format_markers() -> None:
    found, report = drafts(
        "// yorum\n::T::[plain]<b>kalın değil</b> {\n// arada yorum\n=evet\n~hayır\n}\n\n"
        "::M::[markdown]**önemli** soru{T}\n"
    )
    assert found[0].fields["prompt"] == {"tr": "<b>kalın değil</b>"}
    assert found[1].fields["prompt"] == {"tr": "**önemli** soru"}
    assert report.problems == []


def test_several_right_options_in_single_choice_warn() -> None:
    found, report = drafts("Hangisi? {=a =b ~c}\n")
    assert found[0].fields["answer"] == "a"
    assert "several options marked right" in messages(report)[0]


def test_too_many_options_are_skipped_with_reason() -> None:
    options = " ".join(f"~s{i}" for i in range(9))
    found, report = drafts(f"Soru? {{=doğru {options}}}\n")
    assert found == []
    assert report.skipped[0].what == "multiple-choice question"
    assert "10 options; quizapp asks with 2 to 8" in messages(report)[0]


def test_kazakh_file_guesses_its_language(tmp_path: Path) -> None:
    out = tmp_path / "kk.yaml"
    result = import_files([DATA / "kazakh.gift"], out)
    assert result.imported == 3
    bank = load_bank(out).bank
    assert bank.source_language == "kk"
    assert bank.question("astana").prompt == {"kk": "Қазақстанның астанасы қай қала?"}
    assert bank.topic("syrtqy-sayasat").name == {"kk": "Сыртқы саясат"}
    note = result.problems[0]
    assert (note.line, note.severity.value) == (1, "warning") and "Kazakh (kk)" in note.message
