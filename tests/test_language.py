"""pipeline.language: the language of each block."""

from __future__ import annotations

import pytest

from pipeline import language
from pipeline.language import detect, detect_blocks

EN = "The partners met in Daugavpils to plan the next activities of the project."
LV = "Projekta partneri tikās Daugavpilī, lai plānotu nākamās projekta aktivitātes."
RU = "Партнёры проекта встретились в Даугавпилсе, чтобы спланировать работу."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (EN, "en"),
        (LV, "lv"),
        (RU, "ru"),
        ("Rīgā", "lv"),  # short: Latvian letters decide
        ("Riga", None),  # short, nothing to tell
        ("12.05.2019", None),  # no letters
        ("ООО «Вектор» Ltd", "ru"),  # more Cyrillic than Latin letters
    ],
)
def test_detect(text: str, expected: str | None) -> None:
    assert detect(text) == expected


def test_repeated_blocks_get_the_same_answer_as_alone() -> None:
    texts = [EN, LV, "2019", EN, RU, LV, "Riga", EN]
    assert detect_blocks(texts) == ["en", "lv", "lv", "en", "ru", "lv", "lv", "en"]


def test_undecided_blocks_take_a_neighbour() -> None:
    assert detect_blocks(["2019", "Riga", RU]) == ["ru", "ru", "ru"]
    assert detect_blocks(["2019"]) == ["lv"]


def test_answers_are_remembered_across_documents_for_short_texts() -> None:
    language.forget()
    assert detect_blocks([LV, EN, "2019"]) == ["lv", "en", "en"]
    assert detect_blocks([EN, RU, LV]) == ["en", "ru", "lv"]  # a later document
    info = language._detect_memo.cache_info()
    assert (info.hits, info.misses) == (2, 4)
    long_text = " ".join([LV] * 10)
    assert len(long_text) > language.MEMO_MAX_CHARS
    assert detect(long_text) == language._detect(long_text) == "lv"
    assert language._detect_memo.cache_info().currsize == 4  # long texts are not kept
    language.forget()
    assert language._detect_memo.cache_info().currsize == 0
