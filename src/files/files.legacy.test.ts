import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { ConfigError, loadConfig } from "../config/config.js";
import { adoptLegacyFiles } from "./files.legacy.js";
import { fileStore, keyOf } from "./files.store.js";

const root = mkdtempSync(join(tmpdir(), "cfa-legacy-"));
after(() => rmSync(root, { recursive: true, force: true }));

describe("FILES_DIR and the old UPLOADS_DIR", () => {
  it("is `files` next to the SQLite file, moving the old default `uploads` folder", () => {
    const config = loadConfig({ SQLITE_PATH: "/srv/cfa/data/cfa.sqlite" });
    assert.equal(config.filesDir, "/srv/cfa/data/files");
    assert.equal(config.legacyUploadsDir, "/srv/cfa/data/uploads");
  });

  it("reads UPLOADS_DIR as the old name of FILES_DIR, and moves nothing then", () => {
    const old = loadConfig({ UPLOADS_DIR: "/mnt/shared/uploads" });
    assert.equal(old.filesDir, "/mnt/shared/uploads");
    assert.equal(old.legacyUploadsDir, undefined);
    const both = loadConfig({ FILES_DIR: "/mnt/files", UPLOADS_DIR: "/mnt/files" });
    assert.equal(both.filesDir, "/mnt/files");
  });

  it("refuses FILES_DIR and UPLOADS_DIR naming two different folders", () => {
    assert.throws(
      () => loadConfig({ FILES_DIR: "/mnt/files", UPLOADS_DIR: "/mnt/uploads" }),
      (error) =>
        error instanceof ConfigError &&
        error.problems.some((p) => p.startsWith("FILES_DIR and UPLOADS_DIR name different")),
    );
  });
});

describe("adoptLegacyFiles", () => {
  it("moves graphics stored under the old default folder to where the store finds them", async () => {
    const legacy = join(root, "a", "uploads");
    const filesDir = join(root, "a", "files");
    const poster = Buffer.from("a PNG, by its bytes");
    const banner = Buffer.from("a JPEG, by its bytes");
    mkdirSync(join(legacy, "graphics"), { recursive: true });
    writeFileSync(join(legacy, "graphics", keyOf(poster)), poster);
    writeFileSync(join(legacy, "graphics", keyOf(banner)), banner);
    writeFileSync(join(legacy, "graphics", ".0f8fad5b-d9cb-469f-a165-70867728950e.part"), "half");
    // Already moved by an earlier, interrupted start: the same bytes under the same key.
    mkdirSync(join(filesDir, "graphics"), { recursive: true });
    writeFileSync(join(filesDir, "graphics", keyOf(banner)), banner);

    assert.equal(await adoptLegacyFiles(legacy, filesDir), 1);
    const graphics = fileStore(filesDir, "graphics");
    assert.deepEqual(await graphics.read(keyOf(poster)), poster);
    assert.deepEqual(await graphics.read(keyOf(banner)), banner);
    assert.deepEqual(
      readdirSync(join(filesDir, "graphics")).sort(),
      [keyOf(poster), keyOf(banner)].sort(),
    );
    assert.equal(existsSync(legacy), false, "the emptied old folder is removed");
    assert.equal(await adoptLegacyFiles(legacy, filesDir), 0, "a second start moves nothing");
  });

  it("leaves alone what is not a stored file", async () => {
    const legacy = join(root, "b", "uploads");
    mkdirSync(join(legacy, "graphics"), { recursive: true });
    writeFileSync(join(legacy, "graphics", "notes.txt"), "kept by hand");
    writeFileSync(join(legacy, "README"), "kept by hand");
    assert.equal(await adoptLegacyFiles(legacy, join(root, "b", "files")), 0);
    assert.deepEqual(readdirSync(join(legacy, "graphics")), ["notes.txt"]);
    assert.deepEqual(readdirSync(legacy).sort(), ["README", "graphics"]);
  });
});
