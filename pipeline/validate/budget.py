"""Budget rules: a document that states its budget in two ways that cannot both be true.

Real pages state several budgets at once: the project's, a partner's share and how it is paid,
the programme's, other projects' in a council decision. Two different amounts of one line are
a fault only when they are in the same scope, so the rules read the scope of every amount from
how the page groups them (`statements`):

- a *statement* is a sentence, together with the lines that a heading ("Finansējums:") or a
  breakdown opener after an amount ("10 000 EUR, t.sk.", "of which", "в том числе") introduces,
  as long as each of them holds an amount;
- its first amount is the *head*, the later ones its parts; an amount followed by an opener of
  its own ("partner's share 31 850 EUR, kas ietver ...") takes the rest of the statement as its
  parts (*nested*, not parts of the head);
- a statement headed by a partner's share or other money is about that money (*sub-scope*).

Documents of type `other` (budget decisions, calls, lists of many projects) state many budgets
and are not judged; nor are approximate amounts ("about 2 million", "почти", "gandrīz"), which
state no exact value. Sums are compared within the rounding of the amounts as written
("16,931 млн" is exact to a thousand). Language data (openers, approximation words): the
`partitive` words of resources/money.json and resources/validation.json.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation
from functools import cache

from pipeline import langdata
from pipeline.merge import same_amount
from pipeline.model import Fact
from pipeline.seam import DocResult
from pipeline.tables import Archive
from pipeline.text import line_span, sentence_spans
from pipeline.validate.core import KIND_LABELS, Finding, eur, finding, note, noted, rule

LINES = ("total", "eu", "state", "municipal", "prefinancing")  # one value per project each
SHARE_KINDS = ("partner", "other")  # money that is not the project's own line
EXCEED_KINDS = ("eu", "state", "municipal")  # sources of the total that cannot exceed it
MAX_LABEL = 60  # characters of a field label ("Total budget:", "ERDF co-financing (EUR)")
APPROX_WINDOW = 40  # characters before an amount searched for an approximation word
OPENER_GAP = 20  # characters between an amount and the opener that introduces its parts
_LETTER = re.compile(r"[^\W\d_]")
_NUMBER = re.compile(r"\d[\d\s.,]*")
PERCENT_AFTER = re.compile(r"\W{0,3}(?:[^\W\d]+\W{1,3})?(\d+(?:[.,]\d+)?)\s?%")
PERCENT_BEFORE = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?)\s?%\W{0,3}(?:[^\W\d]+\W{1,3})?$")
PERCENT_WHOLE = Decimal("99.5")  # parts whose percentages come to less are not all parts
SHARE_WINDOW = 16  # characters around an amount searched for its percentage
YEAR = re.compile(r"(?<!\d)(?:19[5-9]\d|20\d\d)(?!\d)")


@dataclass(frozen=True)
class _Lexicon:
    opener: re.Pattern[str]
    approx: re.Pattern[str]
    request: re.Pattern[str]
    scale: re.Pattern[str]
    scale_of: dict[str, int]


def _words_regex(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + langdata.phrase_alternation(words) + r")(?!\w)",
                      re.IGNORECASE)


@cache
def _lexicon() -> _Lexicon:
    money = langdata.load("money.json")
    data = langdata.load("validation.json")
    scale_of = {w.casefold(): int(n) for n, ws in money["scales"].items() for w in ws}
    return _Lexicon(
        opener=_words_regex(money["partitive"]["words"] + data["breakdown_openers"]),
        approx=_words_regex(data["approximate_cues"]),
        request=langdata.stem_phrase_regex(data["request_cues"]),
        scale=_words_regex(list(scale_of)),
        scale_of=scale_of,
    )


@dataclass
class Amount:
    """One budget fact of a document with where it stands among the others."""

    fact: Fact
    kind: str
    eur: Decimal
    stmt: int = 0
    head: bool = False
    nested: bool = False  # a part of a part ("partner's share X, of which EU Y": Y)
    sub: bool = False  # in a statement headed by a partner's share or other money
    opens: bool = False  # an opener follows: the amounts after it in its statement are its parts
    approx: bool = False
    slack: Decimal = Decimal("0.5")  # half the rounding of the amount as written, in EUR
    label: str = ""  # the field label before it, normalized
    years: frozenset[str] = frozenset()  # the years its sentence names ('budget until 2013')
    percent: Decimal | None = None  # the percentage stated beside it ('85% jeb 9 000 EUR')
    requested: bool = False  # money asked for, not granted or spent ('pieprasītais', 'просит')

    @property
    def project(self) -> bool:
        """Part of the project's own budget (not a partner's share or its breakdown)."""
        return not (self.nested or self.sub)


def _decimal(value: object) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


def _slack(f: Fact, amount_eur: Decimal) -> Decimal:
    """Half the rounding step of the amount as written, in EUR: '16,931 млн' -> 500."""
    lex = _lexicon()
    step = Decimal(1)
    m = lex.scale.search(f.text)
    if m:
        num = _NUMBER.search(f.text[:m.start()])
        decimals = 0
        if num:
            tail = re.search(r"[.,](\d{1,3})\s*$", num.group())
            decimals = len(tail.group(1)) if tail else 0
        step = Decimal(lex.scale_of[m.group().casefold()]) / (10 ** decimals)
    amount = _decimal(f.values.get("amount"))
    rate = amount_eur / amount if amount else Decimal(1)
    return step * rate / 2


def _norm_label(s: str) -> str:
    return " ".join(re.sub(r"[\W\d_]+", " ", s.casefold()).split())


def _label(text: str, f: Fact) -> str:
    """The field label of an amount: the line's text before it when it ends like a label
    ('Total budget: EUR 1 000', 'Partneru finansējums – 500 EUR'), else the line above when
    the amount stands alone on its line ('ERDF co-financing (EUR)' then '37 233,91')."""
    start, _ = line_span(text, f.start)
    prefix = text[start:f.start].strip()
    if _LETTER.search(prefix):
        if len(prefix) <= MAX_LABEL and prefix[-1] in ":-–—":
            return _norm_label(prefix)
        return ""
    above = text[:start].rstrip().rsplit("\n", 1)[-1].strip()
    if 0 < len(above) <= MAX_LABEL and _LETTER.search(above) and not re.search(r"\d", above):
        return _norm_label(above)
    return ""


def _open_after(text: str, start: int, end: int) -> bool:
    """An opener right after an amount ending at `start`, before `end`."""
    return bool(_lexicon().opener.search(text, start, min(end, start + OPENER_GAP)))


def _ends_open(text: str, after_last: int, sentence: str, s_end: int) -> bool:
    """A sentence that introduces the lines after it: it ends with ':' or with an opener, or
    it is a list item that goes on (',' or ';' at its end)."""
    if sentence.endswith((":", ",", ";")):
        return True
    m = _lexicon().opener.search(text, after_last, s_end)
    return bool(m) and not text[m.end():s_end].strip(" \t:;,.-–—()")


# The amounts read while one scope's rules run (`amounts_kept`): three rules read each
# document's amounts. Keyed by id, with the result held so that its id stays its own.
_kept: dict[int, tuple[DocResult, list[Amount]]] | None = None


@contextmanager
def amounts_kept() -> Iterator[None]:
    """Within the block, each document's amounts are worked out once (no rule changes them)."""
    global _kept
    outer, _kept = _kept, {}
    try:
        yield
    finally:
        _kept = outer


def amounts(r: DocResult) -> list[Amount]:
    """The document's budget amounts (with a value in EUR) grouped into statements."""
    if _kept is None:
        return _from_note(r)
    kept = _kept.get(id(r))
    if kept is None:
        kept = _kept[id(r)] = (r, _from_note(r))
    return kept[1]


_NOTED_FIELDS = tuple(f.name for f in fields(Amount) if f.name != "fact")


@note("budget.amounts")
def _amounts_note(r: DocResult) -> tuple[tuple[object, ...], ...]:
    """`_amounts` as plain tuples (the fact by its position), worked out where the document is
    extracted: finding statements reads the text sentence by sentence."""
    position = {id(f): i for i, f in enumerate(r.facts)}
    return tuple((position[id(a.fact)], *(getattr(a, n) for n in _NOTED_FIELDS))
                 for a in _amounts(r))


def _from_note(r: DocResult) -> list[Amount]:
    noted_amounts = noted(r, "budget.amounts")
    assert isinstance(noted_amounts, tuple)
    return [Amount(r.facts[t[0]], **dict(zip(_NOTED_FIELDS, t[1:], strict=True)))
            for t in noted_amounts]


def _amounts(r: DocResult) -> list[Amount]:
    text = r.doc.text
    facts = sorted((f for f in r.facts if f.table == "budgets"
                    and (_decimal(f.values.get("amount_eur")) or 0) > 0), key=lambda f: f.start)
    if not facts:  # ('200 000, 00 eur' read as 0 is no amount to compare either)
        return []
    out = [Amount(f, str(f.values.get("kind") or "other"),
                  _decimal(f.values["amount_eur"]) or Decimal(0)) for f in facts]
    stmt, open_, i = -1, False, 0
    for s, e in sentence_spans(text):
        inside = []
        while i < len(out) and out[i].fact.start < e:
            inside.append(out[i])
            i += 1
        sentence = text[s:e].rstrip()
        if inside:
            years = frozenset(YEAR.findall(sentence))  # only sentences with amounts need them
            for a in inside:
                a.years = years
            if not open_:
                stmt += 1
            for a in inside:
                a.stmt = stmt
            if _ends_open(text, inside[-1].fact.end, sentence, e):
                open_ = True
            elif sentence.endswith((".", "!", "?")):
                open_ = False  # a full stop ends a list ('– partners' share 45 600 EUR.')
        elif sentence.endswith(":"):
            stmt, open_ = stmt + 1, True  # a heading: the amounts under it are one statement
        elif not sentence.endswith((",", ";")):  # a list item that goes on keeps the list
            open_ = False
    lex = _lexicon()
    taken = 0  # end of the previous amount's percentage: not this amount's
    for k, a in enumerate(out):
        f = a.fact
        nxt = out[k + 1].fact.start if k + 1 < len(out) else len(text)
        a.opens = _open_after(text, f.end, nxt)
        a.label = _label(text, f)
        a.slack = _slack(f, a.eur)
        s0 = max(out[k - 1].fact.end if k else 0, f.start - APPROX_WINDOW)
        before = text[s0:f.start]
        cut = max(before.rfind("\n"), before.rfind(". "))
        a.approx = bool(lex.approx.search(before[cut + 1:]) or lex.approx.search(f.text))
        a.requested = bool(lex.request.search(before[cut + 1:]))
        after = PERCENT_AFTER.match(text, f.end, min(nxt, f.end + SHARE_WINDOW))
        before_pct = PERCENT_BEFORE.search(text, max(s0, taken, f.start - SHARE_WINDOW), f.start)
        m = after or before_pct
        a.percent = _decimal(m.group(1).replace(",", ".")) if m else None
        taken = after.end() if after else f.end
    by_stmt: dict[int, list[Amount]] = defaultdict(list)
    for a in out:
        by_stmt[a.stmt].append(a)
    for group in by_stmt.values():
        sub = nested = False
        for k, a in enumerate(group):
            if k == 0 or (a.kind == "total" and a.opens and not nested
                          and group[0].kind != "total"):
                # the first amount, or a total that opens its own breakdown after an
                # unrelated amount ('increased by 21 195 EUR, so the total is X, of which')
                stmt += 1
                sub, nested = a.kind in SHARE_KINDS, False
                a.head, a.stmt, a.sub = True, stmt, sub
                continue
            a.stmt, a.sub, a.nested = stmt, sub, nested
            if a.opens:
                nested = True  # its parts follow: the rest of the statement is about it
    return out


def _judged(r: DocResult) -> bool:
    return r.doc.doc_type != "other" and bool(r.doc.text)


def _statement(amts: list[Amount], a: Amount) -> list[Amount]:
    return [b for b in amts if b.stmt == a.stmt]


def _alone(amts: list[Amount], a: Amount) -> bool:
    """The statement of `a` states nothing but `a` (a conversion 'EUR (Ls)' aside)."""
    return all(same_amount(b.eur, a.eur) for b in _statement(amts, a))


def _split_of(amts: list[Amount], a: Amount, other: Amount) -> bool:
    """The amounts of `a`'s line in `a`'s statement add up to `other` (a split by year or by
    partner: 'līdzfinansējums 2020. gadā 1200 EUR; 2021. gadā 800 EUR' and '2000 EUR')."""
    same = [b for b in _statement(amts, a) if b.kind == a.kind]
    return len(same) >= 2 and same_amount(sum((b.eur for b in same), Decimal(0)), other.eur)


def _records(amts: list[Amount]) -> set[str]:
    """Field labels that stand before different amounts: the page lists several records
    (projects, partners) with the same fields, so their values are not two versions."""
    values: dict[str, list[Decimal]] = defaultdict(list)
    for a in amts:
        if a.label and not any(same_amount(a.eur, v) for v in values[a.label]):
            values[a.label].append(a.eur)
    return {lab for lab, vs in values.items() if len(vs) > 1}


def _percent(a: Amount) -> Decimal | None:
    return _decimal(a.fact.values.get("percent")) or a.percent


def _whole(a: Amount) -> bool:
    """Not stated as a share ('1 000 EUR jeb 10 %', 'EUR 85 000 (85%)', '85% jeb 9 000')."""
    pct = _percent(a)
    return pct is None or pct == 100


def _two_ways(amts: list[Amount], records: set[str], a: Amount, b: Amount) -> bool:
    """`a` and `b` state one budget line of one scope differently: in two statements, one of
    them stating nothing else, not fields of a list of records, not a split of the other, not
    said of two different years, not one asked for and one granted. A total must head its
    statement and not be given as a percentage (a total among the parts of another amount, or
    a share, is some part's total, as in a list of partners' or sources' amounts)."""
    if a.kind == "total" and not (a.head and b.head and _whole(a) and _whole(b)):
        return False
    if a.years and b.years and not a.years & b.years:
        return False  # money of two periods ('in the budget until 2013', 'from 2014')
    if a.requested != b.requested:
        return False  # money asked for and money granted are two lines
    return (a.stmt != b.stmt and (_alone(amts, a) or _alone(amts, b))
            and a.label not in records and b.label not in records
            and not _split_of(amts, a, b) and not _split_of(amts, b, a))


@rule("budget.line_two_values", "warning")
def line_two_values(archive: Archive) -> Iterator[Finding]:
    for r in archive.results:
        if not _judged(r):
            continue
        amts = amounts(r)
        records = _records(amts)
        for kind in LINES:
            distinct: list[Amount] = []
            for a in amts:
                if a.kind == kind and a.project and not a.approx and \
                        not any(same_amount(a.eur, d.eur) for d in distinct):
                    distinct.append(a)
            for b in distinct[1:]:
                first = distinct[0]
                if _two_ways(amts, records, first, b):
                    yield finding(
                        archive, "budget.line_two_values",
                        f"The {KIND_LABELS[kind]} is given as two different amounts in this "
                        f"document: '{first.fact.text}' and '{b.fact.text}'.", "budget", b.fact,
                    )


def _tolerance(amts: list[Amount]) -> Decimal:
    return Decimal(1) + sum((a.slack for a in amts), Decimal(0))


def _parts_finding(archive: Archive, total: Amount, parts: list[Amount],
                   exceed: bool) -> Finding:
    summed = sum((p.eur for p in parts), Decimal(0))
    detail = " + ".join(f"{KIND_LABELS.get(p.kind, p.kind)} {eur(p.eur)}" for p in parts)
    verb = "come to more than" if exceed else "do not add up to"
    return finding(archive, "budget.parts_differ_from_total",
                   f"The budget parts ({detail} = {eur(summed)}) {verb} the total "
                   f"{eur(total.eur)}.", "budget", total.fact)


def _drop_splits(parts: list[Amount]) -> list[Amount]:
    """Leave out the parts that split an earlier part (its amount by year or by partner:
    'municipal 29 860,80 EUR; in 2017 21 819,15 EUR, in 2018 8041,65 EUR')."""
    out: list[Amount] = []
    i = 0
    while i < len(parts):
        out.append(parts[i])
        run, j = Decimal(0), i + 1
        while j < len(parts) and run < parts[i].eur:
            run += parts[j].eur
            j += 1
        i = j if j - i > 2 and same_amount(run, parts[i].eur) else i + 1
    return out


def _fits(total: Decimal, sums: list[Decimal], extras: list[Amount], tol: Decimal) -> bool:
    """Some reading adds up: one of `sums`, alone or with some of the document's amounts
    stated elsewhere (a breakdown that goes on in the next sentence)."""
    extras = extras[:6]
    for mask in range(1 << len(extras)):
        more = sum((a.eur for k, a in enumerate(extras) if mask >> k & 1), Decimal(0))
        if any(abs(s + more - total) <= tol for s in sums):
            return True
    return False


def _breakdown(archive: Archive, amts: list[Amount]) -> Iterator[Finding]:
    """A total with its parts in one statement: the EU, state and municipal parts (or one
    part) exceed it, or two or more parts (a breakdown presented whole: not parts whose
    percentages come to less than 100) miss it under every reading (partners' shares counted
    as sources of the total or not, parts stated after the statement added or not)."""
    for head in amts:
        if not (head.head and head.kind == "total" and head.project and not head.approx):
            continue
        parts: list[Amount] = []
        prev = head
        for a in _statement(amts, head)[1:]:
            conversion = same_amount(a.eur, prev.eur)
            prev = a
            if a.nested or conversion or a.kind == "prefinancing" or \
                    (a.kind in SHARE_KINDS and a.opens):
                continue
            parts.append(a)
        parts = _drop_splits(parts)
        if not parts or any(p.approx for p in parts):
            continue
        tol = _tolerance([head, *parts])
        sources = [p for p in parts if p.kind in EXCEED_KINDS]
        if sum((p.eur for p in sources), Decimal(0)) > head.eur + tol or any(
                p.eur > head.eur + tol for p in parts if p.kind != "other"):
            yield _parts_finding(archive, head, sources or parts, exceed=True)
            continue
        pcts = [_percent(p) for p in parts]
        if len(parts) < 2 or (None not in pcts and sum(pcts) < PERCENT_WHOLE):
            continue  # one part, or parts the text itself shows as not all (85 % + 5 %)
        kinds = {p.kind for p in parts}
        extras = [a for a in amts if a.project and not a.approx and a.stmt != head.stmt
                  and a.kind in EXCEED_KINDS and a.kind not in kinds]
        s_all = sum((p.eur for p in parts), Decimal(0))
        s_src = sum((p.eur for p in parts if p.kind != "partner"), Decimal(0))
        if not _fits(head.eur, [s_all, s_src], extras, tol):
            yield _parts_finding(archive, head, parts, exceed=False)


def _single_values(amts: list[Amount]) -> dict[str, Amount]:
    """Per budget line, the document's one project-scope exact amount (lines the document
    states with two different amounts are left out: which one is meant is not known)."""
    by_kind: dict[str, list[Amount]] = defaultdict(list)
    for a in amts:
        if a.project and not a.approx and not any(
                same_amount(a.eur, b.eur) for b in by_kind[a.kind]):
            by_kind[a.kind].append(a)
    return {k: v[0] for k, v in by_kind.items() if len(v) == 1}


def _exceeds(archive: Archive, values: dict[str, Amount]) -> Finding | None:
    """The EU, state and municipal amounts together come to more than the total."""
    total = values.get("total")
    parts = [values[k] for k in EXCEED_KINDS if k in values]
    if total is None or not parts:
        return None
    if sum((p.eur for p in parts), Decimal(0)) > total.eur + _tolerance([total, *parts]):
        return _parts_finding(archive, total, parts, exceed=True)
    return None


@rule("budget.parts_differ_from_total", "warning")
def parts_vs_total(archive: Archive) -> Iterator[Finding]:
    """Per document, a breakdown that does not add up or parts above the total; across the
    documents of a project, parts stated by one above the total stated by another."""
    per_doc: dict[str, dict[str, Amount]] = {}
    reported: set[str] = set()
    for r in archive.results:
        if not _judged(r):
            continue
        amts = amounts(r)
        found = list(_breakdown(archive, amts))
        values = _single_values(amts)
        per_doc[r.doc.doc_id] = values
        if not found and (f := _exceeds(archive, values)):
            found.append(f)
        if found:
            reported.add(r.doc.doc_id)
        yield from found
    for g in archive.groups:
        if reported & set(g.doc_ids):
            continue
        merged: dict[str, Amount] = {}
        clash: set[str] = set()
        for doc_id in g.doc_ids:
            for kind, a in per_doc.get(doc_id, {}).items():
                if kind in merged and not same_amount(merged[kind].eur, a.eur):
                    clash.add(kind)
                merged.setdefault(kind, a)
        merged = {k: v for k, v in merged.items() if k not in clash}
        if len({a.fact.doc_id for k, a in merged.items() if k in ("total", *EXCEED_KINDS)}) > 1 \
                and (f := _exceeds(archive, merged)):
            yield f


@rule("budget.lats_after_euro", "warning")
def lats_after_euro(archive: Archive) -> Iterator[Finding]:
    for f in archive.facts("budgets"):
        if f.values["currency"] != "LVL":
            continue
        dated = _document_date(archive, f.doc_id)
        if dated and dated >= EURO_DAY:
            yield finding(archive, "budget.lats_after_euro",
                          f"An amount in lats ({f.text}) in a document dated {dated}, after the "
                          f"euro replaced the lats on {EURO_DAY}.", "budget", f)


EURO_DAY = "2014-01-01"


def _document_date(archive: Archive, doc_id: str) -> str:
    """The document's publication date, else a date the text marks as its publication date."""
    r = archive.result(doc_id)
    if r.doc.publication_date:
        return r.doc.publication_date.isoformat()
    return next((str(f.values["start_date"]) for f in r.facts if f.table == "dates"
                 and f.values.get("kind") == "publication" and f.values.get("start_date")), "")
