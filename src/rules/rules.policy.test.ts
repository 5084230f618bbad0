import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Account } from "../http/account.js";
import { can } from "./rules.policy.js";

const person = (coalitionRole: Account["user"]["coalitionRole"], member = false): Account => {
  const tucson = {
    jurisdictionId: "j",
    slug: "tucson-az",
    name: "Tucson",
    role: "member_admin" as const,
  };
  return {
    user: {
      id: "u",
      email: "a@example.org",
      name: "A",
      coalitionRole,
      twoFactorEnabled: true,
      isDemo: false,
    },
    session: { id: "s", activeJurisdictionId: null },
    memberships: member ? [tucson] : [],
    jurisdiction: member ? tucson : null,
  };
};

describe("rules policy", () => {
  it("coalition admins and editors keep the watch list", () => {
    for (const action of ["add", "unwatch"] as const) {
      assert.equal(can(person("coalition_admin"), action), true);
      assert.equal(can(person("coalition_editor"), action), true);
    }
  });

  it("members' staff, other people and the public are refused with the reason", () => {
    for (const actor of [null, person(null), person(null, true)]) {
      assert.deepEqual(can(actor, "add"), { refused: "rules_staff_only" });
    }
  });
});
