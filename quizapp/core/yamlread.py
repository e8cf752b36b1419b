"""A hardened reader for untrusted YAML: bytes in, plain data with positions out.

Why not ``yaml.safe_load``? See ``shared/docs/RELIABILITY.md``: libyaml's composer segfaults on
deep nesting, aliases allow "billion laughs", duplicate keys are silently dropped, YAML 1.1 turns
``No`` into ``False`` and ``1:20`` into ``80``, and escapes smuggle terminal control sequences in.

So this module never composes a node tree. It walks libyaml's *event stream* (which does not
recurse) once and builds the data itself, refusing anchors, aliases, tags, merge keys, complex and
duplicate keys, deep nesting, huge scalars and control characters as it goes. Scalars stay
strings: the validator converts them according to the schema, knowing whether each was plain
(unquoted) so it can warn where other YAML tools would read the value differently.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, NamedTuple

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

from quizapp.core.errors import BankError, Problem

#: Largest bank file accepted, in bytes. A 500-question trilingual file is about 150 KB.
MAX_FILE_BYTES = 1024 * 1024
#: Deepest nesting of mappings and sequences accepted (the format needs 6).
MAX_DEPTH = 32
#: Longest text accepted, in characters.
MAX_SCALAR_CHARS = 65536
#: Most YAML events (scalars, starts and ends) accepted in one file.
MAX_EVENTS = 500_000

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# C0 and C1 controls (but tab and newline), and invisible direction and separator marks.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
)


class Pos(NamedTuple):
    """A 1-based line and column in a file."""

    line: int
    column: int


class MarkedMap(dict[str, Any]):
    """A YAML mapping that remembers where each key and value stands."""

    __slots__ = ("key_pos", "plain", "pos", "value_pos")

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.key_pos: dict[str, Pos] = {}
        self.value_pos: dict[str, Pos] = {}
        #: Keys whose value was a plain (unquoted) scalar.
        self.plain: set[str] = set()

    def where(self, key: str) -> Pos:
        """The position of *key*'s value, else of the key, else of the mapping."""
        return self.value_pos.get(key) or self.key_pos.get(key) or self.pos


class MarkedList(list[Any]):
    """A YAML sequence that remembers where each item stands."""

    __slots__ = ("item_pos", "plain", "pos")

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.item_pos: list[Pos] = []
        #: For each item, whether it was a plain (unquoted) scalar.
        self.plain: list[bool] = []


_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_YAML11_RESOLVER = yaml.resolver.Resolver()


def yaml11_reading(raw: str) -> str | None:
    """What YAML 1.1 tools would make of the plain scalar *raw* if not text: "a boolean", …"""
    tag = _YAML11_RESOLVER.resolve(yaml.ScalarNode, raw, (True, False))
    return {
        "tag:yaml.org,2002:bool": "a true/false value",
        "tag:yaml.org,2002:int": "a number",
        "tag:yaml.org,2002:float": "a number",
        "tag:yaml.org,2002:null": "empty (null)",
        "tag:yaml.org,2002:timestamp": "a date",
    }.get(tag)


def decode(data: bytes, path: str) -> str:
    """*data* as text: strict UTF-8, with an optional byte-order mark; else a BankError."""
    if len(data) > MAX_FILE_BYTES:
        raise BankError.at(
            path,
            1,
            1,
            f"the file is {len(data):,} bytes; the limit is {MAX_FILE_BYTES:,} bytes (1 MiB). "
            "Split the bank into several files in one folder.",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start
        prefix = data[:start].decode("utf-8-sig", errors="replace")
        line = prefix.count("\n") + 1
        column = len(prefix) - (prefix.rfind("\n") + 1) + 1
        raise BankError.at(
            path,
            line,
            column,
            f"this is not valid UTF-8 (byte 0x{data[start]:02x} at offset {start}); save the file as UTF-8",
        ) from None


def _position_from_index(text: str, index: int) -> Pos:
    index = max(0, min(index, len(text)))
    line = text.count("\n", 0, index) + 1
    return Pos(line, index - (text.rfind("\n", 0, index) + 1) + 1)


def _syntax_problem(exc: Exception, text: str, path: str) -> Problem:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
        if mark is not None:
            return Problem(path, mark.line + 1, mark.column + 1, f"YAML syntax error: {what}")
        return Problem(path, 1, 1, f"YAML syntax error: {what}")
    if isinstance(exc, yaml.reader.ReaderError):
        index = exc.position
        if _Loader is not yaml.SafeLoader:
            # libyaml counts bytes of the UTF-8 encoding, the pure reader counts characters.
            encoded = text.encode("utf-8", errors="surrogatepass")[:index]
            index = len(encoded.decode("utf-8", errors="replace"))
        pos = _position_from_index(text, index)
        char = exc.character
        code = f"U+{char:04X}" if isinstance(char, int) else repr(char)
        return Problem(path, pos.line, pos.column, f"character {code} is not allowed in YAML")
    return Problem(path, 1, 1, f"YAML syntax error: {exc}")


def _check_text(raw: str, pos: Pos, path: str, problems: list[Problem]) -> str:
    if len(raw) > MAX_SCALAR_CHARS:
        problems.append(
            Problem(path, *pos, f"text longer than {MAX_SCALAR_CHARS:,} characters ({len(raw):,})")
        )
        return raw[:80]
    if not raw.isascii():
        bad = _FORBIDDEN.search(raw)
        if bad:
            problems.append(
                Problem(
                    path,
                    *pos,
                    f"control character U+{ord(bad.group()):04X} is not allowed in text "
                    "(escape sequences and direction marks could disturb the screen)",
                )
            )
        return unicodedata.normalize("NFC", raw)
    bad = _FORBIDDEN.search(raw)
    if bad:
        problems.append(
            Problem(
                path,
                *pos,
                f"control character U+{ord(bad.group()):04X} is not allowed in text "
                "(escape sequences and direction marks could disturb the screen)",
            )
        )
    return raw


def read_yaml(text: str, path: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML document from *text* into MarkedMap/MarkedList/str/None.

    Returns the data and the non-fatal problems found (duplicate keys, control characters…);
    raises BankError at once for what makes reading unsafe or impossible.
    """
    problems: list[Problem] = []
    loader = _Loader(text)
    # Each frame: [container, is_mapping, pending_key]; pending_key None = a key is expected.
    frames: list[list[Any]] = []
    root: Any = None
    have_root = False
    events = 0
    try:
        while True:
            event = loader.get_event()
            if event is None:
                break
            events += 1
            if events > MAX_EVENTS:
                mark = event.start_mark
                raise BankError.at(
                    path,
                    mark.line + 1,
                    mark.column + 1,
                    f"the file has more than {MAX_EVENTS:,} YAML elements; split it",
                )
            kind = type(event)
            if kind is ScalarEvent or kind is MappingStartEvent or kind is SequenceStartEvent:
                mark = event.start_mark
                pos = Pos(mark.line + 1, mark.column + 1)
                if event.anchor is not None:
                    raise BankError.at(
                        path, *pos, "YAML anchors and aliases (&, *) are not allowed; repeat the text"
                    )
                tag = event.tag
                if tag is not None:
                    raise BankError.at(
                        path, *pos, f"YAML tags such as {tag!r} are not allowed; quote the value instead"
                    )
                if kind is ScalarEvent:
                    plain = not event.style  # libyaml says '' for plain, PyYAML None
                    raw = event.value
                    value: Any = None if plain and raw in _NULLS else _check_text(raw, pos, path, problems)
                else:
                    plain = False
                    if len(frames) >= MAX_DEPTH:
                        raise BankError.at(
                            path, *pos, f"nesting deeper than {MAX_DEPTH} levels is not allowed"
                        )
                    value = MarkedMap(pos) if kind is MappingStartEvent else MarkedList(pos)
                if not frames:
                    if have_root:
                        raise BankError.at(path, *pos, "only one YAML document per file")
                    root, have_root = value, True
                else:
                    frame = frames[-1]
                    container = frame[0]
                    if frame[1]:
                        key = frame[2]
                        if key is None:
                            if kind is not ScalarEvent:
                                raise BankError.at(
                                    path, *pos, "a key must be plain text, not a list or mapping"
                                )
                            key = _check_key(value, raw, plain, pos, container, path, problems)
                            frame[2] = key
                        else:
                            if key is not _SKIP:
                                container[key] = value
                                container.value_pos[key] = pos
                                if plain:
                                    container.plain.add(key)
                            frame[2] = None
                    else:
                        container.append(value)
                        container.item_pos.append(pos)
                        container.plain.append(plain)
                if kind is not ScalarEvent:
                    frames.append([value, kind is MappingStartEvent, None])
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                frames.pop()
            elif kind is AliasEvent:
                mark = event.start_mark
                raise BankError.at(
                    path,
                    mark.line + 1,
                    mark.column + 1,
                    "YAML anchors and aliases (&, *) are not allowed; repeat the text",
                )
            elif kind is StreamEndEvent:
                break
            elif kind is DocumentStartEvent:
                if have_root:
                    mark = event.start_mark
                    raise BankError.at(
                        path, mark.line + 1, mark.column + 1, "only one YAML document per file"
                    )
            elif kind in (StreamStartEvent, DocumentEndEvent):
                continue
    except BankError:
        raise
    except (yaml.YAMLError, UnicodeError, ValueError, RecursionError) as exc:
        raise BankError([_syntax_problem(exc, text, path)]) from None
    finally:
        dispose = getattr(loader, "dispose", None)
        if dispose is not None:
            dispose()
    return root, problems


#: Stands for the key of a duplicated entry, whose value is dropped (the first one counts).
_SKIP: Any = object()


def _check_key(
    value: Any,
    raw: str,
    plain: bool,
    pos: Pos,
    container: MarkedMap,
    path: str,
    problems: list[Problem],
) -> Any:
    """Validate a mapping key and record its position; return the key to store under, or _SKIP."""
    if plain and raw == "<<":
        raise BankError.at(path, *pos, "YAML merge keys (<<) are not allowed; write the fields out")
    if value is None or (plain and yaml11_reading(raw) is not None):
        problems.append(
            Problem(path, *pos, f"keys must be text; {raw!r} would be read as something else. Quote it.")
        )
    key = value if isinstance(value, str) else raw
    if key in container.key_pos:
        first = container.key_pos[key]
        problems.append(Problem(path, *pos, f"duplicate key {key!r} (first defined at line {first.line})"))
        return _SKIP
    container.key_pos[key] = pos
    return key
