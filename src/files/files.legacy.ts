// Before FILES_DIR, uploaded files were kept by default in `uploads` next to the SQLite file, in
// the same layout (`<area>/<SHA-256>`). A deployment that never set UPLOADS_DIR still has them
// there: at start they move into the files folder, one file at a time, each atomically (a
// rename, or a copy through the store when the folders are on different file systems), so a
// start interrupted halfway is finished by the next one. Files are named by their content, so a
// file already at the new place is the same file and the old copy is dropped.
import { createReadStream } from "node:fs";
import { mkdir, readdir, rename, rm, rmdir } from "node:fs/promises";
import { join } from "node:path";
import { directoryStore, isFileKey, isTemporaryName } from "./files.store.js";

const AREA = /^[a-z][a-z0-9-]{0,39}$/;

/** Moves the files of `legacyDir` into `filesDir`; answers how many moved. */
export async function adoptLegacyFiles(legacyDir: string, filesDir: string): Promise<number> {
  const areas = await entries(legacyDir);
  if (!areas) return 0;
  let moved = 0;
  for (const area of areas) {
    if (!area.isDirectory() || !AREA.test(area.name)) continue;
    const from = join(legacyDir, area.name);
    const to = directoryStore(join(filesDir, area.name));
    for (const file of (await entries(from)) ?? []) {
      const source = join(from, file.name);
      if (isTemporaryName(file.name)) {
        // Left by a write that never finished: it was never a file anyone could read.
        await rm(source, { force: true });
        continue;
      }
      if (!file.isFile() || !isFileKey(file.name)) continue;
      if (await to.has(file.name)) {
        await rm(source, { force: true });
        continue;
      }
      try {
        await mkdir(join(filesDir, area.name), { recursive: true });
        await rename(source, join(filesDir, area.name, file.name));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
        const { key } = await to.put(createReadStream(source));
        // A file whose bytes no longer match its name stays where it was, for a person to see
        // (its copy under its true key harms nothing: no row names it).
        if (key !== file.name) continue;
        await rm(source, { force: true });
      }
      moved += 1;
    }
    await rmdir(from).catch(() => {});
  }
  await rmdir(legacyDir).catch(() => {});
  return moved;
}

async function entries(dir: string) {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
