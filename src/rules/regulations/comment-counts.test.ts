// Regulations.gov's own comment counts for the watched rules, against the local server.
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { describeEachDatabase } from "../../../test/support/app.js";
import { dayFromNow } from "../../../test/support/campaigns.js";
import { buildRule } from "../../../test/support/comments.js";
import {
  closedPort,
  type FakeRegulationsServer,
  startRegulationsServer,
} from "../../../test/support/regulations-server.js";
import { ruleById } from "../rules.queries.js";
import { refreshCommentCounts } from "./comment-counts.service.js";
import { createRegulationsClient } from "./regulations.client.js";

describeEachDatabase("Regulations.gov comment counts", { seed: false }, (ctx) => {
  let server: FakeRegulationsServer;
  const db = () => ctx.database.db;
  before(async () => {
    server = await startRegulationsServer();
  });
  after(() => server.close());

  it("counts watched real rules, open or lately closed, and keeps a count it cannot read", async () => {
    const open = await buildRule(db(), { regulations_document_id: "USCIS-2026-0101-0001" });
    const closed = await buildRule(db(), {
      regulations_document_id: "USCIS-2026-0102-0001",
      comments_close_on: dayFromNow(-30),
    });
    const old = await buildRule(db(), {
      regulations_document_id: "USCIS-2026-0103-0001",
      comments_close_on: dayFromNow(-200),
    });
    const demo = await buildRule(db(), { regulations_document_id: "DEMO-0001", is_demo: 1 });
    const unknown = await buildRule(db(), { regulations_document_id: "USCIS-2026-0104-0001" });
    server.documents.set("USCIS-2026-0101-0001", { objectId: "09000064a", comments: 1234 });
    server.documents.set("USCIS-2026-0102-0001", { objectId: "09000064b", comments: 85 });
    server.documents.set("USCIS-2026-0103-0001", { objectId: "09000064c", comments: 9 });
    server.documents.set("DEMO-0001", { objectId: "09000064d", comments: 7 });
    const client = createRegulationsClient({ apiUrl: server.url, apiKey: server.key });

    const report = await refreshCommentCounts(db(), client);
    assert.ok(report.counted >= 2 && report.unknown >= 1, JSON.stringify(report));
    const count = async (id: string) => (await ruleById(db(), id))?.commentsCount;
    assert.equal(await count(open.id), 1234);
    assert.equal(await count(closed.id), 85);
    assert.equal(await count(old.id), null, "closed long ago: not asked");
    assert.equal(await count(demo.id), null, "demo: not asked");
    assert.equal(await count(unknown.id), null);

    // The API unreachable: every rule fails, and each keeps the count it had.
    const down = createRegulationsClient({
      apiUrl: `http://127.0.0.1:${await closedPort()}/v4`,
      apiKey: server.key,
    });
    const failed = await refreshCommentCounts(db(), down);
    assert.equal(failed.counted, 0);
    // The client answers "unknown" for what it could not read; either way nothing is written.
    assert.ok(failed.failed + failed.unknown >= 3, JSON.stringify(failed));
    assert.equal(await count(open.id), 1234);
  });
});
