// Preparing and running a campaign: checking the staff's form, creating and saving it with its
// texts, adding actions, and moving it through its statuses. Every change writes its audit entry
// in the same transaction; publishing also writes the announcement to every member's staff, in
// each person's language, so the mail exists exactly when the campaign is published.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { memberStaffContacts } from "../../accounts/index.js";
import { recordAudit } from "../../audit/index.js";
import { type DB, unlessUnique } from "../../db/index.js";
import { isRealDate } from "../../http/dates.js";
import { appError } from "../../http/errors.js";
import { findLocale, localizedPath, type MessageKey, translator } from "../../i18n/index.js";
import type { Mailer } from "../../mail/index.js";
import { deleteActionText, insertAction, saveActionText, touchAction } from "../actions.queries.js";
import { chooseText } from "../campaign.text.js";
import {
  type CampaignSettings,
  type CampaignWithTexts,
  deleteCampaignText,
  insertCampaign,
  markResultsPublished,
  saveCampaignText,
  setCampaignStatus,
  slugTaken,
  updateCampaignSettings,
} from "../campaigns.queries.js";
import { reindexCampaigns } from "../search.source.js";
import { type FormActionKind, field, LOCALE_TAGS } from "./manage.schema.js";

export interface Actor {
  id: string;
  email: string;
}

/** A field's problem: the field's name and the message key saying what it needs. */
export interface FieldProblem {
  field: string;
  key: MessageKey;
}

export interface LanguageText {
  locale: string;
  title: string;
  summary: string;
  body: string;
  ready: boolean;
}

export interface CheckedCampaign {
  settings: CampaignSettings;
  texts: LanguageText[];
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;

/** The languages of a form: a language with nothing typed is not written (and not kept). */
function languagesOf(values: Record<string, string>, names: readonly string[]) {
  return LOCALE_TAGS.map((tag) => ({
    tag,
    values: Object.fromEntries(names.map((n) => [n, values[field(n, tag)] ?? ""])),
  })).filter((l) => l.tag === "en" || names.some((n) => n !== "ready" && l.values[n] !== ""));
}

/** Checks what the schema cannot: dates, the slug's shape and uniqueness, and the texts. */
export async function checkCampaign(
  db: Kysely<DB>,
  values: Record<string, string>,
  exceptId?: string,
): Promise<{ problems: FieldProblem[]; checked?: CheckedCampaign }> {
  const problems: FieldProblem[] = [];
  const slug = values.slug ?? "";
  if (!SLUG.test(slug)) problems.push({ field: "slug", key: "campaigns.form.error.slug" });
  else if (await slugTaken(db, slug, exceptId)) problems.push(SLUG_TAKEN);
  const startsOn = values.starts_on ?? "";
  const endsOn = values.ends_on ?? "";
  if (!isRealDate(startsOn))
    problems.push({ field: "starts_on", key: "campaigns.form.error.date" });
  if (!isRealDate(endsOn)) problems.push({ field: "ends_on", key: "campaigns.form.error.date" });
  else if (isRealDate(startsOn) && endsOn < startsOn)
    problems.push({ field: "ends_on", key: "campaigns.form.error.ends_before" });
  const goalText = values.goal_members ?? "";
  const goal = goalText === "" ? null : Number(goalText);
  if (goal !== null && !(/^\d+$/.test(goalText) && goal >= 1 && goal <= 100_000))
    problems.push({ field: "goal_members", key: "campaigns.form.error.goal" });

  const texts: LanguageText[] = [];
  for (const { tag, values: v } of languagesOf(values, ["title", "summary", "body", "ready"])) {
    if (!v.title) problems.push({ field: field("title", tag), key: "campaigns.form.error.title" });
    if (!v.summary)
      problems.push({ field: field("summary", tag), key: "campaigns.form.error.summary" });
    texts.push({
      locale: tag,
      title: v.title ?? "",
      summary: v.summary ?? "",
      body: v.body ?? "",
      // English is the text every other language falls back to: it is always shown.
      ready: tag === "en" || v.ready === "yes",
    });
  }
  if (problems.length) return { problems };
  return {
    problems,
    checked: {
      settings: {
        slug,
        starts_on: startsOn,
        ends_on: endsOn,
        time_zone: values.time_zone ?? "America/New_York",
        topics: (values.topics ?? "")
          .split(",")
          .map((t) => t.trim())
          .filter(Boolean)
          .join(", "),
        goal_members: goal,
        visibility: values.visibility === "members" ? "members" : "public",
        signatories_public: values.signatories_public === "yes" ? 1 : 0,
      },
      texts,
    },
  };
}

async function writeTexts(trx: Kysely<DB>, campaignId: string, texts: LanguageText[], now: string) {
  for (const tag of LOCALE_TAGS) {
    const text = texts.find((t) => t.locale === tag);
    if (!text) await deleteCampaignText(trx, campaignId, tag);
    else
      await saveCampaignText(trx, {
        campaign_id: campaignId,
        locale: tag,
        title: text.title,
        summary: text.summary,
        body: text.body,
        status: text.ready ? "ready" : "draft",
        updated_at: now,
      });
  }
}

/**
 * The address another campaign took between the check and the write (two staff, or a double
 * click, creating the same one): the slug's unique index refuses the second, said at its field.
 */
export const SLUG_TAKEN: FieldProblem = { field: "slug", key: "campaigns.form.error.slug_taken" };

/** Creates a draft campaign; a problem if its address was taken meanwhile. */
export async function createCampaign(
  db: Kysely<DB>,
  actor: Actor,
  campaign: CheckedCampaign,
  now = new Date(),
): Promise<FieldProblem | undefined> {
  const id = randomUUID();
  const at = now.toISOString();
  return unlessUnique(
    () =>
      db.transaction().execute(async (trx) => {
        await insertCampaign(trx, {
          id,
          ...campaign.settings,
          status: "draft",
          created_by: actor.id,
          created_at: at,
          updated_at: at,
          published_at: null,
          closed_at: null,
          results_published_at: null,
        });
        await writeTexts(trx, id, campaign.texts, at);
        await recordAudit(
          trx,
          { actor, action: "campaign.create", entity: "campaign", entityId: id, after: campaign },
          now,
        );
      }),
    SLUG_TAKEN,
  );
}

export async function saveCampaign(
  db: Kysely<DB>,
  actor: Actor,
  before: CampaignWithTexts,
  campaign: CheckedCampaign,
  now = new Date(),
): Promise<FieldProblem | undefined> {
  if (before.status === "archived") throw appError("campaign_closed");
  const at = now.toISOString();
  return unlessUnique(
    () =>
      db.transaction().execute(async (trx) => {
        await updateCampaignSettings(trx, before.id, campaign.settings, at);
        await writeTexts(trx, before.id, campaign.texts, at);
        await reindexCampaigns(trx, [before.id]);
        const { texts, ...settings } = before;
        await recordAudit(
          trx,
          {
            actor,
            action: "campaign.update",
            entity: "campaign",
            entityId: before.id,
            before: { settings, texts },
            after: campaign,
          },
          now,
        );
      }),
    SLUG_TAKEN,
  );
}

/** Where each button may take a campaign from. */
const FROM = {
  published: "draft",
  closed: "published",
  archived: "closed",
} as const;

export type Transition = keyof typeof FROM | "results";

/**
 * Publishes, closes, archives a campaign or publishes its results: only from the status before
 * (two admins at once: one moves it, the other is told it changed). Publishing writes the
 * announcement to every member's staff, in their language.
 */
export async function moveCampaign(
  db: Kysely<DB>,
  mailer: Mailer,
  options: { siteName: string; publicUrl: string },
  actor: Actor,
  campaign: CampaignWithTexts,
  to: Transition,
  now = new Date(),
): Promise<void> {
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const moved =
      to === "results"
        ? await markResultsPublished(trx, campaign.id, at)
        : await setCampaignStatus(trx, campaign.id, FROM[to], to, at);
    if (!moved) throw appError("campaign_changed");
    // Published: found from now on (closed and archived campaigns stay public, and found).
    await reindexCampaigns(trx, [campaign.id]);
    await recordAudit(
      trx,
      {
        actor,
        action: `campaign.${to === "results" ? "publish_results" : to}`,
        entity: "campaign",
        entityId: campaign.id,
        before: { status: campaign.status },
        after: { status: to === "results" ? campaign.status : to },
      },
      now,
    );
    if (to === "published") await announce(trx, mailer, options, campaign);
  });
  mailer.flush();
}

/** The announcement, one mail per member staff person, each in their own language. */
async function announce(
  trx: Kysely<DB>,
  mailer: Mailer,
  options: { siteName: string; publicUrl: string },
  campaign: CampaignWithTexts,
) {
  for (const contact of await memberStaffContacts(trx)) {
    const locale = findLocale(contact.locale) ?? findLocale("en");
    if (!locale) continue;
    const t = translator(locale);
    const chosen = chooseText(campaign.texts, locale.tag);
    if (!chosen) continue;
    const link = `${options.publicUrl}${localizedPath(locale, `/campaigns/${campaign.slug}`)}`;
    await mailer.send(
      {
        to: contact.email,
        subject: t("campaigns.mail.announce.subject", { title: chosen.text.title }),
        text: t("campaigns.mail.announce.body", {
          site: options.siteName,
          name: contact.name,
          jurisdiction: contact.jurisdiction,
          title: chosen.text.title,
          summary: chosen.text.summary,
          link,
        }),
        locale: locale.tag,
      },
      trx,
    );
  }
}

export interface ActionTexts {
  kind: FormActionKind;
  texts: { locale: string; title: string; body: string }[];
}

/** Checks an action's form: English needs a title; another language with a body needs one too. */
export function checkAction(values: Record<string, string>): {
  problems: FieldProblem[];
  checked?: ActionTexts;
} {
  const problems: FieldProblem[] = [];
  const texts = languagesOf(values, ["title", "body"]).map(({ tag, values: v }) => {
    if (!v.title) problems.push({ field: field("title", tag), key: "campaigns.form.error.title" });
    return { locale: tag, title: v.title ?? "", body: v.body ?? "" };
  });
  const kind = values.kind as FormActionKind;
  return problems.length ? { problems } : { problems, checked: { kind, texts } };
}

async function writeActionTexts(
  trx: Kysely<DB>,
  actionId: string,
  action: ActionTexts,
  now: string,
) {
  for (const tag of LOCALE_TAGS) {
    const text = action.texts.find((t) => t.locale === tag);
    if (text) await saveActionText(trx, { action_id: actionId, ...text, updated_at: now });
    else await deleteActionText(trx, actionId, tag);
  }
}

export async function addAction(
  db: Kysely<DB>,
  actor: Actor,
  campaign: CampaignWithTexts,
  action: ActionTexts,
  now = new Date(),
): Promise<string> {
  if (campaign.status === "closed" || campaign.status === "archived") {
    throw appError("campaign_closed");
  }
  const id = randomUUID();
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await insertAction(trx, { id, campaignId: campaign.id, kind: action.kind, now: at });
    await writeActionTexts(trx, id, action, at);
    await recordAudit(
      trx,
      {
        actor,
        action: "campaign.action.create",
        entity: "campaign_action",
        entityId: id,
        after: action,
      },
      now,
    );
  });
  return id;
}

export async function saveAction(
  db: Kysely<DB>,
  actor: Actor,
  actionId: string,
  before: { texts: unknown },
  action: Omit<ActionTexts, "kind"> & { kind: string },
  now = new Date(),
): Promise<void> {
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await touchAction(trx, actionId, at);
    await writeActionTexts(trx, actionId, action as ActionTexts, at);
    await recordAudit(
      trx,
      {
        actor,
        action: "campaign.action.update",
        entity: "campaign_action",
        entityId: actionId,
        before: before.texts,
        after: action.texts,
      },
      now,
    );
  });
}
