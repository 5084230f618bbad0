// The social_messages and social_posts tables: their one owner. A social push has one message per
// platform and language (unique on action, platform, locale: an empty message is no row), and the
// posts members report back, one row per address and action (a report sent twice is one row).
import { randomUUID } from "node:crypto";
import type { Insertable, Kysely, Selectable } from "kysely";
import type { DB, SocialMessagesTable, SocialPlatform, SocialPostsTable } from "../../db/index.js";

export type SocialMessageRow = Selectable<SocialMessagesTable>;
export type SocialPostRow = Selectable<SocialPostsTable>;

export interface MessageText {
  platform: SocialPlatform;
  locale: string;
  body: string;
}

/** An action's messages, by platform then language. */
export async function messagesOf(db: Kysely<DB>, actionId: string): Promise<SocialMessageRow[]> {
  return db
    .selectFrom("social_messages")
    .selectAll()
    .where("action_id", "=", actionId)
    .orderBy("platform")
    .orderBy("locale")
    .execute();
}

/**
 * Makes an action's messages exactly `messages`: each written (inserted or its text replaced),
 * and any other platform and language the action had removed (its field was emptied).
 */
export async function replaceMessages(
  trx: Kysely<DB>,
  actionId: string,
  messages: readonly MessageText[],
  now: string,
): Promise<void> {
  const kept = new Set(messages.map((m) => `${m.platform}|${m.locale}`));
  for (const row of await messagesOf(trx, actionId)) {
    if (!kept.has(`${row.platform}|${row.locale}`)) {
      await trx.deleteFrom("social_messages").where("id", "=", row.id).execute();
    }
  }
  for (const m of messages) {
    await trx
      .insertInto("social_messages")
      .values({
        id: randomUUID(),
        action_id: actionId,
        platform: m.platform,
        locale: m.locale,
        body: m.body,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc
          .columns(["action_id", "platform", "locale"])
          .doUpdateSet({ body: m.body, updated_at: now }),
      )
      .execute();
  }
}

export interface NewPost {
  actionId: string;
  jurisdictionId: string;
  platform: SocialPlatform;
  url: string;
  userId: string | null;
  now: string;
}

/**
 * Records a reported post, once per address: a second report of the same address (a double
 * click, two staff at once) leaves the first row. Returns the row that holds the address now,
 * which may be another member's.
 */
export async function insertPost(trx: Kysely<DB>, post: NewPost): Promise<SocialPostRow> {
  await trx
    .insertInto("social_posts")
    .values({
      id: randomUUID(),
      action_id: post.actionId,
      jurisdiction_id: post.jurisdictionId,
      platform: post.platform,
      url: post.url,
      reported_by: post.userId,
      created_at: post.now,
    })
    .onConflict((oc) => oc.columns(["action_id", "url"]).doNothing())
    .execute();
  return trx
    .selectFrom("social_posts")
    .selectAll()
    .where("action_id", "=", post.actionId)
    .where("url", "=", post.url)
    .executeTakeFirstOrThrow();
}

/** An action's reported posts, oldest first; only one member's when `jurisdictionId` is given. */
export async function postsOf(
  db: Kysely<DB>,
  actionId: string,
  jurisdictionId?: string,
): Promise<SocialPostRow[]> {
  let query = db.selectFrom("social_posts").selectAll().where("action_id", "=", actionId);
  if (jurisdictionId) query = query.where("jurisdiction_id", "=", jurisdictionId);
  return query.orderBy("created_at").orderBy("id").execute();
}

/** How many posts members reported for an action. */
export async function countPosts(db: Kysely<DB>, actionId: string): Promise<number> {
  const row = await db
    .selectFrom("social_posts")
    .select((eb) => eb.fn.countAll<number | string>().as("count"))
    .where("action_id", "=", actionId)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** Writes one suggested post as given (the demo seed). */
export async function insertSocialMessage(
  trx: Kysely<DB>,
  row: Insertable<SocialMessagesTable>,
): Promise<void> {
  await trx.insertInto("social_messages").values(row).execute();
}
