#!/bin/sh
# The system tools some tests need: the real schedulers' tools they check generated files against
# (tests/test_schedule_real.py): systemd-analyze (Debian's systemd) and crontab (cron); and Xvfb,
# the virtual screen the headed tests open real browser windows on (tests/test_headed.py).
# Installed only when this runs as root on a machine with apt-get and they are missing (a fresh
# container); elsewhere the tests that need them are skipped with the reason. Never fails the
# build: a missing tool is a skip, not an error.
need=""
command -v systemd-analyze >/dev/null 2>&1 || need="$need systemd"
command -v crontab >/dev/null 2>&1 || need="$need cron"
command -v Xvfb >/dev/null 2>&1 || need="$need xvfb"
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing the system tools the tests need:$need"
    if DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >/dev/null 2>&1 \
       || { apt-get update -qq >/dev/null 2>&1 && \
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >/dev/null 2>&1; }; then
        exit 0
    fi
    echo "could not install$need; the tests that need them will be skipped with the reason"
else
    echo "missing:$need (not root with apt-get); the tests that need them will be skipped with the reason"
fi
exit 0
