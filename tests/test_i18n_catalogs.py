"""The gettext catalogs: complete, placeholders intact, up to date with the code, loadable.

If a test here fails after you added or changed a string, run ``make catalogs`` and translate the
new entries in ``locales/tr`` and ``locales/kk`` (see ``locales/README.md``).
"""

from __future__ import annotations

import os
import re
import string
from collections import Counter
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

import quizapp.i18n as i18n

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "locales"
LANGUAGES = ("tr", "en", "kk")
HOW_TO_FIX = "run `make catalogs` and translate the new entries (locales/README.md)"

#: Translations that may equal the English msgid in tr and kk: key names and pure symbols.
SAME_AS_ENGLISH_OK = {"1–8", "Enter", "shift+↑ / shift+↓", "[{language}]"}
#: Latin words that may appear in a Kazakh translation: key names, the program and its commands.
KAZAKH_LATIN_OK = {
    "quizapp",
    "validate",
    "enter",
    "esc",
    "tab",
    "ctrl",
    "shift",
    "f1",
    "f2",
    "f5",
    "s",
    "p",
    "q",
    "n",
}


def _po_path(language: str) -> Path:
    return LOCALES / language / "LC_MESSAGES" / "quizapp.po"


@cache
def load_catalog(language: str) -> Catalog:
    with _po_path(language).open("rb") as handle:
        return read_po(handle, locale=language)


def messages(language: str) -> Iterator[Message]:
    """Every real message of the catalog (not the header)."""
    return (m for m in load_catalog(language) if m.id)


def _singular(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def _forms(message: Message) -> list[str]:
    if isinstance(message.string, (tuple, list)):
        return list(message.string)
    return [message.string or ""]


def _label(message: Message) -> str:
    context = f" (context {message.context!r})" if message.context else ""
    return f"{_singular(message)!r}{context}"


def placeholders(text: str) -> Counter[str] | None:
    """The ``{name}`` fields of *text* (with their count), or None if its braces don't parse."""
    try:
        return Counter(
            field for _lit, field, _spec, _conv in string.Formatter().parse(text) if field is not None
        )
    except ValueError:
        return None


@cache
def extracted_template() -> Catalog:
    """What ``pybabel extract`` finds in the code now (the Makefile's options, into a temp file)."""
    import os
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "quizapp.pot"
        cwd = os.getcwd()
        os.chdir(ROOT)  # mapping patterns are relative to the input dir "."
        try:
            CommandLineInterface().run(
                [
                    "pybabel",
                    "-q",
                    "extract",
                    "-F",
                    "pyproject.toml",
                    "-o",
                    str(out),
                    "-c",
                    "Translators:",
                    ".",
                ]
            )
        finally:
            os.chdir(cwd)
        with out.open("rb") as handle:
            return read_po(handle)


# --- Files and headers -------------------------------------------------------------------


def test_every_language_has_a_catalog() -> None:
    for language in LANGUAGES:
        assert _po_path(language).is_file(), f"missing {_po_path(language)}"
    assert (LOCALES / "quizapp.pot").is_file()


@pytest.mark.parametrize(("language", "nplurals"), [("tr", 1), ("kk", 2), ("en", 2)])
def test_plural_forms_header(language: str, nplurals: int) -> None:
    assert load_catalog(language).num_plurals == nplurals


@pytest.mark.parametrize("language", LANGUAGES)
def test_babel_checkers_pass(language: str) -> None:
    """Babel's own checks (python-format placeholders, number of plural forms)."""
    problems = [
        f"{_label(message)}: {error}"
        for message, errors in load_catalog(language).check()
        for error in errors
    ]
    assert not problems, "\n".join(problems)


# --- Complete and not fuzzy ----------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language: str) -> None:
    catalog = load_catalog(language)
    untranslated = [
        _label(m)
        for m in messages(language)
        if len(_forms(m)) != (catalog.num_plurals if m.pluralizable else 1)
        or not all(form.strip() for form in _forms(m))
    ]
    assert not untranslated, f"untranslated in {language} ({HOW_TO_FIX}):\n" + "\n".join(untranslated)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_message_is_fuzzy(language: str) -> None:
    assert not load_catalog(language).fuzzy, f"the {language} catalog header is marked fuzzy"
    fuzzy = [_label(m) for m in messages(language) if m.fuzzy]
    assert not fuzzy, f"fuzzy in {language} (review them and remove the flag):\n" + "\n".join(fuzzy)


def test_english_catalog_repeats_the_msgids() -> None:
    wrong = []
    for message in messages("en"):
        expected = [message.id] if isinstance(message.id, str) else list(message.id)
        if _forms(message) != expected:
            wrong.append(_label(message))
    assert not wrong, "en msgstr should equal the msgid:\n" + "\n".join(wrong)


@pytest.mark.parametrize("language", ["tr", "kk"])
def test_translations_are_not_left_in_english(language: str) -> None:
    same = [
        _label(m)
        for m in messages(language)
        if _singular(m) not in SAME_AS_ENGLISH_OK
        and re.search("[A-Za-z]", re.sub(r"\{\w*\}", "", _singular(m)))
        and any(form == _singular(m) for form in _forms(m))
    ]
    assert not same, f"{language} translation identical to the English msgid:\n" + "\n".join(same)


def test_kazakh_has_no_latin_words() -> None:
    """Kazakh UI text is Cyrillic; only key names and the program's own name stay Latin."""
    found = []
    for message in messages("kk"):
        for form in _forms(message):
            words = {w.lower() for w in re.findall("[A-Za-z][A-Za-z0-9]*", re.sub(r"\{\w*\}", "", form))}
            if words - KAZAKH_LATIN_OK:
                found.append(f"{_label(message)}: {sorted(words - KAZAKH_LATIN_OK)}")
    assert not found, "Latin words in Kazakh translations:\n" + "\n".join(found)


# --- Placeholders ----------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_match_the_msgid(language: str) -> None:
    """``pybabel compile`` does not check ``{brace}`` fields; a wrong one is a KeyError at runtime."""
    problems = []
    for message in messages(language):
        sources = [message.id] if isinstance(message.id, str) else list(message.id)
        expected = [placeholders(source) for source in sources]
        for index, form in enumerate(_forms(message)):
            got = placeholders(form)
            if got is None:
                problems.append(f"{_label(message)} [{index}]: unbalanced braces in {form!r}")
                continue
            # Every plural form must use the fields of the singular or of the plural msgid
            # (a language's "one" form may drop {count}, but never invent a field).
            allowed = [e for e in expected if e is not None]
            if allowed and not any(set(got) == set(e) for e in allowed):
                want = " or ".join(str(sorted(e)) for e in allowed)
                problems.append(f"{_label(message)} [{index}]: fields {sorted(got)} but the msgid has {want}")
    assert not problems, f"placeholder mismatches in {language}:\n" + "\n".join(problems)


def test_placeholder_checker_catches_renamed_fields() -> None:
    assert placeholders("{toplam} sorudan {correct}") == Counter({"toplam": 1, "correct": 1})
    assert placeholders("{total}") != placeholders("{toplam}")
    assert placeholders("oops {total") is None
    assert placeholders("no fields") == Counter()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_translation_formats_with_the_code_arguments(language: str) -> None:
    """Formatting each translation with the msgid's own fields works (no KeyError/IndexError)."""
    for message in messages(language):
        sources = [message.id] if isinstance(message.id, str) else list(message.id)
        fields: set[str] = set()
        for source in sources:
            fields |= set(placeholders(source) or ())
        if not fields:
            continue
        arguments = dict.fromkeys(fields, "X")
        for form in _forms(message):
            form.format(**arguments)


# --- Up to date with the code ----------------------------------------------------------------


def _keys(catalog: Catalog) -> dict[tuple[str, str | None], Message]:
    return {(_singular(m), m.context): m for m in catalog if m.id}


def test_extraction_finds_strings() -> None:
    """Guard against a broken mapping that silently extracts nothing."""
    keys = _keys(extracted_template())
    assert ("Quiz", None) in keys
    assert len(keys) > 50


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_has_every_string_in_the_code(language: str) -> None:
    in_code = _keys(extracted_template())
    in_catalog = _keys(load_catalog(language))
    missing = sorted(
        (
            f"{msgid!r}" + (f" (context {ctx!r})" if ctx else "")
            for msgid, ctx in in_code.keys() - in_catalog.keys()
        ),
    )
    assert not missing, f"{len(missing)} msgid(s) missing from {language} ({HOW_TO_FIX}):\n" + "\n".join(
        missing
    )
    changed_plural = sorted(
        repr(key[0])
        for key, message in in_code.items()
        if message.pluralizable and in_catalog[key].id != message.id
    )
    assert not changed_plural, f"plural msgid changed in the code, not in {language}:\n" + "\n".join(
        changed_plural
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_has_no_stale_strings(language: str) -> None:
    stale = sorted(
        repr(key[0]) for key in _keys(load_catalog(language)).keys() - _keys(extracted_template()).keys()
    )
    assert not stale, f"msgid(s) in {language} no longer in the code ({HOW_TO_FIX}):\n" + "\n".join(stale)


def test_template_matches_the_code() -> None:
    with (LOCALES / "quizapp.pot").open("rb") as handle:
        template = _keys(read_po(handle))
    code = _keys(extracted_template())
    assert template.keys() == code.keys(), HOW_TO_FIX


# --- Runtime -------------------------------------------------------------------------------------

EXPECTED = {
    "tr": {
        "Quiz": "Test",
        "Question bank": "Soru bankası",
        "Exam": "Sınav",
        "Practice": "Alıştırma",
        "Language": "Dil",
    },
    "kk": {
        "Quiz": "Тест",
        "Question bank": "Сұрақ банкі",
        "Exam": "Емтихан",
        "Practice": "Жаттығу",
        "Language": "Тіл",
    },
    "en": {
        "Quiz": "Quiz",
        "Question bank": "Question bank",
        "Exam": "Exam",
        "Practice": "Practice",
        "Language": "Language",
    },
}


@pytest.fixture
def fresh_translations() -> Iterator[None]:
    i18n.translations.cache_clear()
    yield
    i18n.translations.cache_clear()


@pytest.mark.usefixtures("fresh_translations")
@pytest.mark.parametrize("language", LANGUAGES)
def test_quizapp_i18n_loads_each_language(language: str) -> None:
    i18n._current = language
    for msgid, expected in EXPECTED[language].items():
        assert i18n._(msgid) == expected
        if language != "en":
            assert i18n._(msgid) != msgid
    assert i18n.gettext("Quiz") == EXPECTED[language]["Quiz"]


@pytest.mark.usefixtures("fresh_translations")
@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("en", 1, "1 question"),
        ("en", 3, "3 questions"),
        ("tr", 1, "1 soru"),
        ("tr", 3, "3 soru"),
        ("kk", 1, "1 сұрақ"),
        ("kk", 3, "3 сұрақ"),
    ],
)
def test_plurals_at_runtime(language: str, count: int, expected: str) -> None:
    i18n._current = language
    assert i18n.ngettext("{count} question", "{count} questions", count).format(count=count) == expected


@pytest.mark.usefixtures("fresh_translations")
@pytest.mark.parametrize("language", ["tr", "kk"])
def test_every_catalog_message_translates_at_runtime(language: str) -> None:
    """Each msgid, looked up through quizapp.i18n, comes back as its catalog translation."""
    i18n._current = language
    for message in messages(language):
        if message.context:
            got = i18n.pgettext(message.context, _singular(message))
            assert got == _forms(message)[0]
        elif message.pluralizable:
            assert i18n.ngettext(message.id[0], message.id[1], 5) == _forms(message)[-1]
        else:
            assert i18n._(message.id) == message.string, message.id


@pytest.fixture
def source_catalogs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the checkout's .po files (no .mo), as a source checkout has them."""
    locales = tmp_path / "locales"
    for language in LANGUAGES:
        target = locales / language / "LC_MESSAGES"
        target.mkdir(parents=True)
        (target / "quizapp.po").write_bytes(
            (ROOT / "locales" / language / "LC_MESSAGES" / "quizapp.po").read_bytes()
        )
    monkeypatch.setattr(i18n, "bundled_locales_dir", lambda: locales)
    return locales


def _cached_catalogs() -> list[Path]:
    from quizapp.paths import cache_dir

    return sorted((cache_dir() / "locales").glob("*.mo"))


@pytest.mark.usefixtures("fresh_translations")
def test_a_compiled_catalog_is_cached_and_reused(
    source_catalogs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert i18n.translations("tr").gettext("Exam") == "Sınav"
    (cached,) = _cached_catalogs()
    assert cached.name.startswith("tr-")
    i18n.translations.cache_clear()

    def no_compiling(source: bytes) -> bytes:
        raise AssertionError("the cached catalog should have been used")

    monkeypatch.setattr(i18n, "_compile_po", no_compiling)
    assert i18n.translations("tr").gettext("Exam") == "Sınav"


@pytest.mark.usefixtures("fresh_translations")
def test_an_edited_po_is_never_served_from_a_stale_cache(source_catalogs: Path) -> None:
    assert i18n.translations("tr").gettext("Exam") == "Sınav"
    po = source_catalogs / "tr" / "LC_MESSAGES" / "quizapp.po"
    stat = po.stat()
    # Same size and mtime as before: only the content says it changed.
    po.write_bytes(po.read_bytes().replace('msgstr "Sınav"'.encode(), 'msgstr "Sınax"'.encode()))
    assert po.stat().st_size == stat.st_size
    os.utime(po, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    i18n.translations.cache_clear()
    assert i18n.translations("tr").gettext("Exam") == "Sınax"
    assert len(_cached_catalogs()) == 2


@pytest.mark.usefixtures("fresh_translations")
@pytest.mark.parametrize("damage", [b"", b"\x95\x04\x12\xde" + b"\xff" * 40, b"not a catalog at all"])
def test_a_damaged_cached_catalog_is_rebuilt(source_catalogs: Path, damage: bytes) -> None:
    i18n.translations("kk")
    (cached,) = _cached_catalogs()
    cached.write_bytes(damage)
    i18n.translations.cache_clear()
    assert i18n.translations("kk").gettext("Exam") == "Емтихан"
    assert i18n.translations("kk").gettext("Exam") == "Емтихан"
    assert cached.read_bytes() != damage


@pytest.mark.usefixtures("fresh_translations")
def test_an_unwritable_cache_still_translates(
    source_catalogs: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be")
    monkeypatch.setenv("QUIZAPP_CACHE_DIR", str(blocker))
    assert i18n.translations("tr").gettext("Exam") == "Sınav"


# --- Strings the extractor cannot see ------------------------------------------------------------

_CALL_IN_STRING = re.compile(r"(?<![\w.])(?:_|N_|gettext|ngettext|pgettext)\(")


def test_no_translation_call_inside_an_f_string() -> None:
    """On Python 3.11 an f-string is one token: ``f"{_('Key')}"`` is never extracted, so the
    string stays English in every language. Call ``_()`` outside the f-string instead."""
    import tokenize

    found = []
    for path in sorted((ROOT / "quizapp").rglob("*.py")):
        with path.open("rb") as handle:
            for token in tokenize.tokenize(handle.readline):
                if token.type != tokenize.STRING:
                    continue
                prefix = token.string[: token.string.find(token.string.lstrip("rRbBuUfF")[:1])]
                if "f" in prefix.lower() and _CALL_IN_STRING.search(token.string):
                    found.append(f"{path.relative_to(ROOT)}:{token.start[0]}: {token.string[:60]}")
    assert not found, "translation calls inside f-strings (not extracted):\n" + "\n".join(found)
