"""What the tool knows about LinkedIn, as data: the selector maps of ``selectors/`` (``maps``:
strict models and the loader), a person's local repairs (``overrides``, made by ``teach``), and
the saved pages of ``fixtures/`` (``saved_pages``: their metadata and HTML)."""
