import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import {
  closedPort,
  type FakeRegulationsServer,
  startRegulationsServer,
} from "../../../test/support/regulations-server.js";
import {
  type CommentSubmission,
  createRegulationsClient,
  ORGANIZATION_TYPE,
} from "./regulations.client.js";

const DOCUMENT = "USCIS-2010-0012-0001";
const PDF = new TextEncoder().encode("%PDF-1.7\n% test letterhead\n%%EOF\n");

describe("Regulations.gov client, against a local server that follows the contract", () => {
  let server: FakeRegulationsServer;
  const client = (timeoutMs = 2000) =>
    createRegulationsClient({ apiUrl: server.url, apiKey: server.key, timeoutMs });
  const submission = (overrides: Partial<CommentSubmission> = {}): CommentSubmission => ({
    documentId: DOCUMENT,
    comment: "Tucson opposes the proposed rule: it would keep families from care they need.",
    organization: "Tucson, AZ",
    organizationType: ORGANIZATION_TYPE,
    ...overrides,
  });

  before(async () => {
    server = await startRegulationsServer();
  });
  after(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    server.script.length = 0;
    server.retryAfterSeconds = undefined;
    server.documents.set(DOCUMENT, { objectId: "0900006483a1b2c3", comments: 41 });
  });

  it("posts a JSON:API comment as an organisation and returns the tracking number", async () => {
    const outcome = await client().postComment(submission());
    assert.equal(outcome.outcome, "accepted");
    assert.ok(outcome.outcome === "accepted" && /^k\w\w-\w{4}-\w{4}$/.test(outcome.trackingNumber));
    const [post] = server.commentPosts();
    assert.equal(post?.headers["content-type"], "application/vnd.api+json");
    assert.equal(post?.headers["x-api-key"], server.key);
    assert.deepEqual(post?.json, {
      data: {
        type: "comments",
        attributes: {
          commentOnDocumentId: DOCUMENT,
          comment: submission().comment,
          submissionType: "API",
          submitterType: "ORGANIZATION",
          organization: "Tucson, AZ",
          organizationType: ORGANIZATION_TYPE,
        },
      },
    });
  });

  it("uploads an attachment (submission key, pre-signed URL, PUT) before the comment names it", async () => {
    const outcome = await client().postComment(
      submission({
        files: [{ fileName: "comment-tucson.pdf", contentType: "application/pdf", bytes: PDF }],
      }),
    );
    assert.equal(outcome.outcome, "accepted");
    assert.deepEqual(
      server.requests.map(
        (r) => `${r.method} ${r.path.split("?")[0]?.replace(/\/upload\/.*/, "/upload/…")}`,
      ),
      ["POST /submission-keys", "POST /file-upload-urls", "PUT /upload/…", "POST /comments"],
    );
    const upload = server.requests.find((r) => r.method === "PUT");
    assert.equal(upload?.headers["x-api-key"], undefined, "the key never goes to the storage host");
    assert.equal(upload?.headers["content-type"], "application/pdf");
    const [key, bytes] = [...server.uploads.entries()][0] ?? [];
    assert.deepEqual(bytes, Buffer.from(PDF));
    const posted = server.commentPosts()[0]?.json as
      | { data: { attributes: Record<string, unknown> } }
      | undefined;
    const attributes = posted?.data.attributes ?? {};
    assert.equal(`${String(attributes.submissionKey)}/comment-tucson.pdf`, key);
    assert.deepEqual(attributes.files, ["comment-tucson.pdf"]);
  });

  it("says not_sent for a 429, with the Retry-After as a time", async () => {
    server.script.push("429");
    server.retryAfterSeconds = 120;
    const before = Date.now();
    const outcome = await client().postComment(submission());
    assert.equal(outcome.outcome, "not_sent");
    assert.ok(outcome.outcome === "not_sent");
    assert.equal(outcome.reason, "rate_limited");
    assert.match(outcome.detail, /HTTP 429: You have exceeded your rate limit/);
    const wait = (outcome.retryAt?.getTime() ?? 0) - before;
    assert.ok(wait >= 119_000 && wait <= 121_000, `retry after about 120 s, got ${wait} ms`);
  });

  it("says refused for a 400, 403 and 404, with the API's own message", async () => {
    server.script.push("400");
    const closed = await client().postComment(submission());
    assert.deepEqual(closed, {
      outcome: "refused",
      status: 400,
      message: "HTTP 400: Bad Request: commentOnDocumentId is closed for comment",
    });
    const badKey = await createRegulationsClient({
      apiUrl: server.url,
      apiKey: "WRONGKEY1",
    }).postComment(submission());
    assert.deepEqual(badKey, {
      outcome: "refused",
      status: 403,
      message: "HTTP 403: An invalid api_key was supplied.",
    });
    const unknown = await client().postComment(submission({ documentId: "NOPE-2030-0001-0001" }));
    assert.equal(unknown.outcome === "refused" && unknown.status, 404);
  });

  it("says unclear for a 5xx, a timeout after sending, a reset mid-answer and a 201 without an id", async () => {
    const cases = [
      ["500", "server_error"],
      ["hang", "timeout"],
      ["reset", "connection_lost"],
      ["no-id", "no_tracking_number"],
    ] as const;
    for (const [answer, reason] of cases) {
      server.requests.length = 0;
      server.script.push(answer);
      const outcome = await client(300).postComment(submission());
      assert.equal(outcome.outcome, "unclear", answer);
      assert.equal(outcome.outcome === "unclear" && outcome.reason, reason, answer);
      assert.equal(server.commentPosts().length, 1, `${answer}: the comment was sent once`);
    }
  });

  it("says not_sent when the connection is refused or the name does not resolve: nothing left", async () => {
    const port = await closedPort();
    const refused = await createRegulationsClient({
      apiUrl: `http://127.0.0.1:${port}/v4`,
      apiKey: "TESTKEY12345",
    }).postComment(submission());
    assert.equal(refused.outcome, "not_sent");
    assert.equal(refused.outcome === "not_sent" && refused.reason, "unreachable");
    assert.match(refused.outcome === "not_sent" ? refused.detail : "", /ECONNREFUSED/);
    // No network in tests: a DNS failure as Node's fetch reports it.
    const dns = await createRegulationsClient({
      apiUrl: "https://api.regulations.gov/v4",
      apiKey: "TESTKEY12345",
      fetch: async () => {
        throw new TypeError("fetch failed", {
          cause: Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" }),
        });
      },
    }).postComment(submission());
    assert.equal(dns.outcome, "not_sent");
  });

  it("says not_sent when an attachment step fails, before any comment is posted", async () => {
    let calls = 0;
    const flaky = createRegulationsClient({
      apiUrl: server.url,
      apiKey: server.key,
      fetch: async (input, init) => {
        calls++;
        if (String(input).endsWith("/file-upload-urls"))
          return new Response("busy", { status: 503 });
        return fetch(input, init);
      },
    });
    const outcome = await flaky.postComment(
      submission({ files: [{ fileName: "c.pdf", contentType: "application/pdf", bytes: PDF }] }),
    );
    assert.equal(outcome.outcome, "not_sent");
    assert.equal(outcome.outcome === "not_sent" && outcome.reason, "attachment");
    assert.equal(calls, 2);
    assert.equal(server.commentPosts().length, 0);
  });

  it("refuses before sending a text the API would refuse", async () => {
    const outcome = await client().postComment(submission({ comment: "x".repeat(5001) }));
    assert.equal(outcome.outcome, "refused");
    assert.equal(outcome.outcome === "refused" && outcome.status, null);
    assert.equal(server.requests.length, 0);
  });

  it("reads the docket's comment count through the document's objectId, null when unknown", async () => {
    assert.equal(await client().commentCount(DOCUMENT), 41);
    const list = server.requests.find((r) => r.path.startsWith("/comments?"));
    const query = new URL(`http://x${list?.path}`).searchParams;
    assert.equal(query.get("filter[commentOnId]"), "0900006483a1b2c3");
    assert.equal(query.get("page[size]"), "5");
    assert.equal(await client().commentCount("NOPE-2030-0001-0001"), null);
  });
});
