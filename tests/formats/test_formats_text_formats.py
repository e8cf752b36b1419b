"""Aiken and CSV reading, and HTML ↔ text, the shared parts every format relies on."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from quizapp.core.loading import load_bank
from quizapp.core.model import ChoiceQuestion, DateQuestion, MatchQuestion, NumberQuestion, PartialDate
from quizapp.formats.aiken import read as read_aiken
from quizapp.formats.drafts import Report, TextReader
from quizapp.formats.html import html_to_text, text_to_html
from quizapp.formats.importing import import_files
from quizapp.formats.multilang import split_languages
from quizapp.formats.spreadsheet import read as read_csv
from quizapp.formats.text import guess_language, slug

DATA = Path(__file__).parent / "data"


# --- Aiken ------------------------------------------------------------------------------------


def test_aiken_keeps_good_questions_and_locates_every_problem(tmp_path: Path) -> None:
    result = import_files([DATA / "sinav-aiken.txt"], tmp_path / "out.yaml", language="tr")
    errors = [(p.line, p.message) for p in result.problems if p.severity.value == "error"]
    assert errors == [
        (14, "a question needs at least two options (A) …, B) …); this one has 1"),
        (18, "this question ends without an 'ANSWER: X' line; it is not imported"),
        (22, "option B) with no question before it"),
        (24, "ANSWER: with no question before it"),
        (30, "ANSWER: 'E' is not one of the options A, B, C"),
    ]
    bank = load_bank(tmp_path / "out.yaml").bank
    capital = bank.question("kazakistanin-baskenti-neresidir")
    assert isinstance(capital, ChoiceQuestion)
    assert capital.answer == "b" and capital.choices[1].text == {"tr": "Astana"}
    assert bank.question("kazakistan-hangi-orgutun-kurucu-uyesidir").answer == "a"  # "A." works too
    assert len(bank.questions) == 3


def test_aiken_text_is_plain() -> None:
    report = Report()
    drafts = read_aiken(
        "Is <b> & 5 < 6?\nA) yes &amp;\nB) no\nANSWER: a\n", "q.txt", report, TextReader(report, "en")
    )
    assert drafts[0].fields["prompt"] == {"en": "Is <b> & 5 < 6?"}
    assert drafts[0].fields["choices"][0].text == {"en": "yes &amp;"}
    assert drafts[0].fields["answer"] == "a"


# --- CSV --------------------------------------------------------------------------------------


def test_csv_written_by_excel_in_turkish(tmp_path: Path) -> None:
    """Semicolons, a BOM, a decimal comma, DOĞRU and a date Excel rewrote the local way."""
    result = import_files([DATA / "soru-bankasi.csv"], tmp_path / "out.yaml")
    assert [(p.line, p.message) for p in result.problems] == [
        (11, "column difficulty: 1, 2 or 3, got '5'"),
        (
            12,
            "column kind: 'kart' is not a kind; use one of choice, multi, truefalse, text, number, date, order, "
            "match (or bank, topic, source, section for the bank's own rows)",
        ),
    ]
    bank = load_bank(tmp_path / "out.yaml").bank
    assert bank.source_language == "tr" and len(bank.questions) == 8
    area = bank.question("yuzolcumu")
    assert isinstance(area, NumberQuestion) and (area.answer, area.tolerance) == (2.72, 0.05)
    assert area.unit == {"tr": "milyon km²", "en": "million km²", "kk": "миллион км²"}
    assert bank.question("bm-uyeligi").answer is True
    date = bank.question("bagimsizlik")
    assert isinstance(date, DateQuestion) and date.answer == PartialDate(1991, 12, 16)
    leaders = bank.question("liderler")
    assert isinstance(leaders, MatchQuestion) and [d["en"] for d in leaders.distractors] == ["Turkmenistan"]
    assert bank.question("sio").answers["kk"] == ("Шанхай ынтымақтастық ұйымы", "ШЫҰ")


def test_csv_with_commas_and_answer_by_number() -> None:
    report = Report()
    text = (
        "kind,prompt_en,option_1_en,option_2_en,answer,topics\n"
        'choice,"Capital, please?",Astana,Almaty,1,geo\n'
        "choice,No options?,,,a,geo\n"
    )
    drafts, _ = read_csv(text, "s.csv", report)
    assert drafts[0].fields["answer"] == "a" and drafts[0].fields["prompt"] == {"en": "Capital, please?"}
    assert [(p.line, p.message) for p in report.problems] == [
        (3, "a choice or multi question needs at least two options: option_1_…, option_2_…")
    ]


def test_csv_unknown_columns_and_missing_header_are_reported() -> None:
    report = Report()
    read_csv("question;answer\nWhat?;yes\n", "x.csv", report)
    messages = [p.message for p in report.problems]
    assert "column 'question' is not a quizapp column; its cells are not imported" in messages
    assert any("the first line must name the columns" in m for m in messages)


# --- HTML and languages ---------------------------------------------------------------------------


def test_html_to_text_like_a_browser() -> None:
    text, images = html_to_text(
        '<p dir="ltr">Birinci&nbsp;satır</p>\n<p>İkinci <b>satır</b><br>üçüncü</p>'
        '<ul><li>a</li><li>b</li></ul><script>x()</script><img src="@@PLUGINFILE@@/map.png">'
    )
    assert text == "Birinci\xa0satır\nİkinci satır\nüçüncü\na\nb\n[map.png]"
    assert images == ["[map.png]"]
    assert html_to_text("a\nb", newlines_are_breaks=True)[0] == "a\nb"
    assert html_to_text("a\n  b")[0] == "a b"
    assert html_to_text("AT&T &amp; 5 < 6")[0] == "AT&T & 5 < 6"


TEXTS = (
    st.lists(
        st.sampled_from([*"ab <>&;#/\"' \t\nİığşәқ{}~=%", "&amp;", "<b>", "{mlang kk}", "&#32;", "]]>"]),
        max_size=30,
    )
    .map("".join)
    .map(str.strip)
)


@given(TEXTS)
def test_text_to_html_is_undone_exactly(text: str) -> None:
    assert html_to_text(text_to_html(text))[0] == text


def test_multilang_split_keeps_shared_text_and_drops_holes() -> None:
    raw = (
        '<p><span lang="tr" class="multilang">Merhaba</span><span lang="en" class="multilang">Hello</span>'
        '<span lang="kk" class="multilang">Сәлем</span> Tokayev, '
        '<span class="multilang" lang="tr">dünya</span><span lang="en_us" class="multilang">world</span></p>'
    )
    split = split_languages(raw, "tr")
    assert {k: html_to_text(v)[0] for k, v in split.texts.items()} == {
        "tr": "Merhaba Tokayev, dünya",
        "en": "Hello Tokayev, world",
    }
    assert split.incomplete == ["kk"]
    other = split_languages("{mlang ru}Привет{mlang}{mlang other}Hello{mlang}", "en")
    assert other.texts == {"en": "Hello"} and other.dropped == ["ru"]


def test_slugs_and_language_guess() -> None:
    assert slug("Kazakistan'ın başkenti?") == "kazakistanin-baskenti"
    assert slug("Қазақстанның сыртқы саясаты") == "qazaqstannyn-syrtqy-sayasaty"
    assert slug("already-an_id.2") == "already-an_id.2"
    assert slug("Soru ____ boşluk") == "soru-bosluk"
    assert guess_language("Kazakistan'ın başkenti neresidir? Şehir") == "tr"
    assert guess_language("Қазақстанның астанасы қай қала?") == "kk"
    assert guess_language("Which city is the capital of Kazakhstan?") == "en"
    assert guess_language("12 34") is None
