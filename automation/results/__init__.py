"""What a run found and did, and what happens with it: the ``report`` model and exit codes, the
``words`` every output says alike, the ``terminal`` tables, the ``history`` with drift, the
``html_report``, ``alerts``, ``after_run`` (all of these after a run), the refusal ``cooldown``
and the ``objection`` text."""
