export { contentPlugin } from "./content.plugin.js";
export { anyContent } from "./content.queries.js";
export { seedContent } from "./content.seed.js";
