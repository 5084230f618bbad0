export { adminRoutes } from "./admin.routes.js";
export { auditRoutes } from "./audit.routes.js";
