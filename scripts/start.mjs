// `npm start`: builds dist/server.mjs when the sources changed since it was built (about a
// second), then runs it in this process. See scripts/build.mjs for why the server is bundled.
import { pathToFileURL } from "node:url";
import { BUNDLE, buildServer, bundleIsStale } from "./build.mjs";

if (bundleIsStale()) await buildServer();
await import(pathToFileURL(BUNDLE).href);
