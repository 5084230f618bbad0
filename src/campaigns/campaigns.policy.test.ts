import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Account } from "../http/account.js";
import { type Dated, shownStatus } from "./campaign.status.js";
import { chooseText } from "./campaign.text.js";
import { can } from "./campaigns.policy.js";

function account(options: {
  coalitionRole?: "coalition_admin" | "coalition_editor";
  acting?: { id: string; role: "member_admin" | "member_staff" };
}): Account {
  const membership = options.acting
    ? {
        jurisdictionId: options.acting.id,
        slug: "tucson-az",
        name: "Tucson",
        role: options.acting.role,
      }
    : null;
  return {
    user: {
      id: "u1",
      email: "a@example.org",
      name: "A",
      coalitionRole: options.coalitionRole ?? null,
      twoFactorEnabled: false,
      isDemo: false,
    },
    session: { id: "s1", activeJurisdictionId: membership?.jurisdictionId ?? null },
    memberships: membership ? [membership] : [],
    jurisdiction: membership,
  };
}

const open = { status: "open", visibility: "public" } as const;

describe("campaigns policy", () => {
  it("lets editors draft and only admins publish", () => {
    assert.equal(can(account({ coalitionRole: "coalition_editor" }), "draft"), true);
    assert.deepEqual(can(account({ coalitionRole: "coalition_editor" }), "publish"), {
      refused: "campaigns_admin_only",
    });
    assert.equal(can(account({ coalitionRole: "coalition_admin" }), "publish"), true);
    assert.deepEqual(can(account({ acting: { id: "j1", role: "member_admin" } }), "draft"), {
      refused: "campaigns_staff_only",
    });
  });

  it("hides drafts from all but staff, and members-only campaigns from the public", () => {
    assert.deepEqual(can(null, "view", { status: "draft", visibility: "public" }), {
      refused: "not_found",
    });
    assert.equal(
      can(account({ coalitionRole: "coalition_editor" }), "view", {
        status: "draft",
        visibility: "public",
      }),
      true,
    );
    assert.deepEqual(can(null, "view", { status: "open", visibility: "members" }), {
      refused: "campaign_members_only",
    });
    assert.equal(
      can(account({ acting: { id: "j1", role: "member_staff" } }), "view", {
        status: "open",
        visibility: "members",
      }),
      true,
    );
  });

  it("lets a member act only for the jurisdiction it acts for, while the campaign is open", () => {
    const admin = account({ acting: { id: "j1", role: "member_admin" } });
    assert.equal(can(admin, "take_part", { ...open, kind: "letter", jurisdictionId: "j1" }), true);
    assert.deepEqual(can(admin, "take_part", { ...open, kind: "letter", jurisdictionId: "j2" }), {
      refused: "wrong_jurisdiction",
      values: { name: "Tucson" },
    });
    assert.deepEqual(
      can(admin, "take_part", {
        status: "closed",
        visibility: "public",
        kind: "event",
        jurisdictionId: "j1",
      }),
      { refused: "campaign_closed" },
    );
    assert.deepEqual(
      can(admin, "take_part", {
        status: "scheduled",
        visibility: "public",
        kind: "event",
        jurisdictionId: "j1",
      }),
      { refused: "campaign_not_started" },
    );
    const staff = account({ acting: { id: "j1", role: "member_staff" } });
    assert.deepEqual(can(staff, "take_part", { ...open, kind: "letter", jurisdictionId: "j1" }), {
      refused: "letter_admins_only",
      values: { name: "Tucson" },
    });
    assert.equal(can(staff, "take_part", { ...open, kind: "social", jurisdictionId: "j1" }), true);
    assert.deepEqual(
      can(account({ coalitionRole: "coalition_admin" }), "take_part", {
        ...open,
        kind: "social",
        jurisdictionId: "j1",
      }),
      { refused: "no_memberships" },
    );
  });
});

describe("a campaign's status as people see it", () => {
  const week: Dated = {
    status: "published",
    starts_on: "2026-12-07",
    ends_on: "2026-12-11",
    time_zone: "America/Los_Angeles",
  };

  it("opens and closes on the campaign's own days, in its own time zone", () => {
    // 07:59 UTC on the 7th is still the 6th in Los Angeles (UTC-8).
    assert.equal(shownStatus(week, new Date("2026-12-07T07:59:00Z")), "scheduled");
    assert.equal(shownStatus(week, new Date("2026-12-07T08:00:00Z")), "open");
    assert.equal(shownStatus(week, new Date("2026-12-12T07:59:00Z")), "open");
    assert.equal(shownStatus(week, new Date("2026-12-12T08:00:00Z")), "closed");
    assert.equal(
      shownStatus({ ...week, status: "closed" }, new Date("2026-12-08T12:00:00Z")),
      "closed",
    );
    assert.equal(
      shownStatus({ ...week, status: "draft" }, new Date("2026-12-08T12:00:00Z")),
      "draft",
    );
  });
});

describe("which language's text is shown", () => {
  const texts = [
    { locale: "en", status: "ready", title: "Week of action" },
    { locale: "es", status: "draft", title: "Semana" },
    { locale: "zh-Hans", status: "ready", title: "行动周" },
  ];
  it("shows a ready translation, and English (marked as a fallback) for a draft one", () => {
    assert.deepEqual(chooseText(texts, "zh-Hans"), { text: texts[2], fallback: false });
    assert.deepEqual(chooseText(texts, "es"), { text: texts[0], fallback: true });
    assert.equal(chooseText([], "es"), undefined);
  });
});
