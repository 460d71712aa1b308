"""The building blocks of the report's data: nodes that report.js turns into DOM elements, the
evidence windows around a finding, and the highlighting of extracted values in a text."""
from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.report.base import (
    EVIDENCE_MAX,
    Row,
    _sev_class,
)
from pipeline.text import sentence_spans

# ----------------------------------------------------------------------------------------------
# Nodes: what the page's script turns into DOM elements
#
# Lists that grow with the archive (findings, project cards, documents) are not HTML but data in
# one <script type="application/json"> block; report.js builds the visible page of each list, and
# a card's or document's body when it is opened. Their content is described by nodes:
#   "text"                         a text node (set with textContent, never parsed as HTML)
#   [node, ...]                    the nodes in order
#   {"e": tag, "c": class, "t": title, "k": node}
#                                  an element; report.js refuses tags outside its short list and
#                                  sets no other attribute
#   {"d": i, "k": node}            a link to document i (label: its doc_id unless "k")
#   {"p": i}                       a link to project i
#   {"at": [i, pos], "k": node}    a link to offset pos in document i's text
#   {"f": n}                       a link to finding n in the findings table
#   {"tb": [label, ...], "r": [[node, ...], ...]}
#                                  a table (class "data"): header labels and rows of cells
#   {"dl": [[label, node], ...]}   a list of properties (<dl class="props">)
# so no document text ever reaches innerHTML, and links can only point inside the page.

Node = Any


def el(tag: str, *children: Node, c: str = "", t: str = "") -> dict[str, Any]:
    """An element node (see above); empty children are dropped."""
    node: dict[str, Any] = {"e": tag}
    if c:
        node["c"] = c
    if t:
        node["t"] = t
    kids = [k for k in children if k != "" and k is not None and k != []]
    if kids:
        node["k"] = kids[0] if len(kids) == 1 else kids
    return node


def node_text(node: Node) -> str:
    """The text a node shows (what textContent of the built element would be)."""
    if isinstance(node, str):
        return node
    if isinstance(node, list):
        return "".join(node_text(k) for k in node)
    if "tb" in node:
        return node_text([node["tb"], node["r"]])
    if "dl" in node:
        return node_text(node["dl"])
    return node_text(node.get("k", ""))


def _badge_node(sev: str) -> Node:
    return el("span", sev or "—", c=f"sev {_sev_class(sev)}")


def _empty_node(message: str) -> Node:
    return el("p", message, c="empty")


# ----------------------------------------------------------------------------------------------
# Evidence windows and highlighting


def _window(
    text: str,
    start: int,
    end: int,
    spans: Sequence[tuple[int, int]],
    starts: Sequence[int],
    limit: int = EVIDENCE_MAX,
) -> tuple[int, int, bool, bool]:
    """The sentence(s) around [start, end), cut to about `limit` characters at word boundaries.

    Returns (from, to, cut_left, cut_right). Sentences never cross a line break (see
    pipeline.text.sentence_spans), so the window stays within the enclosing line(s).
    """
    i = bisect.bisect_right(starts, start) - 1
    j = bisect.bisect_right(starts, max(start, end - 1)) - 1
    ws = min(spans[i][0], start) if i >= 0 else start
    we = max(spans[j][1], end) if j >= 0 else end
    if we - ws <= limit:
        return ws, we, False, False
    if end - start >= limit:
        return start, start + limit, False, True
    room = limit - (end - start)
    right = min(we - end, room - min(start - ws, room // 2))
    left = min(start - ws, room - right)
    a, b = start - left, end + right
    if a > ws:
        k = text.find(" ", a, start)
        a = k + 1 if k != -1 else a
    if b < we:
        k = text.rfind(" ", end, b)
        b = k if k != -1 else b
    return a, b, a > ws, b < we


def _snippet(s: str) -> list[Node]:
    """A piece of evidence as nodes, line breaks shown as a visible marker."""
    out: list[Node] = []
    for k, line in enumerate(s.split("\n")):
        if k:
            out += [el("span", "\u21b5", c="nl"), " "]
        if line:
            out.append(line)
    return out


def evidence(
    text: str,
    start: int,
    end: int,
    spans: Sequence[tuple[int, int]] | None = None,
    starts: Sequence[int] | None = None,
) -> list[Node]:
    """The sentence around text[start:end] with the span inside <mark class="evmark">."""
    if spans is None:
        spans = sentence_spans(text)
    if starts is None:
        starts = [s for s, _ in spans]
    a, b, cut_left, cut_right = _window(text, start, end, spans, starts)
    mark_end = min(end, b)
    if start == end:
        mark = el("mark", c="evmark empty", t="empty span")
    else:
        mark = el("mark", _snippet(text[start:mark_end]), c="evmark")
    return [
        "\u2026" if cut_left else "",
        *_snippet(text[a:start]),
        mark,
        *_snippet(text[mark_end:b]),
        "\u2026" if cut_right else "",
    ]


@dataclass(frozen=True)
class Span:
    """A highlighted span of a document: a fact (layer = its table) or a finding."""

    start: int
    end: int
    layer: str  # partners, dates, budgets, participants, contacts, other, finding
    label: str  # the tooltip line


def _mark_class(active: Sequence[Span]) -> tuple[str, str]:
    """Class and tooltip of a piece covered by `active` spans: the innermost value's colour."""
    facts = [s for s in active if s.layer != "finding"]
    classes = ["hl"]
    if facts:
        inner = min(facts, key=lambda s: (s.end - s.start, s.start))
        classes.append(f"t-{inner.layer}")
        if len({(s.start, s.end, s.layer) for s in facts}) > 1:
            classes.append("multi")
    if len(facts) < len(active):
        classes.append("ev")
    labels = list(dict.fromkeys(s.label for s in active))
    return " ".join(classes), "\n".join(labels)


def highlight(
    text: str, spans: Iterable[Span], anchors: Iterable[int] = ()
) -> tuple[list[list[Any]], list[int]]:
    """Cut `text` at every span edge and anchor into flat pieces for the document view.

    Returns (pieces, anchors): each piece is [end, class, tooltip] and starts where the one
    before ended (class "" = plain text); a piece covered by several spans carries the classes
    and labels of all of them, so the marks never nest or cross. `anchors` (offsets that links
    point at, kept when inside the text) are all piece boundaries.
    """
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    kept = sorted({p for p in anchors if 0 <= p <= len(text)})
    opening: dict[int, list[int]] = defaultdict(list)
    closing: dict[int, list[int]] = defaultdict(list)
    cuts = {0, len(text), *kept}
    for i, s in enumerate(spans):
        opening[s.start].append(i)
        closing[s.end].append(i)
        cuts.update((s.start, s.end))
    points = sorted(cuts)
    active: set[int] = set()
    pieces: list[list[Any]] = []
    for pos, nxt in zip(points, points[1:], strict=False):
        active.difference_update(closing.get(pos, ()))
        active.update(opening.get(pos, ()))
        if active:
            cls, tip = _mark_class([spans[i] for i in sorted(active)])
            pieces.append([nxt, cls, tip])
        elif pieces and not pieces[-1][1] and pos not in kept:
            pieces[-1][0] = nxt  # merge plain runs that no anchor separates
        else:
            pieces.append([nxt, "", ""])
    return pieces, kept


def _fact_label(table: str, r: Row) -> str:
    """Tooltip for an extracted value: what the pipeline made of the text."""
    g = r.get
    if table == "project_info":
        return f"Project {g('field', '')}: {g('value', '')}"
    if table == "partner_countries":
        return f"Partner country: {g('country', '')}"
    if table == "partners":
        bits = [g("name_normalized", "") or g("name", "")]
        bits += [f"({g('role', '')})" if g("role") else ""]
        where = ", ".join(x for x in (g("city", ""), g("country", "")) if x)
        bits += [f"— {where}" if where else ""]
        bits += [f"[{g('partner_id', '')}]" if g("partner_id") else ""]
        return "Partner: " + " ".join(b for b in bits if b)
    if table == "dates":
        start = g("start_date", "") or g("month_day_start", "")
        end = g("end_date", "") or g("month_day_end", "")
        value = f"{start} – {end}" if end and end != start else start
        kind = ", ".join(x for x in (g("kind", ""), g("label", "")) if x)
        return f"Date ({kind}): {value}" if kind else f"Date: {value}"
    if table == "budgets":
        value = " ".join(x for x in (g("amount", ""), g("currency", "")) if x)
        if g("amount_eur") and g("currency", "EUR") != "EUR":
            value += f" = {g('amount_eur', '')} EUR"
        return f"Budget ({g('kind', '')}): {value}" if g("kind") else f"Budget: {value}"
    if table == "participants":
        return f"Count: {g('count', '')} {g('unit', '')}".rstrip()
    if table == "contacts":
        keys = ("name", "role", "organization", "phone", "email")
        return "Contact: " + "; ".join(g(k, "") for k in keys if g(k))
    return f"{table}: {g('text', '')}"


