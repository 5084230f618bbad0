export { loadCensusSnapshots } from "./census-load.js";
export { type RefreshResult, refreshFigures } from "./census-refresh.js";
export { directoryApi } from "./directory.api.js";
export { figuresRoutes } from "./figures.routes.js";
export { joinRoutes } from "./join.routes.js";
export { membersApi } from "./members.api.js";
export { type CoalitionStats, coalitionStats, type FigureSource } from "./members.queries.js";
export { membersRoutes } from "./members.routes.js";
export { seedDemoMembers } from "./members.seed.js";
export { profileEditRoutes } from "./profile-edit.routes.js";
export { reviewRoutes } from "./review.routes.js";
export { rosterAdminRoutes } from "./roster-admin.routes.js";
export {
  applyRosterImport,
  exportRosterCsv,
  previewRosterImport,
  RosterImportError,
} from "./roster-csv.js";
