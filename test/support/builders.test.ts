// The builders insert what they return, with defaults unique enough to call them twice.
import assert from "node:assert/strict";
import { it } from "node:test";
import { figuresFor } from "../../src/members/directory/member-figures.service.js";
import { coalitionStats } from "../../src/members/figures/coalition.service.js";
import { signIn } from "./accounts.js";
import { describeEachDatabase } from "./app.js";
import {
  buildApplication,
  buildCensusFigure,
  buildInvitation,
  buildMember,
  buildMembership,
  buildPerson,
} from "./builders.js";

describeEachDatabase("test builders", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;

  it("buildMember inserts a member of its state with its Census figures, and the stats count it", async () => {
    const before = await coalitionStats(db());
    const member = await buildMember(db(), {
      state: "TX",
      kind: "city",
      name: "Testburg",
      population: 120_000,
      foreignBorn: 30_000,
    });
    const stored = await db()
      .selectFrom("jurisdictions")
      .selectAll()
      .where("id", "=", member.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(stored, member);
    assert.equal(member.status, "member");
    assert.equal(member.state, "TX");
    assert.equal(member.name, "Testburg");
    assert.match(member.geoid, /^48\d{5}$/, "a Texas place GEOID");
    const figures = (await figuresFor(db(), [member.geoid])).get(member.geoid);
    assert.equal(figures?.population?.value, 120_000);
    assert.equal(figures?.foreignBorn?.value, 30_000);
    assert.equal(figures?.foreignBornShare?.value, 0.25);
    const after = await coalitionStats(db());
    assert.equal(after.members, before.members + 1);
    assert.equal(after.population, before.population + 120_000);
    assert.equal(after.foreignBorn, before.foreignBorn + 30_000);
  });

  it("buildMember makes a county GEOID for a county, and other statuses when asked", async () => {
    const county = await buildMember(db(), { state: "MD", kind: "county", status: "former" });
    assert.match(county.geoid, /^24\d{3}$/);
    assert.equal(county.status, "former");
    const figures = (await figuresFor(db(), [county.geoid])).get(county.geoid);
    assert.equal(figures, undefined, "no Census figures but those given");
  });

  it("two buildMember calls give two distinct members", async () => {
    const [a, b] = [await buildMember(db()), await buildMember(db())];
    assert.notEqual(a.id, b.id);
    assert.notEqual(a.slug, b.slug);
    assert.notEqual(a.geoid, b.geoid);
    assert.notEqual(a.name, b.name);
  });

  it("buildCensusFigure inserts a figure; two calls of other vintages give two rows", async () => {
    const member = await buildMember(db());
    const a = await buildCensusFigure(db(), {
      geoid: member.geoid,
      value: 5,
      vintage: "A",
      year: 2001,
    });
    const b = await buildCensusFigure(db(), {
      geoid: member.geoid,
      value: 6,
      vintage: "B",
      year: 2002,
    });
    assert.equal(a.value, 5);
    assert.equal(b.value, 6);
    const rows = await db()
      .selectFrom("census_figures")
      .select("vintage")
      .where("geoid", "=", member.geoid)
      .orderBy("vintage")
      .execute();
    assert.deepEqual(
      rows.map((r) => r.vintage),
      ["A", "B"],
    );
  });

  it("buildApplication inserts a pending application for a free Census geography of its state", async () => {
    const application = await buildApplication(db(), { state: "OH" });
    const stored = await db()
      .selectFrom("membership_applications")
      .selectAll()
      .where("id", "=", application.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(stored, application);
    assert.equal(application.status, "pending");
    assert.equal(application.state, "OH");
    const geography = await db()
      .selectFrom("census_geographies")
      .selectAll()
      .where("geoid", "=", application.geoid)
      .executeTakeFirstOrThrow();
    assert.equal(application.name, geography.name);
  });

  it("two buildApplication calls give two distinct applications, for two places", async () => {
    const [a, b] = [await buildApplication(db()), await buildApplication(db())];
    assert.notEqual(a.id, b.id);
    assert.notEqual(a.submission_key, b.submission_key);
    assert.notEqual(a.geoid, b.geoid);
    assert.notEqual(a.contact_email, b.contact_email);
  });

  it("buildPerson inserts a person who can sign in, with a membership when asked", async () => {
    const member = await buildMember(db());
    const person = await buildPerson(ctx.app, {
      jurisdiction: member,
      membershipRole: "member_admin",
    });
    const stored = await db()
      .selectFrom("users")
      .selectAll()
      .where("id", "=", person.id)
      .executeTakeFirstOrThrow();
    assert.equal(stored.email, person.email);
    assert.equal(person.coalition_role, null);
    assert.equal(person.totpSecret, undefined);
    const memberships = await db()
      .selectFrom("memberships")
      .selectAll()
      .where("user_id", "=", person.id)
      .execute();
    assert.deepEqual(
      memberships.map((m) => [m.jurisdiction_id, m.role]),
      [[member.id, "member_admin"]],
    );
    const cookie = await signIn(ctx.app, person.email, person.password);
    assert.match(cookie, /=/);
  });

  it("buildPerson makes a coalition admin with two-step verification, who signs in with a code", async () => {
    const admin = await buildPerson(db(), { role: "coalition_admin" });
    assert.equal(admin.coalition_role, "coalition_admin");
    assert.ok(admin.totpSecret, "a TOTP secret");
    assert.ok(Boolean(admin.two_factor_enabled));
    const cookie = await signIn(ctx.app, admin.email, admin.password);
    const res = await ctx.app.inject({ url: "/admin", headers: { cookie } });
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
  });

  it("two buildPerson calls give two distinct people", async () => {
    const [a, b] = [await buildPerson(ctx.app), await buildPerson(ctx.app)];
    assert.notEqual(a.id, b.id);
    assert.notEqual(a.email, b.email);
  });

  it("buildMembership inserts a membership, building the person and the member when not given", async () => {
    const a = await buildMembership(ctx.app);
    const b = await buildMembership(ctx.app, { role: "member_admin" });
    assert.notEqual(a.user_id, b.user_id);
    assert.notEqual(a.jurisdiction_id, b.jurisdiction_id);
    assert.equal(a.role, "member_staff");
    assert.equal(b.role, "member_admin");
    const rows = await db()
      .selectFrom("memberships")
      .selectAll()
      .where("user_id", "in", [a.user_id, b.user_id])
      .execute();
    assert.equal(rows.length, 2);
  });

  it("buildInvitation inserts a pending invitation whose token opens it", async () => {
    const member = await buildMember(db());
    const invitation = await buildInvitation(db(), { jurisdiction: member });
    const stored = await db()
      .selectFrom("invitations")
      .selectAll()
      .where("id", "=", invitation.id)
      .executeTakeFirstOrThrow();
    const { token, ...row } = invitation;
    assert.deepEqual(stored, row);
    assert.equal(invitation.membership_role, "member_staff");
    assert.equal(invitation.coalition_role, null);
    const res = await ctx.app.inject({ url: `/account/invitation?token=${token}` });
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    assert.match(res.body, new RegExp(member.name));
  });

  it("two buildInvitation calls give two distinct invitations", async () => {
    const [a, b] = [await buildInvitation(db()), await buildInvitation(db())];
    assert.notEqual(a.id, b.id);
    assert.notEqual(a.email, b.email);
    assert.notEqual(a.token, b.token);
    assert.equal(a.coalition_role, "coalition_editor");
  });
});
