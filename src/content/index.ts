export { contentPlugin } from "./content.plugin.js";
export { seedContent } from "./content.seed.js";
