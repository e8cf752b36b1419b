"""The bundled bank on Kazakhstan's foreign policy: size, kinds, languages, source references,
that every question cites each source it draws on, and the glossary's fixed Kazakh wordings."""

from __future__ import annotations

import dataclasses
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from quizapp.core.loading import load_bank
from quizapp.core.model import (
    LANGUAGES,
    ChoiceQuestion,
    DateQuestion,
    Kind,
    LocalizedText,
    MatchQuestion,
    MultiQuestion,
    NumberQuestion,
    OrderQuestion,
    Question,
    TextQuestion,
)
from quizapp.paths import bundled_questions_dir

BANK = bundled_questions_dir() / "kazakhstan-foreign-policy"


def _texts(question: object) -> list[LocalizedText]:
    texts = [question.prompt, question.explanation]  # type: ignore[attr-defined]
    if isinstance(question, (ChoiceQuestion, MultiQuestion)):
        texts += [c.text for c in question.choices]
    if isinstance(question, OrderQuestion):
        texts += list(question.items)
    if isinstance(question, MatchQuestion):
        texts += (
            [p.left for p in question.pairs] + [p.right for p in question.pairs] + list(question.distractors)
        )
    if isinstance(question, NumberQuestion) and question.unit:
        texts.append(question.unit)
    return texts


def test_bundled_bank_is_complete_and_strictly_valid() -> None:
    loaded = load_bank(BANK, strict=True)
    bank = loaded.bank
    assert not loaded.warnings
    assert len(bank.questions) >= 222  # retired duplicates were replaced, not just dropped
    assert set(bank.retired) >= {"chron-un-date", "chron-unsc-presidency-date", "org-un-text"}
    kinds = Counter(q.kind for q in bank.questions)
    assert set(kinds) == set(Kind)
    assert all(count >= 10 for count in kinds.values()), kinds
    assert {q.difficulty for q in bank.questions} == {1, 2, 3}
    for question in bank.questions:
        for text in _texts(question):
            assert all(text.get(lang, "").strip() for lang in LANGUAGES), (question.id, text)
        if isinstance(question, TextQuestion):
            assert all(question.answers.get(lang) for lang in LANGUAGES), question.id
        for ref in question.sources:
            document = bank.source_document(ref.document)
            assert document is not None, question.id
            assert document.section(ref.section) is not None, question.id
        assert question.topics and all(bank.topic(t) for t in question.topics), question.id


def test_bank_describes_its_sources_without_containing_them() -> None:
    bank = load_bank(BANK).bank
    assert {s.id for s in bank.sources} == {"essay", "overview"}
    for source in bank.sources:
        assert source.sections and all(s.title.get("tr") for s in source.sections)


# --- Every question cites each source it draws on -------------------------------------------

MARKERS_FILE = Path(__file__).parent / "data" / "source_markers.yaml"


@dataclass(frozen=True)
class Marker:
    """A fact only one source document holds, and the ways questions write it."""

    document: str
    in_source: str
    terms: tuple[str, ...]

    def pattern(self) -> re.Pattern[str]:
        # At the start of a word (suffixes may follow: Kırım'ın, Қырымның); a term ending in a
        # digit must not run on into another digit (2017 is not 20170, 50 is not 500).
        alternatives = [re.escape(t) + (r"(?!\d)" if t[-1].isdigit() else "") for t in self.terms]
        return re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + ")")


def load_markers() -> tuple[dict[str, str], list[Marker]]:
    data = yaml.safe_load(MARKERS_FILE.read_text(encoding="utf-8"))
    markers = [
        Marker(m["document"], str(m["in_source"]), tuple(str(t) for t in m["terms"])) for m in data["markers"]
    ]
    return data["documents"], markers


def answer_texts(question: Question) -> list[str]:
    """The texts of the right answer(s) in every language; wrong options are left out (a
    distractor naming something from the other document does not draw on it)."""
    texts: list[str] = []
    match question:
        case ChoiceQuestion():
            texts += [t for c in question.choices if c.id == question.answer for t in c.text.values()]
        case MultiQuestion():
            texts += [t for c in question.choices if c.id in question.answers for t in c.text.values()]
        case TextQuestion():
            texts += [a for accepted in question.answers.values() for a in accepted]
        case NumberQuestion():
            texts.append(f"{question.answer:g}")
        case DateQuestion():
            texts.append(question.answer.iso())
        case OrderQuestion():
            texts += [t for item in question.items for t in item.values()]
        case MatchQuestion():
            texts += [t for p in question.pairs for t in (*p.left.values(), *p.right.values())]
    return texts


def drawn_on(question: Question, markers: list[Marker]) -> dict[str, list[str]]:
    """The documents *question* draws on, each with the terms that show it."""
    text = "\n".join([*question.prompt.values(), *question.explanation.values(), *answer_texts(question)])
    found: dict[str, list[str]] = {}
    for marker in markers:
        hit = marker.pattern().search(text)
        if hit:
            found.setdefault(marker.document, []).append(hit.group(0))
    return found


def test_every_question_cites_each_source_it_draws_on() -> None:
    """A question that uses a fact only one document holds must cite that document.

    The two source texts are not in the repository (nor in CI), so the facts that tell them
    apart are a small curated fixture, ``data/source_markers.yaml``: names, years, figures and
    phrases found in only one document, each with the forms questions use in tr, en and kk. A
    question "uses" a fact when its prompt, explanation or right answer(s) contain one of those
    forms; wrong options and distractors are not counted, since naming something from the other
    document as a wrong answer draws nothing from it. Every document found this way must be
    among the question's ``source`` references. The check is one-way: it cannot prove that a
    question citing both documents needs both, only that none leaves one out.
    """
    documents, markers = load_markers()
    bank = load_bank(BANK).bank
    assert set(documents) == {s.id for s in bank.sources}
    missing = []
    for question in bank.questions:
        cited = {ref.document for ref in question.sources}
        for document, terms in drawn_on(question, markers).items():
            if document not in cited:
                missing.append(
                    f"{question.id}: uses {', '.join(terms)} from {document!r} but cites {sorted(cited)}"
                )
    assert not missing, "\n".join(missing)


def test_source_markers_are_live() -> None:
    """Every marker matches some question, so a misspelt term cannot silently check nothing."""
    _, markers = load_markers()
    bank = load_bank(BANK).bank
    dead = [m.in_source for m in markers if not any(drawn_on(q, [m]) for q in bank.questions)]
    assert not dead, dead


def test_the_check_notices_a_missing_citation() -> None:
    """An essay-only fact in an overview-only question is caught (the check can fail)."""
    _, markers = load_markers()
    bank = load_bank(BANK).bank
    question = next(q for q in bank.questions if {r.document for r in q.sources} == {"overview"})
    essay_fact = dataclasses.replace(
        question,
        explanation=LocalizedText({**question.explanation.to_data(), "en": "Tokayev took office in 2019."}),
    )
    assert "essay" in drawn_on(essay_fact, markers)
    assert "essay" not in drawn_on(question, markers)


def test_no_known_outside_fact_comes_back() -> None:
    """Facts the fact-check found in neither document stay out of every text a student sees."""
    data = yaml.safe_load(MARKERS_FILE.read_text(encoding="utf-8"))
    outside = Marker("", "", tuple(str(t) for t in data["outside"])).pattern()
    bank = load_bank(BANK).bank
    found = []
    for question in bank.questions:
        shown = [t for text in _texts(question) for t in text.values()]
        if isinstance(question, TextQuestion):
            shown += [accepted[0] for accepted in question.answers.values()]
        for text in shown:
            if hit := outside.search(text):
                found.append(f"{question.id}: {hit.group(0)!r} in {text!r}")
    assert not found, "\n".join(found)


@pytest.mark.skipif(
    not os.environ.get("QUIZAPP_SOURCES_DIR"), reason="the source texts are not in the repository"
)
def test_source_markers_hold_in_the_source_texts() -> None:
    """With the source texts at hand (QUIZAPP_SOURCES_DIR), each marker is in its document only."""
    documents, markers = load_markers()
    folder = Path(os.environ["QUIZAPP_SOURCES_DIR"])
    texts = {doc: (folder / name).read_text(encoding="utf-8") for doc, name in documents.items()}
    wrong = []
    for marker in markers:
        holders = {doc for doc, text in texts.items() if marker.in_source in text}
        if holders != {marker.document}:
            wrong.append(f"{marker.in_source!r} is in {sorted(holders)}, not only in {marker.document!r}")
    data = yaml.safe_load(MARKERS_FILE.read_text(encoding="utf-8"))
    wrong += [
        f"{term!r} is not outside: the sources have it"
        for term in data["outside"]
        if any(str(term) in t for t in texts.values())
    ]
    assert not wrong, "\n".join(wrong)


def test_kazakh_wording_follows_the_glossary() -> None:
    """locales/README.md fixes one Kazakh word for "region" and one wording per instruction."""
    bank = load_bank(BANK).bank
    wrong = []
    for question in bank.questions:
        for text in _texts(question):
            kk = text.get("kk", "")
            # аймақ is kept for a zone (еркін сауда аймағы); a region is өңір.
            for found in re.finditer(r"(\w+\s)?айма[қғ]", kk):
                if found.group(1) != "сауда ":
                    wrong.append(f"{question.id}: region as аймақ in {kk!r}")
        prompt = question.prompt["kk"]
        if isinstance(question, OrderQuestion) and not prompt.endswith("ретімен орналастырыңыз."):
            wrong.append(f"{question.id}: order instruction {prompt!r}")
        if isinstance(question, MultiQuestion) and not prompt.endswith("Барлық дұрыс жауапты белгілеңіз."):
            wrong.append(f"{question.id}: multi instruction {prompt!r}")
    assert not wrong, "\n".join(wrong)
