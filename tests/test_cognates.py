"""Cognates across languages: spelling keys and word pairs (the team's own titles)."""

from __future__ import annotations

import pytest

from pipeline.cognates import cognates, key, skeleton
from pipeline.link import title_words


@pytest.mark.parametrize(("a", "b"), [
    ("innovative", "inovatīvu"),  # doubled letters
    ("objects", "objektu"),  # c as k
    ("tourism", "tūrisma"),  # ou as u
    ("tourism", "туризма"),  # Cyrillic, z as s
    ("sector", "sektorā"),
    ("technologies", "tehnoloģijas"),  # ch as h
    ("philharmonic", "filharmonija"),  # ph as f
    ("theatre", "teātris"),  # th as t
    ("interactive", "интерактивных"),
    ("commission", "komisija"),
])
def test_cognates_share_a_key(a: str, b: str) -> None:
    fold = title_words
    assert key(fold(a)[0]) == key(fold(b)[0])


@pytest.mark.parametrize(("a", "b"), [
    ("centre", "kantor"),  # c before e stays c
    ("nature", "dabas"),
    ("improvement", "uzlabošanai"),
    ("school", "skola"),  # too short a shared start after the spelling rules
])
def test_other_words_do_not(a: str, b: str) -> None:
    assert key(title_words(a)[0]) != key(title_words(b)[0])


def test_skeleton_is_idempotent_on_its_keys() -> None:
    for word in ("inovative", "objekts", "turisma", "komision"):
        assert skeleton(skeleton(word)) == skeleton(word)


@pytest.mark.parametrize(
    ("a", "b", "n"),
    [
        ("Digitālās prasmes senioriem", "Digital Skills for Seniors", 2),
        ("Kopīgi industriālā mantojuma maršruti Latgalē un Aukštaitijā",
         "Joint Industrial Heritage Routes in Latgale and Aukstaitija", 3),
        ("Sporta laukumi skolās", "Digital Skills for Seniors", 0),
        ("Крепости Пскова", "Fortresses of Pskov", 1),  # the place, transliterated
        ("Inovatīvu tehnoloģiju centrs Latgales reģionā",
         "Innovative Technologies Centre in the Latgale Region", 5),
        ("Интерактивные методы в туризме", "Interactive methods in tourism", 3),
    ],
)
def test_cognates(a: str, b: str, n: int) -> None:
    assert len(cognates(tuple(title_words(a)), tuple(title_words(b)))) == n
