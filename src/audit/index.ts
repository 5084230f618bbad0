export { auditPlugin } from "./audit.plugin.js";
export { type AuditEntry, recordAudit } from "./audit.queries.js";
