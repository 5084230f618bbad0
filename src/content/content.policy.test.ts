import assert from "node:assert/strict";
import { it } from "node:test";
import type { UserRole } from "../db/index.js";
import type { Account } from "../http/account.js";
import { can } from "./content.policy.js";

function person(coalitionRole: UserRole | null): Account {
  return {
    user: {
      id: "u-1",
      email: "someone@example.org",
      name: "Someone",
      coalitionRole,
      twoFactorEnabled: true,
      isDemo: false,
    },
    session: { id: "s-1", activeJurisdictionId: null },
    memberships: [],
    jurisdiction: null,
  };
}

it("lets coalition admins and editors edit any block, and nobody else", () => {
  const block = { key: "principles.list", locale: "es" };
  assert.equal(can(person("coalition_admin"), "edit", block), true);
  assert.equal(can(person("coalition_editor"), "edit", block), true);
  assert.deepEqual(can(person(null), "edit", block), { refused: "forbidden" });
  assert.deepEqual(can(null, "edit", block), { refused: "forbidden" });
});
