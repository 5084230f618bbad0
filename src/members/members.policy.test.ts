import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Account, Membership } from "../http/account.js";
import { allowed } from "../http/policy.js";
import { can } from "./members.policy.js";

const houston: Membership = {
  jurisdictionId: "j-houston",
  slug: "houston-tx",
  name: "Houston",
  role: "member_admin",
};
const boston: Membership = {
  jurisdictionId: "j-boston",
  slug: "boston-ma",
  name: "Boston",
  role: "member_staff",
};

function person(
  coalitionRole: Account["user"]["coalitionRole"],
  memberships: Membership[] = [],
  acting: Membership | null = memberships.length === 1 ? (memberships[0] ?? null) : null,
): Account {
  return {
    user: {
      id: "u",
      email: "u@example.org",
      name: "U",
      coalitionRole,
      twoFactorEnabled: true,
      isDemo: false,
    },
    session: { id: "s", activeJurisdictionId: acting?.jurisdictionId ?? null },
    memberships,
    jurisdiction: acting,
  };
}

const admin = person("coalition_admin");
const editor = person("coalition_editor");
const memberAdmin = person(null, [houston]);
const memberStaff = person(null, [boston]);
const both = person(null, [houston, { ...boston, role: "member_admin" }], houston);
const nobody = person(null);

describe("members policy", () => {
  it("lets only coalition admins review applications and import or export the roster", () => {
    for (const action of ["review_applications", "manage_roster"] as const) {
      assert.equal(can(admin, action), true, action);
      for (const other of [editor, memberAdmin, memberStaff, nobody]) {
        assert.deepEqual(can(other, action), { refused: "members_admin_only" }, action);
      }
      assert.deepEqual(can(null, action), { refused: "unauthorized" });
    }
  });

  it("lets coalition admins and editors edit any profile, and no member", () => {
    assert.equal(can(admin, "edit_any_profile"), true);
    assert.equal(can(editor, "edit_any_profile"), true);
    for (const other of [memberAdmin, memberStaff, nobody])
      assert.deepEqual(can(other, "edit_any_profile"), { refused: "members_staff_only" });
    for (const staff of [admin, editor])
      assert.equal(can(staff, "edit_profile", { jurisdictionId: "j-anywhere" }), true);
  });

  it("lets a member admin edit only the jurisdiction they act for", () => {
    assert.equal(can(memberAdmin, "edit_profile", { jurisdictionId: "j-houston" }), true);
    assert.deepEqual(can(memberAdmin, "edit_profile", { jurisdictionId: "j-boston" }), {
      refused: "profile_not_yours",
    });
    // An admin of two acts for one at a time: the other waits until they switch.
    assert.equal(can(both, "edit_profile", { jurisdictionId: "j-houston" }), true);
    assert.equal(allowed(can(both, "edit_profile", { jurisdictionId: "j-boston" })), false);
    const switched = person(null, both.memberships, both.memberships[1] ?? null);
    assert.equal(can(switched, "edit_profile", { jurisdictionId: "j-boston" }), true);
  });

  it("refuses member staff, people of no jurisdiction, and the signed out", () => {
    assert.deepEqual(can(memberStaff, "edit_profile", { jurisdictionId: "j-boston" }), {
      refused: "profile_not_yours",
    });
    assert.deepEqual(can(nobody, "edit_profile", { jurisdictionId: "j-boston" }), {
      refused: "profile_not_yours",
    });
    assert.deepEqual(can(null, "edit_profile", { jurisdictionId: "j-boston" }), {
      refused: "unauthorized",
    });
  });
});
