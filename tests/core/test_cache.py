"""The compiled bank cache: served when the bank is unchanged, never stale, never trusted blindly."""

from __future__ import annotations

import copy
import os
import random
import shutil
import struct
from pathlib import Path
from typing import Any

import pytest

from quizapp.core import cache, loading
from quizapp.core.cache import MAGIC, entry_path, is_decoded, load_bank_cached
from quizapp.core.errors import BankError, Severity
from quizapp.core.loading import LoadedBank, load_bank
from quizapp.core.model import ChoiceQuestion, Kind, MatchQuestion, SourceRef, TextQuestion, question_to_data

DATA = Path(__file__).parent / "data"
VALID_BANK = DATA / "valid_bank.yaml"


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    """A folder bank: metadata in bank.yaml, the questions of the valid test bank in a second file."""
    folder = tmp_path / "bank"
    folder.mkdir()
    text = VALID_BANK.read_text(encoding="utf-8")
    head, questions = text.split("questions:\n", 1)
    (folder / "bank.yaml").write_text(head, encoding="utf-8")
    (folder / "questions.yaml").write_text("format: 1\nquestions:\n" + questions, encoding="utf-8")
    return folder


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def refuse_yaml(*args: Any, **kwargs: Any) -> Any:
    """Patched over the YAML reader: a load that succeeds cannot have parsed YAML."""
    raise AssertionError("YAML was parsed")


def english_prompt(loaded: LoadedBank, question_id: str = "q-choice") -> str:
    question = loaded.bank.question(question_id)
    assert question is not None
    return question.prompt["en"]


def rewrite_keeping_stamp(path: Path, old: str, new: str) -> None:
    """Replace *old* with *new* (same length) and restore the file's mtime: only the bytes differ."""
    assert len(old.encode()) == len(new.encode())
    info = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size
    assert path.stat().st_mtime_ns == info.st_mtime_ns


# --- Served from the cache -------------------------------------------------------------------


def test_second_load_is_served_from_the_cache(
    bank: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_bank_cached(bank, cache_dir)
    assert entry_path(bank, cache_dir).is_file()
    monkeypatch.setattr(loading, "read_yaml", refuse_yaml)
    with pytest.raises(AssertionError, match="YAML was parsed"):
        load_bank(bank)  # the patch works
    second = load_bank_cached(bank, cache_dir)

    assert not any(is_decoded(q) for q in second.bank.questions)  # served from the cache, lazily
    monkeypatch.undo()
    assert second.bank == load_bank(bank).bank
    assert second.bank.questions == first.bank.questions
    assert second.files == first.files
    assert second.bank.origin == str(bank)
    assert {q.kind for q in second.bank.questions} == set(Kind)


def test_cached_questions_behave_like_loaded_ones(bank: Path, cache_dir: Path) -> None:
    fresh = load_bank_cached(bank, cache_dir)
    cached = load_bank_cached(bank, cache_dir)
    choice = cached.bank.question("q-choice")
    assert isinstance(choice, ChoiceQuestion)
    assert not is_decoded(choice)
    assert choice.topics == ("capitals",) and choice.difficulty == 1
    assert not is_decoded(choice)  # the home screen's fields do not decode the question
    assert choice.answer == "a"  # any other field does
    assert is_decoded(choice)
    assert choice == fresh.bank.question("q-choice")
    assert fresh.bank.question("q-choice") == choice
    assert hash(choice) == hash(fresh.bank.question("q-choice"))
    match cached.bank.question("q-match"):
        case MatchQuestion(pairs=pairs):
            assert len(pairs) >= 2
        case other:
            pytest.fail(f"not a match question: {other!r}")
    text = cached.bank.question("q-text")
    assert isinstance(text, TextQuestion)
    assert text.shown_answer("en") == fresh.bank.question("q-text").shown_answer("en")  # type: ignore[union-attr]
    assert copy.deepcopy(text) == text
    with pytest.raises(AttributeError):
        _ = choice.no_such_field  # type: ignore[attr-defined]
    multi = cached.bank.question("q-multi")
    assert multi is not None and not is_decoded(multi)
    assert multi.sources == (SourceRef("atlas", "asia"), SourceRef("atlas", "europe"))  # both survive
    assert cached.bank.select(["history"], [2]) == fresh.bank.select(["history"], [2])
    assert cached.bank.topic_counts() == fresh.bank.topic_counts()


def test_warnings_are_cached_too(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "warned.yaml"
    text = VALID_BANK.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "prompt: {tr: Kazakistan'ın başkenti?, en: Capital of Kazakhstan?, kk: Қазақстанның астанасы?}",
            "prompt: {tr: Kazakistan'ın başkenti?, en: Capital of Kazakhstan?}",
            1,
        ),
        encoding="utf-8",
    )
    first = load_bank_cached(path, cache_dir)
    assert first.warnings and all(w.severity is Severity.WARNING for w in first.warnings)
    monkeypatch.setattr(loading, "read_yaml", refuse_yaml)
    second = load_bank_cached(path, cache_dir)
    assert second.warnings == first.warnings
    monkeypatch.undo()
    # Strict mode has its own entry: the warning is an error there, and never served from lenient.
    with pytest.raises(BankError):
        load_bank_cached(path, cache_dir, strict=True)


def test_a_broken_bank_is_an_error_and_not_cached(tmp_path: Path, cache_dir: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("format: 1\nbank: [\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(BankError):
            load_bank_cached(path, cache_dir)
    assert not list(cache_dir.glob("*")) if cache_dir.exists() else True


def test_the_entry_follows_the_root_however_it_is_spelled(
    bank: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_bank_cached(bank, cache_dir)
    monkeypatch.chdir(bank.parent)
    monkeypatch.setattr(loading, "read_yaml", refuse_yaml)
    again = load_bank_cached(Path("bank"), cache_dir)
    assert again.bank.origin == "bank"
    assert again.files == (Path("bank/bank.yaml"), Path("bank/questions.yaml"))


# --- Never stale ---------------------------------------------------------------------------------


def test_an_edited_file_is_reloaded(bank: Path, cache_dir: Path) -> None:
    load_bank_cached(bank, cache_dir)
    path = bank / "questions.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Capital of Kazakhstan?", "Capital of Qazaqstan?"),
        encoding="utf-8",
    )
    reloaded = load_bank_cached(bank, cache_dir)
    assert english_prompt(reloaded) == "Capital of Qazaqstan?"
    # ... and the new content is what is cached now.
    assert english_prompt(load_bank_cached(bank, cache_dir)) == "Capital of Qazaqstan?"


def test_an_edit_keeping_size_and_mtime_is_never_served_stale(bank: Path, cache_dir: Path) -> None:
    load_bank_cached(bank, cache_dir)
    rewrite_keeping_stamp(bank / "questions.yaml", "Capital of Kazakhstan?", "Capital of Kazakhstan!")
    reloaded = load_bank_cached(bank, cache_dir)
    assert english_prompt(reloaded) == "Capital of Kazakhstan!"


def test_an_added_or_removed_file_is_noticed(bank: Path, cache_dir: Path) -> None:
    load_bank_cached(bank, cache_dir)
    text = (bank / "questions.yaml").read_text(encoding="utf-8")
    (bank / "more.yaml").write_text(text.replace("id: q-", "id: more-"), encoding="utf-8")
    assert len(load_bank_cached(bank, cache_dir).bank.questions) == 16
    (bank / "more.yaml").unlink()
    assert len(load_bank_cached(bank, cache_dir).bank.questions) == 8


def test_a_bank_that_breaks_is_an_error_not_its_cached_past(bank: Path, cache_dir: Path) -> None:
    load_bank_cached(bank, cache_dir)
    rewrite_keeping_stamp(bank / "questions.yaml", "kind: choice", "kind: chose!")
    with pytest.raises(BankError):
        load_bank_cached(bank, cache_dir)


# --- Never trusted blindly ---------------------------------------------------------------------


def _valid_entry(bank: Path, cache_dir: Path) -> tuple[Path, bytes]:
    load_bank_cached(bank, cache_dir)
    entry = entry_path(bank, cache_dir)
    return entry, entry.read_bytes()


def _flip(data: bytes, index: int) -> bytes:
    return data[:index] + bytes([data[index] ^ 0x40]) + data[index + 1 :]


def _damaged(raw: bytes) -> dict[str, bytes]:
    header = cache._HEADER
    magic, version, length, digest = header.unpack_from(raw)
    payload = raw[header.size :]
    rng = random.Random(7)
    return {
        "zero bytes": b"",
        "magic only": MAGIC,
        "truncated header": raw[: header.size - 3],
        "truncated payload": raw[: len(raw) // 2],
        "one byte short": raw[:-1],
        "one byte more": raw + b"\0",
        "flipped payload byte": _flip(raw, header.size + len(payload) // 2),
        "flipped digest byte": _flip(raw, header.size - 1),
        "random bytes": rng.randbytes(len(raw)),
        "random payload, right header": header.pack(magic, version, length, digest) + rng.randbytes(length),
        "foreign magic": b"NOTQUIZZ" + raw[8:],
        "future version": header.pack(magic, version + 1, length, digest) + payload,
        "older version": header.pack(magic, version - 1, length, digest) + payload,
        "wrong length": header.pack(magic, version, length + 1, digest) + payload,
        "pickle": b"\x80\x04\x95\x00\x00\x00\x00\x00\x00\x00\x00N.",
        "text": b"QZAPCACH but not really\n" * 10,
    }


DAMAGE = list(_damaged(cache._HEADER.pack(MAGIC, cache.CACHE_FORMAT, 4, bytes(32)) + b"abcd"))


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_entry_is_ignored_and_rebuilt(bank: Path, cache_dir: Path, damage: str) -> None:
    entry, raw = _valid_entry(bank, cache_dir)
    entry.write_bytes(_damaged(raw)[damage])
    reference = load_bank(bank)
    reloaded = load_bank_cached(bank, cache_dir)
    assert reloaded.bank == reference.bank
    assert entry.read_bytes() != _damaged(raw)[damage]  # rebuilt
    assert cache.read_entry(bank, cache_dir) is not None


def _resealed(payload: bytes) -> bytes:
    """*payload* under a correct header: damage that the digest cannot catch."""
    import hashlib

    digest = hashlib.blake2b(payload, digest_size=32).digest()
    return cache._HEADER.pack(MAGIC, cache.CACHE_FORMAT, len(payload), digest) + payload


@pytest.mark.parametrize(
    "payload",
    [
        None,
        [],
        {"stamp": []},
        {"stamp": "x", "content": b"", "bank": {}, "questions": [], "warnings": []},
        b"\xff\xfe",
    ],
    ids=["none", "list", "partial", "wrong types", "bytes"],
)
def test_a_well_sealed_entry_of_the_wrong_shape_is_ignored(bank: Path, cache_dir: Path, payload: Any) -> None:
    import marshal

    entry, _raw = _valid_entry(bank, cache_dir)
    entry.write_bytes(_resealed(marshal.dumps(payload)))
    assert cache.read_entry(bank, cache_dir) is None
    assert load_bank_cached(bank, cache_dir).bank == load_bank(bank).bank


def test_a_sealed_entry_for_other_content_is_ignored(bank: Path, cache_dir: Path, tmp_path: Path) -> None:
    """An entry copied from another bank (same file names, sizes and mtimes) is not served."""
    other = tmp_path / "other"
    shutil.copytree(bank, other)
    rewrite_keeping_stamp(other / "questions.yaml", "Capital of Kazakhstan?", "Capital of Kazakhstan!")
    for path in bank.iterdir():
        info = path.stat()
        os.utime(other / path.name, ns=(info.st_atime_ns, info.st_mtime_ns))
    load_bank_cached(other, cache_dir)
    shutil.copyfile(entry_path(other, cache_dir), entry_path(bank, cache_dir))
    assert english_prompt(load_bank_cached(bank, cache_dir)) == "Capital of Kazakhstan?"


# --- A cache that cannot be written ------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions, not root")
def test_an_unwritable_cache_dir_still_loads(bank: Path, tmp_path: Path) -> None:
    readonly = tmp_path / "readonly"
    readonly.mkdir()
    readonly.chmod(0o500)
    try:
        assert load_bank_cached(bank, readonly / "cache").bank == load_bank(bank).bank
        assert load_bank_cached(bank, readonly).bank == load_bank(bank).bank
    finally:
        readonly.chmod(0o700)


def test_a_cache_dir_that_is_a_file_still_loads(bank: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert load_bank_cached(bank, blocker).bank == load_bank(bank).bank
    assert load_bank_cached(bank, blocker / "below").bank == load_bank(bank).bank


def test_a_failed_write_leaves_no_temporary_file(
    bank: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache.os, "replace", fail)
    assert load_bank_cached(bank, cache_dir).bank == load_bank(bank).bank
    assert list(cache_dir.iterdir()) == []


def test_an_entry_of_the_previous_format_is_rebuilt_not_read(
    bank: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Format 1 stored one source mapping per question; such an entry must not be served."""

    def one_source_mapping(question: Any) -> dict[str, Any]:
        data = question_to_data(question)
        data["source"] = data["source"][0]
        return data

    with monkeypatch.context() as old:
        old.setattr(cache, "CACHE_FORMAT", 1)
        old.setattr(cache, "question_to_data", one_source_mapping)
        load_bank_cached(bank, cache_dir)
        old_entry = entry_path(bank, cache_dir)
        assert old_entry.is_file()
    parsed: list[str] = []
    real_read_yaml = loading.read_yaml

    def counting_read_yaml(text: str, path: str) -> Any:
        parsed.append(path)
        return real_read_yaml(text, path)

    monkeypatch.setattr(loading, "read_yaml", counting_read_yaml)
    rebuilt = load_bank_cached(bank, cache_dir)
    assert parsed, "the old entry was served"
    assert entry_path(bank, cache_dir) != old_entry and entry_path(bank, cache_dir).is_file()
    multi = rebuilt.bank.question("q-multi")
    assert multi is not None and len(multi.sources) == 2


def test_retired_ids_survive_the_cache(bank: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    metadata = bank / "bank.yaml"
    text = metadata.read_text(encoding="utf-8")
    metadata.write_text(
        text.replace("  topics:\n", "  retired: [q-gone, q-older]\n  topics:\n", 1), encoding="utf-8"
    )
    first = load_bank_cached(bank, cache_dir)
    monkeypatch.setattr(loading, "read_yaml", refuse_yaml)
    second = load_bank_cached(bank, cache_dir)
    assert first.bank.retired == second.bank.retired == ("q-gone", "q-older")


def test_the_header_layout() -> None:
    assert cache._HEADER.size == struct.calcsize("<8sHQ32s")
    assert MAGIC == b"QZAPCACH"


@pytest.mark.parametrize(
    "mangle",
    [
        lambda d: d["kinds"].__setitem__(0, "no-such-kind"),
        lambda d: d["ids"].pop(),
        lambda d: d["chunks"].pop(),
        lambda d: d["topics"].__setitem__(0, "capitals"),
        lambda d: [d[key].clear() for key in ("kinds", "ids", "topics", "chunks")] and d.update(levels=b""),
        lambda d: d["bank"].pop("title"),
        lambda d: d["warnings"].append((99, 1, 1, "m", "warning")),
        lambda d: d["warnings"].append((0, 1, 1, "m", "fatal")),
    ],
    ids=[
        "unknown kind",
        "missing id",
        "missing chunk",
        "topics not a tuple",
        "no questions",
        "no title",
        "bad file index",
        "bad severity",
    ],
)
def test_a_well_sealed_entry_with_bad_fields_is_ignored(bank: Path, cache_dir: Path, mangle: Any) -> None:
    import marshal

    entry, raw = _valid_entry(bank, cache_dir)
    data = marshal.loads(raw[cache._HEADER.size :])
    mangle(data)
    entry.write_bytes(_resealed(marshal.dumps(data)))
    assert cache.read_entry(bank, cache_dir) is None
    assert load_bank_cached(bank, cache_dir).bank == load_bank(bank).bank
    assert cache.read_entry(bank, cache_dir) is not None  # rebuilt


def test_a_cache_that_refuses_writes_still_loads(
    bank: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cache.tempfile, "mkstemp", refuse)
    for _ in range(2):
        assert load_bank_cached(bank, cache_dir).bank == load_bank(bank).bank
    assert not entry_path(bank, cache_dir).exists()
