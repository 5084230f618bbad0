import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { recentCampaigns } from "../campaigns/index.js";
import { type FormProblems, registerFormPost } from "../http/forms.js";
import { registerPage } from "../http/locale.js";
import { sendCachedPage } from "../http/page-cache.js";
import { pageContext, sendPage } from "../http/render.js";
import { fieldMessage } from "../http/validation.js";
import { localizedPath, type MessageKey } from "../i18n/index.js";
import { coalitionStats } from "../members/index.js";
import { AccessibilityPage, type BarrierFormState } from "./accessibility.view.js";
import { BarrierForm, barrierProblems, reportBarrier } from "./barrier.service.js";
import { findBlocks } from "./content.queries.js";
import { HomePage } from "./home.view.js";
import { PendingPage } from "./pending.view.js";
import { PRINCIPLES_BLOCKS, PrinciplesPage } from "./principles.view.js";

/** `?sent=1` after a barrier report: the page thanks the reporter. */
const SentQuery = Type.Object({ sent: Type.Optional(Type.String({ maxLength: 1 })) });

const HOME_BLOCKS = ["home.mission", "home.background", "home.recent_actions"];
const RECENT_CAMPAIGNS = 3;
/**
 * A campaign opens and closes as days pass, with no write to change the data revision: the home
 * page's cache entry is also keyed by the quarter hour (every zone's midnight falls on one), so
 * a status is never more than 15 minutes late.
 */
const QUARTER_HOUR = 15 * 60_000;

// Sections the home page links to that later work will build; each says so until then.
const PENDING: Record<string, MessageKey> = {
  "/exchange": "pages.exchange.title",
};

export async function contentRoutes(app: FastifyInstance) {
  registerPage(app, "/", {}, async (request, reply) =>
    sendCachedPage(
      request,
      reply,
      async (ctx) => {
        const [stats, blocks, recent] = await Promise.all([
          coalitionStats(app.db),
          findBlocks(app.db, HOME_BLOCKS, ctx.locale),
          recentCampaigns(app.db, ctx.locale.tag, RECENT_CAMPAIGNS),
        ]);
        return <HomePage ctx={ctx} stats={stats} blocks={blocks} recent={recent} />;
      },
      `quarter:${Math.floor(Date.now() / QUARTER_HOUR)}`,
    ),
  );

  const EMPTY_REPORT = { page: "", problem: "", reply_to: "" };
  const sendAccessibility = (
    request: FastifyRequest,
    reply: FastifyReply,
    form: Omit<BarrierFormState, "csrfToken">,
    status = 200,
  ) =>
    sendPage(
      reply,
      <AccessibilityPage
        ctx={pageContext(request)}
        contactEmail={app.config.contactEmail}
        form={{ ...form, csrfToken: reply.generateCsrf() }}
      />,
      status,
    );

  registerPage(
    app,
    "/accessibility",
    { schema: { querystring: SentQuery }, attachValidation: true },
    async (request, reply) =>
      sendAccessibility(request, reply, {
        values: EMPTY_REPORT,
        errors: {},
        sent: !request.validationError && request.query.sent === "1",
      }),
  );

  /** Each refused field's message: what it needs, or why what was typed is refused. */
  const reportErrors = (
    request: FastifyRequest,
    fields: string[],
    reasons: FormProblems["byField"] = {},
  ) =>
    Object.fromEntries(
      fields.map((field) => {
        const reason = reasons[field];
        const own = request.t(`accessibility.report.error.${field as "problem"}`);
        return [field, reason ? fieldMessage(request.t, reason, own) : own];
      }),
    );

  registerFormPost(
    app,
    "/accessibility/report",
    {
      body: BarrierForm,
      rateLimit: { max: 10, timeWindow: "1 hour" },
      invalid: (request, reply, problems) =>
        sendAccessibility(
          request,
          reply,
          {
            values: { ...EMPTY_REPORT, ...problems.values },
            errors: reportErrors(request, Object.keys(problems.byField), problems.byField),
          },
          422,
        ),
    },
    async (request, reply) => {
      const refused = barrierProblems(request.body);
      if (refused.length) {
        return sendAccessibility(
          request,
          reply,
          { values: request.body, errors: reportErrors(request, refused) },
          422,
        );
      }
      await reportBarrier(
        app.db,
        app.mailer,
        {
          siteName: app.config.siteName,
          contactEmail: app.config.contactEmail,
          pageLocale: request.locale.tag,
        },
        request.body,
      );
      return reply.redirect(
        `${localizedPath(request.locale, "/accessibility")}?sent=1#report`,
        303,
      );
    },
  );

  registerPage(app, "/principles", {}, async (request, reply) =>
    sendCachedPage(request, reply, async (ctx) => {
      const blocks = await findBlocks(app.db, PRINCIPLES_BLOCKS, ctx.locale);
      return <PrinciplesPage ctx={ctx} blocks={blocks} />;
    }),
  );

  for (const [path, titleKey] of Object.entries(PENDING)) {
    registerPage(app, path, {}, async (request, reply) =>
      sendPage(reply, <PendingPage ctx={pageContext(request)} titleKey={titleKey} />),
    );
  }
}
