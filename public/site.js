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
