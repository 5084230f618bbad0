import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { AppError } from "../../http/errors.js";
import {
  applyFilters,
  KINDS,
  listMembers,
  parseFilters,
  SIZE_BANDS,
  SORTS,
} from "./directory.service.js";

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const MemberSchema = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  kind: Type.Union(KINDS.map((k) => Type.Literal(k))),
  state: Type.String({ description: "USPS code" }),
  geoid: Type.String({ description: "Census GEOID: 7 digits for a place, 5 for a county" }),
  population: Nullable(Type.Integer()),
  populationVintage: Nullable(Type.String()),
  foreignBorn: Nullable(Type.Integer()),
  foreignBornVintage: Nullable(Type.String()),
  foreignBornShare: Nullable(
    Type.Number({ description: "Share of residents born abroad, from one vintage" }),
  ),
  joinedOn: Nullable(Type.String({ format: "date" })),
  isDemo: Type.Boolean({ description: "Part of the demo roster, not real membership data" }),
});

const Query = Type.Object({
  q: Type.Optional(Type.String({ description: "Part of the name" })),
  state: Type.Optional(Type.String({ description: "USPS state code" })),
  kind: Type.Optional(Type.Union(KINDS.map((k) => Type.Literal(k)))),
  size: Type.Optional(Type.Union(Object.keys(SIZE_BANDS).map((k) => Type.Literal(k)))),
  joined: Type.Optional(Type.String({ description: "Year joined, YYYY" })),
  sort: Type.Optional(Type.Union(SORTS.map((k) => Type.Literal(k)))),
});

export async function directoryApi(app: FastifyInstance) {
  app.get(
    "/api/v1/members",
    {
      schema: {
        tags: ["members"],
        summary: "Current members with their newest Census figures",
        querystring: Query,
        response: { 200: Type.Object({ members: Type.Array(MemberSchema) }) },
      },
    },
    async (request) => {
      const { filters, errors } = parseFilters(request.query as Record<string, unknown>);
      if (errors.length) {
        throw new AppError(
          400,
          "bad_request",
          errors.map((field) => ({ field, id: `members.filters.error.${field}` as const })),
        );
      }
      const members = applyFilters(await listMembers(app.db), filters);
      return {
        members: members.map((m) => ({
          slug: m.slug,
          name: m.name,
          kind: m.kind,
          state: m.state,
          geoid: m.geoid,
          population: m.figures.population?.value ?? null,
          populationVintage: m.figures.population?.vintage ?? null,
          foreignBorn: m.figures.foreignBorn?.value ?? null,
          foreignBornVintage: m.figures.foreignBorn?.vintage ?? null,
          foreignBornShare: m.figures.foreignBornShare?.value ?? null,
          joinedOn: m.joinedOn,
          isDemo: m.isDemo,
        })),
      };
    },
  );
}
