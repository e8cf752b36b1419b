"""Property: whatever bytes a bank file holds, loading it returns a bank or raises BankError.

Nothing else may escape (no TypeError, RecursionError, UnicodeEncodeError…), and every problem
has a position a teacher can go to (line and column >= 1). See RELIABILITY.md §6. The budget is
HYPOTHESIS_MAX_EXAMPLES (default 2000, about ten seconds); nightly runs raise it.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.core.errors import BankError
from quizapp.core.loading import load_bank_bytes

MAX_EXAMPLES = int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "2000"))

YAML_TOKENS = [
    # YAML indicators and structure
    "[", "]", "{", "}", ":", ": ", "-", "- ", ",", "&", "&a ", "*", "*a", "!", "!!", "!!str ",
    "!!python/name:os.system ", "\t", "\n", " ", "  ", "'", '"', "#", "?", "? ", "|", ">", "<<: ",
    "---", "...", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "\\", "\\e", "\\x9b", "\\u202E", "\\ud800",
    # values YAML 1.1 reads as something else
    "No", "yes", "on", "~", "null", "012", "0o12", "1:20", "1e3", ".inf", "2024-01-01", "true", "1",
    # the bank format's own words, to reach the schema checks
    "format: 1\n", "format", "bank", "bank:\n", "questions:\n", "id", "kind", "choice", "multi",
    "truefalse", "text", "number", "date", "order", "match", "topics", "difficulty", "prompt",
    "answer", "answers", "choices", "items", "pairs", "left", "right", "source", "tr", "en", "kk",
    "explanation", "sections", "title", "source_language", "points", "tolerance", "unit",
    # letters and troublesome characters
    "Қазақ", "ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "һ", "і", "İ", "ı", "ğ", "ş", "g\u0306",
    "\ufeff", "\x00", "\x85", "\u2028", "\u2029", "\r\n", "\r", "\x1b", "\ud800", "\udfff",
]  # fmt: skip

token_soup = (
    st.lists(st.sampled_from(YAML_TOKENS) | st.text(max_size=5))
    .map("".join)
    .map(lambda text: text.encode("utf-8", errors="surrogatepass"))
)


def assert_loads_or_bank_error(data: bytes) -> None:
    try:
        load_bank_bytes(data)
    except BankError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.line >= 1, problem
            assert problem.column >= 1, problem
            assert problem.message, problem


@settings(max_examples=MAX_EXAMPLES, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary() | token_soup)
def test_any_bytes_load_or_raise_bank_error(data: bytes) -> None:
    assert_loads_or_bank_error(data)


# Inputs the fuzzers once found to crash a loader (RELIABILITY.md §6 and this suite), kept for ever.
REGRESSIONS = [
    pytest.param(b"? ? ", id="nested-complex-key"),
    pytest.param(b"? [a]\n: 1\n", id="unhashable-key"),
    pytest.param(b'"\\ud800"', id="lone-surrogate-escape"),
    pytest.param(b"a: \xed\xa0\x80", id="surrogate-bytes"),
    pytest.param(b"[" * 50_000, id="deep-flow"),
]


@pytest.mark.parametrize("data", REGRESSIONS)
def test_regressions(data: bytes) -> None:
    assert_loads_or_bank_error(data)
