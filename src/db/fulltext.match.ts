// The query languages of the two engines, written from the same clauses (db/fulltext.ts): FTS5's
// MATCH strings and PostgreSQL's tsquery. Words hold only letters and digits (search/text.ts), so
// quoting is all they need. On SQLite what a reader filters by (language, kind, topic) is also
// indexed, as words of a third FTS5 column, so a filter is one more list of rows merged in order.
import type { FulltextClause, FulltextRow } from "./fulltext.js";

/** A filter value as a word of the meta column: letters and digits only, marked by its kind. */
export function metaWord(kind: "l" | "t" | "p", value: string | null): string {
  return `x${kind}${(value ?? "none").toLowerCase().replace(/[^a-z0-9]/g, "")}`;
}

export function metaTerms(row: FulltextRow): string {
  return [
    metaWord("l", row.locale),
    metaWord("t", row.type),
    ...row.topics.map((topic) => metaWord("p", topic)),
  ].join(" ");
}

/** The clauses, all of them (AND), as an FTS5 expression over the title and the body. */
export function ftsExpression(clauses: readonly FulltextClause[]): string {
  return clauses
    .map((clause) => {
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
