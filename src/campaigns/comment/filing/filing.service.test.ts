import assert from "node:assert/strict";
import { before, beforeEach, it } from "node:test";
import { describeEachDatabase } from "../../../../test/support/app.js";
import { buildMember, buildPerson, type Person } from "../../../../test/support/builders.js";
import {
  auditOf,
  buildCommentAction,
  buildDraft,
  type Draft,
  draftRow,
  filingJobs,
  participationsOf,
} from "../../../../test/support/comment-filing.js";
import type { Jurisdiction } from "../../../db/index.js";
import { AppError } from "../../../http/errors.js";
import { translator } from "../../../i18n/index.js";
import { LOCALES } from "../../../i18n/locales.js";
import { createJobRunner, type JobRunner } from "../../../jobs/index.js";
import { describeFilingError, textProblemMessage } from "./filing.errors.js";
import { FILING_JOB, recordSelfFiled, requestFiling, resolveUnclear } from "./filing.service.js";

function translatorFor(tag: string) {
  const locale = LOCALES.find((l) => l.tag === tag);
  assert.ok(locale, tag);
  return translator(locale);
}

/** The catalogue id (and field errors) a call was refused with. */
async function refusal(call: Promise<unknown>): Promise<{ id: string; fields: string[] }> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof AppError, `an AppError, not ${String(error)}`);
    return { id: error.id, fields: error.fields.map((f) => `${f.field}: ${f.id}`) };
  }
  assert.fail("the call was not refused");
}

describeEachDatabase(
  "filing a comment: asking, filing by hand, checking",
  { seed: false },
  (ctx) => {
    const db = () => ctx.database.db;
    let jobs: JobRunner;
    let tucson: Jurisdiction;
    let admin: Person;
    let action: { id: string };

    /** A fresh draft of a fresh action, approved for version 1 unless told. */
    async function draft(options: Partial<Draft> & { approved?: boolean } = {}) {
      const { approved = true, ...overrides } = options;
      action = await buildCommentAction(db());
      return buildDraft(db(), {
        action,
        jurisdiction: tucson,
        ...(approved ? { approvedBy: admin } : {}),
        ...overrides,
      });
    }
    const filingOf = async (id: string) => (await draftRow(db(), id)).filing;

    before(async () => {
      tucson = await buildMember(db(), { name: "Tucson", state: "AZ" });
      admin = await buildPerson(db(), { jurisdiction: tucson, membershipRole: "member_admin" });
      jobs = createJobRunner(db());
    });
    beforeEach(async () => {
      await db().deleteFrom("jobs").execute();
    });

    it("queues an approved comment with one job however often it is asked, and audits who asked", async () => {
      const row = await draft();
      const ask = () => requestFiling(db(), jobs, { draftId: row.id, actor: admin });
      const results = await Promise.allSettled([ask(), ask()]);
      assert.deepEqual(results.map((r) => r.status).sort(), ["fulfilled", "rejected"]);
      assert.equal(await filingOf(row.id), "queued");
      const queued = await filingJobs(db());
      assert.equal(queued.length, 1);
      assert.equal(queued[0]?.key, `${FILING_JOB}:${row.id}:1`);
      assert.deepEqual(queued[0]?.payload, { draftId: row.id, version: 1 });
      assert.deepEqual(await refusal(ask()), { id: "comment_filing_in_progress", fields: [] });
      const [entry] = await auditOf(db(), row.id);
      assert.equal(entry?.action, "comment.filing.request");
      assert.equal(entry?.actor_email, admin.email);
      assert.deepEqual(JSON.parse(entry?.after ?? "null"), { filing: "queued", version: 1 });
    });

    it("refuses an unapproved comment, and one changed since it was approved", async () => {
      const unapproved = await draft({ approved: false });
      assert.deepEqual(
        await refusal(requestFiling(db(), jobs, { draftId: unapproved.id, actor: admin })),
        {
          id: "comment_not_approved",
          fields: [],
        },
      );
      const changed = await draft();
      await db()
        .updateTable("comment_drafts")
        .set({ version: 2, body: "Changed." })
        .where("id", "=", changed.id)
        .execute();
      assert.deepEqual(
        await refusal(requestFiling(db(), jobs, { draftId: changed.id, actor: admin })),
        {
          id: "comment_not_approved",
          fields: [],
        },
      );
      assert.equal(await filingOf(changed.id), null);
      assert.deepEqual(await filingJobs(db()), []);
    });

    it("refuses a comment over 5,000 characters, saying so on the body field", async () => {
      const long = await draft({ body: "a".repeat(5001) });
      const refused = await refusal(requestFiling(db(), jobs, { draftId: long.id, actor: admin }));
      assert.deepEqual(refused, {
        id: "validation",
        fields: ["body: comment-filing.text.too_many_characters"],
      });
      const t = translatorFor("en");
      assert.equal(
        textProblemMessage(t, { kind: "too_many_characters", count: 5001, limit: 5000, over: 1 }),
        "5,001 of 5,000 characters: 1 too many for Regulations.gov.",
      );
    });

    it("refuses to queue a filed comment, naming its tracking number", async () => {
      const filed = await draft({
        filing: "filed",
        filed_via: "self",
        tracking_number: "lxm-9dn5-0z3a",
      });
      try {
        await requestFiling(db(), jobs, { draftId: filed.id, actor: admin });
        assert.fail("queued a filed comment");
      } catch (error) {
        assert.ok(error instanceof AppError);
        assert.equal(error.id, "comment_already_filed");
        assert.deepEqual(error.values, { trackingNumber: "lxm-9dn5-0z3a" });
      }
    });

    it("records a comment filed by hand, counting the member as taking part once", async () => {
      // Filed by hand is filed all the same: only once signed off.
      const unapproved = await draft({ approved: false, filing: "refused" });
      assert.deepEqual(
        await refusal(
          recordSelfFiled(db(), {
            draftId: unapproved.id,
            actor: admin,
            trackingNumber: "abc-1234-5678",
          }),
        ),
        { id: "comment_not_approved", fields: [] },
      );
      const row = await draft({ filing: "refused" });
      await recordSelfFiled(db(), {
        draftId: row.id,
        actor: admin,
        trackingNumber: "  lxm-9dn5-0z3a ",
      });
      const after = await draftRow(db(), row.id);
      assert.equal(after.filing, "filed");
      assert.equal(after.filed_via, "self");
      assert.equal(after.tracking_number, "lxm-9dn5-0z3a");
      assert.equal(after.filed_by, admin.id);
      const parts = await participationsOf(db(), action.id);
      assert.equal(parts.length, 1);
      assert.equal(parts[0]?.jurisdiction_id, tucson.id);
      assert.equal(parts[0]?.withdrawn_at, null);
      assert.deepEqual(
        await refusal(
          recordSelfFiled(db(), { draftId: row.id, actor: admin, trackingNumber: "abc-1234-5678" }),
        ),
        { id: "comment_already_filed", fields: [] },
      );
      assert.equal((await participationsOf(db(), action.id)).length, 1);
      assert.deepEqual(
        (await auditOf(db(), row.id)).map((e) => e.action),
        ["comment.filing.self"],
      );
    });

    it("refuses a tracking number that is not one, saying what one looks like", async () => {
      const row = await draft();
      for (const typed of ["abc", "lxm 9dn5 0z3a", "<b>lxm</b>", "x".repeat(41)]) {
        assert.deepEqual(
          await refusal(
            recordSelfFiled(db(), { draftId: row.id, actor: admin, trackingNumber: typed }),
          ),
          { id: "validation", fields: ["tracking_number: comment-filing.tracking_number.invalid"] },
          typed,
        );
      }
      const t = translatorFor("es");
      assert.match(
        t("comment-filing.tracking_number.invalid", { min: 5, max: 40 }),
        /de 5 a 40 letras/,
      );
      assert.equal(await filingOf(row.id), null);
    });

    it("after an unclear attempt, records the number a person found, or lets it be filed again", async () => {
      const error = JSON.stringify({ reason: "timeout", detail: "no answer within 30000 ms" });
      const arrived = await draft({ filing: "unclear", filing_error: error, filed_by: admin.id });
      await resolveUnclear(db(), {
        draftId: arrived.id,
        actor: admin,
        outcome: { trackingNumber: "kq1-abcd-0001" },
      });
      const found = await draftRow(db(), arrived.id);
      assert.equal(found.filing, "filed");
      assert.equal(found.filed_via, "api");
      assert.equal(found.tracking_number, "kq1-abcd-0001");
      assert.equal(found.filing_error, null);
      assert.equal((await participationsOf(db(), action.id)).length, 1);

      const lost = await draft({ filing: "unclear", filing_error: error });
      const t = translatorFor("zh-Hans");
      assert.deepEqual(describeFilingError(t, lost.filing_error), {
        message: "意见发送后 Regulations.gov 没有及时回应，因此它可能已经收到。",
        detail: "no answer within 30000 ms",
      });
      await resolveUnclear(db(), { draftId: lost.id, actor: admin, outcome: "not_received" });
      assert.equal(await filingOf(lost.id), null);
      assert.equal((await participationsOf(db(), action.id)).length, 0);
      assert.deepEqual(
        await refusal(
          resolveUnclear(db(), { draftId: lost.id, actor: admin, outcome: "not_received" }),
        ),
        { id: "comment_not_unclear", fields: [] },
      );
      const later = new Date(Date.now() + 1000);
      await requestFiling(db(), jobs, { draftId: lost.id, actor: admin }, later);
      assert.equal(await filingOf(lost.id), "queued");
      assert.deepEqual(
        (await auditOf(db(), lost.id)).map((e) => e.action),
        ["comment.filing.resolve", "comment.filing.request"],
      );
    });

    it("refuses to queue an unclear comment until a person has checked it", async () => {
      const row = await draft({ filing: "unclear" });
      assert.deepEqual(
        await refusal(requestFiling(db(), jobs, { draftId: row.id, actor: admin })),
        {
          id: "comment_filing_unclear",
          fields: [],
        },
      );
    });
  },
);
