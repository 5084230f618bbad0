import assert from "node:assert/strict";
import { before, it } from "node:test";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { createUser, csrfTokenOf, signIn } from "../../../test/support/accounts.js";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildMember } from "../../../test/support/builders.js";
import { text } from "../../../test/support/html.js";
import { EXPORT_COLUMNS, ROSTER_COLUMNS } from "./roster.schema.js";

type Cells = Record<string, string>;

function row(overrides: Cells = {}): Cells {
  return {
    geoid: "0653000",
    name: "Oakland",
    kind: "city",
    state: "CA",
    executive_name: "Barbara Lee",
    executive_title: "Mayor",
    website: "https://www.oaklandca.gov",
    status: "member",
    joined_on: "2024-06-01",
    ...overrides,
  };
}

function csv(rows: Cells[]): string {
  return stringify(
    rows.map((r) => ROSTER_COLUMNS.map((c) => r[c] ?? "")),
    { header: true, columns: [...ROSTER_COLUMNS] },
  );
}

const SCRIPT = "<script>alert(1)</script>";
/** Lines 2 and 5 are good; 3 has an unknown GEOID, 4 a formula. */
const MIXED = csv([
  row(),
  row({ geoid: "9999999", name: "Nowhere" }),
  row({
    geoid: "17031",
    name: "Cook County",
    kind: "county",
    state: "IL",
    executive_name: '=HYPERLINK("https://evil.example","Click me")',
  }),
  row({ geoid: "0668000", name: `${SCRIPT} San Jose`, website: "" }),
]);

describeEachDatabase(
  "importing and exporting the roster in the admin UI",
  { seed: false },
  (ctx) => {
    const db = () => ctx.database.db;
    /** A member on the roster before any test (no demo seed), and the people who sign in. */
    let boston: { geoid: string; name: string };

    before(async () => {
      boston = await buildMember(db(), {
        geoid: "2507000",
        name: "Boston",
        state: "MA",
        executive_name: "Michelle Wu",
      });
      await createUser(ctx.app, { email: "staff@example.org" });
      await createUser(ctx.app, { email: "editor@example.org", coalitionRole: "coalition_editor" });
      await createUser(ctx.app, { email: "admin@example.org", coalitionRole: "coalition_admin" });
    });

    async function roster(): Promise<string[]> {
      const rows = await db().selectFrom("jurisdictions").selectAll().orderBy("geoid").execute();
      return rows.map((r) => JSON.stringify(r));
    }

    async function post(url: string, cookie: string, body: Record<string, string>) {
      return ctx.app.inject({
        method: "POST",
        url,
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams(body).toString(),
      });
    }

    const PAGES = [
      "/admin/members/import",
      "/admin/members/export.csv",
      "/es/admin/members/import",
    ];
    const FORMS = ["/admin/members/import/preview", "/admin/members/import/apply"];

    it("is for coalition admins only: signed out is sent to sign in, others are refused", async () => {
      const before = await roster();
      for (const url of PAGES) {
        const out = await ctx.app.inject({ url });
        assert.equal(out.statusCode, 303, url);
        assert.match(String(out.headers.location), /\/account\/sign-in\?next=/);
      }
      for (const url of FORMS) {
        const out = await ctx.app.inject({
          method: "POST",
          url,
          headers: { "content-type": "application/x-www-form-urlencoded" },
          payload: new URLSearchParams({ csv: MIXED, skip: "yes" }).toString(),
        });
        assert.equal(out.statusCode, 303, url);
      }
      for (const email of ["staff@example.org", "editor@example.org"]) {
        const cookie = await signIn(ctx.app, email);
        for (const url of PAGES) {
          const res = await ctx.app.inject({ url, headers: { cookie } });
          assert.equal(res.statusCode, 403, `${email} ${url}`);
          assert.doesNotMatch(res.body, /Oakland|geoid,name/);
        }
        const csrf = await csrfTokenOf(ctx.app, "/account", cookie);
        for (const url of FORMS) {
          const res = await post(url, cookie, { _csrf: csrf, csv: MIXED, skip: "yes" });
          assert.equal(res.statusCode, 403, `${email} ${url}`);
        }
      }
      assert.deepEqual(await roster(), before);
    });

    it("previews every bad row with its line, field and reason, and writes nothing", async () => {
      const cookie = await signIn(ctx.app, "admin@example.org");
      const form = await ctx.app.inject({ url: "/admin/members/import", headers: { cookie } });
      assert.equal(form.statusCode, 200);
      assert.match(text(form.body), /Paste the CSV/);
      assert.match(form.body, /href="\/admin\/members\/export\.csv"/);
      assert.match(text(form.body), new RegExp(EXPORT_COLUMNS.join(",")));
      const csrf = form.body.match(/name="_csrf" value="([^"]*)"/)?.[1] ?? "";

      const before = await roster();
      assert.equal(
        (await post("/admin/members/import/preview", cookie, { csv: MIXED })).statusCode,
        403,
        "no CSRF token",
      );
      const res = await post("/admin/members/import/preview", cookie, { _csrf: csrf, csv: MIXED });
      assert.equal(res.statusCode, 200);
      const page = text(res.body);
      assert.match(page, /New jurisdictions\s+2/);
      assert.match(page, /Rows with problems\s+2/);
      assert.match(
        page,
        /\b3\s+geoid\s+GEOID 9999999 is not a 2020 Census place/,
        "line, field and reason of the unknown GEOID",
      );
      assert.match(
        page,
        /\b4\s+executive_name\s+starts with (&#34;|")=(&#34;|"), which a spreadsheet runs/,
      );
      assert.match(page, /New\s+0653000\s+Oakland, CA/);
      assert.match(page, /Skip the 2 rows with problems/);
      // In a quoted attribute only `"` and `&` are markup; elsewhere `<` must be escaped too.
      const hidden = res.body.match(/name="csv" value="([^"]*)"/)?.[1] ?? "";
      assert.match(hidden, /&#34;=HYPERLINK\(/, "quotes in the CSV cannot end the attribute");
      assert.ok(!res.body.replace(hidden, "").includes(SCRIPT), "names are escaped");
      assert.match(res.body, /&lt;script>alert\(1\)&lt;\/script> San Jose, CA/);
      assert.ok(
        res.body.includes('name="csv" value="geoid,name,'),
        "the CSV goes to the apply form",
      );
      assert.deepEqual(await roster(), before, "a preview writes nothing");
    });

    it("refuses to apply a file with bad rows unless told to skip them", async () => {
      const cookie = await signIn(ctx.app, "admin@example.org");
      const csrf = await csrfTokenOf(ctx.app, "/admin/members/import", cookie);
      const before = await roster();

      assert.equal(
        (await post("/admin/members/import/apply", cookie, { csv: MIXED, skip: "yes" })).statusCode,
        403,
        "no CSRF token",
      );
      const refused = await post("/admin/members/import/apply", cookie, {
        _csrf: csrf,
        csv: MIXED,
      });
      assert.equal(refused.statusCode, 422);
      assert.match(text(refused.body), /Import refused: 2 rows have problems; nothing was written/);
      assert.match(
        text(refused.body),
        /\b3\s+geoid\s+GEOID 9999999 is not a 2020 Census place/,
        "the problems are shown again",
      );
      assert.deepEqual(await roster(), before);

      const applied = await post("/es/admin/members/import/apply", cookie, {
        _csrf: csrf,
        csv: MIXED,
        skip: "yes",
      });
      assert.equal(applied.statusCode, 303);
      assert.equal(applied.headers.location, "/es/admin/members/import?done=2-0-2");
      const added = await db()
        .selectFrom("jurisdictions")
        .select(["geoid", "name", "is_demo"])
        .where("geoid", "in", ["0653000", "0668000", "9999999", "17031"])
        .orderBy("geoid")
        .execute();
      assert.deepEqual(added, [
        { geoid: "0653000", name: "Oakland", is_demo: 0 },
        { geoid: "0668000", name: `${SCRIPT} San Jose`, is_demo: 0 },
      ]);
      assert.equal((await roster()).length, before.length + 2);
      const audit = await db()
        .selectFrom("audit_log")
        .select(["action", "actor_email", "after"])
        .where("action", "=", "roster.import")
        .execute();
      assert.equal(audit.length, 1, "the import is in the audit log");
      assert.match(audit[0]?.actor_email ?? "", /@/);
      assert.match(audit[0]?.after ?? "", /"inserted":2/);

      const done = await ctx.app.inject({ url: applied.headers.location, headers: { cookie } });
      assert.equal(done.statusCode, 200);
      assert.match(
        text(done.body),
        /Se importó la lista: 2 nuevas, 0 actualizadas, 2 filas omitidas/,
      );
      const bogus = await ctx.app.inject({
        url: "/admin/members/import?done=<b>1</b>",
        headers: { cookie },
      });
      assert.doesNotMatch(text(bogus.body), /was imported/);
    });

    it("exports the roster as a CSV download", async () => {
      const cookie = await signIn(ctx.app, "admin@example.org");
      const res = await ctx.app.inject({ url: "/admin/members/export.csv", headers: { cookie } });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers["cache-control"], "no-store");
      assert.equal(res.headers["content-type"], "text/csv; charset=utf-8");
      assert.equal(res.headers["content-disposition"], 'attachment; filename="roster.csv"');
      const rows = parse(res.body, { bom: true }) as string[][];
      assert.deepEqual(rows[0], [...EXPORT_COLUMNS]);
      assert.ok(rows.some((r) => r[0] === boston.geoid && r[1] === boston.name));
      assert.equal(rows.length - 1, (await roster()).length);
    });

    it("handles hostile input with clear messages", async () => {
      const cookie = await signIn(ctx.app, "admin@example.org");
      const csrf = await csrfTokenOf(ctx.app, "/admin/members/import", cookie);
      const before = await roster();

      const huge = `${ROSTER_COLUMNS.join(",")}\n${"x,".repeat(1.5 * 1024 * 1024)}`;
      for (const url of FORMS) {
        const res = await post(url, cookie, { _csrf: csrf, csv: huge, skip: "yes" });
        assert.equal(res.statusCode, 422, url);
        assert.match(text(res.body), /larger than 2 MB and was not read/);
        assert.ok(res.body.length < 100_000, "the paste is not echoed back");
      }

      const empty = await post("/admin/members/import/preview", cookie, { _csrf: csrf, csv: " " });
      assert.equal(empty.statusCode, 422);
      assert.match(text(empty.body), /Paste the CSV, starting with its header line/);

      const notCsv = await post("/admin/members/import/preview", cookie, {
        _csrf: csrf,
        csv: `${SCRIPT},=HYPERLINK(1)\n1,2`,
      });
      assert.equal(notCsv.statusCode, 200);
      assert.match(text(notCsv.body), /\b1\s+the header lacks column\(s\) geoid, name/);
      assert.ok(!notCsv.body.includes(SCRIPT));
      assert.doesNotMatch(notCsv.body, /name="skip"/);
      assert.doesNotMatch(notCsv.body, /import\/apply/, "a bad file cannot be applied");
      const forced = await post("/admin/members/import/apply", cookie, {
        _csrf: csrf,
        csv: `${SCRIPT},=HYPERLINK(1)\n1,2`,
        skip: "yes",
      });
      assert.equal(forced.statusCode, 422);
      assert.match(text(forced.body), /Import refused: the file cannot be imported/);
      assert.deepEqual(await roster(), before);
    });
  },
);
