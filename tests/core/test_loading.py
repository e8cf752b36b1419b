"""Bank format v1: every kind loads, and every rejection points at the exact line and column."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from quizapp.core.bankfiles import discover_banks
from quizapp.core.errors import BankError, Problem, Severity
from quizapp.core.loading import load_bank, load_bank_bytes
from quizapp.core.model import (
    ChoiceQuestion,
    DateQuestion,
    Kind,
    MatchQuestion,
    MultiQuestion,
    NumberQuestion,
    OrderQuestion,
    PartialDate,
    SourceRef,
    TextQuestion,
    TrueFalseQuestion,
    question_from_data,
    question_to_data,
)

DATA = Path(__file__).parent / "data"
VALID_BANK = DATA / "valid_bank.yaml"

# Lines 1-15; the first question starts on line 16.
HEADER = """\
format: 1
bank:
  id: t
  title: {tr: T, en: T, kk: T}
  source_language: en
  sources:
    - id: doc
      title: {tr: D, en: D, kk: D}
      sections:
        - id: sec
          title: {tr: S, en: S, kk: S}
  topics:
    - id: topic
      name: {tr: K, en: K, kk: K}
questions:
"""
assert HEADER.count("\n") == 15


def question(kind: str, body: str, qid: str = "q1") -> str:
    """A question on lines 16-… with *body* (the kind's fields) starting on line 21."""
    return (
        f"  - id: {qid}\n"  # 16
        f"    kind: {kind}\n"  # 17
        "    topics: [topic]\n"  # 18
        "    difficulty: 1\n"  # 19
        "    prompt: {tr: P, en: P, kk: P}\n"  # 20
        f"{body}"  # 21…
        "    explanation: {tr: E, en: E, kk: E}\n"
        "    source: {document: doc, section: sec}\n"
    )


CHOICE_BODY = """\
    choices:
      - {id: a, text: {tr: A, en: A, kk: A}}
      - {id: b, text: {tr: B, en: B, kk: B}}
    answer: a
"""
# Lines: 21 choices, 22 choice a, 23 choice b, 24 answer, 25 explanation, 26 source.
CHOICE = question("choice", CHOICE_BODY)


SOURCE_LINE = "    source: {document: doc, section: sec}\n"


def source_list(*entries: str) -> str:
    """A block list of source references: 'source:' on line 26, the entries from line 27."""
    return "    source:\n" + "".join(f"      - {entry}\n" for entry in entries)


def edit(text: str, old: str, new: str) -> str:
    assert old in text, f"{old!r} not in the template"
    return text.replace(old, new, 1)


def load(questions: str, strict: bool = False) -> list[Problem]:
    """The problems of loading HEADER + *questions* (errors, or warnings if it loads)."""
    try:
        loaded = load_bank_bytes((HEADER + questions).encode(), strict=strict)
    except BankError as exc:
        return list(exc.problems)
    return loaded.warnings


def where(problem: Problem) -> str:
    return f"{problem.line}:{problem.column}"


# --- Everything that should load ------------------------------------------------------------


def test_valid_bank_loads_every_kind_cleanly() -> None:
    loaded = load_bank(VALID_BANK, strict=True)
    bank = loaded.bank
    assert loaded.warnings == []
    assert bank.id == "test-bank"
    assert bank.source_language == "en"
    assert {q.kind for q in bank.questions} == set(Kind)
    assert [t.id for t in bank.topics] == ["capitals", "history"]
    assert bank.sources[0].author == "A. Teacher"
    assert bank.sources[0].section("europe") is not None
    assert loaded.files == (VALID_BANK,)
    by_id = {q.id: q for q in bank.questions}

    choice = by_id["q-choice"]
    assert isinstance(choice, ChoiceQuestion)
    assert [c.id for c in choice.choices] == ["a", "b"]
    assert choice.answer == "a"
    assert choice.shuffle is False
    assert choice.choices[1].text["kk"] == "Алматы"
    assert choice.sources == (SourceRef("atlas", "asia"),)

    multi = by_id["q-multi"]
    assert isinstance(multi, MultiQuestion)
    assert multi.answers == frozenset({"a", "c"})
    assert multi.points == 2.0
    assert multi.shuffle is True
    assert multi.topics == ("capitals", "history")
    assert multi.sources == (SourceRef("atlas", "asia"), SourceRef("atlas", "europe"))

    truefalse = by_id["q-truefalse"]
    assert isinstance(truefalse, TrueFalseQuestion)
    assert truefalse.answer is False

    text = by_id["q-text"]
    assert isinstance(text, TextQuestion)
    assert text.answers["tr"] == ("ŞİÖ", "Şanghay İşbirliği Örgütü")
    assert text.answers["kk"] == ("ШЫҰ",)
    assert text.difficulty == 3

    number = by_id["q-number"]
    assert isinstance(number, NumberQuestion)
    assert (number.answer, number.tolerance) == (168.0, 0.5)
    assert number.unit is not None and number.unit["en"] == "countries"

    date = by_id["q-date"]
    assert isinstance(date, DateQuestion)
    assert date.answer == PartialDate(1991, 12, 16)

    order = by_id["q-order"]
    assert isinstance(order, OrderQuestion)
    assert [i["en"] for i in order.items] == ["One", "Two", "Three"]

    match = by_id["q-match"]
    assert isinstance(match, MatchQuestion)
    assert [(p.left["en"], p.right["en"]) for p in match.pairs] == [
        ("Kazakhstan", "Astana"),
        ("Turkey", "Ankara"),
    ]
    assert [d["en"] for d in match.distractors] == ["Almaty"]


def test_minimal_choice_question_loads_with_defaults() -> None:
    loaded = load_bank_bytes((HEADER + CHOICE).encode())
    (q,) = loaded.bank.questions
    assert isinstance(q, ChoiceQuestion)
    assert q.points == 1.0 and q.shuffle is True
    assert loaded.warnings == []


TWO_DOCUMENTS = edit(
    HEADER,
    "  topics:\n",
    "    - id: other\n"
    "      title: {tr: O, en: O, kk: O}\n"
    "      sections:\n"
    "        - id: part\n"
    "          title: {tr: P, en: P, kk: P}\n"
    "  topics:\n",
)


def test_a_question_may_cite_several_passages_in_order() -> None:
    cited = source_list(
        "{document: other, section: part}",
        "{document: doc, section: sec}",
        "{document: other, section: part2}",
    )
    header = edit(
        TWO_DOCUMENTS,
        "          title: {tr: P, en: P, kk: P}\n",
        "          title: {tr: P, en: P, kk: P}\n        - {id: part2, title: {tr: Q, en: Q, kk: Q}}\n",
    )
    loaded = load_bank_bytes((header + edit(CHOICE, SOURCE_LINE, cited)).encode(), strict=True)
    (q,) = loaded.bank.questions
    assert q.sources == (SourceRef("other", "part"), SourceRef("doc", "sec"), SourceRef("other", "part2"))
    assert loaded.warnings == []


def test_one_source_mapping_and_a_list_of_one_are_the_same() -> None:
    (single,) = load_bank_bytes((HEADER + CHOICE).encode()).bank.questions
    (listed,) = load_bank_bytes(
        (HEADER + edit(CHOICE, SOURCE_LINE, source_list("{document: doc, section: sec}"))).encode()
    ).bank.questions
    assert single == listed and single.sources == (SourceRef("doc", "sec"),)


def test_every_bad_source_of_a_question_is_reported() -> None:
    cited = source_list(
        "{document: nodoc, section: sec}", "{document: doc, section: nosec}", "{document: doc, section: sec}"
    )
    problems = load(edit(CHOICE, SOURCE_LINE, cited))
    assert [(where(p), p.message.split(": ", 1)[1]) for p in problems] == [
        ("27:20", "unknown source document 'nodoc'; declared: doc"),
        ("28:34", "document 'doc' has no section 'nosec'; its sections: sec"),
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("    answer: 2024\n", PartialDate(2024, None, None)),
        ('    answer: "2024-05"\n', PartialDate(2024, 5, None)),
    ],
)
def test_partial_dates(body: str, expected: PartialDate) -> None:
    (q,) = load_bank_bytes((HEADER + question("date", body)).encode()).bank.questions
    assert isinstance(q, DateQuestion) and q.answer == expected


# --- Rejections, each at its exact line:col --------------------------------------------------

TF = "truefalse"
REJECTIONS = [
    pytest.param(
        edit(CHOICE, "    answer: a\n", "    answer: a\n    explaination: {tr: E}\n"),
        "25:5",
        "unknown field 'explaination'; did you mean 'explanation'?",
        id="unknown-field-did-you-mean",
    ),
    pytest.param(
        edit(CHOICE, "    answer: a\n", "    colour: red\n    answer: a\n"),
        "24:5",
        "unknown field 'colour'; expected answer, choices,",
        id="unknown-field-expected-list",
    ),
    pytest.param(edit(CHOICE, "    answer: a\n", ""), "16:5", "missing 'answer'", id="missing-field"),
    pytest.param(
        edit(CHOICE, "    prompt: {tr: P, en: P, kk: P}\n", ""),
        "16:5",
        "missing 'prompt'",
        id="missing-prompt",
    ),
    pytest.param(
        edit(CHOICE, "difficulty: 1", "difficulty: [1]"),
        "19:17",
        "'difficulty' must be a whole number from 1 to 3, got a list",
        id="wrong-type-list",
    ),
    pytest.param(
        edit(CHOICE, "prompt: {tr: P, en: P, kk: P}", "prompt: What?"),
        "20:13",
        "must be a mapping of language to text, got 'What?' (give it per language",
        id="wrong-type-text",
    ),
    pytest.param(
        edit(CHOICE, "id: q1", "id: Q 1"),
        "16:9",
        "'id' must be lowercase letters, digits and - _ (no spaces), got 'Q 1'",
        id="bad-id-pattern",
    ),
    pytest.param(
        edit(CHOICE, "{id: b,", "{id: B,"), "23:14", "'id' must be lowercase letters", id="bad-choice-id"
    ),
    pytest.param(
        edit(CHOICE, "difficulty: 1", "difficulty: 4"),
        "19:17",
        "'difficulty' must be a whole number from 1 to 3, got '4'",
        id="difficulty-out-of-range",
    ),
    pytest.param(
        edit(CHOICE, "difficulty: 1", "difficulty: 0"), "19:17", "from 1 to 3, got '0'", id="difficulty-zero"
    ),
    pytest.param(
        edit(CHOICE, "answer: a", "answer: c"),
        "24:13",
        "'answer' must be one of the choice ids a, b; got 'c'",
        id="answer-not-a-choice",
    ),
    pytest.param(
        edit(CHOICE, "{tr: B, en: B, kk: B}", "{tr: a, en: B, kk: B}"),
        "23:23",
        "choice 2: the same text as choice 1 (tr: 'a')",
        id="duplicate-choice-text",
    ),
    pytest.param(
        edit(CHOICE, "{id: b,", "{id: a,"), "23:14", "duplicate choice id 'a'", id="duplicate-choice-id"
    ),
    pytest.param(
        question("multi", edit(CHOICE_BODY, "answer: a", "answers: [a, z]")),
        "24:18",
        "each of 'answers' must be one of the choice ids a, b; got 'z'",
        id="multi-answer-unknown",
    ),
    pytest.param(
        question("multi", edit(CHOICE_BODY, "answer: a", "answers: [a, a]")),
        "24:18",
        "'a' is listed twice in 'answers'",
        id="multi-answer-twice",
    ),
    pytest.param(
        question(TF, "    answer: No\n"),
        "21:13",
        "'answer' must be true or false, got 'No' (write false, without quotes",
        id="truefalse-no",
    ),
    pytest.param(
        question(TF, "    answer: 'true'\n"),
        "21:13",
        "must be true or false, got 'true' (write true, without quotes",
        id="truefalse-quoted",
    ),
    pytest.param(
        question("number", "    answer: 1:20\n"),
        "21:13",
        "'answer' must be a number, got '1:20' (YAML 1.1 would read 1:20 as 80",
        id="number-sexagesimal",
    ),
    pytest.param(
        question("number", '    answer: "12"\n'),
        "21:13",
        "must be a number, got '12' (write it without quotes)",
        id="number-quoted",
    ),
    pytest.param(
        question("number", "    answer: 12\n    tolerance: -1\n"),
        "22:16",
        "'tolerance' must be at least 0, got -1",
        id="number-negative-tolerance",
    ),
    pytest.param(
        question("date", '    answer: "16.12.1991"\n'),
        "21:13",
        '\'answer\' must be a date written "YYYY", "YYYY-MM" or "YYYY-MM-DD", got \'16.12.1991\'',
        id="date-bad-format",
    ),
    pytest.param(
        question("date", '    answer: "1991-02-30"\n'),
        "21:13",
        "must be a date written",
        id="date-impossible",
    ),
    pytest.param(
        question("order", "    items:\n      - {tr: A, en: A, kk: A}\n      - {tr: B, en: B, kk: B}\n"),
        "22:7",
        "'items' must have 3 to 8 items, got 2",
        id="order-two-items",
    ),
    pytest.param(
        question(
            "match",
            "    pairs:\n"
            "      - {left: {tr: A, en: A, kk: A}, right: {tr: B, en: B, kk: B}}\n"
            "      - {left: {tr: C, en: C, kk: C}}\n",
        ),
        "23:9",
        "pair 2: missing 'right'",
        id="match-pair-missing-right",
    ),
    pytest.param(
        question(
            "match", "    pairs:\n      - {left: {tr: A, en: A, kk: A}, right: {tr: B, en: B, kk: B}}\n"
        ),
        "22:7",
        "'pairs' must have 2 to 8 items, got 1",
        id="match-one-pair",
    ),
    pytest.param(
        edit(CHOICE, "topics: [topic]", "topics: [topic, nope]"),
        "18:21",
        "unknown topic 'nope'; declared topics: topic",
        id="unknown-topic",
    ),
    pytest.param(
        edit(CHOICE, "document: doc", "document: nodoc"),
        "26:24",
        "unknown source document 'nodoc'; declared: doc",
        id="unknown-source-document",
    ),
    pytest.param(
        edit(CHOICE, "section: sec", "section: nosec"),
        "26:38",
        "document 'doc' has no section 'nosec'; its sections: sec",
        id="unknown-source-section",
    ),
    pytest.param(
        edit(
            CHOICE,
            SOURCE_LINE,
            source_list("{document: doc, section: sec}", "{document: nodoc, section: sec}"),
        ),
        "28:20",
        "unknown source document 'nodoc'; declared: doc",
        id="source-list-unknown-document",
    ),
    pytest.param(
        edit(
            CHOICE,
            SOURCE_LINE,
            source_list("{document: doc, section: sec}", "{document: doc, section: nosec}"),
        ),
        "28:34",
        "document 'doc' has no section 'nosec'; its sections: sec",
        id="source-list-unknown-section",
    ),
    pytest.param(
        edit(
            CHOICE, SOURCE_LINE, source_list("{document: doc, section: sec}", "{document: doc, section: sec}")
        ),
        "28:9",
        "'source' item 2 cites doc/sec again (already item 1); cite each passage once",
        id="source-list-duplicate",
    ),
    pytest.param(
        edit(CHOICE, SOURCE_LINE, "    source: []\n"),
        "26:13",
        "'source' is an empty list; cite at least one {document: <source id>, section: <section id>}",
        id="source-list-empty",
    ),
    pytest.param(
        edit(CHOICE, SOURCE_LINE, "    source: doc\n"),
        "26:13",
        "'source' must be {document: <source id>, section: <section id>} or a list of them, got 'doc'",
        id="source-wrong-shape",
    ),
    pytest.param(
        edit(CHOICE, SOURCE_LINE, source_list("{document: doc, section: sec}", "doc/sec")),
        "28:9",
        "'source' item 2 must be {document: <source id>, section: <section id>}, got 'doc/sec'",
        id="source-list-item-wrong-shape",
    ),
    pytest.param(
        edit(CHOICE, SOURCE_LINE, source_list("{document: doc, section: sec}", "{document: doc}")),
        "28:9",
        "'source' item 2: missing 'section'",
        id="source-list-item-missing-section",
    ),
    pytest.param(
        edit(CHOICE, SOURCE_LINE, source_list("{document: doc, section: sec, page: 3}")),
        "27:39",
        "'source' item 1: unknown field 'page'",
        id="source-list-item-unknown-field",
    ),
    pytest.param(
        CHOICE + edit(CHOICE, "id: q1", "id: q2") + CHOICE,
        "38:9",
        "duplicate question id 'q1' (first in bank.yaml:16)",
        id="duplicate-question-id-in-file",
    ),
    pytest.param(
        edit(CHOICE, "kind: choice", "kind: essay"), "17:11", "unknown kind 'essay'", id="unknown-kind"
    ),
]


@pytest.mark.parametrize(("questions", "position", "phrase"), REJECTIONS)
def test_rejection_points_at_the_value(questions: str, position: str, phrase: str) -> None:
    problems = load(questions)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    assert len(errors) == 1, [str(p) for p in problems]
    (error,) = errors
    assert error.path == "bank.yaml"
    assert where(error) == position, str(error)
    assert phrase in error.message


def test_bank_error_carries_first_problem() -> None:
    with pytest.raises(BankError) as info:
        load_bank_bytes((HEADER + edit(CHOICE, "answer: a", "answer: c")).encode())
    assert (info.value.path, info.value.line, info.value.column) == ("bank.yaml", 24, 13)
    assert str(info.value).startswith("bank.yaml:24:13: error: question 'q1': 'answer'")


def test_all_schema_errors_of_a_file_are_collected() -> None:
    broken = edit(CHOICE, "difficulty: 1", "difficulty: 9")
    broken = edit(broken, "answer: a", "answer: c")
    broken = edit(broken, "    kind: choice\n", "    kind: choice\n    colour: red\n")
    problems = load(broken)
    assert [(where(p), p.severity) for p in problems] == [
        ("18:5", Severity.ERROR),
        ("20:17", Severity.ERROR),
        ("25:13", Severity.ERROR),
    ]
    assert "unknown field 'colour'" in problems[0].message
    assert "'difficulty'" in problems[1].message
    assert "'answer'" in problems[2].message


def test_errors_across_questions_are_all_reported() -> None:
    second = edit(edit(CHOICE, "id: q1", "id: q2"), "answer: a", "answer: z")
    problems = load(edit(CHOICE, "difficulty: 1", "difficulty: 5") + second)
    assert [where(p) for p in problems] == ["19:17", "35:13"]


def test_each_problem_is_reported_once() -> None:
    problems = load(
        question(
            "match",
            "    pairs:\n"
            "      - {left: {tr: A, en: A, kk: A}, right: {tr: B, en: B, kk: B}}\n"
            "      - {left: {tr: C, en: C, kk: C}}\n",
        )
    )
    assert len(problems) == len(set(problems)) == 1


# --- Warnings and --strict -------------------------------------------------------------------


def test_missing_translation_is_a_warning() -> None:
    text = edit(CHOICE, "prompt: {tr: P, en: P, kk: P}", "prompt: {tr: P, en: P}")
    loaded = load_bank_bytes((HEADER + text).encode())
    (warning,) = loaded.warnings
    assert warning.severity is Severity.WARNING
    assert where(warning) == "20:13"
    assert "missing translation for kk" in warning.message
    assert loaded.bank.questions[0].prompt.get_text("kk") == "P"  # falls back


def test_missing_translation_is_an_error_when_strict() -> None:
    text = edit(CHOICE, "prompt: {tr: P, en: P, kk: P}", "prompt: {tr: P, en: P}")
    with pytest.raises(BankError) as info:
        load_bank_bytes((HEADER + text).encode(), strict=True)
    (error,) = info.value.problems
    assert error.severity is Severity.ERROR
    assert where(error) == "20:13"
    assert "missing translation for kk" in error.message


def test_missing_text_answer_language_is_a_warning() -> None:
    problems = load(question("text", "    answers: {tr: [A], en: [B]}\n"))
    (warning,) = problems
    assert warning.severity is Severity.WARNING
    assert where(warning) == "21:14"
    assert "'answers': missing translation for kk" in warning.message


@pytest.mark.parametrize(
    ("value", "column", "reading"),
    [("No", 28, "a true/false value"), ("012", 28, "a number"), ("2024-01-01", 28, "a date")],
)
def test_plain_ambiguous_text_warns_quote_it(value: str, column: int, reading: str) -> None:
    text = edit(CHOICE, "{id: a, text: {tr: A,", f"{{id: a, text: {{tr: {value},")
    loaded = load_bank_bytes((HEADER + text).encode())
    (warning,) = loaded.warnings
    assert where(warning) == f"22:{column}"
    assert warning.severity is Severity.WARNING
    assert f'read it as {reading}; quote it: "{value}"' in warning.message
    question = loaded.bank.questions[0]
    assert isinstance(question, ChoiceQuestion)
    assert question.choices[0].text["tr"] == value  # kept as the text typed, never False/12/a date


def test_quoted_ambiguous_text_does_not_warn() -> None:
    text = edit(CHOICE, "{id: a, text: {tr: A, en: A,", "{id: a, text: {tr: 'No', en: \"012\",")
    assert load(text) == []


def test_ambiguous_text_is_an_error_when_strict() -> None:
    text = edit(CHOICE, "{id: a, text: {tr: A,", "{id: a, text: {tr: yes,")
    (error,) = load(text, strict=True)
    assert error.severity is Severity.ERROR and "quote it" in error.message


# --- Text encoding and normalisation ---------------------------------------------------------


def test_text_is_nfc_normalised() -> None:
    nfd = edit(CHOICE, "prompt: {tr: P,", "prompt: {tr: Ag\u0306a,")
    (q,) = load_bank_bytes((HEADER + nfd).encode()).bank.questions
    assert q.prompt["tr"] == "Ağa"
    assert len(q.prompt["tr"]) == 3


def test_utf8_bom_is_accepted() -> None:
    loaded = load_bank_bytes(b"\xef\xbb\xbf" + (HEADER + CHOICE).encode())
    assert loaded.bank.questions[0].id == "q1"


def test_crlf_line_ends_load_and_keep_positions() -> None:
    crlf = (HEADER + CHOICE).replace("\n", "\r\n").encode()
    assert load_bank_bytes(crlf).bank.questions[0].id == "q1"
    broken = (HEADER + edit(CHOICE, "answer: a", "answer: c")).replace("\n", "\r\n").encode()
    with pytest.raises(BankError) as info:
        load_bank_bytes(broken)
    assert (info.value.line, info.value.column) == (24, 13)


def test_bom_does_not_shift_columns() -> None:
    broken = b"\xef\xbb\xbf" + (HEADER + edit(CHOICE, "answer: a", "answer: c")).encode()
    with pytest.raises(BankError) as info:
        load_bank_bytes(broken)
    assert (info.value.line, info.value.column) == (24, 13)


# --- Folder banks ----------------------------------------------------------------------------


def folder_bank(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


META = HEADER.removesuffix("questions:\n")
QUESTIONS_ONLY = "format: 1\nquestions:\n"  # lines 1-2; the first question on line 3


def test_multi_file_folder_bank(tmp_path: Path) -> None:
    root = folder_bank(
        tmp_path / "bank",
        {
            "bank.yaml": META,
            "one.yaml": QUESTIONS_ONLY + CHOICE,
            "sub/two.yml": QUESTIONS_ONLY + edit(CHOICE, "id: q1", "id: q2"),
            "notes.txt": "not a bank file",
        },
    )
    loaded = load_bank(root)
    assert [q.id for q in loaded.bank.questions] == ["q1", "q2"]
    assert [p.relative_to(root).as_posix() for p in loaded.files] == ["bank.yaml", "one.yaml", "sub/two.yml"]
    assert loaded.bank.origin == str(root)


def test_duplicate_question_ids_across_files(tmp_path: Path) -> None:
    root = folder_bank(
        tmp_path / "bank",
        {"bank.yaml": META, "a.yaml": QUESTIONS_ONLY + CHOICE, "b.yaml": QUESTIONS_ONLY + CHOICE},
    )
    with pytest.raises(BankError) as info:
        load_bank(root)
    (error,) = info.value.problems
    assert error.path == str(root / "b.yaml")
    assert where(error) == "3:9"
    assert f"duplicate question id 'q1' (first in {root / 'a.yaml'}:3)" in error.message


def test_folder_errors_name_their_file(tmp_path: Path) -> None:
    root = folder_bank(
        tmp_path / "bank",
        {
            "bank.yaml": META,
            "a.yaml": QUESTIONS_ONLY + edit(CHOICE, "answer: a", "answer: c"),
            "b.yaml": "format: 1\nquestions: [\n",
        },
    )
    with pytest.raises(BankError) as info:
        load_bank(root)
    located = {(Path(p.path).name, where(p)) for p in info.value.problems}
    assert ("a.yaml", "11:13") in located
    assert any(name == "b.yaml" and p.startswith("3:") for name, p in located)


def test_folder_without_metadata(tmp_path: Path) -> None:
    root = folder_bank(tmp_path / "bank", {"a.yaml": QUESTIONS_ONLY + CHOICE})
    with pytest.raises(BankError) as info:
        load_bank(root)
    assert "no bank metadata" in info.value.message
    assert (info.value.line, info.value.column) == (1, 1)


def test_two_metadata_sections(tmp_path: Path) -> None:
    root = folder_bank(tmp_path / "bank", {"a.yaml": HEADER + CHOICE, "b.yaml": META})
    with pytest.raises(BankError) as info:
        load_bank(root)
    assert info.value.path == str(root / "b.yaml")
    assert "a bank has one 'bank:' section" in info.value.message


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(BankError, match=r"no \.yaml files here"):
        load_bank(tmp_path / "empty")


def test_discover_banks(tmp_path: Path) -> None:
    shelf = tmp_path / "shelf"
    folder_bank(shelf / "folder-bank", {"bank.yaml": META, "q.yaml": QUESTIONS_ONLY + CHOICE})
    (shelf / "single.yaml").write_text(HEADER + CHOICE, encoding="utf-8")
    (shelf / "single.yml").write_text(HEADER + CHOICE, encoding="utf-8")
    (shelf / "readme.txt").write_text("hello", encoding="utf-8")
    (shelf / "not-a-bank").mkdir()
    (shelf / "not-a-bank" / "x.yaml").write_text("format: 1\n", encoding="utf-8")

    assert discover_banks([shelf]) == [shelf / "folder-bank", shelf / "single.yaml", shelf / "single.yml"]
    # A path that is a bank itself is returned as is.
    assert discover_banks([shelf / "folder-bank"]) == [shelf / "folder-bank"]
    assert discover_banks([shelf / "single.yaml", VALID_BANK]) == [shelf / "single.yaml", VALID_BANK]
    # A missing path is passed on, so that loading it reports the problem.
    assert discover_banks([tmp_path / "missing"]) == [tmp_path / "missing"]


def test_bundled_questions_folder_is_discovered() -> None:
    from quizapp.paths import bundled_questions_dir

    roots = discover_banks([bundled_questions_dir()])
    assert bundled_questions_dir() / "kazakhstan-foreign-policy" in roots


# --- Source references in the model ------------------------------------------------------------


def test_a_question_built_in_code_must_cite_something_and_nothing_twice() -> None:
    (q,) = load_bank_bytes((HEADER + CHOICE).encode()).bank.questions
    assert isinstance(q, ChoiceQuestion)
    ref = SourceRef("doc", "sec")
    with pytest.raises(ValueError, match="cites no source"):
        dataclasses.replace(q, sources=())
    with pytest.raises(ValueError, match="cites a source twice"):
        dataclasses.replace(q, sources=(ref, ref))


def test_question_data_lists_every_source_and_reads_the_one_mapping_form() -> None:
    (q,) = load_bank_bytes(
        (
            TWO_DOCUMENTS
            + edit(
                CHOICE,
                SOURCE_LINE,
                source_list("{document: other, section: part}", "{document: doc, section: sec}"),
            )
        ).encode()
    ).bank.questions
    data = question_to_data(q)
    assert data["source"] == [{"document": "other", "section": "part"}, {"document": "doc", "section": "sec"}]
    assert question_from_data(data) == q
    one = dict(data, source={"document": "doc", "section": "sec"})
    assert question_from_data(one).sources == (SourceRef("doc", "sec"),)
    with pytest.raises(ValueError):
        question_from_data(dict(data, source=[]))


# --- Retired question ids -----------------------------------------------------------------------

RETIRING = edit(HEADER, "  topics:\n", "  retired: [q-old, q-older]\n  topics:\n")


def test_retired_ids_are_kept_with_the_bank() -> None:
    loaded = load_bank_bytes((RETIRING + CHOICE).encode(), strict=True)
    assert loaded.bank.retired == ("q-old", "q-older")
    assert load_bank_bytes((HEADER + CHOICE).encode()).bank.retired == ()


def test_a_retired_id_cannot_be_reused() -> None:
    problems = load_bank_problems(RETIRING + CHOICE + edit(CHOICE, "id: q1", "id: q-older"))
    assert [(where(p), p.message) for p in problems] == [
        (
            "28:9",
            "question id 'q-older' is retired (bank.yaml:12); progress is stored against ids, "
            "so give this question a new id",
        )
    ]


def test_a_retired_id_cannot_be_reused_in_another_file(tmp_path: Path) -> None:
    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "bank.yaml").write_text(RETIRING.replace("questions:\n", ""), encoding="utf-8")
    (folder / "more.yaml").write_text(
        "format: 1\nquestions:\n" + edit(CHOICE, "id: q1", "id: q-old"), encoding="utf-8"
    )
    with pytest.raises(BankError) as info:
        load_bank(folder)
    (problem,) = info.value.problems
    assert (Path(problem.path).name, problem.line, problem.column) == ("more.yaml", 3, 9)
    assert f"is retired ({folder / 'bank.yaml'}:12)" in problem.message


@pytest.mark.parametrize(
    ("retired", "position", "phrase"),
    [
        ("[q-old, q-old]", "12:20", "'q-old' is listed twice in 'retired' (first at line 12)"),
        ("[Q Old]", "12:13", "each of 'retired' must be a question id, got 'Q Old'"),
        ("q-old", "12:12", "'retired' must be a list, got 'q-old'"),
    ],
)
def test_a_malformed_retired_list_is_an_error(retired: str, position: str, phrase: str) -> None:
    problems = load_bank_problems(edit(HEADER, "  topics:\n", f"  retired: {retired}\n  topics:\n") + CHOICE)
    assert [where(p) for p in problems] == [position], [str(p) for p in problems]
    assert phrase in problems[0].message


def load_bank_problems(text: str) -> list[Problem]:
    """The problems of loading *text*, a whole single-file bank."""
    try:
        loaded = load_bank_bytes(text.encode())
    except BankError as exc:
        return list(exc.problems)
    return loaded.warnings
