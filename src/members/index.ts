export { loadCensusSnapshots } from "./census-load.js";
export { membersApi } from "./members.api.js";
export { type CoalitionStats, coalitionStats, type FigureSource } from "./members.queries.js";
export { seedDemoMembers } from "./members.seed.js";
