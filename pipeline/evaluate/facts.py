"""Scoring the five fact groups of one document, two ways at once.

*Strict* (the historical `pipeline evaluate` score): a budget matches only with its kind, a
contact only with its gold phone and e-mail. *Headline* (how the acceptance checks score): a
budget matches by its EUR amount alone and a contact by its name alone; the kinds, phones and
e-mails are then measured separately as accuracies over the matched facts. Partners, dates and
participants score the same both ways. Each output row and each gold fact is used at most once
(maximum one-to-one matching for partners and contacts, collapsed keys for the others).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from pipeline.evaluate.common import (
    GROUPS,
    Counts,
    Ratio,
    Row,
    fold,
    max_matching,
    nfc,
    quote,
    to_float,
)

NAME_THRESHOLD = 80  # rapidfuzz token_set_ratio on casefolded partner names
LVL_PER_EUR = 0.702804


@dataclass
class DocOutcome:
    """Everything measured on one document."""

    doc_id: str
    strict: dict[str, Counts] = field(default_factory=lambda: {g: Counts() for g in GROUPS})
    headline: dict[str, Counts] = field(default_factory=lambda: {g: Counts() for g in GROUPS})
    mismatches: list[str] = field(default_factory=list)  # strict, each ending "in <doc_id>"
    misses: list[str] = field(default_factory=list)  # headline misses, wrong kinds, identity
    date_kinds: Ratio = field(default_factory=Ratio)
    budget_kinds: Ratio = field(default_factory=Ratio)
    kind_errors: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # group, gold, out
    phones: Ratio = field(default_factory=Ratio)
    emails: Ratio = field(default_factory=Ratio)

    def record(
        self, what: str, detail: str = "", strict: bool = True, headline: bool = True
    ) -> None:
        """One missed/spurious/wrong fact: `what` names it, `detail` (e.g. '(text: …)') follows
        the document id in the strict line."""
        if strict:
            self.mismatches.append(f"{what} in {self.doc_id}" + (f" {detail}" if detail else ""))
        if headline:
            self.misses.append(what + (f" {detail}" if detail else ""))

    def tally(self, group: str, tp: int, fp: int, fn: int, strict: bool = True,
              headline: bool = True) -> None:
        for counts, on in ((self.strict, strict), (self.headline, headline)):
            if on:
                counts[group].tp += tp
                counts[group].fp += fp
                counts[group].fn += fn


# --------------------------------------------------------------------------- partners


@dataclass
class _PredPartner:
    names: list[str]
    cities: set[str]
    countries: set[str]
    text: str


def _group_partners(rows: list[Row]) -> list[_PredPartner]:
    """Rows with a name, grouped by partner_id (by folded name when partner_id is empty)."""
    groups: dict[str, _PredPartner] = {}
    for row in rows:
        name = nfc(row.get("name"))
        if not name:
            continue
        pid = row.get("partner_id", "")
        key = f"id:{pid}" if pid else f"name:{fold(row.get('name_normalized') or name)}"
        part = groups.setdefault(key, _PredPartner([], set(), set(), row.get("text", "")))
        for value in (name, nfc(row.get("name_normalized"))):
            if value and value not in part.names:
                part.names.append(value)
        if row.get("city"):
            part.cities.add(nfc(row["city"]).casefold())
        part.countries.add(row.get("country", "").upper())
    return list(groups.values())


def _partner_ok(gold: dict[str, Any], pred: _PredPartner) -> bool:
    country = nfc(gold.get("country")).upper()
    if country not in pred.countries:
        return False
    gname = nfc(gold.get("name")).casefold()
    if gname and any(
        fuzz.token_set_ratio(gname, n.casefold()) >= NAME_THRESHOLD for n in pred.names
    ):
        return True
    gcity = nfc(gold.get("city")).casefold()
    return bool(gcity) and gcity in pred.cities


def _describe_partner(name: str, city: str, country: str) -> str:
    where = ", ".join(x for x in (city, country) if x)
    return f"'{name}'" + (f" ({where})" if where else "")


def _country_hint(gold: dict[str, Any], preds: list[_PredPartner], used: set[int]) -> str:
    """For the misses list: an unmatched output partner with this name but another country
    (the commonest near miss) is pointed out."""
    gname = nfc(gold.get("name")).casefold()
    for p, pred in enumerate(preds):
        if p not in used and gname and any(
            fuzz.token_set_ratio(gname, n.casefold()) >= NAME_THRESHOLD for n in pred.names
        ):
            countries = ";".join(sorted(c for c in pred.countries if c)) or "none"
            return f" [found with country {countries}]"
    return ""


def score_partners(
    gold: dict[str, Any], rows: list[Row], pred_countries: set[str], out: DocOutcome
) -> None:
    golds = [p for p in gold.get("partners") or [] if isinstance(p, dict)]
    preds = _group_partners(rows)
    match = max_matching(len(golds), len(preds), lambda g, p: _partner_ok(golds[g], preds[p]))
    out.tally("partners", len(match), len(preds) - len(match), len(golds) - len(match))
    used = set(match.values())
    for g, gp in enumerate(golds):
        if g not in match:
            desc = _describe_partner(
                nfc(gp.get("name")), nfc(gp.get("city")), nfc(gp.get("country"))
            )
            out.record(f"missing partner {desc}", headline=False)
            out.record(f"missing partner {desc}" + _country_hint(gp, preds, used), strict=False)
    for p, pp in enumerate(preds):
        if p not in used:
            desc = _describe_partner(
                pp.names[0],
                ";".join(sorted(pp.cities)),
                ";".join(sorted(c for c in pp.countries if c)),
            )
            out.record(f"spurious partner {desc}", f"(text: {quote(pp.text)})")

    if "partner_countries" not in gold:
        return  # no gold statement about partner countries: not scored
    gold_countries = {nfc(c).upper() for c in gold.get("partner_countries") or [] if c}
    out.tally("partners", len(gold_countries & pred_countries), 0, 0)
    for c in sorted(gold_countries - pred_countries):
        out.tally("partners", 0, 0, 1)
        out.record(f"missing partner country {c}")
    for c in sorted(pred_countries - gold_countries):
        out.tally("partners", 0, 1, 0)
        out.record(f"spurious partner country {c}")


# --------------------------------------------------------------------------- keyed groups


def _collapse(items: Iterable[tuple[Any, str, str]]) -> dict[Any, dict[str, Any]]:
    """(key, kind, text) triples -> key -> {'text': first text, 'kinds': set of kinds}.
    Equal keys collapse: a value stated twice counts once."""
    out: dict[Any, dict[str, Any]] = {}
    for key, kind, text in items:
        info = out.setdefault(key, {"text": text, "kinds": set()})
        if kind:
            info["kinds"].add(kind)
    return out


def _score_keyed(
    group: str,
    gold_keys: dict[Any, dict[str, Any]],
    pred_keys: dict[Any, dict[str, Any]],
    describe: Callable[[Any, dict[str, Any]], str],
    out: DocOutcome,
    strict: bool = True,
    headline: bool = True,
) -> None:
    """Set comparison of collapsed keys, tallied into the strict and/or headline score."""
    both = gold_keys.keys() & pred_keys.keys()
    out.tally(group, len(both), len(pred_keys) - len(both), len(gold_keys) - len(both),
              strict, headline)
    for key, info in gold_keys.items():
        if key not in pred_keys:
            out.record(f"missing {describe(key, info)}", f"(gold text: {quote(info['text'])})",
                       strict, headline)
    for key, info in pred_keys.items():
        if key not in gold_keys:
            out.record(f"spurious {describe(key, info)}", f"(text: {quote(info['text'])})",
                       strict, headline)


def _kinds(info: dict[str, Any]) -> str:
    return "/".join(sorted(info["kinds"])) or "?"


def _gold_date_key(d: dict[str, Any]) -> tuple[str, str]:
    start = nfc(d.get("start"))
    end = nfc(d.get("end")) or start
    return start, end


def _pred_date_key(row: Row) -> tuple[str, str]:
    start = row.get("start_date", "")
    if not start and row.get("month_day_start"):
        start = "????-" + row["month_day_start"]
    end = row.get("end_date", "")
    if not end and row.get("month_day_end"):
        end = "????-" + row["month_day_end"]
    return start, end or start


def score_dates(gold: dict[str, Any], rows: list[Row], out: DocOutcome) -> None:
    """Dates match by (start, end); the kind is an accuracy over matched dates (a date stated
    twice with two kinds is right when the kinds share one)."""
    golds = _collapse(
        (_gold_date_key(d), nfc(d.get("kind")), nfc(d.get("text")))
        for d in gold.get("dates") or []
        if isinstance(d, dict)
    )
    preds = _collapse((_pred_date_key(r), r.get("kind", ""), r.get("text", "")) for r in rows)

    def describe(key: Any, info: dict[str, Any]) -> str:
        span = key[0] if key[0] == key[1] else f"{key[0]}..{key[1]}"
        return f"date {_kinds(info)} {span}"

    _score_keyed("dates", golds, preds, describe, out)
    for key in sorted(golds.keys() & preds.keys()):
        ok = bool(golds[key]["kinds"] & preds[key]["kinds"])
        out.date_kinds.add(ok)
        if not ok:
            out.kind_errors["dates", _kinds(golds[key]), _kinds(preds[key])] += 1
            out.record(
                f"wrong date kind {_kinds(preds[key])} for {key[0]}..{key[1]}",
                f"(gold kind: {_kinds(golds[key])})",
            )


def _eur(amount_eur: Any, amount: Any, currency: Any) -> float | None:
    """amount_eur, else the written amount converted from EUR (or LVL at the fixed rate)."""
    value = to_float(amount_eur)
    if value is not None:
        return round(value, 2)
    value = to_float(amount)
    cur = nfc(currency).upper()
    if value is None:
        return None
    if cur in ("", "EUR"):
        return round(value, 2)
    if cur == "LVL":
        return round(value / LVL_PER_EUR, 2)
    return None


def _money(amount_eur: Any, amount: Any, currency: Any) -> float | tuple[float | None, str]:
    """The amount in EUR; for a currency with no EUR value (DKK, BYR), the written amount
    with its currency, so two such amounts do not match just for lacking a EUR value."""
    eur = _eur(amount_eur, amount, currency)
    if eur is not None:
        return eur
    value = to_float(amount)
    return (None if value is None else round(value, 2), nfc(currency).upper())


def _money_text(key: float | tuple[float | None, str]) -> str:
    if isinstance(key, tuple):
        return f"{key[0]} {key[1] or '?'}"
    return f"{key} EUR"


def score_budgets(gold: dict[str, Any], rows: list[Row], out: DocOutcome) -> None:
    """Strict: (kind, amount) keys. Headline: the amount alone, then the kind as an accuracy
    over amount-matched budgets (right when the kinds stated for that amount share one)."""
    gold_items = [
        (nfc(b.get("kind")), _money(b.get("amount_eur"), b.get("amount"), b.get("currency")),
         nfc(b.get("text")))
        for b in gold.get("budgets") or []
        if isinstance(b, dict)
    ]
    pred_items = [
        (r.get("kind", ""), _money(r.get("amount_eur"), r.get("amount"), r.get("currency")),
         r.get("text", ""))
        for r in rows
    ]

    def strict_desc(key: Any, info: dict[str, Any]) -> str:
        return f"budget {key[0] or '?'} {_money_text(key[1])}"

    _score_keyed(
        "budgets",
        _collapse(((k, m), "", t) for k, m, t in gold_items),
        _collapse(((k, m), "", t) for k, m, t in pred_items),
        strict_desc, out, headline=False,
    )
    golds = _collapse((m, k, t) for k, m, t in gold_items)
    preds = _collapse((m, k, t) for k, m, t in pred_items)

    def describe(key: Any, info: dict[str, Any]) -> str:
        return f"budget {_money_text(key)} ({_kinds(info)})"

    _score_keyed("budgets", golds, preds, describe, out, strict=False)
    for key in sorted(golds.keys() & preds.keys(), key=str):
        ok = bool(golds[key]["kinds"] & preds[key]["kinds"])
        out.budget_kinds.add(ok)
        if not ok:
            out.kind_errors["budgets", _kinds(golds[key]), _kinds(preds[key])] += 1
            out.record(
                f"wrong budget kind {_kinds(preds[key])} for {_money_text(key)}",
                f"(gold kind: {_kinds(golds[key])}; text: {quote(preds[key]['text'])})",
                strict=False,
            )


def _count(value: Any) -> int | None:
    number = to_float(value)
    return None if number is None else int(round(number))


def score_participants(gold: dict[str, Any], rows: list[Row], out: DocOutcome) -> None:
    golds = _collapse(
        ((_count(p.get("count")), nfc(p.get("unit"))), "", nfc(p.get("text")))
        for p in gold.get("participants") or []
        if isinstance(p, dict)
    )
    preds = _collapse(
        ((_count(r.get("count")), r.get("unit", "")), "", r.get("text", "")) for r in rows
    )

    def describe(key: Any, info: dict[str, Any]) -> str:
        return f"participants {key[0]} {key[1] or '?'}"

    _score_keyed("participants", golds, preds, describe, out)


# --------------------------------------------------------------------------- contacts


def _name_tokens(name: str) -> list[str]:
    """Folded name tokens; 'J.Reča-Lāže' -> ['j', 'recalaze']."""
    tokens = fold(name).replace(".", ". ").split()
    return [t for t in (re.sub(r"[\W_]", "", tok) for tok in tokens) if t]


def names_match(a: str, b: str) -> bool:
    """Same surname (last token, diacritics and hyphens ignored) and compatible first names:
    equal, or one is an initial of the other, or one side has no first name."""
    ta, tb = _name_tokens(a), _name_tokens(b)
    if not ta or not tb or ta[-1] != tb[-1]:
        return False
    fa, fb = ta[:-1], tb[:-1]
    if not fa or not fb:
        return True
    x, y = fa[0], fb[0]
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    return x == y


def _phone(value: Any) -> str:
    text = nfc(value)
    digits = re.sub(r"\D", "", text)
    return ("+" if text.startswith("+") else "") + digits if digits else ""


@dataclass
class _PredContact:
    names: list[str]
    phones: set[str]
    emails: set[str]
    text: str


def _group_contacts(rows: list[Row]) -> list[_PredContact]:
    """Collapse rows that share a person_id or a normalized name (union-find)."""
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_by: dict[str, int] = {}
    for i, row in enumerate(rows):
        keys = []
        if row.get("person_id"):
            keys.append("id:" + row["person_id"])
        norm = " ".join(_name_tokens(row.get("name", "")))
        if norm:
            keys.append("name:" + norm)
        for key in keys:
            if key in first_by:
                parent[find(i)] = find(first_by[key])
            else:
                first_by[key] = i
    groups: dict[int, _PredContact] = {}
    for i, row in enumerate(rows):
        c = groups.setdefault(find(i), _PredContact([], set(), set(), row.get("text", "")))
        name = nfc(row.get("name"))
        if name not in c.names:
            c.names.append(name)
        # several numbers or addresses in one cell are ';'-separated (docs/schema.md)
        c.phones.update(p for p in map(_phone, (row.get("phone") or "").split(";")) if p)
        c.emails.update(
            e.casefold() for e in map(nfc, (row.get("email") or "").split(";")) if e
        )
    return [groups[k] for k in sorted(groups)]


def _contact_name_ok(gold: dict[str, Any], pred: _PredContact) -> bool:
    """Headline: the name alone (a gold contact without a name: its phone or e-mail)."""
    gname = nfc(gold.get("name"))
    if gname:
        return any(n and names_match(gname, n) for n in pred.names)
    gphone = _phone(gold.get("phone"))
    gemail = nfc(gold.get("email")).casefold()
    return bool(gphone or gemail) and "" in pred.names and (
        (not gphone or gphone in pred.phones) and (not gemail or gemail in pred.emails))


def _contact_ok(gold: dict[str, Any], pred: _PredContact) -> bool:
    """Strict: the name and the gold phone and e-mail."""
    gphone = _phone(gold.get("phone"))
    gemail = nfc(gold.get("email")).casefold()
    if gphone and gphone not in pred.phones:
        return False
    if gemail and gemail not in pred.emails:
        return False
    return _contact_name_ok(gold, pred)


def _describe_contact(name: str, phones: Sequence[str], emails: Sequence[str]) -> str:
    extra = ", ".join([*phones, *emails])
    return f"contact '{name}'" + (f" ({extra})" if extra else "")


def _score_contacts_with(
    golds: list[dict[str, Any]], preds: list[_PredContact], ok: Callable[..., bool],
    out: DocOutcome, strict: bool,
) -> dict[int, int]:
    match = max_matching(len(golds), len(preds), lambda g, p: ok(golds[g], preds[p]))
    out.tally("contacts", len(match), len(preds) - len(match), len(golds) - len(match),
              strict, not strict)
    for g, gc in enumerate(golds):
        if g not in match:
            phones = [_phone(gc.get("phone"))] if gc.get("phone") else []
            emails = [nfc(gc.get("email"))] if gc.get("email") else []
            out.record(f"missing {_describe_contact(nfc(gc.get('name')), phones, emails)}",
                       strict=strict, headline=not strict)
    used = set(match.values())
    for p, pc in enumerate(preds):
        if p not in used:
            name = next((n for n in pc.names if n), "")
            desc = _describe_contact(name, sorted(pc.phones), sorted(pc.emails))
            out.record(f"spurious {desc}", f"(text: {quote(pc.text)})",
                       strict=strict, headline=not strict)
    return match


def _detail_ok(gold_value: str, pred_values: set[str]) -> bool | None:
    """A phone or e-mail of a matched contact: None when neither side states one."""
    if not gold_value and not pred_values:
        return None
    return bool(gold_value) and gold_value in pred_values


def score_contacts(gold: dict[str, Any], rows: list[Row], out: DocOutcome) -> None:
    """Strict and headline matchings; phone and e-mail accuracy over the headline matches
    where either side states one (a phone the gold does not have is wrong too)."""
    golds = [c for c in gold.get("contacts") or [] if isinstance(c, dict)]
    preds = _group_contacts(rows)
    _score_contacts_with(golds, preds, _contact_ok, out, strict=True)
    match = _score_contacts_with(golds, preds, _contact_name_ok, out, strict=False)
    for g, p in sorted(match.items()):
        gc, pc = golds[g], preds[p]
        name = nfc(gc.get("name")) or next((n for n in pc.names if n), "")
        for label, gold_value, pred_values, ratio in (
            ("phone", _phone(gc.get("phone")), pc.phones, out.phones),
            ("e-mail", nfc(gc.get("email")).casefold(), pc.emails, out.emails),
        ):
            ok = _detail_ok(gold_value, pred_values)
            if ok is None:
                continue
            ratio.add(ok)
            if not ok:
                shown = ", ".join(sorted(pred_values)) or "none"
                out.record(f"wrong {label} {shown} for contact '{name}'",
                           f"(gold: {gold_value or 'none'})", strict=False)
