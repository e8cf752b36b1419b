"""Typed answers accepted in the forms students type them; the language rules, as data.

Turkish and Kazakh are agglutinative: asked "in which city?", a student types ``Astana'da`` or
``Астанада``, not ``Astana``. Students also type on keyboards that lack their letters (``Kirim``
for Kırım, ``Кырым`` for Қырым) and write names several ways (``Kassym Jomart Tokayev``,
``Nazarbayev N. A.``). Grading accepts all of that and still never a *different word*:
``Astanalı`` (someone from Astana), ``Rus`` for Rusya, ``Türk`` for Türkiye.

How a typed answer meets an accepted one. The code is the same for every language; what differs
is the language's :class:`LanguageRules` table at the end of this module, so a new language adds
one table.

1. **As listed.** Both are normalised (:func:`normalize_text`: case, spaces, punctuation at the
   ends); equal means right.
2. **The same words, written another way.** Both are reduced to a *key*: quotes and apostrophes
   dropped; the words joined, so a hyphen, a space or nothing between the parts of a name are the
   same; initials (single letters) put after the other words, so ``N. A. Nazarbayev``,
   ``N.A. Nazarbayev`` and ``Nazarbayev N. A.`` meet; a leading article dropped (English ``the``).
   Keys are compared *folded*: on both sides, the letters a keyboard may lack become what students
   type instead (Turkish ``ı ş ğ ç ö ü`` → ``i s g c o u``; Kazakh ``ә ғ қ ң ө ұ ү һ і`` →
   ``а г к н о у у х и``).
3. **Plus one ending.** The typed answer may end in *one* ending from the language's closed list,
   attached to the last word: directly, after an apostrophe (Turkish ``Rusya'nın``), after a
   hyphen (Kazakh ``БҰҰ-ға``) or, in English, only as ``'s``. The ending must be a form the
   accepted answer takes: its vowel agrees with the answer's last vowel (vowel harmony), its first
   consonant suits the answer's last letter (``Kırım'da``, ``Hırvat'ta``), a buffer consonant
   (Turkish ``n y s``) comes only after a vowel, the pronominal ``n`` only after a possessive.

What stays wrong, by construction: anything but a *whole* accepted answer plus at most one listed
ending, so a prefix (``Rus``, ``Tokay``, ``Afgan``) never matches; derivational suffixes (``-lı``,
``-sız``, ``-cı``, ``-ca``, ``-lık``; Kazakh ``-лы``, ``-сыз``, ``-шы``, ``-ша``, ``-лық``) are in
no list, because they make another word (``Astanalı``, ``Putinsiz``, ``Rusça``); a buffer consonant
after a consonant (``Rus`` + ``ya`` is not an ending of Rus); an ending typed apart from the word
(``Rusya da`` means "Russia too"); and an ending of the wrong harmony where the letters typed show
it (``Kırım'de``, ``Ресейдың``).

Deliberately lenient, because students plausibly write these and no other word results:

- an acronym (its last word is in capitals in the bank: ABD, BM, БҰҰ) takes any variant of a
  listed ending, since the ending follows how the letters are read (``ABD'nin`` but ``AGİT'in``);
- Turkish: after ``o u ö ü`` an unrounded ``ı i`` ending as well (``Trump'ın``: said "Tramp");
  consonant softening is accepted and not required (``kitabı`` and ``kitapı``: proper nouns keep
  their letter); after a final ``ı i u ü`` both the ``y`` forms and the ``n`` forms of a
  possessive (``Birliği'ne``, ``Birliği'ye``);
- Kazakh: a last word with a letter of Russian loans (``в ф ц ч щ ё э ю я ъ ь``) or with no vowel
  but ``и у`` takes either harmony (``Назарбаевтың``, ``Путиннің``); the instrumental takes ``мен``
  or ``бен`` after a voiced sound;
- an ending typed without the language's own letters is checked only as far as those letters can
  show (``Kirim'in`` for Kırım'ın: ``ı`` and ``i`` look the same in ASCII).

The forms of one question's answers are prepared once (:func:`accepted_forms`, cached), so
grading a typed answer costs a handful of dictionary look-ups, however many answers are listed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

# --- Normalisation (the "as listed" comparison, and all that match: exact applies) ------------

_EDGE_PUNCTUATION = re.compile(r"^[\s\W_]+|[\s\W_]+$", re.UNICODE)
_SPACES = re.compile(r"\s+")


def normalize_text(text: str, language: str) -> str:
    """*text* reduced for comparison under the rules of *language*: NFKC, Turkish ``I``/``ı`` and
    ``İ``/``i`` as case pairs in Turkish, case-folding, runs of spaces collapsed, typographic
    apostrophes made plain and punctuation at the ends dropped."""
    text = unicodedata.normalize("NFKC", text)
    if language == "tr":
        text = text.replace("I", "ı").replace("İ", "i")
    text = text.casefold()
    # casefold() turns a stray "İ" into "i̇"; drop the dot so İ and i still meet outside Turkish.
    text = text.replace("i\u0307", "i")
    text = _SPACES.sub(" ", text)
    text = text.replace("’", "'").replace("‘", "'").replace("ʼ", "'")
    return _EDGE_PUNCTUATION.sub("", text)


# --- The shape of a language table --------------------------------------------------------------

#: Stem classes: what an answer's last letter is, which decides the variant of an ending.
VOWEL = "vowel"
VOICED = "voiced"
VOICELESS = "voiceless"
NASAL = "nasal"
SONORANT = "sonorant"
#: An answer whose last word ends like a third-person possessive (Turkish ``Birliği``, Kazakh
#: ``Кеңесі``): it takes the pronominal ``n`` forms (``Birliği'ne``, ``Кеңесіне``).
POSSESSIVE = "possessive"


@dataclass(frozen=True, slots=True)
class Variant:
    """One spelling of an ending, and the stems it follows."""

    #: The ending as typed after the answer; a leading space makes it a word of its own (``" ile"``).
    text: str
    #: The stem classes it follows (see :attr:`LanguageRules.classes`).
    after: frozenset[str]
    #: Whether its vowel must agree with the answer's last vowel.
    harmonic: bool = True


@dataclass(frozen=True, slots=True)
class Ending:
    """An inflectional ending (a case, the possessive, the copula) with all its variants."""

    #: What it is, for people reading the table (``"locative"``).
    name: str
    variants: tuple[Variant, ...]


def forms(texts: str, *after: str, harmonic: bool = True) -> tuple[Variant, ...]:
    """The variants *texts* (separated by spaces), each following stems of the classes *after*."""
    classes = frozenset(after)
    return tuple(Variant(text, classes, harmonic) for text in texts.split())


def ending(name: str, *variants: tuple[Variant, ...]) -> Ending:
    """An :class:`Ending` from groups of variants made with :func:`forms`."""
    return Ending(name, tuple(v for group in variants for v in group))


@dataclass(frozen=True, slots=True, eq=False)
class LanguageRules:
    """Everything language-specific about matching typed answers: one table per language.

    Letters are lower case (answers are case-folded first).
    """

    #: The language code (``tr``, ``kk``, ``en``).
    language: str
    #: The closed list of endings an answer may take.
    endings: tuple[Ending, ...] = ()
    #: Characters that may join an ending to the answer (Turkish apostrophe, Kazakh hyphen).
    ending_marks: str = ""
    #: Whether an ending needs one of those marks (English ``'s``).
    mark_required: bool = False
    #: Stem classes by the answer's last letter: class name → its letters (a letter may be in
    #: several classes). Letters in none have :attr:`default_classes`.
    classes: Mapping[str, str] = field(default_factory=dict)
    #: The classes of a last letter the table does not list (e.g. a Latin letter in Kazakh).
    default_classes: frozenset[str] = frozenset({VOWEL, VOICED, VOICELESS, NASAL, SONORANT})
    #: How a last word ends when it may be a third-person possessive (adds :data:`POSSESSIVE`).
    possessive_tails: tuple[str, ...] = ()
    #: Vowel harmony: the answer's last vowel → the ending vowels it takes. Letters not listed
    #: (Kazakh ``и у``) are skipped when looking for the last vowel.
    harmony: Mapping[str, str] = field(default_factory=dict)
    #: Letters that make a word's harmony uncertain (loanwords): either harmony is accepted.
    free_harmony_letters: str = ""
    #: Letters ignored when finding the last letter (Kazakh ``ь ъ``).
    silent_letters: str = ""
    #: Consonant softening before a vowel-initial ending: (last letters, softened), first match.
    softening: tuple[tuple[str, str], ...] = ()
    #: The language's own letters and what students type for them without its keyboard.
    keyboard_letters: Mapping[str, str] = field(default_factory=dict)
    #: Other characters typed for a letter (Latin ``i`` for Kazakh ``і``): folded the same way,
    #: but, unlike :attr:`keyboard_letters`, not a sign that the student had the right keyboard.
    look_alikes: Mapping[str, str] = field(default_factory=dict)
    #: Words that may stand first or be left out (English ``the``).
    articles: tuple[str, ...] = ()


# --- Matching ---------------------------------------------------------------------------------

# Quotes and apostrophes, dropped from keys (normalize_text already made ’ ‘ ʼ plain).
_QUOTES = re.compile("[\"'`´«»“”„‟‹›]")
_WORD = re.compile(r"[^\W_]+")


def _is_initial(word: str) -> bool:
    return len(word) == 1 and word.isalpha()


def _key(words: Sequence[str]) -> str:
    """Words joined, initials after the other words (``nazarbayev|na``)."""
    if all(len(w) > 1 for w in words):
        return "".join(words)
    initials = [w for w in words if _is_initial(w)]
    if not initials or len(initials) == len(words):
        return "".join(words)
    return "".join(w for w in words if not _is_initial(w)) + "|" + "".join(initials)


@dataclass(frozen=True, slots=True)
class FormMatch:
    """How a typed answer met an accepted answer."""

    #: The accepted answer, as the bank spells it.
    answer: str
    #: Whether the letters, separators or word order differ from it (not just case, spaces, quotes
    #: or an ending): typed without the right keyboard, a space for a hyphen, initials moved.
    respelled: bool
    #: The ending typed after it (``"nın"``), ``""`` if none.
    ending: str

    @property
    def as_listed(self) -> bool:
        """Whether the answer was typed as the bank lists it (up to case, spaces and quotes)."""
        return not self.respelled and not self.ending


@dataclass(frozen=True, slots=True)
class _Entry:
    answer: str
    #: The normalised text without quotes or article, to tell how the typed answer differs.
    clean: str
    #: The endings this form takes ("" = none), as listed and folded.
    endings: frozenset[str]
    folded_endings: frozenset[str]


class _Language:
    """A :class:`LanguageRules` table prepared for matching (built once per table)."""

    def __init__(self, rules: LanguageRules) -> None:
        self.rules = rules
        self.fold_table = str.maketrans({**rules.look_alikes, **rules.keyboard_letters})
        self.own_letters = frozenset(rules.keyboard_letters)
        self.letter_classes: dict[str, frozenset[str]] = {}
        for name, letters in rules.classes.items():
            for letter in letters:
                self.letter_classes[letter] = self.letter_classes.get(letter, frozenset()) | {name}
        self.all_classes = frozenset(rules.classes) | rules.default_classes | {POSSESSIVE}
        self.vowels = frozenset(rules.classes.get(VOWEL, ""))
        self.ending_vowels = frozenset("".join(rules.harmony.values()))
        self.variants = tuple(v for e in rules.endings for v in e.variants)
        self.texts = frozenset(v.text for v in self.variants)
        self.folded_texts = frozenset(self.fold(t) for t in self.texts)
        self.lengths = sorted({len(t) for t in self.texts}, reverse=True)
        # Few answers differ in what endings they take: work each situation out once.
        self._endings: dict[tuple[frozenset[str], str | None], frozenset[str]] = {}
        self._folded: dict[frozenset[str], frozenset[str]] = {}

    def fold(self, text: str) -> str:
        return text.translate(self.fold_table)

    def words(self, text: str) -> list[str]:
        words = _WORD.findall(_QUOTES.sub("", text))
        if len(words) > 1 and words[0] in self.rules.articles:
            del words[0]
        return words

    def clean(self, text: str) -> str:
        """*text* (normalised) without quotes and a leading article: to tell how it was typed."""
        text = _SPACES.sub(" ", _QUOTES.sub("", text)).strip()
        first, _, rest = text.partition(" ")
        return rest if rest and first in self.rules.articles else text

    def candidates(self, text: str) -> Iterator[tuple[str, str]]:
        """*text* itself, then every (answer part, ending) split it allows."""
        yield text, ""
        rules = self.rules
        for length in self.lengths:
            if len(text) <= length:
                continue
            tail = text[-length:]
            if tail not in self.texts and self.fold(tail) not in self.folded_texts:
                continue
            head = text[:-length]
            if not tail.startswith(" "):
                if head[-1] in rules.ending_marks:
                    head = head[:-1]
                elif rules.mark_required:
                    continue
            # Attached to a word: "Rusya da" ("Russia too") is not Rusya + da.
            if head and head[-1].isalnum():
                yield head, tail

    def ending_allowed(self, typed: str, entry: _Entry) -> bool:
        if typed in entry.endings:
            return True
        # Typed without the language's own letters: check as far as the letters typed can show.
        return not self.own_letters.intersection(typed) and self.fold(typed) in entry.folded_endings

    # -- what endings an answer takes --
    def endings_after(self, anchor: str, acronym: bool) -> frozenset[str]:
        """The ending texts the answer whose last word is *anchor* takes, and "" (none)."""
        if acronym:
            return self.texts | {""}
        situation = (self.stem_classes(anchor), self.harmony(anchor))
        allowed = self._endings.get(situation)
        if allowed is None:
            allowed = self._endings[situation] = self._endings_in(*situation)
        return allowed

    def folded(self, endings: frozenset[str]) -> frozenset[str]:
        folded = self._folded.get(endings)
        if folded is None:
            folded = self._folded[endings] = frozenset(map(self.fold, endings))
        return folded

    def _endings_in(self, classes: frozenset[str], vowels: str | None) -> frozenset[str]:
        allowed = {""}
        for variant in self.variants:
            if not variant.after & classes:
                continue
            if variant.harmonic and vowels is not None:
                vowel = next((c for c in variant.text if c in self.ending_vowels), None)
                if vowel is not None and vowel not in vowels:
                    continue
            allowed.add(variant.text)
        return frozenset(allowed)

    def stem_classes(self, anchor: str) -> frozenset[str]:
        rules = self.rules
        stem = anchor.rstrip(rules.silent_letters)
        last = stem[-1:]
        if not last.isalpha():
            return self.all_classes  # a number, or nothing to go by
        classes = self.letter_classes.get(last, rules.default_classes)
        if any(stem.endswith(tail) and len(stem) > len(tail) for tail in rules.possessive_tails):
            classes = classes | {POSSESSIVE}
        return classes

    def harmony(self, anchor: str) -> str | None:
        """The ending vowels the word *anchor* takes, or None for any."""
        rules = self.rules
        if not rules.harmony or any(c in rules.free_harmony_letters for c in anchor):
            return None
        return next((rules.harmony[c] for c in reversed(anchor) if c in rules.harmony), None)

    def softened(self, anchor: str) -> str | None:
        for tail, soft in self.rules.softening:
            if anchor.endswith(tail) and len(anchor) > len(tail):
                return anchor[: -len(tail)] + soft
        return None


class _Form:
    """One accepted answer under one key (its own, or its softened stem's); the endings it takes
    are worked out when a typed answer first reaches it, as most forms are never reached."""

    __slots__ = ("_entry", "answer", "normal", "soft", "words")

    def __init__(self, answer: str, normal: str, words: list[str], soft: bool) -> None:
        self.answer = answer
        self.normal = normal
        self.words = words
        self.soft = soft
        self._entry: _Entry | None = None

    def entry(self, lang: _Language) -> _Entry:
        entry = self._entry
        if entry is None:
            entry = self._entry = self._build(lang)
        return entry

    def _build(self, lang: _Language) -> _Entry:
        words = self.words
        # The ending goes on the last word that is not an initial; its spelling in the bank tells
        # whether it is an acronym (ABD, БҰҰ), read out letter by letter.
        anchor = next((w for w in reversed(words) if not _is_initial(w)), words[-1])
        written = [w for w in _WORD.findall(unicodedata.normalize("NFKC", self.answer)) if not _is_initial(w)]
        acronym = bool(written) and len(written[-1]) > 1 and written[-1].isupper()
        endings = lang.endings_after(anchor, acronym)
        clean = lang.clean(self.normal)
        if self.soft:
            # kitap → kitabı: the softened stem, before an ending that starts with a vowel only.
            # An acronym keeps its letters (AGİT'e, never AGİD'e).
            soft = lang.softened(anchor) or anchor
            endings = frozenset() if acronym else frozenset(e for e in endings if e[:1] in lang.vowels)
            clean = clean[: len(clean) - len(anchor)] + soft if clean.endswith(anchor) else clean
        return _Entry(self.answer, clean, endings, lang.folded(endings))


class AcceptedForms:
    """The answers one language accepts for a question, prepared for matching typed answers."""

    def __init__(self, language: str, answers: Sequence[str]) -> None:
        self.language = language
        self._lang = _prepared(RULES.get(language, PLAIN))
        self._listed: dict[str, str] = {}
        self._by_key: dict[str, list[_Form]] = {}
        for answer in answers:
            self._add(answer)

    def _add(self, answer: str) -> None:
        lang = self._lang
        normal = normalize_text(answer, self.language)
        words = lang.words(normal)
        if not words:
            return
        self._listed.setdefault(normal, answer)
        self._by_key.setdefault(lang.fold(_key(words)), []).append(_Form(answer, normal, words, False))
        # The softened stem (kitap → kitab-) is a key of its own; whether the answer may soften at
        # all (not an acronym, the last word taking the ending) is settled in _Form._build.
        soft = lang.softened(words[-1]) if lang.rules.softening else None
        if soft is not None and not _is_initial(words[-1]):
            key = lang.fold(_key([*words[:-1], soft]))
            self._by_key.setdefault(key, []).append(_Form(answer, normal, words, True))

    def match(self, given: str, *, exact: bool = False) -> FormMatch | None:
        """How *given* meets one of the answers, or None. With *exact*, only as listed."""
        normal = normalize_text(given, self.language)
        if not normal:
            return None
        listed = self._listed.get(normal)
        if listed is not None:
            return FormMatch(listed, False, "")
        if exact:
            return None
        lang = self._lang
        best: FormMatch | None = None
        best_rank = (2, 2)
        for head, typed_ending in lang.candidates(normal):
            words = lang.words(head)
            forms_ = self._by_key.get(lang.fold(_key(words))) if words else None
            if not forms_:
                continue
            clean = lang.clean(head)
            for form in forms_:
                entry = form.entry(lang)
                if not lang.ending_allowed(typed_ending, entry):
                    continue
                respelled = clean != entry.clean
                # Prefer the reading closest to what was typed: spelled as listed, then no ending.
                rank = (int(respelled), int(bool(typed_ending)))
                if rank < best_rank:
                    best, best_rank = FormMatch(entry.answer, respelled, typed_ending.strip()), rank
                    if rank == (0, 0):
                        return best
        return best


@cache
def _prepared(rules: LanguageRules) -> _Language:
    return _Language(rules)


@lru_cache(maxsize=4096)
def accepted_forms(language: str, answers: tuple[str, ...]) -> AcceptedForms:
    """The prepared forms of *answers* in *language* (cached: a question is prepared once)."""
    return AcceptedForms(language, answers)


# --- The tables ---------------------------------------------------------------------------------

_TR_CONSONANT = (VOICED, VOICELESS)

#: Turkish. Proper nouns take their endings after an apostrophe, which students often leave out;
#: the endings are the cases, the third-person possessive, the copula ``-dır`` and its past
#: ``-(y)dı``, and ``ile`` written apart. Plural and other persons' possessives are not in the
#: list (``han`` + ``-ım`` is ``hanım``, another word).
TURKISH = LanguageRules(
    language="tr",
    endings=(
        ending(
            "locative", forms("da de", VOWEL, VOICED), forms("ta te", VOICELESS), forms("nda nde", POSSESSIVE)
        ),
        ending(
            "ablative",
            forms("dan den", VOWEL, VOICED),
            forms("tan ten", VOICELESS),
            forms("ndan nden", POSSESSIVE),
        ),
        ending("dative", forms("ya ye", VOWEL), forms("a e", *_TR_CONSONANT), forms("na ne", POSSESSIVE)),
        ending(
            "accusative",
            forms("yı yi yu yü", VOWEL),
            forms("ı i u ü", *_TR_CONSONANT),
            forms("nı ni nu nü", POSSESSIVE),
        ),
        ending("genitive", forms("nın nin nun nün", VOWEL), forms("ın in un ün", *_TR_CONSONANT)),
        ending(
            "instrumental",
            forms("yla yle", VOWEL),
            forms("la le", *_TR_CONSONANT),
            (Variant(" ile", frozenset({VOWEL, *_TR_CONSONANT}), harmonic=False),),
        ),
        ending("possessive (3rd person)", forms("sı si su sü", VOWEL), forms("ı i u ü", *_TR_CONSONANT)),
        ending("copula", forms("dır dir dur dür", VOWEL, VOICED), forms("tır tir tur tür", VOICELESS)),
        ending(
            "past copula",
            forms("ydı ydi ydu ydü", VOWEL),
            forms("dı di du dü", VOICED),
            forms("tı ti tu tü", VOICELESS),
        ),
    ),
    ending_marks="'",
    classes={VOWEL: "aeıioöuüâîû", VOICELESS: "çfhkpsşt"},
    default_classes=frozenset({VOICED}),
    possessive_tails=("ı", "i", "u", "ü"),
    # Two-way (a/e) and four-way (ı/i/u/ü) harmony; after a rounded vowel an unrounded ending too.
    harmony={
        "a": "aı",
        "ı": "aı",
        "â": "aı",
        "o": "auı",
        "u": "auı",
        "û": "auı",
        "e": "ei",
        "i": "ei",
        "î": "ei",
        "ö": "eüi",
        "ü": "eüi",
    },
    softening=(("nk", "ng"), ("p", "b"), ("ç", "c"), ("t", "d"), ("k", "ğ")),
    keyboard_letters={
        "ç": "c",
        "ğ": "g",
        "ı": "i",
        "ö": "o",
        "ş": "s",
        "ü": "u",
        "â": "a",
        "î": "i",
        "û": "u",
    },
)

_KK_AFTER_VOICED = (VOWEL, NASAL, SONORANT, VOICED)

#: Kazakh. Case endings attach directly (after a hyphen to an acronym or a number: ``БҰҰ-ға``).
#: Harmony is back (``а о ұ ы``) or front (``ә ө ү і е``); the first consonant of an ending follows
#: the last sound: a vowel, a nasal ``м н ң``, a sonorant ``л р й у``, a voiced ``ж з`` or a
#: voiceless consonant (``б в г д`` sound voiceless at the end of a word).
KAZAKH = LanguageRules(
    language="kk",
    endings=(
        ending(
            "locative",
            forms("да де", *_KK_AFTER_VOICED),
            forms("та те", VOICELESS),
            forms("нда нде", POSSESSIVE),
        ),
        ending(
            "dative", forms("ға ге", *_KK_AFTER_VOICED), forms("қа ке", VOICELESS), forms("на не", POSSESSIVE)
        ),
        ending(
            "accusative",
            forms("ны ні", VOWEL),
            forms("ды ді", NASAL, SONORANT, VOICED),
            forms("ты ті", VOICELESS),
            forms("н", POSSESSIVE),
        ),
        ending(
            "genitive",
            forms("ның нің", VOWEL, NASAL),
            forms("дың дің", SONORANT, VOICED),
            forms("тың тің", VOICELESS),
        ),
        ending(
            "ablative",
            forms("дан ден", VOWEL, SONORANT, VOICED),
            forms("нан нен", NASAL, POSSESSIVE),
            forms("тан тен", VOICELESS),
        ),
        ending(
            "instrumental",
            forms("мен", *_KK_AFTER_VOICED, harmonic=False),
            forms("бен", NASAL, SONORANT, VOICED, harmonic=False),
            forms("пен", VOICELESS, harmonic=False),
        ),
    ),
    ending_marks="-",
    classes={
        VOWEL: "аәеёиоөуұүыіэюя",
        NASAL: "мнң",
        # и and у are vowels and glides (ий, уу): they take both sets of endings.
        SONORANT: "лрйуи",
        VOICED: "жз",
        VOICELESS: "бвгдкқпстфхһцчшщ",
    },
    possessive_tails=("ы", "і"),
    harmony={
        "а": "аы",
        "о": "аы",
        "ұ": "аы",
        "ы": "аы",
        "я": "аы",
        "ё": "аы",
        "ә": "еі",
        "ө": "еі",
        "ү": "еі",
        "і": "еі",
        "е": "еі",
        "э": "еі",
    },
    free_harmony_letters="вфцчщёэюяъь",
    silent_letters="ьъ",
    keyboard_letters={
        "ә": "а",
        "ғ": "г",
        "қ": "к",
        "ң": "н",
        "ө": "о",
        "ұ": "у",
        "ү": "у",
        "һ": "х",
        "і": "и",
    },
    # Without a Kazakh layout, і is often typed as a Latin i.
    look_alikes={"i": "и"},
)

#: English: an optional leading "the" and a trailing "'s" (the apostrophe is required:
#: "Turkeys" are birds).
ENGLISH = LanguageRules(
    language="en",
    endings=(ending("possessive", forms("s", VOWEL, VOICED, VOICELESS, NASAL, SONORANT, harmonic=False)),),
    ending_marks="'",
    mark_required=True,
    articles=("the",),
)

#: For a language without a table: only the key (hyphens, spaces, quotes, initials) is forgiving.
PLAIN = LanguageRules(language="")

#: The table of each language.
RULES: Mapping[str, LanguageRules] = {rules.language: rules for rules in (TURKISH, KAZAKH, ENGLISH)}
