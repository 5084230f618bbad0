// The social push's part of the campaign page: its messages, the report form for member staff
// who may take part now, and the posts reported.
import { allowed } from "../../http/policy.js";
import { localizedPath } from "../../i18n/index.js";
import { jurisdictionsByIds, placeName } from "../../members/index.js";
import { can } from "../campaigns.policy.js";
import { GraphicsShown } from "../graphics/graphics.panel.js";
import type { Panel } from "../public/panel.js";
import { countFor } from "./count.js";
import { PLATFORMS, type Platform, shareUrl } from "./platforms.js";
import { countPosts, messagesOf, postsOf } from "./social.queries.js";
import { type ShownMessage, type ShownPost, SocialPanel } from "./social.view.js";

/** A message as the panel shows it: counted by its platform's rule, with its share link. */
export function shownMessage(
  m: { platform: Platform; locale: string; body: string },
  page: string,
): ShownMessage {
  const count = countFor(m.platform, m.body);
  return {
    platform: m.platform,
    locale: m.locale,
    body: m.body,
    count: count.length,
    limit: count.limit,
    share: shareUrl(m.platform, m.body, { url: page }),
  };
}

export const socialPanel: Panel = async (panel) => {
  const { ctx, action, campaign, viewer, shown } = panel;
  const acting = viewer?.jurisdiction ?? null;
  // Facebook's sharer takes a page, not a text: the campaign's page, in the viewer's language.
  const page = `${ctx.publicUrl}${localizedPath(ctx.locale, `/campaigns/${campaign.slug}`)}`;
  const byLocale = new Map<string, ShownMessage[]>();
  for (const m of await messagesOf(panel.db, action.id)) {
    byLocale.set(m.locale, [...(byLocale.get(m.locale) ?? []), shownMessage(m, page)]);
  }
  const order = [ctx.locale.tag, "en", "es", "zh-Hans"];
  const messages = [...byLocale.entries()]
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([locale, list]) => ({
      locale,
      // In the order platforms.ts lists them (the table's order is by name).
      messages: list.sort((a, b) => PLATFORMS.indexOf(a.platform) - PLATFORMS.indexOf(b.platform)),
    }));

  const mayReport =
    acting !== null &&
    allowed(
      can(viewer, "take_part", {
        status: shown,
        visibility: campaign.visibility,
        kind: "social",
        jurisdictionId: acting.jurisdictionId,
      }),
    );
  let posts: ShownPost[] = [];
  if (panel.staff) {
    const rows = await postsOf(panel.db, action.id);
    const names = new Map(
      (
        await jurisdictionsByIds(
          panel.db,
          rows.map((r) => r.jurisdiction_id),
        )
      ).map((j) => [j.id, placeName(j.name, j.state)]),
    );
    posts = rows.map((r) => ({
      platform: r.platform,
      url: r.url,
      jurisdiction: names.get(r.jurisdiction_id) ?? "",
    }));
  } else if (acting) {
    posts = (await postsOf(panel.db, action.id, acting.jurisdictionId)).map((r) => ({
      platform: r.platform,
      url: r.url,
    }));
  }
  return (
    <>
      <GraphicsShown db={panel.db} ctx={ctx} slug={campaign.slug} actionId={action.id} />
      <SocialPanel
        ctx={ctx}
        actionId={action.id}
        actionPath={localizedPath(ctx.locale, panel.actionPath)}
        csrfToken={panel.csrfToken}
        messages={messages}
        reportForm={mayReport ? (panel.sent ?? { values: {}, errors: {} }) : undefined}
        acting={acting ? { id: acting.jurisdictionId, name: acting.name } : null}
        posts={posts}
        allPosts={panel.staff}
        postCount={await countPosts(panel.db, action.id)}
      />
    </>
  );
};
