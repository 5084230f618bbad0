// Staff write an item's social messages at /admin/resources/:slug/messages: one per platform and
// language, each counted by its platform's rule through the campaigns' one implementation
// (checkMessages, MessageFields); one over its limit is refused at its field and the form comes
// back with everything typed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { recordAudit } from "../../audit/index.js";
import { checkMessages, MessagesForm, messageField, PLATFORM_INFO } from "../../campaigns/index.js";
import type { DB } from "../../db/index.js";
import { registerFormPost } from "../../http/forms.js";
import { registerPage } from "../../http/locale.js";
import { authorize } from "../../http/policy.js";
import { pageContext, sendPage } from "../../http/render.js";
import { localizedPath } from "../../i18n/index.js";
import { can } from "../resources.policy.js";
import type { Actor } from "./items.service.js";
import { actorOf, loadResource, postedStrings, refusedMessages } from "./manage.forms.js";
import {
  type MessageRow,
  messagesOfResource,
  replaceResourceMessages,
  type StaffResource,
  touchResource,
} from "./manage.queries.js";
import { NoticeQuery, RESOURCE_BODY_LIMIT, SlugParams } from "./manage.schema.js";
import { ResourceMessagesPage } from "./messages.view.js";

/** Replaces an item's messages, audited with what they were. */
export async function saveResourceMessages(
  db: Kysely<DB>,
  actor: Actor,
  item: { id: string },
  messages: MessageRow[],
  now = new Date(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await messagesOfResource(trx, item.id);
    await replaceResourceMessages(trx, item.id, messages);
    await touchResource(trx, item.id, now.toISOString());
    await recordAudit(
      trx,
      {
        actor,
        action: "resource.messages",
        entity: "resource",
        entityId: item.id,
        before,
        after: messages,
      },
      now,
    );
  });
}

export async function messageRoutes(app: FastifyInstance) {
  function send(
    request: FastifyRequest,
    reply: FastifyReply,
    item: StaffResource,
    form: { values: Record<string, string>; errors: Record<string, string>; notice?: string },
  ) {
    const title =
      (item.versions.find((v) => v.locale === request.locale.tag) ?? item.versions[0])?.title ??
      item.slug;
    return sendPage(
      reply,
      <ResourceMessagesPage
        ctx={pageContext(request)}
        item={{ slug: item.slug, title, isDemo: item.is_demo === 1 }}
        csrfToken={reply.generateCsrf()}
        values={form.values}
        errors={form.errors}
        notice={form.notice}
      />,
      Object.keys(form.errors).length > 0 ? 422 : 200,
    );
  }

  registerPage(
    app,
    "/admin/resources/:slug/messages",
    { schema: { params: SlugParams, querystring: NoticeQuery }, restricted: true },
    async (request, reply) => {
      const item = await loadResource(app.db, request.params.slug);
      authorize(can(request.account, "edit"));
      const values: Record<string, string> = {};
      for (const m of await messagesOfResource(app.db, item.id)) {
        values[messageField(m.platform, m.locale)] = m.body;
      }
      const notice = request.query.done ? request.t("resources-admin.done.messages") : undefined;
      return send(request, reply, item, { values, errors: {}, notice });
    },
  );

  registerFormPost(
    app,
    "/admin/resources/:slug/messages",
    {
      params: SlugParams,
      body: MessagesForm,
      bodyLimit: RESOURCE_BODY_LIMIT,
      invalid: async (request, reply, problems) => {
        const item = await loadResource(app.db, request.params.slug);
        authorize(can(request.account, "edit"));
        return send(request, reply, item, {
          values: problems.values,
          errors: refusedMessages(request, problems),
        });
      },
    },
    async (request, reply) => {
      const item = await loadResource(app.db, request.params.slug);
      authorize(can(request.account, "edit"));
      const values = postedStrings(request.body);
      const { messages, over } = checkMessages(values);
      if (over.length > 0) {
        const errors = Object.fromEntries(
          over.map((o) => [
            o.field,
            request.t("campaign-social.error.over", {
              count: o.length,
              limit: o.limit,
              over: Math.max(0, o.length - o.limit),
              platform: PLATFORM_INFO[o.platform].name,
            }),
          ]),
        );
        return send(request, reply, item, { values, errors });
      }
      await saveResourceMessages(app.db, actorOf(request), item, messages);
      const path = localizedPath(request.locale, `/admin/resources/${item.slug}/messages`);
      return reply.redirect(`${path}?done=messages`, 303);
    },
  );
}
