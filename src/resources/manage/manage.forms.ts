// What staff's library routes share: who acts, a form's problems as the form shows them (each
// field's message, by name), the status people see, and loading an item by its address.
import type { FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { DB, PublishStatus } from "../../db/index.js";
import { requireAccount } from "../../http/account.js";
import { notFound } from "../../http/errors.js";
import type { FormProblems } from "../../http/forms.js";
import { fieldMessage } from "../../http/validation.js";
import type { FieldProblem } from "./items.service.js";
import { findResourceForStaff, type StaffResource } from "./manage.queries.js";

export const actorOf = (request: FastifyRequest) => {
  const account = requireAccount(request);
  return { id: account.user.id, email: account.user.email };
};

/** The services' problems, each said in the page's language. */
export const messages = (request: FastifyRequest, problems: readonly FieldProblem[]) =>
  Object.fromEntries(problems.map((p) => [p.field, request.t(p.key, p.values)]));

/** The schema's refusals, each said with its reason or the form's general message. */
export function refusedMessages(request: FastifyRequest, problems: FormProblems) {
  return Object.fromEntries(
    problems.errors.map((e) => [
      e.field,
      fieldMessage(request.t, e, request.t("resources-admin.error.invalid")),
    ]),
  );
}

export type ShownStatus = "draft" | "scheduled" | "published" | "unpublished";

/** What staff see: a published item whose time has not come is "scheduled". */
export function shownStatus(
  row: { status: PublishStatus; publish_at: string | null },
  now: Date,
): ShownStatus {
  if (row.status === "published" && row.publish_at !== null && row.publish_at > now.toISOString())
    return "scheduled";
  return row.status;
}

export async function loadResource(db: Kysely<DB>, slug: string): Promise<StaffResource> {
  const item = await findResourceForStaff(db, slug);
  if (!item) throw notFound();
  return item;
}

/** Every string of a posted body (the roster's checkboxes are not in the schema's list). */
export function postedStrings(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (!body || typeof body !== "object") return values;
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === "string" && name !== "_csrf") values[name] = value;
  }
  return values;
}
