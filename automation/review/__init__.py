"""``review``: read the person's own LinkedIn data export offline and say what to prune.

The modules, one job each:

- ``command``: the command's flow (``run_review``: its options in, what to print and the exit code out);
- ``flow``: one pass over one export (``review_export``), ``reader``: one file of it, ``items``:
  the posts, comments and articles handed to ``prune``, ``ledger``: what ``prune`` recorded;
- ``archive``: the zip, nested zip or folder, read as streams within ``limits``;
- ``names`` and ``kinds``: which file is which, its category in LinkedIn's generative-AI policy,
  where to change it;
- ``lines`` and ``table``: encodings, line ends and the export's CSV quirks; ``dates``, ``articles``;
- ``flag_kinds`` (the ``FlagKind`` enum: each kind's title and handling), ``flags`` (the detector),
  ``phones``, ``watch`` and ``mask``: what to point out, contact details masked;
- ``result``: the review and its JSON shape; ``printable``: text from the export made safe to show;
  ``terminal``, ``html_page`` and ``flags_csv``: the outputs;
- ``synthetic``: invented exports for the demo, the tests and the benchmark.

Nothing here opens a browser or the network, and nothing is written to the history.
"""

from automation.review.flow import Options, review_export
from automation.review.limits import ExportError, LimitError, Limits
from automation.review.result import Review

__all__ = ["ExportError", "LimitError", "Limits", "Options", "Review", "review_export"]
