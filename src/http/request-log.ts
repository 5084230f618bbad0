// What the server logs of each request: one line at `info` when it is answered (method, URL,
// status, time, request id), instead of Fastify's two ("incoming request", "request completed"):
// every line costs throughput, and the second says nothing the first could not. Mailed links
// carry one-time tokens in their query (`?token=…`), and opening the page does not spend them, so
// a logged URL would be a working link in every log file: secret query values are redacted.
import {
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from "fastify";

type LoggerOptions = Exclude<FastifyServerOptions["logger"], boolean | undefined>;

/** Where log lines go: standard output by default; tests pass their own to read them. */
export interface LogStream {
  write(line: string): void;
}

const REDACTED = "[redacted]";
// Query parameters whose values are secrets wherever they appear (ours are `token`; the others
// are what an OAuth or a future link would carry).
const SECRET_NAMES = new Set([
  "token",
  "code",
  "secret",
  "password",
  "key",
  "otp",
  "signature",
  "access_token",
  "refresh_token",
]);

function decoded(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return value;
  }
}

/**
 * `url` (a path and query, as `request.url`) with the values of secret query parameters replaced
 * by `[redacted]`, also inside a parameter that holds a URL itself (`?next=/x%3Ftoken%3D…`).
 */
export function redactUrl(url: string): string {
  const at = url.indexOf("?");
  if (at < 0) return url;
  const hash = url.indexOf("#", at);
  const query = url.slice(at + 1, hash < 0 ? undefined : hash);
  const pairs = query.split("&").map((pair) => {
    const eq = pair.indexOf("=");
    if (eq < 0) return pair;
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    if (SECRET_NAMES.has(decoded(name).toLowerCase())) return `${name}=${REDACTED}`;
    // A URL inside a parameter: redact what it carries, and re-encode only if that changed.
    const inner = decoded(value);
    if (!inner.includes("?")) return pair;
    const cleaned = redactUrl(inner);
    return cleaned === inner ? pair : `${name}=${encodeURIComponent(cleaned)}`;
  });
  return `${url.slice(0, at)}?${pairs.join("&")}`;
}

/**
 * Fastify's request lines, replaced: nothing when a request comes in, one line when it is
 * answered. Errors are logged where they are handled (http/error-handler.tsx), with their stack.
 */
class RequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = {
      method: request.method,
      url: redactUrl(request.url),
      statusCode: reply.statusCode,
      responseTime: Math.round(reply.elapsedTime * 10) / 10,
    };
    // An error here is the response stream's own (the client went away mid-answer, say).
    if (error) reply.log.error({ ...line, err: error }, "request errored");
    else reply.log.info(line, "request");
  }

  // The not-found handler answers 404 and the request line says so: no second line.
  override routeNotFound(): void {}
}

/** Fastify's logging options: level, the one request line, and no secret in any line. */
export function loggingOptions(level: string, stream?: LogStream) {
  const logger: LoggerOptions = {
    level,
    redact: ["req.headers.cookie", "req.headers.authorization", "headers.cookie"],
    serializers: {
      // Whatever logs a request (Fastify's own error lines do) gets its URL redacted.
      req: (req: { method?: string; url?: string; ip?: string }) => ({
        method: req.method,
        url: req.url === undefined ? undefined : redactUrl(req.url),
        remoteAddress: req.ip,
      }),
    },
    ...(stream ? { stream } : {}),
  };
  return { logger, logController: new RequestLog() };
}
