"""``prune``: delete what the person chose from their own export, and prove it gone."""
