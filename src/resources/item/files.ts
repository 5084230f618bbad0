// Which of an item's files a reader is offered: documents in their language (or the first of
// its fallback order that has any, labelled), images one by one (each in the reader's language
// or a fallback, plus those without text), each image's alt text chosen the same way.
import type { FileAltRow, FileRow } from "../resources.queries.js";

export interface ShownFile {
  row: FileRow;
  /** The file's language when not the reader's (a fallback, labelled); null: no language. */
  fallback: string | null;
  alt?: { text: string; locale: string; fallback: boolean };
}

export interface ShownFiles {
  documents: ShownFile[];
  images: ShownFile[];
  /** A video's captions, every language's, the reader's order first. */
  captions: ShownFile[];
}

/** The rows of the first language of `order` that has any (else the first there is). */
function chosen(rows: readonly FileRow[], order: readonly string[]) {
  const located = rows.filter((r) => r.locale !== null);
  const locale =
    order.find((l) => located.some((r) => r.locale === l)) ?? located[0]?.locale ?? null;
  return rows.filter((r) => r.locale === null || r.locale === locale);
}

const rank = (order: readonly string[], locale: string | null) => {
  const at = order.indexOf(locale ?? "");
  return at === -1 ? order.length : at;
};

export function shownFiles(
  rows: readonly FileRow[],
  alts: readonly FileAltRow[],
  order: readonly string[],
): ShownFiles {
  const first = order[0];
  const shown = (row: FileRow): ShownFile => {
    const own = alts.filter((a) => a.file_id === row.id);
    const alt =
      order.map((l) => own.find((a) => a.locale === l)).find((a) => a !== undefined) ?? own[0];
    return {
      row,
      fallback: row.locale !== null && row.locale !== first ? row.locale : null,
      ...(alt
        ? { alt: { text: alt.alt, locale: alt.locale, fallback: alt.locale !== first } }
        : {}),
    };
  };
  return {
    documents: chosen(
      rows.filter((r) => r.role === "document"),
      order,
    ).map(shown),
    images: chosen(
      rows.filter((r) => r.role === "image"),
      order,
    ).map(shown),
    captions: rows
      .filter((r) => r.role === "captions" && r.locale !== null)
      .map(shown)
      .sort((a, b) => rank(order, a.row.locale) - rank(order, b.row.locale)),
  };
}

/** The address of a file on the item's page, in the reader's locale prefix. */
export const filePath = (itemPath: string, fileId: string) => `${itemPath}/files/${fileId}`;
