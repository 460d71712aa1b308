"""Score a `pipeline run` output folder against hand-made gold files (`*.gold.json`).

Five fact groups are scored per document, per language and overall: partners (with partner
countries), dates, budgets, participants and contacts, both *headline* (as the acceptance checks
score: a budget by its EUR amount, a contact by its name) and *strict* (kinds, phones and
e-mails required). Besides: budget and date kind accuracy, contact phone/e-mail accuracy,
`doc_type` accuracy, project acronym / number / programme accuracy and same-project pairs.
See docs/quality.md for how each measure is scored.

Modules: `common` (scores, reading), `facts` (the fact groups), `identity` (doc_type, project
fields, pairs), `core` (`evaluate`), `render` (text report, summary, JSON).
"""

from pipeline.evaluate.common import GROUPS, Ratio, Score
from pipeline.evaluate.core import EvalResult, evaluate
from pipeline.evaluate.facts import names_match
from pipeline.evaluate.identity import FieldStats, PairStats, programme_key
from pipeline.evaluate.render import format_result, summary, to_dict, write_json

_names_match = names_match  # the name older tests import

__all__ = [
    "GROUPS",
    "EvalResult",
    "FieldStats",
    "PairStats",
    "Ratio",
    "Score",
    "evaluate",
    "format_result",
    "names_match",
    "programme_key",
    "summary",
    "to_dict",
    "write_json",
]
