"""The compiled bank cache: the second load of an unchanged bank skips YAML entirely.

Parsing and checking YAML costs about 0.4 ms per trilingual question; a district bank of 10,000
questions takes seconds. :func:`load_bank_cached` stores each bank that loaded in a binary file in
the cache directory and serves later loads from it while the bank's files are unchanged.

**When an entry is used.** There is one entry per bank root (its resolved path) and mode (strict
or not); its file name is a hash of those and of everything that changes the stored form (this
module's format, the app's version, the Python build's ``marshal`` format). The entry records
each file's relative path, size and ``st_mtime_ns`` and a blake2b hash of all the files' bytes.
It is used only when the bank has exactly the same files with the same sizes and mtimes *and*
the same content hash: size and mtime alone miss an edit that keeps both (coarse timestamps,
``touch -r``, tools that restore mtimes), so the bytes are always hashed. Reading and hashing
the sources costs a few percent of parsing them, and a changed file is never served stale.

**The file.** A header — the magic ``b"QZAPCACH"``, the format version, the payload's length and
its blake2b digest — then a ``marshal`` payload of plain data (dicts, lists, strings, numbers,
bytes). ``marshal`` cannot run code, unlike ``pickle``, so a tampered file can at worst describe
wrong questions; the digest makes an accidentally damaged (truncated, corrupted, foreign) file
fail before anything is decoded. Whatever is wrong with an entry, it is ignored and rebuilt from
the YAML: a cache file is never trusted blindly and never a crash. Entries are written to a
temporary file and renamed into place, so a reader sees the old entry or the new one, never half
of one; a cache directory that cannot be written just means every load parses the YAML.

**Lazy questions.** Rebuilding 10,000 questions with all their translated texts costs more than
the whole warm-load budget (150 ms), and most are never shown in a session. So each question is
stored as its own small marshal blob next to the few fields the home screen needs for every
question (id, topics, difficulty); a warm load builds light *shells*, instances of a subclass of
the question's kind (``isinstance``, ``match`` and equality with a YAML-loaded question all
work), and the first access to any other field decodes the blob and fills the question in.
The blobs are covered by the entry's digest; what the digest cannot catch is a deliberately
forged entry with a recomputed digest, and whoever can write the user's cache directory can
write their banks and settings as well. Even then marshal runs no code.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import marshal
import os
import struct
import sys
import tempfile
import zlib
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import fields
from pathlib import Path
from typing import Any

from quizapp import __version__
from quizapp.core.bankfiles import LoadedBank, bank_files
from quizapp.core.errors import Problem, Severity
from quizapp.core.model import (
    QUESTION_CLASSES,
    AnswerMatch,
    Bank,
    LocalizedText,
    Question,
    Section,
    SourceDocument,
    Topic,
    question_from_data,
    question_to_data,
)

#: Bump when the stored form changes; older entries are then ignored and rebuilt.
#: 2: a question's "source" is a list of references (format 1 stored one mapping).
#: 3: the bank's retired question ids.
#: 4: text questions and banks carry "match" (how typed answers are matched).
CACHE_FORMAT = 4
MAGIC = b"QZAPCACH"
SUFFIX = ".qzc"
# magic, format version, payload length, blake2b-256 digest of the payload
_HEADER = struct.Struct("<8sHQ32s")
_DIGEST_SIZE = 32
#: Questions per compressed chunk: big enough for zlib to find the repeated words of a bank,
#: small enough that showing one question unpacks little (about 0.2 ms).
CHUNK_SIZE = 32

#: The stamp of a bank's files: (relative path, size, mtime_ns) each, in bank_files() order.
Stamp = list[tuple[str, int, int]]


# --- Lazy questions -----------------------------------------------------------------------


class _Chunk:
    """Up to CHUNK_SIZE consecutive questions' data, zlib-compressed, unpacked on first use."""

    __slots__ = ("items", "packed")

    def __init__(self, packed: bytes) -> None:
        self.packed = packed
        self.items: list[Any] | None = None

    def item(self, index: int) -> Any:
        items = self.items
        if items is None:
            # Two threads may unpack the same chunk at once; both get the same data.
            items = self.items = marshal.loads(zlib.decompress(self.packed))
        return items[index]


def _fill(question: Question, name: str) -> Any:
    """Decode a shell's data into all its fields, then return the field *name*."""
    chunk = object.__getattribute__(question, "_chunk")
    if chunk is not None:
        full = question_from_data(chunk.item(object.__getattribute__(question, "_index")))
        for each in fields(full):
            object.__setattr__(question, each.name, getattr(full, each.name))
        object.__setattr__(question, "_chunk", None)
    # Filled by now (here or by another thread); a truly unknown name raises AttributeError.
    return object.__getattribute__(question, name)


def _lazy_getattr(self: Question, name: str) -> Any:
    # Called only when normal lookup fails, i.e. for a field slot the shell has not filled yet.
    if name in ("_chunk", "_index") or name.startswith("__"):
        raise AttributeError(name)
    return _fill(self, name)


def _lazy_eq(self: Question, other: object) -> bool:
    # Equal to the eagerly built question of the same kind and values (dataclass __eq__ requires
    # the very same class, which a shell and a YAML-loaded question do not share).
    base = type(self).__mro__[1]
    if not isinstance(other, base):
        return NotImplemented
    return all(getattr(self, f.name) == getattr(other, f.name) for f in fields(base))


def _lazy_hash(self: Question) -> int:
    return hash(tuple(getattr(self, f.name) for f in fields(self)))


def _shell_class(base: type[Question]) -> type[Question]:
    namespace = {
        "__slots__": ("_chunk", "_index"),
        "__doc__": f"A {base.__name__} from the bank cache, decoded in full on first use.",
        "__getattr__": _lazy_getattr,
        "__eq__": _lazy_eq,
        "__hash__": _lazy_hash,
        "__module__": __name__,
    }
    return type(f"Cached{base.__name__}", (base,), namespace)


_SHELLS: dict[str, type[Question]] = {kind.value: _shell_class(cls) for kind, cls in QUESTION_CLASSES.items()}


def _shells(
    kinds: Sequence[str],
    ids: Sequence[str],
    topics: Sequence[tuple[str, ...]],
    levels: bytes,
    chunks: Sequence[_Chunk],
) -> tuple[Question, ...]:
    if not len(kinds) == len(ids) == len(topics) == len(levels) or len(chunks) != -(-len(ids) // CHUNK_SIZE):
        raise ValueError("inconsistent question index")
    classes = _SHELLS
    new = object.__new__
    set_ = object.__setattr__
    questions = []
    for number, (kind, question_id, question_topics, level) in enumerate(
        zip(kinds, ids, topics, levels, strict=True)
    ):
        question = new(classes[kind])
        set_(question, "id", question_id)
        set_(question, "topics", question_topics)
        set_(question, "difficulty", level)
        set_(question, "_chunk", chunks[number // CHUNK_SIZE])
        set_(question, "_index", number % CHUNK_SIZE)
        questions.append(question)
    return tuple(questions)


def is_decoded(question: Question) -> bool:
    """Whether *question* has all its fields (always true for a question loaded from YAML)."""
    try:
        return object.__getattribute__(question, "_chunk") is None
    except AttributeError:
        return True


# --- Plain data for the bank's metadata and warnings ------------------------------------------


def _text(value: LocalizedText | None) -> dict[str, str] | None:
    return value.to_data() if value is not None else None


def _bank_to_data(bank: Bank) -> dict[str, Any]:
    return {
        "id": bank.id,
        "title": bank.title.to_data(),
        "description": _text(bank.description),
        "source_language": bank.source_language,
        "sources": [
            {
                "id": s.id,
                "title": s.title.to_data(),
                "author": s.author,
                "date": s.date,
                "sections": [{"id": c.id, "title": c.title.to_data()} for c in s.sections],
            }
            for s in bank.sources
        ],
        "topics": [{"id": t.id, "name": t.name.to_data()} for t in bank.topics],
        "retired": list(bank.retired),
        "match": bank.match.value,
    }


def _bank_meta_from_data(data: Mapping[str, Any]) -> dict[str, Any]:
    description = data["description"]
    return {
        "id": str(data["id"]),
        "title": LocalizedText(data["title"]),
        "description": LocalizedText(description) if description is not None else None,
        "source_language": str(data["source_language"]),
        "sources": tuple(
            SourceDocument(
                id=str(s["id"]),
                title=LocalizedText(s["title"]),
                sections=tuple(Section(str(c["id"]), LocalizedText(c["title"])) for c in s["sections"]),
                author=s["author"],
                date=s["date"],
            )
            for s in data["sources"]
        ),
        "topics": tuple(Topic(str(t["id"]), LocalizedText(t["name"])) for t in data["topics"]),
        "retired": tuple(str(r) for r in data["retired"]),
        "match": AnswerMatch(data["match"]),
    }


def _problem_to_data(problem: Problem, file_index: Mapping[str, int]) -> tuple[Any, ...]:
    # A problem's path is one of the bank's files as this call spelled it; store the file's
    # index so that a later load with another spelling of the root reports its own spelling.
    where: int | str = file_index.get(problem.path, problem.path)
    return (where, problem.line, problem.column, problem.message, problem.severity.value)


def _problem_from_data(data: Sequence[Any], files: Sequence[Path]) -> Problem:
    where, line, column, message, severity = data
    path = str(files[where]) if isinstance(where, int) else str(where)
    return Problem(path, int(line), int(column), str(message), Severity(severity))


# --- Stamps and hashes ----------------------------------------------------------------------


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path != root else path.name


def _stamp(root: Path, files: Sequence[Path]) -> Stamp:
    stamp: Stamp = []
    for path in files:
        info = path.stat()
        stamp.append((_relative(path, root), info.st_size, info.st_mtime_ns))
    return stamp


def _content_hash(root: Path, files: Sequence[Path]) -> bytes:
    digest = hashlib.blake2b(digest_size=_DIGEST_SIZE)
    for path in files:
        data = path.read_bytes()
        digest.update(_relative(path, root).encode("utf-8", "surrogateescape") + b"\0")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.digest()


def entry_path(root: Path, cache_dir: Path, strict: bool = False) -> Path:
    """The cache file for the bank at *root* (one per bank and mode)."""
    key = hashlib.blake2b(digest_size=16)
    for part in (
        f"quizapp-bank-cache/{CACHE_FORMAT}",
        __version__,
        sys.implementation.cache_tag or sys.version,
        str(marshal.version),
        os.fsdecode(os.path.realpath(root)),
        "strict" if strict else "lenient",
    ):
        key.update(part.encode("utf-8", "surrogateescape") + b"\0")
    return cache_dir / f"{key.hexdigest()}{SUFFIX}"


# --- Reading and writing entries ----------------------------------------------------------


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    # Building tens of thousands of small objects triggers the cyclic GC over and over (it
    # doubles the cost of a warm load); none of them are garbage, so pause it meanwhile.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _encode(loaded: LoadedBank, files: Sequence[Path], stamp: Stamp, content: bytes) -> bytes:
    file_index = {str(path): index for index, path in enumerate(files)}
    questions = loaded.bank.questions
    chunks = [
        zlib.compress(marshal.dumps([question_to_data(q) for q in questions[start : start + CHUNK_SIZE]]), 1)
        for start in range(0, len(questions), CHUNK_SIZE)
    ]
    payload = marshal.dumps(
        {
            "stamp": stamp,
            "content": content,
            "bank": _bank_to_data(loaded.bank),
            "warnings": [_problem_to_data(p, file_index) for p in loaded.warnings],
            # The shells' fields, column by column, then the compressed chunks.
            "kinds": [q.kind.value for q in questions],
            "ids": [q.id for q in questions],
            "topics": [tuple(q.topics) for q in questions],
            "levels": bytes(q.difficulty for q in questions),
            "chunks": chunks,
        }
    )
    digest = hashlib.blake2b(payload, digest_size=_DIGEST_SIZE).digest()
    return _HEADER.pack(MAGIC, CACHE_FORMAT, len(payload), digest) + payload


def _payload(raw: bytes) -> bytes | None:
    """The verified payload of an entry's bytes, or None for anything not a sound entry."""
    if len(raw) < _HEADER.size:
        return None
    magic, version, length, digest = _HEADER.unpack_from(raw)
    if magic != MAGIC or version != CACHE_FORMAT or length != len(raw) - _HEADER.size:
        return None
    payload = raw[_HEADER.size :]
    if hashlib.blake2b(payload, digest_size=_DIGEST_SIZE).digest() != digest:
        return None
    return payload


def _decode(data: Any, root: Path, files: Sequence[Path], stamp: Stamp, content: bytes) -> LoadedBank | None:
    """The bank stored in the entry's *data*, or None when it is not for these exact files."""
    if not isinstance(data, dict) or data["stamp"] != stamp or data["content"] != content:
        return None
    chunks = [_Chunk(bytes(packed)) for packed in data["chunks"]]
    questions = _shells(data["kinds"], data["ids"], data["topics"], bytes(data["levels"]), chunks)
    if not questions or not all(type(t) is tuple for t in data["topics"]):
        return None
    bank = Bank(questions=questions, origin=str(root), **_bank_meta_from_data(data["bank"]))
    if len(bank.questions) != len(questions):
        return None
    warnings = [_problem_from_data(p, files) for p in data["warnings"]]
    return LoadedBank(bank, warnings, tuple(files))


def read_entry(root: Path, cache_dir: Path, strict: bool = False) -> LoadedBank | None:
    """The cached bank at *root* if a sound entry for its current files exists, else None.

    Never raises for a bad entry: unreadable, truncated, corrupt, foreign, stale or malformed
    entries all mean "not cached".
    """
    root = Path(root)
    try:
        files = bank_files(root)
        if not files:
            return None
        stamp = _stamp(root, files)
        target = entry_path(root, cache_dir, strict)
        if not target.is_file():
            return None
        # Hashing the sources and verifying the entry are independent and both mostly I/O and
        # hashing, which release the GIL: do them side by side (it halves a warm load).
        with ThreadPoolExecutor(max_workers=1) as pool:
            content = pool.submit(_content_hash, root, files)
            payload = _payload(target.read_bytes())
            with _gc_paused():
                data = marshal.loads(payload) if payload is not None else None
            if data is None:
                return None
            with _gc_paused():
                return _decode(data, root, files, stamp, content.result())
    except Exception:  # a damaged entry may fail anywhere in decoding; it is just not used
        return None


def write_entry(
    loaded: LoadedBank, root: Path, cache_dir: Path, strict: bool, stamp: Stamp, content: bytes
) -> bool:
    """Store *loaded* for *root*, atomically; False (and nothing written) if it cannot be.

    *stamp* and *content* describe the files as they were parsed (see :func:`load_bank_cached`).
    """
    root = Path(root)
    try:
        data = _encode(loaded, list(loaded.files), stamp, content)
        cache_dir.mkdir(parents=True, exist_ok=True)
        target = entry_path(root, cache_dir, strict)
        handle, temp = tempfile.mkstemp(dir=cache_dir, prefix=".tmp-", suffix=SUFFIX)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
    except Exception:  # an unwritable cache must not stop the bank from loading
        return False
    return True


def load_bank_cached(root: Path | str, cache_dir: Path, strict: bool = False) -> LoadedBank:
    """Load the bank at *root* like :func:`~quizapp.core.loading.load_bank`, through the cache.

    An unchanged bank is served from *cache_dir*; otherwise it is parsed from YAML (raising
    :class:`~quizapp.core.errors.BankError` as ``load_bank`` does) and the result is cached.
    """
    root = Path(root)
    cached = read_entry(root, cache_dir, strict)
    if cached is not None:
        return cached
    try:
        files = bank_files(root)
        before = (_stamp(root, files), _content_hash(root, files))
    except OSError:
        before = None
    # Imported only on a miss: a warm start never loads the YAML reader.
    from quizapp.core.loading import load_bank

    loaded = load_bank(root, strict=strict)
    if before is not None:
        # Cache only what was parsed: if a file changed while it was being parsed, the stamp or
        # hash taken before and after differ, and the next load parses again.
        try:
            after = (_stamp(root, list(loaded.files)), _content_hash(root, list(loaded.files)))
        except OSError:
            after = None
        if after == before:
            write_entry(loaded, root, cache_dir, strict, *before)
    return loaded
