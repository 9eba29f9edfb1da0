"""The person's own browser and session: find or install a ``browser`` (``browser_setup``),
the locked ``profile``, ``signin`` (login, whoami), ``importing`` a session made elsewhere, and
the ``runner`` that opens the profile and runs the engine in it (``LiveSite`` is its test seam)."""
