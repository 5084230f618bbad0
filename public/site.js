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
