import assert from "node:assert/strict";
import { before, it } from "node:test";
import { createUser, csrfTokenOf, signIn } from "../../../test/support/accounts.js";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildApplication, buildMember } from "../../../test/support/builders.js";
import { text } from "../../../test/support/html.js";

// Two reviewers (or two clicks) deciding at the same moment, and an application whose place
// joined by another way meanwhile: one decision, one member, one mail; the rest is a 409.
describeEachDatabase("reviewing: decisions that race", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;
  let cookie: string;

  before(async () => {
    await createUser(ctx.app, { email: "admin@example.org", coalitionRole: "coalition_admin" });
    cookie = await signIn(ctx.app, "admin@example.org");
  });

  function post(url: string, csrf: string, body: Record<string, string> = {}) {
    return ctx.app.inject({
      method: "POST",
      url,
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ _csrf: csrf, ...body }).toString(),
    });
  }

  const mailsTo = (to: string) =>
    db().selectFrom("outbox").select("subject").where("to_address", "=", to).execute();

  it("two accepts at once make one member and one welcome mail; the other is told it was decided", async () => {
    const application = await buildApplication(db(), { contact_email: "twice@example.org" });
    const url = `/admin/members/applications/${application.id}`;
    const csrf = await csrfTokenOf(ctx.app, url, cookie);
    const answers = await Promise.all([
      post(`${url}/accept`, csrf),
      post(`${url}/accept`, csrf),
      post(`${url}/decline`, csrf, { reason: "Too late." }),
    ]);
    assert.deepEqual(answers.map((a) => a.statusCode).sort(), [303, 409, 409]);
    for (const loser of answers.filter((a) => a.statusCode === 409)) {
      assert.match(text(loser.body), /already decided/);
    }
    const members = await db()
      .selectFrom("jurisdictions")
      .select("id")
      .where("geoid", "=", application.geoid)
      .execute();
    const decided = await db()
      .selectFrom("membership_applications")
      .select("status")
      .where("id", "=", application.id)
      .executeTakeFirstOrThrow();
    assert.equal(members.length, decided.status === "accepted" ? 1 : 0);
    assert.equal((await mailsTo("twice@example.org")).length, 1, "one mail for one decision");
  });

  it("refuses to accept an application for a place that became a member meanwhile, changing nothing", async () => {
    const application = await buildApplication(db(), {
      contact_email: "late@example.org",
      executive_name: "Nina Newcomer",
    });
    const member = await buildMember(db(), {
      geoid: application.geoid,
      executive_name: "Olga Original",
    });
    const url = `/admin/members/applications/${application.id}`;
    const csrf = await csrfTokenOf(ctx.app, url, cookie);
    const answer = await post(`${url}/accept`, csrf);
    assert.equal(answer.statusCode, 409);
    assert.match(text(answer.body), /is already a member of the coalition/);
    const after = await db()
      .selectFrom("jurisdictions")
      .select("executive_name")
      .where("id", "=", member.id)
      .executeTakeFirstOrThrow();
    assert.equal(after.executive_name, "Olga Original", "the member's executive stays");
    assert.deepEqual(await mailsTo("late@example.org"), []);
    // Declining it is still possible: that is what staff do with it.
    const declined = await post(`${url}/decline`, csrf, { reason: "Already a member." });
    assert.equal(declined.statusCode, 303);
  });
});
