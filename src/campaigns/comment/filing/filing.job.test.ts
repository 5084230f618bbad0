import assert from "node:assert/strict";
import { after, before, beforeEach, it } from "node:test";
import { describeEachDatabase } from "../../../../test/support/app.js";
import { buildMember, buildPerson, type Person } from "../../../../test/support/builders.js";
import {
  buildCommentAction,
  buildDraft,
  buildRule,
  draftRow,
  filingJobs,
  makeFilingJobsDue,
  participationsOf,
} from "../../../../test/support/comment-filing.js";
import {
  closedPort,
  type FakeRegulationsServer,
  startRegulationsServer,
} from "../../../../test/support/regulations-server.js";
import type { Jurisdiction } from "../../../db/index.js";
import { createJobRunner, type JobRunner } from "../../../jobs/index.js";
import { createRegulationsClient, type RegulationsClient } from "../../../rules/index.js";
import { readFilingError } from "./filing.errors.js";
import { defineFilingJob } from "./filing.job.js";
import { FILING_JOB, requestFiling } from "./filing.service.js";

const PDF = new TextEncoder().encode("%PDF-1.7\n% letterhead of the test\n%%EOF\n");
const quiet = { info() {}, warn() {}, error() {} };

describeEachDatabase(
  "filing a comment through Regulations.gov (the job)",
  { seed: false },
  (ctx) => {
    const db = () => ctx.database.db;
    let server: FakeRegulationsServer;
    let live: RegulationsClient;
    let client: RegulationsClient | undefined;
    let runner: JobRunner;
    let tucson: Jurisdiction;
    let admin: Person;

    /** An approved draft on a rule the server knows, filing requested. */
    async function requested(body?: string) {
      const rule = await buildRule(db());
      server.documents.set(rule.regulations_document_id ?? "", {
        objectId: `obj-${rule.id}`,
        comments: 0,
      });
      const action = await buildCommentAction(db(), { rule });
      const draft = await buildDraft(db(), {
        action,
        jurisdiction: tucson,
        approvedBy: admin,
        ...(body ? { body } : {}),
      });
      await requestFiling(db(), runner, { draftId: draft.id, actor: admin });
      return { draft, action };
    }
    const run = () => runner.runDue({ names: [FILING_JOB] });

    before(async () => {
      server = await startRegulationsServer();
      live = createRegulationsClient({ apiUrl: server.url, apiKey: server.key, timeoutMs: 300 });
      tucson = await buildMember(db(), { name: "Tucson", state: "AZ" });
      admin = await buildPerson(db(), { jurisdiction: tucson, membershipRole: "member_admin" });
    });
    after(() => server.close());
    beforeEach(async () => {
      server.requests.length = 0;
      server.script.length = 0;
      server.retryAfterSeconds = undefined;
      client = live;
      await db().deleteFrom("jobs").execute();
      await db().deleteFrom("regulations_posts").execute();
      runner = createJobRunner(db());
      defineFilingJob(runner, { db: db(), client: () => client, pdf: async () => PDF, log: quiet });
    });

    it("after 429 twice, files once: three posts seen, one comment recorded with its tracking number", async () => {
      const { draft, action } = await requested();
      server.script.push("429", "429");
      server.retryAfterSeconds = 600;
      assert.equal((await run()).succeeded, 1);
      let row = await draftRow(db(), draft.id);
      assert.equal(row.filing, "queued");
      assert.equal(readFilingError(row.filing_error)?.reason, "rate_limited");
      const [wait] = await filingJobs(db());
      assert.deepEqual(wait?.payload, { draftId: draft.id, version: 1, tries: 1 });
      // Retry-After (10 min) is later than the first back-off (1 min): it is honoured.
      assert.ok((wait?.run_at ?? "") > new Date(Date.now() + 590_000).toISOString());
      assert.equal((await run()).ran, 0, "not before its time");

      server.retryAfterSeconds = undefined;
      assert.equal(await makeFilingJobsDue(db()), 1);
      await run();
      assert.equal((await draftRow(db(), draft.id)).filing, "queued");
      assert.equal(await makeFilingJobsDue(db()), 1);
      await run();

      row = await draftRow(db(), draft.id);
      assert.equal(server.commentPosts().length, 3);
      assert.equal(server.accepted.size, 1);
      const [trackingNumber, attributes] = [...server.accepted.entries()][0] ?? [];
      assert.equal(row.filing, "filed");
      assert.equal(row.filed_via, "api");
      assert.equal(row.tracking_number, trackingNumber);
      assert.equal(row.filing_error, null);
      assert.equal(row.filed_by, admin.id);
      assert.equal(attributes?.organization, "Tucson, AZ");
      assert.equal(attributes?.submitterType, "ORGANIZATION");
      assert.equal(attributes?.comment, draft.body);
      const [file] = (attributes?.files as string[] | undefined) ?? [];
      assert.match(file ?? "", /^comment-tucson-az-.*\.pdf$/);
      assert.deepEqual(
        server.uploads.get(`${String(attributes?.submissionKey)}/${file}`),
        Buffer.from(PDF),
        "the letterhead is attached",
      );
      assert.deepEqual(await filingJobs(db()), []);
      const parts = await participationsOf(db(), action.id);
      assert.equal(parts.length, 1);
      assert.equal(parts[0]?.jurisdiction_id, tucson.id);
      assert.equal(parts[0]?.acted_by, admin.id);
    });

    it("marks a timeout after sending unclear, and never sends it again", async () => {
      const { draft, action } = await requested();
      server.script.push("hang");
      await run();
      const row = await draftRow(db(), draft.id);
      assert.equal(row.filing, "unclear");
      assert.equal(readFilingError(row.filing_error)?.reason, "timeout");
      assert.equal(server.commentPosts().length, 1);
      // Time moves past every back-off: nothing is due, nothing is sent.
      await makeFilingJobsDue(db());
      await run();
      await makeFilingJobsDue(db());
      await run();
      assert.equal(server.commentPosts().length, 1);
      assert.deepEqual(await filingJobs(db()), []);
      assert.equal((await draftRow(db(), draft.id)).filing, "unclear");
      assert.equal((await participationsOf(db(), action.id)).length, 0);
    });

    it("marks a 5xx unclear, with the status kept for the person who checks", async () => {
      const { draft } = await requested();
      server.script.push("500");
      await run();
      const row = await draftRow(db(), draft.id);
      assert.equal(row.filing, "unclear");
      assert.deepEqual(readFilingError(row.filing_error), {
        reason: "server_error",
        detail: "HTTP 500: Internal Server Error",
        status: 500,
      });
      await makeFilingJobsDue(db());
      await run();
      assert.equal(server.commentPosts().length, 1);
    });

    it("marks a 400 refused with the API's message, and sends nothing again", async () => {
      const { draft } = await requested();
      server.script.push("400");
      await run();
      const row = await draftRow(db(), draft.id);
      assert.equal(row.filing, "refused");
      assert.deepEqual(readFilingError(row.filing_error), {
        reason: "refused",
        detail: "HTTP 400: Bad Request: commentOnDocumentId is closed for comment",
        status: 400,
      });
      assert.deepEqual(await filingJobs(db()), []);
    });

    it("retries after the connection was refused, and files once the API answers", async () => {
      const port = await closedPort();
      client = createRegulationsClient({
        apiUrl: `http://127.0.0.1:${port}/v4`,
        apiKey: server.key,
      });
      const { draft } = await requested();
      await run();
      const row = await draftRow(db(), draft.id);
      assert.equal(row.filing, "queued");
      assert.equal(readFilingError(row.filing_error)?.reason, "unreachable");
      const [wait] = await filingJobs(db());
      assert.equal(wait?.payload.tries, 1);
      assert.ok((wait?.run_at ?? "") > new Date(Date.now() + 50_000).toISOString(), "the back-off");
      client = live;
      await makeFilingJobsDue(db());
      await run();
      assert.equal((await draftRow(db(), draft.id)).filing, "filed");
      assert.equal(server.commentPosts().length, 1);
    });

    it("gives up after its tries when nothing could be sent, so it can be filed again", async () => {
      const port = await closedPort();
      client = createRegulationsClient({
        apiUrl: `http://127.0.0.1:${port}/v4`,
        apiKey: server.key,
      });
      runner = createJobRunner(db());
      defineFilingJob(runner, {
        db: db(),
        client: () => client,
        pdf: async () => PDF,
        log: quiet,
        maxTries: 2,
      });
      const { draft } = await requested();
      await run();
      await makeFilingJobsDue(db());
      await run();
      const row = await draftRow(db(), draft.id);
      assert.equal(row.filing, null);
      assert.equal(readFilingError(row.filing_error)?.reason, "gave_up");
      assert.deepEqual(await filingJobs(db()), []);
      await requestFiling(db(), runner, { draftId: draft.id, actor: admin });
      assert.equal((await draftRow(db(), draft.id)).filing, "queued");
    });

    it("waits for the posting limit shared with other processes, sending nothing meanwhile", async () => {
      const { draft } = await requested();
      const at = Date.now() - 10_000;
      await db()
        .insertInto("regulations_posts")
        .values(
          Array.from({ length: 50 }, (_, i) => ({
            id: `full-${i}`,
            posted_at: new Date(at).toISOString(),
          })),
        )
        .execute();
      await run();
      assert.equal((await draftRow(db(), draft.id)).filing, "queued");
      assert.equal(server.commentPosts().length, 0);
      const [wait] = await filingJobs(db());
      assert.equal(wait?.run_at, new Date(at + 60_000).toISOString());
      assert.equal(wait?.payload.tries, 0, "waiting for room is not a failed try");
    });

    it("does not send a comment another run is sending, and flags one a dead run left sending", async () => {
      const { draft } = await requested();
      await db()
        .updateTable("comment_drafts")
        .set({ filing: "sending" })
        .where("id", "=", draft.id)
        .execute();
      await run();
      assert.equal(
        (await draftRow(db(), draft.id)).filing,
        "sending",
        "a first run leaves it alone",
      );
      assert.equal(server.commentPosts().length, 0);

      const second = await requested();
      await db()
        .updateTable("comment_drafts")
        .set({ filing: "sending" })
        .where("id", "=", second.draft.id)
        .execute();
      // This job's first run claimed it, then its process died: the lease ran out.
      await db()
        .updateTable("jobs")
        .set({ state: "running", attempts: 1, run_at: new Date(Date.now() - 1000).toISOString() })
        .where("name", "=", FILING_JOB)
        .execute();
      await run();
      const row = await draftRow(db(), second.draft.id);
      assert.equal(row.filing, "unclear");
      assert.equal(readFilingError(row.filing_error)?.reason, "interrupted");
      assert.equal(server.commentPosts().length, 0);
    });

    it("sends nothing without a key, and says so", async () => {
      client = undefined;
      const { draft } = await requested();
      await run();
      const row = await draftRow(db(), draft.id);
      assert.equal(row.filing, null);
      assert.equal(readFilingError(row.filing_error)?.reason, "no_api_key");
      assert.equal(server.requests.length, 0);
    });
  },
);
