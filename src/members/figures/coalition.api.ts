import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { sendCachedJson } from "../../http/page-cache.js";
import { coalitionStats } from "./coalition.service.js";

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

const OverlapSchema = Type.Object({
  placeGeoid: Type.String({ description: "Census GEOID of the member city (7 digits)" }),
  placeName: Type.String({ description: "The member city's name on the roster" }),
  countyGeoid: Type.String({ description: "Census GEOID of the member county (5 digits)" }),
  countyName: Type.String({ description: "The member county's name on the roster" }),
  shareOfPlace: Type.Number({
    minimum: 0,
    maximum: 1,
    description: "Fraction of the city's 2020 Census population living in the county",
  }),
  population: Type.Integer({ description: "People removed from the total, counted in both" }),
  foreignBorn: Type.Integer({
    description:
      "Foreign-born residents removed: an estimate, the city's figure times shareOfPlace",
  }),
  method: Type.Union([Type.Literal("census_2020_part"), Type.Literal("share_of_place")], {
    description:
      "census_2020_part: the 2020 Census count of the part (the city's figure is that census); share_of_place: the city's newest figure times shareOfPlace",
  }),
  capped: Type.Boolean({
    description: "Less was removed than computed, so as not to exceed the county's own figure",
  }),
});

export const CoalitionStatsSchema = Type.Object(
  {
    members: Type.Integer({ description: "Jurisdictions with member status" }),
    population: Type.Integer({
      description: "People the members represent, each counted once (overlaps removed)",
    }),
    foreignBorn: Type.Integer({
      description:
        "Foreign-born residents the members represent, each counted once (what is removed for overlaps is an estimate)",
    }),
    asOf: Type.Union([Type.String({ format: "date" }), Type.Null()], {
      description: "Date of the latest roster change",
    }),
    sources: Type.Array(FigureSourceSchema),
    membersWithoutFigures: Type.Integer({
      description: "Members left out of the totals for lack of a figure",
    }),
    demoMembers: Type.Integer({ description: "Members from the demo roster (not real data)" }),
    overlaps: Type.Array(OverlapSchema, {
      description: "Member cities inside member counties, whose residents are counted once",
    }),
  },
  { $id: "CoalitionStats" },
);

export async function coalitionApi(app: FastifyInstance) {
  app.get(
    "/api/v1/coalition/stats",
    {
      schema: {
        tags: ["coalition"],
        summary: "Coalition totals: members, people represented, foreign-born residents",
        response: { 200: CoalitionStatsSchema },
      },
    },
    // Computed once per data revision: totals over the whole roster, asked for by every home
    // page widget and anyone polling.
    async (request, reply) => sendCachedJson(request, reply, () => coalitionStats(app.db)),
  );
}
