import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { it } from "node:test";
import { openForm, postForm } from "../../../test/support/accounts.js";
import { describeEachDatabase } from "../../../test/support/app.js";

const GARDEN_CITY = "2025325"; // Garden City city, KS: in the Census data, not on any roster

const FIELDS = {
  geoid: GARDEN_CITY,
  kind: "city",
  executive_name: "Troy Unruh",
  executive_title: "Mayor",
  contact_name: "Ana Pérez",
  contact_title: "",
  contact_phone: "",
  message: "",
  agree: "yes",
};

// Many people (or one attacker) applying for one place at the same moment: the database keeps
// one pending application per place, and everyone else gets the form's usual answer.
describeEachDatabase("joining: many applications for one place at once", { seed: false }, (ctx) => {
  it("keeps one pending application and answers the others 'under review', never 500", async () => {
    const form = await openForm(ctx.app, `/join?geoid=${GARDEN_CITY}`);
    assert.equal(form.res.statusCode, 200);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        postForm(
          ctx.app,
          "/join",
          form.cookie,
          {
            ...FIELDS,
            _csrf: form.csrf,
            submission_key: randomUUID(),
            contact_email: `applicant${i}@gardencity.example`,
          },
          // Each from its own client address, so the form's rate limit is not what stops them.
          `10.50.${Math.floor(i / 200)}.${(i % 200) + 1}`,
        ),
      ),
    );
    const statuses = answers.map((a) => a.statusCode);
    assert.deepEqual(
      statuses.filter((s) => s !== 303 && s !== 409),
      [],
      "only the success redirect or the 'under review' answer",
    );
    assert.equal(statuses.filter((s) => s === 303).length, 1, "one application made");
    for (const answer of answers.filter((a) => a.statusCode === 409)) {
      assert.match(answer.body, /already has an application under review/);
    }
    const pending = await ctx.database.db
      .selectFrom("membership_applications")
      .select(["contact_email"])
      .where("geoid", "=", GARDEN_CITY)
      .where("status", "=", "pending")
      .execute();
    assert.equal(pending.length, 1);
    const mails = await ctx.database.db
      .selectFrom("outbox")
      .select("to_address")
      .where("to_address", "like", "%@gardencity.example")
      .execute();
    assert.deepEqual(mails, [{ to_address: pending[0]?.contact_email }], "one confirmation");
  });
});
