"""``prune``: delete what the person chose from their own export, and prove each item gone.

Its steps, each in a module named for it:
- ``selection``: what to prune, chosen from the export in the review's own words (``Criteria``,
  ``Selection.from_export``); ``recheck``: the ledger's gone items, to look at again;
- ``map``: ``selectors/prune.toml``, everything LinkedIn-specific, checked strictly;
- ``scan``: what a page shows of the person's content, in one read; ``match``: the export's words
  against the page's; ``judge``: up, gone or cannot tell, and whether an item may be deleted;
- ``tab``: a page opened with the engine's guards and read only once settled, at the minimum age;
- ``act``: the menu and dialog clicks, each on exactly one element, once; ``steps``: one item's
  look, delete and verify, under the change gate; ``guided``: the person deletes, the tool watches;
- ``run``: ``prune``, the run with its brakes and ledger lines; ``options``: ``PruneTask``;
  ``report``: the statuses and the exit code; ``evidence``, ``terminal``, ``html_page``: what it shows.
What the code relies on about LinkedIn, with its sources: docs/prune.md.
"""
