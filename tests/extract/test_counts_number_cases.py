"""Russian number words in the oblique cases (every part of a compound declines: 'двадцатью
пятью', 'двухсот сорока'), as a property over 1..999 and in our own invented sentences."""

import pytest
from helpers import facts
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.counts import _number, _tokens, lexicon

_GENITIVE = {
    "ones": "_ одного двух трёх четырёх пяти шести семи восьми девяти десяти одиннадцати "
            "двенадцати тринадцати четырнадцати пятнадцати шестнадцати семнадцати "
            "восемнадцати девятнадцати",
    "tens": "_ _ двадцати тридцати сорока пятидесяти шестидесяти семидесяти восьмидесяти "
            "девяноста",
    "hundreds": "_ ста двухсот трёхсот четырёхсот пятисот шестисот семисот восьмисот "
                "девятисот",
}
_INSTRUMENTAL = {
    "ones": "_ одним двумя тремя четырьмя пятью шестью семью восемью девятью десятью "
            "одиннадцатью двенадцатью тринадцатью четырнадцатью пятнадцатью шестнадцатью "
            "семнадцатью восемнадцатью девятнадцатью",
    "tens": "_ _ двадцатью тридцатью сорока пятьюдесятью шестьюдесятью семьюдесятью "
            "восемьюдесятью девяноста",
    "hundreds": "_ ста двумястами тремястами четырьмястами пятьюстами шестьюстами семьюстами "
                "восемьюстами девятьюстами",
}
_DATIVE_PREPOSITIONAL_HUNDREDS = [
    ("двумстам", 200), ("трёмстам", 300), ("пятистам", 500), ("двухстах", 200),
    ("четырёхстах", 400), ("девятистах", 900),
]


def _oblique(n: int, forms: dict[str, str]) -> str:
    """n (1..999) in one oblique case, every part declined."""
    ones, tens, hundreds = (forms[k].split() for k in ("ones", "tens", "hundreds"))
    h, r = divmod(n, 100)
    out = [hundreds[h]] if h else []
    if r >= 20:
        out += [tens[r // 10]] + ([ones[r % 10]] if r % 10 else [])
    elif r:
        out += [ones[r]]
    return " ".join(out)


def _parse(text: str) -> tuple[int, str]:
    tokens = _tokens(text, 0, len(text))
    found = _number(lexicon("ru"), tokens, 0)
    assert found is not None
    value, last = found
    return value, text[: tokens[last][3]]


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=999), st.sampled_from([_GENITIVE, _INSTRUMENTAL]))
def test_oblique_number_words_parse_to_their_value(n: int, forms: dict[str, str]) -> None:
    words = _oblique(n, forms)
    assert _parse(words + " участников") == (n, words)


@pytest.mark.parametrize(("word", "value"), _DATIVE_PREPOSITIONAL_HUNDREDS)
def test_dative_and_prepositional_hundreds(word: str, value: int) -> None:
    assert _parse(f"{word} участникам") == (value, word)


SENTENCES = [
    ("Проект реализуется с пятнадцатью партнёрами из Латвии.", [(15, "partners")]),
    ("Встреча с двадцатью пятью участниками прошла в Резекне.", [(25, "people")]),
    ("Книга издана тиражом в пятьсот экземпляров.", [(500, "other")]),
    ("Грант поделили между тремястами участниками конкурса.", [(300, "people")]),
    ("Фестиваль посетили около пяти тысяч зрителей.", [(5000, "people")]),
    ("Работы ведутся в двухстах сорока пунктах.", [(240, "other")]),
    # an instrumental number word takes an instrumental head; a genitive after it is its owner
    ("Подписаны договоры с двенадцатью представителями муниципалитетов.", [(12, "people")]),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_oblique_counts(text: str, expected: list[tuple[int, str]]) -> None:
    assert [(r["count"], r["unit"]) for r in facts(text, "participants")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Izstādi apmeklēja vairāk nekā divi tūkstoši skatītāju.", [(2000, "people")]),
        ("Grāmata izdota piecos tūkstošos eksemplāru.", [(5000, "other")]),
        ("Pasākumā piedalījās 12 tūkstoši iedzīvotāju.", [(12000, "people")]),
        ("Tūristu skaits sasniedza 1,2 miljonus tūristu.", [(1200000, "people")]),
    ],
)
def test_latvian_scale_words_in_their_cases(text: str, expected: list[tuple[int, str]]) -> None:
    assert [(r["count"], r["unit"]) for r in facts(text, "participants")] == expected
