// The security headers every answer carries (Content-Security-Policy, HSTS over TLS, and the
// rest of helmet's defaults), worked out once at start-up by helmet itself and then copied onto
// each reply. @fastify/helmet builds a new helmet middleware for every request, which cost about
// a sixth of the home page's throughput; our headers depend on nothing in the request.
import type { ServerResponse } from "node:http";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import helmet from "helmet";

/** The headers helmet would set, for a site served at `publicUrl`. */
export function securityHeaders(publicUrl: string): Record<string, string> {
  const https = publicUrl.startsWith("https:");
  const middleware = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // HSTS only makes sense when the site is served over TLS.
    strictTransportSecurity: https,
  });
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  } as unknown as ServerResponse;
  let done = false;
  middleware({} as never, recorder, () => {
    done = true;
  });
  // helmet's middleware is synchronous; if that ever changes, fail at start, not silently.
  if (!done) throw new Error("helmet did not finish synchronously");
  return headers;
}

export const securityHeadersPlugin = fp(
  async (app: FastifyInstance) => {
    const headers = securityHeaders(app.config.publicUrl);
    app.addHook("onRequest", (_request, reply, next) => {
      reply.headers(headers);
      next();
    });
  },
  { name: "security-headers" },
);
