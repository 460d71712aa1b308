"""merge._key_groups groups values as a scan of the groups so far would (the rule `_choose`
follows), without comparing every value with every group."""

from __future__ import annotations

import random
from decimal import Decimal

from pipeline.merge import Value, _AmountKey, _key_groups


def _scan(values: list[Value]) -> list[list[Value]]:
    """The reference: each value joins the first group whose first key equals its own."""
    groups: list[list[Value]] = []
    for v in values:
        for g in groups:
            if g[0].key == v.key:
                g.append(v)
                break
        else:
            groups.append([v])
    return groups


def _ids(groups: list[list[Value]]) -> list[list[str]]:
    return [[v.doc_id for v in g] for g in groups]


def test_amounts_are_grouped_as_by_the_pairwise_scan() -> None:
    rnd = random.Random(5)
    for _ in range(2000):
        bases = [rnd.choice([0, 1, 2, 100, 199.5, 200, 1000, 10_000, 250_000, 1e6])
                 for _ in range(3)]
        values = []
        for i in range(rnd.randint(0, 40)):
            b = rnd.choice(bases) * (1 + rnd.uniform(-0.012, 0.012)) + rnd.uniform(-2, 2)
            amount = Decimal(str(round(b, 2))) * rnd.choice([1, 1, 1, -1])
            values.append(Value(_AmountKey(amount), str(amount), f"d{i}", None))
        assert _ids(_key_groups(values)) == _ids(_scan(values))


def test_other_keys_are_grouped_by_equality_in_order_of_first_value() -> None:
    rnd = random.Random(7)
    for _ in range(500):
        values = [Value(rnd.choice(["a", "b", ("x", "y"), None, 3]), "", f"d{i}", None)
                  for i in range(rnd.randint(0, 20))]
        assert _ids(_key_groups(values)) == _ids(_scan(values))
