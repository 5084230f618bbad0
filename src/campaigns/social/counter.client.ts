// The as-you-type counter for social messages, in the browser. Progressive enhancement: without
// it the page still works, showing the count the server rendered for the text it sent.
//
// Served as /assets/social-counter.js (public/social-counter.js, bundled from this file with
// twitter-text by counter.bundle.ts; counter.bundle.test.ts fails when it is stale). Load it
// with <script src="/assets/social-counter.js" defer></script>: no inline script (CSP).
//
// Markup contract:
//
//   <textarea id="msg-x" name="x" data-count-platform="x" aria-describedby="msg-x-count">…</textarea>
//   <p id="msg-x-count" aria-live="polite"
//      data-count-template="{count} of {limit} characters"
//      data-count-over-template="{count} of {limit} characters: {over} too many">
//     37 of 280 characters
//   </p>
//
// - data-count-platform: a platform of platforms.ts (x, bluesky, threads, mastodon, facebook,
//   instagram, linkedin); counted by count.ts, as the server counts. Any other value: left alone.
// - aria-describedby may list several ids; the counter is the first element with
//   data-count-template. It must have aria-live="polite" (the script does not add it, so that
//   the page is right before the script runs).
// - data-count-template: the words, translated by the server; {count}, {limit} and {over} become
//   numbers formatted for <html lang>. data-count-over-template (optional) is used over the
//   limit, so a screen reader hears that it is over, not just two numbers.
//
// What the script does to that markup:
// - Inserts just before the counter a copy for the eye (same tag and classes, aria-hidden),
//   updated at every keystroke, and hides the counter itself visually (USWDS usa-sr-only).
// - Updates the live counter only once typing pauses for ANNOUNCE_AFTER_MS, so a screen reader
//   says the count once per pause, not once per key.
// - Over the limit: the class `count-over` and USWDS's usa-character-count__status--invalid on
//   both, usa-input--error and aria-invalid="true" on the textarea (left alone when the server
//   had already marked the field invalid); all removed once the text fits again.
import { countFor } from "./count.js";
import { isPlatform, type Platform } from "./platforms.js";

const ANNOUNCE_AFTER_MS = 1000;
const OVER_CLASSES = ["count-over", "usa-character-count__status--invalid"];

// The little of the DOM used here (the project's tsconfig has no DOM types).
interface Element {
  id: string;
  tagName: string;
  className: string;
  textContent: string | null;
  classList: { add(...names: string[]): void; toggle(name: string, force: boolean): boolean };
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  insertAdjacentElement(where: "beforebegin", element: Element): Element | null;
}
interface Field extends Element {
  value: string;
  addEventListener(type: "input", listener: () => void): void;
}
interface Document {
  readyState: string;
  documentElement: { lang: string };
  getElementById(id: string): Element | null;
  querySelectorAll(selector: string): ArrayLike<Field>;
  createElement(tag: string): Element;
  addEventListener(type: "DOMContentLoaded", listener: () => void): void;
}
declare const document: Document;

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(count|limit|over)\}/g, (_, name: string) => values[name] ?? "");
}

function counterOf(field: Field): Element | null {
  for (const id of (field.getAttribute("aria-describedby") ?? "").split(/\s+/)) {
    const element = id ? document.getElementById(id) : null;
    if (element && element.getAttribute("data-count-template") !== null) return element;
  }
  return null;
}

function enhance(field: Field, platform: Platform, numbers: Intl.NumberFormat): void {
  const live = counterOf(field);
  if (!live) return;
  const template = live.getAttribute("data-count-template") ?? "";
  const overTemplate = live.getAttribute("data-count-over-template") ?? template;
  const markedByServer = field.getAttribute("aria-invalid") === "true";

  const seen = document.createElement(live.tagName);
  seen.className = live.className;
  seen.setAttribute("aria-hidden", "true");
  live.insertAdjacentElement("beforebegin", seen);
  live.classList.add("usa-sr-only");

  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = (announce: "now" | "later") => {
    const { length, limit, ok } = countFor(platform, field.value);
    const text = fill(ok ? template : overTemplate, {
      count: numbers.format(length),
      limit: numbers.format(limit),
      over: numbers.format(Math.max(0, length - limit)),
    });
    seen.textContent = text;
    for (const name of OVER_CLASSES) {
      seen.classList.toggle(name, !ok);
      live.classList.toggle(name, !ok);
    }
    if (!markedByServer) {
      field.classList.toggle("usa-input--error", !ok);
      if (ok) field.removeAttribute("aria-invalid");
      else field.setAttribute("aria-invalid", "true");
    }
    clearTimeout(timer);
    const say = () => {
      if (live.textContent?.trim() !== text) live.textContent = text;
    };
    if (announce === "now") say();
    else timer = setTimeout(say, ANNOUNCE_AFTER_MS);
  };
  field.addEventListener("input", () => update("later"));
  // A text the browser restored (back button) may differ from what the server counted.
  update("now");
}

function start(): void {
  let numbers: Intl.NumberFormat;
  try {
    numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);
  } catch {
    numbers = new Intl.NumberFormat(); // a malformed lang attribute: the browser's own
  }
  const fields = document.querySelectorAll("textarea[data-count-platform]");
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    const platform = field?.getAttribute("data-count-platform");
    if (field && isPlatform(platform)) enhance(field, platform, numbers);
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
