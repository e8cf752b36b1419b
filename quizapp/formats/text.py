"""Plain-text helpers every format shares: decoding files, cleaning texts, making ids.

**Decoding.** Foreign files come from Windows editors, Excel and Moodle. UTF-8 (with or without
a byte-order mark) is read as is; UTF-16 with a byte-order mark (Excel's "Unicode text") is read
too, because it cannot be mistaken for anything else. Anything else (cp1251, Latin-1, binary) is
refused with the line and column of the first bad byte: guessing a legacy code page would turn
Kazakh and Turkish letters into the wrong letters without a word.

**Cleaning.** Our YAML reader refuses control characters and invisible direction marks (they can
disturb the terminal), and texts longer than 65,536 characters. A text we import must pass that
reader, so :func:`clean` removes those characters (the caller warns: it is a lossy step), and
normalises to NFC as the reader does.

**Ids.** Bank ids are lowercase ASCII (``[a-z0-9][a-z0-9._-]*``). :func:`slug` transliterates
Turkish and Kazakh letters (``Başkent`` → ``baskent``, ``Қазақстан`` → ``qazaqstan``) so that ids
made from titles stay readable, and leaves an id that is already valid unchanged, so that ids
survive an export and import round trip.
"""

from __future__ import annotations

import contextlib
import gc
import re
import unicodedata
from collections.abc import Iterator

from quizapp.core.yamlread import MAX_SCALAR_CHARS

#: Largest foreign file read, in bytes. Moodle XML with embedded images can be large; the text
#: formats never come close.
MAX_IMPORT_BYTES = 32 * 1024 * 1024

# What the YAML reader refuses (C0/C1 controls but tab and newline, direction marks, separators,
# the BOM) plus what YAML itself cannot hold (lone surrogates, U+FFFE, U+FFFF).
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ufeff\ud800-\udfff\ufffe\uffff]"
)


class DecodeError(Exception):
    """A file is not text we can read; ``line``/``column`` locate the first bad byte."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def decode_text(data: bytes) -> str:
    """*data* as text: UTF-8 (optional BOM) or UTF-16 with a BOM; else a located DecodeError."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise DecodeError("this UTF-16 file is damaged; save it as UTF-8") from None
    nul = data.find(b"\x00")
    if nul >= 0:
        before = data[:nul]
        raise DecodeError(
            "this looks like a binary file, not text (it contains NUL bytes)",
            before.count(b"\n") + 1,
            nul - (before.rfind(b"\n") + 1) + 1,
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        prefix = data[: exc.start].decode("utf-8-sig", errors="replace")
        line = prefix.count("\n") + 1
        column = len(prefix) - (prefix.rfind("\n") + 1) + 1
        raise DecodeError(
            f"this is not UTF-8 text (byte 0x{data[exc.start]:02x}); if it is in a Windows code page "
            "such as cp1251 or cp1254, save it again as UTF-8",
            line,
            column,
        ) from None
    return text


def clean(text: str) -> tuple[str, bool]:
    """*text* as a bank text: NFC, unsafe characters removed, outer space stripped.

    Returns the text and whether anything unsafe was removed (the caller warns).
    """
    removed = False
    if _UNSAFE.search(text):
        text = _UNSAFE.sub("", text)
        removed = True
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return text.strip(), removed


def too_long(text: str) -> bool:
    """Whether *text* is longer than a bank text may be."""
    return len(text) > MAX_SCALAR_CHARS


# Kazakh Cyrillic (and the Russian letters Kazakh uses) to Latin, close to the 2021 Kazakh
# Latin alphabet but in plain ASCII; Turkish letters without their marks.
_TRANSLITERATION = str.maketrans(
    {
        **dict(zip("абвгдезийклмнопрстуфхыэ", "abvgdeziiklmnoprstufhye", strict=True)),
        "ә": "a",
        "ғ": "g",
        "қ": "q",
        "ң": "n",
        "ө": "o",
        "ұ": "u",
        "ү": "u",
        "һ": "h",
        "і": "i",
        "ё": "yo",
        "ж": "zh",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "shch",
        "ъ": "",
        "ь": "",
        "ю": "yu",
        "я": "ya",
        "ı": "i",
        "ß": "ss",
        "æ": "ae",
        "ø": "o",
        "œ": "oe",
    }
)
_NOT_ID = re.compile(r"[^a-z0-9._-]+")
_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")
#: Longest id made from a text; titles are usually shorter.
MAX_SLUG = 60


def slug(text: str, limit: int = MAX_SLUG) -> str:
    """A lowercase ASCII id made from *text* ("" if nothing is left); a valid id stays as it is."""
    if _ID.fullmatch(text):
        return text
    # An apostrophe joins a Turkish suffix to a name (Kazakistan'ın): keep the word whole.
    lowered = (
        re.sub("['’ʼ`]", "", text).replace("İ", "i").replace("I", "i").lower().translate(_TRANSLITERATION)
    )
    ascii_text = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode("ascii")
    result = _NOT_ID.sub("-", ascii_text)
    # A run of underscores is a blank to fill in ("_____"), not part of a word.
    result = re.sub(r"[-_]*_{2,}[-_]*|-{2,}", "-", result).strip("-._")
    if len(result) > limit:
        cut = result[:limit]
        result = cut.rsplit("-", 1)[0] if "-" in cut[limit // 2 :] else cut
        result = result.strip("-._")
    return result


def words_slug(text: str, words: int = 6) -> str:
    """An id from the first few words of *text* (for questions without a title)."""
    return slug(" ".join(text.split()[:words]))


_KAZAKH = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_CYRILLIC = re.compile("[а-яА-ЯёЁ]")
_TURKISH = re.compile("[ğĞıİşŞ]")
_TURKISH_SOFT = re.compile("[çÇöÖüÜ]")


def guess_language(text: str) -> str | None:
    """Which of tr, en, kk *text* is most likely written in, from its letters; None if unsure.

    Kazakh letters (ә ғ қ ң ө ұ ү һ і) or plenty of Cyrillic → kk; Turkish letters (ğ ı İ ş,
    or enough ç ö ü) → tr; plenty of Latin letters and neither → en.
    """
    sample = text[:200_000]
    kazakh = len(_KAZAKH.findall(sample))
    cyrillic = len(_CYRILLIC.findall(sample))
    turkish = len(_TURKISH.findall(sample))
    soft = len(_TURKISH_SOFT.findall(sample))
    latin = sum(1 for char in sample if "a" <= char <= "z")
    if kazakh or cyrillic > latin:
        return "kk" if kazakh or cyrillic else None
    if turkish or soft >= 3:
        return "tr"
    if latin >= 20:
        return "en"
    return None


def number_text(value: float) -> str:
    """A number written so that it reads back exactly: ``2``, ``0.5``, ``1e+16``."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def percent_text(value: float) -> str:
    """A Moodle grade percentage: at most five decimals, as Moodle writes them (``33.33333``)."""
    return f"{value:.5f}".rstrip("0").rstrip(".")


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cycle collector while a whole bank is read or written.

    An import or an export of a big bank makes millions of small objects that all stay alive
    until it ends; the collector kept walking them, which took a third of a 10,000-question
    import. Nothing they make forms garbage cycles worth collecting early.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
