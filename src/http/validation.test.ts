import assert from "node:assert/strict";
import { describe, it } from "node:test";
import formbody from "@fastify/formbody";
import Fastify from "fastify";
import { Type } from "typebox";
import { testConfig } from "../../test/support/app.js";
import { createTestDatabase } from "../../test/support/databases.js";
import { buildApp } from "../app.js";
import { registerFormPost } from "./forms.js";
import { registerPage } from "./locale.js";
import {
  Choice,
  compileAllWaiting,
  compiledOnFirstUse,
  fastifyAjvOptions,
  formAjv,
  Line,
  Markdown,
  Password,
  Text,
  untrimmed,
} from "./validation.js";

const Form = Type.Object({
  name: Line({ minLength: 1, maxLength: 10 }),
  note: Text({ maxLength: 280 }),
  body: Markdown({ maxLength: 100 }),
  kind: Choice(["city", "county"] as const),
});

/** A bare app with one typed form (no CSRF or rate limit: those are tested with the real app). */
async function formApp() {
  const app = Fastify();
  await app.register(formbody);
  app.decorate("csrfProtection", (_request: unknown, _reply: unknown, done: () => void) => done());
  registerFormPost(
    app,
    "/form",
    {
      body: Form,
      invalid: async (_request, reply, problems) => reply.code(422).send(problems),
    },
    // Typed from the schema: `kind` is "city" | "county" here.
    async (request) => ({ ok: request.body, kind: request.body.kind satisfies "city" | "county" }),
  );
  return app;
}

const post = async (payload: Record<string, unknown> | string) => {
  const app = await formApp();
  const response = await app.inject({
    method: "POST",
    url: "/form",
    ...(typeof payload === "string"
      ? { payload, headers: { "content-type": "application/x-www-form-urlencoded" } }
      : { payload }),
  });
  await app.close();
  return { status: response.statusCode, body: response.json() };
};

describe("typed form posts", () => {
  it("hands the handler a trimmed, typed body", async () => {
    const { status, body } = await post(
      "name=+Ana+&note=a+%3C+b&body=%3Cb%3Ex%3C%2Fb%3E&kind=city",
    );
    assert.equal(status, 200);
    assert.deepEqual(body.ok, { name: "Ana", note: "a < b", body: "<b>x</b>", kind: "city" });
  });

  it("reports every refused field at once, each with its reason and values", async () => {
    const { status, body } = await post({
      name: "A\nB",
      note: "x".repeat(301),
      body: "ok\u0007",
      kind: "village",
    });
    assert.equal(status, 422);
    const byField = body.byField;
    assert.equal(byField.name.id, "errors.field.line_break");
    assert.deepEqual(byField.note, {
      field: "note",
      id: "errors.field.too_long",
      values: { limit: 280, length: 301 },
    });
    assert.equal(byField.body.id, "errors.field.control");
    assert.equal(byField.kind.id, "errors.field.choice", "an enum's alternatives fold into one");
    assert.equal(body.errors.length, 4);
  });

  it("refuses markup in plain text, keeps it in Markdown, and says a missing field is required", async () => {
    const { body } = await post({ note: "<script>x</script>", body: "<b>x</b>", kind: "city" });
    assert.equal(body.byField.name.id, "errors.field.required");
    assert.equal(body.byField.note.id, "errors.field.markup");
    assert.equal(body.byField.body, undefined);
  });

  it("refuses wrong types in a JSON body rather than coercing them", async () => {
    const { status, body } = await post({ name: 5, note: ["x"], body: "", kind: "city" });
    assert.equal(status, 422);
    assert.deepEqual(Object.keys(body.byField).sort(), ["name", "note"]);
    // What goes back into the form is only ever text.
    assert.equal(body.values.name, "");
  });

  it("echoes refused values whole and without control characters, so no typed text is lost", async () => {
    const { body } = await post({
      name: `${"y".repeat(600)}\u0000`,
      note: "",
      body: "",
      kind: "x",
    });
    assert.equal(body.values.name, "y".repeat(600));
  });
});

describe("plain text fields", () => {
  it("refuse markup of every kind and keep a lone <", async () => {
    for (const name of ["<b>Ana</b>", "Ana</x>", "<!-- x -->", "<?php"]) {
      const { body } = await post({ name, note: "", body: "", kind: "city" });
      assert.equal(body.byField.name?.id, "errors.field.markup", name);
    }
    for (const name of ["a < b", "<3", "x<1000"]) {
      const { status } = await post({ name, note: "", body: "", kind: "city" });
      assert.equal(status, 200, name);
    }
  });

  it("refuse control characters, and any value that is not text", async () => {
    for (const name of ["A\u0000na", "A\u001bna", ["Ana"], { a: 1 }, 7]) {
      const { status, body } = await post({ name, note: "", body: "", kind: "city" });
      assert.equal(status, 422, JSON.stringify(name));
      assert.deepEqual(Object.keys(body.byField), ["name"], JSON.stringify(name));
    }
  });
});

const Kept = Type.Object({
  password: Password(),
  csv: untrimmed(Text({ maxLength: 1000 })),
  name: Line({ maxLength: 40 }),
});
const IdParams = Type.Object({ id: Type.String({ pattern: "^[0-9]+$" }) });

/** A form at /things/:id with a password, an untrimmed field and a trimmed one. */
async function keptApp() {
  const app = Fastify();
  await app.register(formbody);
  app.decorate("csrfProtection", (_request: unknown, _reply: unknown, done: () => void) => done());
  registerFormPost(
    app,
    "/things/:id",
    {
      body: Kept,
      params: IdParams,
      invalid: async (_request, reply, problems) => reply.code(422).send(problems),
    },
    // Typed from the schemas: `id` is a string here, as is every field.
    async (request) => ({ id: request.params.id satisfies string, ...request.body }),
  );
  return app;
}

const postKept = async (url: string, payload: string) => {
  const app = await keptApp();
  const response = await app.inject({
    method: "POST",
    url,
    payload,
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  await app.close();
  return response;
};

describe("fields kept as typed, and path parameters", () => {
  it("keeps a password's spaces, and an untrimmed field's blank lines, and trims the rest", async () => {
    const csv = encodeURIComponent("\nname,email\nAna,a@x.org\n\n");
    const response = await postKept(
      "/things/7",
      `password=+%20secret+words%20+&csv=${csv}&name=+Ana+`,
    );
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), {
      id: "7",
      password: "  secret words  ",
      csv: "\nname,email\nAna,a@x.org\n\n",
      name: "Ana",
    });
  });

  it("still checks an untrimmed field against its schema", async () => {
    const response = await postKept("/things/7", "password=x&csv=%3Cb%3Ex%3C%2Fb%3E&name=Ana");
    assert.equal(response.statusCode, 422);
    assert.equal(response.json().byField.csv.id, "errors.field.markup");
  });

  it("answers 404 for a path whose parameters break the schema, before the body is judged", async () => {
    assert.equal((await postKept("/things/abc", "password=x&csv=&name=Ana")).statusCode, 404);
    assert.equal((await postKept("/things/abc", "name=%3Cb%3E")).statusCode, 404);
  });
});

describe("registerPage", () => {
  it("types and checks a page's query string and path parameters", async () => {
    const app = Fastify({ ajv: fastifyAjvOptions });
    app.decorate("pagePaths", [] as string[]);
    registerPage(
      app,
      "/things/:id",
      {
        schema: {
          params: IdParams,
          querystring: Type.Object({ q: Type.Optional(Line({ maxLength: 5 })) }),
        },
      },
      async (request) => ({ id: request.params.id satisfies string, q: request.query.q ?? null }),
    );
    registerPage(app, "/hidden", { restricted: true }, async () => "hidden");
    const ok = await app.inject("/things/7?q=abc");
    assert.equal(ok.statusCode, 200);
    assert.deepEqual(ok.json(), { id: "7", q: "abc" });
    assert.equal((await app.inject("/es/things/7")).statusCode, 200, "in every locale");
    assert.equal((await app.inject("/things/abc")).statusCode, 400);
    assert.equal((await app.inject("/things/7?q=toolong")).statusCode, 400);
    assert.deepEqual(app.pagePaths, ["/things/:id"], "a restricted page is not listed");
    await app.close();
  });
});

describe("schemas compiled on first use", () => {
  it("compiles a form's schema at its first post, not when the route is registered", async () => {
    let compiles = 0;
    const validate = compiledOnFirstUse(() => {
      compiles++;
      return formAjv.compile(Form);
    });
    assert.equal(compiles, 0);
    assert.equal(validate({ name: "Ana", note: "", body: "", kind: "city" }), true);
    assert.equal(validate({ name: "", note: "", body: "", kind: "town" }), false);
    assert.deepEqual(validate.errors?.map((e) => e.instancePath).sort(), ["/kind", "/name"]);
    assert.equal(compiles, 1);
  });

  it("compiles every schema of the whole app without an error", async () => {
    const testDb = await createTestDatabase("sqlite");
    const app = await buildApp(testConfig({}, testDb.settings));
    try {
      await app.ready();
      // Hundreds of route schemas wait (forms in three languages, the API's requests and
      // responses); each compiles here as it would at its route's first call.
      assert.ok(compileAllWaiting() > 200);
      assert.equal(compileAllWaiting(), 0, "each compiled once");
    } finally {
      await app.close();
      await testDb.drop();
    }
  });
});
