"""Tools for looking after the maps: ``doctor`` (is everything ready?), ``capture`` (save pages
as fixtures), ``selftest`` (the maps against saved pages) and ``teach`` (a person shows a changed
switch once; it becomes a local override)."""
