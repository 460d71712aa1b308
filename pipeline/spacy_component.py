"""The extractors as a spaCy pipeline component: `nlp.add_pipe("project_facts")`.

The factory is registered through spaCy's `spacy_factories` entry point (pyproject.toml), so an
installed package needs no import of ours. The component runs the per-document work of a batch
run (`runner.process_text`, which is `process_bytes` for a `str`: `Doc.text` read as a plain-text
file) and puts the facts on the `Doc`:

- one span group per table: `doc.spans["partners"]`, `"dates"`, `"budgets"`, `"participants"`,
  `"contacts"`, and also `"partner_countries"` and `"project_info"`; a span's label is its
  `LABEL_FIELD` value (a partner's role, a date's or budget's kind, a count's unit, a contact
  mention's kind, a project-info field);
- on each span, `Span._.fact_start_char` / `fact_end_char` / `fact_text`: the exact characters
  of the fact in `Doc.text`; `Span._.fact_values`: the table's values (`docs/schema.md`), with
  the offsets inside them (`name_start`/`name_end` of a contact) moved into `Doc.text` too; and
  the normalized values by name: `start_date`, `end_date` (ISO), `amount_eur` (float),
  `currency`, `country` (ISO alpha-2), `phone` (E.164), `email`, `count`, `partner_id`;
- on the `Doc`: `Doc._.doc_type`, `Doc._.languages`, `Doc._.language_blocks` (one dict per
  block: `start_char`, `end_char`, `lang`, `kind`), `Doc._.facts_status` (`ok`, or why the
  text was not read, e.g. `failed: no text in the document`) and `Doc._.project_facts` (every
  fact as one dict: what the `Span._` attributes read, see `register_extensions`).

Span boundaries follow spaCy's tokens: a fact becomes `doc.char_span(start, end,
alignment_mode="expand")`, the smallest run of tokens that covers all its characters (in
`(12.05.2019)Rīgā` the tokenizer makes one token of `12.05.2019)Rīgā`: the date's span is that
token). Its own characters stay in the `fact_*` extensions. ("strict" would drop such a fact,
"contract" would cut it short.)

The pipeline normalizes text before it reads it (Unicode NFC, one space for a run of spaces,
invisible characters dropped, one block per non-empty line: `pipeline.textnorm`); offsets are
moved back into `Doc.text` by `pipeline.textalign`, so they hold for any text.

`partner_id` is set only where a document alone settles it: a municipality, or a partner named
by its city, is identified by its city (`link.partner_key`), and gets the id a batch run gives
it (unless that archive also spells the city another way, when the run joins the spellings).
Other organisations get their id from the whole archive (spelling variants, one organisation of
a type in a city), which a single `Doc` does not have; there it is None.

Nothing in `pipeline run` imports this module (spaCy is a dependency for spaCy users only).
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.link import partner_key, short_id
from pipeline.model import Fact
from pipeline.runner import Options, process_text
from pipeline.textalign import Aligned, source_spans

FACTORY = "project_facts"

# Span groups, one per fact table, and the value that labels a span of each.
LABEL_FIELD: dict[str, str] = {
    "partners": "role",
    "partner_countries": "country",
    "dates": "kind",
    "budgets": "kind",
    "participants": "unit",
    "contacts": "mention",
    "project_info": "field",
}
SPAN_GROUPS = tuple(LABEL_FIELD)

# Offsets inside a fact's values, moved into Doc.text like the fact's own.
OFFSET_VALUES = (("name_start", "name_end"),)

SPAN_EXTENSIONS = (
    "fact_start_char", "fact_end_char", "fact_text", "fact_values",
    "start_date", "end_date", "amount_eur", "currency", "country", "phone", "email", "count",
    "partner_id",
)
DOC_EXTENSIONS = ("doc_type", "languages", "language_blocks", "facts_status", "project_facts")


def register_extensions() -> None:
    """Declare the `Span._` and `Doc._` attributes (idempotent).

    spaCy keeps a span's extension values under its character boundaries only, so two facts
    on the same tokens (a partner and a project title, two dates inside one token) would
    share them. So the facts are kept on the Doc (`Doc._.project_facts`, one dict per fact,
    which serializes with the Doc) and each span's `id` is its fact's place there (from 1);
    the `Span._` attributes are getters that read it."""
    for name in SPAN_EXTENSIONS:
        if not Span.has_extension(name):
            Span.set_extension(name, getter=_getter(name))
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def _getter(name: str):
    def get(span: Span) -> Any:
        fact = span_fact(span)
        return fact.get(name) if fact else None

    get.__name__ = f"get_{name}"
    return get


def span_fact(span: Span) -> dict[str, Any] | None:
    """The fact a span of this component stands for (None for any other span)."""
    facts = span.doc._.project_facts or []
    return facts[span.id - 1] if 0 < span.id <= len(facts) else None


register_extensions()


class ProjectFacts:
    """The component: `Doc.text` through the extractors, the facts onto the `Doc`. It has no
    weights: its whole state is its config, so `nlp.to_disk`/`spacy.load` keep it."""

    def __init__(self, name: str = FACTORY, reference_date: str = "") -> None:
        from datetime import date

        self.name = name
        self.reference_date = reference_date
        ref = date.fromisoformat(reference_date) if reference_date else None
        self.options = Options(reference_date=ref)

    def __call__(self, doc: Doc) -> Doc:
        result = process_text(doc.text, options=self.options)
        meta = result.doc
        aligned = source_spans(doc.text, meta.text)
        if aligned.text != meta.text:  # cannot happen unless the readers diverge: say so
            raise AssertionError("project_facts: the normalized text does not align")
        doc._.doc_type = meta.doc_type if meta.status == "ok" else None
        doc._.languages = list(meta.languages)
        doc._.language_blocks = [
            dict(zip(("start_char", "end_char"), aligned.to_source(b.start, b.end), strict=True),
                 lang=b.lang, kind=b.kind)
            for b in meta.blocks
        ]
        doc._.facts_status = meta.status if meta.status == "ok" else f"{meta.status}: {meta.error}"
        groups: dict[str, list[Span]] = {table: [] for table in SPAN_GROUPS}
        doc._.project_facts = []
        for fact in result.facts:
            span = fact_span(doc, fact, aligned)
            if span is not None and fact.table in groups:
                groups[fact.table].append(span)
        for table, spans in groups.items():
            doc.spans[table] = spans
        return doc


def fact_span(doc: Doc, fact: Fact, aligned: Aligned) -> Span | None:
    """The token span of one fact; the fact (exact characters, values) is appended to
    `Doc._.project_facts` and the span's id points at it."""
    if doc._.project_facts is None:
        doc._.project_facts = []
    start, end = aligned.to_source(fact.start, fact.end)
    facts = doc._.project_facts
    span = doc.char_span(start, end, label=_label(fact), alignment_mode="expand",
                         span_id=len(facts) + 1)
    if span is None:  # only for an empty fact: none of the extractors gives one
        return None
    values = dict(fact.values)
    for lo, hi in OFFSET_VALUES:
        if isinstance(values.get(lo), int) and isinstance(values.get(hi), int):
            values[lo], values[hi] = aligned.to_source(values[lo], values[hi])
    facts.append({
        "table": fact.table,
        "label": span.label_,
        "fact_start_char": start,
        "fact_end_char": end,
        "fact_text": doc.text[start:end],
        "fact_values": values,
        "start_date": values.get("start_date") or None,
        "end_date": values.get("end_date") or None,
        "amount_eur": float(values["amount_eur"]) if values.get("amount_eur") else None,
        "currency": values.get("currency") or None,
        "country": values.get("country") or None,
        "phone": values.get("phone") or None,
        "email": values.get("email") or None,
        "count": values.get("count"),
        "partner_id": known_partner_id(fact) if fact.table == "partners" else None,
    })
    return span


def known_partner_id(fact: Fact) -> str | None:
    """The partner_id a batch run gives this partner, where one document settles it (a
    municipality, or a partner named by its city: identified by its city); else None."""
    key = partner_key(fact.values)
    return short_id("ORG", key) if key.startswith("municipality|") else None


def _label(fact: Fact) -> str:
    field = LABEL_FIELD.get(fact.table, "")
    return str(fact.values.get(field) or fact.table)


@Language.factory(FACTORY, default_config={"reference_date": ""})
def make_project_facts(nlp: Language, name: str, reference_date: str) -> ProjectFacts:
    """`nlp.add_pipe("project_facts", config={"reference_date": "2020-01-01"})`: the year for
    year-less dates when the text has no date of its own (`pipeline run --reference-date`)."""
    return ProjectFacts(name, reference_date)


def span_values(span: Span) -> dict[str, Any]:
    """A span's extensions as one dict (for printing and tests)."""
    return {name: getattr(span._, name) for name in SPAN_EXTENSIONS}
