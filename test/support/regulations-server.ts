// A local stand-in for the Regulations.gov API v4 (shared/reference/government-apis.md), on
// 127.0.0.1 only. It answers as the contract says: a comment posted as JSON:API with
// `Content-Type: application/vnd.api+json` and a good `X-Api-Key` gets 201 with its tracking
// number in `data.id`; a wrong content type or a missing field 400 (JSON:API `errors`); a bad key
// 403 (api.data.gov's `error`); an unknown document 404. Attachments: submission keys, pre-signed
// upload URLs (on this server) taking the bytes by PUT. Reading: a document's `objectId`, and the
// comments on an objectId with `meta.totalElements`.
//
// Tests script the next answers to POST /comments: "429" (with Retry-After), "500", "hang" (reads
// the comment, never answers), "reset" (reads it, drops the connection), "400", "no-id" (201
// without a tracking number). Every request is recorded.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type ScriptedAnswer = "429" | "500" | "hang" | "reset" | "400" | "no-id";

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
  json?: unknown;
}

export interface FakeRegulationsServer {
  /** Base URL, like https://api.regulations.gov/v4. */
  url: string;
  port: number;
  key: string;
  /** Answers for the next POSTs to /comments, used up in order; then the contract's. */
  script: ScriptedAnswer[];
  /** Retry-After sent with a scripted 429 (seconds); none when undefined. */
  retryAfterSeconds: number | undefined;
  requests: SeenRequest[];
  /** Comments accepted, by tracking number. */
  accepted: Map<string, Record<string, unknown>>;
  /** Uploaded files: `<submissionKey>/<fileName>` → bytes. */
  uploads: Map<string, Buffer>;
  /** Documents it knows: document id → objectId, and comments counted per objectId. */
  documents: Map<string, { objectId: string; comments: number }>;
  /** POSTs to /comments seen (whatever was answered). */
  commentPosts(): SeenRequest[];
  close(): Promise<void>;
}

const JSON_API = "application/vnd.api+json";

function trackingNumber(): string {
  const alnum = () => randomBytes(4).toString("hex").slice(0, 4);
  return `k${alnum().slice(0, 2)}-${alnum()}-${alnum()}`;
}

export async function startRegulationsServer(
  options: { key?: string; port?: number } = {},
): Promise<FakeRegulationsServer> {
  const state: Omit<FakeRegulationsServer, "url" | "port" | "close" | "commentPosts"> = {
    key: options.key ?? "TESTKEY12345",
    script: [],
    retryAfterSeconds: undefined,
    requests: [],
    accepted: new Map(),
    uploads: new Map(),
    documents: new Map(),
  };
  let base = "";

  const send = (res: ServerResponse, status: number, body: unknown, headers = {}) => {
    res.writeHead(status, { "content-type": JSON_API, ...headers });
    res.end(JSON.stringify(body));
  };
  const invalid = (res: ServerResponse, detail: string) =>
    send(res, 400, { errors: [{ status: "400", title: "Bad Request", detail }] });

  function postComment(req: IncomingMessage, res: ServerResponse, json: unknown) {
    const answer = state.script.shift();
    if (answer === "hang") return;
    if (answer === "reset") {
      req.socket.destroy();
      return;
    }
    if (answer === "429") {
      const headers: Record<string, string> = {
        "x-ratelimit-limit": "50",
        "x-ratelimit-remaining": "0",
      };
      if (state.retryAfterSeconds !== undefined)
        headers["retry-after"] = String(state.retryAfterSeconds);
      return send(
        res,
        429,
        { error: { code: "OVER_RATE_LIMIT", message: "You have exceeded your rate limit." } },
        headers,
      );
    }
    if (answer === "500")
      return send(res, 500, { errors: [{ status: "500", title: "Internal Server Error" }] });
    if (answer === "400") return invalid(res, "commentOnDocumentId is closed for comment");
    const data = (json as { data?: { type?: unknown; attributes?: Record<string, unknown> } })
      ?.data;
    const a = data?.attributes;
    if (data?.type !== "comments" || !a) return invalid(res, "data.type must be comments");
    for (const field of ["commentOnDocumentId", "comment", "submissionType", "submitterType"]) {
      if (typeof a[field] !== "string" || a[field] === "")
        return invalid(res, `${field} is required`);
    }
    if (a.submissionType !== "API") return invalid(res, "submissionType must be API");
    if (a.submitterType === "ORGANIZATION" && (!a.organization || !a.organizationType)) {
      return invalid(res, "organization and organizationType are required");
    }
    const comment = String(a.comment);
    if (comment.length > 5000 || Buffer.byteLength(comment) > 5000) {
      return invalid(res, "comment must be 5000 characters or fewer");
    }
    if (!state.documents.has(String(a.commentOnDocumentId))) {
      return send(res, 404, { errors: [{ status: "404", title: "Not Found" }] });
    }
    if (a.files !== undefined) {
      const files = Array.isArray(a.files) ? a.files : [];
      for (const file of files) {
        if (!state.uploads.has(`${String(a.submissionKey)}/${String(file)}`)) {
          return invalid(res, `file ${String(file)} was not uploaded`);
        }
      }
    }
    const id = trackingNumber();
    state.accepted.set(id, a);
    const document = state.documents.get(String(a.commentOnDocumentId));
    if (document) document.comments += 1;
    if (answer === "no-id") return send(res, 201, { data: { type: "comments" } });
    send(res, 201, {
      data: { id, type: "comments", attributes: { ...a, receiveDate: new Date().toISOString() } },
    });
  }

  function route(req: IncomingMessage, res: ServerResponse, body: Buffer) {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = url.pathname.replace(/^\/v4/, "");
    if (req.method === "PUT" && path.startsWith("/upload/")) {
      state.uploads.set(decodeURIComponent(path.slice("/upload/".length)), body);
      res.writeHead(200).end();
      return;
    }
    if (req.headers["x-api-key"] !== state.key) {
      return send(res, 403, {
        error: { code: "API_KEY_INVALID", message: "An invalid api_key was supplied." },
      });
    }
    let json: unknown;
    if (req.method === "POST") {
      if (req.headers["content-type"] !== JSON_API) {
        return invalid(res, `Content-Type must be ${JSON_API}`);
      }
      try {
        json = JSON.parse(body.toString("utf8"));
      } catch {
        return invalid(res, "body is not JSON");
      }
      const seen = state.requests.at(-1);
      if (seen) seen.json = json;
    }
    if (req.method === "POST" && path === "/comments") return postComment(req, res, json);
    if (req.method === "POST" && path === "/submission-keys") {
      return send(res, 201, {
        data: { id: `sk-${randomBytes(6).toString("hex")}`, type: "submission-keys" },
      });
    }
    if (req.method === "POST" && path === "/file-upload-urls") {
      const a =
        (json as { data?: { attributes?: Record<string, unknown> } })?.data?.attributes ?? {};
      if (!a.fileName || !a.submissionKey || !a.contentType) {
        return invalid(res, "fileName, submissionKey and contentType are required");
      }
      const where = encodeURIComponent(`${String(a.submissionKey)}/${String(a.fileName)}`);
      return send(res, 201, { data: { id: `${base}/upload/${where}`, type: "file-upload-urls" } });
    }
    const document = /^\/documents\/([^/]+)$/.exec(path);
    if (req.method === "GET" && document) {
      const known = state.documents.get(decodeURIComponent(document[1] ?? ""));
      if (!known) return send(res, 404, { errors: [{ status: "404", title: "Not Found" }] });
      return send(res, 200, {
        data: { id: document[1], type: "documents", attributes: { objectId: known.objectId } },
      });
    }
    if (req.method === "GET" && path === "/comments") {
      const size = Number(url.searchParams.get("page[size]") ?? "25");
      if (!(size >= 5 && size <= 250)) return invalid(res, "page[size] must be from 5 to 250");
      const objectId = url.searchParams.get("filter[commentOnId]");
      const known = [...state.documents.values()].find((d) => d.objectId === objectId);
      return send(res, 200, {
        data: [],
        meta: {
          totalElements: known?.comments ?? 0,
          pageSize: size,
          pageNumber: 1,
          hasNextPage: false,
        },
      });
    }
    send(res, 404, { errors: [{ status: "404", title: "Not Found" }] });
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      state.requests.push({
        method: req.method ?? "",
        path: (req.url ?? "").replace(/^\/v4/, ""),
        headers: req.headers,
        body,
      });
      route(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}/v4`;
  return Object.assign(state, {
    url: base,
    port,
    commentPosts: () => state.requests.filter((r) => r.method === "POST" && r.path === "/comments"),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/** A port nothing listens on (a server opened, then closed). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
