// What staff's campaign routes share: loading a campaign by its address, who acts, and a form's
// problems as the form shows them (each field's message, by name).
import type { FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { DB } from "../../db/index.js";
import { requireAccount } from "../../http/account.js";
import { notFound } from "../../http/errors.js";
import type { FormProblems } from "../../http/forms.js";
import { fieldMessage } from "../../http/validation.js";
import { chooseText } from "../campaign.text.js";
import { type CampaignWithTexts, findCampaignBySlug } from "../campaigns.queries.js";
import type { FieldProblem } from "./manage.service.js";

export const actorOf = (request: FastifyRequest) => {
  const account = requireAccount(request);
  return { id: account.user.id, email: account.user.email };
};

/** The service's problems, each said in the page's language. */
export const messages = (request: FastifyRequest, problems: FieldProblem[]) =>
  Object.fromEntries(problems.map((p) => [p.field, request.t(p.key)]));

/** The schema's refusals, each said with its reason or the field's own message. */
export function refusedMessages(request: FastifyRequest, problems: FormProblems) {
  return Object.fromEntries(
    problems.errors.map((e) => [
      e.field,
      fieldMessage(request.t, e, request.t("campaigns.form.error.invalid")),
    ]),
  );
}

export async function loadCampaign(db: Kysely<DB>, slug: string): Promise<CampaignWithTexts> {
  const campaign = await findCampaignBySlug(db, slug);
  if (!campaign) throw notFound();
  return campaign;
}

export const campaignTitle = (campaign: CampaignWithTexts, locale: string) =>
  chooseText(campaign.texts, locale)?.text.title ?? campaign.slug;
