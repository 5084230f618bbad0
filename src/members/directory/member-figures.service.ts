import type { Kysely } from "kysely";
import type { CensusMeasure, DB } from "../../db/index.js";
import { figuresOf } from "../census/census.queries.js";

export interface Figure {
  value: number;
  vintage: string;
  year: number;
  source: string;
  isEstimate: boolean;
}

export interface MemberFigures {
  population?: Figure;
  foreignBorn?: Figure;
  languageOtherThanEnglish?: Figure;
  /**
   * Foreign-born residents as a share of the population, from one vintage only (a share of
   * figures from two surveys would mean nothing): the newest vintage that has both.
   */
  foreignBornShare?: ForeignBornShare;
}

/**
 * A share with the two counts it divides, so the page can name the population it is a share
 * of: beside a newer population figure, the share would not be that figure's share.
 */
export interface ForeignBornShare {
  value: number;
  vintage: string;
  population: number;
  foreignBorn: number;
}

const KEYS: Record<CensusMeasure, "population" | "foreignBorn" | "languageOtherThanEnglish"> = {
  population: "population",
  foreign_born: "foreignBorn",
  language_other_than_english: "languageOtherThanEnglish",
};

/** The newest figure of each measure for each GEOID, in one query. */
export async function figuresFor(
  db: Kysely<DB>,
  geoids: string[],
): Promise<Map<string, MemberFigures>> {
  const result = new Map<string, MemberFigures>();
  if (geoids.length === 0) return result;
  const rows = await figuresOf(db, geoids);
  const byVintage = new Map<
    string,
    Map<string, { population?: number; foreignBorn?: number; year: number }>
  >();
  for (const row of rows) {
    const figures = result.get(row.geoid) ?? {};
    result.set(row.geoid, figures);
    const key = KEYS[row.measure];
    const current = figures[key];
    if (!current || row.year > current.year) {
      figures[key] = {
        value: row.value,
        vintage: row.vintage,
        year: row.year,
        source: row.source,
        isEstimate: row.is_estimate === 1,
      };
    }
    if (row.measure !== "language_other_than_english") {
      const vintages = byVintage.get(row.geoid) ?? new Map();
      byVintage.set(row.geoid, vintages);
      const pair = vintages.get(row.vintage) ?? { year: row.year };
      pair[row.measure === "population" ? "population" : "foreignBorn"] = row.value;
      vintages.set(row.vintage, pair);
    }
  }
  for (const [geoid, vintages] of byVintage) {
    let best: (ForeignBornShare & { year: number }) | undefined;
    for (const [vintage, pair] of vintages) {
      if (pair.population && pair.foreignBorn !== undefined && (!best || pair.year > best.year)) {
        best = {
          value: pair.foreignBorn / pair.population,
          vintage,
          year: pair.year,
          population: pair.population,
          foreignBorn: pair.foreignBorn,
        };
      }
    }
    const figures = result.get(geoid);
    if (best && figures) {
      const { year: _year, ...share } = best;
      figures.foreignBornShare = share;
    }
  }
  return result;
}
