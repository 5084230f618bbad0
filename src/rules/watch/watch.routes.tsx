// The watch list's pages and staff's forms: /rules (public; staff also get the add form and a
// rule's buttons), /rules/:documentNumber, POST /rules (add by number) and POST /rules/unwatch.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { requireAccount } from "../../http/account.js";
import { notFound } from "../../http/errors.js";
import { registerFormPost } from "../../http/forms.js";
import { registerPage } from "../../http/locale.js";
import { sendCachedPage } from "../../http/page-cache.js";
import { allowed, authorize } from "../../http/policy.js";
import { pageContext, sendPage } from "../../http/render.js";
import { Choice, Line } from "../../http/validation.js";
import { localizedPath } from "../../i18n/index.js";
import type { FederalRegisterClient } from "../federal-register/fr.client.js";
import { addDays, daysLeft, easternToday } from "../rule.dates.js";
import { can, RULE_EDITORS } from "../rules.policy.js";
import { type FederalRule, ruleById, ruleByNumber, watchList } from "../rules.queries.js";
import { RulePage } from "./rule.view.js";
import { addRuleByNumber, unwatchRule } from "./watch.service.js";
import { type ListedRule, type StaffTools, WatchListPage } from "./watch.view.js";

/** A Federal Register document number: four digits (the year), a hyphen, five digits. */
export const DOCUMENT_NUMBER = "^\\d{4}-\\d{5}$";
/** Closed rules stay on the list this long. */
const RECENT_DAYS = 90;

const DONE = ["added", "rewatched", "watched", "unwatched"] as const;
const ListQuery = Type.Object({
  done: Type.Optional(Choice(DONE)),
  number: Type.Optional(Type.String({ pattern: "^[A-Za-z0-9-]{1,40}$" })),
});
const RuleParams = Type.Object({
  documentNumber: Type.String({ pattern: "^[A-Za-z0-9-]{1,40}$" }),
});
const AddForm = Type.Object({ number: Line({ maxLength: 10, pattern: DOCUMENT_NUMBER }) });
const UnwatchForm = Type.Object({ rule: Line({ maxLength: 64, minLength: 1 }) });

const listed = (rule: FederalRule, now: Date): ListedRule => ({
  rule,
  daysLeft: rule.commentsCloseOn ? daysLeft(rule.commentsCloseOn, now) : null,
});

export async function watchRoutes(
  app: FastifyInstance,
  options: { client: FederalRegisterClient },
) {
  const { client } = options;
  const staffGuard = app.guards.coalition(...RULE_EDITORS);

  async function listPage(
    request: FastifyRequest,
    reply: FastifyReply,
    form?: { number: string; error: string; status: number },
    notice?: string,
  ) {
    const now = new Date();
    const today = easternToday(now);
    const render = async () => {
      const ctx = pageContext(request);
      const { open, closed } = await watchList(app.db, today, addDays(today, -RECENT_DAYS));
      const staff: StaffTools | undefined = allowed(can(request.account, "add"))
        ? { csrfToken: reply.generateCsrf(), number: form?.number ?? "", error: form?.error }
        : undefined;
      return (
        <WatchListPage
          ctx={ctx}
          open={open.map((r) => listed(r, now))}
          closed={closed.map((r) => listed(r, now))}
          staff={staff}
          notice={notice}
        />
      );
    };
    if (form)
      return sendPage(reply.header("cache-control", "no-store"), await render(), form.status);
    // Days left change at midnight in New York, whether or not the data did.
    return sendCachedPage(request, reply, render, today);
  }

  registerPage(app, "/rules", { schema: { querystring: ListQuery } }, async (request, reply) => {
    const { done, number } = request.query;
    const rule = done && number ? await ruleByNumber(app.db, number) : undefined;
    const notice =
      done && rule
        ? request.t(`rules.staff.${done === "watched" ? "added" : done}`, { title: rule.title })
        : undefined;
    return listPage(request, reply, undefined, notice);
  });

  registerPage(
    app,
    "/rules/:documentNumber",
    { schema: { params: RuleParams } },
    async (request, reply) => {
      const rule = await ruleByNumber(app.db, request.params.documentNumber);
      if (!rule) throw notFound();
      const now = new Date();
      const today = easternToday(now);
      return sendCachedPage(
        request,
        reply,
        async (ctx) => <RulePage ctx={ctx} rule={rule} daysLeft={listed(rule, now).daysLeft} />,
        today,
      );
    },
  );

  registerFormPost(
    app,
    "/rules",
    {
      body: AddForm,
      guard: staffGuard,
      invalid: (request, reply, problems) =>
        listPage(request, reply, {
          number: problems.values.number ?? "",
          error: request.t("rules.staff.add.error.format"),
          status: 422,
        }),
    },
    async (request, reply) => {
      authorize(can(request.account, "add"));
      const account = requireAccount(request);
      const number = request.body.number;
      const outcome = await addRuleByNumber(
        app.db,
        client,
        { id: account.user.id, email: account.user.email },
        number,
        new Date(),
      );
      if (outcome.kind === "unknown") {
        return listPage(request, reply, {
          number,
          error: request.t("rules.staff.add.error.unknown", { number }),
          status: 422,
        });
      }
      if (outcome.kind === "unavailable") {
        reply.header("retry-after", "300");
        return listPage(request, reply, {
          number,
          error: request.t("rules.staff.add.error.unavailable"),
          status: 503,
        });
      }
      const to = `${localizedPath(request.locale, "/rules")}?done=${outcome.kind}&number=${encodeURIComponent(number)}`;
      return reply.redirect(to, 303);
    },
  );

  registerFormPost(
    app,
    "/rules/unwatch",
    { body: UnwatchForm, guard: staffGuard },
    async (request, reply) => {
      authorize(can(request.account, "unwatch"));
      const account = requireAccount(request);
      const rule = await ruleById(app.db, request.body.rule);
      if (!rule) throw notFound();
      await unwatchRule(
        app.db,
        { id: account.user.id, email: account.user.email },
        rule,
        new Date(),
      );
      const to = `${localizedPath(request.locale, "/rules")}?done=unwatched&number=${encodeURIComponent(rule.documentNumber)}`;
      return reply.redirect(to, 303);
    },
  );
}
