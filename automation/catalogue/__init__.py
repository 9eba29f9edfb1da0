"""What the tool knows about LinkedIn, as data: the selector maps of ``selectors/`` (``models``:
their strict shape; ``loader``: reading and checking them), a person's local repairs
(``overrides``, made by ``teach``), and the saved pages of ``fixtures/`` (``saved_pages``: their
metadata and HTML)."""
