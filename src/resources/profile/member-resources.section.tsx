// The section resources/ adds to a member's public profile: the visible items featuring it,
// newest first, in the reader's language or labelled in a fallback.
import type { ProfileSection } from "../../members/index.js";
import { richMessage, Shown } from "../../views/shown.js";
import { showResources } from "../library.service.js";
import {
  languageFallbacks,
  lastDueAt,
  resourceIdsFeaturing,
  visibleResourcesByIds,
} from "../resources.queries.js";
import { ResourceCard } from "../resources.view.js";
import { readingOrders } from "../versions.service.js";

export const memberResourcesSection: ProfileSection = {
  id: "resources",
  variant: (db) => lastDueAt(db, new Date()),
  async render(db, member, ctx) {
    const now = new Date();
    const rows = await visibleResourcesByIds(db, await resourceIdsFeaturing(db, member.id), now);
    if (rows.length === 0) return "";
    rows.sort((a, b) => b.dated_on.localeCompare(a.dated_on) || a.slug.localeCompare(b.slug));
    const order = readingOrders(await languageFallbacks(db)).orderFor(ctx.locale.tag);
    const items = await showResources(db, rows, order);
    if (items.length === 0) return "";
    return (
      <section class="cfa-member-resources" aria-labelledby="member-resources">
        <h2 id="member-resources">
          {richMessage((v) => ctx.t("resources.profile.heading", v), {
            member: <Shown ctx={ctx} value={{ text: member.name, english: true }} />,
          })}
        </h2>
        <ul class="usa-list usa-list--unstyled cfa-resource-list">
          {items.map((item) => (
            <ResourceCard ctx={ctx} item={item} heading="h3" />
          ))}
        </ul>
      </section>
    );
  },
};
