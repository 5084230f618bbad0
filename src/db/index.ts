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
export { migrateToLatest, pendingMigrations } from "./migrate.js";
export { lockRevision } from "./revision.js";
export type * from "./types.js";
