// `npm run cfa`: builds dist/cfa.mjs when the sources changed since it was built (about a second),
// then runs it in this process, as scripts/start.mjs does for the server (docs/decisions/0014).
import { pathToFileURL } from "node:url";
import { buildCli, bundleIsStale, CLI_BUNDLE } from "./build.mjs";

if (bundleIsStale(CLI_BUNDLE)) await buildCli();
await import(pathToFileURL(CLI_BUNDLE).href);
