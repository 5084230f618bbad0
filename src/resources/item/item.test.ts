// An item's page per kind, and issue pages, on both databases.
import assert from "node:assert/strict";
import { before, it } from "node:test";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildLibrary, type Library, pageText } from "../../../test/support/resources-fixture.js";

describeEachDatabase("resource item and issue pages", { seed: false }, (ctx) => {
  let lib: Library;
  before(async () => {
    lib = await buildLibrary(ctx.app);
  });
  const get = (url: string) => ctx.app.inject({ url });

  it("a video loads nothing from its host until the reader presses play", async () => {
    const res = await get(`/resources/${lib.video.slug}`);
    assert.ok(!res.body.includes("<iframe"));
    assert.ok(!res.body.includes("youtube-nocookie"));
    assert.match(
      res.body,
      /<a class="usa-button cfa-video__play" href="\/resources\/karens-story\?play=1#video">Play the video \(loads YouTube\)<\/a>/,
    );
    assert.ok(!String(res.headers["content-security-policy"]).includes("frame-src"));
    const played = await get(`/es/resources/${lib.video.slug}?play=1`);
    assert.match(
      played.body,
      /<iframe class="cfa-video__frame" src="https:\/\/www\.youtube-nocookie\.com\/embed\/dQw4w9WgXcQ\?autoplay=1" title="Video: La historia de Karen"/,
    );
    assert.match(
      String(played.headers["content-security-policy"]),
      /;frame-src https:\/\/www\.youtube-nocookie\.com$/,
    );
    // Its transcript is its version's body, in the reader's language.
    assert.match(pageText(played.body), /Transcripción Llegué aquí a los cuatro años\./);
  });

  it("a video without an address says it is coming soon; its transcript is still there", async () => {
    const res = await get(`/zh-hans/resources/${lib.story.slug}`);
    assert.match(res.body, /<p class="cfa-video cfa-video--soon" id="video">视频即将推出。<\/p>/);
    assert.match(pageText(res.body), /文字稿 .*Transcript\./);
    assert.ok(!res.body.includes("?play=1"));
  });

  it("a toolkit credits its partner and names its page ranges, in the reader's language", async () => {
    const en = pageText((await get(`/resources/${lib.toolkit.slug}`)).body);
    assert.match(en, /Made in partnership with New American Economy/);
    assert.match(en, /Social media messages and graphics ?: pages 22-24/);
    assert.match(en, /Talking points ?: page 5/);
    const es = pageText((await get(`/es/resources/${lib.toolkit.slug}`)).body);
    assert.match(es, /Mensajes y gráficos para redes sociales ?: páginas 22-24/);
    assert.ok(!es.includes("Talking points"));
    // Chinese has no page ranges: the English ones, labelled and marked.
    const zh = await get(`/zh-hans/resources/${lib.toolkit.slug}`);
    assert.match(
      zh.body,
      /<span lang="en" dir="ltr">Social media messages and graphics<\/span>：第 22-24 页/,
    );
    assert.match(pageText(zh.body), /本文件内容 以英语显示：尚未翻译。/);
  });

  it("says which languages an item has and, plainly, which it lacks", async () => {
    const res = await get(`/es/resources/${lib.video.slug}`);
    assert.match(res.body, /<a href="\/resources\/karens-story" hreflang="en">inglés<\/a>/);
    assert.match(pageText(res.body), /Aún no disponible en: chino simplificado\./);
    const all = await get(`/resources/${lib.toolkit.slug}`);
    assert.match(pageText(all.body), /Available in every language of this site\./);
  });

  it("a reader of a missing language gets the fallback, labelled, with its lang", async () => {
    const res = await get(`/es/resources/${lib.report.slug}`);
    assert.match(
      res.body,
      /<h1 lang="en" dir="ltr">On the Frontlines of the Family Separation Crisis<\/h1><p class="cfa-fallback__label cfa-resource-fallback">Se muestra en inglés: aún no está traducido\.<\/p>/,
    );
    // The body goes through the one Markdown renderer, which marks it too.
    assert.match(res.body, /<div class="usa-prose cfa-fallback" lang="en" dir="ltr">/);
    assert.match(res.body, /<h2>Findings<\/h2>/);
  });

  it("a report lists its case studies; a case study names its report; members link to profiles", async () => {
    const report = await get(`/resources/${lib.report.slug}`);
    assert.match(
      report.body,
      /<h2 id="case-studies-heading">Case studies<\/h2>.*href="\/resources\/new-york-case-study">New York City case study</,
    );
    assert.match(report.body, new RegExp(`href="/members/${lib.losAngeles.slug}">Los Angeles</a>`));
    assert.match(report.body, new RegExp(`href="/members/${lib.newYork.slug}">New York City</a>`));
    const study = await get(`/es/resources/${lib.caseStudy.slug}`);
    assert.match(
      study.body,
      /Parte del informe:<\/span> <a href="\/es\/resources\/frontlines-report" lang="en" dir="ltr">On the Frontlines/,
    );
    assert.match(
      study.body,
      new RegExp(`href="/es/members/${lib.newYork.slug}"><span lang="en">New York City</span></a>`),
    );
  });

  it("a social set's messages come in the reader's language with count, copy and share; else labelled", async () => {
    const en = await get(`/resources/${lib.social.slug}`);
    assert.match(
      en.body,
      /<textarea class="usa-textarea cfa-social-text" id="social-[0-9a-f]{8}-x-en" readonly aria-describedby="[^"]*">Immigrants keep our cities running\. #ReformNow<\/textarea>/,
    );
    assert.match(pageText(en.body), /46 of 280 characters/);
    assert.match(en.body, /data-copy="social-[0-9a-f]{8}-x-en"/);
    assert.match(
      en.body,
      /href="https:\/\/x\.com\/intent\/post\?text=Immigrants%20keep%20our%20cities%20running\.%20%23ReformNow"/,
    );
    assert.match(pageText(en.body), /Message for Bluesky.*33 of 300 characters/);
    const zh = await get(`/zh-hans/resources/${lib.social.slug}`);
    assert.match(zh.body, />移民让我们的城市正常运转。<\/textarea>/);
    assert.ok(!zh.body.includes("#ReformNow"));
    // Spanish has no messages: the English ones, labelled, each marked English.
    const es = await get(`/es/resources/${lib.social.slug}`);
    assert.match(
      pageText(es.body),
      /Mensajes para publicar Se muestra en inglés: aún no está traducido\./,
    );
    assert.match(
      es.body,
      /readonly lang="en" aria-describedby="[^"]*">Immigrants keep our cities running/,
    );
  });

  it("an issue page groups its visible items as the coalition's page does, in the editor's order", async () => {
    const res = await get("/issues/immigration-reform");
    const text = pageText(res.body);
    assert.match(text, /Immigration Reform Welcome to the Immigration Reform page\./);
    const order = [
      "Video series",
      "Jose's story",
      "Video coming soon.",
      "Karen's story",
      "Toolkits and reports",
      "Advancing Immigration Reform",
      "Made in partnership with New American Economy",
      "Social media messages",
      "Messages for immigration reform",
      "In the news",
      "Immigrants kept us going",
    ];
    const at = order.map((s) => text.indexOf(s));
    assert.ok(
      at.every((i) => i >= 0),
      JSON.stringify(at),
    );
    assert.deepEqual(
      [...at].sort((a, b) => a - b),
      at,
    );
    // Karen's story has a video: no "coming soon" under it.
    assert.equal(text.split("Video coming soon.").length, 2);
    assert.ok(!text.includes("Zanzibar"));
  });

  it("an issue page in another language uses its version, else labels the fallback", async () => {
    const es = await get("/es/issues/immigration-reform");
    assert.match(es.body, /<h1>Reforma migratoria<\/h1>/);
    const zh = await get("/zh-hans/issues/immigration-reform");
    assert.match(
      zh.body,
      /<h1 lang="en" dir="ltr">Immigration Reform<\/h1><p class="cfa-fallback__label cfa-resource-fallback">以英语显示：尚未翻译。<\/p>/,
    );
    assert.match(zh.body, /<h2 id="group-videos">系列视频<\/h2>/);
  });
});
