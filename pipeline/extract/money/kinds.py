"""The kind of a money amount, from the phrase it belongs to.

A sentence often lists several amounts ('total 100 EUR, of which ERDF 85 EUR – ERAF un 15 EUR –
valsts budžets'). Each amount owns the words between the list separator before it and the one
after it: a cue before the separator that follows the previous amount is that amount's
('85 EUR – ERAF un 15 EUR'), a cue written right after an amount ('15 EUR – valsts budžets',
'3 млн евро даст Европейский фонд') is this amount's. Within its phrase:
- a cue word or phrase (money.json 'kinds');
- an owner and a head noun next to each other ('Alsungas novada pašvaldības budžets', 'partner
  budget', 'софинансирование местного самоуправления', 'programmas ... līdzfinansējums'): a
  municipality's or a partner's budget, costs or share is a partner's share, its co-financing is
  municipal, a programme's co-financing is EU money (money.json 'owners', 'heads', 'composite');
- a municipality or the state named right before the amount ('Tukuma dome – 12 000 latu').
Without a cue: a conversion in parentheses keeps the kind of the amount it converts, a yearly
breakdown ('2020. gadā 700 EUR; 2021. gadā 300 EUR') or a short parallel list ('для Малого
района 10 000 евро, для Большого района - 20 000 евро') the kind of the amount before it, an
amount alone in parentheses after the thing it pays for is that thing's total, money allocated to
projects of a call or programme is EU money.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from pipeline.extract.base import ExtractContext
from pipeline.extract.money.lexicon import YEAR, MoneyLexicon, lexicon
from pipeline.gazetteer import get_gazetteer
from pipeline.text import label_line_above

KIND_WINDOW = 80  # characters before an amount searched first for its kind cue
TAIL_WINDOW = 100  # characters after an amount searched for a cue written after it
CLAUSE_WINDOW = 250  # then the rest of the sentence before it
OWNER_CHARS = 40  # the words before a relative clause that name whose budget it is
AFTER_CHARS = 80  # enough text after a cue for the two words a relative pronoun may be among
BREAKDOWN_GAP = 60  # a yearly breakdown follows the amount it divides this closely
LIST_GAP = 32  # the widest gap between two amounts of a parallel list
PARTS_GAP = 60  # a municipality's share is followed this closely by its EU or state part
# ordinary cues that an owner + head pair refines, by the head's type: a municipality's budget
# is its share of the project, a municipality's own contribution its co-financing
OVERRIDABLE = {"cost": {"total", "partner", "municipal"}, "part": {"total", "partner", "municipal"},
               "contribution": {"total", "partner"}}


@dataclass
class Amount:
    """One amount found in the text; `kind` and `cue` are filled in by `assign_kinds`."""

    start: int
    end: int
    currency: str
    kind: str = "other"
    cue: str = ""
    post_end: int = -1  # end of a cue written after the amount that it took
    label: tuple[int, int] | None = None  # a table column's heading that declared the currency
    amount: Decimal | None = None  # its value in its currency, once read


@dataclass
class Cue:
    kind: str
    start: int
    end: int
    head: str = ""  # for an owner + head pair, the head's type


def assign_kinds(ctx: ExtractContext, amounts: list[Amount]) -> None:
    """Fill in the kind of every amount (in text order: a list item looks at the one before)."""
    text = ctx.doc.text
    for i, amount in enumerate(amounts):
        prev = amounts[i - 1] if i else None
        nxt = amounts[i + 1] if i + 1 < len(amounts) else None
        after = amount.end
        if nxt is not None and _converts(text, amount, nxt):
            # '10 000 EUR (7 028 LVL) ir ES finansējums': the cue after the conversion
            after = nxt.end + len(re.match(r"\s*\)?", text[nxt.end :]).group())
            nxt = amounts[i + 2] if i + 2 < len(amounts) else None
        cue = _kind(ctx, amount, prev, nxt, after)
        if isinstance(cue, Cue):
            amount.kind, amount.cue = cue.kind, ctx.doc.text[cue.start : cue.end]
            if cue.start >= amount.end:
                amount.post_end = cue.end
        else:
            amount.kind, amount.cue = cue
    for a, b in zip(amounts, amounts[1:], strict=False):
        if a.kind == "municipal" and b.kind in ("eu", "state") and lexicon().partitive.search(
            text, a.end, b.start
        ) and b.start - a.end <= PARTS_GAP:
            a.kind = "partner"  # 'domes finansējums 5 000 LVL, tajā skaitā ERAF ...': a share


def _converts(text: str, a: Amount, b: Amount) -> bool:
    """'10 000 EUR (7 028,04 LVL)': `b` is `a` in another currency, or the same amount written
    again in full ('EUR 1.2 million (EUR 1,200,000)')."""
    same = a.amount is not None and a.amount == b.amount
    return (a.currency != b.currency or same) and bool(
        re.fullmatch(r"\s*[(/]\s*", text[a.end : b.start]))


def _kind(
    ctx: ExtractContext, a: Amount, prev: Amount | None, nxt: Amount | None, after: int
) -> Cue | tuple[str, str]:
    lex = lexicon()
    text = ctx.doc.text
    line_start = text.rfind("\n", 0, a.start) + 1
    line_end = text.find("\n", a.end)
    line_end = len(text) if line_end == -1 else line_end
    s_start, _ = ctx.sentence(a.start)
    _, s_end = ctx.sentence(max(a.start, a.end - 1))
    lo = max(line_start, s_start)
    hi = min(line_end, max(s_end, a.end))
    in_list = prev is not None and prev.end > lo
    if prev is not None and in_list and _converts(text, prev, a):
        return prev.kind, prev.cue  # '10 000 EUR (7 028,04 LVL)': the same money
    left_lo = lo
    if prev is not None and in_list:
        left_lo = max(prev.end, prev.post_end)
        parts = list(lex.partitive.finditer(text, left_lo, a.start))
        if parts:  # '100 EUR, t.sk. ES līdzfinansējums, t.i., 90 EUR': its parts
            left_lo = parts[-1].end()
        else:
            seps = list(lex.separator.finditer(text, left_lo, a.start))
            if seps:
                left_lo = seps[-1].end()
    hi = max(hi, min(line_end, ctx.sentence(after)[1]))
    right_hi = min(hi, nxt.start if nxt else hi, after + TAIL_WINDOW)
    tail_hi = right_hi
    for stop in (lex.partitive.search(text, after, right_hi),
                 lex.separator.search(text, after, right_hi)):
        if stop:
            right_hi = min(right_hi, stop.start())
    near = phrase_cue(text, max(left_lo, a.start - KIND_WINDOW), a.start, left=True)
    post = phrase_cue(text, after, right_hi, left=False)
    if right_hi < tail_hi:  # a cue that holds a separator word ('valsts un pašu līdzfinansējums')
        whole = phrase_cue(text, after, tail_hi, left=False, pairs=False)
        if whole and whole.start < right_hi < whole.end and _tight(text, after, whole.start):
            post = whole
    if post and post.kind != "total" and _tight(text, after, post.start) and (
        near is None or (near.kind == "total" and ":" not in text[near.end : a.start])
    ):
        return post
    if near is None and not text[line_start : a.start].strip(" :–-\t|"):
        label = a.label or label_line_above(text, line_start, ignore=_PCT_ANYWHERE)
        if label:
            near = phrase_cue(text, *label, left=True)
        if near is None and ctx.field_at(a.start) == "total_cost":
            return "total", ""
    cue = near or post
    if cue is None and lex.allocation_verb.search(text, left_lo, right_hi):
        payer = _payer(lex, text, left_lo, a, right_hi)
        if payer:  # 'the remaining 147 000 euro is covered by the municipality': its own
            return payer, ""  # phrase names who pays, before a cue of the phrase before it
    if cue is None:
        far_lo = left_lo if in_list else lo
        cue = phrase_cue(text, max(far_lo, a.start - CLAUSE_WINDOW), a.start, left=True)
    if cue:
        if cue.kind == "total":
            owner = _other_owner(text, s_start, cue.start, cue.end)
            if owner:  # 'programme, whose budget' is other; 'partner, kurai izmaksas' partner's
                return owner, text[cue.start : cue.end]
        if cue.kind == "total" and _many_projects(lex, text, lo, hi):
            return "other", text[cue.start : cue.end]  # '27 projekti ar kopējo summu 200 000'
        if cue.kind in ("total", "municipal", "partner") and _annual_budget(lex, text, cue):
            return "other", text[cue.start : cue.end]  # 'Бюджет города на 2024 год – 80 млн'
        return cue
    return _without_cue(ctx, a, prev, lo, hi, left_lo, right_hi, in_list)


def _without_cue(
    ctx: ExtractContext, a: Amount, prev: Amount | None, lo: int, hi: int,
    left_lo: int, right_hi: int, in_list: bool,
) -> tuple[str, str]:
    lex = lexicon()
    text = ctx.doc.text
    if _whole_of_parts(lex, text, a):
        return "total", ""  # '4 000 EUR apmērā, no kuriem ERAF ...': the whole of its parts
    owned = _heading_owner(lex, text, a)
    if owned:  # 'Pašvaldības līdzfinansējums:' above 'Līdzfinansējums – 2018. gadā 900 EUR'
        return owned.kind, text[owned.start : owned.end]
    # a new head noun or payer in the gap starts a new phrase, not the next item of a list
    new_head = prev is not None and (
        any(rx.search(text, prev.end, a.start) for _, rx in lex.heads)
        or any(rx.search(text, prev.end, a.start) for _, rx, _ in lex.owners)
    )
    if prev is not None and prev.kind != "other" and a.start - prev.end <= BREAKDOWN_GAP and (
        YEAR.search(text, prev.end, a.start) or YEAR.search(text, a.end, right_hi)
    ) and not new_head:
        return prev.kind, ""  # '2020. gadā 700 EUR; 2021. gadā 300 EUR'
    if prev is not None and in_list and prev.kind != "other" and a.start - prev.end <= LIST_GAP \
            and lex.separator.search(text, prev.end, a.start) and not new_head \
            and not lex.partitive.search(text, prev.end, a.start):
        return prev.kind, ""  # 'для X района 10 000 евро, для Y района - 20 000 евро'
    if lex.allocation_verb.search(text, left_lo, right_hi):
        payer = _payer(lex, text, left_lo, a, right_hi)
        if payer:
            return payer, ""  # 'Pašvaldība piešķīra 5 000 EUR': the municipality pays
        if _allocated_again(ctx, lex, prev, a, left_lo, right_hi):
            return prev.kind, ""  # 'EU allocated 9 mln in 2017 ... and 3 mln was allocated in 2020'
    before, after = text[lo : a.start].rstrip(), text[a.end : hi].lstrip()
    if before.endswith("(") and after.startswith(")") and not (
        prev is not None and prev.end >= len(before) + lo - 3
    ) and not before[:-1].rstrip().endswith("%"):
        return "total", ""  # 'the new bridge (Ls 80 000)': what the thing costs
    heading = _column_heading(text, a)
    if heading:
        return heading.kind, text[heading.start : heading.end]
    sentence = text[lo:hi]
    if lex.allocation_verb.search(sentence) and lex.allocation_context.search(sentence):
        return "eu", ""  # '5 million euro are allocated to joint projects'
    if ctx.field_at(a.start) == "total_cost" and not _LABEL_DASH.search(text, lo, a.start):
        return "total", ""  # not 'Bank X – 5 000 EUR' (a line of a breakdown under the field)
    return "other", ""


PARTS_REACH = 100  # the cue of the first part stands this close after the partitive words


def _whole_of_parts(lex: MoneyLexicon, text: str, a: Amount) -> bool:
    """True when the words right after an amount open a list of its parts and the first part
    is EU money ('4 000 EUR apmērā. No šīs summas ERAF līdzfinansējums ...', '9 million lats,
    of which ERDF co-financing ...', '5 млн евро, из них средства ЕС ...'): EU funds pay a
    share of a project, so the amount is the project's whole cost. (A camp's costs of which
    the municipality pays a part may be anything's.)"""
    link = lex.parts_link.match(text, a.end)
    opener = lex.partitive.match(text, link.end()) if link else None
    if opener is None:
        return False
    cue = phrase_cue(text, opener.end(), min(len(text), opener.end() + PARTS_REACH), left=False)
    return cue is not None and cue.kind == "eu"


def _allocated_again(ctx: ExtractContext, lex: MoneyLexicon, prev: Amount | None,
                     a: Amount, lo: int, hi: int) -> bool:
    """True when the amount before, in the same or the previous sentence of the paragraph, was
    allocated by a funder too ('The EU allocated EUR 9 million in 2017 ... and EUR 3 million
    was allocated in 2020', 'ЕС выделил 5 млн евро. В 2020 году выделили ещё 2 млн евро'):
    the same funder's allocation, with nothing else named."""
    if prev is None or prev.kind not in ("eu", "state", "municipal") \
            or "\n" in ctx.doc.text[prev.end : a.start]:
        return False
    p_start, p_end = ctx.sentence(prev.start)
    a_start, _ = ctx.sentence(a.start)
    text = ctx.doc.text
    return (p_start == a_start or not text[p_end:a_start].strip()) and bool(
        lex.funder_verb.search(text, p_start, p_end)
    ) and bool(lex.funder_verb.search(text, lo, hi)) and not _names_someone(
        lex, text, a, max(lo, a_start), hi)


_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _names_someone(lex: MoneyLexicon, text: str, a: Amount, lo: int, hi: int) -> bool:
    """Whether the amount's sentence names a giver of its own before the funder's verb: a
    quoted name ('Biedrība „X” piešķīra ...') or a place opening the sentence ('Latvia
    allocated EUR 3 million'). Other capitalised words are no giver: a month ('allocated in
    June'), a recipient ('Литве ... выделили'), a sentence's first word ('Skolas jumtam ...')."""
    verb = lex.funder_verb.search(text, lo, hi)
    end = verb.start() if verb is not None and verb.start() < a.start else a.start
    if _QUOTES.search(text, lo, end):
        return True
    first = _NAME_WORD.search(text, lo, end)
    return first is not None and first.group()[0].isupper() and \
        get_gazetteer().lookup(first.group()) is not None


HEADING_LINES = 4  # how far above its lines a heading such as 'Municipal co-financing:' stands


def _heading_owner(lex: MoneyLexicon, text: str, a: Amount) -> Cue | None:
    """A line labelled with a bare co-financing noun ('Līdzfinansējums – 2018. gadā 900 EUR',
    'Co-financing: EUR 900') under a heading line ending with ':' that names whose it is
    ('Pašvaldības līdzfinansējums un priekšfinansējums:', 'Municipal co-financing:'): the
    heading's owner pays it. Lines between are the heading's other short lines with amounts."""
    line_start = text.rfind("\n", 0, a.start) + 1
    label = text[line_start : a.start]
    contribution = [rx for head, rx in lex.heads if head == "contribution"]
    if not any(rx.search(label) for rx in contribution) or any(
        rx.search(label) for _, rx, _ in lex.owners
    ):
        return None
    pos = line_start - 1
    for _ in range(HEADING_LINES):
        if pos <= 0:
            return None
        start = text.rfind("\n", 0, pos) + 1
        line = text[start:pos].strip()
        if len(line) > HEADING_CHARS:
            return None
        digits = any(c.isdigit() for c in line)
        if line.endswith(":") and not digits:
            pairs = [c for c in _composites(lex, text, start, pos) if c.head == "contribution"]
            return _pick(pairs, left=True)
        if not digits:
            return None  # prose or another heading between: not this heading's line
        pos = start - 1
    return None


COLUMN_LINES = 12  # how far above a table's rows its column heading may stand
HEADING_CHARS = 120  # a column heading is short


def _column_heading(text: str, a: Amount) -> Cue | None:
    """'Priority  Projects  ERDF funding' above rows that end with an amount and say
    nothing of its kind: the column's heading (a line without digits) is the rows' cue."""
    line_end = text.find("\n", a.end)
    line_end = len(text) if line_end == -1 else line_end
    pos = text.rfind("\n", 0, a.start)
    if text[a.end : line_end].strip(" .;,|\t") or phrase_cue(text, pos + 1, line_end, True) \
            or _LABEL_DASH.search(text, pos + 1, a.start):
        return None
    for _ in range(COLUMN_LINES):
        if pos <= 0:
            return None
        start = text.rfind("\n", 0, pos) + 1
        cue = phrase_cue(text, start, pos, left=True)
        if cue:
            heading = text[start:pos]
            prose = heading.rstrip().endswith((".", "!", "?"))
            if prose or any(c.isdigit() for c in heading) or len(heading) > HEADING_CHARS:
                return None
            return cue
        pos = start - 1
    return None


_COUNT = re.compile(r"(?<![\d.,])(?P<n>\d+)\s+")


def _many_projects(lex: MoneyLexicon, text: str, lo: int, hi: int) -> bool:
    """True when the amount's sentence counts several projects ('27 projekti ar kopējo summu',
    '12 projects with a total budget of', '25 проектов на общую сумму'): the sum covers many
    projects, not one project's total."""
    return any(int(m.group("n")) > 1 and lex.project_word.match(text, m.end())
               for m in _COUNT.finditer(text, lo, hi))


ANNUAL_CHARS = 25  # a year this close after a budget word makes it a year's budget


def _annual_budget(lex: MoneyLexicon, text: str, cue: Cue) -> bool:
    """'Бюджет города на 2024 год', 'pilsētas budžetā 2024. gadam': a body's budget for a year
    (a project's budget for its years is the project's)."""
    words = text[cue.start : cue.end]
    return bool(lex.budget_word.search(words)) and not lex.project_word.search(words) and bool(
        YEAR.search(text, cue.end, cue.end + ANNUAL_CHARS)
    )


def _tight(text: str, end: int, cue_start: int) -> bool:
    """True when a cue follows the amount with at most a linking word between ('EUR of ERDF
    co-financing', '3 million EUR ERDF funding')."""
    return bool(re.fullmatch(r"\s*(?:(?:of|from|no|из|от)\s+)?(?:the\s+)?",
                             text[end:cue_start], re.IGNORECASE))


def phrase_cue(
    text: str, lo: int, hi: int, left: bool, pairs: bool = True
) -> Cue | None:
    """The cue of an amount in [lo, hi): before it (`left`, the nearest one) or after it.
    `pairs=False` reads cue words only (for a cue a clause away, where an owner and a head
    noun need not be about this amount)."""
    if hi <= lo:
        return None
    lex = lexicon()
    embedded = _embedded_clauses(lex, text, lo, hi) if left else []
    ordinary = _pick([Cue(kind, m.start(), m.end())
                      for kind, rx in lex.kind_cues for m in rx.finditer(text, lo, hi)
                      if not _percent_base(lex, text, m.start())
                      and not (kind == "total" and _counts_things(lex, text, m.end()))
                      and not any(s <= m.start() < e for s, e in embedded)], left)
    if not pairs:
        return ordinary
    # an owner and its head noun stand in the amount's own clause
    pair = _pick([c for c in _composites(lex, text, lo, hi)
                  if not (_CLAUSE_BREAK.search(text, c.end, hi) if left
                          else _CLAUSE_BREAK.search(text, lo, c.start))], left)
    if pair and (ordinary is None or (
        (pair.end >= ordinary.end if left else pair.start <= ordinary.start)
        and (ordinary.kind in OVERRIDABLE[pair.head] or pair.start >= ordinary.end
             or pair.end <= ordinary.start)
    )):
        return pair
    if ordinary is None:
        return _bare_owner(lex, text, lo, hi, left)
    return ordinary


def _embedded_clauses(lex: MoneyLexicon, text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """', который финансирует программа ТАСИС,': a relative clause set off by
    commas before the amount, whose cues describe its own noun."""
    spans = []
    for m in _COMMA.finditer(text, lo, hi):
        if lex.clause_pronoun.match(text, m.end()):
            close = text.find(",", m.end(), hi)
            if close != -1:
                spans.append((m.start(), close))
    return spans


_COMMA = re.compile(r",\s*")


def _pick(cues: list[Cue], left: bool) -> Cue | None:
    if not cues:
        return None
    if left:  # the one ending closest to the amount; on a tie the longer (more specific) one
        return max(cues, key=lambda c: (c.end, c.end - c.start))
    return min(cues, key=lambda c: (c.start, c.start - c.end))


_COUNT_AFTER = re.compile(r"\s+(?P<num>\d{1,4})\s+[^\W\d_]")


def _counts_things(lex: MoneyLexicon, text: str, end: int) -> bool:
    """'In total 25 projects', 'kopā 25 projekti', 'всего 25 проектов': a total word that counts
    things right after it is not an amount's kind."""
    m = _COUNT_AFTER.match(text, end)
    if m is None:
        return False
    money = lex.pattern.match(text, m.start("num"))
    return money is None or money.end() <= m.end()


def _percent_base(lex: MoneyLexicon, text: str, start: int) -> bool:
    """'60% no kopējām izmaksām': the base of a percentage, not the amount's kind."""
    return bool(lex.percent_base.search(text, max(0, start - 40), start))


_WORD = re.compile(r"\w+")
_CLAUSE_BREAK = re.compile(r"[,;]")


def _composites(lex: MoneyLexicon, text: str, lo: int, hi: int) -> list[Cue]:
    found = [Cue("partner", m.start(), m.end(), "cost")
             for m in lex.owner_after.finditer(text, lo, hi)]
    owners = [(kind, m, gap) for kind, rx, gap in lex.owners for m in rx.finditer(text, lo, hi)]
    if not owners:
        return found
    heads = [(head, m) for head, rx in lex.heads for m in rx.finditer(text, lo, hi)]
    for okind, o, max_gap in owners:
        dative = bool(lex.dative_owner.fullmatch(o.group()))
        for head, h in heads:
            kind = lex.composite.get(f"{okind}+{head}")
            if kind is None or (dative and head == "contribution"):
                continue
            first, second = (o, h) if o.start() < h.start() else (h, o)
            if first.end() > second.start():
                continue
            gap = min(max_gap, lex.cost_gap) if head == "cost" else max_gap
            words = [w for w in _WORD.findall(text, first.end(), second.start())
                     if w.casefold() not in lex.function_words]
            if len(words) > gap:
                continue
            if head == "cost" and first is o and lex.project_word.search(
                text, o.end(), h.start()
            ):
                continue  # 'Daugavpils pilsētas domes projekta budžets': the project's budget
            found.append(Cue(kind, first.start(), second.end(), head))
    return found


def _bare_owner(lex: MoneyLexicon, text: str, lo: int, hi: int, left: bool) -> Cue | None:
    """'Tukuma dome – 12 000 latu', 'valsts – 3 000 latu', '7 000 евро – самоуправление':
    the payer set against the amount with a dash."""
    for owner, rx, _ in lex.owners:
        kind = lex.bare_owner_kinds.get(owner)
        if kind is None:
            continue
        for m in rx.finditer(text, lo, hi):
            # 'Tukuma dome – 12 000', 'un pašvaldība 3 000 EUR'; after it only with a dash
            between = text[m.end() : hi] if left else text[lo : m.start()]
            dash = _DASH if left else _DASH_AFTER
            if dash.fullmatch(between) and not lex.dative_owner.fullmatch(m.group()) \
                    and not _quoted(text, lo, m.start()):
                return Cue(kind, m.start(), m.end())
    return None


def _payer(lex: MoneyLexicon, text: str, lo: int, a: Amount, hi: int) -> str:
    """The kind of the payer named in the amount's phrase (not as a recipient), nearest first:
    'Pašvaldība piešķīra 5 000 EUR', '68 000 EUR sedz programma'."""
    found = [(min(abs(m.end() - a.start), abs(m.start() - a.end)), kind)
             for owner, rx, _ in lex.owners if (kind := lex.bare_owner_kinds.get(owner))
             for m in rx.finditer(text, lo, hi) if not lex.dative_owner.fullmatch(m.group())
             and not _quoted(text, lo, m.start())]
    return min(found)[1] if found else ""


_QUOTES = re.compile(r"[\"“”„«»]")


def _quoted(text: str, lo: int, pos: int) -> bool:
    """True inside a quoted name ('A/S “Latvijas Valsts meži”'): an odd number of quote marks
    since `lo`."""
    return len(_QUOTES.findall(text, lo, pos)) % 2 == 1


_LABEL_DASH = re.compile(r"\w[\"”»]?\s*[-–—]\s*$")
_DASH = re.compile(r"\s*[-–—:]?\s*")
_DASH_AFTER = re.compile(r"\s*[-–—:]\s*")


_PCT_ANYWHERE = re.compile(r"\(?\s*\d{1,3}(?:[.,]\d+)?\s?%\s*\)?")


def _other_owner(text: str, s_start: int, cue_start: int, cue_end: int) -> str:
    """The kind when a total cue sits in a relative clause about a noun that is not the
    project: 'конкурса Программы, общий бюджет которого' is 'other', 'partneris ir X novada
    dome, kurai izmaksas ir' the partner's share; '' when it is the project's."""
    lex = lexicon()
    comma = text.rfind(",", s_start, cue_start)
    if comma == -1:
        return ""
    after = text[cue_end : cue_end + AFTER_CHARS].split()[:2]  # the two words after the cue
    clause = text[comma + 1 : cue_end] + " " + " ".join(after)
    if not lex.relative_pronoun.search(clause):
        return ""
    lo = max(s_start, comma - OWNER_CHARS)
    last_word = text[lo:comma].split()[-1:]
    if last_word and any(kind in ("municipal", "partner") and rx.fullmatch(last_word[0])
                         for kind, rx, _ in lex.owners):
        return "partner"
    return "" if lex.project_word.search(text, lo, comma) else "other"
