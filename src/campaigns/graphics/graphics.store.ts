// A social push's graphics are kept in the platform's file store (src/files), in their own area
// `graphics` of FILES_DIR: the layout they had under UPLOADS_DIR (`graphics/<SHA-256>`), so files
// stored before the move are found where they were. Only this feature deletes from the area,
// when no graphic names a file any more.
import { type FileStore, fileStore } from "../../files/files.store.js";

export const graphicsStore = (filesDir: string): FileStore => fileStore(filesDir, "graphics");
