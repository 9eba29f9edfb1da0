"""``review``: read the person's own LinkedIn data export offline and say what to prune.

The layers, one job each: ``archive`` (zip, nested zip or folder, read as streams within
``limits``), ``names`` and ``kinds`` (which file is which, and its category in LinkedIn's
generative-AI policy), ``lines`` and ``table`` (the export's CSV quirks), ``dates``, ``flags`` and
``mask`` (what to point out, contact details masked), ``flow`` (one pass over the export),
``result`` (the JSON shape), ``terminal``, ``html_page`` and ``flags_csv`` (outputs), ``synthetic``
(invented exports for the demo, the tests and the benchmark). Nothing here opens a browser or the
network, and nothing is written to the history.
"""

from automation.review.flow import Options, review_export
from automation.review.limits import ExportError, LimitError, Limits
from automation.review.result import Review

__all__ = ["ExportError", "LimitError", "Limits", "Options", "Review", "review_export"]
