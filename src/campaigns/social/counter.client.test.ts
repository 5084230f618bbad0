// The counter in a real browser, from the committed script, on a test page of its own (served
// here under the site's CSP, script-src 'self', so an inline or eval'd script would fail): the
// count the eye sees follows every key, the live region speaks once per pause, over-limit is
// marked for eye and screen reader, and the browser counts as the server does.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { axeViolations, browserSkipReason, launchBrowser } from "../../../test/support/browser.js";
import { countFor } from "./count.js";
import { COUNTER_SCRIPT } from "./counter.bundle.js";

const PAGE = `<!doctype html>
<html lang="es"><head><meta charset="utf-8"><title>Contador</title></head><body><main><h1>Contador</h1>
<label for="x">Mensaje para X</label>
<textarea id="x" data-count-platform="x" aria-describedby="x-hint x-count">Hola</textarea>
<p id="x-hint">Pegue el mensaje.</p>
<p id="x-count" class="usa-hint" aria-live="polite"
   data-count-template="{count} de {limit} caracteres"
   data-count-over-template="{count} de {limit} caracteres: sobran {over}">4 de 280 caracteres</p>
<label for="fb">Mensaje para Facebook</label>
<textarea id="fb" data-count-platform="facebook" aria-describedby="fb-count"></textarea>
<p id="fb-count" aria-live="polite" data-count-template="{count} de {limit}">0 de 63.206</p>
<label for="other">Otro</label>
<textarea id="other" data-count-platform="myspace" aria-describedby="other-count"></textarea>
<p id="other-count" aria-live="polite" data-count-template="{count} de {limit}">sin cambio</p>
<script src="/assets/social-counter.js" defer></script>
</main></body></html>`;

// The little of the DOM these checks read (our tsconfig has no DOM types).
interface El {
  textContent: string | null;
  className: string;
  previousElementSibling: El | null;
  getAttribute(name: string): string | null;
}
interface Doc {
  getElementById(id: string): El | null;
}

/** What the page shows and says for one counter. */
function readCounter(page: Page, id: string) {
  return page.evaluate((id) => {
    const d = (globalThis as unknown as { document: Doc }).document;
    const live = d.getElementById(`${id}-count`);
    const seen = live?.previousElementSibling;
    const field = d.getElementById(id);
    return {
      seen: seen?.getAttribute("aria-hidden") === "true" ? seen.textContent : null,
      seenClass: seen?.className ?? "",
      live: live?.textContent?.trim() ?? null,
      liveClass: live?.className ?? "",
      invalid: field?.getAttribute("aria-invalid") ?? null,
      fieldClass: field?.className ?? "",
    };
  }, id);
}

describe("the as-you-type counter in a browser", { skip: browserSkipReason() }, () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  let base: string;

  before(async () => {
    const script = readFileSync(COUNTER_SCRIPT);
    server = createServer((request, response) => {
      response.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'self'");
      if (request.url === "/assets/social-counter.js") {
        response.setHeader("Content-Type", "text/javascript; charset=utf-8");
        response.end(script);
      } else if (request.url === "/favicon.ico") {
        response.statusCode = 204;
        response.end();
      } else if (request.url === "/") {
        response.setHeader("Content-Type", "text/html; charset=utf-8");
        response.end(PAGE);
      } else {
        response.statusCode = 404;
        response.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** The test page, under its CSP unless axe must be injected (axe runs as an inline script). */
  async function open(bypassCSP = false): Promise<Page> {
    const context = await browser.newContext({ bypassCSP });
    page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await page.goto(`${base}/`);
    await page.waitForFunction(() => {
      const d = (globalThis as unknown as { document: Doc }).document;
      return d.getElementById("x-count")?.previousElementSibling?.getAttribute("aria-hidden");
    });
    assert.deepEqual(errors, []);
    return page;
  }

  it("shows the count at once, in the page's words, and leaves unknown platforms alone", async () => {
    const page = await open();
    const x = await readCounter(page, "x");
    assert.equal(x.seen, "4 de 280 caracteres");
    assert.equal(x.live, "4 de 280 caracteres");
    assert.match(x.liveClass, /usa-sr-only/);
    assert.match(x.seenClass, /usa-hint/);
    const other = await readCounter(page, "other");
    assert.equal(other.seen, null);
    assert.equal(other.live, "sin cambio");
    await page.context().close();
  });

  it("counts as the server does, and formats numbers for the page's language", async () => {
    const page = await open();
    const text = `Ciudades 移民 \u{1F468}\u200D\u{1F469}\u200D\u{1F467} https://example.org/${"a".repeat(60)}`;
    await page.fill("#x", text);
    assert.equal(
      (await readCounter(page, "x")).seen,
      `${countFor("x", text).length} de 280 caracteres`,
    );
    await page.fill("#fb", "f".repeat(12_345));
    assert.equal((await readCounter(page, "fb")).seen, "12.345 de 63.206");
    await page.context().close();
  });

  it("speaks once typing pauses, not at every key", async () => {
    const page = await open();
    await page.evaluate(() => {
      const g = globalThis as unknown as {
        document: Doc;
        MutationObserver: new (
          callback: (records: unknown[]) => void,
        ) => { observe(target: El, options: object): void };
        liveChanges: number;
      };
      g.liveChanges = 0;
      const live = g.document.getElementById("x-count");
      if (!live) throw new Error("no counter");
      new g.MutationObserver((records) => {
        g.liveChanges += records.length;
      }).observe(live, { childList: true, characterData: true, subtree: true });
    });
    await page.focus("#x");
    await page.keyboard.type(" amigos", { delay: 60 });
    const typing = await readCounter(page, "x");
    assert.equal(typing.seen, "11 de 280 caracteres");
    assert.equal(typing.live, "4 de 280 caracteres");
    await page.waitForTimeout(1300);
    assert.equal((await readCounter(page, "x")).live, "11 de 280 caracteres");
    const changes = await page.evaluate(
      () => (globalThis as unknown as { liveChanges: number }).liveChanges,
    );
    assert.equal(changes, 1);
    await page.context().close();
  });

  it("marks an over-limit text for the eye and the screen reader, and unmarks it", async () => {
    const page = await open(true);
    await page.fill("#x", "a".repeat(301));
    await page.waitForTimeout(1300);
    const over = await readCounter(page, "x");
    assert.equal(over.seen, "301 de 280 caracteres: sobran 21");
    assert.equal(over.live, "301 de 280 caracteres: sobran 21");
    assert.match(over.seenClass, /count-over/);
    assert.match(over.seenClass, /usa-character-count__status--invalid/);
    assert.equal(over.invalid, "true");
    assert.match(over.fieldClass, /usa-input--error/);
    assert.deepEqual(await axeViolations(page), []);
    await page.fill("#x", "a".repeat(280));
    const back = await readCounter(page, "x");
    assert.equal(back.seen, "280 de 280 caracteres");
    assert.doesNotMatch(back.seenClass, /count-over/);
    assert.equal(back.invalid, null);
    assert.doesNotMatch(back.fieldClass, /usa-input--error/);
    await page.context().close();
  });
});
