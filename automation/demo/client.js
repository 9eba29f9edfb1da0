// The demo site's stand-in of LinkedIn's client-side settings app.
// The server sends the saved page with this script and window.__LINKEDIN_DEMO__ (state + faults).
// Like the real app, the switches appear only after a render delay, and a click sends
//   PUT /mysettings-api/settingsApiSettings/<key>  with csrf-token = JSESSIONID (docs/linkedin.md#saves).
// By default a switch flips only when its save returns (the Playwright uncheck() pitfall,
// docs/playwright.md#a-switch-that-flips-after-its-save).
(() => {
  const cfg = window.__LINKEDIN_DEMO__;
  const main = document.querySelector("main");
  if (!cfg || !main) return;
  const saved = main.innerHTML;
  main.innerHTML = '<div class="_loading_1x2y3z" aria-busy="true">Loading…</div>';

  const cookie = (name) => {
    const hit = document.cookie.split("; ").find((c) => c.startsWith(name + "="));
    return hit ? decodeURIComponent(hit.slice(name.length + 1)).replace(/^"|"$/g, "") : "";
  };

  const show = (el, on) => {
    if (el instanceof HTMLInputElement) el.checked = on;
    if (el.hasAttribute("aria-checked") || !(el instanceof HTMLInputElement)) el.setAttribute("aria-checked", String(on));
    const text = el.parentElement && el.parentElement.querySelector("[aria-hidden=true]");
    if (text && cfg.words) text.textContent = on ? cfg.words[0] : cfg.words[1];
  };

  const toast = (message) => {
    const t = document.createElement("div");
    t.setAttribute("role", "alert");
    t.className = "_toast_9q8w7e";
    t.textContent = message;
    document.body.appendChild(t);
  };

  async function save(el, key, wanted) {
    const body = { value: wanted, settingDisplayType: "TOGGLE", entityUrn: "urn:li:settingEntity:" + key,
                   key: key, hasChild: false };
    try {
      const res = await fetch(cfg.savePath + encodeURIComponent(key), {
        method: cfg.saveMethod || "PUT",
        credentials: "include",
        headers: { "content-type": "application/json", "csrf-token": cookie("JSESSIONID"),
                   "X-RestLi-Protocol-Version": "2.0.0" },
        body: JSON.stringify(body),
      });
      if (res.status === 401 || res.status === 403) { toast("Your session has ended. Sign in again."); }
      if (!res.ok) throw new Error("HTTP " + res.status);
      const answer = await res.json();
      cfg.state[key] = answer.value;
    } catch (e) {
      toast("Something went wrong. Please try again.");
    }
    show(el, cfg.state[key]);
  }

  function render() {
    main.innerHTML = saved;
    const drawn = [];
    for (const el of main.querySelectorAll("[role=switch], input[type=checkbox]")) {
      const key = el.getAttribute("aria-labelledby") || el.id || el.getAttribute("name");
      if (!(key in cfg.state)) continue;
      drawn.push([el, key]);
      show(el, cfg.placeholder === null ? cfg.state[key] : cfg.placeholder);
      el.addEventListener("click", (ev) => {
        const wanted = (cfg.sendsOn || []).includes(key) ? true : !cfg.state[key];
        if (cfg.flipAfterSave) {
          ev.preventDefault();  // the switch keeps its old look until the save answers
        } else {
          show(el, wanted);
        }
        save(el, key, wanted);
      });
    }
    if (cfg.placeholder !== null) later(drawn);
    if (cfg.clientRedirect) location.replace(cfg.clientRedirect);
  }

  // When the page asks for its data: at once; or only after a quiet pause counted from the
  // document's start (a timer, maybe after an idle callback: nothing in flight meanwhile); or,
  // for a lazy section pushed below the fold, only once it is scrolled into view.
  function later(drawn) {
    const go = () => load(drawn);
    if (cfg.lazy && drawn.length) {
      const spacer = document.createElement("div");
      spacer.style.height = "4000px";
      main.insertBefore(spacer, main.firstChild);
      const io = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) { io.disconnect(); go(); }
      });
      io.observe(drawn[0][0]);
      return;
    }
    const wait = () => {
      const rest = (cfg.dataPauseMs || 0) - performance.now();
      if (rest > 0) setTimeout(go, rest); else go();
    };
    if (cfg.dataIdle && window.requestIdleCallback) requestIdleCallback(wait, { timeout: 200 }); else wait();
  }

  function getJSON(url) {
    if (!cfg.dataXhr) return fetch(url, { credentials: "include" }).then((res) => (res.ok ? res.json() : null));
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open("GET", url);
      xhr.withCredentials = true;
      xhr.onload = () => resolve(xhr.status === 200 ? JSON.parse(xhr.responseText) : null);
      xhr.onerror = () => resolve(null);
      xhr.send();
    });
  }

  // The skeleton drew cfg.placeholder; the page's own data request brings the real state
  // (and a page with a stale drawing keeps the placeholder on screen regardless).
  async function load(drawn) {
    const keys = drawn.map(([, key]) => key).join(",");
    const answer = await getJSON(cfg.savePath.replace(/\/$/, "") + "?keys=" + encodeURIComponent(keys));
    if (!answer) return;
    const real = Object.fromEntries(answer.elements.map((e) => [e.key, e.value]));
    for (const [el, key] of drawn) {
      if (key in real) { cfg.state[key] = real[key]; if (!cfg.staleDrawing) show(el, real[key]); }
    }
  }

  // LinkedIn keeps a streaming connection open while a page is shown (docs/linkedin.md#long-lived-requests).
  if (cfg.realtime) {
    fetch("/realtime/connect?rc=1", { headers: { Accept: "text/event-stream" }, credentials: "include" })
      .then((res) => { const reader = res.body.getReader(); const pump = () => reader.read().then((r) => { if (!r.done) pump(); }); pump(); })
      .catch(() => {});
  }

  // The EU cookie banner sits outside <main> and works from the first paint; the choice is kept in a cookie.
  const wire = (banner) => {
    for (const b of banner.querySelectorAll("button[action-type]")) {
      b.addEventListener("click", () => {
        document.cookie = "li_gc_demo=" + b.getAttribute("action-type") + "; path=/; secure";
        (banner.closest("._late_banner_4k2j") || banner).remove();
      });
    }
  };
  const banner = document.querySelector(".artdeco-global-alert[type=COOKIE_CONSENT]");
  if (banner) wire(banner);

  // A late banner (a busy machine): drawn lateBanner.delayMs after the switches, over the whole
  // page, so that it takes any click until it is answered.
  const late = () => {
    const cover = document.createElement("div");
    cover.className = "_late_banner_4k2j";
    cover.style.cssText = "position:fixed;inset:0;z-index:9999;background:rgba(0,0,0,.35)";
    cover.innerHTML = cfg.lateBanner.html;
    document.body.appendChild(cover);
    const drawn = cover.querySelector(".artdeco-global-alert[type=COOKIE_CONSENT]");
    if (drawn) wire(drawn);
  };

  setTimeout(() => {
    render();
    if (cfg.lateBanner) setTimeout(late, cfg.lateBanner.delayMs);
  }, cfg.renderDelayMs);
})();
