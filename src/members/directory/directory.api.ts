import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { Choice } from "../../http/validation.js";
import { FilterQuery, filtersOf } from "./directory.schema.js";
import { applyFilters, KINDS, listMembers } from "./directory.service.js";

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const MemberSchema = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  kind: Choice(KINDS),
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

export async function directoryApi(app: FastifyInstance) {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    "/api/v1/members",
    {
      schema: {
        tags: ["members"],
        summary: "Current members with their newest Census figures",
        querystring: FilterQuery,
        response: { 200: Type.Object({ members: Type.Array(MemberSchema) }) },
      },
    },
    async (request) => {
      // The route's schema refused any bad filter already (400, one error per field).
      const filters = filtersOf(request.query);
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
