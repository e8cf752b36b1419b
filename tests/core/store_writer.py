"""A writer process for the store's multi-process tests, and the small bank those tests use.

    python store_writer.py DATA_DIR NAME COUNT      # save COUNT answers, print "done"
    python store_writer.py DATA_DIR NAME forever    # save answers until killed

Each answer is saved in its own transaction; only after ``save_answer`` returns (the commit) is
``<attempt_id> <question_id>`` printed and flushed: that line is the acknowledgement the tests
check against the database.
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from quizapp.core.model import Bank, LocalizedText, SourceDocument, SourceRef, Topic, TrueFalseQuestion
from quizapp.core.session import Mode, QuizSession
from quizapp.core.store import Store

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def make_bank(count: int = 40, bank_id: str = "demo") -> Bank:
    """A bank of *count* true/false questions ``q01``… over two topics (odd: ``a``, even: ``b``)."""
    text = LocalizedText({"en": "x"})
    return Bank(
        id=bank_id,
        title=LocalizedText({"en": "Demo"}),
        source_language="en",
        sources=(SourceDocument("doc", text, ()),),
        topics=(Topic("a", LocalizedText({"en": "A"})), Topic("b", LocalizedText({"en": "B"}))),
        questions=tuple(
            TrueFalseQuestion(
                id=f"q{i:02d}",
                topics=("a",) if i % 2 else ("b",),
                difficulty=1,
                prompt=LocalizedText({"en": f"Statement {i}"}),
                explanation=text,
                sources=(SourceRef("doc", "s"),),
                answer=bool(i % 3),
            )
            for i in range(1, count + 1)
        ),
    )


def main(argv: list[str]) -> int:
    data_dir, name, count_arg = Path(argv[0]), argv[1], argv[2]
    limit = None if count_arg == "forever" else int(count_arg)
    bank = make_bank()
    rng = random.Random(name)
    store, _ = Store.open(data_dir, T0)
    # Frequent checkpoints, so that kills land inside them too (RELIABILITY §3.3).
    store._conn.execute("PRAGMA wal_autocheckpoint=50")
    profile = store.get_or_create_profile(name, T0)
    saved = 0
    clock = T0
    while limit is None or saved < limit:
        session = QuizSession.start(bank, bank.questions, Mode.PRACTICE, rng, clock, shuffle=False)
        attempt_id = store.start_attempt(profile, session)
        for question in session.questions:
            if limit is not None and saved >= limit:
                break
            clock += timedelta(seconds=1)
            session.answer(rng.random() < 0.5, clock, shown_at=clock - timedelta(seconds=3))
            store.save_answer(attempt_id, session, question.id, clock)
            print(attempt_id, question.id, flush=True)
            saved += 1
            if session.current < session.total - 1:
                session.goto(session.current + 1)
    store.close()
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
