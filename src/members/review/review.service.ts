// Coalition staff review membership applications: accept (the jurisdiction joins the roster) or
// decline with a reason. Each decision is one transaction with its audit entry and its e-mail.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { recordAudit } from "../../audit/index.js";
import type { DB } from "../../db/index.js";
import { lockRevision } from "../../db/index.js";
import { appError } from "../../http/errors.js";
import { findLocale, translator } from "../../i18n/index.js";
import { type Mailer, quoted } from "../../mail/index.js";
import { type Application, findApplication, recordDecision } from "../join/applications.queries.js";
import {
  insertJurisdictions,
  isMemberGeoid,
  jurisdictionByGeoid,
  slugsStartingWith,
  updateJurisdiction,
} from "../jurisdictions.queries.js";
import { reindexMembers } from "../search.source.js";
import { deriveSlug, uniqueSlug } from "../slug.js";

export interface Reviewer {
  id: string;
  email: string;
}

export type Decision = { kind: "accept" } | { kind: "decline"; reason: string };

/**
 * Applies a decision to a pending application. Refused, with nothing changed, when it was
 * already decided (a second click, or another reviewer first: `application_decided`, 409), and
 * an acceptance when the place is a member already (`jurisdiction_already_member`, 409: joined
 * through the roster meanwhile; accepting would overwrite its record and welcome it again).
 */
export async function decide(
  db: Kysely<DB>,
  mailer: Mailer,
  siteName: string,
  id: string,
  decision: Decision,
  reviewer: Reviewer,
  now = new Date(),
): Promise<{ name: string }> {
  return db.transaction().execute(async (trx) => {
    // Serializes decisions (and roster writes) across processes; see db/revision.ts. Two
    // concurrent decisions run one after the other, and the second finds the first's.
    await lockRevision(trx);
    const application = await findApplication(trx, id);
    if (!application) throw new Error(`no application ${id}`);
    const named = { values: { name: application.name } };
    if (application.status !== "pending") throw appError("application_decided", named);
    if (decision.kind === "accept" && (await isMemberGeoid(trx, application.geoid)))
      throw appError("jurisdiction_already_member", named);
    const at = now.toISOString();
    const status = decision.kind === "accept" ? "accepted" : "declined";
    const recorded = await recordDecision(trx, id, {
      status,
      at,
      reason: decision.kind === "decline" ? decision.reason : null,
    });
    // The compare-and-set holds even without the lock above.
    if (!recorded) throw appError("application_decided", named);
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
    // The contact's name is the applicant's words: quoted.
    const values = {
      site: siteName,
      name: application.name,
      contact: quoted(application.contact_name),
    };
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
    return { name: application.name };
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
async function admit(trx: Kysely<DB>, a: Application, reviewer: Reviewer, now: Date) {
  const at = now.toISOString();
  const existing = await jurisdictionByGeoid(trx, a.geoid);
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
    await updateJurisdiction(trx, existing.id, values);
    await reindexMembers(trx, [existing.id]);
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
  const taken = await slugsStartingWith(trx, deriveSlug(values.name, a.state));
  const slug = uniqueSlug(values.name, a.state, taken);
  const row = {
    id: randomUUID(),
    slug,
    state: a.state,
    geoid: a.geoid,
    website: null,
    created_at: at,
    ...values,
  };
  await insertJurisdictions(trx, [row]);
  await reindexMembers(trx, [row.id]);
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
