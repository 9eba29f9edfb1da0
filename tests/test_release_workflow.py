"""The release workflow builds what `make dist` builds, proves the installed wheel, and publishes
it by trusted publishing; the version has one source, and a tag that is not it stops the release."""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

from automation.version import __version__

ROOT = Path(__file__).resolve().parent.parent
RELEASE = ROOT / ".github" / "workflows" / "release.yml"


def _workflow() -> dict:
    return yaml.safe_load(RELEASE.read_text(encoding="utf-8"))


def _lines(step: dict) -> list[str]:
    return [line.strip() for line in step.get("run", "").splitlines() if line.strip()]


def _step(job: dict, name_starts: str) -> dict:
    return next(s for s in job["steps"] if s.get("name", "").startswith(name_starts))


def _makefile_recipe(target: str) -> list[str]:
    """The commands of one Makefile target, with the venv's python spelled as the workflow's `python`."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", text, re.M)
    assert match, f"the Makefile has no `{target}` target"
    return [line.strip().replace("$(BIN)/python", "python") for line in match.group(1).splitlines()]


def test_it_runs_on_a_version_tag_only() -> None:
    triggers = _workflow()[True]  # YAML 1.1 reads the key `on` as true
    assert triggers == {"push": {"tags": ["v*"]}}


def test_the_build_is_the_makefiles_dist_with_the_same_build_tool() -> None:
    build = _step(_workflow()["jobs"]["build"], "Build the sdist and the wheel")
    install_build, *commands = _lines(build)
    assert commands == _makefile_recipe("dist")
    dev = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]["dev"]
    wanted = next(r for r in dev if r.startswith("build"))
    assert install_build == f'python -m pip install "{wanted}"', "the workflow's build tool is not the Makefile's"


def test_the_wheel_is_installed_in_a_clean_venv_and_run_from_outside_the_checkout() -> None:
    job = _workflow()["jobs"]["build"]
    install = _lines(_step(job, "Install the wheel in a clean environment"))
    assert install[0] == 'python -m venv "$RUNNER_TEMP/clean"'
    assert '"$RUNNER_TEMP/clean/bin/python" -m pip install dist/*.whl' in install
    assert install[-1] == 'echo "$RUNNER_TEMP/clean/bin" >> "$GITHUB_PATH"'  # later steps run the installed tool
    selftest = _step(job, "The installed selftest")
    assert selftest["run"].strip() == "linkedin-optout selftest"
    assert selftest["working-directory"] == "${{ runner.temp }}"  # not the checkout: the wheel's own data
    names = [s.get("name", s.get("uses", "")) for s in job["steps"]]
    assert names.index("The installed selftest, from outside the checkout") < names.index("actions/upload-artifact@v4")


def test_publishing_is_trusted_publishing_after_the_build_job() -> None:
    jobs = _workflow()["jobs"]
    publish = jobs["publish"]
    assert publish["needs"] == "build"
    assert publish["permissions"] == {"id-token": "write"}
    assert publish["environment"]["name"] == "pypi"
    uses = [s["uses"] for s in publish["steps"]]
    assert uses[-1].startswith("pypa/gh-action-pypi-publish@")
    assert not any("password" in s.get("with", {}) for s in publish["steps"]), "no stored token"
    assert _workflow()["permissions"] == {"contents": "read"}  # only the publish job holds id-token


def _check_tag(tag: str) -> subprocess.CompletedProcess[str]:
    """The workflow's own tag check, run by bash against this checkout's installed tool."""
    script = _step(_workflow()["jobs"]["build"], "The tag is the installed version")["run"]
    env = {"GITHUB_REF_NAME": tag, "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin"}
    return subprocess.run(["bash", "-e", "-c", script], capture_output=True, text=True, env=env, timeout=60)


def test_a_tag_that_is_the_version_passes_and_any_other_stops_the_release() -> None:
    assert _check_tag(f"v{__version__}").returncode == 0
    wrong = _check_tag("v99.0.0")
    assert wrong.returncode == 1
    assert f"the tag v99.0.0 is not the version of the wheel (linkedin-optout, version {__version__})" in wrong.stdout


def test_the_version_has_one_source() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "version" not in project["project"] and project["project"]["dynamic"] == ["version"]
    assert project["tool"]["hatch"]["version"]["path"] == "automation/version.py"
    # The installed metadata (what a wheel carries) is read from that file; `make setup`
    # reinstalls when it changes.
    assert importlib.metadata.version("linkedin-optout") == __version__
    assert "automation/version.py" in re.search(r"^\$\(VENV\)/\.installed:(.*)$",
                                                (ROOT / "Makefile").read_text(), re.M).group(1)

