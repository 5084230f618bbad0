import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { coalitionStats } from "./members.queries.js";

const FigureSourceSchema = Type.Object({
  measure: Type.Union([
    Type.Literal("population"),
    Type.Literal("foreign_born"),
    Type.Literal("language_other_than_english"),
  ]),
  vintage: Type.String({ description: "Survey and years, e.g. ACS 5-year 2012-2016" }),
  source: Type.String({ description: "Table or snapshot the figures come from" }),
  members: Type.Integer({ description: "Members whose figure comes from this vintage and source" }),
  estimated: Type.Boolean({
    description: "Some figures are derived estimates, not published counts",
  }),
});

export const CoalitionStatsSchema = Type.Object(
  {
    members: Type.Integer({ description: "Jurisdictions with member status" }),
    population: Type.Integer({ description: "People the members represent" }),
    foreignBorn: Type.Integer({ description: "Foreign-born residents the members represent" }),
    asOf: Type.Union([Type.String({ format: "date" }), Type.Null()], {
      description: "Date of the latest roster change",
    }),
    sources: Type.Array(FigureSourceSchema),
    membersWithoutFigures: Type.Integer({
      description: "Members left out of the totals for lack of a figure",
    }),
    demoMembers: Type.Integer({ description: "Members from the demo roster (not real data)" }),
  },
  { $id: "CoalitionStats" },
);

export async function membersApi(app: FastifyInstance) {
  app.get(
    "/api/v1/coalition/stats",
    {
      schema: {
        tags: ["coalition"],
        summary: "Coalition totals: members, people represented, foreign-born residents",
        response: { 200: CoalitionStatsSchema },
      },
    },
    async () => coalitionStats(app.db),
  );
}
