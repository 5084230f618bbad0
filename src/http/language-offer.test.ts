// The language links keep the page's query string (a filtered list stays filtered, a staff
// page's ?key= still names its text), and the language offer is answered once, for good: by its
// "Don't show this again" form (no JavaScript) or by choosing a language in the selector.
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { cookieHeader, cookiesOf, createUser, signIn } from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { buildMember } from "../../test/support/builders.js";
import { seedContent } from "../content/index.js";
import { findLocale, LOCALES, type Locale, localizedPath, translator } from "../i18n/index.js";
import { OFFER_COOKIE } from "./language-offer.js";

const es = findLocale("es") as Locale;

/** The selector's link to each language, by tag. */
function selectorLinks(html: string): Map<string, string> {
  const nav = html.match(/<nav class="cfa-languages"[\s\S]*?<\/nav>/)?.[0] ?? "";
  const links = new Map<string, string>();
  for (const [, href = "", tag = ""] of nav.matchAll(/<a href="([^"]*)" lang="([^"]*)"/g)) {
    links.set(tag, href.replaceAll("&amp;", "&"));
  }
  return links;
}

function offerOf(html: string): string | undefined {
  return html.match(/<section class="[^"]*cfa-language-offer[\s\S]*?<\/section>/)?.[0];
}

function fieldOf(html: string, name: string): string | undefined {
  return html.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1]?.replaceAll("&amp;", "&");
}

describeEachDatabase("language links and the language offer", { seed: false }, (ctx) => {
  let address = 0;
  // Each post from its own address, so the forms' rate limit never decides an outcome here.
  const nextAddress = () => `10.7.${Math.floor(++address / 250)}.${address % 250}`;

  before(async () => {
    await seedContent(ctx.database.db, "2024-01-01T00:00:00.000Z");
    await buildMember(ctx.database.db, { state: "CA" });
    await createUser(ctx.app, { email: "editor@example.org", coalitionRole: "coalition_editor" });
  });

  /** Follows a link as a browser would: through the selector's redirect, with the cookies. */
  async function follow(href: string, cookie = "") {
    const jar = new Map<string, string>();
    let res = await ctx.app.inject({ url: href, headers: { cookie } });
    for (const [name, value] of cookiesOf(res.headers)) jar.set(name, value);
    let url = href;
    if (res.statusCode === 303) {
      url = String(res.headers.location);
      const all = [cookie, cookieHeader(jar)].filter(Boolean).join("; ");
      res = await ctx.app.inject({ url, headers: { cookie: all } });
    }
    return { res, url, jar };
  }

  it("every language link of the selector keeps the query string", async () => {
    const page = await ctx.app.inject({ url: "/members?state=CA&sort=name" });
    const links = selectorLinks(page.body);
    assert.equal(links.size, LOCALES.length, page.body.slice(0, 300));
    for (const locale of LOCALES) {
      const href = links.get(locale.tag) ?? "";
      const { res, url } = await follow(href);
      assert.equal(url, `${localizedPath(locale, "/members")}?state=CA&sort=name`, href);
      assert.equal(res.statusCode, 200, url);
      assert.match(res.body, new RegExp(`<html lang="${locale.tag}"`));
    }
  });

  it("a staff page opens in every language from its selector (restricted pages exist in each)", async () => {
    const cookie = await signIn(ctx.app, "editor@example.org");
    const page = await ctx.app.inject({
      url: "/admin/content/edit?key=principles.list&locale=es",
      headers: { cookie },
    });
    assert.equal(page.statusCode, 200);
    for (const locale of LOCALES) {
      const { res, url } = await follow(selectorLinks(page.body).get(locale.tag) ?? "", cookie);
      assert.equal(
        url,
        `${localizedPath(locale, "/admin/content/edit")}?key=principles.list&locale=es`,
      );
      assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 200)}`);
    }
  });

  it("the offer's link keeps the query string", async () => {
    const res = await ctx.app.inject({
      url: "/members?state=CA",
      headers: { "accept-language": "es" },
    });
    assert.match(offerOf(res.body) ?? "", /<a href="\/es\/members\?state=CA" hreflang="es">/);
  });

  it("a cached page's language links are those of its own query string", async () => {
    await ctx.app.inject({ url: "/principles?from=newsletter" });
    const plain = await ctx.app.inject({ url: "/principles" });
    assert.equal(selectorLinks(plain.body).get("es"), "/language/es/principles");
  });

  it("the offer can be dismissed for good, without JavaScript, and comes back to the page", async () => {
    const url = "/members?state=CA";
    const page = await ctx.app.inject({ url, headers: { "accept-language": "es-MX,es" } });
    const offer = offerOf(page.body) ?? "";
    assert.match(offer, /<form[^>]* method="post" action="\/language-offer\/dismiss"/);
    assert.match(offer, new RegExp(translator(es)("common.offer.dismiss")));
    assert.equal(fieldOf(offer, "back"), url);
    assert.equal(page.headers["cache-control"], "no-store", "a page with a token");
    const jar = cookiesOf(page.headers);
    const res = await ctx.app.inject({
      method: "POST",
      url: "/language-offer/dismiss",
      remoteAddress: nextAddress(),
      headers: { cookie: cookieHeader(jar), "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({
        _csrf: fieldOf(offer, "_csrf") ?? "",
        back: url,
      }).toString(),
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    assert.equal(res.headers.location, url);
    const set = ([] as string[]).concat(res.headers["set-cookie"] ?? []);
    const answer = set.find((c) => c.startsWith(`${OFFER_COOKIE}=`)) ?? "";
    assert.match(answer, /Max-Age=\d{8}/, "long-lived");
    assert.match(answer, /SameSite=Lax/);
    assert.match(answer, /Path=\//);
    for (const [name, value] of cookiesOf(res.headers)) jar.set(name, value);
    for (const again of [url, "/", "/principles", "/zh-hans/principles"]) {
      const after = await ctx.app.inject({
        url: again,
        headers: { cookie: cookieHeader(jar), "accept-language": "es-MX,es" },
      });
      assert.equal(after.statusCode, 200, again);
      assert.equal(offerOf(after.body), undefined, `${again}: offered again`);
    }
  });

  it("a dismissal goes back only to a page of this site", async () => {
    for (const back of ["//evil.example/x", "https://evil.example/", "/\\evil.example", ""]) {
      const page = await ctx.app.inject({ url: "/es/", headers: { "accept-language": "en" } });
      const res = await ctx.app.inject({
        method: "POST",
        url: "/es/language-offer/dismiss",
        remoteAddress: nextAddress(),
        headers: {
          cookie: cookieHeader(cookiesOf(page.headers)),
          "content-type": "application/x-www-form-urlencoded",
        },
        payload: new URLSearchParams({ _csrf: fieldOf(page.body, "_csrf") ?? "", back }).toString(),
      });
      assert.equal(res.statusCode, 303, back);
      assert.equal(res.headers.location, "/es/", back);
    }
  });

  it("every visitor offered a cached page gets a token of their own", async () => {
    for (let visitor = 0; visitor < 2; visitor++) {
      const page = await ctx.app.inject({ url: "/", headers: { "accept-language": "es" } });
      const res = await ctx.app.inject({
        method: "POST",
        url: "/language-offer/dismiss",
        remoteAddress: nextAddress(),
        headers: {
          cookie: cookieHeader(cookiesOf(page.headers)),
          "content-type": "application/x-www-form-urlencoded",
        },
        payload: new URLSearchParams({
          _csrf: fieldOf(page.body, "_csrf") ?? "",
          back: "/",
        }).toString(),
      });
      assert.equal(res.statusCode, 303, `visitor ${visitor}: ${res.body.slice(0, 200)}`);
    }
  });

  it("choosing a language in the selector answers the offer", async () => {
    // An English-speaking browser on an English page chooses Spanish: no "available in English".
    const page = await ctx.app.inject({ url: "/principles", headers: { "accept-language": "en" } });
    const href = selectorLinks(page.body).get("es") ?? "";
    const chosen = await ctx.app.inject({ url: href, headers: { "accept-language": "en" } });
    assert.equal(chosen.statusCode, 303);
    assert.equal(chosen.headers.location, "/es/principles");
    const jar = cookiesOf(chosen.headers);
    assert.ok(jar.has(OFFER_COOKIE), "the choice is remembered");
    for (const url of ["/es/principles", "/zh-hans/"]) {
      const res = await ctx.app.inject({
        url,
        headers: { cookie: cookieHeader(jar), "accept-language": "en" },
      });
      assert.equal(offerOf(res.body), undefined, url);
    }
    const stranger = await ctx.app.inject({
      url: "/es/principles",
      headers: { "accept-language": "en" },
    });
    assert.ok(offerOf(stranger.body), "still offered to who has not answered");
  });

  it("the selector's redirect goes only to a page of this site", async () => {
    for (const [url, location] of [
      ["/language//evil.example/x", "/"],
      ["/language/%5Cevil.example", "/%5Cevil.example"],
      ["/language/es/members?state=CA", "/es/members?state=CA"],
    ] as const) {
      const res = await ctx.app.inject({ url });
      assert.equal(res.statusCode, 303, url);
      assert.equal(res.headers.location, location, url);
    }
  });
});
