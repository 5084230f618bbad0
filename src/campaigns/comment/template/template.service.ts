// The values of a template's merge fields for one member and one rule, as text in the
// template's language: names as people know them, numbers formatted for the language, and the
// survey the figures come from, so a figure is never quoted without its source (decision 0018).
import type { Kysely } from "kysely";
import type { DB } from "../../../db/index.js";
import { formatNumber, type Locale, translator } from "../../../i18n/index.js";
import {
  executiveTitle,
  type MemberFigures,
  memberFacts,
  placeName,
  stateName,
  vintageName,
} from "../../../members/index.js";
import { ruleById } from "../../../rules/index.js";
import { type MergeValues, toLocale } from "./template.fields.js";

const shareFormats = new Map<string, Intl.NumberFormat>();

/** "38.2%": one decimal, as the profile pages show shares. */
export function formatShare(locale: Locale, share: number): string {
  let format = shareFormats.get(locale.tag);
  if (!format) {
    format = new Intl.NumberFormat(locale.intl, {
      style: "percent",
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
    shareFormats.set(locale.tag, format);
  }
  return format.format(share);
}

/**
 * The member's figures as merge values: the newest population and foreign-born counts, the share
 * from the newest vintage that has both, and every vintage quoted ("ACS 5-year 2012–2016", or
 * two joined as the language joins a list when the counts come from different surveys).
 */
export function figureValues(locale: Locale, figures: MemberFigures): MergeValues {
  const t = translator(locale);
  const { population, foreignBorn, foreignBornShare: share } = figures;
  const vintages = [population?.vintage, foreignBorn?.vintage, share?.vintage].filter(
    (v): v is string => v !== undefined,
  );
  const names = [...new Set(vintages)].map((v) => vintageName(t, v).text);
  return {
    "member.population": population ? formatNumber(locale, population.value) : null,
    "member.foreign_born": foreignBorn ? formatNumber(locale, foreignBorn.value) : null,
    "member.foreign_born_share": share ? formatShare(locale, share.value) : null,
    "member.figures_source": names.length
      ? new Intl.ListFormat(locale.intl, { type: "conjunction" }).format(names)
      : null,
  };
}

/**
 * Every merge field's value for a member (any status) and, when given, a rule, in the template's
 * language. What is not on file (no executive named, no figures, no such member or rule) is
 * null: fillTemplate shows a placeholder there.
 */
export async function mergeValues(
  db: Kysely<DB>,
  options: { jurisdictionId: string; ruleId?: string | null; locale: Locale | string },
): Promise<MergeValues> {
  const locale = toLocale(options.locale);
  const t = translator(locale);
  const [member, rule] = await Promise.all([
    memberFacts(db, options.jurisdictionId),
    options.ruleId ? ruleById(db, options.ruleId) : undefined,
  ]);
  const dockets = rule?.docketIds ?? [];
  return {
    "member.name": member ? placeName(member.name, member.state) : null,
    "member.state": member ? stateName(t, member.state) : null,
    "member.executive": member?.executiveName ?? null,
    "member.executive_title": member?.executiveTitle
      ? executiveTitle(t, member.executiveTitle).text
      : null,
    ...figureValues(locale, member?.figures ?? {}),
    "rule.title": rule?.title ?? null,
    "rule.document_number": rule?.documentNumber ?? null,
    "rule.docket": dockets.length ? dockets.join(", ") : null,
  };
}
