// The library's own area of the file store (decision 0025): its rows alone decide when a key
// may be deleted, so no other feature's files share it.
import { type FileStore, fileStore } from "../files/files.store.js";

export const resourcesStore = (filesDir: string): FileStore => fileStore(filesDir, "resources");
