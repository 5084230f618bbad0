// The Federal Register client against a local server that follows the documented contract.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { createFederalRegisterClient, FederalRegisterError, FIELDS } from "./fr.client.js";
import {
  type FakeFederalRegister,
  FLORES,
  openRule,
  PUBLIC_CHARGE,
  startFakeFederalRegister,
} from "./fr.fake.test-support.js";

describe("Federal Register client", () => {
  let fake: FakeFederalRegister;
  const client = () => createFederalRegisterClient({ apiUrl: fake.url, timeoutMs: 500 });

  before(async () => {
    fake = await startFakeFederalRegister();
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.documents.clear();
    fake.documents.set(PUBLIC_CHARGE.document_number as string, PUBLIC_CHARGE);
    fake.documents.set(FLORES.document_number as string, FLORES);
    fake.requests.length = 0;
    fake.failNext.length = 0;
    fake.failing.clear();
    fake.unknownAgencies.clear();
    fake.hang = false;
  });

  it("reads the public charge rule by its number, normalised, asking only for what we store", async () => {
    const rule = await client().document("2018-21106");
    assert.deepEqual(rule, {
      documentNumber: "2018-21106",
      title: "Inadmissibility on Public Charge Grounds",
      abstract: PUBLIC_CHARGE.abstract,
      type: "Proposed Rule",
      action: "Notice of proposed rulemaking.",
      citation: "83 FR 51114",
      agencies: [
        { name: "Homeland Security Department", slug: "homeland-security-department" },
        {
          name: "U.S. Citizenship and Immigration Services",
          slug: "u-s-citizenship-and-immigration-services",
        },
      ],
      publicationDate: "2018-10-10",
      commentsCloseOn: "2018-12-10",
      docketIds: ["DHS Docket No. USCIS-2010-0012"],
      rins: ["1615-AA22"],
      regulationsDocumentId: "USCIS-2010-0012-0001",
      commentsCount: 266077,
      htmlUrl: PUBLIC_CHARGE.html_url,
      pdfUrl: "https://www.govinfo.gov/content/pkg/FR-2018-10-10/pdf/2018-21106.pdf",
      commentUrl: null,
    });
    const asked = fake.requests[0];
    assert.equal(asked?.pathname, "/api/v1/documents/2018-21106.json");
    assert.deepEqual(asked?.searchParams.getAll("fields[]"), [...FIELDS]);
  });

  it("reads several in one request, the Flores rule with its two RINs and no count", async () => {
    const answer = await client().documents(["2018-21106", "2018-19052", "2018-99999"]);
    assert.equal(fake.requests.length, 1);
    assert.equal(
      fake.requests[0]?.pathname,
      "/api/v1/documents/2018-21106,2018-19052,2018-99999.json",
    );
    assert.deepEqual(
      answer.found.map((r) => r.documentNumber),
      ["2018-21106", "2018-19052"],
    );
    const flores = answer.found[1];
    assert.deepEqual(flores?.rins, ["1653-AA75", "0970-AC42"]);
    assert.equal(flores?.commentsCount, null);
    assert.equal(flores?.regulationsDocumentId, "ICEB-2018-0002-0001");
    assert.equal(flores?.agencies.length, 6);
    assert.deepEqual(answer.missing, ["2018-99999"]);
  });

  it("asks for many numbers in chunks of 20", async () => {
    const numbers = Array.from({ length: 45 }, (_, i) => `2026-${String(10000 + i)}`);
    for (const n of numbers) fake.documents.set(n, openRule(n, "2026-03-01"));
    const answer = await client().documents(numbers);
    assert.equal(fake.requests.length, 3);
    assert.equal(answer.found.length, 45);
    assert.deepEqual(answer.missing, []);
  });

  it("a 404 is not_found", async () => {
    await assert.rejects(client().document("2018-99999"), (e: unknown) => {
      assert.ok(e instanceof FederalRegisterError);
      assert.equal(e.kind, "not_found");
      assert.equal(e.status, 404);
      return true;
    });
  });

  it("searches open proposed rules page by page, with the documented conditions", async () => {
    for (let i = 0; i < 230; i++) {
      const n = `2026-${String(20000 + i)}`;
      fake.documents.set(n, openRule(n, i % 2 ? "2026-04-01" : "2026-01-31"));
    }
    const rules = await client().openProposedRules({
      agencies: ["u-s-citizenship-and-immigration-services"],
      closesOnOrAfter: "2026-02-01",
    });
    assert.equal(rules.length, 115);
    assert.ok(rules.every((r) => r.commentsCloseOn === "2026-04-01"));
    assert.deepEqual(
      fake.requests.map((r) => r.searchParams.get("page")),
      ["1", "2"],
    );
    const first = fake.requests[0];
    assert.equal(first?.pathname, "/api/v1/documents.json");
    assert.deepEqual(first?.searchParams.getAll("conditions[type][]"), ["PRORULE"]);
    assert.equal(first?.searchParams.get("conditions[comment_date][gte]"), "2026-02-01");
    assert.equal(first?.searchParams.get("per_page"), "100");
  });

  it("an empty search is an empty list", async () => {
    const rules = await client().openProposedRules({
      agencies: ["labor-department"],
      closesOnOrAfter: "2026-02-01",
    });
    assert.deepEqual(rules, []);
  });

  it("a 400 is refused, with the API's errors in the message", async () => {
    fake.unknownAgencies.add("not-an-agency");
    await assert.rejects(
      client().openProposedRules({ agencies: ["not-an-agency"], closesOnOrAfter: "2026-02-01" }),
      (e: unknown) => {
        assert.ok(e instanceof FederalRegisterError);
        assert.equal(e.kind, "refused");
        assert.match(e.message, /not-an-agency is not a valid agency/);
        return true;
      },
    );
  });

  it("EOIR's unconfirmed slug, refused, is dropped and the search asked again", async () => {
    fake.unknownAgencies.add("executive-office-for-immigration-review");
    fake.documents.set("2026-30001", openRule("2026-30001", "2026-05-01"));
    const rules = await client().openProposedRules({
      agencies: [
        "u-s-citizenship-and-immigration-services",
        "executive-office-for-immigration-review",
      ],
      closesOnOrAfter: "2026-02-01",
    });
    assert.deepEqual(
      rules.map((r) => r.documentNumber),
      ["2026-30001"],
    );
    assert.equal(fake.requests.length, 2);
    assert.deepEqual(fake.requests[1]?.searchParams.getAll("conditions[agencies][]"), [
      "u-s-citizenship-and-immigration-services",
    ]);
  });

  it("an unknown condition answers 400 (the contract the fake keeps)", async () => {
    const res = await fetch(`${fake.url}/documents.json?conditions[color]=blue`);
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), { errors: { color: "is not a valid field" } });
  });

  it("a 5xx and a 429 are unavailable", async () => {
    for (const status of [503, 500, 429]) {
      fake.failNext.push(status);
      await assert.rejects(client().document("2018-21106"), (e: unknown) => {
        assert.ok(e instanceof FederalRegisterError);
        assert.equal(e.kind, "unavailable");
        assert.equal(e.status, status);
        return true;
      });
    }
  });

  it("a timeout is unavailable", async () => {
    fake.hang = true;
    const started = Date.now();
    await assert.rejects(client().document("2018-21106"), (e: unknown) => {
      assert.ok(e instanceof FederalRegisterError);
      assert.equal(e.kind, "unavailable");
      return true;
    });
    assert.ok(Date.now() - started < 3_000);
  });

  it("a refused connection is unavailable", async () => {
    const closed = await startFakeFederalRegister();
    const url = closed.url;
    await closed.close();
    await assert.rejects(
      createFederalRegisterClient({ apiUrl: url }).document("2018-21106"),
      (e: unknown) => e instanceof FederalRegisterError && e.kind === "unavailable",
    );
  });

  it("a malformed document is an error, never half a rule", async () => {
    fake.documents.set("2026-40001", { ...openRule("2026-40001", "2026-05-01"), title: 42 });
    fake.documents.set("2026-40002", {
      ...openRule("2026-40002", "2026-05-01"),
      publication_date: "May 1",
    });
    fake.documents.set("2026-40003", { ...openRule("2026-40003", "2026-05-01"), docket_ids: "X" });
    for (const n of ["2026-40001", "2026-40002", "2026-40003"]) {
      await assert.rejects(client().document(n), (e: unknown) => {
        assert.ok(e instanceof FederalRegisterError);
        assert.equal(e.kind, "malformed");
        return true;
      });
    }
    // In a list, the others still come back.
    const answer = await client().documents(["2026-40001", "2018-21106"]);
    assert.deepEqual(
      answer.found.map((r) => r.documentNumber),
      ["2018-21106"],
    );
    assert.deepEqual(
      answer.malformed.map((m) => m.documentNumber),
      ["2026-40001"],
    );
  });
});
