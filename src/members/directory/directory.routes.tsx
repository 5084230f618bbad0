import type { FastifyInstance } from "fastify";
import { notFound } from "../../http/errors.js";
import { registerPage } from "../../http/locale.js";
import { sendCachedPage } from "../../http/page-cache.js";
import { pageContext, sendPage } from "../../http/render.js";
import { applyFilters, filterChoices, listMembers, parseFilters } from "./directory.service.js";
import { DirectoryPage } from "./directory.view.js";
import { warmMembersMap } from "./map.geometry.js";
import { mapMembers } from "./map.service.js";
import { MembersMap } from "./map.view.js";
import { findProfile } from "./member.service.js";
import { ProfilePage } from "./member.view.js";
import { figuresFor } from "./member-figures.service.js";

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

export async function membersRoutes(app: FastifyInstance) {
  // Projecting the base map takes a few hundred milliseconds once: not on a visitor's time.
  if (app.config.env === "production") app.addHook("onReady", async () => warmMembersMap());

  registerPage(app, "/members", async (request, reply) => {
    const { filters, errors } = parseFilters(request.query as Record<string, unknown>);
    const render = async (ctx = pageContext(request)) => {
      const entries = await listMembers(app.db);
      return (
        <DirectoryPage
          ctx={ctx}
          entries={applyFilters(entries, filters)}
          total={entries.length}
          filters={filters}
          errors={errors}
          choices={filterChoices(entries)}
          demo={entries.some((e) => e.isDemo)}
          map={
            <MembersMap
              members={await mapMembers(app.db)}
              label={ctx.t("members.map.label")}
              description={ctx.t("members.map.description")}
            />
          }
        />
      );
    };
    // A refused filter is a bad request: said on the page, with status 400, and not cached.
    if (errors.length) return sendPage(reply, await render(), 400);
    return sendCachedPage(request, reply, render, JSON.stringify(filters));
  });

  registerPage(app, "/members/:slug", async (request, reply) => {
    const { slug } = request.params as { slug: string };
    if (!SLUG.test(slug)) throw notFound();
    const member = await findProfile(app.db, slug);
    if (!member) throw notFound();
    return sendCachedPage(request, reply, async (ctx) => {
      const figures = (await figuresFor(app.db, [member.geoid])).get(member.geoid) ?? {};
      return <ProfilePage ctx={ctx} member={member} figures={figures} />;
    });
  });
}
