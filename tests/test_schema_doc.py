"""docs/schema.md and pipeline/schema.py must agree: every table and every column, in order.

The data dictionary documents a table either as a markdown table (column names in backticks in the
first cell, several per cell allowed: `start_date`, `end_date`) or, for small tables, as one
paragraph listing the columns in backticks (anything in parentheses there is a note on values,
not a column; a file name such as `projects.csv` is not a column either).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.schema import FACT_TABLES, PROVENANCE, TABLES

SCHEMA_MD = Path(__file__).parent.parent / "docs" / "schema.md"
HEADING = re.compile(r"^## (\w+)\.csv\b", re.M)
TICKED = re.compile(r"`([a-z][a-z0-9_]*)`")  # a column name, not `file.csv` or `YYYY`


def documented_columns(markdown: str) -> dict[str, list[str]]:
    """Table name -> the columns its section of schema.md documents, in the order given."""
    out: dict[str, list[str]] = {}
    for section in re.split(r"^(?=## )", markdown, flags=re.M):
        m = HEADING.match(section)
        if not m:
            continue
        body = section.split("\n", 1)[1] if "\n" in section else ""
        rows = [line for line in body.splitlines() if line.startswith("|")]
        cols: list[str] = []
        if rows:
            for line in rows[2:]:  # after the header and the |---| line
                cols += TICKED.findall(line.split("|")[1])
        else:
            paragraph = re.sub(r"\([^)]*\)", "", body.strip().split("\n\n")[0])
            cols = TICKED.findall(paragraph)
        out[m.group(1)] = cols
    return out


DOCUMENTED = documented_columns(SCHEMA_MD.read_text(encoding="utf-8"))


def test_every_table_has_a_section_and_every_section_a_table() -> None:
    assert sorted(DOCUMENTED) == sorted(TABLES)


@pytest.mark.parametrize("table", sorted(TABLES))
def test_columns_agree_in_order(table: str) -> None:
    assert DOCUMENTED[table] == TABLES[table]


@pytest.mark.parametrize("table", FACT_TABLES)
def test_fact_tables_carry_provenance(table: str) -> None:
    assert {"doc_id", *PROVENANCE} <= set(DOCUMENTED[table])


def test_parser_reads_both_forms() -> None:
    """The parser itself: a markdown table with two names in a cell, and a paragraph with a
    parenthesised value list that must not count as columns."""
    md = (
        "## a.csv — x\n| column | meaning |\n|---|---|\n| `id` | The id. |\n"
        "| `start`, `end` | Dates (`YYYY-MM-DD`). |\n\n"
        "## b.csv — y\n`id`, `kind` (`one`, `two`), `value`; see `a.csv`.\n\nMore `not_a_column`.\n"
    )
    assert documented_columns(md) == {"a": ["id", "start", "end"], "b": ["id", "kind", "value"]}
