"""The demo site's activity routes: the pages that show the synthetic person's content, their data
requests, and deletions. Added to the site's handler as a subclass (``with_activity``), so the
settings pages' handler stays as it is: a request that is not for an activity page goes on to it.

Pages are client-rendered like LinkedIn's: the server sends a shell (the global nav, an empty
``<main>``, activity.js) and the script asks for the page's data, then draws it. Walls, refusals
and rate limits apply as on the settings pages (``Faults.status``, ``signed_out``, ``challenge``,
``rate_limit``), and after a number of deletions (``ActivityFaults``). A deletion is a DELETE
with the session cookie and the CSRF header, as the site's saves are (an invented endpoint: what
LinkedIn's is does not matter, the tool only ever clicks the page's own menu and dialog).
"""

from __future__ import annotations

import json
import re
import secrets
import time
from functools import cache
from http.server import BaseHTTPRequestHandler
from importlib.resources import files
from typing import Protocol, cast
from urllib.parse import unquote, urlsplit

from automation.demo.activity import COMPANY, Activity, Piece
from automation.demo.handler import CSRF_COOKIE, SESSION_COOKIE, _Handler
from automation.engine.sanitize import PLACEHOLDER_NAME

API = "/voyager/api/demo-activity/"  # the pages' data and deletions (invented, like every demo endpoint)
MANAGE = "/article/manage/published"
RESUMES = "/jobs/application-settings"
_POST = re.compile(r"^/feed/update/(urn:li:(?:share|activity|ugcPost):\d+)$")
_PULSE = re.compile(r"^/pulse/([\w.~-]+)$")


class HasActivity(Protocol):
    activity: Activity


@cache
def _script() -> str:
    return files("automation.demo").joinpath("activity.js").read_text(encoding="utf-8")


def page_of(path: str) -> tuple[str, str] | None:
    """(page kind, its key) for an activity page's path, None for any other path."""
    if match := _POST.match(unquote(path)):
        return "post", match.group(1)
    if match := _PULSE.match(path):
        return "article", match.group(1)
    if path == MANAGE:
        return "manage", ""
    if path == RESUMES:
        return "resumes", ""
    return None


def with_activity(base: type[BaseHTTPRequestHandler]) -> type[BaseHTTPRequestHandler]:
    """The site's handler (handler.py's, made by ``handler_for``), with the activity pages in front of it."""

    class Handler(base):  # type: ignore[valid-type,misc]
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            if not _get(cast(_Handler, self)):
                super().do_GET()

        def do_DELETE(self) -> None:  # noqa: N802
            _delete(cast(_Handler, self))

    return Handler


def _activity(handler: _Handler) -> Activity:
    return cast(HasActivity, handler.site).activity


def _member(handler: _Handler) -> str:
    return handler.site.member_of(handler._cookie(SESSION_COOKIE)) or PLACEHOLDER_NAME


def _stopped(handler: _Handler, path: str) -> bool:
    """A refusal, a wall or a rate limit answers instead of the page (True: answered)."""
    site, activity = handler.site, _activity(handler)
    status = site.faults.status.get(path) or (999 if activity.refuses() else None)
    if status:
        handler._send(status, site.templates.by_file["denied-999.html"].html())
        return True
    if activity.challenges():
        handler._redirect(f"/checkpoint/challenge/AgDemo{secrets.token_hex(8)}")
        return True
    if handler._walled(path + "/"):
        return True
    if site.rate_limited():
        handler._send(429, site.templates.rate_limited.html(), headers={"Retry-After": str(site.faults.retry_after)})
        return True
    return False


def _get(handler: _Handler) -> bool:
    """Serve an activity page or its data; False when the path is neither."""
    if handler._host() != "www.linkedin.com":
        return False
    path = urlsplit(handler.path).path.rstrip("/") or "/"
    if path.startswith(API):
        _data(handler, path.removeprefix(API))
        return True
    page = page_of(path)
    if page is None:
        return False
    if handler.site.faults.latency:
        time.sleep(handler.site.faults.latency)
    if _stopped(handler, path):
        return True
    kind, key = page
    activity = _activity(handler)
    if kind == "post" and key in activity.faults.redirect:
        handler._redirect(f"/feed/update/{activity.faults.redirect[key]}/")
        return True
    gone = (kind == "post" and activity.post(key) is None and key not in activity.faults.tombstone) or \
        (kind == "article" and activity.article(key) is None)
    if gone:  # LinkedIn's not-found page, as a deleted item's address is taken to show here
        handler._send(404, handler.site.templates.not_found.html())
        return True
    handler._send(200, _shell(handler, kind, key))
    return True


def _shell(handler: _Handler, kind: str, key: str) -> str:
    faults = _activity(handler).faults
    config = {"page": kind, "data": f"{API}{kind}/{key}", "remove": API, "emptyFirst": faults.drawn_empty,
              "pauseMs": int(faults.pause * 1000), "leave": faults.leave_after_delete,
              "lazy": kind in faults.lazy}
    titles = {"post": "Post", "article": "Article", "manage": "Manage articles", "resumes": "Job application settings"}
    html = handler.site.templates.feed_page(_member(handler))
    html = re.sub(r"<title>.*?</title>", f"<title>{titles[kind]} | LinkedIn</title>", html, count=1, flags=re.S)
    script = (f"<script>window.__LINKEDIN_DEMO_ACTIVITY__ = {json.dumps(config)};</script>\n"
              f"<script>{_script()}</script>\n")
    return re.sub(r'<main id="main">.*?</main>', lambda _m: '<main id="main"></main>\n' + script, html,
                  count=1, flags=re.S)


def _data(handler: _Handler, rest: str) -> None:
    """The data an activity page asks for, drawn by activity.js. Needs the session."""
    activity, member = _activity(handler), _member(handler)
    time.sleep(activity.faults.data_delay)
    if not handler._signed_in():
        handler._send(401, json.dumps({"status": 401}), "application/json")
        return
    kind, _, key = rest.partition("/")
    body: dict[str, object]
    if kind in activity.faults.data_fails:  # an error, which the page draws as an empty list
        handler._send(500, json.dumps({"post": None, "article": None, "articles": [], "resumes": []}),
                      "application/json")
        return
    if kind == "post":
        body = _post_data(activity, key, member)
    elif kind == "article":
        piece = activity.article(key)
        body = {"article": {"title": piece.title, "text": piece.text.removeprefix(piece.title).strip()}} if piece \
            else {"article": None}
    elif kind == "manage":
        body = {"articles": [{"id": p.id, "title": p.title} for p in activity.live(activity.articles)]}
    elif kind == "resumes":
        body = {"resumes": [{"id": p.id, "name": p.text} for p in activity.live(activity.resumes)]}
    else:
        handler._send(404, "{}", "application/json")
        return
    handler._send(200, json.dumps(body), "application/json")


def _post_data(activity: Activity, urn: str, member: str) -> dict[str, object]:
    faults = activity.faults
    if urn in faults.tombstone:
        return {"tombstone": True}
    post = activity.post(urn)
    if post is None:
        return {"post": None}
    author, menu = post.author or member, ["Save", "Copy link to post"]
    if urn in faults.foreign:  # a page the member admins: its menu offers delete to them as well
        author, menu = COMPANY, [*menu, "Delete post"]
    elif post.author is not None:  # another member's post
        menu = [*menu, "Report post"]
    elif urn in faults.repost:
        menu = [*menu, "Delete repost"]
    elif urn not in faults.no_delete:
        menu = [*menu, "Edit post", "Delete post"]
    shown = {"id": post.id, "author": author, "text": post.text, "menu": menu,
             "repost": f"{member} reposted this" if urn in faults.repost else None}
    comments = [_comment(c, member) for c in activity.comments_on(urn)]
    return {"post": shown, "comments": comments if urn in activity.comments else None}


def _comment(piece: Piece, member: str) -> dict[str, object]:
    mine = piece.author is None
    return {"id": piece.id, "author": piece.author or member, "you": mine, "text": piece.text,
            "menu": ["Edit", "Delete"] if mine else ["Report"]}


def _delete(handler: _Handler) -> None:
    """A deletion the page's own dialog sends: session and CSRF checked, like the site's saves."""
    activity = _activity(handler)
    path = urlsplit(handler.path).path
    if not path.startswith(API):
        handler._send(404, "{}", "application/json")
        return
    time.sleep(activity.faults.delete_delay)
    if activity.faults.refuse_delete:
        handler._send(999, "{}", "application/json")
        return
    csrf = (handler._cookie(CSRF_COOKIE) or "").strip('"')
    if not handler._signed_in() or not csrf or handler.headers.get("csrf-token") != csrf:
        handler._send(401 if not handler._signed_in() else 403, "{}", "application/json")
        return
    kind, _, ident = unquote(path.removeprefix(API)).partition("/")
    done = activity.delete(kind, ident)
    handler._send(200 if done else 404, json.dumps({"deleted": done}), "application/json")
