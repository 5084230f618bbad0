// Sections other features add to a member's public profile (the resources that feature it), so
// that members/ shows them without importing those features: app.ts hands them to membersFeature,
// as it hands rules/ the campaigns' deadline listener.
import type { Kysely } from "kysely";
import type { DB } from "../../db/index.js";
import type { PageContext } from "../../views/page-context.js";

export interface ProfileSection {
  /** Unique among sections, e.g. "resources". */
  id: string;
  /** The section for this member (headed by an h2), or "" when it has nothing to show. */
  render(
    db: Kysely<DB>,
    member: { id: string; slug: string; name: string },
    ctx: PageContext,
  ): Promise<JSX.Element>;
  /**
   * What else than the data revision the section depends on (e.g. a schedule coming due), as a
   * key: the cached profile is rendered again when it changes.
   */
  variant?(db: Kysely<DB>): Promise<string>;
}
