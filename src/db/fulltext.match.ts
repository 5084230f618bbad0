// The query languages of the two engines, written from the same clauses (db/fulltext.ts): FTS5's
// MATCH strings and PostgreSQL's tsquery. Words hold only letters and digits (search/text.ts), so
// quoting is all they need. On SQLite what a reader filters by (kind, topic) is also indexed, as
// words of a third FTS5 column, so a filter is one more list of rows merged in order; a language
// is a range of row ids (fulltext.ts).
import type { FulltextClause, FulltextRow } from "./fulltext.js";

/** A filter value as a word of the meta column: letters and digits only, marked by its kind. */
export function metaWord(kind: "t" | "p", value: string): string {
  return `x${kind}${value.toLowerCase().replace(/[^a-z0-9]/g, "")}`;
}

export function metaTerms(row: Pick<FulltextRow, "type" | "topics">): string {
  return [metaWord("t", row.type), ...row.topics.map((topic) => metaWord("p", topic))].join(" ");
}

/**
 * The clauses, all of them (AND), as an FTS5 expression over the title and the body. A clause
 * whose prefix has its words in `expanded` asks for those words (any of them) instead.
 */
export function ftsExpression(
  clauses: readonly FulltextClause[],
  expanded: ReadonlyMap<FulltextClause, readonly string[]> = new Map(),
): string {
  return clauses
    .map((clause) => {
      const words = expanded.get(clause);
      if (words) {
        const before = clause.terms.slice(0, -1);
        if (clause.phrase)
          return `(${words.map((w) => `"${[...before, w].join(" ")}"`).join(" OR ")})`;
        const any = `(${words.map((w) => `"${w}"`).join(" OR ")})`;
        return `(${[...before.map((term) => `"${term}"`), any].join(" AND ")})`;
      }
      if (clause.phrase) return `("${clause.terms.join(" ")}"${clause.prefix ? " *" : ""})`;
      const quoted = clause.terms.map((term) => `"${term}"`);
      if (clause.prefix) quoted[quoted.length - 1] = `${quoted[quoted.length - 1]} *`;
      return `(${quoted.join(" AND ")})`;
    })
    .join(" AND ");
}

export function tsquery(clauses: readonly FulltextClause[]): string {
  return clauses
    .map((clause) => {
      const quoted = clause.terms.map((term) => `'${term}'`);
      if (clause.prefix) quoted[quoted.length - 1] = `${quoted[quoted.length - 1]}:*`;
      return `(${quoted.join(clause.phrase ? " <-> " : " & ")})`;
    })
    .join(" & ");
}
