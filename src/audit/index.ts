export { auditPlugin } from "./audit.plugin.js";
export { type AuditEntry, latestAuditAt, recordAudit } from "./audit.queries.js";
