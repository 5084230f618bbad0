// The accounts policy, decided without a database: who may manage a team, name a jurisdiction in
// a form, remove the last admin, change coalition roles, and what /account and /admin offer.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { UserRole } from "../db/index.js";
import type { Membership } from "../http/account.js";
import { allowed } from "../http/policy.js";
import { type Actor, accountLinks, can, canOfferRemoval, staffCan } from "./accounts.policy.js";

const ashford: Membership = {
  jurisdictionId: "j-ashford",
  slug: "ashford-ct",
  name: "Ashford",
  role: "member_admin",
};
const brookline: Membership = { ...ashford, jurisdictionId: "j-brook", name: "Brookline" };

function actor(
  options: { role?: UserRole; memberships?: Membership[]; acting?: Membership | null } = {},
): Actor {
  const memberships = options.memberships ?? [];
  return {
    user: {
      id: "me",
      email: "me@example.org",
      name: "Me",
      coalitionRole: options.role ?? null,
      twoFactorEnabled: true,
      isDemo: false,
    },
    memberships,
    jurisdiction:
      options.acting === undefined
        ? memberships.length === 1
          ? (memberships[0] ?? null)
          : null
        : options.acting,
  };
}

const memberAdmin = actor({ memberships: [ashford] });
const memberStaff = actor({ memberships: [{ ...ashford, role: "member_staff" }] });
const coalitionAdmin = actor({ role: "coalition_admin" });
const editor = actor({ role: "coalition_editor" });

describe("accounts policy", () => {
  it("lets only the member admins of the jurisdiction acted for manage its team", () => {
    assert.equal(can(memberAdmin, { action: "team.manage" }), true);
    assert.deepEqual(can(memberStaff, { action: "team.manage" }), {
      refused: "not_member_admin",
      values: { name: "Ashford" },
    });
    assert.deepEqual(can(coalitionAdmin, { action: "team.manage" }), { refused: "forbidden" });
  });

  it("refuses a team form that names another jurisdiction than the one acted for", () => {
    assert.equal(can(memberAdmin, { action: "team.form", jurisdictionId: "j-ashford" }), true);
    assert.deepEqual(can(memberAdmin, { action: "team.form", jurisdictionId: "j-brook" }), {
      refused: "wrong_jurisdiction",
      values: { name: "Ashford" },
    });
    assert.deepEqual(can(memberAdmin, { action: "team.form", jurisdictionId: "" }), {
      refused: "wrong_jurisdiction",
      values: { name: "Ashford" },
    });
    // Someone who works for both, acting for Brookline, is refused Ashford's forms.
    const both = actor({ memberships: [ashford, brookline], acting: brookline });
    assert.equal(allowed(can(both, { action: "team.form", jurisdictionId: "j-ashford" })), false);
    assert.equal(
      (
        can(memberStaff, { action: "team.form", jurisdictionId: "j-ashford" }) as {
          refused: string;
        }
      ).refused,
      "not_member_admin",
    );
  });

  it("keeps the last member admin: they cannot be removed from the team", () => {
    const remove = (role: "member_admin" | "member_staff", otherAdmins: number) =>
      can(memberAdmin, { action: "team.remove", role, otherAdmins });
    assert.deepEqual(remove("member_admin", 0), {
      refused: "last_member_admin",
      values: { name: "Ashford" },
    });
    assert.equal(remove("member_admin", 1), true);
    assert.equal(remove("member_staff", 0), true);
  });

  it("offers no remove button that could only fail, and one for everybody else", () => {
    const self = { id: "me", role: "member_admin" as const };
    const other = { id: "sam", role: "member_staff" as const };
    assert.equal(canOfferRemoval(memberAdmin, self, 1), false, "the last admin's own row");
    assert.equal(canOfferRemoval(memberAdmin, self, 2), true, "with a second admin");
    assert.equal(canOfferRemoval(memberAdmin, other, 1), true);
    assert.equal(canOfferRemoval(memberStaff, other, 1), false);
  });

  it("lets a member admin invite only while the jurisdiction is a member", () => {
    assert.equal(can(memberAdmin, { action: "team.invite", member: true }), true);
    assert.deepEqual(can(memberAdmin, { action: "team.invite", member: false }), {
      refused: "not_a_member",
      values: { name: "Ashford" },
    });
  });

  it("keeps the last coalition admin, and lets only coalition admins change roles", () => {
    const change = (who: Actor, from: UserRole | null, to: UserRole | null, otherAdmins: number) =>
      can(who, { action: "people.set_role", from, to, otherAdmins });
    assert.deepEqual(change(coalitionAdmin, "coalition_admin", null, 0), { refused: "last_admin" });
    assert.deepEqual(change(coalitionAdmin, "coalition_admin", "coalition_editor", 0), {
      refused: "last_admin",
    });
    assert.equal(change(coalitionAdmin, "coalition_admin", "coalition_admin", 0), true);
    assert.equal(change(coalitionAdmin, "coalition_admin", null, 1), true);
    assert.equal(change(coalitionAdmin, null, "coalition_admin", 0), true);
    assert.deepEqual(change(editor, null, "coalition_editor", 1), { refused: "forbidden" });
    assert.equal(can(coalitionAdmin, { action: "people.manage" }), true);
    assert.deepEqual(can(memberAdmin, { action: "people.manage" }), { refused: "forbidden" });
  });

  it("lets only people who work for a member choose a jurisdiction", () => {
    assert.equal(can(memberStaff, { action: "jurisdiction.choose" }), true);
    assert.deepEqual(can(editor, { action: "jurisdiction.choose" }), { refused: "no_memberships" });
  });

  it("tells views what /account and /admin offer, as booleans", () => {
    assert.deepEqual(accountLinks(memberAdmin), {
      chooseJurisdiction: false,
      manageTeam: true,
      editProfile: true,
    });
    assert.deepEqual(accountLinks(memberStaff), {
      chooseJurisdiction: false,
      manageTeam: false,
      editProfile: false,
    });
    const both = actor({ memberships: [ashford, brookline], acting: null });
    assert.equal(accountLinks(both).chooseJurisdiction, true);
    assert.equal(accountLinks(both).manageTeam, false, "not before choosing");

    const admin = staffCan(coalitionAdmin);
    assert.ok(Object.values(admin).every(Boolean), "a coalition admin sees everything");
    const staff = staffCan(editor);
    assert.equal(staff.any && staff.editProfiles && staff.editContent, true);
    assert.equal(
      staff.reviewApplications || staff.importRoster || staff.readOutbox || staff.managePeople,
      false,
    );
    assert.equal(staffCan(memberAdmin).any, false);
    assert.equal(staffCan(null).any, false);
  });
});
