"""Scheduled re-verification: install, print, remove and report on a timer that runs
``linkedin-optout scheduled`` (check, or apply --yes with --fix) on this machine.

- ``formats``: what gets written (systemd units, a crontab line, a launchd plist, schtasks arguments);
- ``platforms``: how each scheduler is installed, removed and queried.
"""
