// File stores for tests of what happens between storing a file and writing the row that names it.
import type { FileStore } from "../../src/files/files.store.js";

/**
 * `store`, with `meanwhile` run once right after the first `put` has stored its bytes: another
 * person's change arriving in the middle of an upload. `ran()` says whether it has.
 */
export function storeWithChangeAfterPut(
  store: FileStore,
  meanwhile: () => Promise<unknown>,
): { store: FileStore; ran: () => boolean } {
  let ran = false;
  return {
    store: {
      ...store,
      put: async (...args: Parameters<FileStore["put"]>) => {
        const stored = await store.put(...args);
        if (!ran) {
          ran = true;
          await meanwhile();
        }
        return stored;
      },
    },
    ran: () => ran,
  };
}
