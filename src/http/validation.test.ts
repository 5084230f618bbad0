import assert from "node:assert/strict";
import { describe, it } from "node:test";
import formbody from "@fastify/formbody";
import Fastify from "fastify";
import { Type } from "typebox";
import { registerFormPost } from "./forms.js";
import { Choice, Line, Markdown, Text } from "./validation.js";

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
