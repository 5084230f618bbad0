// The public campaigns API: GET /api/v1/campaigns (every public campaign that is not a draft),
// /api/v1/campaigns/:slug (one, with its actions) and /api/v1/campaigns/:slug/participation
// (members taking part: per action, per state, day by day). A draft or members-only campaign is
// not found here: the API has no sign-in. Texts are in the language asked for (`lang`) when
// ready, else English, and each says which it is in (`locale`).
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { type Static, Type } from "typebox";
import type { ActionKind } from "../../db/index.js";
import { notFound } from "../../http/errors.js";
import { Choice } from "../../http/validation.js";
import { findLocale, LOCALES, localizedPath } from "../../i18n/index.js";
import { actionsOf } from "../actions.queries.js";
import { shownStatus, todayIn } from "../campaign.status.js";
import { chooseText } from "../campaign.text.js";
import {
  type CampaignWithTexts,
  findCampaignBySlug,
  publishedCampaigns,
} from "../campaigns.queries.js";
import { CampaignParams } from "../manage/manage.schema.js";
import { campaignResults } from "../results/results.service.js";

/** One of `values`, described for the OpenAPI document. */
const OneOf = <const V extends readonly string[]>(values: V, description: string) =>
  Type.Unsafe<V[number]>({ type: "string", enum: [...values], description });

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const KINDS: readonly ActionKind[] = ["letter", "event", "social", "comment"];
const STATUSES = ["scheduled", "open", "closed", "archived"] as const;

const LangQuery = Type.Object({
  lang: Type.Optional(
    OneOf(
      LOCALES.map((l) => l.tag),
      "Language of the texts; English where a text is not ready in it",
    ),
  ),
});

const CampaignSchema = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  locale: Type.String({ description: "Language of title and summary (BCP 47)" }),
  status: OneOf(
    STATUSES,
    "scheduled before its first day, open through its last, then closed or archived",
  ),
  startsOn: Type.String({ format: "date", description: "First day, in timeZone" }),
  endsOn: Type.String({ format: "date", description: "Last day, in timeZone" }),
  timeZone: Type.String({ description: "IANA time zone of the campaign's days" }),
  topics: Type.Array(Type.String()),
  goal: Nullable(Type.Integer({ description: "Members the coalition aims to see take part" })),
  members: Type.Integer({ description: "Members taking part so far, each counted once" }),
  resultsPublished: Type.Boolean(),
  url: Type.String({ description: "The campaign's page" }),
  isDemo: Type.Boolean({ description: "Demo data, not a real campaign" }),
});

const ActionSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  kind: Choice(KINDS),
  title: Type.String(),
  body: Type.String({ description: "Markdown" }),
  locale: Type.String({ description: "Language of title and body (BCP 47)" }),
  members: Type.Integer({ description: "Members that took part in this action" }),
});

const CampaignDetailSchema = Type.Object({
  ...CampaignSchema.properties,
  body: Type.String({ description: "Markdown" }),
  actions: Type.Array(ActionSchema),
});

const ParticipationSchema = Type.Object({
  slug: Type.String(),
  members: Type.Integer({ description: "Members taking part in at least one action" }),
  goal: Nullable(Type.Integer()),
  actions: Type.Array(
    Type.Object({
      id: Type.String({ format: "uuid" }),
      kind: Choice(KINDS),
      title: Type.String(),
      locale: Type.String(),
      members: Type.Integer(),
    }),
  ),
  byState: Type.Array(
    Type.Object({ state: Type.String({ description: "USPS code" }), members: Type.Integer() }),
  ),
  overTime: Type.Array(
    Type.Object({
      day: Type.String({ format: "date", description: "A day (in timeZone) someone joined in" }),
      members: Type.Integer({ description: "Members taking part by the end of that day" }),
    }),
  ),
  resultsPublished: Type.Boolean(),
  participants: Type.Array(
    Type.Object({
      slug: Type.String({ description: "The member's slug, as in /api/v1/members" }),
      name: Type.String(),
      state: Type.String(),
      actions: Type.Array(Type.String({ format: "uuid" })),
      firstActedOn: Type.String({ format: "date" }),
      isDemo: Type.Boolean(),
    }),
    { description: "Who took part: listed once the coalition published the results, else empty" },
  ),
  isDemo: Type.Boolean({ description: "Some of the participation is demo data" }),
});

type CampaignJson = Static<typeof CampaignSchema>;

/** Who may read it here: anyone may read a public campaign once published. */
const isPublic = (c: CampaignWithTexts) => c.status !== "draft" && c.visibility === "public";

export async function campaignsApi(app: FastifyInstance) {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const english = findLocale("en");
  if (!english) throw new Error("English is the default locale");
  const localeOf = (lang: string) => findLocale(lang) ?? english;

  async function campaignJson(c: CampaignWithTexts, lang: string): Promise<CampaignJson> {
    const chosen = chooseText(c.texts, lang)?.text;
    const locale = localeOf(lang);
    const results = await campaignResults(app.db, c, lang);
    return {
      slug: c.slug,
      title: chosen?.title ?? c.slug,
      summary: chosen?.summary ?? "",
      locale: chosen?.locale ?? "en",
      status: shownStatus(c, new Date()) as CampaignJson["status"],
      startsOn: c.starts_on,
      endsOn: c.ends_on,
      timeZone: c.time_zone,
      topics: c.topics
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
      goal: c.goal_members,
      members: results.members,
      resultsPublished: c.results_published_at !== null,
      url: `${app.config.publicUrl}${localizedPath(locale, `/campaigns/${c.slug}`)}`,
      isDemo: c.is_demo === 1,
    };
  }

  async function load(slug: string): Promise<CampaignWithTexts> {
    const campaign = await findCampaignBySlug(app.db, slug);
    if (!campaign || !isPublic(campaign)) throw notFound();
    return campaign;
  }

  typed.get(
    "/api/v1/campaigns",
    {
      schema: {
        tags: ["campaigns"],
        summary: "Public campaigns, newest first",
        querystring: LangQuery,
        response: { 200: Type.Object({ campaigns: Type.Array(CampaignSchema) }) },
      },
    },
    async (request) => {
      const lang = request.query.lang ?? "en";
      const campaigns = [];
      for (const c of await publishedCampaigns(app.db))
        if (isPublic(c)) campaigns.push(await campaignJson(c, lang));
      return { campaigns };
    },
  );

  typed.get(
    "/api/v1/campaigns/:slug",
    {
      schema: {
        tags: ["campaigns"],
        summary: "One public campaign with its actions",
        params: CampaignParams,
        querystring: LangQuery,
        response: { 200: CampaignDetailSchema },
      },
    },
    async (request) => {
      const lang = request.query.lang ?? "en";
      const campaign = await load(request.params.slug);
      const results = await campaignResults(app.db, campaign, lang);
      const actions = await actionsOf(app.db, campaign.id);
      return {
        ...(await campaignJson(campaign, lang)),
        body: chooseText(campaign.texts, lang)?.text.body ?? "",
        actions: actions.map((a) => {
          const text = chooseText(a.texts, lang)?.text;
          return {
            id: a.id,
            kind: a.kind,
            title: text?.title ?? a.kind,
            body: text?.body ?? "",
            locale: text?.locale ?? "en",
            members: results.actions.find((r) => r.id === a.id)?.count ?? 0,
          };
        }),
      };
    },
  );

  typed.get(
    "/api/v1/campaigns/:slug/participation",
    {
      schema: {
        tags: ["campaigns"],
        summary: "Members taking part in a public campaign: per action, per state, by day",
        params: CampaignParams,
        querystring: LangQuery,
        response: { 200: ParticipationSchema },
      },
    },
    async (request) => {
      const lang = request.query.lang ?? "en";
      const campaign = await load(request.params.slug);
      const results = await campaignResults(app.db, campaign, lang);
      const published = campaign.results_published_at !== null;
      return {
        slug: campaign.slug,
        members: results.members,
        goal: results.goal,
        actions: results.actions.map((a) => ({
          id: a.id,
          kind: a.kind,
          title: a.title,
          locale: a.titleLocale,
          members: a.count,
        })),
        byState: results.byState.map((s) => ({ state: s.state, members: s.count })),
        overTime: results.overTime.map((d) => ({ day: d.day, members: d.count })),
        resultsPublished: published,
        participants: published
          ? results.participants.map((p) => ({
              slug: p.jurisdiction.slug,
              name: p.jurisdiction.name,
              state: p.jurisdiction.state,
              actions: p.actionIds,
              firstActedOn: todayIn(campaign.time_zone, new Date(p.firstAt)),
              isDemo: p.isDemo || p.jurisdiction.isDemo,
            }))
          : [],
        isDemo: results.demo || campaign.is_demo === 1,
      };
    },
  );
}
