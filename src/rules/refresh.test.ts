// The watch list's refresh against the local Federal Register, on both databases.
import assert from "node:assert/strict";
import { after, before, beforeEach, it } from "node:test";
import { describeEachDatabase } from "../../test/support/app.js";
import { recordAudit } from "../audit/index.js";
import { createFederalRegisterClient, parseDocument } from "./federal-register/fr.client.js";
import {
  type FakeFederalRegister,
  openRule,
  startFakeFederalRegister,
} from "./federal-register/fr.fake.test-support.js";
import { type DeadlineChange, refreshWatchList } from "./refresh.service.js";
import { insertRule, ruleByNumber } from "./rules.queries.js";

// 12:00 UTC on 1 February 2026: 07:00 in New York.
const NOW = new Date("2026-02-01T12:00:00Z");

describeEachDatabase("refreshing the watch list", { seed: false }, (ctx) => {
  let fake: FakeFederalRegister;
  const db = () => ctx.database.db;
  const client = () => createFederalRegisterClient({ apiUrl: fake.url, timeoutMs: 1_000 });
  /** A rule already on the watch list, as the Federal Register gave it. */
  const watch = (number: string, closes: string, extra = {}) =>
    insertRule(db(), parseDocument(openRule(number, closes, extra)), {
      now: "2026-01-10T00:00:00.000Z",
    });

  before(async () => {
    fake = await startFakeFederalRegister();
  });
  after(() => fake.close());
  beforeEach(async () => {
    await db().deleteFrom("audit_log").execute();
    await db().deleteFrom("federal_rules").execute();
    fake.documents.clear();
    fake.failNext.length = 0;
    fake.failing.clear();
    fake.unknownAgencies.clear();
    fake.requests.length = 0;
  });

  it("adds the open proposed rules the search finds, once", async () => {
    fake.documents.set("2026-01001", openRule("2026-01001", "2026-03-02"));
    fake.documents.set("2026-01002", openRule("2026-01002", "2026-02-20"));
    // Closed before today: not found by the search.
    fake.documents.set("2026-01003", openRule("2026-01003", "2026-01-30"));
    const report = await refreshWatchList(db(), client(), { now: NOW });
    assert.deepEqual(report, { found: 2, updated: 0, extended: 0, withdrawn: 0, failed: 0 });
    const rule = await ruleByNumber(db(), "2026-01001");
    assert.equal(rule?.commentsCloseOn, "2026-03-02");
    assert.equal(rule?.watched, true);
    assert.equal(rule?.addedBy, null);
    assert.deepEqual(rule?.docketIds, ["USCIS-2026-1001"]);
    assert.equal(await ruleByNumber(db(), "2026-01003"), undefined);
    const again = await refreshWatchList(db(), client(), { now: NOW });
    assert.deepEqual(again, { found: 0, updated: 0, extended: 0, withdrawn: 0, failed: 0 });
  });

  it("updates an extended deadline, calling the listener in the same transaction", async () => {
    const id = await watch("2026-02001", "2026-02-15");
    // Re-read by number (a rule of a department searched by term, so the search misses it).
    fake.documents.set(
      "2026-02001",
      openRule("2026-02001", "2026-03-16", {
        title: "A longer comment period",
        agencies: [{ name: "Labor Department", slug: "labor-department" }],
      }),
    );
    const changes: DeadlineChange[] = [];
    const report = await refreshWatchList(db(), client(), {
      now: NOW,
      onDeadlineChange: [
        async (trx, change) => {
          changes.push(change);
          // What a campaign's listener does: write in the rule's transaction.
          await recordAudit(trx, {
            actor: null,
            action: "test.deadline",
            entity: "federal_rule",
            entityId: change.ruleId,
            after: change,
          });
        },
      ],
    });
    assert.deepEqual(report, { found: 0, updated: 1, extended: 1, withdrawn: 0, failed: 0 });
    assert.deepEqual(changes, [
      {
        ruleId: id,
        documentNumber: "2026-02001",
        before: "2026-02-15",
        after: "2026-03-16",
        withdrawn: false,
      },
    ]);
    const rule = await ruleByNumber(db(), "2026-02001");
    assert.equal(rule?.commentsCloseOn, "2026-03-16");
    assert.equal(rule?.title, "A longer comment period");
    const audit = await db().selectFrom("audit_log").select("entity_id").execute();
    assert.deepEqual(audit, [{ entity_id: id }]);
  });

  it("a listener that throws leaves the rule as it was, and the others are still updated", async () => {
    await watch("2026-03001", "2026-02-15");
    await watch("2026-03002", "2026-02-15");
    fake.documents.set("2026-03001", openRule("2026-03001", "2026-03-16"));
    fake.documents.set("2026-03002", openRule("2026-03002", "2026-03-20"));
    const report = await refreshWatchList(db(), client(), {
      now: NOW,
      onDeadlineChange: [
        async (trx, change) => {
          await recordAudit(trx, {
            actor: null,
            action: "test.deadline",
            entity: "federal_rule",
            entityId: change.ruleId,
          });
          if (change.documentNumber === "2026-03001") throw new Error("campaign refused");
        },
      ],
    });
    assert.equal(report.failed, 1);
    assert.equal(report.extended, 1);
    assert.equal((await ruleByNumber(db(), "2026-03001"))?.commentsCloseOn, "2026-02-15");
    assert.equal((await ruleByNumber(db(), "2026-03002"))?.commentsCloseOn, "2026-03-20");
    // The failed listener's write went with its rule's transaction.
    assert.equal((await db().selectFrom("audit_log").selectAll().execute()).length, 1);
  });

  it("marks a rule the Federal Register no longer has as withdrawn, and tells the listeners", async () => {
    const gone = await watch("2026-04001", "2026-02-27");
    await watch("2026-04002", "2026-02-27");
    fake.documents.set("2026-04002", openRule("2026-04002", "2026-02-27"));
    const changes: DeadlineChange[] = [];
    const report = await refreshWatchList(db(), client(), {
      now: NOW,
      onDeadlineChange: [async (_trx, change) => void changes.push(change)],
    });
    assert.deepEqual(report, { found: 0, updated: 1, extended: 0, withdrawn: 1, failed: 0 });
    assert.deepEqual(changes, [
      {
        ruleId: gone,
        documentNumber: "2026-04001",
        before: "2026-02-27",
        after: "2026-02-27",
        withdrawn: true,
      },
    ]);
    assert.equal((await ruleByNumber(db(), "2026-04001"))?.withdrawnAt, NOW.toISOString());
    assert.equal((await ruleByNumber(db(), "2026-04002"))?.withdrawnAt, null);
  });

  it("marks withdrawn a rule whose own action says so", async () => {
    await watch("2026-04101", "2026-02-27");
    fake.documents.set(
      "2026-04101",
      openRule("2026-04101", "2026-02-27", { action: "Proposed rule; withdrawal." }),
    );
    const report = await refreshWatchList(db(), client(), { now: NOW });
    assert.equal(report.withdrawn, 1);
    assert.equal((await ruleByNumber(db(), "2026-04101"))?.withdrawnAt, NOW.toISOString());
  });

  it("survives a malformed document and a failed search; a server error withdraws nothing", async () => {
    await watch("2026-05001", "2026-02-15");
    await watch("2026-05002", "2026-02-15");
    fake.documents.set("2026-05001", { ...openRule("2026-05001", "2026-03-01"), title: null });
    fake.documents.set("2026-05002", openRule("2026-05002", "2026-03-01"));
    // The first search fails (503); the second search and the re-reading go on.
    fake.failNext.push(503);
    const report = await refreshWatchList(db(), client(), { now: NOW });
    assert.equal(report.failed, 2);
    assert.equal((await ruleByNumber(db(), "2026-05001"))?.commentsCloseOn, "2026-02-15");
    assert.equal((await ruleByNumber(db(), "2026-05002"))?.commentsCloseOn, "2026-03-01");

    fake.failing.set("2026-05001", 500);
    const down = await refreshWatchList(db(), client(), { now: NOW });
    assert.equal(down.withdrawn, 0);
    assert.ok(down.failed >= 1);
    assert.equal((await ruleByNumber(db(), "2026-05001"))?.withdrawnAt, null);
  });

  it("never asks about demo rules, closed rules or rules taken off the watch list", async () => {
    await insertRule(db(), parseDocument(openRule("2026-06001", "2026-02-20")), {
      now: "2026-01-10T00:00:00.000Z",
      isDemo: true,
    });
    await watch("2026-06002", "2026-01-20");
    const off = await watch("2026-06003", "2026-02-20");
    await db().updateTable("federal_rules").set({ watched: 0 }).where("id", "=", off).execute();
    const report = await refreshWatchList(db(), client(), { now: NOW });
    assert.deepEqual(report, { found: 0, updated: 0, extended: 0, withdrawn: 0, failed: 0 });
    assert.ok(fake.requests.every((r) => r.pathname === "/api/v1/documents.json"));
    assert.equal((await ruleByNumber(db(), "2026-06001"))?.withdrawnAt, null);
  });
});
