import type { Kysely } from "kysely";
import type { DB, JurisdictionKind, JurisdictionStatus } from "../../db/index.js";
import { publicJurisdiction } from "../jurisdictions.queries.js";

export interface MemberProfile {
  slug: string;
  name: string;
  kind: JurisdictionKind;
  state: string;
  geoid: string;
  executiveName: string | null;
  executiveTitle: string | null;
  website: string | null;
  status: JurisdictionStatus;
  joinedOn: string | null;
  isDemo: boolean;
}

/** A member's or former member's public profile; applicants are not public. */
export async function findProfile(
  db: Kysely<DB>,
  slug: string,
): Promise<MemberProfile | undefined> {
  const row = await publicJurisdiction(db, slug);
  if (!row) return undefined;
  return {
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    state: row.state,
    geoid: row.geoid,
    executiveName: row.executive_name,
    executiveTitle: row.executive_title,
    website: row.website,
    status: row.status,
    joinedOn: row.joined_on,
    isDemo: row.is_demo === 1,
  };
}
