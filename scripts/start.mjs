// `npm start`: builds dist/server.cjs when the sources changed since it was built (about a
// second), then runs it in this process with V8's code cache (code-cache.mjs). See
// scripts/build.mjs for why the server is bundled.
import { BUNDLE, buildServer, bundleIsStale } from "./build.mjs";
import { runWithCodeCache } from "./code-cache.mjs";

if (bundleIsStale()) await buildServer();
runWithCodeCache(BUNDLE);
