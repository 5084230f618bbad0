// The social_messages table: its one owner. A social push's suggested posts, per platform and
// language.
import type { Insertable, Kysely } from "kysely";
import type { DB, SocialMessagesTable } from "../../db/index.js";

/** Writes one suggested post (the demo seed; staff's form comes with the social work). */
export async function insertSocialMessage(
  trx: Kysely<DB>,
  row: Insertable<SocialMessagesTable>,
): Promise<void> {
  await trx.insertInto("social_messages").values(row).execute();
}
