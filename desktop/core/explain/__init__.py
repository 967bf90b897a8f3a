"""Explanations: why an enterprise (or a looked-at institution) got its status and amount for a
measure, and each pre-assessment's conditions and scores, in Chinese or English.

One builder serves one row and many: every explanation is rendered column-wise for a block
of rows (:class:`BulkExplainer`); one enterprise is a block of one. The modules, from the
bottom up:

- :mod:`~desktop.core.explain.words` — the phrase book and what is constant in a measure's
  words; :class:`~desktop.core.explain.words.Describer` words an expression tree;
- :mod:`~desktop.core.explain.values` — blanks and values in words, one or a column at once;
- :mod:`~desktop.core.explain.context` — what every explanation of one evaluation in one
  language shares (blank masks, status codes, labels, LPR notes);
- :mod:`~desktop.core.explain.criteria` — a criterion in words for a block of rows;
- :mod:`~desktop.core.explain.records` — a measure's records in words;
- :mod:`~desktop.core.explain.measures`, :mod:`~desktop.core.explain.assessments`,
  :mod:`~desktop.core.explain.institutions` — a measure, a pre-assessment, a measure about
  institutions;
- :mod:`~desktop.core.explain.bulk` — :class:`BulkExplainer`, any selection of enterprises.
"""

from desktop.core.explain.assessments import explain_preassessment
from desktop.core.explain.bulk import CHUNK, BulkExplainer
from desktop.core.explain.context import Explained
from desktop.core.explain.institutions import explain_institution, explain_institutions
from desktop.core.explain.values import format_value
from desktop.core.explain.words import basis_label, cap_label

__all__ = [
    "CHUNK",
    "BulkExplainer",
    "Explained",
    "basis_label",
    "cap_label",
    "explain_institution",
    "explain_institutions",
    "explain_preassessment",
    "format_value",
]
