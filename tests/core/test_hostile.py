"""Hostile bank files: every one is refused with a BankError at a real position, never a crash.

The corpus in ``hostile/`` holds the small files; big and generated ones are written to tmp_path.
Anything that could take the process down (libyaml's recursive composer segfaults on deep
nesting, RELIABILITY.md §1.3) runs ``quizapp validate`` in a subprocess so a crash cannot hide.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from quizapp.cli import run
from quizapp.core.errors import BankError
from quizapp.core.loading import load_bank, load_bank_bytes
from quizapp.core.model import ChoiceQuestion
from quizapp.core.yamlread import MAX_DEPTH, MAX_EVENTS, MAX_FILE_BYTES, MAX_SCALAR_CHARS

HOSTILE = Path(__file__).parent / "hostile"
VALID_BANK = Path(__file__).parent / "data" / "valid_bank.yaml"
PROJECT = Path(__file__).resolve().parents[2]
ERROR_LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<column>\d+): error: (?P<message>.+)$", re.M)

# file -> (line:col of the problem, a phrase of its message)
CORPUS = {
    "alias_bomb.yaml": ("1:5", "anchors and aliases (&, *) are not allowed"),
    "single_alias.yaml": ("4:10", "anchors and aliases (&, *) are not allowed"),
    "anchor.yaml": ("2:7", "anchors and aliases (&, *) are not allowed"),
    "python_name.yaml": ("1:9", "tags such as 'tag:yaml.org,2002:python/name:os.system' are not allowed"),
    "custom_tag.yaml": ("2:7", "tags such as '!include' are not allowed"),
    "str_tag.yaml": ("3:7", "tags such as 'tag:yaml.org,2002:str' are not allowed"),
    "yaml_directive.yaml": ("4:9", "tags such as 'tag:evil.com,2000:x' are not allowed"),
    "latin1.yaml": ("2:10", "not valid UTF-8 (byte 0xe9 at offset 19); save the file as UTF-8"),
    "cp1251.yaml": ("2:7", "not valid UTF-8 (byte 0xcf at offset 16)"),
    "utf16_bom.yaml": ("1:1", "not valid UTF-8 (byte 0xff at offset 0)"),
    "surrogate_bytes.yaml": ("2:7", "not valid UTF-8 (byte 0xed at offset 16)"),
    "nul.yaml": ("2:8", "character U+0000 is not allowed"),
    "lone_surrogate.yaml": ("2:10", "invalid Unicode character escape code"),
    "duplicate_key.yaml": ("2:1", "duplicate key 'format' (first defined at line 1)"),
    "duplicate_key_quoted.yaml": ("4:3", "duplicate key 'id' (first defined at line 3)"),
    "duplicate_key_nested.yaml": ("6:5", "duplicate key 'en' (first defined at line 4)"),
    "complex_key.yaml": ("2:3", "a key must be plain text, not a list or mapping"),
    "complex_key_nested.yaml": ("1:3", "a key must be plain text, not a list or mapping"),
    "merge_key.yaml": ("3:3", "merge keys (<<) are not allowed"),
    "multiple_documents.yaml": ("2:1", "only one YAML document per file"),
    "tab_indent.yaml": ("3:1", "found character that cannot start any token"),
    "empty.yaml": ("1:1", "the file is empty"),
    "bare_scalar.yaml": ("1:1", "the file must be a mapping of fields, got 'just some text'"),
    "bare_list.yaml": ("1:1", "the file must be a mapping of fields, got a list"),
    "escape_osc.yaml": ("4:15", "control character U+001B is not allowed in text"),
    "escape_csi_c1.yaml": ("4:15", "control character U+009B is not allowed in text"),
    "escape_bidi_override.yaml": ("4:15", "control character U+202E is not allowed in text"),
    "escape_bidi_isolate.yaml": ("4:15", "control character U+2066 is not allowed in text"),
}


def test_corpus_is_complete() -> None:
    assert sorted(p.name for p in HOSTILE.glob("*.yaml")) == sorted(CORPUS)


def problems_of(data: bytes, path: str = "bank.yaml") -> list[tuple[str, str]]:
    """(line:col, message) of every problem; fails if *data* loads or anything but BankError escapes."""
    with pytest.raises(BankError) as info:
        load_bank_bytes(data, path)
    assert info.value.problems
    for problem in info.value.problems:
        assert problem.line >= 1 and problem.column >= 1, problem
    return [(f"{p.line}:{p.column}", p.message) for p in info.value.problems]


def assert_problem(problems: list[tuple[str, str]], position: str, phrase: str) -> None:
    assert any(where == position and phrase in message for where, message in problems), problems


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_file_is_refused_at_its_position(name: str) -> None:
    position, phrase = CORPUS[name]
    assert_problem(problems_of((HOSTILE / name).read_bytes()), position, phrase)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_file_through_cli(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = HOSTILE / name
    assert run(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    position, phrase = CORPUS[name]
    assert f"{path}:{position}: error: " in out
    assert phrase in out
    assert "Traceback" not in out + err
    assert "0 questions" in err and "error" in err


def test_alias_bomb_never_expands() -> None:
    import tracemalloc

    data = (HOSTILE / "alias_bomb.yaml").read_bytes()
    assert len(data) < 600
    tracemalloc.start()
    try:
        problems_of(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # 9 levels of 9 aliases would be 387 million nodes; refusing it needs almost nothing.
    assert peak < 5 * 1024 * 1024


# --- Code execution through tags -------------------------------------------------------------

PAYLOADS = [
    "format: !!python/object/apply:os.system ['touch {sentinel}']\n",
    "format: !!python/object/new:os.system ['touch {sentinel}']\n",
    "format: !!python/object/apply:subprocess.call [[touch, {sentinel}]]\n",
    "format: 1\nbank: !!python/object/apply:builtins.open ['{sentinel}', 'w']\n",
    "format: !!python/name:os.system\n",
    "format: 1\nbank: !pwn {{cmd: 'touch {sentinel}'}}\n",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_python_tags_never_run_code(payload: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sentinel = tmp_path / "pwned"
    text = payload.format(sentinel=sentinel)
    problems = problems_of(text.encode())
    assert any("tags such as" in message for _, message in problems), problems
    path = tmp_path / "evil.yaml"
    path.write_text(text, encoding="utf-8")
    assert run(["validate", str(path)]) == 1
    assert "tags such as" in capsys.readouterr().out
    assert not sentinel.exists()


# --- Escape sequences and markup in otherwise valid banks -------------------------------------

# In valid_bank.yaml the English prompt of q-choice starts at 29:47, its choice "a" (en) at 31:40.
PROMPT_EN = "en: Capital of Kazakhstan?"
CHOICE_EN = "{id: a, text: {tr: Astana, en: Astana,"


def valid_with(old: str, new: str) -> bytes:
    text = VALID_BANK.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1).encode()


@pytest.mark.parametrize(
    ("escaped", "code"),
    [(r"\e]0;X\a", "U+001B"), (r"\x9b2J", "U+009B"), (r"\u202Eevil", "U+202E"), (r"\u2066evil", "U+2066")],
)
def test_escape_sequences_refused_in_text_and_choice(escaped: str, code: str) -> None:
    in_prompt = valid_with(PROMPT_EN, f'en: "{escaped}"')
    assert_problem(problems_of(in_prompt), "29:47", f"control character {code} is not allowed")
    in_choice = valid_with(CHOICE_EN, f'{{id: a, text: {{tr: Astana, en: "{escaped}",')
    assert_problem(problems_of(in_choice), "31:40", f"control character {code} is not allowed")


@pytest.mark.parametrize(
    ("char", "position", "phrase"),
    [
        # Raw C0/C1 controls: libyaml's reader refuses them (it reports a byte offset, which must
        # become the character column: line 29 holds non-ASCII letters before this point).
        ("\x1b", "29:49", "character U+001B is not allowed in YAML"),
        ("\x07", "29:49", "character U+0007 is not allowed in YAML"),
        ("\x7f", "29:49", "character U+007F is not allowed in YAML"),
        ("\x9b", "29:49", "character U+009B is not allowed in YAML"),
        # Printable to YAML, refused by our text check at the start of the scalar.
        ("\u202e", "29:47", "control character U+202E is not allowed in text"),
        ("\u2066", "29:47", "control character U+2066 is not allowed in text"),
        ("\u200f", "29:47", "control character U+200F is not allowed in text"),
        ("\u2028", "29:47", "control character U+2028 is not allowed in text"),
    ],
)
def test_raw_control_characters_refused(char: str, position: str, phrase: str) -> None:
    assert_problem(problems_of(valid_with(PROMPT_EN, f'en: "a{char}b"')), position, phrase)


@pytest.mark.parametrize(
    "markup", ["[b]x[/b]", "[/]", "[@click=app.quit]", "[link=http://x]y[/link]", "x[/bold"]
)
def test_markup_like_text_is_data(markup: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = valid_with(PROMPT_EN, f'en: "{markup}"')
    data = data.replace(b"en: Almaty,", f"en: '{markup} (choice)',".encode(), 1)
    loaded = load_bank_bytes(data)
    question = next(q for q in loaded.bank.questions if q.id == "q-choice")
    assert question.prompt["en"] == markup
    assert isinstance(question, ChoiceQuestion)
    assert question.choices[1].text["en"] == f"{markup} (choice)"
    path = tmp_path / "markup.yaml"
    path.write_bytes(data)
    assert run(["validate", "--strict", str(path)]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out


# --- Limits: size, scalar length, events, depth ------------------------------------------------


def test_file_over_one_mib(tmp_path: Path) -> None:
    data = b"format: 1\n" + b"#" * (MAX_FILE_BYTES - 10 + 1)
    assert len(data) == MAX_FILE_BYTES + 1
    assert_problem(problems_of(data), "1:1", "the limit is 1,048,576 bytes (1 MiB)")
    path = tmp_path / "big.yaml"
    path.write_bytes(data)
    with pytest.raises(BankError, match="the limit is 1,048,576 bytes"):
        load_bank(path)


def test_file_of_exactly_one_mib_is_read() -> None:
    data = b"format: 1\n" + b"#" * (MAX_FILE_BYTES - 10)
    problems = problems_of(data)
    assert not any("limit" in message for _, message in problems)


def test_scalar_of_70000_characters() -> None:
    data = b"format: 1\nbank: " + b"x" * 70_000 + b"\n"
    assert_problem(problems_of(data), "2:7", f"text longer than {MAX_SCALAR_CHARS:,} characters (70,000)")


def test_more_than_500k_events() -> None:
    # 7 events precede the list items; the 500,001st event is item 499,994, at 5 + 2 * 499,993.
    data = b"format: 1\nx: [" + b"a," * (MAX_EVENTS + 1) + b"]\n"
    assert len(data) <= MAX_FILE_BYTES
    assert_problem(problems_of(data), "2:999991", "more than 500,000 YAML elements")


def test_nesting_at_the_limit_is_read_deeper_is_refused() -> None:
    # The root mapping is level 1; `[` * (MAX_DEPTH - 1) reaches exactly MAX_DEPTH.
    at_limit = b"format: 1\nx: " + b"[" * (MAX_DEPTH - 1) + b"]" * (MAX_DEPTH - 1) + b"\n"
    assert not any("nesting" in message for _, message in problems_of(at_limit))
    deeper = b"format: 1\nx: " + b"[" * MAX_DEPTH + b"]" * MAX_DEPTH + b"\n"
    assert_problem(problems_of(deeper), f"2:{4 + MAX_DEPTH - 1}", f"nesting deeper than {MAX_DEPTH} levels")


def block_nesting(depth: int) -> bytes:
    return "".join(" " * level + f"k{level}:\n" for level in range(depth)).encode()


DEEP = {
    "flow_50000.yaml": b"[" * 50_000,
    "flow_400000.yaml": b"[" * 400_000,
    "flow_map_50000.yaml": b"{a: " * 50_000,
    "block_map_1000.yaml": block_nesting(1000),
    "block_seq_50000.yaml": b"- " * 50_000 + b"x\n",
}


@pytest.mark.parametrize("name", sorted(DEEP))
def test_deep_nesting_in_a_subprocess(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(DEEP[name])
    result = subprocess.run(
        [sys.executable, "-m", "quizapp", "validate", str(path)],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=120,
    )
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])  # 139/-11 = segfault
    assert "Traceback" not in result.stdout + result.stderr
    errors = [m for m in ERROR_LINE.finditer(result.stdout) if m["path"] == str(path)]
    assert errors, result.stdout
    first = errors[0]
    assert int(first["line"]) >= 1 and int(first["column"]) >= 1
    # Our own depth check (or libyaml's flow-level limit, which some builds hit first).
    assert "nesting" in first["message"]


def test_block_nesting_position() -> None:
    # The root mapping (holding k0) is level 1, so the mapping holding k32 (line 33, column 33)
    # is level 33.
    assert_problem(problems_of(block_nesting(1000)), "33:33", f"nesting deeper than {MAX_DEPTH} levels")
