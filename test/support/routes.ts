// The app's own route list, for tests that keep a table per route and must fail when a route is
// added without a row (test/authorization.test.ts, test/hostile-input.test.ts).
import type { FastifyInstance } from "fastify";
import { LOCALES } from "../../src/i18n/index.js";

/** The routes the app registered for `method`, unprefixed, from Fastify's own route tree. */
export function registeredRoutes(app: FastifyInstance, method: "GET" | "POST"): Set<string> {
  const tree = app.printRoutes({ commonPrefix: false, method });
  const found = new Set<string>();
  const stack: string[] = [];
  for (const line of tree.split("\n")) {
    const match = line.match(/^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/);
    if (!match) continue;
    const depth = (match[1] ?? "").length / 4;
    stack.length = depth;
    stack.push(match[2] ?? "");
    if (match[3]?.split(", ").includes(method)) found.add(stack.join(""));
  }
  const unprefixed = new Set<string>();
  for (const path of found) {
    const locale = LOCALES.find((l) => l.prefix && path.startsWith(`${l.prefix}/`));
    unprefixed.add(locale ? path.slice(locale.prefix.length) : path);
  }
  return unprefixed;
}
