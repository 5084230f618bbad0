import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Account } from "../http/account.js";
import { can } from "./resources.policy.js";

function account(coalitionRole: "coalition_admin" | "coalition_editor" | null): Account {
  return {
    user: {
      id: "u1",
      email: "a@example.org",
      name: "A",
      coalitionRole,
      twoFactorEnabled: false,
      isDemo: false,
    },
    session: { id: "s1", activeJurisdictionId: null },
    memberships: [],
    jurisdiction: null,
  };
}

describe("resources policy", () => {
  const now = new Date("2030-01-15T12:00:00Z");

  it("lets editors and admins edit, only admins publish", () => {
    assert.equal(can(account("coalition_editor"), "edit"), true);
    assert.equal(can(account("coalition_admin"), "edit"), true);
    assert.deepEqual(can(account(null), "edit"), { refused: "resources_staff_only" });
    assert.deepEqual(can(null, "edit"), { refused: "resources_staff_only" });
    assert.equal(can(account("coalition_admin"), "publish"), true);
    assert.deepEqual(can(account("coalition_editor"), "publish"), {
      refused: "resources_admin_only",
    });
  });

  it("shows the public only what is published and whose time has come; staff everything", () => {
    const at = (status: "draft" | "published" | "unpublished", publishAt: string | null) => ({
      status,
      publishAt,
    });
    assert.equal(can(null, "view", at("published", null), now), true);
    assert.equal(can(null, "view", at("published", "2030-01-15T11:59:00.000Z"), now), true);
    for (const hidden of [
      at("published", "2030-01-15T12:01:00.000Z"),
      at("draft", null),
      at("unpublished", null),
    ]) {
      assert.deepEqual(can(account(null), "view", hidden, now), { refused: "not_found" });
      assert.equal(can(account("coalition_editor"), "view", hidden, now), true);
    }
  });
});
