"""What `quizapp validate` tells a teacher: plain explanations of YAML mistakes with the likely fix,
the expected form of a value with the wrong shape, and a summary that still counts what is fine."""

from __future__ import annotations

import pytest

from quizapp.core.errors import BankError, Severity
from quizapp.core.loading import load_bank_bytes
from tests.core.test_loading import CHOICE, HEADER, edit, load, question, where

# Lines 16-26 hold CHOICE: 16 id, 17 kind, 18 topics, 19 difficulty, 20 prompt, 21 choices,
# 22-23 the options, 24 answer, 25 explanation, 26 source.
SYNTAX_MISTAKES = [
    pytest.param(
        edit(CHOICE, "    difficulty: 1", "\tdifficulty: 1"),
        "19:1",
        "tabs cannot indent YAML; use spaces",
        id="tab-indentation",
    ),
    pytest.param(
        edit(CHOICE, "    difficulty: 1", "  \t  difficulty: 1"),
        "19:3",
        "tabs cannot indent YAML; use spaces",
        id="tab-among-spaces",
    ),
    pytest.param(
        edit(CHOICE, "    prompt: {tr: P, en: P, kk: P}", "    prompt: Soru: ne?"),
        "20:13",
        'put the whole text in quotes: prompt: "Soru: ne?"',
        id="colon-inside-text",
    ),
    pytest.param(
        edit(CHOICE, "    difficulty: 1", "    difficulty 1"),
        "19:5",
        "no ':' after its field name",
        id="missing-colon",
    ),
    pytest.param(
        edit(CHOICE, "    difficulty: 1", "   difficulty: 1"),
        "19:4",
        "indent it by 2 spaces (like line 16) or by 4 spaces (like line 18)",
        id="field-misaligned",
    ),
    pytest.param(
        edit(CHOICE, "    prompt: {tr: P, en: P, kk: P}", "    prompt: {tr: P, en: P, kk: P"),
        "20:13",
        "the '{' that opens here is not closed",
        id="unclosed-brace",
    ),
    pytest.param(
        edit(CHOICE, "    topics: [topic]", "    topics: [topic"),
        "18:13",
        "the '[' that opens here is not closed",
        id="unclosed-bracket",
    ),
    pytest.param(
        edit(CHOICE, "    prompt: {tr: P, en: P, kk: P}", '    prompt: "P'),
        "20:13",
        "the quote that opens here is never closed",
        id="unclosed-quote",
    ),
    pytest.param(
        edit(CHOICE, "    prompt: {tr: P, en: P, kk: P}", "    prompt: 'it's'"),
        "20:13",
        "double the apostrophe ('it''s')",
        id="apostrophe-in-single-quotes",
    ),
    pytest.param(
        edit(CHOICE, "    prompt: {tr: P, en: P, kk: P}", "    prompt: @P"),
        "20:13",
        "a text cannot start with '@' in YAML; put the whole text in quotes",
        id="at-sign-start",
    ),
    pytest.param(
        edit(CHOICE, "    prompt: {tr: P, en: P, kk: P}", '    prompt: "C:\\q"'),
        "20:16",
        "write \\\\ for a backslash",
        id="unknown-escape",
    ),
    pytest.param(
        edit(CHOICE, "    answer: a", "     answer: a"),
        "24:6",
        "indented by 5 spaces, which lines it up with nothing above it; indent it by 4 spaces (like line 21)",
        id="field-one-space-too-deep",
    ),
]


@pytest.mark.parametrize(("questions", "position", "phrase"), SYNTAX_MISTAKES)
def test_yaml_mistakes_are_explained_with_the_fix(questions: str, position: str, phrase: str) -> None:
    problems = load(questions)
    assert len(problems) == 1, [str(p) for p in problems]
    (problem,) = problems
    assert where(problem) == position, str(problem)
    assert phrase in problem.message, problem.message
    head, _, parser_words = problem.message.partition(" [YAML: ")
    # The explanation comes first, in plain words; the parser's wording only in brackets after it.
    assert "while parsing" not in head and "while scanning" not in head and "did not find" not in head
    assert parser_words.endswith("]")


def test_block_mapping_wording_becomes_an_explanation() -> None:
    # The wording a teacher met: "while parsing a block mapping did not find expected key", reported
    # by the parser many lines below the real fault; the explanation names the misaligned line.
    text = edit(HEADER, "  source_language: en", " source_language: en") + CHOICE
    with pytest.raises(BankError) as caught:
        load_bank_bytes(text.encode())
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (5, 2)
    assert problem.message.startswith(
        "YAML syntax: this line is indented by 1 space, which lines it up with nothing above it; "
        "indent it by 0 spaces (like line 2) or by 2 spaces (like line 4)"
    ), problem.message
    assert problem.message.endswith("[YAML: while parsing a block mapping did not find expected key]")


@pytest.mark.parametrize(
    ("old", "new", "phrase"),
    [
        pytest.param(
            "    choices:\n      - {id: a, text: {tr: A, en: A, kk: A}}\n      - {id: b, text: {tr: B, en: B, kk: B}}\n    answer: a\n",
            "    answers: Tashkent\n",
            "'answers' must be a mapping from language to a list of accepted answers, e.g. {en: [Tashkent]}, got 'Tashkent'",
            id="text-answers",
        ),
        pytest.param(
            "    topics: [topic]",
            "    topics: topic",
            "'topics' must be a list of topic ids, e.g. [history], got 'topic'",
            id="topics",
        ),
        pytest.param(
            "    source: {document: doc, section: sec}",
            "    source: doc",
            "'source' must be {document: <source id>, section: <section id>} or a list of them, got 'doc'",
            id="source",
        ),
    ],
)
def test_wrong_shape_shows_the_expected_form(old: str, new: str, phrase: str) -> None:
    kind = "text" if "answers:" in new else "choice"
    body = CHOICE.split("    choices:")[0] + CHOICE[CHOICE.index("    choices:") :]
    source = question(kind, "") if kind == "text" else body
    if kind == "text":
        source = edit(source, "    explanation:", new + "    explanation:")
    else:
        source = edit(source, old, new)
    messages = [p.message for p in load(source) if p.severity is Severity.ERROR]
    assert any(phrase in m for m in messages), messages


def test_wrong_shape_of_multi_answers_shows_the_expected_form() -> None:
    body = (
        "    choices:\n      - {id: a, text: {tr: A, en: A, kk: A}}\n"
        "      - {id: b, text: {tr: B, en: B, kk: B}}\n    answers: a\n"
    )
    messages = [p.message for p in load(question("multi", body))]
    assert any("'answers' must be a list of choice ids, e.g. [a, c], got 'a'" in m for m in messages)


def test_summary_counts_the_questions_that_are_fine() -> None:
    second = edit(CHOICE, "id: q1", "id: q2")
    third = edit(edit(CHOICE, "id: q1", "id: q3"), "topics: [topic]", "topics: [nosuch]")
    fourth = edit(edit(CHOICE, "id: q1", "id: q4"), "answer: a", "answer: z")
    with pytest.raises(BankError) as caught:
        load_bank_bytes((HEADER + CHOICE + second + third + fourth).encode())
    # q3 fails a cross-check (unknown topic), q4 its own check: two of four are fine.
    assert caught.value.valid_questions == 2
    duplicate = edit(CHOICE, "answer: a", "answer: b")
    with pytest.raises(BankError) as caught:
        load_bank_bytes((HEADER + CHOICE + duplicate + third).encode())
    assert caught.value.valid_questions == 1


def test_unquoted_iso_date_on_a_date_question_is_not_a_warning() -> None:
    # Every YAML tool reads 1991-12-16 as that date, which is what a date question means: no warning
    # (questions/README.md says why); the same value as text elsewhere still warns.
    assert load(question("date", "    answer: 1991-12-16\n")) == []
    warned = load(edit(CHOICE, "prompt: {tr: P, en: P, kk: P}", "prompt: {tr: P, en: 1991-12-16, kk: P}"))
    assert any("quote it" in p.message for p in warned)
