// The uploaded files on disk: one per content, named by its SHA-256 under the uploads folder
// (config UPLOADS_DIR). A file is written to a temporary name in the same folder and renamed,
// so a reader never sees half of one, and the same bytes uploaded twice are stored once.
import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

const folder = (dir: string) => join(dir, "graphics");

const SHA256 = /^[0-9a-f]{64}$/;

/** The path of a stored file; only ever built from a SHA-256 we computed. */
function pathOf(dir: string, sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
  return join(folder(dir), sha256);
}

export const sha256Of = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** Stores `bytes` (if not already there) and returns their SHA-256. */
export async function storeFile(dir: string, bytes: Buffer): Promise<string> {
  const sha256 = sha256Of(bytes);
  await mkdir(folder(dir), { recursive: true });
  const temporary = join(folder(dir), `.${randomUUID()}.part`);
  try {
    await writeFile(temporary, bytes, { flag: "wx" });
    await rename(temporary, pathOf(dir, sha256));
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return sha256;
}

/** A stored file's bytes, or null when it is missing. */
export async function readStoredFile(dir: string, sha256: string): Promise<Buffer | null> {
  try {
    return await readFile(pathOf(dir, sha256));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

export async function removeStoredFile(dir: string, sha256: string): Promise<void> {
  await rm(pathOf(dir, sha256), { force: true });
}
