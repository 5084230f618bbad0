import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { securityHeaders } from "./security-headers.js";

describe("security headers", () => {
  it("are helmet's, with our strict policy, worked out once", () => {
    const headers = securityHeaders("http://localhost:3000");
    assert.equal(
      headers["content-security-policy"],
      "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;font-src 'self';" +
        "connect-src 'self';object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'",
    );
    assert.equal(headers["x-content-type-options"], "nosniff");
    assert.equal(headers["x-frame-options"], "SAMEORIGIN");
    assert.equal(headers["referrer-policy"], "no-referrer");
    assert.equal(headers["strict-transport-security"], undefined, "no HSTS without TLS");
    assert.equal(headers["x-powered-by"], undefined);
  });

  it("ask for TLS only when the site is served over it", () => {
    const headers = securityHeaders("https://cfa.example.org");
    assert.match(headers["strict-transport-security"] ?? "", /max-age=\d+/);
    assert.match(headers["content-security-policy"] ?? "", /upgrade-insecure-requests/);
  });
});
