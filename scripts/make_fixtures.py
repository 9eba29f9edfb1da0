"""Write fixtures/pages/*.html: saved-page stand-ins of LinkedIn's settings pages.

Nobody on this team can open linkedin.com, so these pages are modelled on the public facts in
docs/linkedin.md (how and why: docs/fixtures.md): a client-rendered page saved after rendering,
hashed CSS-module class names, ``main#main``, a native ``<input type=checkbox role=switch
aria-labelledby=KEY>`` whose label is the element with id KEY, and localized On/Off text beside
it. The person shown is invented.

This script has its own table of page facts on purpose: it does NOT read selectors/, so a wrong
selector map cannot silently produce matching fixtures. Run it once after changing it
(``python scripts/make_fixtures.py``); the HTML it writes is committed and is what the tests read.
Each page begins with a one-line comment holding its metadata as JSON::

    <!-- linkedin-optout-fixture {"url": ..., "kind": ..., "expect": {...}} -->

The layout of this file: the facts as typed records (``SettingsPage``, ``Switch``,
``Translation``, ``CategoryPage``, ``GuardPage``), then one template per kind of page (the
settings app shell with its switch rows, a category card, a stand-alone page for walls, refusals
and the policy, the empty answer of a denied request), then the list of fixtures built from them.
"""

# No ``from __future__ import annotations``: tests/test_map_coverage.py loads this file without
# registering it as a module, and dataclasses cannot resolve string annotations then.
import hashlib
import json
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
HOST = "https://www.linkedin.com"
PERSON = "Avery Quill"  # invented

# --- the facts, as records ---------------------------------------------------------------------------

# How a switch is drawn: the native checkbox labelled by its key (the common case), the cookie
# switch found by its id and labelled by <label for>, LinkedIn's older artdeco toggle (aria-checked
# on the input too), a <button role=switch aria-checked> (no .checked property), or a switch with
# no key and no id whose accessible name (aria-label) is all that says what it is.
Shape = Literal["labelledby", "element_id", "artdeco", "button", "label_only"]


@dataclass(frozen=True)
class Switch:
    """One switch on a page. ``setting`` is the catalogue id it stands for ("" for a switch no map
    claims: a decoy, a twin, a setting LinkedIn added); ``key`` is its aria-labelledby key (its id
    for ``element_id``, its form field name for ``label_only``)."""

    setting: str
    key: str
    label: str
    on: bool = True
    shape: Shape = "labelledby"

    def turned(self, on: bool) -> "Switch":
        return replace(self, on=on)


@dataclass(frozen=True)
class SettingsPage:
    """A settings page as LinkedIn serves it: its path, its switches, its title and question."""

    stem: str  # the fixture files' name stem
    path: str
    switches: tuple[Switch, ...]
    title: str
    question: str


@dataclass(frozen=True)
class Translation:
    """The AI page in another language. ``label`` None: no public source gives the label."""

    lang: str
    title: str
    label: str | None
    words: tuple[str, str]  # the On/Off text beside the switch
    question: str


# docs/linkedin.md#settings-pages: the paths and keys are sourced, and so are the AI page's texts.
# The other pages' labels and questions are written for these fixtures (no map holds them); their
# titles are the setting names guides quote, which three maps also hold [I].
PAGES = (
    SettingsPage("ai-training", "/mypreferences/d/settings/data-for-ai-improvement",
                 (Switch("ai-training", "allowDataForGenerativeAI", "Use my data for training content creation AI models"),),
                 "Data for Generative AI Improvement",
                 "Can LinkedIn use your personal data and content you create on LinkedIn to train generative AI "
                 "models that create content?"),
    SettingsPage("research", "/mypreferences/d/settings/policy-and-academic-research",
                 (Switch("research", "allowAnonymizedDataResearch", "Use my data for social, economic and workplace research"),),
                 "Social, economic and workplace research",
                 "Can LinkedIn use your data for research by trusted third parties?"),
    SettingsPage("affiliate-sharing", "/mypreferences/d/settings/share-data-with-select-partners",
                 (Switch("affiliate-sharing", "shareDataWithTrustedPartners", "Share my data with Microsoft and select partners"),),
                 "Data sharing with affiliates and select partners",
                 "Can LinkedIn share your data with Microsoft, its affiliates and select partners for ads?"),
    SettingsPage("ads-off-linkedin", "/mypreferences/d/settings/ads-beyond-linkedin",
                 (Switch("ads-off-linkedin", "allowLinkedInAudienceNetwork", "Show me ads off LinkedIn"),),
                 "Ads off LinkedIn", "Can LinkedIn show you ads on partner apps and websites?"),
    SettingsPage("ads-advertiser-data", "/mypreferences/d/settings/ads-interactions-with-business",
                 (Switch("ads-advertiser-data", "allowUseOfThirdPartyData", "Use data advertisers share about me"),),
                 "Advertiser data for ads", "Can LinkedIn use data that advertisers provide to show you ads?"),
    SettingsPage("ads-measure-success", "/mypreferences/d/settings/ads-related-actions",
                 (Switch("ads-measure-success", "allowConversionTrackings", "Use my actions to measure ad success"),),
                 "Measure ad success", "Can LinkedIn use your actions on advertisers' sites to measure ads?"),
    SettingsPage("ads-inferred-age", "/mypreferences/d/settings/ads-by-age",
                 (Switch("ads-inferred-age", "allowAdsByAge", "Use my inferred age range for ads"),),
                 "Inferred age range", "Can LinkedIn use an age range it infers about you to show you ads?"),
    SettingsPage("ads-inferred-gender", "/mypreferences/d/settings/ads-by-gender",
                 (Switch("ads-inferred-gender", "allowAdsByGender", "Use my inferred gender for ads"),),
                 "Inferred gender", "Can LinkedIn use a gender it infers about you to show you ads?"),
    SettingsPage("ads-inferred-location", "/mypreferences/d/settings/ads-inferred-location",
                 (Switch("ads-inferred-location", "allowIpToPersonalizeAds", "Use my inferred city location for ads"),),
                 "Inferred city location", "Can LinkedIn use a city it infers from your IP address to show you ads?"),
    SettingsPage("ads-interests", "/mypreferences/d/interest-categories",
                 (Switch("ads-interests", "adsPrivacyAllowInterestsAndBehaviors", "Use my inferred interests and traits for ads"),),
                 "Interests and traits", "Can LinkedIn use interests and traits it infers about you to show you ads?"),
    SettingsPage("marketing", "/mypreferences/d/settings/linkedin-promotions",
                 (Switch("marketing-promotions", "allowProfileAndActivityDataForMarketingAds",
                         "Use my profile and activity to promote LinkedIn"),
                  Switch("marketing-emails", "tipsForUsingLinkedinViaEmail", "Send me tips for using LinkedIn by email")),
                 "LinkedIn promotions", "Can LinkedIn use your data to market LinkedIn to you?"),
    SettingsPage("non-essential-cookies", "/mypreferences/d/member-cookies",
                 (Switch("non-essential-cookies", "nonEssentialCookieConsent", "Allow non-essential cookies",
                         shape="element_id"),),
                 "Cookie preferences", "Can LinkedIn use non-essential cookies when you are signed in?"),
)
PAGE = {p.stem: p for p in PAGES}
AI = PAGE["ai-training"]
AI_SWITCH = AI.switches[0]
# Some repositories use this slug for the AI page (docs/linkedin.md#aliases-and-older-addresses).
AI_ALIAS = "/mypreferences/d/settings/data-for-generative-ai-improvement"
AI_REDIRECT = quote(HOST + AI.path, safe="")

# docs/linkedin.md#translations: the AI page's title and label per language; the questions are
# written for these fixtures. The first two also get a page of their own, found by the map's key.
TRANSLATIONS = (
    Translation("de", "Daten zur Verbesserung generativer KI",
                "Ihre Daten zum Schulen von KI-Modellen verwenden, um Inhalte zu erstellen", ("Ein", "Aus"),
                "Darf LinkedIn Ihre personenbezogenen Daten zum Trainieren generativer KI-Modelle verwenden?"),
    Translation("fr", "Données pour l'amélioration de l'IA générative",
                "Utiliser mes données pour entraîner des modèles d'IA de création de contenu", ("Oui", "Non"),
                "LinkedIn peut-il utiliser vos données pour entraîner des modèles d'IA générative ?"),
    Translation("nl", "Gegevens voor verbetering van generatieve AI",
                "Mijn gegevens gebruiken voor training van AI-modellen waarmee content wordt gemaakt", ("Aan", "Uit"),
                "Mag LinkedIn uw gegevens gebruiken om generatieve AI-modellen te trainen?"),
    Translation("it", "Dati per migliorare l'IA generativa", None, ("Sì", "No"),
                "LinkedIn può usare i tuoi dati per addestrare modelli di IA generativa?"),
    Translation("pt", "Dados para aprimoramento da IA generativa",
                "Usar meus dados para treinar modelos de IA para criar conteúdos", ("Sim", "Não"),
                "O LinkedIn pode usar seus dados para treinar modelos de IA generativa?"),
)
OWN_PAGE_LANGS = ("de", "fr")

# An unrelated switch some pages carry before the real one (docs/linkedin.md#the-first-checkbox-trap).
DECOY = Switch("", "allowProfileDiscoveryByEmail", "Allow people who have my email address to find me")


# --- templates ---------------------------------------------------------------------------------------


def cls(name: str, build: str) -> str:
    """A CSS-module class name as LinkedIn's build emits it: _name_<hash> (docs/linkedin.md#switch-markup)."""
    return f"_{name}_{hashlib.sha1(f'{build}:{name}'.encode()).hexdigest()[:6]}"


def page(title: str, body: str, *, lang: str = "en", build: str = "b1", banner: bool = False,
         signed_in: bool = True) -> str:
    """The settings app's shell around ``body``: navigation, side menu, ``main#main``."""
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
  <div id="artdeco-global-alert-container">{BANNER if banner else ''}</div>"""
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


# The EU cookie banner, copied in structure from saved LinkedIn pages (docs/linkedin.md#cookie-banner).
BANNER = """
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


def switch_row(switch: Switch, words: tuple[str, str], build: str, *, stale_text: bool = False) -> str:
    """One row of a settings card: the label, the On/Off text and the switch, drawn as its shape says.
    ``stale_text``: the On/Off text says the opposite of the switch (text must never decide)."""
    c = lambda n: cls(n, build)  # noqa: E731
    key, label, on = switch.key, switch.label, switch.on
    checked = " checked" if on else ""
    word = words[0] if on != stale_text else words[1]
    state = f'<span class="{c("stateText")}" aria-hidden="true">{word}</span>'
    wrap = c("switchWrap")
    label_el = f'<p id="{key}" class="{c("label")}">{label}</p>'
    if switch.shape == "labelledby":
        inner = [state, f'<input type="checkbox" role="switch" aria-labelledby="{key}" class="{c("switchCheckbox")}"{checked}>']
    elif switch.shape == "element_id":
        label_el = f'<label class="{c("label")}" for="{key}">{label}</label>'
        inner = [state, f'<input type="checkbox" role="switch" id="{key}" class="{c("switchCheckbox")}"{checked}>']
    elif switch.shape == "button":
        inner = [state, f'<button type="button" role="switch" aria-labelledby="{key}" aria-checked="{str(on).lower()}"\n'
                        f'                    class="{c("switchCheckbox")}"></button>']
    elif switch.shape == "artdeco":
        wrap = "artdeco-toggle artdeco-toggle--32dp ember-view"
        inner = [f'<input type="checkbox" role="switch" aria-labelledby="{key}" aria-checked="{str(on).lower()}"\n'
                 f'                   class="artdeco-toggle__button"{checked}>',
                 f'<label class="artdeco-toggle__text" aria-hidden="true">{word}</label>']
    else:  # label_only
        label_el = f'<p class="{c("label")}" aria-hidden="true">{label}</p>'
        inner = [state, f'<input type="checkbox" role="switch" name="{key}" aria-label="{label}" '
                        f'class="{c("switchCheckbox")}"{checked}>']
    lines = "".join(f"\n            {part}" for part in inner)
    return f"""
        <div class="{c('row')}">
          {label_el}
          <div class="{wrap}">{lines}
          </div>
        </div>"""


def settings_body(title: str, question: str, rows: str, build: str) -> str:
    c = lambda n: cls(n, build)  # noqa: E731
    return f"""      <section class="{c('card')}">
        <h1 class="{c('title')}">{title}</h1>
        <h4 class="{c('question')}">{question}</h4>{rows}
        <p class="{c('help')}">Turning this off only affects future use. <a href="/help/linkedin/answer/a5538339">Learn more</a></p>
      </section>"""


# A page outside the settings app: a sign-in page, a checkpoint, a refusal, the privacy policy.
STANDALONE = '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>{title}</title></head>\n<body>\n{body}</body>\n</html>\n'
# What LinkedIn answers a denied request with (HTTP 999, 401, 403): next to nothing.
EMPTY = "<html><head><title></title></head><body></body></html>\n"


def standalone(title: str, body: str) -> str:
    """``body`` is written unindented; the template indents it under <body>."""
    return STANDALONE.format(title=title, body=textwrap.indent(body.strip("\n") + "\n", "  "))


# --- settings fixtures --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SettingsFixture:
    """A saved settings page. ``rows`` are drawn in order; the metadata expects each row that has a
    ``setting`` in its state, unless ``expect`` says otherwise."""

    file: str
    path: str
    title: str
    question: str
    rows: tuple[Switch, ...]
    note: str
    lang: str = "en"
    words: tuple[str, str] = ("On", "Off")
    build: str = "b1"  # another build hashes every class name differently
    banner: bool = False
    stale_text: bool = False
    expect: dict[str, str] | None = None
    strategy: str | None = None  # the locator strategy that should find it, when not the map's key
    unlisted: dict[str, str] = field(default_factory=dict)  # label -> state of switches no map covers
    demo_template: bool = False  # the demo site serves this page at its URL

    def html(self) -> str:
        rows = "".join(switch_row(s, self.words, self.build, stale_text=self.stale_text) for s in self.rows)
        body = settings_body(self.title, self.question, rows, self.build)
        return page(self.title, body, lang=self.lang, build=self.build, banner=self.banner)

    def meta(self) -> dict:
        expect = self.expect if self.expect is not None else {
            s.setting: ("on" if s.on else "off") for s in self.rows if s.setting}
        meta: dict = {"url": HOST + self.path, "kind": "settings", "lang": self.lang, "note": self.note, "expect": expect}
        if self.strategy:
            meta["strategy"] = self.strategy
        if self.unlisted:
            meta["unlisted"] = self.unlisted
        if self.banner:
            meta["cookie_banner"] = True
        if self.demo_template:
            meta["demo_template"] = True
        return meta


def on_page(p: SettingsPage, file: str, note: str, rows: tuple[Switch, ...] | None = None, *,
            title: str | None = None, question: str | None = None, **drawn: Any) -> SettingsFixture:
    """A fixture of page ``p``: its own switches (all on) unless ``rows`` says otherwise, its own
    title and question unless given; ``drawn``: the rest of ``SettingsFixture``'s fields."""
    return SettingsFixture(file, p.path, title or p.title, question or p.question,
                           p.switches if rows is None else rows, note, **drawn)


def plain_pages() -> Iterator[SettingsFixture]:
    """One page per settings page with every switch on (also the demo site's template), one off."""
    for p in PAGES:
        for on in (True, False):
            yield on_page(p, f"{p.stem}.{'on' if on else 'off'}.html", f"{p.title}, every switch {'on' if on else 'off'}",
                          tuple(s.turned(on) for s in p.switches), demo_template=on)


def ai_variants() -> Iterator[SettingsFixture]:
    """The AI page as LinkedIn might also draw it: each variant is one way a naive reader goes wrong."""
    ai = AI_SWITCH
    promo, mails = PAGE["marketing"].switches
    yield on_page(PAGE["marketing"], "marketing.mixed.html", "two switches on one page, first on and second off",
                  (promo, mails.turned(False)))
    yield on_page(AI, "ai-training.cookie-banner.html", "EU cookie banner over the AI page", banner=True)
    yield on_page(AI, "ai-training.decoy-first.html", "an unrelated switch placed before the real one", (DECOY, ai))
    yield on_page(AI, "ai-training.reskinned.html", "every hashed class name changed (a new LinkedIn build)",
                  build="b2-reskin")
    yield on_page(AI, "ai-training.artdeco-off.html", "LinkedIn's older artdeco toggle, aria-checked on the input, off",
                  (replace(ai, on=False, shape="artdeco"),))
    yield on_page(AI, "ai-training.button-switch.html", "the switch rendered as <button role=switch aria-checked=true>",
                  (replace(ai, shape="button"),))
    yield on_page(AI, "ai-training.stale-text.html", "the On/Off text beside the switch says Off while the switch is on",
                  stale_text=True)
    yield on_page(AI, "ai-training.renamed-key.html", "the labelledby key renamed, the label kept",
                  (replace(ai, key="genAiDataUseToggle"),), strategy="label")
    yield on_page(AI, "ai-training.duplicate-key.html", "two switches carry the AI key and label",
                  (ai, replace(ai, setting="", on=False)), expect={"ai-training": "ambiguous"})
    yield on_page(AI, "ai-training.same-label.html", "key renamed, and two switches share the label",
                  (Switch("", "genAiToggleA", ai.label), Switch("", "genAiToggleB", ai.label, on=False)),
                  expect={"ai-training": "ambiguous"})
    for t in TRANSLATIONS:
        if t.lang in OWN_PAGE_LANGS:
            yield on_page(AI, f"ai-training.{t.lang}.html", f"the AI page in {t.lang}",
                          (replace(ai, label=t.label or ai.label),), title=t.title, question=t.question,
                          lang=t.lang, words=t.words)
    # es: the title is unconfirmed (docs/linkedin.md#translations) and no label is known, so this
    # page's label is invented and its key renamed: only the "title matches and exactly one switch"
    # rule finds it.
    yield on_page(AI, "ai-training.es-renamed-key.html",
                  "the AI page in es, key renamed, label unknown: found by title and the only switch",
                  (replace(ai, key="genAiEsToggle", label="Usar mis datos para entrenar modelos de IA (inventado)"),),
                  title="Datos para mejorar la IA generativa",
                  question="¿Puede LinkedIn usar tus datos para entrenar IA generativa?",
                  lang="es", words=("Sí", "No"), strategy="only_switch")


# --- proof fixtures ---------------------------------------------------------------------------------
# Pages whose only job is to make one field of the maps decide a match, so a test can prove every
# field does some work (tests/test_map_coverage.py): a label per language (the key renamed, so the
# label decides), a title per language (key renamed and label unknown, so only the title and the
# single switch decide), the alias URL, and a guard page at each wall or challenge URL prefix
# (docs/linkedin.md#walls-and-challenges). Invented wording is marked "(invented)" in the page and its note.

def proof_pages() -> Iterator[SettingsFixture]:
    ai = AI_SWITCH
    for t in sorted(TRANSLATIONS, key=lambda t: t.lang):
        drawn: dict[str, Any] = {"title": t.title, "question": t.question, "lang": t.lang, "words": t.words}
        renamed = replace(ai, key=f"renamedKey{t.lang.title()}")
        if t.label:  # found by its label alone
            yield on_page(AI, f"ai-training.label-{t.lang}.html", f"the AI page in {t.lang}, key renamed: found by its {t.lang} label",
                          (replace(renamed, label=t.label),), strategy="label", **drawn)
        yield on_page(AI, f"ai-training.title-{t.lang}.html",
                      f"the AI page in {t.lang}, key renamed, label unknown: found by title and the only switch",
                      (replace(renamed, label=f"({t.lang}, invented label)"),), strategy="only_switch", **drawn)
    yield on_page(AI, "ai-training.title-en.html", "the AI page, key renamed, label unknown: found by title and the only switch",
                  (replace(ai, key="renamedKeyEn", label="(invented label)"),), strategy="only_switch")
    yield replace(on_page(AI, "ai-training.alias.html", "the AI page at the slug some repositories use",
                          (ai.turned(False),)), path=AI_ALIAS)
    for stem in ("ads-off-linkedin", "ads-advertiser-data", "ads-measure-success"):
        p = PAGE[stem]
        yield on_page(p, f"{stem}.title-en.html", f"{p.title}: key renamed, label unknown: found by title and the only switch",
                      (replace(p.switches[0], key="renamedKey", label="(invented label)"),), strategy="only_switch")


# --- teach: pages LinkedIn might change so that no bundled strategy finds the switch ------------------
# Each has another title (so the "only switch" rule cannot apply) and a new label. They are what the
# bundled maps read as not_found; `teach` learns them from a person's click.
TEACH_TITLE = "Generative AI and your data"
TEACH_QUESTION = "Can LinkedIn use your data to train AI that creates content?"
TEACH_LABEL = "Allow LinkedIn to train content-creating AI with my data"


def teach_pages() -> Iterator[SettingsFixture]:
    not_found = {AI_SWITCH.setting: "not_found"}
    teach = {"title": TEACH_TITLE, "question": TEACH_QUESTION, "expect": not_found}
    twin = Switch("", "genAiTwin", TEACH_LABEL, shape="label_only")
    yield on_page(AI, "ai-training.key-and-label-changed.html",
                  "the AI switch's key, label and the page title all changed; an unrelated switch above it",
                  (DECOY, Switch("", "genAiContentTrainingConsent", TEACH_LABEL)), **teach)
    yield on_page(AI, "ai-training.label-only.html", "the AI switch has no key and no id, only a new accessible name",
                  (DECOY, Switch("", "genAiLabelOnly", TEACH_LABEL, shape="label_only")), **teach)
    yield on_page(AI, "ai-training.twin-switches.html",
                  "two identical switches (same name, no key, no id): no locator can tell them apart", (twin, twin), **teach)


# --- settings LinkedIn adds later ---------------------------------------------------------------------
# The category index pages exist (docs/linkedin.md#category-pages) but their shape is not known:
# these list each setting as a link in a card, the simplest shape. The unlisted setting is INVENTED:
# no public source names a 14th switch; it stands for the one LinkedIn adds next.

UNLISTED = SettingsPage("unlisted.ai-hiring", "/mypreferences/d/settings/ai-hiring-assistant",
                        (Switch("", "allowDataForHiringAssistant", "Use my profile data in AI hiring tools (invented)"),),
                        "Data for AI-assisted hiring",
                        "Can LinkedIn use your profile data in the AI tools recruiters use? (invented)")


@dataclass(frozen=True)
class CategoryPage:
    """A category index page: a heading and its items; an item without a path is a subheading."""

    name: str
    heading: str
    items: tuple[tuple[str, str | None], ...]


CATEGORIES = (
    CategoryPage("privacy", "Data privacy", (
        ("How LinkedIn uses your data", None),
        ("Get a copy of your data", "/mypreferences/d/download-my-data"),
        ("Manage your data and activity", "/mypreferences/d/manage-data"),
        ("Search history", "/mypreferences/d/search-history"),
        ("Social, economic and workplace research", "/mypreferences/d/settings/policy-and-academic-research"),
        ("Data for Generative AI Improvement", "/mypreferences/d/settings/data-for-ai-improvement"),
        ("Data for AI-assisted hiring", UNLISTED.path),
        ("Data sharing with affiliates and select partners", "/mypreferences/d/settings/share-data-with-select-partners"),
        ("Cookie preferences", "/mypreferences/d/member-cookies"),
        ("LinkedIn promotions", "/mypreferences/d/settings/linkedin-promotions"),
    )),
    CategoryPage("ads", "Advertising data", (
        ("Profile data for ad personalization", None),
        ("Ads off LinkedIn", "/mypreferences/d/settings/ads-beyond-linkedin"),
        ("Advertiser data for ads", "/mypreferences/d/settings/ads-interactions-with-business"),
        ("Measure ad success", "/mypreferences/d/settings/ads-related-actions"),
        ("Inferred age range", "/mypreferences/d/settings/ads-by-age"),
        ("Inferred gender", "/mypreferences/d/settings/ads-by-gender"),
        ("Inferred city location", "/mypreferences/d/settings/ads-inferred-location"),
        ("Interests and traits", "/mypreferences/d/interest-categories"),
    )),
)


def category_body(category: CategoryPage, build: str, *, reshaped: bool = False) -> str:
    """A category's card of links. ``reshaped``: the same items as buttons that navigate by script
    (no link to read): the shape change the discovery must survive with one warning."""
    c = lambda n: cls(n, build)  # noqa: E731
    rows = []
    for text, href in category.items:
        if href is None:
            rows.append(f'          <li class="{c("subhead")}"><h3>{text}</h3></li>')
        elif reshaped:
            rows.append(f'          <li><button class="{c("item")}" type="button" data-nav="{href[::-1]}">{text}</button></li>')
        else:
            rows.append(f'          <li><a class="{c("item")}" href="{href}">{text}<span aria-hidden="true">\u203a</span></a></li>')
    return f"""      <section class="{c('card')}">
        <h1 class="{c('title')}">{category.heading}</h1>
        <ul class="{c('list')}">
{chr(10).join(rows)}
        </ul>
      </section>"""


def discovery_fixtures() -> None:
    for category in CATEGORIES:
        path = f"/mypreferences/d/categories/{category.name}"
        links = [href for _t, href in category.items if href]
        for reshaped in (False, True):
            write(f"category-{category.name}{'.reshaped' if reshaped else ''}.html",
                  {"url": HOST + path, "kind": "category", "lang": "en", "links": [] if reshaped else links,
                   "note": f"the {category.heading} category page" + (
                       ", reshaped: items are script buttons, no links (a shape change)" if reshaped else
                       ": a card of links, the simplest shape [shape unconfirmed]"),
                   "demo_template": not reshaped},
                  page(category.heading, category_body(category, "b1", reshaped=reshaped)))
    unlisted = UNLISTED.switches[0]
    write_settings(on_page(UNLISTED, "unlisted.ai-hiring.on.html",
                           "a settings page no map covers (invented): the setting LinkedIn adds next",
                           expect={}, demo_template=True, unlisted={unlisted.label: "on"}))
    write("privacy-policy.html", {"url": HOST + "/legal/privacy-policy", "kind": "policy", "lang": "en",
                                  "effective": "2025-11-03", "demo_template": True,
                                  "note": "the public privacy policy; its date in the form docs/linkedin.md#privacy-policy quotes"},
          standalone("LinkedIn Privacy Policy", POLICY_BODY.format(effective="November 3, 2025")))


POLICY_BODY = """
<header id="global-nav"><a href="/">LinkedIn</a></header>
<main id="main">
  <h1>Privacy Policy</h1>
  <p class="_effective_1a2b3c">Effective {effective}</p>
  <p>Your Privacy Matters. LinkedIn's mission is to connect the world's professionals ...</p>
  <h2>Targeted Ads</h2>
  <p>We use your data to show you ads ... (abridged stand-in)</p>
</main>
"""


# --- guard pages: walls, challenges, refusals, pages not offered ------------------------------------
# Every one is drawn by the STANDALONE template (or EMPTY, for a denied request) from its record.

GuardKind = Literal["signed_out", "challenge", "refused", "unavailable", "rate_limited"]


@dataclass(frozen=True)
class GuardPage:
    """A page that stands between the tool and a switch. ``title`` is the whole <title>; ``body``
    None means LinkedIn's empty answer (the HTTP status says it all)."""

    file: str
    path: str
    kind: GuardKind
    title: str
    body: str | None
    note: str
    status: int | None = None  # the HTTP status LinkedIn answered with, when it is not 200
    # What classifies it: "url" when nothing in the page marks it (its wording is invented), "status"
    # when the status alone does; None: its content, wherever it is shown.
    decided_by: Literal["url", "status"] | None = None
    demo_template: bool = False  # the demo site serves it for its kind

    def html(self) -> str:
        return EMPTY if self.body is None else standalone(self.title, self.body)

    def meta(self) -> dict:
        meta: dict = {"url": HOST + self.path, "kind": self.kind, "lang": "en", "note": self.note, "expect": {}}
        if self.status is not None:
            meta["status"] = self.status
        if self.decided_by:
            meta["decided_by"] = self.decided_by
        if self.demo_template:
            meta["demo_template"] = True
        return meta


# docs/linkedin.md#walls-and-challenges: title "LinkedIn Login, Sign in | LinkedIn" at
# /uas/login?session_redirect=...
LOGIN = """
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
"""
# docs/linkedin.md#walls-and-challenges: /checkpoint/challenge/<id>, title "Security Verification | LinkedIn".
CHECKPOINT = """
<main class="app__content">
  <h1>Let's do a quick security check</h1>
  <form id="captcha-challenge" method="post" action="/checkpoint/challenge/verify">
    <input type="hidden" name="csrfToken" value="ajax:0000000000000000000">
    <iframe id="captcha-internal" title="Captcha" src="/checkpoint/challenge/captcha-frame"></iframe>
    <button type="submit">Submit</button>
  </form>
</main>
"""
NOT_FOUND = """
<header id="global-nav"><a href="/feed/">Home</a> <a href="/mynetwork/">My Network</a></header>
<main id="main" class="_notFound_3c4d5e">
  <section>
    <h1>This page doesn\u2019t exist</h1>
    <p>Please check your URL or return to LinkedIn home.</p>
    <a href="/feed/">Go to your feed</a>
  </section>
</main>
"""
RATE_LIMITED = """
<h1>Too Many Requests</h1>
<p>You have made too many requests. Please try again later.</p>
"""
# docs/linkedin.md#walls-and-challenges: guest pages and the authwall use session_key/session_password;
# the wall is drawn at the URL asked for. No form.login__form class, no #password id, no sign-in title.
INPLACE_SIGNIN = """
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
"""
# docs/linkedin.md#walls-and-challenges: "Enter the code we sent" = 2FA. In place, under LinkedIn's plain title.
INPLACE_CHALLENGE = """
<main id="main" class="_verify_4f5a6b">
  <h1>Enter the code we sent to your email</h1>
  <p>To keep your account safe, verify your identity.</p>
  <form id="email-pin-challenge" method="post" action="/checkpoint/challenge/verify">
    <input name="pin" type="text" inputmode="numeric" aria-label="6-digit code">
    <button type="submit">Submit</button>
  </form>
</main>
"""
# [I]: the not-found component by its class and test id, with wording no marker knows.
INPLACE_NOT_OFFERED = """
<main id="main">
  <section class="not-found-404" data-test-id="page-not-found">
    <h1>Nothing here (invented)</h1>
  </section>
</main>
"""
# docs/linkedin.md#refusals: "Your account has been restricted" [C]; the wording varies.
RESTRICTED = """
<main id="main">
  <h1>Your account has been restricted</h1>
  <p>Your account is temporarily restricted because we noticed some unusual activity.</p>
  <a href="/help/linkedin/answer/a1340522">Learn more</a>
</main>
"""
JOIN = "<h1>Join LinkedIn (invented wording)</h1>"
SIGN_IN_FORM = ('<form method="post" action="/checkpoint/lg/login-submit"><input id="username" name="session_key">'
                '<input id="password" name="session_password" type="password"><button type="submit">Sign in</button></form>')

GUARD_PAGES = (
    # The demo site's guard pages, one per kind it serves.
    GuardPage("login-wall.html", f"/uas/login?session_redirect={AI_REDIRECT}", "signed_out",
              "LinkedIn Login, Sign in | LinkedIn", LOGIN, "LinkedIn's sign-in page after a session redirect",
              demo_template=True),
    GuardPage("checkpoint-challenge.html", "/checkpoint/challenge/AgHfixtureChallengeId0123456789", "challenge",
              "Security Verification | LinkedIn", CHECKPOINT, "security verification (captcha) checkpoint",
              demo_template=True),
    GuardPage("page-not-found.html", "/mypreferences/d/settings/ads-by-age", "unavailable", "Page Not Found | LinkedIn",
              NOT_FOUND, "LinkedIn's page-doesn't-exist answer for a setting not offered here", demo_template=True),
    GuardPage("rate-limited.html", AI.path, "rate_limited", "LinkedIn", RATE_LIMITED,
              "a short too-many-requests page without <main>", demo_template=True),
    # One page at each wall or challenge URL prefix, so that each prefix decides on its own.
    GuardPage("wall-login.html", f"/login?session_redirect={AI_REDIRECT}", "signed_out", "LinkedIn Login, Sign in | LinkedIn",
              SIGN_IN_FORM, "the sign-in page at /login (username/password ids)"),
    GuardPage("wall-authwall.html", f"/authwall?trk=gf&sessionRedirect={AI_REDIRECT}", "signed_out", "Sign Up | LinkedIn",
              JOIN, "the authwall a signed-out visit is sent to", decided_by="url"),
    GuardPage("wall-cold-join.html", f"/signup/cold-join?session_redirect={AI_REDIRECT}", "signed_out", "Sign Up | LinkedIn",
              JOIN, "the join page a signed-out visit is sent to", decided_by="url"),
    GuardPage("wall-guest-cookies.html", "/mypreferences/g/guest-cookies", "signed_out", "Cookie preferences | LinkedIn",
              "<h1>Cookie preferences (invented wording)</h1>", "the guest cookie page (a signed-out visitor)",
              decided_by="url"),
    GuardPage("challenge-path.html", "/challenge/AgHfixtureChallenge", "challenge", "LinkedIn | LinkedIn",
              "<h1>Verify it's you (invented wording)</h1>", "a challenge under /challenge", decided_by="url"),
    GuardPage("challenge-email-pin.html", "/uas/consumer-email-challenge", "challenge", "LinkedIn | LinkedIn",
              "<h1>Enter the code we sent to your e-mail address</h1>", "the e-mail PIN challenge"),
    GuardPage("unavailable-ascii.html", "/mypreferences/d/settings/ads-by-gender", "unavailable", "LinkedIn | LinkedIn",
              '<main id="main"><h1>This page doesn\'t exist</h1></main>', "page-not-found, ASCII apostrophe"),
    GuardPage("unavailable-page-not-found.html", "/mypreferences/d/settings/ads-inferred-location", "unavailable",
              "LinkedIn | LinkedIn", '<main id="main"><h1>Page not found</h1></main>', "page-not-found, other wording"),
    # Walls drawn in place, at the settings URL, without a redirect (docs/linkedin.md#walls-and-challenges),
    # and LinkedIn's refusals. Each is recognised by what the page holds, not by its URL.
    GuardPage("inplace-signin.html", AI.path, "signed_out", "LinkedIn", INPLACE_SIGNIN,
              "the guest authwall drawn in place at the AI settings URL (session_key/session_password)"),
    GuardPage("inplace-challenge.html", "/mypreferences/d/settings/policy-and-academic-research", "challenge", "LinkedIn",
              INPLACE_CHALLENGE, "a security check drawn in place at a settings URL: the code-sent form, no captcha, no title"),
    GuardPage("restricted.html", AI.path, "refused", "LinkedIn", RESTRICTED,
              "the restricted-account notice in place at a settings URL"),
    GuardPage("inplace-not-offered.html", "/mypreferences/d/settings/ads-by-gender", "unavailable", "LinkedIn",
              INPLACE_NOT_OFFERED, "a not-found component drawn in place at a settings URL (its wording invented)"),
    GuardPage("forbidden-403.html", "/mypreferences/d/settings/share-data-with-select-partners", "refused", "", None,
              "a page load answered 403 Forbidden, next to nothing in it", status=403, decided_by="status"),
    GuardPage("unauthorized-401.html", "/mypreferences/d/settings/ads-by-age", "signed_out", "", None,
              "a page load answered 401 with an empty page: the session is not accepted", status=401, decided_by="status"),
    GuardPage("denied-999.html", AI.path, "refused", "", None,
              "LinkedIn's HTTP 999 'request denied' answer: a near-empty page", status=999, decided_by="status"),
)


# --- writing ------------------------------------------------------------------------------------------


def write(name: str, meta: dict, html: str) -> None:
    meta = {"file": name, **meta}
    head = f"<!-- linkedin-optout-fixture {json.dumps(meta, ensure_ascii=False, sort_keys=True)} -->\n"
    (OUT / name).write_text(head + html, encoding="utf-8")


def write_settings(f: SettingsFixture) -> None:
    write(f.file, f.meta(), f.html())


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.html"):
        old.unlink()
    for fixture in (*plain_pages(), *ai_variants(), *proof_pages(), *teach_pages()):
        write_settings(fixture)
    discovery_fixtures()
    for guard in GUARD_PAGES:
        write(guard.file, guard.meta(), guard.html())


if __name__ == "__main__":
    main()
