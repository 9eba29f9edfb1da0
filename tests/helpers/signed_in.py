"""A profile signed in to a demo site the way a person does it: ``import-session`` with the
cookie values in the environment (and nowhere else once it has run)."""

from __future__ import annotations

from click.testing import CliRunner

from automation.cli import cli
from automation.demo.site import DemoSite


def import_demo_session(site: DemoSite) -> dict[str, str]:
    """A new demo session, imported into the current HOME's default profile; its cookie values."""
    values = site.new_session()
    done = CliRunner().invoke(cli, ["import-session"], env={"LINKEDIN_LI_AT": values["li_at"],
                                                             "LINKEDIN_JSESSIONID": values["JSESSIONID"]})
    assert done.exit_code == 0, done.output
    return values
