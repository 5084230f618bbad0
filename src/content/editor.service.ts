import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { recordAudit } from "../audit/index.js";
import { type DB, isUniqueViolation } from "../db/index.js";
import { findBody, lockedBodies, writeBlock } from "./content.queries.js";

/**
 * A text as stored: browsers send a textarea's line breaks as CRLF, the seed and every page use
 * LF, so a text only re-sent is not a change.
 */
export const normalizeText = (body: string): string => body.replace(/\r\n?/g, "\n").trim();

/**
 * What the form showed of a language's text, sent back with it: a SHA-256 of the text, or "" when
 * there was none. It tells a language the editor left alone from one they changed, without
 * sending the text twice.
 */
export const textMark = (body: string | undefined): string =>
  body === undefined ? "" : createHash("sha256").update(normalizeText(body)).digest("hex");

/** One language of the form: the text as sent, and the mark of the text the form showed. */
export interface TextEdit {
  locale: string;
  body: string;
  seen: string;
}

/** Why a language was not saved (the form comes back with the reason on its field). */
export type TextRefusal = "emptied" | "conflict";

export type SaveOutcome =
  | { saved: string[] }
  | { refused: { locale: string; reason: TextRefusal; current: string | undefined }[] };

/**
 * Saves the languages of one text that the editor changed, each with its audit entry, in one
 * transaction: all of them or none. A language is changed when its text differs both from what is
 * stored and from what the form showed; an untouched field of a form opened before someone else
 * saved is left alone. Refused, and nothing is written, when a written text was emptied (a
 * translation is not removed here) or when a changed language was saved by someone else since the
 * form showed it (the form comes back with the editor's text, marked as seeing theirs: saving
 * again replaces it).
 */
export async function saveTexts(
  db: Kysely<DB>,
  actor: { id: string; email: string },
  key: string,
  edits: TextEdit[],
  now = new Date(),
): Promise<SaveOutcome> {
  // The languages this save adds: a missing one has no row to lock, so two saves adding it at once
  // meet at the primary key, and the later is refused as any other conflict.
  let adding: string[] = [];
  try {
    return await writeTexts(db, actor, key, edits, now, (locales) => {
      adding = locales;
    });
  } catch (error) {
    if (!isUniqueViolation(error) || adding.length === 0) throw error;
    return {
      refused: await Promise.all(
        adding.map(async (locale) => ({
          locale,
          reason: "conflict" as const,
          current: await findBody(db, key, locale),
        })),
      ),
    };
  }
}

async function writeTexts(
  db: Kysely<DB>,
  actor: { id: string; email: string },
  key: string,
  edits: TextEdit[],
  now: Date,
  adding: (locales: string[]) => void,
): Promise<SaveOutcome> {
  return db.transaction().execute(async (trx) => {
    const writes: { locale: string; body: string; before: string | undefined }[] = [];
    const refused: { locale: string; reason: TextRefusal; current: string | undefined }[] = [];
    const bodies = await lockedBodies(trx, key);
    for (const edit of edits) {
      const body = normalizeText(edit.body);
      const before = bodies.get(edit.locale);
      const stored = before === undefined ? "" : normalizeText(before);
      if (body === stored || textMark(body) === edit.seen) continue;
      if (textMark(before) !== edit.seen) {
        refused.push({ locale: edit.locale, reason: "conflict", current: before });
      } else if (body === "") {
        refused.push({ locale: edit.locale, reason: "emptied", current: before });
      } else {
        writes.push({ locale: edit.locale, body, before });
      }
    }
    if (refused.length > 0) return { refused };
    adding(writes.filter((w) => w.before === undefined).map((w) => w.locale));
    for (const { locale, body, before } of writes) {
      await writeBlock(
        trx,
        { key, locale, body, updatedAt: now.toISOString() },
        before !== undefined,
      );
      await recordAudit(
        trx,
        {
          actor,
          action: "content.update",
          entity: "content_block",
          entityId: `${key}:${locale}`,
          before: before === undefined ? undefined : { body: before },
          after: { body },
        },
        now,
      );
    }
    return { saved: writes.map((w) => w.locale) };
  });
}
