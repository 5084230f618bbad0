// Migration 0012 makes "one pending application per place" a unique index. A database that
// already holds duplicates (made by concurrent posts before it) must still upgrade: the oldest
// stays pending, the later ones are declined as duplicates.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Kysely } from "kysely";
import { buildApplication } from "../../../test/support/builders.js";
import { createTestDatabase, testDialects } from "../../../test/support/databases.js";
import { type Database, openDatabase } from "../../db/index.js";
import * as onePending from "../../db/migrations/0012-one-pending.js";
import { findGeography } from "../census/census.queries.js";
import { createApplication } from "./applications.queries.js";

const GARDEN_CITY = "2025325";
const DODGE_CITY = "2018250";

for (const { kind, skip } of testDialects()) {
  describe(`applications across migration 0012 [${kind}]`, { skip }, () => {
    let database: Database;
    let drop: () => Promise<void>;
    const ids: Record<string, string> = {};

    before(async () => {
      const testDb = await createTestDatabase(kind);
      drop = testDb.drop;
      database = openDatabase(testDb.settings);
      const db = database.db;
      // The schema before 0012, with what concurrent posts left: three pending applications for
      // one place (the first two in the same millisecond: the smaller id counts as older), one
      // declined, and one for another place.
      await onePending.down(db as unknown as Kysely<unknown>);
      const at = (time: string) => ({ created_at: `2026-01-01T00:00:0${time}.000Z` });
      ids.oldest = (
        await buildApplication(db, { id: `a-${randomUUID()}`, geoid: GARDEN_CITY, ...at("1") })
      ).id;
      ids.sameTime = (
        await buildApplication(db, { id: `b-${randomUUID()}`, geoid: GARDEN_CITY, ...at("1") })
      ).id;
      ids.later = (await buildApplication(db, { geoid: GARDEN_CITY, ...at("2") })).id;
      ids.declined = (
        await buildApplication(db, { geoid: GARDEN_CITY, status: "declined", ...at("0") })
      ).id;
      ids.other = (await buildApplication(db, { geoid: DODGE_CITY, ...at("3") })).id;
      await onePending.up(db as unknown as Kysely<unknown>);
    });
    after(async () => {
      await database.close();
      await drop();
    });

    it("keeps the oldest pending application of a place and declines the later ones", async () => {
      const rows = await database.db
        .selectFrom("membership_applications")
        .select(["id", "status", "decision_reason", "decided_at"])
        .execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      assert.equal(byId.get(ids.oldest as string)?.status, "pending");
      assert.equal(byId.get(ids.other as string)?.status, "pending");
      assert.equal(byId.get(ids.declined as string)?.decision_reason, null, "left as it was");
      for (const id of [ids.sameTime, ids.later]) {
        const row = byId.get(id as string);
        assert.equal(row?.status, "declined");
        assert.match(row?.decision_reason ?? "", /^Duplicate/);
        assert.ok(row?.decided_at);
      }
    });

    it("then refuses a second pending application for the place, answering with the first", async () => {
      const geography = await findGeography(database.db, GARDEN_CITY);
      assert.ok(geography);
      const stored = await createApplication(database.db, {
        geography,
        kind: "city",
        executiveName: "Troy Unruh",
        executiveTitle: "Mayor",
        contactName: "Ana Pérez",
        contactTitle: "",
        contactEmail: "ana@gardencity.example",
        contactPhone: "",
        message: "",
        locale: "en",
        submissionKey: randomUUID(),
      });
      assert.deepEqual(stored, { id: ids.oldest, state: "pending" });
    });
  });
}
