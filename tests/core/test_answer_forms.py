"""Typed answers in the forms students type them (issue 12): the accept/reject table per language,
what the feedback learns, ``match: exact``, and two Hypothesis properties."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.core.answer_forms import (
    ENGLISH,
    KAZAKH,
    RULES,
    TURKISH,
    FormMatch,
    LanguageRules,
    accepted_forms,
    normalize_text,
)
from quizapp.core.grading import grade, match_text, text_matches
from quizapp.core.model import AnswerMatch, LocalizedText, SourceRef, TextQuestion
from tests.core.test_loading import META

# Answers as the bundled bank lists them (kept here so that edits to the bank do not move the table).
TR: dict[str, tuple[str, ...]] = {
    "kirim": ("Kırım",),
    "rusya": ("Rusya", "Rusya Federasyonu"),
    "turkiye": ("Türkiye", "Turkiye"),
    "astana": ("Astana", "Nur-Sultan"),
    "sio": ("ŞİÖ", "Şanghay İşbirliği Örgütü"),
    "bm": ("Birleşmiş Milletler", "BM", "Birleşmiş Milletler Örgütü"),
    "abd": ("ABD",),
    "agit": ("AGİT",),
    "nazarbayev": ("Nazarbayev", "Nursultan Nazarbayev", "N. A. Nazarbayev"),
    "tokayev": ("Tokayev", "Kasım-Jomart Tokayev", "Kassym-Jomart Tokayev"),
    "agabey": ("ağabey", "ağabey sendromu", "abi"),
    "kopru": ("köprüler", "köprü"),
    "afganistan": ("Afganistan",),
    "putin": ("Putin", "Vladimir Putin"),
    "trump": ("Trump", "Donald Trump"),
    "cin": ("Çin",),
    "guc": ("orta güç",),
    "kitap": ("kitap",),
    "avrasya": ("Avrasya Birliği",),
    "cumhurbaskani": ("Cumhurbaşkanı",),
    "suriye": ("Suriye",),
    "chevron": ("Chevron",),
}
KK: dict[str, tuple[str, ...]] = {
    "astana": ("Астана", "Нұр-Сұлтан"),
    "resei": ("Ресей", "Ресей Федерациясы"),
    "qyrym": ("Қырым", "Крым"),
    "toqaev": ("Тоқаев", "Қасым-Жомарт Тоқаев"),
    "nazarbaev": ("Назарбаев", "Н. Ә. Назарбаев"),
    "buu": ("Біріккен Ұлттар Ұйымы", "БҰҰ"),
    "kenes": ("БҰҰ Қауіпсіздік Кеңесі", "Қауіпсіздік Кеңесі"),
    "putin": ("Путин",),
    "hkhan": ("хан",),
    "auganstan": ("Ауғанстан",),
    "kopir": ("көпірлер", "көпір"),
    "horgos": ("Хоргос",),
    "syria": ("Сирия",),
}
EN: dict[str, tuple[str, ...]] = {
    "russia": ("Russia", "the Russian Federation"),
    "crimea": ("Crimea", "the Crimea"),
    "putin": ("Putin", "Vladimir Putin"),
    "un": ("United Nations", "UN"),
    "nazarbayev": ("Nazarbayev", "N. A. Nazarbayev"),
    "tokayev": ("Tokayev", "Kassym-Jomart Tokayev"),
    "turkey": ("Turkey", "Türkiye"),
    "khan": ("the khan", "khan"),
}
ANSWERS = {"tr": TR, "en": EN, "kk": KK}

# (language, answers, typed, accepted as) — None: refused. Each accepted form stands beside the
# near misses a student might type instead: wrong harmony, wrong consonant, a derivational suffix,
# a prefix, a buffer consonant where none goes.
CASES: list[tuple[str, str, str, str | None]] = [
    # --- Turkish: case endings after the apostrophe, or without it ---
    ("tr", "kirim", "Kırım'da", "Kırım"),
    ("tr", "kirim", "Kırımda", "Kırım"),
    ("tr", "kirim", "Kırım'de", None),  # harmony: ı takes a, not e
    ("tr", "kirim", "Kırım'ta", None),  # m is voiced: -da, not -ta
    ("tr", "kirim", "Kırım'ı", "Kırım"),
    ("tr", "kirim", "Kırım'ü", None),
    ("tr", "kirim", "Kırım'ın", "Kırım"),
    ("tr", "kirim", "Kırım'nın", None),  # the buffer n goes after a vowel only
    ("tr", "kirim", "Kırım'dan", "Kırım"),
    ("tr", "kirim", "Kırım'dır", "Kırım"),
    ("tr", "kirim", "Kırım'dı", "Kırım"),
    ("tr", "kirim", "Kırım ile", "Kırım"),
    ("tr", "kirim", "Kırım'la", "Kırım"),
    ("tr", "kirim", "Kırımile", None),  # ile is a word of its own
    ("tr", "kirim", "Kırım da", None),  # "Crimea too": da written apart is not an ending
    ("tr", "kirim", "Kırımlı", None),  # derivational: someone from Crimea
    ("tr", "kirim", "Kırım'lı", None),
    ("tr", "kirim", "Kırımsız", None),
    ("tr", "kirim", "Kırım'lar", None),  # plural is not in the list
    ("tr", "kirim", "Kırı", None),  # a prefix
    ("tr", "kirim", "Kırım'dakiler", None),  # only one ending
    ("tr", "rusya", "Rusya'nın", "Rusya"),
    ("tr", "rusya", "Rusyanın", "Rusya"),
    ("tr", "rusya", "Rusya'ya", "Rusya"),
    ("tr", "rusya", "Rusya'a", None),  # a vowel after a vowel needs the buffer y
    ("tr", "rusya", "Rusya'dır", "Rusya"),
    ("tr", "rusya", "Rusyadir", "Rusya"),  # ASCII ending: ı/i cannot be told apart
    ("tr", "rusya", "Rusya'dir", "Rusya"),
    ("tr", "rusya", "Rusya'yla", "Rusya"),
    ("tr", "rusya", "Rusya ile", "Rusya"),
    ("tr", "rusya", "Rus", None),  # a prefix, and another word
    ("tr", "rusya", "Rusça", None),  # -ça makes the language's name
    ("tr", "rusya", "Rusyalı", None),
    ("tr", "rusya", "Rusya'da", "Rusya"),
    ("tr", "rusya", "Rusya'de", None),
    ("tr", "rusya", "Rusya Federasyonu'na", "Rusya Federasyonu"),  # after a possessive: -na
    ("tr", "rusya", "Rusya Federasyonu'nun", "Rusya Federasyonu"),
    ("tr", "rusya", "Rusya Federasyonunda", "Rusya Federasyonu"),
    ("tr", "turkiye", "Türkiye'dir", "Türkiye"),
    ("tr", "turkiye", "Türkiye'ye", "Türkiye"),
    ("tr", "turkiye", "Türkiye'ya", None),
    ("tr", "turkiye", "Türkiye'nin", "Türkiye"),
    ("tr", "turkiye", "Türkiye'nın", None),
    ("tr", "turkiye", "Türk", None),
    ("tr", "turkiye", "Türkçe", None),
    ("tr", "astana", "Astana'da", "Astana"),
    ("tr", "astana", "Astanalı", None),
    ("tr", "astana", "Astanalık", None),
    ("tr", "astana", "Astana'ydı", "Astana"),
    ("tr", "astana", "Nur Sultan", "Nur-Sultan"),  # a space for the hyphen
    ("tr", "astana", "Nursultan", "Nur-Sultan"),
    ("tr", "astana", "Nur-Sultan'da", "Nur-Sultan"),
    ("tr", "sio", "Şanghay İşbirliği Örgütü'nün", "Şanghay İşbirliği Örgütü"),  # the last word takes it
    ("tr", "sio", "Şanghay İşbirliği Örgütü'nın", None),  # ı shows the wrong harmony
    ("tr", "sio", "Şanghay İşbirliği Örgütü'nun", "Şanghay İşbirliği Örgütü"),  # u may be a ü in ASCII
    ("tr", "sio", "Şanghay İşbirliği Örgütü'na", None),
    ("tr", "sio", "Sanghay Isbirligi Orgutu'nun", "Şanghay İşbirliği Örgütü"),
    ("tr", "sio", "ŞANGHAY İŞBİRLİĞİ ÖRGÜTÜ", "Şanghay İşbirliği Örgütü"),
    ("tr", "sio", "ŞİÖ'ye", "ŞİÖ"),
    ("tr", "sio", "Şanghay İşbirliği", None),
    ("tr", "bm", "BM'de", "BM"),  # an acronym takes any variant: its letters are read out
    ("tr", "bm", "BM'nin", "BM"),
    ("tr", "bm", "BM'li", None),
    ("tr", "abd", "ABD'ye", "ABD"),
    ("tr", "abd", "A.B.D.", "ABD"),
    ("tr", "abd", "AB", None),
    ("tr", "agit", "AGİT'e", "AGİT"),
    ("tr", "agit", "AGİD'e", None),  # an acronym does not soften
    ("tr", "nazarbayev", "Nazarbayev'in", "Nazarbayev"),
    ("tr", "nazarbayev", "Nazarbayev'ın", None),
    ("tr", "nazarbayev", "Nazarbayev N. A.", "N. A. Nazarbayev"),  # initials after the surname
    ("tr", "nazarbayev", "N.A. Nazarbayev", "N. A. Nazarbayev"),
    ("tr", "nazarbayev", "N. A. Nazarbayev'e", "N. A. Nazarbayev"),
    ("tr", "nazarbayev", "A. N. Nazarbayev", None),  # other initials
    ("tr", "nazarbayev", "Nazarbayevci", None),
    ("tr", "tokayev", "Kassym Jomart Tokayev", "Kassym-Jomart Tokayev"),
    ("tr", "tokayev", "Kasim Jomart Tokayev", "Kasım-Jomart Tokayev"),
    ("tr", "tokayev", "Tokayev'e", "Tokayev"),
    ("tr", "tokayev", "Tokay", None),
    ("tr", "tokayev", "Tokayevsiz", None),
    ("tr", "agabey", "agabey", "ağabey"),  # no Turkish keyboard
    ("tr", "agabey", "'ağabey' sendromu", "ağabey sendromu"),  # quotes inside the answer
    ("tr", "agabey", '"agabey" sendromu', "ağabey sendromu"),
    ("tr", "agabey", "ağabeyi", "ağabey"),
    ("tr", "agabey", "ağabeylik", None),
    ("tr", "agabey", "abiye", "abi"),
    ("tr", "agabey", "abim", None),  # only the third person's possessive
    ("tr", "kopru", "köprüleri", "köprüler"),
    ("tr", "kopru", "köprülerı", None),
    ("tr", "kopru", "köprücü", None),
    ("tr", "afganistan", "Afganistan'a", "Afganistan"),
    ("tr", "afganistan", "Afgan", None),
    ("tr", "afganistan", "Afganistanlı", None),
    ("tr", "putin", "Putin'le", "Putin"),
    ("tr", "putin", "Putin'la", None),
    ("tr", "putin", "Putinsiz", None),
    ("tr", "putin", "Putinci", None),
    ("tr", "trump", "Trump'ın", "Trump"),  # said "Tramp": an unrounded ending after u is fine
    ("tr", "trump", "Trump'un", "Trump"),
    ("tr", "trump", "Trump'e", None),
    ("tr", "trump", "Trump'tan", "Trump"),  # p is voiceless: -tan
    ("tr", "trump", "Trump'dan", None),
    ("tr", "cin", "Çin'den", "Çin"),
    ("tr", "cin", "Cin'den", "Çin"),
    ("tr", "cin", "Çin'dan", None),
    ("tr", "cin", "Çince", None),
    ("tr", "guc", "orta gücü", "orta güç"),  # softening: ç → c before a vowel
    ("tr", "guc", "orta güçü", "orta güç"),  # and without it
    ("tr", "guc", "orta gücde", None),  # no softening before a consonant
    ("tr", "kitap", "kitabı", "kitap"),
    ("tr", "kitap", "kitaba", "kitap"),
    ("tr", "kitap", "kitapta", "kitap"),
    ("tr", "kitap", "kitabda", None),
    ("tr", "kitap", "kitapçı", None),
    ("tr", "avrasya", "Avrasya Birliği'ni", "Avrasya Birliği"),
    ("tr", "avrasya", "Avrasya Birliği'ne", "Avrasya Birliği"),
    ("tr", "cumhurbaskani", "Cumhurbaşkanı'na", "Cumhurbaşkanı"),
    ("tr", "cumhurbaskani", "Cumhurbaskani", "Cumhurbaşkanı"),
    ("tr", "cumhurbaskani", "Cumhurbaşkanlığı", None),
    ("tr", "suriye", "Suriye'de", "Suriye"),
    ("tr", "suriye", "Suriyeli", None),
    ("tr", "chevron", "Chevron'un", "Chevron"),
    ("tr", "chevron", "Chevron'dur", "Chevron"),
    # --- Kazakh: endings attach directly, with harmony and assimilation ---
    ("kk", "astana", "Астанада", "Астана"),
    ("kk", "astana", "Астанаде", None),  # harmony
    ("kk", "astana", "Астаната", None),  # after a vowel: -да
    ("kk", "astana", "Астананың", "Астана"),
    ("kk", "astana", "Астанадың", None),
    ("kk", "astana", "Астанаға", "Астана"),
    ("kk", "astana", "Астанага", "Астана"),  # Russian keyboard
    ("kk", "astana", "Астанақа", None),
    ("kk", "astana", "Астанадан", "Астана"),
    ("kk", "astana", "Астанамен", "Астана"),
    ("kk", "astana", "Астананы", "Астана"),
    ("kk", "astana", "Астаналы", None),  # derivational -лы
    ("kk", "astana", "Астаналық", None),
    ("kk", "astana", "Аста", None),
    ("kk", "astana", "Нұр Сұлтан", "Нұр-Сұлтан"),
    ("kk", "astana", "Нурсултанда", "Нұр-Сұлтан"),
    ("kk", "resei", "Ресеймен", "Ресей"),
    ("kk", "resei", "Ресейпен", None),  # й is voiced: -мен
    ("kk", "resei", "Ресейдің", "Ресей"),
    ("kk", "resei", "Ресейдың", None),  # harmony: е takes і
    ("kk", "resei", "Ресейдин", "Ресей"),  # Russian keyboard
    ("kk", "resei", "Ресейге", "Ресей"),
    ("kk", "resei", "Ресейға", None),
    ("kk", "resei", "Ресейден", "Ресей"),
    ("kk", "resei", "Ресейлік", None),  # derivational -лік
    ("kk", "resei", "Ресейсіз", None),
    ("kk", "resei", "Рес", None),
    ("kk", "resei", "Ресей Федерациясының", "Ресей Федерациясы"),
    ("kk", "resei", "Ресей Федерациясына", "Ресей Федерациясы"),  # after a possessive: -на
    ("kk", "qyrym", "Қырымның", "Қырым"),
    ("kk", "qyrym", "Кырымнын", "Қырым"),
    ("kk", "qyrym", "Қырымдың", None),  # after м: -ның
    ("kk", "qyrym", "Қырымнің", None),
    ("kk", "qyrym", "Кырымнин", None),  # harmony shows in и/ы on a Russian keyboard too
    ("kk", "qyrym", "Қырымда", "Қырым"),
    ("kk", "qyrym", "Қырымнан", "Қырым"),
    ("kk", "qyrym", "Қырымдан", None),
    ("kk", "qyrym", "Крымда", "Крым"),
    ("kk", "qyrym", "Қырымша", None),
    ("kk", "toqaev", "Тоқаевтың", "Тоқаев"),
    ("kk", "toqaev", "Тоқаевтің", "Тоқаев"),  # a Russian surname: either harmony
    ("kk", "toqaev", "Тоқаевқа", "Тоқаев"),
    ("kk", "toqaev", "Токаевка", "Тоқаев"),
    ("kk", "toqaev", "Тоқаевпен", "Тоқаев"),
    ("kk", "toqaev", "Тоқаевға", None),  # в sounds voiceless: -қа
    ("kk", "toqaev", "Тоқай", None),
    ("kk", "toqaev", "Қасым Жомарт Тоқаев", "Қасым-Жомарт Тоқаев"),
    ("kk", "toqaev", "Касым-Жомарт Токаев", "Қасым-Жомарт Тоқаев"),
    ("kk", "nazarbaev", "Назарбаев Н. Ә.", "Н. Ә. Назарбаев"),
    ("kk", "nazarbaev", "Н.А. Назарбаев", "Н. Ә. Назарбаев"),
    ("kk", "nazarbaev", "Назарбаевшыл", None),
    ("kk", "buu", "БҰҰ-ға", "БҰҰ"),  # a hyphen after an acronym
    ("kk", "buu", "БУУ-га", "БҰҰ"),
    ("kk", "buu", "БҰҰ-ның", "БҰҰ"),
    ("kk", "buu", "Біріккен Ұлттар Ұйымына", "Біріккен Ұлттар Ұйымы"),
    ("kk", "buu", "Бириккен Улттар Уйымы", "Біріккен Ұлттар Ұйымы"),
    ("kk", "buu", "Біріккен Ұлттар", None),
    ("kk", "kenes", "Қауіпсіздік Кеңесіне", "Қауіпсіздік Кеңесі"),
    ("kk", "kenes", "Қауіпсіздік Кеңесін", "Қауіпсіздік Кеңесі"),
    ("kk", "kenes", "Қауіпсіздік Кеңесінің", "Қауіпсіздік Кеңесі"),
    ("kk", "kenes", "Қауіпсіздік Кеңесіна", None),
    ("kk", "putin", "Путиннің", "Путин"),
    ("kk", "putin", "Путинмен", "Путин"),
    ("kk", "putin", "Путинсіз", None),
    ("kk", "putin", "Путиншіл", None),
    ("kk", "hkhan", "ханның", "хан"),
    ("kk", "hkhan", "ханда", "хан"),
    ("kk", "hkhan", "хандар", None),  # plural is not in the list
    ("kk", "auganstan", "Ауғанстанға", "Ауғанстан"),
    ("kk", "auganstan", "Ауган", None),
    ("kk", "kopir", "көпірлерге", "көпірлер"),
    ("kk", "kopir", "көпірлерға", None),
    ("kk", "kopir", "копир", "көпір"),
    ("kk", "horgos", "Хоргостың", "Хоргос"),
    ("kk", "horgos", "Хоргостің", None),
    ("kk", "horgos", "Хоргосқа", "Хоргос"),
    ("kk", "syria", "Сирияның", "Сирия"),
    ("kk", "syria", "Сириялық", None),
    # --- English: an optional leading "the", a trailing "'s" ---
    ("en", "russia", "Russia's", "Russia"),
    ("en", "russia", "Russia’s", "Russia"),
    ("en", "russia", "Russias", None),  # the apostrophe is required
    ("en", "russia", "the Russia", "Russia"),
    ("en", "russia", "Russian", None),
    ("en", "russia", "Russian Federation", "the Russian Federation"),
    ("en", "russia", "the Russian Federation's", "the Russian Federation"),
    ("en", "russia", "Russ", None),
    ("en", "crimea", "the Crimea's", "Crimea"),  # "the" is optional: the first listed wins
    ("en", "crimea", "Crimean", None),
    ("en", "putin", "Putin's", "Putin"),
    ("en", "putin", "Putinism", None),
    ("en", "un", "the United Nations", "United Nations"),
    ("en", "un", "the UN's", "UN"),
    ("en", "un", "U.N.", "UN"),
    ("en", "un", "United Nation", None),
    ("en", "nazarbayev", "Nazarbayev N. A.", "N. A. Nazarbayev"),
    ("en", "nazarbayev", "N.A. Nazarbayev", "N. A. Nazarbayev"),
    ("en", "nazarbayev", "Nazarbayev's", "Nazarbayev"),
    ("en", "tokayev", "Kassym Jomart Tokayev", "Kassym-Jomart Tokayev"),
    ("en", "tokayev", "KassymJomart Tokayev", "Kassym-Jomart Tokayev"),
    ("en", "tokayev", "Tokay", None),
    ("en", "turkey", "Turkeys", None),  # birds
    ("en", "turkey", "Turkey's", "Turkey"),
    ("en", "khan", "the khan's", "the khan"),
]


def question(answers: Mapping[str, tuple[str, ...]], match: AnswerMatch = AnswerMatch.FORMS) -> TextQuestion:
    return TextQuestion(
        id="q",
        topics=("t",),
        difficulty=1,
        prompt=LocalizedText({"en": "?"}),
        explanation=LocalizedText({"en": "."}),
        sources=(SourceRef("doc", "sec"),),
        answers=answers,
        match=match,
    )


@pytest.mark.parametrize(("language", "group", "typed", "accepted_as"), CASES)
def test_typed_answer_table(language: str, group: str, typed: str, accepted_as: str | None) -> None:
    answers = {language: ANSWERS[language][group]}
    found = match_text(answers, typed)
    assert (found.answer if found else None) == accepted_as
    result = grade(question(answers), typed)
    assert result.correct is (accepted_as is not None)
    # match: exact accepts only what is listed (up to case, spaces and edge punctuation).
    listed = {normalize_text(a, language) for a in answers[language]}
    exact = grade(question(answers, AnswerMatch.EXACT), typed)
    assert exact.correct is (normalize_text(typed, language) in listed)


def test_the_table_is_big_enough_and_balanced() -> None:
    assert len(CASES) >= 100
    for language in ("tr", "kk", "en"):
        accepted = [c for c in CASES if c[0] == language and c[3] is not None]
        refused = [c for c in CASES if c[0] == language and c[3] is None]
        assert len(accepted) >= 10 and len(refused) >= 8, language


def test_the_examples_of_issue_12() -> None:
    """Every form the issue names as refused today is accepted, and every "never" stays wrong."""
    accepted = [
        ({"tr": ("Astana",)}, "Astana'da"),
        ({"kk": ("Астана",)}, "Астанада"),
        ({"kk": ("Ресей",)}, "Ресеймен"),
        ({"kk": ("Қырым",)}, "Қырымның"),
        ({"tr": ("Kırım",)}, "Kirim"),
        ({"tr": ("ağabey",)}, "agabey"),
        ({"en": ("Kassym-Jomart Tokayev",)}, "Kassym Jomart Tokayev"),
        ({"tr": ("ağabey sendromu",)}, "'ağabey' sendromu"),
        ({"tr": ("Rusya",)}, "Rusya'nın"),
        ({"tr": ("Kırım",)}, "Kırım'ı"),
        ({"tr": ("Türkiye",)}, "Türkiye'dir"),
        ({"tr": ("köprüler",)}, "köprüleri"),
        ({"en": ("N. A. Nazarbayev",)}, "Nazarbayev N. A."),
    ]
    for answers, typed in accepted:
        assert text_matches(answers, typed), typed
    refused = [
        ({"tr": ("Astana",)}, "Astanalı"),
        ({"tr": ("Rusya",)}, "Rus"),
        ({"tr": ("Türkiye",)}, "Türk"),
        ({"tr": ("Afganistan",)}, "Afgan"),
        ({"tr": ("Tokayev",)}, "Tokay"),
        ({"tr": ("Putin",)}, "Putinsiz"),
    ]
    for answers, typed in refused:
        assert not text_matches(answers, typed), typed


# --- What the feedback learns ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "typed", "accepted_as", "respelled"),
    [
        ({"tr": ("Kırım",)}, "Kırım", None, False),  # as listed: nothing to say
        ({"tr": ("Kırım",)}, "  KIRIM. ", None, False),
        ({"tr": ("ağabey sendromu",)}, "'ağabey' sendromu", None, False),  # quotes are not spelling
        ({"en": ("Russia",)}, "the Russia", None, False),
        ({"tr": ("Kırım",)}, "Kirim", "Kırım", True),  # spelled another way
        ({"tr": ("Kırım",)}, "Kirim'de", None, False),  # refused (wrong harmony)
        ({"tr": ("Kırım",)}, "Kirimda", "Kırım", True),
        ({"tr": ("Kırım",)}, "Kırım'da", "Kırım", False),  # only an ending
        ({"tr": ("orta güç",)}, "orta gücü", "orta güç", False),  # softening is part of the form
        ({"en": ("Kassym-Jomart Tokayev",)}, "Kassym Jomart Tokayev", "Kassym-Jomart Tokayev", True),
        ({"en": ("N. A. Nazarbayev",)}, "Nazarbayev N. A.", "N. A. Nazarbayev", True),
        ({"kk": ("Қырым",)}, "Кырым", "Қырым", True),
        ({"kk": ("Қырым",)}, "Қырымның", "Қырым", False),
        # As listed in one language wins over a form of another.
        ({"tr": ("Kırım",), "kk": ("Kirim",)}, "Kirim", None, False),
        # Two answers could take it: the one spelled as typed wins.
        ({"kk": ("Тоқаев", "Токаев")}, "Токаевка", "Токаев", False),
    ],
)
def test_grade_says_how_the_answer_was_taken(
    answers: dict[str, tuple[str, ...]], typed: str, accepted_as: str | None, respelled: bool
) -> None:
    result = grade(question(answers), typed)
    assert result.accepted_as == accepted_as
    assert result.respelled is respelled
    if accepted_as is None:
        assert result.correct is text_matches(answers, typed)
    else:
        assert result.correct and result.points == 1.0


def test_exact_match_keeps_only_the_normalisation() -> None:
    exact = question({"tr": ("Kırım",), "kk": ("Қырым",)}, AnswerMatch.EXACT)
    for typed in ("Kırım", "KIRIM", " kırım. ", "Қырым", "ҚЫРЫМ"):
        assert grade(exact, typed).correct, typed
    for typed in ("Kırım'da", "Kirim", "Қырымның", "Кырым"):
        assert not grade(exact, typed).correct, typed


def test_an_empty_or_missing_answer_earns_nothing() -> None:
    for typed in (None, "", "   ", "'", "-"):
        result = grade(question({"tr": ("Kırım",)}), typed)
        assert result.credit == 0 and result.accepted_as is None


# --- The tables are closed lists of inflections ----------------------------------------------------

DERIVATIONAL = {
    # -lı -sız -cı -ca -lık (with their variants): another word, never an inflection.
    "tr": "lı li lu lü sız siz suz süz cı ci cu cü çı çi çu çü ca ce ça çe lık lik luk lük",
    "kk": "лы лі ды ді ты ті сыз сіз шы ші ша ше лық лік дық дік тық тік шыл шіл",
}


@pytest.mark.parametrize("rules", [TURKISH, KAZAKH, ENGLISH])
def test_no_table_lists_a_derivational_suffix(rules: LanguageRules) -> None:
    texts = {v.text.strip() for e in rules.endings for v in e.variants}
    derivational = set(DERIVATIONAL.get(rules.language, "").split())
    if rules is KAZAKH:
        derivational -= {"ды", "ді", "ты", "ті"}  # also the accusative; "Астаналы" stays wrong (-ны)
    assert not texts & derivational
    assert rules is RULES[rules.language]


# --- Hypothesis ------------------------------------------------------------------------------------

SAMPLES: dict[str, list[str]] = {
    "tr": [
        "Kırım",
        "Rusya",
        "Türkiye",
        "İstanbul",
        "Şanghay İşbirliği Örgütü",
        "orta güç",
        "kitap",
        "BM",
        "Nazarbayev",
        "ağabey sendromu",
        "Avrasya Birliği",
        "Iğdır",
    ],
    "kk": [
        "Қырым",
        "Ресей",
        "Астана",
        "Тоқаев",
        "БҰҰ",
        "Қауіпсіздік Кеңесі",
        "Нұр-Сұлтан",
        "Жібек жолы",
        "Іле",
    ],
    "en": ["Crimea", "the Russian Federation", "Putin", "United Nations", "UN", "multi-vector", "the khan"],
}
ALPHABETS = {
    "tr": "abcçdefgğhıijklmnoöprsştuüvyzİIŞĞÖÜÇ' -",
    "kk": "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюяҚҢӘ' -i",
    "en": "abcdefghijklmnopqrstuvwxyzTHE' -.",
}
_ALNUM = re.compile(r"[^\W_]+")


def _compact(text: str, rules: LanguageRules) -> str:
    words = _ALNUM.findall(text.replace("'", ""))
    if len(words) > 1 and words[0] in rules.articles:
        words = words[1:]
    return "".join(words).translate(str.maketrans({**rules.look_alikes, **rules.keyboard_letters}))


def _oracle(language: str, answers: Sequence[str]) -> set[str]:
    """Every string an answer plus a listed ending (any variant) can fold to: a generous superset."""
    rules = RULES[language]
    endings = {""} | {_compact(v.text, rules) for e in rules.endings for v in e.variants}
    stems = set()
    for answer in answers:
        stem = _compact(normalize_text(answer, language), rules)
        stems.add(stem)
        for tail, soft in rules.softening:
            if stem.endswith(tail):
                stems.add(_compact(stem[: -len(tail)] + soft, rules))
                break
    return {stem + ending for stem in stems for ending in endings}


def _case_variant(draw: Any, text: str) -> str:
    flips = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    return "".join(c.upper() if up else c.lower() for c, up in zip(text, flips, strict=True))


@st.composite
def written_variants(draw: Any) -> tuple[str, str, str]:
    """An accepted answer, and the same answer in random case, spacing and joining of its words."""
    language = draw(st.sampled_from(sorted(SAMPLES)))
    answer = draw(st.sampled_from(SAMPLES[language]))
    words = answer.split(" ")
    joined = words[0]
    for index, word in enumerate(words[1:]):
        # Parts of a name may be joined by a hyphen or nothing; an article stays a word apart.
        article = index == 0 and words[0] in RULES[language].articles
        joins = [" ", "  ", "\t", " \u00a0"] + ([] if article else ["-", ""])
        joined += draw(st.sampled_from(joins)) + word
    spaced = (
        draw(st.sampled_from(["", " ", "\t", "  "])) + joined + draw(st.sampled_from(["", " ", "\n", ". "]))
    )
    return language, answer, _case_variant(draw, spaced)


@settings(max_examples=300, deadline=None)
@given(written_variants())
def test_an_accepted_answer_is_accepted_in_any_case_and_spacing(case: tuple[str, str, str]) -> None:
    language, answer, typed = case
    found = accepted_forms(language, (answer,)).match(typed)
    assert isinstance(found, FormMatch)
    assert found.answer == answer and not found.ending


@st.composite
def near_misses(draw: Any) -> tuple[str, str, str]:
    """A random string, often an answer with random letters added, cut or changed."""
    language = draw(st.sampled_from(sorted(SAMPLES)))
    answer = draw(st.sampled_from(SAMPLES[language]))
    letters = st.text(alphabet=ALPHABETS[language], min_size=1, max_size=4)
    typed = draw(
        st.one_of(
            st.text(alphabet=ALPHABETS[language], max_size=12),
            letters.map(lambda extra: answer + extra),
            st.integers(1, max(1, len(answer) - 1)).map(lambda cut: answer[:cut]),
            st.tuples(st.integers(0, len(answer) - 1), letters).map(
                lambda change: answer[: change[0]] + change[1] + answer[change[0] + 1 :]
            ),
        )
    )
    return language, answer, typed


@settings(max_examples=1500, deadline=None)
@given(near_misses())
def test_anything_but_an_answer_plus_a_listed_ending_is_refused(case: tuple[str, str, str]) -> None:
    language, answer, typed = case
    rules = RULES[language]
    folded = _compact(normalize_text(typed, language), rules)
    if folded not in _oracle(language, [answer]):
        assert accepted_forms(language, (answer,)).match(typed) is None


# --- match: exact in a bank: loader, schema, cache ----------------------------------------------

BANK_HEAD = META  # the bank metadata of test_loading's banks, lines 1-14


def text_q(qid: str, extra: str = "") -> str:
    return (
        f"  - id: {qid}\n"
        "    kind: text\n"
        "    topics: [topic]\n"
        "    difficulty: 1\n"
        "    prompt: {tr: P, en: P, kk: P}\n"
        "    answers: {tr: [Kırım], en: [Crimea], kk: [Қырым]}\n"
        f"{extra}"
        "    explanation: {tr: E, en: E, kk: E}\n"
        "    source: {document: doc, section: sec}\n"
    )


def load_text_bank(bank_match: str = "", *questions: str) -> Any:
    from quizapp.core.loading import load_bank_bytes

    head = BANK_HEAD + (f"  match: {bank_match}\n" if bank_match else "")
    return load_bank_bytes((head + "questions:\n" + "".join(questions)).encode()).bank


def test_match_defaults_to_forms_and_a_question_can_opt_out() -> None:
    bank = load_text_bank("", text_q("plain"), text_q("strict", "    match: exact\n"))
    assert bank.match is AnswerMatch.FORMS
    plain, strict = bank.question("plain"), bank.question("strict")
    assert isinstance(plain, TextQuestion) and isinstance(strict, TextQuestion)
    assert plain.match is AnswerMatch.FORMS and strict.match is AnswerMatch.EXACT
    assert grade(plain, "Kırım'da").correct and grade(plain, "Кырым").correct
    assert not grade(strict, "Kırım'da").correct and not grade(strict, "Кырым").correct
    assert grade(strict, "KIRIM").correct


def test_a_bank_can_opt_out_and_a_question_back_in() -> None:
    bank = load_text_bank("exact", text_q("inherits"), text_q("forms", "    match: forms\n"))
    assert bank.match is AnswerMatch.EXACT
    inherits, forms_q = bank.question("inherits"), bank.question("forms")
    assert isinstance(inherits, TextQuestion) and isinstance(forms_q, TextQuestion)
    assert inherits.match is AnswerMatch.EXACT and not grade(inherits, "Kırım'da").correct
    assert forms_q.match is AnswerMatch.FORMS and grade(forms_q, "Kırım'da").correct


def test_the_bank_setting_reaches_questions_in_other_files(tmp_path: Any) -> None:
    from quizapp.core.loading import load_bank

    root = tmp_path / "bank"
    root.mkdir()
    (root / "bank.yaml").write_text(BANK_HEAD + "  match: exact\n", encoding="utf-8")
    (root / "more.yaml").write_text("format: 1\nquestions:\n" + text_q("q"), encoding="utf-8")
    question_ = load_bank(root).bank.question("q")
    assert isinstance(question_, TextQuestion) and question_.match is AnswerMatch.EXACT


@pytest.mark.parametrize(
    ("bank_match", "extra", "position", "message"),
    [
        ("exactly", "", "15:10", "bank: 'match' must be forms or exact, got 'exactly'"),
        ("", "    match: strict\n", "22:12", "question 'q': 'match' must be forms or exact, got 'strict'"),
        ("", "    match: [exact]\n", "22:12", "'match' must be forms or exact, got a list"),
        ("", "    match: true\n", "22:12", "'match' must be forms or exact, got 'true'"),
    ],
)
def test_a_bad_match_value_is_a_located_error(
    bank_match: str, extra: str, position: str, message: str
) -> None:
    from quizapp.core.errors import BankError

    with pytest.raises(BankError) as caught:
        load_text_bank(bank_match, text_q("q", extra))
    problems = [f"{p.line}:{p.column} {p.message}" for p in caught.value.problems]
    assert any(p.startswith(position) and message in p for p in problems), problems


def test_match_on_another_kind_is_a_located_error() -> None:
    from quizapp.core.errors import BankError
    from quizapp.core.loading import load_bank_bytes

    number = (
        "  - id: n\n"
        "    kind: number\n"
        "    topics: [topic]\n"
        "    difficulty: 1\n"
        "    prompt: {tr: P, en: P, kk: P}\n"
        "    answer: 3\n"
        "    match: exact\n"  # line 22
        "    explanation: {tr: E, en: E, kk: E}\n"
        "    source: {document: doc, section: sec}\n"
    )
    with pytest.raises(BankError) as caught:
        load_bank_bytes((BANK_HEAD + "questions:\n" + number).encode())
    problems = [(p.line, p.column, p.message) for p in caught.value.problems]
    assert problems == [
        (
            22,
            5,
            "question 'n': 'match' applies to text questions only (numbers and dates are read the way students type them)",
        )
    ]


def test_match_survives_the_bank_cache(tmp_path: Any) -> None:
    from quizapp.core.cache import is_decoded, load_bank_cached

    path = tmp_path / "bank.yaml"
    path.write_text(
        BANK_HEAD + "  match: exact\nquestions:\n" + text_q("a") + text_q("b", "    match: forms\n"),
        encoding="utf-8",
    )
    fresh = load_bank_cached(path, tmp_path / "cache")
    cached = load_bank_cached(path, tmp_path / "cache")
    assert not is_decoded(cached.bank.questions[0])  # served from the cache
    assert cached.bank.match is AnswerMatch.EXACT
    assert [q.match for q in cached.bank.questions] == [AnswerMatch.EXACT, AnswerMatch.FORMS]  # type: ignore[attr-defined]
    assert cached.bank == fresh.bank


def test_the_schema_knows_match() -> None:
    import jsonschema
    import yaml

    from quizapp.core.schema import bank_schema

    validator = jsonschema.Draft7Validator(bank_schema())
    good = yaml.safe_load(BANK_HEAD + "  match: exact\nquestions:\n" + text_q("q", "    match: forms\n"))
    assert not list(validator.iter_errors(good))
    bad = yaml.safe_load(BANK_HEAD + "  match: loose\nquestions:\n" + text_q("q"))
    assert list(validator.iter_errors(bad))
