export { createCensusClient } from "./census/census.client.js";
export {
  acs5Vintage,
  checkAcs5Year,
  type RefreshResult,
  refreshFigures,
} from "./census/refresh.service.js";
export { loadCensusSnapshots } from "./census/snapshots.load.js";
export { directoryApi } from "./directory/directory.api.js";
export { membersRoutes } from "./directory/directory.routes.js";
export { membersApi } from "./figures/coalition.api.js";
export {
  type CoalitionStats,
  coalitionStats,
  type FigureSource,
} from "./figures/coalition.service.js";
export { figuresRoutes } from "./figures/figures.routes.js";
export { joinRoutes } from "./join/join.routes.js";
export {
  activeJurisdiction,
  demoJurisdictions,
  type JurisdictionRef,
  jurisdictionsByIds,
  memberJurisdictions,
} from "./jurisdictions.queries.js";
export { seedDemoMembers } from "./members.seed.js";
export { profileEditRoutes } from "./profile/profile.routes.js";
export { reviewRoutes } from "./review/review.routes.js";
export { exportRoster, exportRosterCsv } from "./roster/roster.export.js";
export { applyRosterImport } from "./roster/roster.import.js";
export { previewRosterImport } from "./roster/roster.preview.js";
export { rosterAdminRoutes } from "./roster/roster.routes.js";
export {
  MAX_FILE_BYTES,
  ROSTER_COLUMNS,
  RosterImportError,
  type RosterPreview,
  showValue,
} from "./roster/roster.schema.js";
