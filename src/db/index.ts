export { compiledOnce } from "./compiled-once.js";
export { type Database, type DatabaseKind, openDatabase } from "./database.js";
export {
  authFlag,
  authTime,
  type Dialect,
  dialectOf,
  isDatabaseUnavailable,
  isUniqueViolation,
  lockNamed,
  lockRows,
  unlessUnique,
} from "./dialect.js";
export { groupedTransaction, groupedWrites } from "./group-commit.js";
export { migrateToLatest, pendingMigrations } from "./migrate.js";
export { lockRevision } from "./revision.js";
export type * from "./types.js";
