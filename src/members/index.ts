// members/: the roster of member cities and counties, their Census figures, joining, review,
// the roster CSV and profile editing (README.md). The one door: `membersFeature` registers every
// route, and the functions below are what other features and the CLI may call.
import type { FastifyInstance } from "fastify";
import { registerAdminEntry } from "../http/admin-home.js";
import { directoryApi } from "./directory/directory.api.js";
import { directoryRoutes } from "./directory/directory.routes.js";
import type { ProfileSection } from "./directory/member.sections.js";
import { coalitionApi } from "./figures/coalition.api.js";
import { figuresRoutes } from "./figures/figures.routes.js";
import { countPendingApplications } from "./join/applications.queries.js";
import { joinRoutes } from "./join/join.routes.js";
import { profileRoutes } from "./profile/profile.routes.js";
import { reviewRoutes } from "./review/review.routes.js";
import { rosterRoutes } from "./roster/roster.routes.js";

export interface MembersOptions {
  /** Sections other features add to each member's public profile (app.ts wires them). */
  profileSections?: readonly ProfileSection[];
}

/**
 * Every route of members/: public pages and API, joining, and the staff's pages, with their
 * entries on the /admin front page. Register it after adminEntriesPlugin and accounts/.
 */
export async function membersFeature(app: FastifyInstance, options: MembersOptions = {}) {
  registerAdminEntry(app, {
    id: "applications",
    title: "admin.nav.applications",
    description: "admin.home.applications",
    href: "/admin/members",
    roles: ["coalition_admin"],
    attention: countPendingApplications,
    order: 10,
  });
  registerAdminEntry(app, {
    id: "roster",
    title: "admin.nav.roster",
    description: "admin.home.roster",
    href: "/admin/members/import",
    roles: ["coalition_admin"],
    order: 20,
  });
  registerAdminEntry(app, {
    id: "profiles",
    title: "members.edit.nav",
    description: "admin.home.profiles",
    href: "/admin/profiles",
    roles: ["coalition_admin", "coalition_editor"],
    order: 30,
  });
  await app.register(coalitionApi);
  await app.register(directoryApi);
  await app.register(directoryRoutes, { profileSections: options.profileSections ?? [] });
  await app.register(figuresRoutes);
  await app.register(joinRoutes);
  await app.register(reviewRoutes);
  await app.register(rosterRoutes);
  await app.register(profileRoutes);
}

export { createCensusClient } from "./census/census.client.js";
export {
  acs5Vintage,
  checkAcs5Year,
  type RefreshResult,
  refreshFigures,
} from "./census/refresh.service.js";
export { loadCensusSnapshots } from "./census/snapshots.load.js";
export type { ProfileSection } from "./directory/member.sections.js";
export { type MemberFacts, memberFacts } from "./directory/member.service.js";
export type {
  Figure,
  ForeignBornShare,
  MemberFigures,
} from "./directory/member-figures.service.js";
export {
  type CoalitionStats,
  coalitionStats,
  type FigureSource,
} from "./figures/coalition.service.js";
export {
  activeJurisdiction,
  anyJurisdiction,
  censusTargets,
  demoJurisdictions,
  type JurisdictionRef,
  jurisdictionExecutive,
  jurisdictionsByIds,
  memberJurisdictions,
} from "./jurisdictions.queries.js";
export { seedDemoMembers } from "./members.seed.js";
export { executiveTitle, placeName, stateName, vintageName } from "./names.js";
export { Citation, Vintage } from "./names.view.js";
export { exportRoster, exportRosterCsv } from "./roster/roster.export.js";
export { applyRosterImport } from "./roster/roster.import.js";
export { previewRosterImport } from "./roster/roster.preview.js";
export {
  MAX_FILE_BYTES,
  ROSTER_COLUMNS,
  RosterImportError,
  type RosterPreview,
  showValue,
} from "./roster/roster.schema.js";
// For app.ts to hand to searchFeature: what the search index holds of the roster.
export { memberSearchSource } from "./search.source.js";
