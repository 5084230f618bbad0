// Coalition staff write the library at /admin/resources: the list with its language matrix, a
// new item, an item's settings and versions, and its status (admins publish, schedule and
// unpublish: resources.policy.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { instantToZoned, zonedToInstant } from "../../campaigns/index.js";
import { registerFormPost } from "../../http/forms.js";
import { registerPage } from "../../http/locale.js";
import { allowed, authorize } from "../../http/policy.js";
import { pageContext, sendPage } from "../../http/render.js";
import { localizedPath } from "../../i18n/index.js";
import { memberJurisdictions } from "../../members/index.js";
import { can } from "../resources.policy.js";
import {
  checkResource,
  createResource,
  moveResourceStatus,
  saveResource,
} from "./items.service.js";
import { type ItemSummary, ResourceEditPage } from "./items.view.js";
import { type ListRow, ResourceListPage } from "./list.view.js";
import {
  actorOf,
  loadResource,
  messages,
  postedStrings,
  refusedMessages,
  shownStatus,
} from "./manage.forms.js";
import {
  allResourcesForStaff,
  resourceChoices,
  type StaffResource,
  titleIn,
} from "./manage.queries.js";
import {
  COALITION_TIME_ZONE,
  field,
  ListQuery,
  MEMBER_FIELD,
  memberField,
  NoticeQuery,
  RESOURCE_BODY_LIMIT,
  ResourceForm,
  SlugParams,
  StatusForm,
  topicField,
} from "./manage.schema.js";
import type { FormState } from "./parts.view.js";

/** The form's values from a stored item. */
function itemValues(item: StaffResource, roster: { id: string; slug: string }[]) {
  const values: Record<string, string> = {
    slug: item.slug,
    type: item.type,
    dated_on: item.dated_on,
    partner: item.partner ?? "",
    video_url: item.video_url ?? "",
    parent: "",
  };
  for (const topic of item.topics) values[topicField(topic)] = "yes";
  for (const id of item.memberIds) {
    const member = roster.find((m) => m.id === id);
    if (member) values[memberField(member.slug)] = "yes";
  }
  for (const v of item.versions) {
    values[field("title", v.locale)] = v.title;
    values[field("summary", v.locale)] = v.summary;
    values[field("body", v.locale)] = v.body;
    values[field("status", v.locale)] = v.status;
  }
  for (const s of item.sections) {
    const name = field("sections", s.locale);
    const pages =
      s.first_page === s.last_page ? `${s.first_page}` : `${s.first_page}-${s.last_page}`;
    values[name] = `${values[name] ? `${values[name]}\n` : ""}${pages} ${s.title}`;
  }
  return values;
}

/** A list row's title and its language (another than the page's when a version is missing). */
function titleOfRow(versions: { locale: string; title: string }[], tag: string, slug: string) {
  const shown = titleIn(versions, tag);
  return { title: shown?.title ?? slug, titleLocale: shown?.locale ?? tag };
}

const titleOf = (item: StaffResource, locale: string) =>
  (
    item.versions.find((v) => v.locale === locale) ??
    item.versions.find((v) => v.locale === "en") ??
    item.versions[0]
  )?.title ?? item.slug;

export async function itemRoutes(app: FastifyInstance) {
  async function choices(request: FastifyRequest) {
    const [reports, roster] = await Promise.all([
      resourceChoices(app.db, ["report"], request.locale.tag),
      memberJurisdictions(app.db),
    ]);
    return { reports, roster };
  }

  function summaryOf(request: FastifyRequest, item: StaffResource): ItemSummary {
    return {
      slug: item.slug,
      title: titleOf(item, request.locale.tag),
      shown: shownStatus(item, new Date()),
      status: item.status,
      publishAt: item.publish_at,
      isDemo: item.is_demo === 1,
      editors: Object.fromEntries(
        item.versions.map((v) => [v.locale, { name: v.editor, at: v.updated_at }]),
      ),
    };
  }

  async function sendForm(
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    item?: StaffResource,
    extra: { notice?: string; status?: { value: string; error?: string } } = {},
  ) {
    const failed = Object.keys(form.errors).length > 0 || extra.status?.error !== undefined;
    const c = await choices(request);
    return sendPage(
      reply,
      <ResourceEditPage
        ctx={pageContext(request)}
        form={form}
        item={item ? summaryOf(request, item) : undefined}
        choices={{ reports: c.reports.filter((r) => r.slug !== item?.slug), roster: c.roster }}
        canPublish={allowed(can(request.account, "publish"))}
        notice={extra.notice}
        status={extra.status ?? (item ? { value: scheduledValue(item.publish_at) } : undefined)}
      />,
      failed ? 422 : 200,
    );
  }

  registerPage(
    app,
    "/admin/resources",
    { schema: { querystring: ListQuery }, restricted: true },
    async (request, reply) => {
      const now = new Date();
      const lacks = request.query.lacks;
      const rows: ListRow[] = (await allResourcesForStaff(app.db))
        .map((r) => ({
          slug: r.slug,
          ...titleOfRow(r.versions, request.locale.tag, r.slug),
          type: r.type,
          shown: shownStatus(r, now),
          datedOn: r.dated_on,
          isDemo: r.is_demo === 1,
          languages: Object.fromEntries(r.versions.map((v) => [v.locale, v.status])),
        }))
        .filter((r) => !lacks || r.languages[lacks] !== "ready");
      return sendPage(
        reply,
        <ResourceListPage
          ctx={pageContext(request)}
          rows={rows}
          lacks={lacks}
          canEdit={allowed(can(request.account, "edit"))}
        />,
      );
    },
  );

  registerPage(app, "/admin/resources/new", { restricted: true }, async (request, reply) => {
    authorize(can(request.account, "edit"));
    const today = new Date().toISOString().slice(0, 10);
    return sendForm(request, reply, {
      csrfToken: reply.generateCsrf(),
      values: { type: "toolkit", dated_on: today },
      errors: {},
    });
  });

  /** What was typed, the roster's checkboxes included (they are not in the schema's list). */
  const keptValues = (values: Record<string, string>, body: unknown) => ({
    ...values,
    ...Object.fromEntries(
      Object.entries(postedStrings(body)).filter(([n, v]) => MEMBER_FIELD.test(n) && v === "yes"),
    ),
  });

  registerFormPost(
    app,
    "/admin/resources/new",
    {
      body: ResourceForm,
      bodyLimit: RESOURCE_BODY_LIMIT,
      invalid: (request, reply, problems) =>
        sendForm(request, reply, {
          csrfToken: reply.generateCsrf(),
          values: keptValues(problems.values, request.body),
          errors: refusedMessages(request, problems),
        }),
    },
    async (request, reply) => {
      authorize(can(request.account, "edit"));
      const values = keptValues(postedStrings(request.body), request.body);
      const roster = await memberJurisdictions(app.db);
      const { problems, checked } = await checkResource(app.db, values, roster);
      const form = (errors: Record<string, string>) => ({
        csrfToken: reply.generateCsrf(),
        values,
        errors,
      });
      if (!checked) return sendForm(request, reply, form(messages(request, problems)));
      const taken = await createResource(app.db, actorOf(request), checked);
      if (taken) return sendForm(request, reply, form(messages(request, [taken])));
      const path = localizedPath(request.locale, `/admin/resources/${checked.settings.slug}`);
      return reply.redirect(`${path}?done=created`, 303);
    },
  );

  registerPage(
    app,
    "/admin/resources/:slug",
    { schema: { params: SlugParams, querystring: NoticeQuery }, restricted: true },
    async (request, reply) => {
      const item = await loadResource(app.db, request.params.slug);
      const roster = await memberJurisdictions(app.db);
      const values = itemValues(item, roster);
      if (item.parent_id) {
        const reports = await resourceChoices(app.db, ["report"]);
        values.parent = reports.find((r) => r.id === item.parent_id)?.slug ?? "";
      }
      const done = request.query.done;
      return sendForm(
        request,
        reply,
        { csrfToken: reply.generateCsrf(), values, errors: {} },
        item,
        { notice: done ? request.t(`resources-admin.done.${done}`) : undefined },
      );
    },
  );

  registerFormPost(
    app,
    "/admin/resources/:slug",
    {
      params: SlugParams,
      body: ResourceForm,
      bodyLimit: RESOURCE_BODY_LIMIT,
      invalid: async (request, reply, problems) => {
        const item = await loadResource(app.db, request.params.slug);
        return sendForm(
          request,
          reply,
          {
            csrfToken: reply.generateCsrf(),
            values: keptValues(problems.values, request.body),
            errors: refusedMessages(request, problems),
          },
          item,
        );
      },
    },
    async (request, reply) => {
      const item = await loadResource(app.db, request.params.slug);
      authorize(can(request.account, "edit"));
      const values = keptValues(postedStrings(request.body), request.body);
      const roster = await memberJurisdictions(app.db);
      const { problems, checked } = await checkResource(app.db, values, roster, item.id);
      const form = (errors: Record<string, string>) => ({
        csrfToken: reply.generateCsrf(),
        values,
        errors,
      });
      if (!checked) return sendForm(request, reply, form(messages(request, problems)), item);
      const taken = await saveResource(app.db, actorOf(request), item, checked);
      if (taken) return sendForm(request, reply, form(messages(request, [taken])), item);
      const path = localizedPath(request.locale, `/admin/resources/${checked.settings.slug}`);
      return reply.redirect(`${path}?done=saved`, 303);
    },
  );

  registerFormPost(
    app,
    "/admin/resources/:slug/status",
    { params: SlugParams, body: StatusForm },
    async (request, reply) => {
      const item = await loadResource(app.db, request.params.slug);
      authorize(can(request.account, "publish"));
      const { to, publish_at: typed, seen_status, seen_publish_at } = request.body;
      let publishAt: Date | null = null;
      if (to === "schedule") {
        const local = typed.replace(" ", "T");
        let error: string | undefined;
        try {
          publishAt = zonedToInstant(local, COALITION_TIME_ZONE);
          if (publishAt.getTime() <= Date.now())
            error = request.t("resources-admin.error.schedule_past");
        } catch {
          error = request.t("resources-admin.error.schedule", { zone: COALITION_TIME_ZONE });
        }
        if (error) {
          const roster = await memberJurisdictions(app.db);
          return sendForm(
            request,
            reply,
            { csrfToken: reply.generateCsrf(), values: itemValues(item, roster), errors: {} },
            item,
            { status: { value: typed, error } },
          );
        }
      }
      await moveResourceStatus(
        app.db,
        actorOf(request),
        item,
        { status: seen_status, publishAt: seen_publish_at || null },
        to,
        publishAt,
      );
      const path = localizedPath(request.locale, `/admin/resources/${item.slug}`);
      return reply.redirect(`${path}?done=${to}`, 303);
    },
  );
}

/** The scheduled time as staff typed it: a wall time in the coalition's zone. */
export const scheduledValue = (publishAt: string | null) =>
  publishAt ? instantToZoned(new Date(publishAt), COALITION_TIME_ZONE).replace("T", " ") : "";
