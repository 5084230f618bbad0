// A comment template's merge fields: which exist, what a staff member typed wrong, and the
// template filled for one member. Pure: the values come from mergeValues (template.service.ts).
//
// A template is plain text; a field is written {{member.name}} (spaces inside the braces are
// allowed). What a field becomes is plain text too: whoever shows it escapes it.
import {
  DEFAULT_LOCALE,
  findLocale,
  formatNumber,
  type Locale,
  type MessageKey,
  translator,
} from "../../../i18n/index.js";

// "{{member.programs}}" (the member's programs) waits for the exchange, which is not built: it
// joins this list, with its description and placeholder, once the exchange has the data.
export const MERGE_FIELDS = [
  "member.name",
  "member.state",
  "member.executive",
  "member.executive_title",
  "member.population",
  "member.foreign_born",
  "member.foreign_born_share",
  "member.figures_source",
  "rule.title",
  "rule.document_number",
  "rule.docket",
] as const;

export type MergeField = (typeof MERGE_FIELDS)[number];

/** A field's value as text for the template's language; null or absent when not on file. */
export type MergeValues = Partial<Record<MergeField, string | number | null>>;

/** What each field holds, for the list staff see under the template's editor. */
export const FIELD_DESCRIPTIONS: Record<MergeField, MessageKey> = {
  "member.name": "comment-template.field.member.name",
  "member.state": "comment-template.field.member.state",
  "member.executive": "comment-template.field.member.executive",
  "member.executive_title": "comment-template.field.member.executive_title",
  "member.population": "comment-template.field.member.population",
  "member.foreign_born": "comment-template.field.member.foreign_born",
  "member.foreign_born_share": "comment-template.field.member.foreign_born_share",
  "member.figures_source": "comment-template.field.member.figures_source",
  "rule.title": "comment-template.field.rule.title",
  "rule.document_number": "comment-template.field.rule.document_number",
  "rule.docket": "comment-template.field.rule.docket",
};

/** What a member sees where a value is not on file, so they know what to write there. */
const PLACEHOLDERS: Record<MergeField, MessageKey> = {
  "member.name": "comment-template.placeholder.member.name",
  "member.state": "comment-template.placeholder.member.state",
  "member.executive": "comment-template.placeholder.member.executive",
  "member.executive_title": "comment-template.placeholder.member.executive_title",
  "member.population": "comment-template.placeholder.member.population",
  "member.foreign_born": "comment-template.placeholder.member.foreign_born",
  "member.foreign_born_share": "comment-template.placeholder.member.foreign_born_share",
  "member.figures_source": "comment-template.placeholder.member.figures_source",
  "rule.title": "comment-template.placeholder.rule.title",
  "rule.document_number": "comment-template.placeholder.rule.document_number",
  "rule.docket": "comment-template.placeholder.rule.docket",
};

const KNOWN = new Set<string>(MERGE_FIELDS);
const isField = (name: string): name is MergeField => KNOWN.has(name);

/** A well-formed field: two braces each side, a name without braces or line breaks. */
const FIELD = /\{\{[ \t]*([^{}\n]*?)[ \t]*\}\}/g;
/** "{member.name}": a field typed with one brace each side. */
const SINGLE = /(?<!\{)\{[ \t]*((?:member|rule)\.[a-z_]+)[ \t]*\}(?!\})/g;

export function toLocale(locale: Locale | string): Locale {
  return typeof locale === "string" ? (findLocale(locale) ?? DEFAULT_LOCALE) : locale;
}

/** A problem of a template, in the shape of a form's field error (http/errors.ts FieldError). */
export interface TemplateProblem {
  id: MessageKey;
  values: Record<string, string>;
}

const EXAMPLE = "{{member.name}}";
/** At most this many characters of a template are quoted in a problem. */
const QUOTE = 30;

/**
 * What is wrong with a template's fields, each problem once, in the order they appear: unknown
 * fields ("{{member.nmae}}"), "{{" never closed, "}}" never opened, a field in single braces.
 * Empty when the template is fine.
 */
export function templateProblems(template: string): TemplateProblem[] {
  const found: { at: number; problem: TemplateProblem }[] = [];
  const add = (at: number, id: MessageKey, values: Record<string, string>) =>
    found.push({ at, problem: { id, values } });
  // Well-formed fields are checked, then blanked (same length), so braces left over are strays.
  const rest = template.replace(FIELD, (whole, name: string, at: number) => {
    if (!isField(name)) add(at, "comment-template.problem.unknown", { field: `{{${name}}}` });
    return " ".repeat(whole.length);
  });
  for (const m of rest.matchAll(/\{\{/g)) {
    const text = template.slice(m.index, m.index + QUOTE).split("\n")[0] ?? "";
    add(m.index, "comment-template.problem.unclosed", { text, example: EXAMPLE });
  }
  for (const m of rest.matchAll(/\}\}/g)) {
    const start = Math.max(0, m.index + 2 - QUOTE);
    const text =
      template
        .slice(start, m.index + 2)
        .split("\n")
        .at(-1) ?? "";
    add(m.index, "comment-template.problem.unopened", { text, example: EXAMPLE });
  }
  for (const m of rest.matchAll(SINGLE)) {
    add(m.index, "comment-template.problem.single", {
      text: m[0],
      example: `{{${m[1] ?? ""}}}`,
    });
  }
  const seen = new Set<string>();
  return found
    .sort((a, b) => a.at - b.at)
    .map((f) => f.problem)
    .filter((p) => {
      const key = `${p.id} ${JSON.stringify(p.values)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/**
 * The template with each known field replaced by its value for the template's language: a
 * number is formatted for it, and a value not on file becomes a placeholder the member sees
 * ("[executive's name]"), never "undefined" or an empty gap. Unknown fields stay as typed
 * (templateProblems refuses them when the template is saved).
 */
export function fillTemplate(
  template: string,
  values: MergeValues,
  locale: Locale | string,
): string {
  const loc = toLocale(locale);
  const t = translator(loc);
  return template.replace(FIELD, (whole, name: string) => {
    if (!isField(name)) return whole;
    const value = values[name];
    if (typeof value === "number" && Number.isFinite(value)) return formatNumber(loc, value);
    if (typeof value === "string" && value.trim() !== "") return value.trim();
    return t(PLACEHOLDERS[name]);
  });
}
