// An upload of bytes the library already holds, while the last row naming them is deleted: the
// deletion removes the stored file between the upload's store and its row. The upload must still
// end with its file stored. On both databases.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, it } from "node:test";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildPerson } from "../../../test/support/builders.js";
import { storeWithChangeAfterPut } from "../../../test/support/files.js";
import { buildResource, buildResourceFile } from "../../../test/support/resources.js";
import { resourcesStore } from "../resources.store.js";
import { findResourceFile } from "./files.queries.js";
import { addResourceFile, removeResourceFile } from "./files.service.js";

const filesDir = mkdtempSync(join(tmpdir(), "cfa-resource-file-race-"));
after(() => rmSync(filesDir, { recursive: true, force: true }));

describeEachDatabase(
  "a library file deleted while the same bytes are uploaded",
  { seed: false, env: { FILES_DIR: filesDir } },
  (ctx) => {
    it("the upload keeps its file when the deletion comes between its store and its row", async () => {
      const db = ctx.database.db;
      const person = await buildPerson(db, { role: "coalition_editor" });
      const actor = { id: person.id, email: person.email };
      const item = await buildResource(db, { versions: { en: { title: "Toolkit" } } });
      const bytes = Buffer.from("%PDF-1.4\n% toolkit\n%%EOF\n");
      const oldId = await buildResourceFile(db, filesDir, item, bytes, { filename: "old.pdf" });
      const old = await findResourceFile(db, item.id, oldId);
      assert.ok(old);
      const store = resourcesStore(filesDir);
      // The other editor's deletion of the old row runs right after the upload stores the bytes.
      const racing = storeWithChangeAfterPut(store, () =>
        removeResourceFile(db, store, actor, item, old),
      );
      const id = await addResourceFile(db, racing.store, actor, item, {
        ok: true,
        role: "document",
        locale: "en",
        bytes,
        file: { kind: "pdf", mediaType: "application/pdf", extension: "pdf", size: bytes.length },
        filename: "new.pdf",
        alts: {},
      });
      assert.ok(racing.ran(), "the deletion ran in the middle of the upload");
      const added = await findResourceFile(db, item.id, id);
      assert.equal(await findResourceFile(db, item.id, oldId), undefined);
      assert.ok(added);
      assert.equal(await store.has(added.file_key), true, "the new row's file is stored");
    });
  },
);
