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
        # Imported here: only a broken file needs it.
        from quizapp.core.yaml_errors import explain_syntax_error

        explained = explain_syntax_error(exc, text)
        return Problem(path, explained.line, explained.column, f"YAML syntax: {explained.message}")
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


_CONTROL_MESSAGE = (
    "control character U+{:04X} is not allowed in text "
    "(escape sequences and direction marks could disturb the screen)"
)


def _check_text(raw: str, pos: Pos, path: str, problems: list[Problem]) -> str:
    """*raw* as stored text: NFC, with a problem for over-long text or control characters."""
    if len(raw) > MAX_SCALAR_CHARS:
        problems.append(
            Problem(path, *pos, f"text longer than {MAX_SCALAR_CHARS:,} characters ({len(raw):,})")
        )
        return raw[:80]
    bad = _FORBIDDEN.search(raw)
    if bad:
        problems.append(Problem(path, *pos, _CONTROL_MESSAGE.format(ord(bad.group()))))
    return raw if raw.isascii() else unicodedata.normalize("NFC", raw)


def _event_pos(event: Any) -> Pos:
    mark = event.start_mark
    return Pos(mark.line + 1, mark.column + 1)


def _refuse_node(event: Any, path: str) -> BankError:
    """The error for an event carrying an anchor or a tag."""
    if event.anchor is not None:
        return BankError.at(
            path, *_event_pos(event), "YAML anchors and aliases (&, *) are not allowed; repeat the text"
        )
    return BankError.at(
        path,
        *_event_pos(event),
        f"YAML tags such as {event.tag!r} are not allowed; quote the value instead",
    )


def read_yaml(text: str, path: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML document from *text* into MarkedMap/MarkedList/str/None.

    Returns the data and the non-fatal problems found (duplicate keys, control characters…);
    raises BankError at once for what makes reading unsafe or impossible.

    This loop runs once per YAML event (about 150 per question), so it is written for speed:
    the current container is kept in local variables, positions are built without a Python-level
    constructor call, and the common cases (short text, known keys) take no function call.
    """
    problems: list[Problem] = []
    loader = _Loader(text)
    get_event = loader.get_event
    # The enclosing containers: (container, is_mapping, pending_key) for each level above.
    stack: list[tuple[Any, bool, Any]] = []
    # The innermost container; for a mapping, key is None while a key is expected.
    container: Any = None
    is_mapping = False
    key: Any = None
    root: Any = None
    have_root = False
    events = 0
    search_forbidden = _FORBIDDEN.search
    new_pos = tuple.__new__
    normalize = unicodedata.normalize
    safe_keys = _SAFE_KEYS
    try:
        while True:
            event = get_event()
            if event is None:
                break
            events += 1
            if events > MAX_EVENTS:
                raise BankError.at(
                    path, *_event_pos(event), f"the file has more than {MAX_EVENTS:,} YAML elements; split it"
                )
            kind = type(event)
            if kind is ScalarEvent:
                if event.anchor is not None or event.tag is not None:
                    raise _refuse_node(event, path)
                mark = event.start_mark
                pos = new_pos(Pos, (mark.line + 1, mark.column + 1))
                raw = event.value
                plain = not event.style  # libyaml says '' for plain, PyYAML None
                value: Any
                if plain and raw in _NULLS:
                    value = None
                elif len(raw) > MAX_SCALAR_CHARS or search_forbidden(raw):
                    value = _check_text(raw, pos, path, problems)
                elif raw.isascii():
                    value = raw
                else:
                    value = normalize("NFC", raw)
                if container is None:
                    if have_root:
                        raise BankError.at(path, *pos, "only one YAML document per file")
                    root, have_root = value, True
                elif not is_mapping:
                    container.append(value)
                    container.item_pos.append(pos)
                    container.plain.append(plain)
                elif key is None:
                    if plain and raw in safe_keys:
                        key = value
                    else:
                        key = _check_key(value, raw, plain, pos, path, problems)
                    first = container.key_pos.get(key)
                    if first is None:
                        container.key_pos[key] = pos
                    else:
                        problems.append(
                            Problem(path, *pos, f"duplicate key {key!r} (first defined at line {first.line})")
                        )
                        key = _SKIP
                else:
                    if key is not _SKIP:
                        container[key] = value
                        container.value_pos[key] = pos
                        if plain:
                            container.plain.add(key)
                    key = None
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                container, is_mapping, key = stack.pop()
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.anchor is not None or event.tag is not None:
                    raise _refuse_node(event, path)
                pos = _event_pos(event)
                if len(stack) >= MAX_DEPTH:
                    raise BankError.at(path, *pos, f"nesting deeper than {MAX_DEPTH} levels is not allowed")
                opened = MarkedMap(pos) if kind is MappingStartEvent else MarkedList(pos)
                if container is None:
                    if have_root:
                        raise BankError.at(path, *pos, "only one YAML document per file")
                    root, have_root = opened, True
                elif not is_mapping:
                    container.append(opened)
                    container.item_pos.append(pos)
                    container.plain.append(False)
                elif key is None:
                    raise BankError.at(path, *pos, "a key must be plain text, not a list or mapping")
                else:
                    if key is not _SKIP:
                        container[key] = opened
                        container.value_pos[key] = pos
                    key = None
                stack.append((container, is_mapping, key))
                container, is_mapping, key = opened, kind is MappingStartEvent, None
            elif kind is AliasEvent:
                raise BankError.at(
                    path,
                    *_event_pos(event),
                    "YAML anchors and aliases (&, *) are not allowed; repeat the text",
                )
            elif kind is StreamEndEvent:
                break
            elif kind is DocumentStartEvent:
                if have_root:
                    raise BankError.at(path, *_event_pos(event), "only one YAML document per file")
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


#: Plain keys already found to be plain text (not "<<", not read as a boolean, number…).
_SAFE_KEYS: set[str] = set()
_SAFE_KEYS_LIMIT = 10_000


def _check_key(value: Any, raw: str, plain: bool, pos: Pos, path: str, problems: list[Problem]) -> str:
    """The text to store a mapping entry under; problems for keys that are not plain text."""
    if plain and raw == "<<":
        raise BankError.at(path, *pos, "YAML merge keys (<<) are not allowed; write the fields out")
    if value is None or (plain and yaml11_reading(raw) is not None):
        problems.append(
            Problem(path, *pos, f"keys must be text; {raw!r} would be read as something else. Quote it.")
        )
    elif plain and len(_SAFE_KEYS) < _SAFE_KEYS_LIMIT and value == raw:
        _SAFE_KEYS.add(raw)
    return value if isinstance(value, str) else raw
