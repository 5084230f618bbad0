// Issue pages at /admin/issues: staff create and edit a page (slug, a version per language) and
// compose it from the library's items in the order they set; admins publish and unpublish it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { notFound } from "../../http/errors.js";
import { registerFormPost } from "../../http/forms.js";
import { registerPage } from "../../http/locale.js";
import { allowed, authorize } from "../../http/policy.js";
import { pageContext, sendPage } from "../../http/render.js";
import { localizedPath } from "../../i18n/index.js";
import { can } from "../resources.policy.js";
import { allIssuesForStaff, findIssueForStaff, type StaffIssue } from "./issues.queries.js";
import {
  checkIssue,
  composeIssue,
  createIssue,
  moveIssueStatus,
  saveIssue,
} from "./issues.service.js";
import { IssueEditPage, IssueListPage, type IssueSummary } from "./issues.view.js";
import { actorOf, messages, refusedMessages, shownStatus } from "./manage.forms.js";
import { resourceChoices } from "./manage.queries.js";
import {
  AddItemForm,
  field,
  IssueForm,
  IssueStatusForm,
  MoveItemForm,
  NoticeQuery,
  RESOURCE_BODY_LIMIT,
  SlugParams,
} from "./manage.schema.js";
import type { FormState } from "./parts.view.js";

function issueValues(issue: StaffIssue): Record<string, string> {
  const values: Record<string, string> = { slug: issue.slug };
  for (const v of issue.versions) {
    values[field("title", v.locale)] = v.title;
    values[field("intro", v.locale)] = v.intro;
    values[field("status", v.locale)] = v.status;
  }
  return values;
}

const titleIn = (versions: { locale: string; title: string }[], locale: string, fallback: string) =>
  (
    versions.find((v) => v.locale === locale) ??
    versions.find((v) => v.locale === "en") ??
    versions[0]
  )?.title ?? fallback;

export async function issueRoutes(app: FastifyInstance) {
  async function loadIssue(slug: string) {
    const issue = await findIssueForStaff(app.db, slug);
    if (!issue) throw notFound();
    return issue;
  }

  async function summaryOf(request: FastifyRequest, issue: StaffIssue): Promise<IssueSummary> {
    const all = await resourceChoices(app.db, undefined, request.locale.tag);
    const now = new Date();
    const onPage = new Set(issue.items.map((i) => i.id));
    return {
      slug: issue.slug,
      title: titleIn(issue.versions, request.locale.tag, issue.slug),
      status: issue.status,
      isDemo: issue.is_demo === 1,
      editors: Object.fromEntries(
        issue.versions.map((v) => [v.locale, { name: v.editor, at: v.updated_at }]),
      ),
      items: issue.items.map((i) => {
        const choice = all.find((c) => c.id === i.id);
        return {
          id: i.id,
          slug: i.slug,
          type: i.type,
          title: choice?.title ?? i.slug,
          titleLocale: choice?.titleLocale ?? request.locale.tag,
          shown: shownStatus({ status: i.status, publish_at: i.publish_at }, now),
        };
      }),
      choices: all.filter((c) => !onPage.has(c.id)),
    };
  }

  async function sendForm(
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    issue?: StaffIssue,
    notice?: string,
  ) {
    return sendPage(
      reply,
      <IssueEditPage
        ctx={pageContext(request)}
        form={form}
        issue={issue ? await summaryOf(request, issue) : undefined}
        canPublish={allowed(can(request.account, "publish"))}
        notice={notice}
      />,
      Object.keys(form.errors).length > 0 ? 422 : 200,
    );
  }

  registerPage(app, "/admin/issues", { restricted: true }, async (request, reply) => {
    const now = new Date();
    const rows = (await allIssuesForStaff(app.db)).map((r) => ({
      slug: r.slug,
      title: titleIn(r.versions, request.locale.tag, r.slug),
      shown: shownStatus({ status: r.status, publish_at: null }, now),
      languages: Object.fromEntries(r.versions.map((v) => [v.locale, v.status])),
    }));
    return sendPage(reply, <IssueListPage ctx={pageContext(request)} rows={rows} />);
  });

  registerPage(app, "/admin/issues/new", { restricted: true }, async (request, reply) => {
    authorize(can(request.account, "edit"));
    return sendForm(request, reply, { csrfToken: reply.generateCsrf(), values: {}, errors: {} });
  });

  registerFormPost(
    app,
    "/admin/issues/new",
    {
      body: IssueForm,
      bodyLimit: RESOURCE_BODY_LIMIT,
      invalid: (request, reply, problems) =>
        sendForm(request, reply, {
          csrfToken: reply.generateCsrf(),
          values: problems.values,
          errors: refusedMessages(request, problems),
        }),
    },
    async (request, reply) => {
      authorize(can(request.account, "edit"));
      const values: Record<string, string> = { ...request.body };
      const { problems, checked } = await checkIssue(app.db, values);
      const form = (errors: Record<string, string>) => ({
        csrfToken: reply.generateCsrf(),
        values,
        errors,
      });
      if (!checked) return sendForm(request, reply, form(messages(request, problems)));
      const taken = await createIssue(app.db, actorOf(request), checked);
      if (taken) return sendForm(request, reply, form(messages(request, [taken])));
      const path = localizedPath(request.locale, `/admin/issues/${checked.slug}`);
      return reply.redirect(`${path}?done=created`, 303);
    },
  );

  registerPage(
    app,
    "/admin/issues/:slug",
    { schema: { params: SlugParams, querystring: NoticeQuery }, restricted: true },
    async (request, reply) => {
      const issue = await loadIssue(request.params.slug);
      const done = request.query.done;
      return sendForm(
        request,
        reply,
        { csrfToken: reply.generateCsrf(), values: issueValues(issue), errors: {} },
        issue,
        done ? request.t(`resources-admin.done.${done}`) : undefined,
      );
    },
  );

  registerFormPost(
    app,
    "/admin/issues/:slug",
    {
      params: SlugParams,
      body: IssueForm,
      bodyLimit: RESOURCE_BODY_LIMIT,
      invalid: async (request, reply, problems) =>
        sendForm(
          request,
          reply,
          {
            csrfToken: reply.generateCsrf(),
            values: problems.values,
            errors: refusedMessages(request, problems),
          },
          await loadIssue(request.params.slug),
        ),
    },
    async (request, reply) => {
      const issue = await loadIssue(request.params.slug);
      authorize(can(request.account, "edit"));
      const values: Record<string, string> = { ...request.body };
      const { problems, checked } = await checkIssue(app.db, values, issue.id);
      const form = (errors: Record<string, string>) => ({
        csrfToken: reply.generateCsrf(),
        values,
        errors,
      });
      if (!checked) return sendForm(request, reply, form(messages(request, problems)), issue);
      const taken = await saveIssue(app.db, actorOf(request), issue, checked);
      if (taken) return sendForm(request, reply, form(messages(request, [taken])), issue);
      const path = localizedPath(request.locale, `/admin/issues/${checked.slug}`);
      return reply.redirect(`${path}?done=saved`, 303);
    },
  );

  const backToItems = (request: FastifyRequest, slug: string) =>
    `${localizedPath(request.locale, `/admin/issues/${slug}`)}?done=items#issue-items`;

  registerFormPost(
    app,
    "/admin/issues/:slug/items",
    { params: SlugParams, body: AddItemForm },
    async (request, reply) => {
      const issue = await loadIssue(request.params.slug);
      authorize(can(request.account, "edit"));
      const item = (await resourceChoices(app.db)).find((c) => c.slug === request.body.item);
      if (!item) throw notFound();
      await composeIssue(app.db, actorOf(request), issue, { add: item.id });
      return reply.redirect(backToItems(request, issue.slug), 303);
    },
  );

  registerFormPost(
    app,
    "/admin/issues/:slug/items/move",
    { params: SlugParams, body: MoveItemForm },
    async (request, reply) => {
      const issue = await loadIssue(request.params.slug);
      authorize(can(request.account, "edit"));
      const { item, move } = request.body;
      await composeIssue(app.db, actorOf(request), issue, { item, move });
      return reply.redirect(backToItems(request, issue.slug), 303);
    },
  );

  registerFormPost(
    app,
    "/admin/issues/:slug/status",
    { params: SlugParams, body: IssueStatusForm },
    async (request, reply) => {
      const issue = await loadIssue(request.params.slug);
      authorize(can(request.account, "publish"));
      await moveIssueStatus(
        app.db,
        actorOf(request),
        issue,
        request.body.seen_status,
        request.body.to,
      );
      const path = localizedPath(request.locale, `/admin/issues/${issue.slug}`);
      return reply.redirect(`${path}?done=${request.body.to}`, 303);
    },
  );
}
