"""``teach``: the person shows the tool a switch once, in a window (tools/teach.py); ``teach
--list`` and ``--forget`` the local overrides it keeps; ``demo --teach`` rehearses it on the demo."""

from __future__ import annotations

import asyncio

from automation.catalogue import overrides
from automation.catalogue.loader import load_catalogue
from automation.errors import UserError
from automation.exit_codes import ExitCode
from automation.flows.env import Env, Waiting
from automation.flows.outcome import Line, Outcome, said
from automation.flows.shown import report_lines
from automation.session.profile import Profile
from automation.session.runner import Launch
from automation.tools.teach import Lesson, Talk
from automation.tools.teach_watch import Seen

QUESTION = "Is this the switch for the setting?"
ADOPT_QUESTION = "Is this the switch you want off from now on?"


def _talk(env: Env, waiting: Waiting, question: str) -> Talk:
    """The teaching flow's side of the terminal: a countdown while the person works in the window,
    stopped while they answer whether the switch they changed is the one meant."""
    ask = env.ask
    if ask is None:
        raise UserError("teaching asks you to confirm what you changed: run it on a terminal")

    def tick(left: float) -> None:
        waiting.update(f"Waiting for you to click the switch in the browser ({int(left) // 60}:{int(left) % 60:02d} left)")

    def confirm(seen: Seen) -> bool:
        waiting.stop()
        try:
            env.say(f"You changed the switch {seen.name or '(no accessible name)'!r}: "
                    f"{'on' if seen.before else 'off'} -> {'on' if seen.after else 'off'}, "
                    f"on the page {seen.title!r}; it sent {seen.save}.")
            return ask(question)
        finally:
            waiting.start()

    return Talk(confirm=confirm, say=env.say, tick=tick)


def _need_a_display(hint: str) -> None:
    from automation.session import browser

    if not browser.has_display():
        raise UserError("no display for the teaching window here", hint=hint)


def teach(env: Env, *, settings: tuple[str, ...] = (), adopt: str | None = None, new_id: str | None = None,
          force: bool = False, timeout: int = 300) -> Outcome:
    """Teach in a visible window each of ``settings`` (none: what the last run left not_found or
    ambiguous), or with ``adopt`` the switch on that page, as ``new_id``; the person has ``timeout``
    seconds to click; ``force`` teaches what the maps still find. A bad URL, id or setting stops
    before any browser. 0 learned (or nothing to teach); 5 signed out, a security check or a
    refusal; 6 unreachable; 8 nothing turned off in time; 9 nothing could be learned safely."""
    from automation.tools import teach as teaching
    from automation.tools.teach_adopt import adopt_id, adopt_path

    if adopt is None and new_id is not None:
        raise UserError("--id goes with --adopt URL", hint="`linkedin-optout teach --adopt URL --id NEW-ID`")
    if adopt is not None and (settings or force):
        raise UserError("--adopt URL takes no SETTING and no --force",
                        hint="`linkedin-optout teach SETTING` teaches a setting the maps know")
    lesson = Lesson(settings=settings, adopt=adopt, new_id=new_id, force=force, timeout=timeout)
    catalogue = load_catalogue()
    if lesson.adopt is not None:
        adopt_id(catalogue, adopt_path(catalogue, lesson.adopt), lesson.new_id)
    elif lesson.settings:
        catalogue.resolve(list(lesson.settings))
    _need_a_display("run teach on a machine with a screen; the override it writes can be copied")
    with env.waiting("Opening the browser...") as waiting:
        talk = _talk(env, waiting, ADOPT_QUESTION if lesson.adopt else QUESTION)
        taught = asyncio.run(teaching.teach_flow(Profile(env.config.profile), lesson, talk, launch=Launch(
            headless=False, executable=env.config.browser, site=env.site)))
    lines: list[Line] = []
    for t in taught:
        lines.append(Line(f"{t.setting}: {t.detail}"))
        if t.status == "learned":
            lines += said("To fix this for everyone, send these to the project (read them first):",
                          *(f"  {path}" for path in t.files), t.diff, err=True)
    return Outcome(ExitCode.OK, tuple(lines))


def overrides_list() -> Outcome:
    """The local overrides ``teach`` wrote, one line each, and the file they are in."""
    data = overrides.read()
    where = f"file: {overrides.overrides_path()}"
    if not data.overrides:
        return Outcome(ExitCode.OK, said(f"no local overrides ({overrides.overrides_path()} does not list any)"))
    lines = [f"{o.id}: {f'adopted from {o.path} ({o.controls!r}), ' if o.path else ''}{o.kind} {o.value!r} "
             f"(page language {o.lang}, learned {o.learned_on.isoformat()} with linkedin-optout {o.tool_version})"
             for o in data.overrides]
    return Outcome(ExitCode.OK, (*said(*lines), Line(where, err=True)))


def forget(setting: str) -> Outcome:
    """Drop the local override of ``setting``: the bundled map again, or its page unlisted again."""
    was = next((o for o in overrides.read().overrides if o.id == setting), None)
    if not overrides.forget(setting):
        return Outcome(ExitCode.OK, said(f"no local override of {setting}: nothing removed"))
    then = ("runs report its page as unlisted again" if was is not None and was.path
            and setting not in load_catalogue(overrides=False).ids else "the bundled map is used again")
    return Outcome(ExitCode.OK, said(f"removed the local override of {setting}; {then}"))


def rehearse(env: Env) -> Outcome:
    """``demo --teach``: teach the demo's changed page in a window, then run with what was
    learned; nothing touches the person's profile or overrides. Its code is that run's."""
    from automation.tools import teach_rehearsal as rehearsal

    _need_a_display("`demo --teach` rehearses teach in a browser window: run it on a machine with a screen")
    with env.waiting("Opening the browser...") as waiting:
        env.say("Demo: a stand-in of LinkedIn on 127.0.0.1, with one page changed as LinkedIn may change it one "
                f"day: the maps no longer find the switch of '{rehearsal.SETTING}'. Nothing here touches your "
                "LinkedIn, your profile or your overrides.")
        talk = _talk(env, waiting, QUESTION)
        taught, report = asyncio.run(rehearsal.rehearse(confirm=talk.confirm, say=talk.say, tick=talk.tick,
                                                        executable=env.config.browser, progress=env.progress))
    learned = taught.override
    if learned is None:  # the maps found the switch after all: nothing was taught
        first = f"{taught.setting}: {taught.detail}"
    else:
        first = (f"{taught.setting}: learned by {learned.kind} {learned.value!r}; the demo then turned the switch "
                 "back on, and the next run used what you taught:")
    return Outcome(ExitCode(report.exit_code), (
        Line(first), *report_lines(report),
        Line(f"A real `linkedin-optout teach {rehearsal.SETTING}` keeps what it learns in "
             f"{overrides.overrides_path()} and lists the files to send to the project; the demo threw both away.",
             err=True)))
