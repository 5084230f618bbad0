// A graphic uploaded with the same bytes as one being removed: the removal deletes the stored
// file between the upload's store and its row. The upload must still end with its file stored.
// On both databases.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, it } from "node:test";
import { describeEachDatabase } from "../../../test/support/app.js";
import { buildPerson } from "../../../test/support/builders.js";
import { buildAction, buildCampaign } from "../../../test/support/campaigns.js";
import { storeWithChangeAfterPut } from "../../../test/support/files.js";
import { tinyPng } from "./fixtures.test-support.js";
import { findGraphic } from "./graphics.queries.js";
import { addGraphic, removeGraphic } from "./graphics.service.js";
import { graphicsStore } from "./graphics.store.js";
import { sniffImage } from "./image-type.js";

const filesDir = mkdtempSync(join(tmpdir(), "cfa-graphics-race-"));
after(() => rmSync(filesDir, { recursive: true, force: true }));

describeEachDatabase(
  "a graphic removed while the same bytes are uploaded",
  { seed: false },
  (ctx) => {
    it("the upload keeps its file when the removal comes between its store and its row", async () => {
      const db = ctx.database.db;
      const person = await buildPerson(db, { role: "coalition_editor" });
      const actor = { id: person.id, email: person.email };
      const campaign = await buildCampaign(db);
      const action = await buildAction(db, campaign, "social");
      const bytes = tinyPng(4, 3);
      const info = sniffImage(bytes);
      assert.ok(info);
      const store = graphicsStore(filesDir);
      const file = { bytes, info };
      const oldId = await addGraphic(db, store, actor, campaign, action.id, file, { en: "Old" });
      const old = await findGraphic(db, action.id, oldId);
      assert.ok(old);
      // Another editor's removal of the old graphic runs right after the upload stores the bytes.
      const racing = storeWithChangeAfterPut(store, () =>
        removeGraphic(db, store, actor, campaign, old),
      );
      const id = await addGraphic(db, racing.store, actor, campaign, action.id, file, {
        en: "New",
      });
      assert.ok(racing.ran(), "the removal ran in the middle of the upload");
      assert.equal(await findGraphic(db, action.id, oldId), undefined);
      const added = await findGraphic(db, action.id, id);
      assert.ok(added);
      assert.equal(await store.has(added.sha256), true, "the new graphic's file is stored");
    });
  },
);
