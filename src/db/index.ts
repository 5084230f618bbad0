export { type Database, type DatabaseKind, openDatabase } from "./database.js";
export { migrateToLatest } from "./migrate.js";
export { lockRevision } from "./revision.js";
export type * from "./types.js";
