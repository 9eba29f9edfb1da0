"""Write fixtures/pages/*.html: saved-page stand-ins of LinkedIn's settings pages.

Nobody on this team can open linkedin.com, so these pages are modelled on the public facts in
docs/linkedin.md (how and why: docs/fixtures.md): a client-rendered page saved after rendering, hashed
CSS-module class names, ``main#main``, a native ``<input type=checkbox role=switch
aria-labelledby=KEY>`` whose label is the element with id KEY, and localized On/Off text beside
it. The person shown is invented.

This script has its own table of page facts on purpose: it does NOT read selectors/, so a wrong
selector map cannot silently produce matching fixtures. Run it once after changing it
(``python scripts/make_fixtures.py``); the HTML it writes is committed and is what the tests read.
Each page begins with a one-line comment holding its metadata as JSON::

    <!-- linkedin-optout-fixture {"url": ..., "kind": ..., "expect": {...}} -->
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from urllib.parse import quote

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
HOST = "https://www.linkedin.com"
PERSON = "Avery Quill"  # invented

# (file stem, path, [(setting id, key, label)], title, question)   docs/linkedin.md#settings-pages
PAGES = [
    ("ai-training", "/mypreferences/d/settings/data-for-ai-improvement",
     [("ai-training", "allowDataForGenerativeAI", "Use my data for training content creation AI models")],
     "Data for Generative AI Improvement",
     "Can LinkedIn use your personal data and content you create on LinkedIn to train generative AI "
     "models that create content?"),
    ("research", "/mypreferences/d/settings/policy-and-academic-research",
     [("research", "allowAnonymizedDataResearch", "Use my data for social, economic and workplace research")],
     "Social, economic and workplace research",
     "Can LinkedIn use your data for research by trusted third parties?"),
    ("affiliate-sharing", "/mypreferences/d/settings/share-data-with-select-partners",
     [("affiliate-sharing", "shareDataWithTrustedPartners", "Share my data with Microsoft and select partners")],
     "Data sharing with affiliates and select partners",
     "Can LinkedIn share your data with Microsoft, its affiliates and select partners for ads?"),
    ("ads-off-linkedin", "/mypreferences/d/settings/ads-beyond-linkedin",
     [("ads-off-linkedin", "allowLinkedInAudienceNetwork", "Show me ads off LinkedIn")],
     "Ads off LinkedIn", "Can LinkedIn show you ads on partner apps and websites?"),
    ("ads-advertiser-data", "/mypreferences/d/settings/ads-interactions-with-business",
     [("ads-advertiser-data", "allowUseOfThirdPartyData", "Use data advertisers share about me")],
     "Advertiser data for ads", "Can LinkedIn use data that advertisers provide to show you ads?"),
    ("ads-measure-success", "/mypreferences/d/settings/ads-related-actions",
     [("ads-measure-success", "allowConversionTrackings", "Use my actions to measure ad success")],
     "Measure ad success", "Can LinkedIn use your actions on advertisers' sites to measure ads?"),
    ("ads-inferred-age", "/mypreferences/d/settings/ads-by-age",
     [("ads-inferred-age", "allowAdsByAge", "Use my inferred age range for ads")],
     "Inferred age range", "Can LinkedIn use an age range it infers about you to show you ads?"),
    ("ads-inferred-gender", "/mypreferences/d/settings/ads-by-gender",
     [("ads-inferred-gender", "allowAdsByGender", "Use my inferred gender for ads")],
     "Inferred gender", "Can LinkedIn use a gender it infers about you to show you ads?"),
    ("ads-inferred-location", "/mypreferences/d/settings/ads-inferred-location",
     [("ads-inferred-location", "allowIpToPersonalizeAds", "Use my inferred city location for ads")],
     "Inferred city location", "Can LinkedIn use a city it infers from your IP address to show you ads?"),
    ("ads-interests", "/mypreferences/d/interest-categories",
     [("ads-interests", "adsPrivacyAllowInterestsAndBehaviors", "Use my inferred interests and traits for ads")],
     "Interests and traits", "Can LinkedIn use interests and traits it infers about you to show you ads?"),
    ("marketing", "/mypreferences/d/settings/linkedin-promotions",
     [("marketing-promotions", "allowProfileAndActivityDataForMarketingAds",
       "Use my profile and activity to promote LinkedIn"),
      ("marketing-emails", "tipsForUsingLinkedinViaEmail", "Send me tips for using LinkedIn by email")],
     "LinkedIn promotions", "Can LinkedIn use your data to market LinkedIn to you?"),
    ("non-essential-cookies", "/mypreferences/d/member-cookies",
     [("non-essential-cookies", "#nonEssentialCookieConsent", "Allow non-essential cookies")],
     "Cookie preferences", "Can LinkedIn use non-essential cookies when you are signed in?"),
]

AI_PATH = PAGES[0][1]
# Some repositories use this slug for the AI page (docs/linkedin.md#aliases-and-older-addresses).
AI_ALIAS = "/mypreferences/d/settings/data-for-generative-ai-improvement"
# Localized titles and switch labels of the AI page, with On/Off words (docs/linkedin.md#translations).
LOCALIZED_AI = {
    "de": ("Daten zur Verbesserung generativer KI",
           "Ihre Daten zum Schulen von KI-Modellen verwenden, um Inhalte zu erstellen", ("Ein", "Aus"),
           "Darf LinkedIn Ihre personenbezogenen Daten zum Trainieren generativer KI-Modelle verwenden?"),
    "fr": ("Données pour l'amélioration de l'IA générative",
           "Utiliser mes données pour entraîner des modèles d'IA de création de contenu", ("Oui", "Non"),
           "LinkedIn peut-il utiliser vos données pour entraîner des modèles d'IA générative ?"),
}
# docs/linkedin.md#translations, the rest of the table: only used by the proof fixtures below. None = no label known.
MORE_LOCALIZED_AI = {
    "nl": ("Gegevens voor verbetering van generatieve AI",
           "Mijn gegevens gebruiken voor training van AI-modellen waarmee content wordt gemaakt", ("Aan", "Uit"),
           "Mag LinkedIn uw gegevens gebruiken om generatieve AI-modellen te trainen?"),
    "it": ("Dati per migliorare l'IA generativa", None, ("Sì", "No"),
           "LinkedIn può usare i tuoi dati per addestrare modelli di IA generativa?"),
    "pt": ("Dados para aprimoramento da IA generativa",
           "Usar meus dados para treinar modelos de IA para criar conteúdos", ("Sim", "Não"),
           "O LinkedIn pode usar seus dados para treinar modelos de IA generativa?"),
}


def cls(name: str, build: str) -> str:
    """A CSS-module class name as LinkedIn's build emits it: _name_<hash> (docs/linkedin.md#switch-markup)."""
    return f"_{name}_{hashlib.sha1(f'{build}:{name}'.encode()).hexdigest()[:6]}"


def page(title: str, body: str, *, lang: str = "en", build: str = "b1", banner: bool = False,
         signed_in: bool = True) -> str:
    c = lambda n: cls(n, build)  # noqa: E731
    nav = f"""
  <header class="{c('globalNav')}" id="global-nav">
    <nav aria-label="Primary Navigation" class="{c('navList')}">
      <a class="{c('navItem')}" href="/feed/">Home</a>
      <a class="{c('navItem')}" href="/mynetwork/">My Network</a>
      <a class="{c('navItem')}" href="/jobs/">Jobs</a>
      <a class="{c('navItem')}" href="/messaging/">Messaging</a>
      <button class="{c('meButton')}" type="button"><img class="{c('avatar')}" width="24" height="24"
        src="https://media.licdn.com/dms/image/v2/D4E03AQfixture/profile-displayphoto-shrink_100_100/0/1700000000000?e=1767225600&amp;v=beta&amp;t=fixture"
        alt="{PERSON}"><span>Me</span></button>
    </nav>
  </header>""" if signed_in else ""
    alert = f"""
  <div id="artdeco-global-alert-container">{banner_html() if banner else ''}</div>"""
    return f"""<!DOCTYPE html>
<html lang="{lang}" dir="ltr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title} | LinkedIn</title>
  <link rel="icon" href="https://static.licdn.com/aero-v1/sc/h/al2o9zrvru7aqj8e1x2rzsrca">
  <style>
    @font-face {{ font-family: "Source Sans"; src: url("https://static.licdn.com/aero-v1/sc/h/fonts/source-sans-3.woff2") format("woff2"); }}
    body {{ font-family: "Source Sans", -apple-system, system-ui, sans-serif; margin: 0; background: #f4f2ee; color: #191919; }}
    .{c('globalNav')} {{ background: #fff; border-bottom: 1px solid #e8e8e8; padding: 8px 24px; }}
    .{c('navList')} {{ display: flex; gap: 24px; align-items: center; }}
    .{c('navItem')} {{ color: #666; text-decoration: none; font-size: 14px; }}
    .{c('meButton')} {{ border: 0; background: none; display: flex; gap: 4px; align-items: center; }}
    .{c('avatar')} {{ border-radius: 50%; }}
    .{c('layout')} {{ display: flex; gap: 24px; max-width: 1128px; margin: 24px auto; }}
    .{c('sideNav')} {{ width: 260px; background: #fff; border-radius: 8px; padding: 16px; }}
    .{c('sideNav')} a {{ display: block; padding: 8px 0; color: #191919; text-decoration: none; }}
    main {{ flex: 1; }}
    .{c('card')} {{ background: #fff; border-radius: 8px; padding: 24px; }}
    .{c('title')} {{ font-size: 20px; font-weight: 600; margin: 0 0 16px; }}
    .{c('question')} {{ font-size: 16px; font-weight: 400; margin: 0 0 16px; }}
    .{c('row')} {{ display: flex; justify-content: space-between; align-items: center; padding: 12px 0;
                   border-top: 1px solid #e8e8e8; }}
    .{c('label')} {{ margin: 0; font-size: 14px; }}
    .{c('switchWrap')} {{ display: flex; gap: 8px; align-items: center; }}
    .{c('switchCheckbox')} {{ appearance: none; width: 40px; height: 24px; border-radius: 12px; margin: 0;
                              background: #8c8c8c; position: relative; cursor: pointer; }}
    .{c('switchCheckbox')}:checked {{ background: #01754f; }}
    .{c('switchCheckbox')}::after {{ content: ""; position: absolute; top: 2px; left: 2px; width: 20px;
                                     height: 20px; border-radius: 50%; background: #fff; transition: left .1s; }}
    .{c('switchCheckbox')}:checked::after {{ left: 18px; }}
    .{c('help')} {{ color: #666; font-size: 14px; }}
  </style>
</head>
<body class="{c('body')}">{alert}{nav}
  <div class="{c('layout')}">
    <aside class="{c('sideNav')}" aria-label="Settings">
      <a href="/mypreferences/d/categories/account">Account preferences</a>
      <a href="/mypreferences/d/categories/sign-in-and-security">Sign in &amp; security</a>
      <a href="/mypreferences/d/categories/visibility">Visibility</a>
      <a href="/mypreferences/d/categories/privacy">Data privacy</a>
      <a href="/mypreferences/d/categories/ads">Advertising data</a>
      <a href="/mypreferences/d/categories/notifications">Notifications</a>
    </aside>
    <main id="main" class="{c('main')}" aria-label="Main content">
{body}
    </main>
  </div>
</body>
</html>
"""


def banner_html() -> str:
    # Copied in structure from saved LinkedIn pages (docs/linkedin.md#cookie-banner).
    return """
    <div class="artdeco-global-alert artdeco-global-alert--COOKIE_CONSENT" type="COOKIE_CONSENT" role="alert">
      <section class="artdeco-global-alert__body">
        <h2>LinkedIn respects your privacy</h2>
        <p>LinkedIn and 3rd parties use essential and non-essential cookies to provide, secure, analyze and
           improve our Services, and to show you relevant ads (including professional and job ads) on and off
           LinkedIn. Select Accept to consent or Reject to decline non-essential cookies for this use.</p>
      </section>
      <div class="artdeco-global-alert__action-wrapper">
        <button action-type="ACCEPT" class="artdeco-global-alert-action artdeco-button artdeco-button--inverse artdeco-button--2 artdeco-button--primary"
                data-control-name="ga-cookie.consent.accept.v4" type="button">Accept</button>
        <button action-type="DENY" class="artdeco-global-alert-action artdeco-button artdeco-button--inverse artdeco-button--2 artdeco-button--primary"
                data-control-name="urn:li:control:ga-cookie.consent.deny.v4" type="button">Reject</button>
      </div>
    </div>"""


def switch_row(key: str, label: str, on: bool, words: tuple[str, str], build: str, *, artdeco: bool = False,
               button: bool = False, label_id: str | None = None, stale_text: bool = False) -> str:
    c = lambda n: cls(n, build)  # noqa: E731
    checked = " checked" if on else ""
    state_word = words[0] if on != stale_text else words[1]
    if button:  # a switch rendered as <button role=switch aria-checked> (no .checked property)
        return f"""
        <div class="{c('row')}">
          <p id="{key}" class="{c('label')}">{label}</p>
          <div class="{c('switchWrap')}">
            <span class="{c('stateText')}" aria-hidden="true">{state_word}</span>
            <button type="button" role="switch" aria-labelledby="{key}" aria-checked="{str(on).lower()}"
                    class="{c('switchCheckbox')}"></button>
          </div>
        </div>"""
    if label_id:  # the label's id and the switch's aria-labelledby differ from the key (a renamed key)
        return f"""
        <div class="{c('row')}">
          <p id="{label_id}" class="{c('label')}">{label}</p>
          <div class="{c('switchWrap')}">
            <span class="{c('stateText')}" aria-hidden="true">{state_word}</span>
            <input type="checkbox" role="switch" aria-labelledby="{label_id}" class="{c('switchCheckbox')}"{checked}>
          </div>
        </div>"""
    if key.startswith("#"):  # the member-cookies switch is found by id and labelled by <label for>
        ident = key[1:]
        return f"""
        <div class="{c('row')}">
          <label class="{c('label')}" for="{ident}">{label}</label>
          <div class="{c('switchWrap')}">
            <span class="{c('stateText')}" aria-hidden="true">{state_word}</span>
            <input type="checkbox" role="switch" id="{ident}" class="{c('switchCheckbox')}"{checked}>
          </div>
        </div>"""
    if artdeco:  # LinkedIn's older design-system toggle carries aria-checked on the input (docs/linkedin.md#switch-markup)
        return f"""
        <div class="{c('row')}">
          <p id="{key}" class="{c('label')}">{label}</p>
          <div class="artdeco-toggle artdeco-toggle--32dp ember-view">
            <input type="checkbox" role="switch" aria-labelledby="{key}" aria-checked="{str(on).lower()}"
                   class="artdeco-toggle__button"{checked}>
            <label class="artdeco-toggle__text" aria-hidden="true">{state_word}</label>
          </div>
        </div>"""
    return f"""
        <div class="{c('row')}">
          <p id="{key}" class="{c('label')}">{label}</p>
          <div class="{c('switchWrap')}">
            <span class="{c('stateText')}" aria-hidden="true">{state_word}</span>
            <input type="checkbox" role="switch" aria-labelledby="{key}" class="{c('switchCheckbox')}"{checked}>
          </div>
        </div>"""


def settings_body(title: str, question: str, rows: str, build: str) -> str:
    c = lambda n: cls(n, build)  # noqa: E731
    return f"""      <section class="{c('card')}">
        <h1 class="{c('title')}">{title}</h1>
        <h4 class="{c('question')}">{question}</h4>{rows}
        <p class="{c('help')}">Turning this off only affects future use. <a href="/help/linkedin/answer/a5538339">Learn more</a></p>
      </section>"""


def write(name: str, meta: dict, html: str) -> None:
    meta = {"file": name, **meta}
    head = f"<!-- linkedin-optout-fixture {json.dumps(meta, ensure_ascii=False, sort_keys=True)} -->\n"
    (OUT / name).write_text(head + html, encoding="utf-8")


def settings_fixture(name: str, path: str, switches: list[tuple[str, str, str, bool]], title: str,
                     question: str, *, note: str, lang: str = "en", words=("On", "Off"), build: str = "b1",
                     banner: bool = False, artdeco: bool = False, decoy: tuple[str, str] | None = None,
                     demo_template: bool = False, extra_rows: str = "", expect: dict | None = None,
                     strategy: str | None = None, unlisted: dict | None = None, **row_options) -> None:
    rows = ""
    if decoy:  # an unrelated switch placed BEFORE the real one (docs/linkedin.md#the-first-checkbox-trap)
        rows += switch_row(decoy[0], decoy[1], True, words, build)
    rows += "".join(switch_row(k, lbl, on, words, build, artdeco=artdeco, **row_options) for _, k, lbl, on in switches)
    rows += extra_rows
    html = page(title, settings_body(title, question, rows, build), lang=lang, build=build, banner=banner)
    meta = {"url": HOST + path, "kind": "settings", "lang": lang, "note": note,
            "expect": expect if expect is not None else {sid: ("on" if on else "off") for sid, _, _, on in switches}}
    if strategy:
        meta["strategy"] = strategy
    if unlisted:
        meta["unlisted"] = unlisted
    if banner:
        meta["cookie_banner"] = True
    if demo_template:
        meta["demo_template"] = True
    write(name, meta, html)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.html"):
        old.unlink()

    # One ON and one OFF page per settings page. The ON page is also the demo site's template.
    for stem, path, switches, title, question in PAGES:
        for on in (True, False):
            settings_fixture(f"{stem}.{'on' if on else 'off'}.html", path,
                             [(sid, key, label, on) for sid, key, label in switches], title, question,
                             note=f"{title}, every switch {'on' if on else 'off'}", demo_template=on)

    stem, path, switches, title, question = PAGES[0]
    ai = [(sid, key, label, True) for sid, key, label in switches]

    mk_stem, mk_path, mk_switches, mk_title, mk_q = PAGES[10]
    settings_fixture("marketing.mixed.html", mk_path,
                     [(mk_switches[0][0], mk_switches[0][1], mk_switches[0][2], True),
                      (mk_switches[1][0], mk_switches[1][1], mk_switches[1][2], False)],
                     mk_title, mk_q, note="two switches on one page, first on and second off")

    settings_fixture("ai-training.cookie-banner.html", path, ai, title, question, banner=True,
                     note="EU cookie banner over the AI page")
    settings_fixture("ai-training.decoy-first.html", path, ai, title, question,
                     decoy=("allowProfileDiscoveryByEmail", "Allow people who have my email address to find me"),
                     note="an unrelated switch placed before the real one")
    settings_fixture("ai-training.reskinned.html", path, ai, title, question, build="b2-reskin",
                     note="every hashed class name changed (a new LinkedIn build)")
    settings_fixture("ai-training.artdeco-off.html", path,
                     [(sid, key, label, False) for sid, key, label in switches], title, question, artdeco=True,
                     note="LinkedIn's older artdeco toggle, aria-checked on the input, off")
    settings_fixture("ai-training.button-switch.html", path, ai, title, question, button=True,
                     note="the switch rendered as <button role=switch aria-checked=true>")
    settings_fixture("ai-training.stale-text.html", path, ai, title, question, stale_text=True,
                     note="the On/Off text beside the switch says Off while the switch is on")
    settings_fixture("ai-training.renamed-key.html", path, ai, title, question, label_id="genAiDataUseToggle",
                     strategy="label", note="the labelledby key renamed, the label kept")
    dup = switch_row(switches[0][1], switches[0][2], False, ("On", "Off"), "b1")
    settings_fixture("ai-training.duplicate-key.html", path, ai, title, question, extra_rows=dup,
                     expect={"ai-training": "ambiguous"}, note="two switches carry the AI key and label")
    same_label = switch_row("genAiToggleA", switches[0][2], True, ("On", "Off"), "b1") + \
        switch_row("genAiToggleB", switches[0][2], False, ("On", "Off"), "b1")
    settings_fixture("ai-training.same-label.html", path, [], title, question, extra_rows=same_label,
                     expect={"ai-training": "ambiguous"}, note="key renamed, and two switches share the label")
    for lang, (l_title, l_label, words, l_q) in LOCALIZED_AI.items():
        settings_fixture(f"ai-training.{lang}.html", path, [(switches[0][0], switches[0][1], l_label, True)],
                         l_title, l_q, lang=lang, words=words, note=f"the AI page in {lang}")
    # es: the title is unconfirmed (docs/linkedin.md#translations) and no label is known, so this page's label is
    # invented and its key renamed: only the "title matches and exactly one switch" rule finds it.
    settings_fixture("ai-training.es-renamed-key.html", path,
                     [(switches[0][0], switches[0][1], "Usar mis datos para entrenar modelos de IA (inventado)", True)],
                     "Datos para mejorar la IA generativa", "¿Puede LinkedIn usar tus datos para entrenar IA generativa?",
                     lang="es", words=("Sí", "No"), label_id="genAiEsToggle", strategy="only_switch",
                     note="the AI page in es, key renamed, label unknown: found by title and the only switch")

    proof_fixtures(path, switches, title, question)
    teach_variants(path, switches[0][0])
    discovery_fixtures()

    redirect = quote(HOST + AI_PATH, safe="")
    write("login-wall.html", {"url": f"{HOST}/uas/login?session_redirect={redirect}", "kind": "signed_out",
                              "lang": "en", "note": "LinkedIn's sign-in page after a session redirect",
                              "expect": {}, "demo_template": True}, login_page())
    write("checkpoint-challenge.html",
          {"url": f"{HOST}/checkpoint/challenge/AgHfixtureChallengeId0123456789", "kind": "challenge", "lang": "en",
           "note": "security verification (captcha) checkpoint", "expect": {},
           "demo_template": True}, checkpoint_page())
    write("page-not-found.html",
          {"url": f"{HOST}/mypreferences/d/settings/ads-by-age", "kind": "unavailable", "lang": "en",
           "note": "LinkedIn's page-doesn't-exist answer for a setting not offered here", "expect": {},
           "demo_template": True},
          not_found_page())
    write("rate-limited.html",
          {"url": f"{HOST}{AI_PATH}", "kind": "rate_limited", "lang": "en",
           "note": "a short too-many-requests page without <main>", "expect": {},
           "demo_template": True}, rate_limited_page())


# --- settings LinkedIn adds later -------------------------------------------------------------------
# The category index pages exist (docs/linkedin.md#category-pages) but their shape is not known: these list each
# setting as a link in a card, the simplest shape. The unlisted setting is INVENTED: no public
# source names a 14th switch; it stands for the one LinkedIn adds next.

UNLISTED = ("/mypreferences/d/settings/ai-hiring-assistant", "allowDataForHiringAssistant",
            "Use my profile data in AI hiring tools (invented)", "Data for AI-assisted hiring",
            "Can LinkedIn use your profile data in the AI tools recruiters use? (invented)")
CATEGORY_LINKS = {
    "privacy": ("Data privacy", [
        ("How LinkedIn uses your data", None),
        ("Get a copy of your data", "/mypreferences/d/download-my-data"),
        ("Manage your data and activity", "/mypreferences/d/manage-data"),
        ("Search history", "/mypreferences/d/search-history"),
        ("Social, economic and workplace research", "/mypreferences/d/settings/policy-and-academic-research"),
        ("Data for Generative AI Improvement", "/mypreferences/d/settings/data-for-ai-improvement"),
        ("Data for AI-assisted hiring", UNLISTED[0]),
        ("Data sharing with affiliates and select partners", "/mypreferences/d/settings/share-data-with-select-partners"),
        ("Cookie preferences", "/mypreferences/d/member-cookies"),
        ("LinkedIn promotions", "/mypreferences/d/settings/linkedin-promotions"),
    ]),
    "ads": ("Advertising data", [
        ("Profile data for ad personalization", None),
        ("Ads off LinkedIn", "/mypreferences/d/settings/ads-beyond-linkedin"),
        ("Advertiser data for ads", "/mypreferences/d/settings/ads-interactions-with-business"),
        ("Measure ad success", "/mypreferences/d/settings/ads-related-actions"),
        ("Inferred age range", "/mypreferences/d/settings/ads-by-age"),
        ("Inferred gender", "/mypreferences/d/settings/ads-by-gender"),
        ("Inferred city location", "/mypreferences/d/settings/ads-inferred-location"),
        ("Interests and traits", "/mypreferences/d/interest-categories"),
    ]),
}


def category_body(heading: str, items: list[tuple[str, str | None]], build: str, *, reshaped: bool = False) -> str:
    """A category's card of links. ``reshaped``: the same items as buttons that navigate by script
    (no link to read): the shape change the discovery must survive with one warning."""
    c = lambda n: cls(n, build)  # noqa: E731
    rows = []
    for text, href in items:
        if href is None:
            rows.append(f'          <li class="{c("subhead")}"><h3>{text}</h3></li>')
        elif reshaped:
            rows.append(f'          <li><button class="{c("item")}" type="button" data-nav="{href[::-1]}">{text}</button></li>')
        else:
            rows.append(f'          <li><a class="{c("item")}" href="{href}">{text}<span aria-hidden="true">\u203a</span></a></li>')
    return f"""      <section class="{c('card')}">
        <h1 class="{c('title')}">{heading}</h1>
        <ul class="{c('list')}">
{chr(10).join(rows)}
        </ul>
      </section>"""


def discovery_fixtures() -> None:
    for name, (heading, items) in CATEGORY_LINKS.items():
        path = f"/mypreferences/d/categories/{name}"
        links = [href for _t, href in items if href]
        for reshaped in (False, True):
            write(f"category-{name}{'.reshaped' if reshaped else ''}.html",
                  {"url": HOST + path, "kind": "category", "lang": "en", "links": [] if reshaped else links,
                   "note": f"the {heading} category page" + (
                       ", reshaped: items are script buttons, no links (a shape change)" if reshaped else
                       ": a card of links, the simplest shape [shape unconfirmed]"),
                   "demo_template": not reshaped},
                  page(heading, category_body(heading, items, "b1", reshaped=reshaped)))
    path, key, label, title, question = UNLISTED
    settings_fixture("unlisted.ai-hiring.on.html", path, [("", key, label, True)], title, question,
                     expect={}, demo_template=True, unlisted={label: "on"},
                     note="a settings page no map covers (invented): the setting LinkedIn adds next")
    write("privacy-policy.html", {"url": HOST + "/legal/privacy-policy", "kind": "policy", "lang": "en",
                                  "effective": "2025-11-03", "demo_template": True,
                                  "note": "the public privacy policy; its date in the form docs/linkedin.md#privacy-policy quotes"},
          policy_page("November 3, 2025"))


def policy_page(effective: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>LinkedIn Privacy Policy</title></head>
<body>
  <header id="global-nav"><a href="/">LinkedIn</a></header>
  <main id="main">
    <h1>Privacy Policy</h1>
    <p class="_effective_1a2b3c">Effective {effective}</p>
    <p>Your Privacy Matters. LinkedIn's mission is to connect the world's professionals ...</p>
    <h2>Targeted Ads</h2>
    <p>We use your data to show you ads ... (abridged stand-in)</p>
  </main>
</body>
</html>
"""


# --- proof fixtures ---------------------------------------------------------------------------------
# Pages whose only job is to make one field of the maps decide a match, so a test can prove every
# field does some work (tests/test_map_coverage.py): a label per language (the key renamed, so the
# label decides), a title per language (key renamed and label unknown, so only the title and the
# single switch decide), the alias URL, and a guard page at each wall or challenge URL prefix
# (docs/linkedin.md#walls-and-challenges). Invented wording is marked "(invented)" in the page and its note.

def proof_fixtures(ai_path: str, ai_switches: list, ai_title: str, ai_question: str) -> None:
    sid, key, en_label = ai_switches[0]
    langs = {**{lang: v for lang, v in LOCALIZED_AI.items()}, **MORE_LOCALIZED_AI}
    for lang, (l_title, l_label, words, l_q) in sorted(langs.items()):
        if l_label:  # found by its label alone
            settings_fixture(f"ai-training.label-{lang}.html", ai_path, [(sid, key, l_label, True)], l_title, l_q,
                             lang=lang, words=words, label_id=f"renamedKey{lang.title()}", strategy="label",
                             note=f"the AI page in {lang}, key renamed: found by its {lang} label")
        settings_fixture(f"ai-training.title-{lang}.html", ai_path, [(sid, key, f"({lang}, invented label)", True)],
                         l_title, l_q, lang=lang, words=words, label_id=f"renamedKey{lang.title()}",
                         strategy="only_switch",
                         note=f"the AI page in {lang}, key renamed, label unknown: found by title and the only switch")
    settings_fixture("ai-training.title-en.html", ai_path, [(sid, key, "(invented label)", True)], ai_title,
                     ai_question, label_id="renamedKeyEn", strategy="only_switch",
                     note="the AI page, key renamed, label unknown: found by title and the only switch")
    settings_fixture("ai-training.alias.html", AI_ALIAS, [(sid, key, en_label, False)], ai_title, ai_question,
                     note="the AI page at the slug some repositories use")
    for stem, path, switches, title, question in PAGES:
        if stem in ("ads-off-linkedin", "ads-advertiser-data", "ads-measure-success"):
            (s_id, s_key, _), = switches
            settings_fixture(f"{stem}.title-en.html", path, [(s_id, s_key, "(invented label)", True)], title,
                             question, label_id="renamedKey", strategy="only_switch",
                             note=f"{title}: key renamed, label unknown: found by title and the only switch")

    redirect = quote(HOST + ai_path, safe="")
    guards = [  # (file, path, kind, title, body, note)   docs/linkedin.md#walls-and-challenges
        ("wall-login.html", f"/login?session_redirect={redirect}", "signed_out", "LinkedIn Login, Sign in",
         '<form method="post" action="/checkpoint/lg/login-submit"><input id="username" name="session_key">'
         '<input id="password" name="session_password" type="password"><button type="submit">Sign in</button></form>',
         "the sign-in page at /login (username/password ids)"),
        ("wall-authwall.html", f"/authwall?trk=gf&sessionRedirect={redirect}", "signed_out", "Sign Up",
         "<h1>Join LinkedIn (invented wording)</h1>", "the authwall a signed-out visit is sent to"),
        ("wall-cold-join.html", f"/signup/cold-join?session_redirect={redirect}", "signed_out", "Sign Up",
         "<h1>Join LinkedIn (invented wording)</h1>", "the join page a signed-out visit is sent to"),
        ("wall-guest-cookies.html", "/mypreferences/g/guest-cookies", "signed_out", "Cookie preferences",
         "<h1>Cookie preferences (invented wording)</h1>", "the guest cookie page (a signed-out visitor)"),
        ("challenge-path.html", "/challenge/AgHfixtureChallenge", "challenge", "LinkedIn",
         "<h1>Verify it's you (invented wording)</h1>", "a challenge under /challenge"),
        ("challenge-email-pin.html", "/uas/consumer-email-challenge", "challenge", "LinkedIn",
         "<h1>Enter the code we sent to your e-mail address</h1>", "the e-mail PIN challenge"),
        ("unavailable-ascii.html", "/mypreferences/d/settings/ads-by-gender", "unavailable", "LinkedIn",
         "<main id=\"main\"><h1>This page doesn't exist</h1></main>", "page-not-found, ASCII apostrophe"),
        ("unavailable-page-not-found.html", "/mypreferences/d/settings/ads-inferred-location", "unavailable",
         "LinkedIn", "<main id=\"main\"><h1>Page not found</h1></main>", "page-not-found, other wording"),
    ]
    for name, path, kind, title, body, note in guards:
        html = (f'<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>{title} | LinkedIn</title>'
                f"</head>\n<body>\n  {body}\n</body>\n</html>\n")
        meta = {"url": HOST + path, "kind": kind, "lang": "en", "note": note, "expect": {}}
        if "(invented wording)" in body:  # nothing in the page marks it: only its URL decides
            meta["decided_by"] = "url"
        write(name, meta, html)

    # Walls drawn in place, at the settings URL, without a redirect (docs/linkedin.md#walls-and-challenges), and
    # LinkedIn's refusals. Each is recognised by what the page holds, not by its URL.
    write("inplace-signin.html",
          {"url": f"{HOST}{AI_PATH}", "kind": "signed_out", "lang": "en",
           "note": "the guest authwall drawn in place at the AI settings URL (session_key/session_password)",
           "expect": {}}, inplace_signin_page())
    write("inplace-challenge.html",
          {"url": f"{HOST}/mypreferences/d/settings/policy-and-academic-research", "kind": "challenge", "lang": "en",
           "note": "a security check drawn in place at a settings URL: the code-sent form, no captcha, no title",
           "expect": {}}, inplace_challenge_page())
    write("restricted.html",
          {"url": f"{HOST}{AI_PATH}", "kind": "refused", "lang": "en",
           "note": "the restricted-account notice in place at a settings URL", "expect": {}}, restricted_page())
    write("inplace-not-offered.html",
          {"url": f"{HOST}/mypreferences/d/settings/ads-by-gender", "kind": "unavailable", "lang": "en",
           "note": "a not-found component drawn in place at a settings URL (its wording invented)", "expect": {}},
          inplace_not_offered_page())
    write("forbidden-403.html",
          {"url": f"{HOST}/mypreferences/d/settings/share-data-with-select-partners", "kind": "refused",
           "lang": "en", "status": 403, "decided_by": "status", "note": "a page load answered 403 Forbidden, next to nothing in it",
           "expect": {}}, denied_page())
    write("unauthorized-401.html",
          {"url": f"{HOST}/mypreferences/d/settings/ads-by-age", "kind": "signed_out", "lang": "en", "status": 401, "decided_by": "status",
           "note": "a page load answered 401 with an empty page: the session is not accepted", "expect": {}},
          denied_page())
    write("denied-999.html",
          {"url": f"{HOST}{AI_PATH}", "kind": "refused", "lang": "en", "status": 999, "decided_by": "status",
           "note": "LinkedIn's HTTP 999 'request denied' answer: a near-empty page", "expect": {}}, denied_page())


# --- teach: pages LinkedIn might change so that no bundled strategy finds the switch ----------------
# Each has another title (so the "only switch" rule cannot apply) and a new label. They are what the
# bundled maps read as not_found; `teach` learns them from a person's click.
TEACH_TITLE = "Generative AI and your data"
TEACH_LABEL = "Allow LinkedIn to train content-creating AI with my data"
TEACH_DECOY = ("allowProfileDiscoveryByEmail", "Allow people who have my email address to find me")


def label_only_row(name: str, label: str, on: bool, build: str = "b1") -> str:
    """A switch with no aria-labelledby and no id: only its accessible name (aria-label) says what
    it is. ``name`` is the form field name the page's app saves under (the maps do not use it)."""
    c = lambda n: cls(n, build)  # noqa: E731
    checked = " checked" if on else ""
    return f"""
        <div class="{c('row')}">
          <p class="{c('label')}" aria-hidden="true">{label}</p>
          <div class="{c('switchWrap')}">
            <span class="{c('stateText')}" aria-hidden="true">{'On' if on else 'Off'}</span>
            <input type="checkbox" role="switch" name="{name}" aria-label="{label}" class="{c('switchCheckbox')}"{checked}>
          </div>
        </div>"""


def teach_variants(path: str, setting_id: str) -> None:
    question = "Can LinkedIn use your data to train AI that creates content?"
    decoy = switch_row(*TEACH_DECOY, True, ("On", "Off"), "b1")
    settings_fixture("ai-training.key-and-label-changed.html", path, [], TEACH_TITLE, question,
                     extra_rows=decoy + switch_row("genAiContentTrainingConsent", TEACH_LABEL, True, ("On", "Off"), "b1"),
                     expect={setting_id: "not_found"},
                     note="the AI switch's key, label and the page title all changed; an unrelated switch above it")
    settings_fixture("ai-training.label-only.html", path, [], TEACH_TITLE, question,
                     extra_rows=decoy + label_only_row("genAiLabelOnly", TEACH_LABEL, True),
                     expect={setting_id: "not_found"},
                     note="the AI switch has no key and no id, only a new accessible name")
    settings_fixture("ai-training.twin-switches.html", path, [], TEACH_TITLE, question,
                     extra_rows=label_only_row("genAiTwin", TEACH_LABEL, True) + label_only_row("genAiTwin", TEACH_LABEL, True),
                     expect={setting_id: "not_found"},
                     note="two identical switches (same name, no key, no id): no locator can tell them apart")


def login_page() -> str:
    # docs/linkedin.md#walls-and-challenges: title "LinkedIn Login, Sign in | LinkedIn" at /uas/login?session_redirect=...
    return """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>LinkedIn Login, Sign in | LinkedIn</title></head>
<body>
  <main class="app__content" role="main">
    <div class="card-layout">
      <h1 class="header__content__heading">Sign in</h1>
      <p class="header__content__subheading">Stay updated on your professional world</p>
      <form class="login__form" method="post" action="/checkpoint/lg/login-submit">
        <input type="hidden" name="loginCsrfParam" value="fixture-login-csrf">
        <input id="username" name="session_key" type="email" autocomplete="username" aria-label="Email or phone">
        <input id="password" name="session_password" type="password" autocomplete="current-password" aria-label="Password">
        <button class="btn__primary--large from__button--floating" type="submit" aria-label="Sign in">Sign in</button>
      </form>
    </div>
  </main>
</body>
</html>
"""


def checkpoint_page() -> str:
    # docs/linkedin.md#walls-and-challenges: /checkpoint/challenge/<id>, title "Security Verification | LinkedIn".
    return """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Security Verification | LinkedIn</title></head>
<body>
  <main class="app__content">
    <h1>Let's do a quick security check</h1>
    <form id="captcha-challenge" method="post" action="/checkpoint/challenge/verify">
      <input type="hidden" name="csrfToken" value="ajax:0000000000000000000">
      <iframe id="captcha-internal" title="Captcha" src="/checkpoint/challenge/captcha-frame"></iframe>
      <button type="submit">Submit</button>
    </form>
  </main>
</body>
</html>
"""


def not_found_page() -> str:
    return """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Page Not Found | LinkedIn</title></head>
<body>
  <header id="global-nav"><a href="/feed/">Home</a> <a href="/mynetwork/">My Network</a></header>
  <main id="main" class="_notFound_3c4d5e">
    <section>
      <h1>This page doesn\u2019t exist</h1>
      <p>Please check your URL or return to LinkedIn home.</p>
      <a href="/feed/">Go to your feed</a>
    </section>
  </main>
</body>
</html>
"""


def rate_limited_page() -> str:
    return """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>LinkedIn</title></head>
<body>
  <h1>Too Many Requests</h1>
  <p>You have made too many requests. Please try again later.</p>
</body>
</html>
"""


def inplace_signin_page() -> str:
    # docs/linkedin.md#walls-and-challenges: guest pages and the authwall use session_key/session_password; the wall is
    # drawn at the URL asked for. No form.login__form class, no #password id, no sign-in title.
    return """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>LinkedIn</title></head>
<body>
  <main id="main-content" class="_guestWall_7a8b9c">
    <section class="_authwall_1d2e3f" data-test-id="authwall">
      <h1>Join LinkedIn to see your settings</h1>
      <p>Sign in to view this page.</p>
      <form class="authwall-join-form" method="post" action="/uas/login-submit">
        <input name="session_key" type="text" autocomplete="username" aria-label="Email or phone">
        <input name="session_password" type="password" autocomplete="current-password" aria-label="Password">
        <button type="submit">Continue</button>
      </form>
    </section>
  </main>
</body>
</html>
"""


def inplace_challenge_page() -> str:
    # docs/linkedin.md#walls-and-challenges: "Enter the code we sent" = 2FA. In place, under LinkedIn's plain title.
    return """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>LinkedIn</title></head>
<body>
  <main id="main" class="_verify_4f5a6b">
    <h1>Enter the code we sent to your email</h1>
    <p>To keep your account safe, verify your identity.</p>
    <form id="email-pin-challenge" method="post" action="/checkpoint/challenge/verify">
      <input name="pin" type="text" inputmode="numeric" aria-label="6-digit code">
      <button type="submit">Submit</button>
    </form>
  </main>
</body>
</html>
"""


def inplace_not_offered_page() -> str:
    # [I]: the not-found component by its class and test id, with wording no marker knows.
    return """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>LinkedIn</title></head>
<body>
  <main id="main">
    <section class="not-found-404" data-test-id="page-not-found">
      <h1>Nothing here (invented)</h1>
    </section>
  </main>
</body>
</html>
"""


def restricted_page() -> str:
    # docs/linkedin.md#refusals: "Your account has been restricted" [C]; the wording varies.
    return """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>LinkedIn</title></head>
<body>
  <main id="main">
    <h1>Your account has been restricted</h1>
    <p>Your account is temporarily restricted because we noticed some unusual activity.</p>
    <a href="/help/linkedin/answer/a1340522">Learn more</a>
  </main>
</body>
</html>
"""


def denied_page() -> str:
    # HTTP 999 answers carry next to nothing: the status itself is the message.
    return """<html><head><title></title></head><body></body></html>
"""


if __name__ == "__main__":
    main()
