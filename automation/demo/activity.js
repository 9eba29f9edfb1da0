// The demo site's stand-in of LinkedIn's activity pages: a post (with its comments), an article,
// the article management page, and the saved resumes. The server sends an empty <main> with
// window.__LINKEDIN_DEMO_ACTIVITY__; this script draws a skeleton, asks for the page's data, then
// draws the items with the markup public scripts describe (docs/prune.md#delete-flows): a "…"
// button, its dropdown with a delete item, and a confirmation dialog whose button sends the
// deletion. Words are always set as text, never as HTML.
(() => {
  const cfg = window.__LINKEDIN_DEMO_ACTIVITY__;
  const main = document.querySelector("main");
  if (!cfg || !main) return;

  const el = (tag, cls, text) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const cookie = (name) => {
    const hit = document.cookie.split("; ").find((c) => c.startsWith(name + "="));
    return hit ? decodeURIComponent(hit.slice(name.length + 1)).replace(/^"|"$/g, "") : "";
  };
  const toast = (message) => {
    const t = el("div", "artdeco-toast-item", message);
    t.setAttribute("role", "alert");
    document.body.appendChild(t);
    setTimeout(() => t.remove(), 3000);
  };

  // A dropdown: the "…" trigger and its items, hidden until the trigger is clicked.
  function dropdown(container, triggerClass, label, items, itemClass, onItem) {
    const box = el("div", "artdeco-dropdown");
    const trigger = el("button", triggerClass + " artdeco-dropdown__trigger", "…");
    trigger.type = "button";
    trigger.setAttribute("aria-label", label);
    trigger.setAttribute("aria-expanded", "false");
    const content = el("div", "artdeco-dropdown__content");
    content.hidden = true;
    const list = el("ul");
    for (const name of items) list.appendChild(itemClass(name, () => { close(); onItem(name); }));
    content.appendChild(list);
    const close = () => { content.hidden = true; trigger.setAttribute("aria-expanded", "false"); };
    trigger.addEventListener("click", () => {
      const open = content.hidden;
      content.hidden = !open;
      trigger.setAttribute("aria-expanded", String(open));
    });
    document.addEventListener("keydown", (e) => { if (e.key === "Escape") close(); });
    box.append(trigger, content);
    container.appendChild(box);
    return box;
  }

  // The confirmation dialog; its primary button sends the deletion.
  function confirmDialog(cls, heading, question, confirmClass, onConfirm) {
    const overlay = el("div", "artdeco-modal-overlay");
    const modal = el("div", "artdeco-modal " + cls);
    modal.setAttribute("role", "dialog");
    modal.append(el("h2", "", heading), el("p", "", question));
    const bar = el("div", "artdeco-modal__actionbar");
    const cancel = el("button", "artdeco-button artdeco-button--secondary", "Cancel");
    const ok = el("button", "artdeco-button artdeco-button--primary artdeco-button--2 " + confirmClass);
    ok.appendChild(el("span", "", "  Delete  "));  // padded, as LinkedIn's is
    cancel.addEventListener("click", () => overlay.remove());
    ok.addEventListener("click", async () => { ok.disabled = true; await onConfirm(); overlay.remove(); });
    bar.append(cancel, ok);
    modal.appendChild(bar);
    overlay.appendChild(modal);
    document.body.appendChild(overlay);
  }

  async function remove(kind, id, node, done) {
    try {
      const res = await fetch(cfg.remove + kind + "/" + encodeURIComponent(id), {
        method: "DELETE", credentials: "include", headers: { "csrf-token": cookie("JSESSIONID") } });
      if (!res.ok) throw new Error("HTTP " + res.status);
      await res.json();
      node.remove();
      toast(done);
      if (cfg.leave) location.href = "/feed/";  // the fault: off to the feed at once
    } catch (e) {
      toast("Something went wrong. Please try again.");
    }
  }

  const feedItem = (name, pick) => {
    const li = el("li", "feed-shared-control-menu__item option-" + name.toLowerCase().replace(/\s+/g, "-"));
    const button = el("div");
    button.setAttribute("role", "button");
    button.tabIndex = 0;
    button.appendChild(el("h5", "feed-shared-control-menu__headline", name));
    button.addEventListener("click", pick);
    li.appendChild(button);
    return li;
  };
  const plainItem = (cls) => (name, pick) => {
    const li = el("li");
    const button = el("div", cls);
    button.setAttribute("role", "button");
    button.tabIndex = 0;
    button.appendChild(cls.includes("comment") ? el("span", "t-bold", name) : document.createTextNode(name));
    button.addEventListener("click", pick);
    li.appendChild(button);
    return li;
  };

  function drawPost(data) {
    if (data.tombstone) {
      main.appendChild(el("div", "feed-shared-update-v2__unavailable", "This post cannot be displayed"));
      return;
    }
    if (!data.post) {
      if (data.emptyComments) main.appendChild(el("section", "comments-comments-list"));
      return;
    }
    const post = data.post;
    const card = el("div", "feed-shared-update-v2");
    card.setAttribute("data-urn", "urn:li:activity:" + post.id.replace(/\D/g, "").slice(0, 19));
    if (post.repost) card.appendChild(el("div", "update-components-header", post.repost));
    const actor = el("div", "update-components-actor");
    actor.appendChild(el("span", "update-components-actor__title", post.author));
    card.appendChild(actor);
    const menu = el("div", "feed-shared-control-menu");
    const box = dropdown(menu, "feed-shared-control-menu__trigger", "Open control menu for post by " + post.author,
                         post.menu, feedItem, (name) => {
      if (!name.startsWith("Delete")) return;
      const what = name === "Delete repost" ? "repost" : "post";
      confirmDialog("feed-components-shared-decision-modal", `Delete ${what}?`,
        `Are you sure you want to permanently remove this ${what} from LinkedIn?`,
        "feed-components-shared-decision-modal__confirm-button",
        () => remove("post", post.id, card, "Post deleted."));
    });
    box.querySelector(".artdeco-dropdown__content").classList.add("feed-shared-control-menu__content");
    card.appendChild(menu);
    const text = el("div", "feed-shared-update-v2__description");
    text.appendChild(el("span", "break-words", post.text));
    card.appendChild(text);
    if (data.comments) card.appendChild(drawComments(data.comments));
    main.appendChild(card);
  }

  function drawComments(comments) {
    const list = el("section", "comments-comments-list");
    for (const c of comments) {
      const item = el("article", "comments-comment-entity");
      const meta = el("div", "comments-comment-meta");
      meta.appendChild(el("span", "comments-comment-meta__description-title", c.author));
      if (c.you) meta.appendChild(el("span", "comments-comment-meta__data", "• You"));
      const options = el("div", "comment-options-trigger");
      dropdown(options, "", `Open options for ${c.author}'s comment`, c.menu,
               plainItem("comment-options-dropdown__option-text"), (name) => {
        if (name !== "Delete") return;
        confirmDialog("comments-delete-comment-modal", "Delete your comment?",
          "Are you sure you want to delete this comment?", "",
          () => remove("comment", c.id, item, "Comment deleted."));
      });
      meta.appendChild(options);
      item.appendChild(meta);
      const words = el("div", "comments-comment-item__main-content");
      words.appendChild(el("span", "", c.text));
      item.appendChild(words);
      list.appendChild(item);
    }
    return list;
  }

  function drawArticle(data) {
    if (!data.article) return;
    const article = el("article", "reader-article");
    article.append(el("h1", "reader-article-header__title", data.article.title),
                   el("div", "reader-article-content", data.article.text));
    main.appendChild(article);
  }

  function drawRows(data, key, listClass, rowClass, nameClass, label, kind, done) {
    const list = el("div", listClass);
    for (const row of data[key]) {
      const item = el("div", rowClass);
      item.appendChild(el("div", nameClass, row.title || row.name));
      const holder = el("div", "jobs-resume-card__options-button-container");
      dropdown(holder, "", label + (row.title || row.name), kind === "resume" ? ["Download", "Delete"] : ["Edit", "Delete"],
               plainItem("artdeco-dropdown__item"), (name) => {
        if (name !== "Delete") return;
        confirmDialog("", kind === "resume" ? "Delete resume?" : "Delete article?",
          "This can't be undone.", "", () => remove(kind, row.id, item, done));
      });
      item.appendChild(holder);
      list.appendChild(item);
    }
    return list;
  }

  function draw(data) {
    main.replaceChildren();
    if (cfg.page === "post") drawPost(data);
    else if (cfg.page === "article") drawArticle(data);
    else if (cfg.page === "manage") {
      const manager = el("div", "article-editor-article-management-modal");
      const tabs = el("div", "article-editor-article-management-modal__tablist");
      tabs.setAttribute("role", "tablist");
      tabs.appendChild(el("button", "", "Published"));
      manager.append(tabs, drawRows(data, "articles", "article-management-list", "article-management-row",
                                    "article-management-row__title", "More actions for ", "article", "Article deleted."));
      main.appendChild(manager);
    } else if (cfg.page === "resumes") {
      const section = el("section", "jobs-resumes-list");
      section.appendChild(el("h2", "", "Save and manage your resumes and answers"));
      section.appendChild(drawRows(data, "resumes", "jobs-resume-cards", "jobs-resume-card",
                                   "jobs-resume-card__file-name", "Show options for ", "resume", "Resume deleted."));
      main.appendChild(section);
    }
  }

  async function load() {
    try {
      const res = await fetch(cfg.data, { credentials: "include" });
      draw(await res.json());
    } catch (e) {
      main.replaceChildren(el("p", "", "Something went wrong."));
    }
  }

  if (cfg.lazy) {
    // The fault: a section loaded lazily: far down the page, drawn empty, its data asked for only
    // once it is scrolled into view.
    const spacer = el("div", "scaffold-layout__spacer");
    spacer.style.height = "3000px";
    main.parentNode.insertBefore(spacer, main);
    draw({ post: null, emptyComments: true, article: null, articles: [], resumes: [] });
    const watch = new IntersectionObserver((seen) => {
      if (seen.some((e) => e.isIntersecting)) { watch.disconnect(); load(); }
    });
    watch.observe(main);
  } else if (cfg.emptyFirst) {
    // The fault: the page's empty state drawn at once (an empty list: no resumes, no comments, no
    // articles), its data asked for only after a quiet pause with nothing in flight.
    draw({ post: null, emptyComments: true, article: null, articles: [], resumes: [] });
    setTimeout(load, cfg.pauseMs);
  } else {
    const skeleton = el("div", "feed-skeleton", "Loading…");
    skeleton.setAttribute("aria-busy", "true");
    main.replaceChildren(skeleton);
    load();
  }
})();
