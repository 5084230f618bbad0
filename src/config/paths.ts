// Where the project's own files are (catalogs, Census snapshots, public assets), found from the
// project root rather than from each module's own folder: the server runs both from src/ (tsx, in
// development and tests) and from one bundled file in dist/ (`npm start`), where every module
// shares one `import.meta.dirname`. The root is the nearest folder above holding package.json.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const PROJECT_ROOT = findRoot(import.meta.dirname);

/** A path inside the project, e.g. `projectPath("census")`. */
export const projectPath = (...parts: string[]) => join(PROJECT_ROOT, ...parts);
