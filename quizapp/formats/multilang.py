"""Moodle's multi-language markup, split into our languages and written back.

Moodle keeps translations inside one text. The standard multilang filter marks them with spans::

    <span lang="tr" class="multilang">Türkçe</span><span lang="kk" class="multilang">Қазақша</span>

and the newer multilang2 filter with ``{mlang tr}Türkçe{mlang}{mlang kk}Қазақша{mlang}``.
Consecutive blocks form a *group*; a student sees, for each group, the block of their language,
and everything outside the groups whatever their language. :func:`split_languages` turns such a
text into one text per language (``tr``, ``en``, ``kk``; regional codes such as ``en_us`` count
as their language), so a trilingual Moodle bank becomes a trilingual quizapp bank.

A language is kept only if every group of the text has it: a translation with holes would be a
wrong text, so it is dropped and reported. Blocks in other languages (``ru``, ``de``…) are dropped
and reported. ``{mlang other}`` (shown when no block matches) is taken as the default language
when that language has no block of its own in the group.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from quizapp.core.model import LANGUAGES

_SPAN_OPEN = re.compile(r"<span\b([^>]*)>", re.IGNORECASE)
_SPAN_ANY = re.compile(r"<span\b[^>]*>|</span\s*>", re.IGNORECASE)
_ATTR = re.compile(r"""([A-Za-z_:][-\w:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_MLANG = re.compile(r"\{mlang\s+([^}\s]+)\s*\}(.*?)\{mlang\s*\}", re.IGNORECASE | re.DOTALL)
_GAP = re.compile(r"\s*")
_MARKS = re.compile(r"multilang|\{mlang", re.IGNORECASE)
_MLANG_START = re.compile(r"\{mlang", re.IGNORECASE)


@dataclass
class Split:
    """A text split by language: raw fragments, and what could not be kept."""

    texts: dict[str, str]
    #: Languages found but not ours (``ru``…), and ours left out because a group lacked them.
    dropped: list[str] = field(default_factory=list)
    incomplete: list[str] = field(default_factory=list)
    #: Whether the default language was used for text that named no language.
    used_default: bool = False
    #: Whether the text had any language markup at all.
    marked: bool = True


@lru_cache(maxsize=256)
def _language(code: str) -> str:
    return code.strip().lower().replace("-", "_").split("_")[0]


def _multilang_span(attributes: str) -> str | None:
    """The language of a span opening tag's *attributes* if it is a multilang block."""
    values: dict[str, str] = {}
    for match in _ATTR.finditer(attributes):
        name = match.group(1).lower()
        values[name] = next(g for g in match.groups()[1:] if g is not None)
    if "multilang" not in values.get("class", "").lower().split():
        return None
    return values.get("lang") or values.get("xml:lang")


# The spans in the form our writers (and Moodle's editor) write them, with no span inside.
_PLAIN_SPAN = re.compile(
    r'<span lang="([A-Za-z_-]+)" class="multilang">((?:(?!<span\b|</span>).)*?)</span>', re.DOTALL
)


_ONE_GROUP = re.compile(
    r'(?:<span lang="[A-Za-z_-]+" class="multilang">(?:(?!<span\b|</span>).)*?</span>)+', re.DOTALL
)


def _span_blocks(raw: str) -> list[tuple[int, int, str, str]] | None:
    """Each multilang span as (start, end, language code, inner HTML); None if there are none."""
    plain = [(m.start(), m.end(), m.group(1), m.group(2)) for m in _PLAIN_SPAN.finditer(raw)]
    if plain and raw.count("<span") == len(plain):
        # Every span is a plain multilang one: no attribute or nesting to work out.
        return plain
    blocks: list[tuple[int, int, str, str]] = []
    position = 0
    while True:
        match = _SPAN_OPEN.search(raw, position)
        if match is None:
            break
        code = _multilang_span(match.group(1))
        if code is None:
            position = match.end()
            continue
        depth = 1
        scan = match.end()
        inner_end = len(raw)
        end = len(raw)
        for tag in _SPAN_ANY.finditer(raw, scan):
            depth += -1 if tag.group().startswith("</") else 1
            if depth == 0:
                inner_end, end = tag.start(), tag.end()
                break
        blocks.append((match.start(), end, code, raw[match.end() : inner_end]))
        position = end
    return blocks or None


def _mlang_blocks(raw: str) -> list[tuple[int, int, str, str]] | None:
    blocks = [(m.start(), m.end(), m.group(1), m.group(2)) for m in _MLANG.finditer(raw)]
    return blocks or None


def has_marks(raw: str) -> bool:
    """Whether *raw* has any multi-language markup at all."""
    return _MARKS.search(raw) is not None


def split_languages(raw: str, default: str) -> Split:
    """*raw* (HTML) as one fragment per language; unmarked text is in the *default* language."""
    if raw.startswith('<span lang="') and _ONE_GROUP.fullmatch(raw):
        # The whole text is one group of plain spans (what our exports write): two passes in C.
        return _one_group(_PLAIN_SPAN.findall(raw), default)
    marks = _MARKS.search(raw)
    blocks = None
    if marks is not None and marks.group().lower() == "multilang":
        blocks = _span_blocks(raw)
    if blocks is None and marks is not None and _MLANG_START.search(raw):
        blocks = _mlang_blocks(raw)
    if blocks is None:
        return Split({default: raw}, used_default=True, marked=False)
    if (
        blocks[0][0] == 0
        and blocks[-1][1] == len(raw)
        and all(blocks[i][1] == blocks[i + 1][0] for i in range(len(blocks) - 1))
    ):
        # The whole text is one group of blocks: no shared text.
        return _one_group([(codes, inner) for _start, _end, codes, inner in blocks], default)
    # Group consecutive blocks (only white space between them).
    groups: list[list[tuple[int, int, str, str]]] = []
    shared: list[str] = []  # the text between groups; len(shared) == len(groups) + 1
    cursor = 0
    for block in blocks:
        start = block[0]
        gap = raw[cursor:start]
        if groups and cursor and _GAP.fullmatch(gap):
            groups[-1].append(block)
        else:
            shared.append(gap)
            groups.append([block])
        cursor = block[1]
    shared.append(raw[cursor:])
    split = Split({})
    per_group: list[dict[str, str]] = []
    found: set[str] = set()
    for group in groups:
        texts: dict[str, str] = {}
        other: str | None = None
        for _start, _end, codes, inner in group:
            for code in codes.split(","):
                language = _language(code)
                if language == "other":
                    other = inner
                elif language in LANGUAGES:
                    texts.setdefault(language, inner)
                elif language and language not in split.dropped:
                    split.dropped.append(language)
        if other is not None:
            if default not in texts:
                texts[default] = other
                split.used_default = True
            elif "other" not in split.dropped:
                split.dropped.append("other")
        found.update(texts)
        per_group.append(texts)
    for language in LANGUAGES:
        if language not in found:
            continue
        if not all(language in texts for texts in per_group):
            split.incomplete.append(language)
            continue
        pieces = [shared[0]]
        for index, texts in enumerate(per_group):
            pieces.append(texts[language])
            pieces.append(shared[index + 1])
        split.texts[language] = "".join(pieces)
    return split


def _one_group(blocks: list[tuple[str, str]], default: str) -> Split:
    """The texts of one group of blocks, each ``(language codes, inner HTML)``."""
    split = Split({})
    other: str | None = None
    for codes, inner in blocks:
        for code in codes.split(","):
            language = _language(code)
            if language in LANGUAGES:
                split.texts.setdefault(language, inner)
            elif language == "other":
                other = inner
            elif language and language not in split.dropped:
                split.dropped.append(language)
    if other is not None:
        if default not in split.texts:
            split.texts[default] = other
            split.used_default = True
        else:
            split.dropped.append("other")
    split.texts = {language: split.texts[language] for language in LANGUAGES if language in split.texts}
    return split


def span(language: str, fragment: str) -> str:
    """*fragment* (HTML) marked as being in *language*, the multilang filter's way."""
    return f'<span lang="{language}" class="multilang">{fragment}</span>'


def join_languages(fragments: Mapping[str, str]) -> str:
    """HTML fragments per language as one multilang text.

    Even a single language is marked, so that reading it back never has to guess the language.
    """
    return "".join(span(language, fragment) for language, fragment in fragments.items())


_LANG_MARK = re.compile(r"""\blang\s*=\s*["']?([A-Za-z_-]+)|\{mlang\s+([^}\s]+)\s*\}""", re.IGNORECASE)


def marked_languages(raw: str) -> list[str]:
    """Our languages that *raw* (a whole file) marks texts with, most used first; [] if none."""
    if "multilang" not in raw and "{mlang" not in raw:
        return []
    counts: dict[str, int] = {}
    # The first two million characters tell which languages a file uses (a whole big file
    # would only cost time).
    for match in _LANG_MARK.finditer(raw, 0, 2_000_000):
        for code in (match.group(1) or match.group(2) or "").split(","):
            language = _language(code)
            if language in LANGUAGES:
                counts[language] = counts.get(language, 0) + 1
    return sorted(counts, key=lambda language: -counts[language])
