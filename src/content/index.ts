export { contentRoutes } from "./content.routes.js";
export { seedContent } from "./content.seed.js";
export { contentAdminRoutes } from "./content-admin.routes.js";
