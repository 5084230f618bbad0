// Issue 11, campaigns in a real browser: a member admin takes part in English and in Chinese (at
// 1280 px and on a 375 px phone), and coalition staff prepare a campaign in Spanish, a refused
// form first. axe checks every page; no page scrolls sideways on a phone.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { browserSkipReason } from "../test/support/browser.js";
import { buildAction, buildCampaign } from "../test/support/campaigns.js";
import {
  assertSummaryFocused,
  checkPage as check,
  type Journeys,
  PHONE,
  startJourneys,
  WIDE,
} from "../test/support/journeys.js";

const EDITOR = "coalition.editor@example.org";

describe("campaigns in a browser [sqlite]", { skip: browserSkipReason() }, () => {
  let journeys: Journeys;

  before(async () => {
    journeys = await startJourneys();
  });

  after(async () => {
    await journeys?.close();
  });

  const tabAs = (email: string, viewport = WIDE, prefix = "") =>
    journeys.tabAs(email, { viewport, prefix });

  /** A campaign of the test's own, open today, with a letter, in three languages. */
  async function openCampaign() {
    const campaign = await buildCampaign(journeys.database.db, {
      texts: {
        en: { title: "Public Charge Week of Action", summary: "Act on the proposed rule." },
        es: { title: "Semana de acción sobre la carga pública", summary: "Actúe ante la regla." },
        "zh-Hans": { title: "“公共负担”行动周", summary: "就拟议规则采取行动。" },
      },
    });
    const letter = await buildAction(journeys.database.db, campaign, "letter", {
      title: "Sign-on letter",
      body: "Dear Secretary,\n\nWe oppose the proposed rule.",
    });
    return { campaign, letter };
  }

  for (const [prefix, viewport, signed] of [
    ["", WIDE, /Signed for Boston by Ana Ruiz, Mayor/],
    ["/zh-hans", PHONE, /已由Ana Ruiz（Mayor）代表Boston签署/],
  ] as const) {
    it(`lets a member admin sign the letter for their city (${prefix || "/"}, ${viewport.width} px)`, async () => {
      const { campaign } = await openCampaign();
      const tab = await tabAs("admin.boston-ma@example.org", viewport, prefix);
      const path = `${prefix}/campaigns/${campaign.slug}`;
      await tab.goto(`${journeys.baseUrl}${path}`);
      await check(tab, path);
      // Empty, the signer is refused at the field with the focus on the summary.
      await tab.locator("input[name=signer_name]").fill("");
      await tab.locator("input[name=signer_title]").fill("Mayor");
      await tab.locator("main form[action$='/sign'] button").click();
      await tab.waitForLoadState();
      await assertSummaryFocused(tab);
      await check(tab, `${path} (refused)`);
      assert.equal(await tab.locator("input[name=signer_title]").inputValue(), "Mayor");
      await tab.locator("input[name=signer_name]").fill("Ana Ruiz");
      await tab.locator("main form[action$='/sign'] button").click();
      await tab.waitForLoadState();
      assert.match((await tab.locator("main").textContent()) ?? "", signed);
      await check(tab, `${path} (signed)`);
    });
  }

  it("lets staff prepare a campaign in Spanish, a refused form first, then preview it", async () => {
    const tab = await tabAs(EDITOR, WIDE, "/es");
    await tab.goto(`${journeys.baseUrl}/es/admin/campaigns/new`);
    await check(tab, "/es/admin/campaigns/new");
    await tab.locator("input[name=slug]").fill("semana-de-prueba");
    await tab.locator("input[name=starts_on]").fill("2026-12-07");
    await tab.locator("input[name=ends_on]").fill("2026-12-11");
    await tab.locator("input[name=title_es]").fill("Semana de prueba");
    await tab.locator("main form.cfa-campaign-form button[type=submit]").click();
    await tab.waitForLoadState();
    // English is required: its title and summary are refused, what was typed is kept.
    await assertSummaryFocused(tab);
    assert.match((await tab.title()) ?? "", /^Error:/);
    assert.equal(await tab.locator("input[name=title_es]").inputValue(), "Semana de prueba");
    await check(tab, "/es/admin/campaigns/new (refused)");
    await tab.locator("input[name=title_en]").fill("Test week");
    await tab.locator("textarea[name=summary_en]").fill("Members act together.");
    await tab.locator("textarea[name=summary_es]").fill("Los miembros actúan juntos.");
    await tab.locator("main form.cfa-campaign-form button[type=submit]").click();
    await tab.waitForURL(/\/es\/admin\/campaigns\/semana-de-prueba\?done=created/);
    await check(tab, "/es/admin/campaigns/semana-de-prueba");
    await tab.locator("a", { hasText: "Añadir una acción" }).click();
    await tab.locator("input[name=title_en]").fill("Sign the letter");
    await tab.locator("main form button[type=submit]").click();
    await tab.waitForURL(/done=action/);
    await tab.goto(`${journeys.baseUrl}/es/campaigns/semana-de-prueba`);
    assert.match((await tab.locator("main").textContent()) ?? "", /Vista previa/);
    await check(tab, "/es/campaigns/semana-de-prueba (preview)");
  });
});
