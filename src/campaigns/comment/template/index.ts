// The comment template's merge fields (template.fields.ts) and their values for a member
// (template.service.ts), for the comment pages.
export {
  FIELD_DESCRIPTIONS,
  fillTemplate,
  MERGE_FIELDS,
  type MergeValues,
  type TemplateProblem,
  templateProblems,
} from "./template.fields.js";
export { mergeValues } from "./template.service.js";
