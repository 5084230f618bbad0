import assert from "node:assert/strict";
import { before, it } from "node:test";
import { parse } from "csv-parse/sync";
import { createUser, signIn } from "../../test/support/accounts.js";
import { describeEachDatabase } from "../../test/support/app.js";
import { text } from "../../test/support/html.js";
import { addMembershipBySlug } from "../../test/support/memberships.js";
import { AUDIT_CSV_COLUMNS } from "./audit.csv.js";
import { diffEntry } from "./audit.diff.js";
import { recordAudit } from "./audit.queries.js";

/** The rows of the entries table: the text of each <tr> in <tbody>. */
function rowsOf(html: string): string[] {
  const body = html.match(/<tbody>([\s\S]*?)<\/tbody>/)?.[1] ?? "";
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => text(m[1] ?? "").trim());
}

describeEachDatabase("the audit log page", { seed: false }, (ctx) => {
  const db = () => ctx.database.db;
  let admin = "";

  async function get(url: string, cookie = admin) {
    return ctx.app.inject({ url, headers: cookie ? { cookie } : {} });
  }

  // The entries every test reads: three of different kinds, and 55 older ones to page; and the
  // people who ask for them.
  before(async () => {
    const alice = { id: "u-alice", email: "alice@example.org" };
    const bob = { id: "u-bob", email: "Bob@Example.org" };
    await recordAudit(
      db(),
      {
        actor: alice,
        action: "content.update",
        entity: "content_block",
        entityId: "home.intro:en",
        before: { body: "Old text" },
        after: { body: "New text" },
      },
      new Date("2024-01-10T12:00:00Z"),
    );
    await recordAudit(
      db(),
      {
        actor: bob,
        action: "jurisdiction.profile_update",
        entity: "jurisdiction",
        entityId: "j-1",
        before: { executive_name: null, executive_title: "Mayor", website: null },
        after: {
          executive_name: "<script>alert(1)</script>",
          executive_title: "Mayor",
          website: "https://www.example.gov",
        },
      },
      new Date("2024-02-01T00:00:00Z"),
    );
    await recordAudit(
      db(),
      {
        actor: null,
        action: "roster.import",
        entity: "roster",
        entityId: '=HYPERLINK("https://evil.example")',
        before: [],
        after: { inserted: 1, updated: 0 },
      },
      new Date("2024-02-29T23:59:59Z"),
    );
    for (let i = 0; i < 55; i++) {
      await recordAudit(
        db(),
        {
          actor: { id: "u-bulk", email: "bulk@example.org" },
          action: "test.bulk",
          entity: "thing",
          entityId: `bulk-${String(i).padStart(2, "0")}`,
          after: { n: i },
        },
        new Date(Date.UTC(2023, 5, 1, 0, i)),
      );
    }

    await createUser(ctx.app, { email: "editor@example.org", coalitionRole: "coalition_editor" });
    const memberId = await createUser(ctx.app, { email: "member@example.org" });
    await ctx.database.db
      .insertInto("jurisdictions")
      .values({
        id: "j-1",
        slug: "somewhere-ks",
        name: "Somewhere",
        kind: "city",
        state: "KS",
        geoid: "2099999",
        executive_name: null,
        executive_title: "Mayor",
        website: null,
        status: "member",
        joined_on: null,
        is_demo: 0,
        created_at: "2024-01-01T00:00:00.000Z",
        updated_at: "2024-01-01T00:00:00.000Z",
      })
      .execute();
    await addMembershipBySlug(db(), memberId, "somewhere-ks", "member_admin");
    await createUser(ctx.app, { email: "admin@example.org", coalitionRole: "coalition_admin" });
    admin = await signIn(ctx.app, "admin@example.org");
  });

  it("is for coalition admins only", async () => {
    for (const url of ["/admin/audit", "/admin/audit.csv?action=roster.import"]) {
      const out = await get(url, "");
      assert.equal(out.statusCode, 303, url);
      assert.equal(out.headers.location, `/account/sign-in?next=${encodeURIComponent(url)}`);
    }
    for (const email of ["editor@example.org", "member@example.org"]) {
      const cookie = await signIn(ctx.app, email);
      for (const url of ["/admin/audit", "/admin/audit.csv"]) {
        assert.equal((await get(url, cookie)).statusCode, 403, `${email} ${url}`);
      }
      assert.doesNotMatch((await get("/admin", cookie)).body, /href="\/admin\/audit"/);
    }

    assert.match((await get("/admin")).body, /href="\/admin\/audit"/);
  });

  it("lists entries newest first, with who, what and only the fields that changed", async () => {
    const res = await get("/admin/audit");
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers["cache-control"], "no-store");
    const rows = rowsOf(res.body);
    assert.equal(rows.length, 50, "50 per page");
    assert.match(rows[0] ?? "", /roster\.import/);
    assert.match(rows[0] ?? "", /No person/);
    assert.match(rows[1] ?? "", /jurisdiction\.profile_update/);
    assert.match(rows[1] ?? "", /Bob@Example\.org/);
    assert.match(rows[2] ?? "", /content\.update/);
    assert.match(rows[3] ?? "", /test\.bulk.*bulk-54/);
    assert.match(
      res.body,
      /<time datetime="2024-02-01T00:00:00.000Z">Feb 1, 2024, 12:00:00\s?AM UTC<\/time>/,
    );
    assert.match(res.body, /<caption>Audit log entries 1 to 50, newest first<\/caption>/);
    assert.match(res.body, /<a class="usa-breadcrumb__link" href="\/admin"><span>Administration/);

    // Bob's entry lists the two changed fields, not the unchanged title; values are text.
    assert.match(
      rows[1] ?? "",
      /executive_name\s?: Before: \(none\) → After: <script>alert\(1\)<\/script>/,
    );
    assert.match(
      rows[1] ?? "",
      /website\s?: Before: \(none\) → After: https:\/\/www\.example\.gov/,
    );
    assert.doesNotMatch(rows[1] ?? "", /executive_title/);
    assert.doesNotMatch(res.body, /<script>alert/);
    assert.match(
      res.body,
      /&lt;script&gt;alert\(1\)&lt;\/script&gt;|&lt;script>alert\(1\)&lt;\/script>/,
    );
    assert.match(rows[2] ?? "", /body\s?: Before: Old text → After: New text/);

    assert.match(res.body, /href="\/admin\/audit\?page=2" rel="next"/);
    const two = await get("/admin/audit?page=2");
    assert.equal(two.statusCode, 200);
    assert.equal(rowsOf(two.body).length, 8);
    assert.match(two.body, /href="\/admin\/audit" rel="prev"/);
    assert.doesNotMatch(two.body, /rel="next"/);
    const beyond = await get("/admin/audit?page=9");
    assert.equal(beyond.statusCode, 200);
    assert.match(text(beyond.body), /No entries match these filters\./);

    const spanish = await get("/es/admin/audit?action=content.update");
    assert.match(text(spanish.body), /Registro de auditoría/);
    assert.match(text(spanish.body), /10 ene 2024/);
  });

  it("filters by person, action, record, id and dates, keeping filters across pages", async () => {
    const only = async (query: string) => rowsOf((await get(`/admin/audit?${query}`)).body);
    assert.deepEqual(
      (await only("actor=BOB%40example")).map((r) => /jurisdiction\.profile_update/.test(r)),
      [true],
      "part of the address, any case",
    );
    assert.equal((await only("action=content.update")).length, 1);
    assert.equal((await only("entity=roster")).length, 1);
    assert.equal((await only("entity_id=j-1")).length, 1);
    assert.equal((await only("entity_id=j-")).length, 0, "the id is matched exactly");
    assert.equal((await only("actor=%25")).length, 0, "% is a character, not a wildcard");
    assert.equal((await only("actor=_")).length, 0, "_ is a character, not a wildcard");
    const february = await only("from=2024-02-01&to=2024-02-29");
    assert.equal(february.length, 2, "both ends of the range are included");
    assert.match(february[0] ?? "", /roster\.import/);
    assert.equal((await only("from=2024-02-02")).length, 1);
    assert.equal((await only("to=2023-12-31")).length, 50, "a full first page");
    assert.equal((await only("to=2023-12-31&page=2")).length, 5, "of 55 entries");
    assert.equal(
      (await only("actor=bulk&action=test.bulk&from=2023-06-01&to=2023-06-01")).length,
      50,
    );

    const page = await get("/admin/audit?actor=bulk&action=test.bulk");
    assert.match(
      page.body,
      /href="\/admin\/audit\?actor=bulk&(amp;)?action=test\.bulk&(amp;)?page=2"/,
    );
    assert.match(page.body, /href="\/admin\/audit\.csv\?actor=bulk&(amp;)?action=test\.bulk"/);
    assert.match(page.body, /<option value="test\.bulk" selected/);
    const none = await get("/admin/audit?actor=nobody");
    assert.equal(none.statusCode, 200);
    assert.match(text(none.body), /No entries match these filters\./);
  });

  it("refuses bad filters with a message on the form, status 422 and no entries", async () => {
    const cases: [string, RegExp][] = [
      ["from=2024-02-30", /Enter a complete date that exists: day, month and year\./],
      ["from=yesterday", /Enter a complete date that exists/],
      ["to=2024-01-01&from=2024-02-01", /on or after the “From” date/],
      ["action=no.such.action", /Choose an action from the list\./],
      ["entity=users", /Choose a kind of record from the list\./],
      [`entity_id=${"x".repeat(201)}`, /Enter an id of at most 200 characters/],
      ["actor=a&actor=b", /Enter at most 254 characters of an e-mail address/],
      ["actor=a%0Ab", /Enter at most 254 characters of an e-mail address/],
      ["page=0", /The page number must be a whole number/],
      ["page=abc", /The page number must be a whole number/],
      ["page=99999999999999999999", /The page number must be a whole number/],
    ];
    for (const [query, message] of cases) {
      for (const path of ["/admin/audit", "/admin/audit.csv"]) {
        const res = await get(`${path}?${query}`);
        assert.equal(res.statusCode, 422, `${path}?${query}`);
        assert.match(String(res.headers["content-type"]), /^text\/html/);
        assert.match(text(res.body), /Some filters could not be used/);
        assert.match(text(res.body), message, query);
        assert.match(text(res.body), /No entries are shown until the filters are corrected\./);
        assert.equal(rowsOf(res.body).length, 0);
      }
    }
    const spanish = await get("/es/admin/audit?from=2024-13-01");
    assert.equal(spanish.statusCode, 422);
    assert.match(text(spanish.body), /Escriba una fecha completa que exista/);
    assert.match(spanish.body, /href="#audit-from"/);
    assert.match(spanish.body, /id="audit-from"[^>]*aria-invalid="true"/);
  });

  it("gives the date filters no written format the browser's picker would contradict", async () => {
    for (const prefix of ["", "/es", "/zh-hans"]) {
      const res = await get(`${prefix}/admin/audit`);
      assert.equal(res.statusCode, 200, prefix);
      const lang = res.body.match(/<html lang="([^"]+)"/)?.[1];
      for (const id of ["audit-from", "audit-to"]) {
        const input = res.body.match(new RegExp(`<input[^>]*id="${id}"[^>]*>`))?.[0] ?? "";
        assert.match(input, /type="date"/, `${prefix} ${id}`);
        assert.match(input, new RegExp(`lang="${lang}"`), `${prefix} ${id}: the page's language`);
        const hint = res.body.match(new RegExp(`id="${id}-hint"[^>]*>([^<]*)<`))?.[1] ?? "";
        assert.ok(hint.length > 0, `${prefix} ${id}: a hint`);
        // Chromium shows mm/dd/yyyy or dd/mm/yyyy: a hint naming an order would contradict it.
        assert.doesNotMatch(hint, /YYYY|AAAA|MM|DD|\d{4}-\d{2}/, `${prefix} ${id}: ${hint}`);
      }
    }
  });

  it("exports the filtered entries as CSV that a spreadsheet opens safely", async () => {
    const res = await get("/admin/audit.csv?from=2024-02-01&to=2024-02-29");
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers["content-type"], "text/csv; charset=utf-8");
    assert.equal(res.headers["content-disposition"], 'attachment; filename="audit-log.csv"');
    assert.equal(res.headers["cache-control"], "no-store");
    assert.ok(res.body.startsWith("\uFEFF"), "a byte order mark, as the roster export has");
    const records = parse(res.body, { bom: true, columns: true }) as Record<string, string>[];
    assert.deepEqual(Object.keys(records[0] ?? {}), [...AUDIT_CSV_COLUMNS]);
    assert.deepEqual(
      records.map((r) => [r.at, r.actor_email, r.action, r.entity, r.entity_id, r.changed_fields]),
      [
        [
          "2024-02-29T23:59:59.000Z",
          "",
          "roster.import",
          "roster",
          '\'=HYPERLINK("https://evil.example")',
          "",
        ],
        [
          "2024-02-01T00:00:00.000Z",
          "Bob@Example.org",
          "jurisdiction.profile_update",
          "jurisdiction",
          "j-1",
          "executive_name website",
        ],
      ],
    );
    assert.deepEqual(JSON.parse(records[1]?.after ?? ""), {
      executive_name: "<script>alert(1)</script>",
      executive_title: "Mayor",
      website: "https://www.example.gov",
    });

    const bulk = parse((await get("/admin/audit.csv?action=test.bulk")).body, {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    assert.equal(bulk.length, 55, "every matching entry, not one page");
    assert.equal(bulk[0]?.entity_id, "bulk-54");
    const all = parse((await get("/admin/audit.csv")).body, { bom: true, columns: true });
    assert.equal((all as unknown[]).length, 58);
    const empty = await get("/admin/audit.csv?actor=nobody");
    assert.equal(empty.statusCode, 200);
    assert.deepEqual(parse(empty.body, { bom: true }), [[...AUDIT_CSV_COLUMNS]]);
  });
});

it("compares before and after field by field", () => {
  assert.deepEqual(diffEntry({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }), []);
  assert.deepEqual(diffEntry({ a: 1, b: null }, { a: 2 }), [
    { field: "a", before: 1, after: 2 },
    { field: "b", before: null, after: undefined },
  ]);
  assert.deepEqual(diffEntry(undefined, { a: 1 }), [{ field: "a", before: undefined, after: 1 }]);
  assert.deepEqual(diffEntry([1], { n: 1 }), [{ field: "", before: [1], after: { n: 1 } }]);
});
