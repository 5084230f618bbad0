// Coalition staff review membership applications: accept (the jurisdiction joins the roster) or
// decline with a reason. Each decision is one transaction with its audit entry and its e-mail.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { recordAudit } from "../../audit/index.js";
import type { DB } from "../../db/index.js";
import { lockRevision } from "../../db/index.js";
import { findLocale, translator } from "../../i18n/index.js";
import type { Mailer } from "../../mail/index.js";
import { deriveSlug } from "../slug.js";

export type Application = Awaited<ReturnType<typeof findApplication>> & {};

export async function listApplications(db: Kysely<DB>) {
  const rows = await db
    .selectFrom("membership_applications")
    .selectAll()
    .orderBy("created_at", "desc")
    .limit(200)
    .execute();
  return {
    pending: rows.filter((r) => r.status === "pending").reverse(),
    decided: rows.filter((r) => r.status !== "pending").slice(0, 50),
  };
}

export async function findApplication(db: Kysely<DB>, id: string) {
  return db
    .selectFrom("membership_applications")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
}

export interface Reviewer {
  id: string;
  email: string;
}

export type Decision = { kind: "accept" } | { kind: "decline"; reason: string };

/**
 * Applies a decision to a pending application. Returns false when it was already decided (a
 * second click, or another reviewer first): nothing changes then.
 */
export async function decide(
  db: Kysely<DB>,
  mailer: Mailer,
  siteName: string,
  id: string,
  decision: Decision,
  reviewer: Reviewer,
  now = new Date(),
): Promise<{ decided: boolean; name: string }> {
  return db.transaction().execute(async (trx) => {
    // Serializes decisions (and roster writes) across processes; see db/revision.ts.
    await lockRevision(trx);
    const application = await findApplication(trx, id);
    if (!application) throw new Error(`no application ${id}`);
    if (application.status !== "pending") return { decided: false, name: application.name };
    const at = now.toISOString();
    const status = decision.kind === "accept" ? "accepted" : "declined";
    await trx
      .updateTable("membership_applications")
      .set({
        status,
        decided_at: at,
        decision_reason: decision.kind === "decline" ? decision.reason : null,
      })
      .where("id", "=", id)
      .execute();
    await recordAudit(
      trx,
      {
        actor: reviewer,
        action: `application.${decision.kind}`,
        entity: "membership_application",
        entityId: id,
        before: { status: application.status },
        after: { status, reason: decision.kind === "decline" ? decision.reason : null },
      },
      now,
    );
    if (decision.kind === "accept") await admit(trx, application, reviewer, now);

    const locale = findLocale(application.locale);
    const t = translator(
      locale ?? (findLocale("en") as NonNullable<ReturnType<typeof findLocale>>),
    );
    const values = { site: siteName, name: application.name, contact: application.contact_name };
    await mailer.send(
      decision.kind === "accept"
        ? {
            to: application.contact_email,
            subject: t("admin.mail.accepted.subject", values),
            text: t("admin.mail.accepted.body", values),
            locale: application.locale,
          }
        : {
            to: application.contact_email,
            subject: t("admin.mail.declined.subject", values),
            text: t("admin.mail.declined.body", { ...values, reason: decision.reason }),
            locale: application.locale,
          },
      trx,
    );
    return { decided: true, name: application.name };
  });
}

/** "Dodge City city" → "Dodge City": a place's Census name without its legal-status word. */
function plainName(censusName: string, geoid: string): string {
  if (geoid.length !== 7) return censusName;
  return censusName.replace(
    / (city|town|village|borough|municipality|CDP|urban county|zona urbana)$/,
    "",
  );
}

/** Puts the applicant on the roster as a member from today: a new row, or a former member back. */
async function admit(trx: Kysely<DB>, a: NonNullable<Application>, reviewer: Reviewer, now: Date) {
  const at = now.toISOString();
  const existing = await trx
    .selectFrom("jurisdictions")
    .selectAll()
    .where("geoid", "=", a.geoid)
    .executeTakeFirst();
  const values = {
    name: existing?.name ?? plainName(a.name, a.geoid),
    kind: a.kind,
    executive_name: a.executive_name,
    executive_title: a.executive_title,
    status: "member" as const,
    joined_on: at.slice(0, 10),
    is_demo: 0,
    updated_at: at,
  };
  if (existing) {
    await trx.updateTable("jurisdictions").set(values).where("id", "=", existing.id).execute();
    await recordAudit(
      trx,
      {
        actor: reviewer,
        action: "jurisdiction.update",
        entity: "jurisdiction",
        entityId: existing.id,
        before: existing,
        after: { ...existing, ...values },
      },
      now,
    );
    return;
  }
  const taken = new Set(
    (
      await trx
        .selectFrom("jurisdictions")
        .select("slug")
        .where("slug", "like", `${deriveSlug(values.name, a.state)}%`)
        .execute()
    ).map((r) => r.slug),
  );
  const base = deriveSlug(values.name, a.state);
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  const row = {
    id: randomUUID(),
    slug,
    state: a.state,
    geoid: a.geoid,
    website: null,
    created_at: at,
    ...values,
  };
  await trx.insertInto("jurisdictions").values(row).execute();
  await recordAudit(
    trx,
    {
      actor: reviewer,
      action: "jurisdiction.create",
      entity: "jurisdiction",
      entityId: row.id,
      after: row,
    },
    now,
  );
}
