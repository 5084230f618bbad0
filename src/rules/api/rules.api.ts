// GET /api/v1/rules: the watch list's rules open for comment, soonest deadline first, as JSON
// (in the OpenAPI document). Rule data is in English, as the Federal Register publishes it.
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { addDays, commentPageUrl, daysLeft, easternToday } from "../rule.dates.js";
import { type FederalRule, watchList } from "../rules.queries.js";

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const RuleSchema = Type.Object({
  documentNumber: Type.String({ description: "Federal Register document number" }),
  title: Type.String(),
  abstract: Nullable(Type.String()),
  type: Type.String({ description: "The Federal Register's type, e.g. Proposed Rule" }),
  agencies: Type.Array(Type.Object({ name: Type.String(), slug: Type.String() })),
  publicationDate: Type.String({ format: "date" }),
  commentsCloseOn: Nullable(
    Type.String({ format: "date", description: "Last day of comments, ending 11:59 p.m. Eastern" }),
  ),
  daysLeft: Nullable(
    Type.Integer({ description: "Whole days left, Eastern time; 0 = closes today" }),
  ),
  docketIds: Type.Array(Type.String()),
  rins: Type.Array(Type.String()),
  citation: Nullable(Type.String()),
  regulationsDocumentId: Nullable(Type.String()),
  commentsCount: Nullable(Type.Integer({ description: "Comments received, per Regulations.gov" })),
  commentUrl: Nullable(Type.String({ description: "Where to comment" })),
  federalRegisterUrl: Nullable(Type.String()),
  url: Type.String({ description: "The rule's page on this site" }),
  isDemo: Type.Boolean({ description: "Demo data, not a real open rule" }),
});

export async function rulesApi(app: FastifyInstance) {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const json = (rule: FederalRule, now: Date) => ({
    documentNumber: rule.documentNumber,
    title: rule.title,
    abstract: rule.abstract,
    type: rule.type,
    agencies: rule.agencies,
    publicationDate: rule.publicationDate,
    commentsCloseOn: rule.commentsCloseOn,
    daysLeft: rule.commentsCloseOn ? daysLeft(rule.commentsCloseOn, now) : null,
    docketIds: rule.docketIds,
    rins: rule.rins,
    citation: rule.citation,
    regulationsDocumentId: rule.regulationsDocumentId,
    commentsCount: rule.commentsCount,
    commentUrl: commentPageUrl(rule),
    federalRegisterUrl: rule.htmlUrl,
    url: `${app.config.publicUrl}/rules/${encodeURIComponent(rule.documentNumber)}`,
    isDemo: rule.isDemo,
  });

  typed.get(
    "/api/v1/rules",
    {
      schema: {
        tags: ["rules"],
        summary:
          "Proposed federal rules on the watch list open for comment, soonest deadline first",
        response: { 200: Type.Object({ rules: Type.Array(RuleSchema) }) },
      },
    },
    async () => {
      const now = new Date();
      const today = easternToday(now);
      const { open } = await watchList(app.db, today, addDays(today, -1));
      return { rules: open.map((r) => json(r, now)) };
    },
  );
}
