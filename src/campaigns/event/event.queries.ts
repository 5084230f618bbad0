// The event_details table: its one owner. An event action's time, zone and how to join.
import type { Insertable, Kysely } from "kysely";
import type { DB, EventDetailsTable } from "../../db/index.js";

/** Writes an event action's details (the demo seed; staff's form comes with the events work). */
export async function insertEventDetails(
  trx: Kysely<DB>,
  row: Insertable<EventDetailsTable>,
): Promise<void> {
  await trx.insertInto("event_details").values(row).execute();
}
