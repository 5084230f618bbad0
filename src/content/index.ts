export { contentFeature } from "./content.plugin.js";
export { anyContent } from "./content.queries.js";
export { seedContent } from "./content.seed.js";
