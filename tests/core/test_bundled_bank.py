"""The bundled bank on Kazakhstan's foreign policy: size, kinds, languages and source references."""

from __future__ import annotations

from collections import Counter

from quizapp.core.loading import load_bank
from quizapp.core.model import (
    LANGUAGES,
    ChoiceQuestion,
    Kind,
    LocalizedText,
    MatchQuestion,
    MultiQuestion,
    NumberQuestion,
    OrderQuestion,
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
    assert len(bank.questions) >= 180
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
