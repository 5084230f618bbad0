import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { notFound } from "../../http/errors.js";
import { registerPage } from "../../http/locale.js";
import { sendCachedPage } from "../../http/page-cache.js";
import { pageContext, sendPage } from "../../http/render.js";
import { fieldErrors } from "../../http/validation.js";
import { localizedPath } from "../../i18n/index.js";
import { DirectoryQuery, FILTER_FIELDS, filtersOf, PAGE_SIZE, pageOf } from "./directory.schema.js";
import { applyFilters, type FilterField, filterChoices, listMembers } from "./directory.service.js";
import { DirectoryPage } from "./directory.view.js";
import { warmMembersMap } from "./map.geometry.js";
import { mapMembers } from "./map.service.js";
import { MapLegend, MembersMap } from "./map.view.js";
import type { ProfileSection } from "./member.sections.js";
import { findProfile } from "./member.service.js";
import { MemberPage } from "./member.view.js";
import { figuresFor } from "./member-figures.service.js";

/** A member's address: what the roster's slugs look like (anything else is no member). */
export const SlugParams = Type.Object({
  slug: Type.String({ pattern: "^[a-z0-9][a-z0-9-]{0,99}$" }),
});

export interface DirectoryOptions {
  /** Sections other features add to each member's profile, in this order. */
  profileSections?: readonly ProfileSection[];
}

/** The public directory (/members, with its filters and map) and each member's page. */
export async function directoryRoutes(app: FastifyInstance, options: DirectoryOptions = {}) {
  const sections = options.profileSections ?? [];
  // Projecting the base map takes a few hundred milliseconds of CPU once: not on a visitor's
  // time, and not before the first page either. Once the server listens, the map is projected
  // in the next idle moment; a /members request before that projects it itself.
  if (app.config.env === "production") {
    app.addHook("onListen", async () => {
      setTimeout(warmMembersMap, 200).unref();
    });
  }

  registerPage(
    app,
    "/members",
    { schema: { querystring: DirectoryQuery }, attachValidation: true },
    async (request, reply) => {
      // A refused filter is said at its field and not applied; the others still are.
      const refused = request.validationError
        ? fieldErrors(request.validationError.validation ?? [], undefined, "querystring")
        : [];
      const refusedFields = new Set(refused.map((e) => e.field));
      const errors = FILTER_FIELDS.filter((f): f is FilterField => refusedFields.has(f));
      const filters = filtersOf(request.query, refusedFields);
      const requestedPage = refusedFields.has("page") ? undefined : request.query.page;
      const render = async (ctx = pageContext(request)) => {
        const entries = await listMembers(app.db);
        const selected = applyFilters(entries, filters);
        const { page, pages } = pageOf(requestedPage, selected.length);
        // The map draws what the list lists: the members the filters select, on every page.
        const slugs = new Set(selected.map((e) => e.slug));
        const mapped = (await mapMembers(app.db)).filter((m) => slugs.has(m.slug));
        const profileBase = localizedPath(ctx.locale, "/members/");
        return (
          <DirectoryPage
            ctx={ctx}
            entries={selected.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)}
            matching={selected.length}
            page={page}
            pages={pages}
            total={entries.length}
            filters={filters}
            errors={errors}
            choices={filterChoices(entries)}
            demo={entries.some((e) => e.isDemo)}
            map={
              <>
                <MembersMap
                  members={mapped}
                  label={ctx.t("members.map.label")}
                  description={ctx.t("members.map.description")}
                  href={(slug) => `${profileBase}${slug}`}
                  namesLang={ctx.locale.tag === "en" ? undefined : "en"}
                />
                <MapLegend
                  heading={ctx.t("members.map.legend.heading")}
                  county={ctx.t("members.map.legend.county")}
                  city={ctx.t("members.map.legend.city")}
                  showing={ctx.t("members.map.legend.showing", { count: mapped.length })}
                />
              </>
            }
          />
        );
      };
      // A refused filter is a bad request: said on the page, with status 400, and not cached.
      // A refused page number is no filter: the first page is shown.
      if (errors.length) return sendPage(reply, await render(), 400);
      return sendCachedPage(request, reply, render, JSON.stringify({ filters, requestedPage }));
    },
  );

  registerPage(
    app,
    "/members/:slug",
    { schema: { params: SlugParams }, attachValidation: true },
    async (request, reply) => {
      // A malformed slug is no member: 404, like an unknown one.
      if (request.validationError) throw notFound();
      const member = await findProfile(app.db, request.params.slug);
      if (!member) throw notFound();
      const variants = await Promise.all(sections.map((s) => s.variant?.(app.db) ?? ""));
      return sendCachedPage(
        request,
        reply,
        async (ctx) => {
          const figures = (await figuresFor(app.db, [member.geoid])).get(member.geoid) ?? {};
          const added = await Promise.all(sections.map((s) => s.render(app.db, member, ctx)));
          return <MemberPage ctx={ctx} member={member} figures={figures} sections={added} />;
        },
        variants.join("|"),
      );
    },
  );
}
