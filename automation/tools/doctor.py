"""``doctor``: is this machine ready? One line per check: OK, WARN or FAIL, and the fix.

Read-only: it launches the browser headless and, with a profile, asks LinkedIn who is signed in
(no setting page is opened and nothing is clicked or saved).
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from automation.errors import FolderError, UserError
from automation.exit_codes import ExitCode, most_urgent
from automation.private import private_dir


@dataclass(frozen=True)
class Check:
    name: str
    outcome: str  # OK, WARN or FAIL
    detail: str
    fix: str = ""
    # What a FAIL means: something to install or fix here (2), sign in again (5), or LinkedIn could
    # not be reached (6: nothing is known about the session, never "signed out").
    code: ExitCode = ExitCode.USAGE


def versions() -> list[Check]:
    python = ".".join(map(str, sys.version_info[:3]))
    checks = [Check("python", "OK", python) if sys.version_info >= (3, 11) else
              Check("python", "FAIL", python, "install Python 3.11 or newer")]
    try:
        checks.append(Check("playwright", "OK", metadata.version("playwright")))
    except metadata.PackageNotFoundError:
        checks.append(Check("playwright", "FAIL", "not installed", "pip install linkedin-optout"))
    return checks


def maps() -> Check:
    from automation.catalogue.loader import load_catalogue

    try:
        catalogue = load_catalogue()
    except UserError as err:
        return Check("selector maps", "FAIL", str(err), "reinstall, or fix the named file and field")
    pages = len({s.path for s in catalogue.settings})
    taught = [s.id for s in catalogue.settings if s.learned]  # local overrides from `teach`
    local = f"; local overrides in use: {', '.join(taught)}" if taught else ""
    return Check("selector maps", "OK", f"{len(catalogue.settings)} settings on {pages} pages validate{local}")


def display() -> Check:
    from automation.session.browser import has_display

    if has_display():
        return Check("display", "OK", "a window can open for `login`")
    return Check("display", "WARN", "no display: `login` cannot open a window here",
                 "sign in on a desktop machine, or use `linkedin-optout import-session`")


def folders(report_dir: Path | None = None) -> list[Check]:
    """The state, report and profile folders; the report folder is ``report_dir`` when
    LINKEDIN_OPTOUT_REPORT_DIR names one (as check and apply use it)."""
    from automation.config import PREFIX
    from automation.paths import profiles_root, reports_root, state_root

    xdg = "point XDG_STATE_HOME / XDG_DATA_HOME elsewhere"
    report_var = f"{PREFIX}REPORT_DIR"
    return [_folder("state folder", state_root(), xdg),
            _folder("report folder", reports_root(report_dir),
                    f"point {report_var} elsewhere" if report_dir else xdg,
                    variable=report_var if report_dir else None),
            _folder("profile folder", profiles_root(), xdg)]


def _folder(name: str, path: Path, elsewhere: str, *, variable: str | None = None) -> Check:
    """``variable``: the setting that named the folder, said in every finding about it."""
    said = f"{variable}: " if variable else ""
    if path.exists() and not path.is_dir():
        return Check(name, "FAIL", f"{said}{path} is not a folder", f"move {path} aside, or {elsewhere}")
    if why := _cannot_make(path):
        if path.exists():
            return Check(name, "FAIL", f"{said}{path} is not writable ({why})", f"chown/chmod {path}, or {elsewhere}")
        parent = next((p for p in path.parents if p.exists()), path)
        return Check(name, "FAIL", f"{said}{path} cannot be created ({why})", f"make {parent} writable, or {elsewhere}")
    if not path.exists():
        return Check(name, "OK", f"{said}{path} (will be created 0700 on first use)")
    mode = stat.S_IMODE(path.stat().st_mode)
    if os.name == "posix" and mode & 0o077:
        return Check(name, "FAIL", f"{said}{path} is {mode:04o}: others can read it", f"chmod 700 {path}")
    return Check(name, "OK", f"{said}{path} ({mode:04o})")


async def browser(executable: str | os.PathLike[str] | None) -> Check:
    from playwright.async_api import async_playwright

    from automation.session.browser import launch

    try:
        async with async_playwright() as playwright:
            started = await launch(playwright, headless=True, executable=executable)
            version = started.version
            await started.close()
    except UserError as err:
        return Check("browser", "FAIL", err.message, err.hint or "")
    except Exception as exc:  # noqa: BLE001 - any launch failure is the finding itself
        return Check("browser", "FAIL", f"found but does not start: {str(exc).splitlines()[0]}",
                     "set LINKEDIN_OPTOUT_BROWSER to a working Chrome/Chromium, or reinstall it")
    return Check("browser", "OK", f"Chromium {version} launches headless")


async def session(profile_name: str, executable: str | os.PathLike[str] | None, *, site=None) -> Check:
    from automation.catalogue.loader import load_catalogue
    from automation.session.profile import Profile, login_hint
    from automation.session.runner import profile_context
    from automation.session.signin import UNREACHABLE_FIX, whoami

    profile = Profile(profile_name)
    if not profile.exists():
        return Check("profile", "FAIL", f"no profile {profile_name!r}", login_hint(profile_name),
                     code=ExitCode.SESSION)
    try:
        async with profile_context(profile, executable=executable, site=site) as context:
            seen = await whoami(context, load_catalogue().site)
    except UserError as err:
        return Check("profile", "FAIL", err.message, err.hint or "", code=ExitCode(err.exit_code))
    if seen.state == "unreachable":
        return Check("profile", "FAIL", f"{seen.reason}: whether {profile_name!r} is signed in is not known",
                     UNREACHABLE_FIX, code=ExitCode.UNREACHABLE)
    if seen.state == "signed_in":
        return Check("profile", "OK", f"{profile_name!r} is signed in" + (f" as {seen.name}" if seen.name else ""))
    what = "signed out" if seen.state == "signed_out" else "stopped at a security check"
    return Check("profile", "FAIL", f"{profile_name!r} is {what}", login_hint(profile_name), code=ExitCode.SESSION)


async def selftest(executable: str | os.PathLike[str] | None) -> Check:
    """The bundled fixtures through the maps in this browser (``linkedin-optout selftest``)."""
    from automation.tools.selftest import selftest as run_selftest

    try:
        report = await run_selftest(executable=executable)
    except UserError as err:
        return Check("selftest", "FAIL", err.message, err.hint or "")
    if report.ok:
        return Check("selftest", "OK", report.summary())
    return Check("selftest", "FAIL", report.summary(),
                 "run `linkedin-optout selftest` for the pages that differ; update the tool, or report them")


def _cannot_make(path: Path) -> str | None:
    """Why a run could not make its folder in ``path``, or None: a folder is made there the way a
    run makes one (``private_dir``, with its missing parents) and removed again, with whatever was
    made for it. Asking ``os.access`` is not enough: as root it says yes even under /proc."""
    probe = path / f".linkedin-optout-doctor-{os.getpid()}"
    made = [p for p in (probe, path, *path.parents) if not p.exists()]  # the deepest first
    try:
        private_dir(probe)
    except FolderError as err:
        cause = err.__cause__
        return cause.strerror or str(cause) if isinstance(cause, OSError) else err.message
    finally:
        for folder in made:
            try:
                folder.rmdir()
            except OSError:
                break  # not made after all, or no longer empty: leave it and what holds it
    return None


def exit_code(checks: list[Check]) -> ExitCode:
    """What the failed checks mean, by the one precedence table: something to install or fix
    here (2) before a session to sign in again (5) or a LinkedIn that could not be reached (6)."""
    return most_urgent(c.code for c in checks if c.outcome == "FAIL")
