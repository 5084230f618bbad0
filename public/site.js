// Our one script, for what USWDS's own does not do. Everything works without it.
//
// USWDS opens and closes the mobile menu by a class on <body> but never tells assistive
// technology: the menu button's aria-expanded follows that class here.
(() => {
  const button = document.querySelector(".usa-menu-btn");
  if (!button) return;
  const sync = () => {
    const open = document.body.classList.contains("usa-js-mobile-nav--active");
    button.setAttribute("aria-expanded", open ? "true" : "false");
  };
  new MutationObserver(sync).observe(document.body, {
    attributes: true,
    attributeFilter: ["class"],
  });
  sync();
})();

// A social push's messages (campaigns/social): a button copies each one's text, shown only where
// the browser can write to the clipboard; without it the text is still there to select.
(() => {
  if (!navigator.clipboard) return;
  for (const button of document.querySelectorAll("button[data-copy]")) {
    const field = document.getElementById(button.getAttribute("data-copy") ?? "");
    const status = button.parentElement?.querySelector("[data-copied]");
    if (!field || !status) continue;
    button.parentElement.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(field.value);
        status.textContent = status.getAttribute("data-copied");
      } catch {
        field.select(); // refused (permissions): selected, for the person to copy
      }
    });
  }
})();

// A member's comment on a federal rule (campaigns/comment): saved as it is typed, a few seconds
// after the last key, by the same form post the Save button sends (asking for JSON), and its
// length counted as Regulations.gov counts it (characters, not UTF-16 units). Without this
// script the Save button does the same, and the server refuses what is too long with a message.
(() => {
  const form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch) return;
  const body = form.querySelector("textarea[name=body]");
  const version = form.querySelector("input[name=version]");
  const status = form.querySelector(".cfa-autosave-status");
  const count = document.getElementById("comment-count");
  if (!body || !version || !status) return;
  const numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);
  const showCount = () => {
    const template = count?.getAttribute("data-template");
    if (count && template) {
      count.textContent = template.replace("%COUNT%", numbers.format([...body.value].length));
    }
  };
  let timer;
  let sent = body.value;
  let running = false;
  const save = async () => {
    if (running || body.value === sent || body.value.trim() === "") return;
    running = true;
    const text = body.value;
    status.textContent = form.getAttribute("data-saving");
    try {
      const answer = await fetch(form.getAttribute("data-autosave"), {
        method: "POST",
        headers: { accept: "application/json" },
        body: new URLSearchParams(new FormData(form)),
        credentials: "same-origin",
      });
      const result = await answer.json();
      if (answer.ok && result.saved) {
        version.value = String(result.version);
        sent = text;
        status.textContent = form.getAttribute("data-saved");
      } else {
        const reasons = Object.values(result.errors ?? {}).join(" ");
        status.textContent = `${form.getAttribute("data-failed")} ${reasons}`;
      }
    } catch {
      status.textContent = form.getAttribute("data-failed");
    } finally {
      running = false;
    }
  };
  body.addEventListener("input", () => {
    showCount();
    clearTimeout(timer);
    timer = setTimeout(save, 3000);
  });
  form.querySelector("select[name=locale]")?.addEventListener("change", () => {
    sent = "";
    save();
  });
})();

// Suggestions while a search is typed (/search): a quarter second after the last key, the
// search API's first results as links under the field, the count said politely. Without this
// script the form's Search button does the same, fully.
(() => {
  const box = document.querySelector("[data-suggestions]");
  const input = document.getElementById("search-q");
  if (!box || !input || !window.fetch || !window.AbortController) return;
  const list = box.querySelector("ul");
  const status = document.querySelector("[data-suggestions-status]");
  const prefer = box.getAttribute("data-prefer") ?? "en";
  const base = box.getAttribute("data-base") ?? "";
  let timer;
  let asking;
  const show = (results) => {
    list.replaceChildren();
    for (const result of results.slice(0, 5)) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = new URL(result.url).pathname;
      link.textContent = result.title;
      if (result.lang && result.lang !== document.documentElement.lang) link.lang = result.lang;
      item.append(link);
      list.append(item);
    }
    box.hidden = list.children.length === 0;
    const template = status?.getAttribute("data-template");
    if (status && template) {
      status.textContent = template.replace("%COUNT%", String(list.children.length));
    }
  };
  const ask = async () => {
    const q = input.value;
    asking?.abort();
    if (q.trim().length < 2 || q.length > 200) return show([]);
    asking = new AbortController();
    try {
      const answer = await fetch(`${base}?q=${encodeURIComponent(q)}&prefer=${prefer}`, {
        signal: asking.signal,
        headers: { accept: "application/json" },
      });
      show(answer.ok ? (await answer.json()).results : []);
    } catch {
      // Aborted by a newer key, or offline: the form still works.
    }
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(ask, 250);
  });
})();
