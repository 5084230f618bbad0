import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { Type } from "typebox";
import { requireCoalitionRole } from "../accounts/index.js";
import { recordAudit } from "../audit/index.js";
import type { DB } from "../db/index.js";
import { registerAdminEntry, STAFF_ROLES } from "../http/admin-home.js";
import { notFound } from "../http/errors.js";
import { checkFields, registerFormPost } from "../http/forms.js";
import { registerPage } from "../http/locale.js";
import { pageContext, sendPage } from "../http/render.js";
import { DEFAULT_LOCALE, LOCALES, type Locale, localizedPath } from "../i18n/index.js";
import { ContentEditPage, type ContentRow, ContentTablePage } from "./content-admin.view.js";
import { en } from "./seed/en.js";

const KEY = /^[a-z][a-z0-9_.]{0,80}$/;
const BODY = { body: Type.String({ minLength: 1, maxLength: 20000 }) };

function target(key: unknown, locale: unknown): { key: string; locale: Locale } {
  const found = typeof locale === "string" ? LOCALES.find((l) => l.tag === locale) : undefined;
  if (typeof key !== "string" || !KEY.test(key) || !found) throw notFound();
  return { key, locale: found };
}

async function findBody(db: Kysely<DB>, key: string, locale: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("content_blocks")
    .select("body")
    .where("key", "=", key)
    .where("locale", "=", locale)
    .executeTakeFirst();
  return row?.body;
}

function actor(request: FastifyRequest) {
  const user = request.account?.user;
  if (!user) throw new Error("requireCoalitionRole lets no anonymous request through");
  return { id: user.id, email: user.email };
}

/** Coalition staff edit and translate the site's texts at /admin/content. */
export async function contentAdminRoutes(app: FastifyInstance) {
  const guard = requireCoalitionRole("coalition_admin", "coalition_editor");
  registerAdminEntry(app, {
    id: "content",
    title: "admin.nav.content",
    description: "admin.home.content",
    href: "/admin/content",
    roles: STAFF_ROLES,
    order: 40,
  });

  registerPage(
    app,
    "/admin/content",
    async (request, reply) => {
      const rows = await app.db
        .selectFrom("content_blocks")
        .select(["key", "locale", "updated_at"])
        .execute();
      const keys = [...new Set([...Object.keys(en), ...rows.map((r) => r.key)])].sort();
      const table: ContentRow[] = keys.map((key) => ({
        key,
        updated: Object.fromEntries(
          rows.filter((r) => r.key === key).map((r) => [r.locale, r.updated_at]),
        ),
      }));
      const saved = (request.query as Record<string, unknown>).saved;
      let notice: string | undefined;
      if (typeof saved === "string") {
        const at = saved.lastIndexOf(":");
        const key = saved.slice(0, at);
        const locale = LOCALES.find((l) => l.tag === saved.slice(at + 1));
        if (at > 0 && KEY.test(key) && locale) {
          notice = request.t("admin.content.saved", { key, language: locale.name });
        }
      }
      return sendPage(
        reply,
        <ContentTablePage ctx={pageContext(request)} rows={table} notice={notice} />,
      );
    },
    { preHandler: guard, restricted: true },
  );

  registerPage(
    app,
    "/admin/content/edit",
    async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const { key, locale } = target(query.key, query.locale);
      const [body, english] = await Promise.all([
        findBody(app.db, key, locale.tag),
        findBody(app.db, key, DEFAULT_LOCALE.tag),
      ]);
      return sendPage(
        reply,
        <ContentEditPage
          ctx={pageContext(request)}
          blockKey={key}
          target={locale}
          english={english}
          form={{ csrfToken: reply.generateCsrf(), body: body ?? "", bodyError: false }}
        />,
      );
    },
    { preHandler: guard, restricted: true },
  );
  registerFormPost(
    app,
    "/admin/content/edit",
    async (request, reply) => {
      const form = (request.body ?? {}) as Record<string, unknown>;
      const { key, locale: blockLocale } = target(form.key, form.locale);
      const { values, errors } = checkFields(BODY, request.body, { allowMarkup: ["body"] });
      if (errors.length) {
        const english = await findBody(app.db, key, DEFAULT_LOCALE.tag);
        return sendPage(
          reply,
          <ContentEditPage
            ctx={pageContext(request)}
            blockKey={key}
            target={blockLocale}
            english={english}
            form={{ csrfToken: reply.generateCsrf(), body: values.body, bodyError: true }}
          />,
          422,
        );
      }
      const now = new Date();
      await app.db.transaction().execute(async (trx) => {
        const before = await findBody(trx, key, blockLocale.tag);
        if (before === undefined) {
          await trx
            .insertInto("content_blocks")
            .values({
              key,
              locale: blockLocale.tag,
              body: values.body,
              is_demo: 0,
              updated_at: now.toISOString(),
            })
            .execute();
        } else {
          await trx
            .updateTable("content_blocks")
            .set({ body: values.body, is_demo: 0, updated_at: now.toISOString() })
            .where("key", "=", key)
            .where("locale", "=", blockLocale.tag)
            .execute();
        }
        await recordAudit(
          trx,
          {
            actor: actor(request),
            action: "content.update",
            entity: "content_block",
            entityId: `${key}:${blockLocale.tag}`,
            before: before === undefined ? undefined : { body: before },
            after: { body: values.body },
          },
          now,
        );
      });
      return reply.redirect(
        `${localizedPath(request.locale, "/admin/content")}?saved=${key}:${blockLocale.tag}`,
        303,
      );
    },
    { guard: guard },
  );
}
