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
  /** The office for immigrant affairs, each part null when the member has not said. */
  office: {
    name: string | null;
    address: string | null;
    phone: string | null;
    email: string | null;
    languages: string | null;
    description: string | null;
  };
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
    office: {
      name: row.office_name,
      address: row.office_address,
      phone: row.office_phone,
      email: row.office_email,
      languages: row.office_languages,
      description: row.office_description,
    },
    status: row.status,
    joinedOn: row.joined_on,
    isDemo: row.is_demo === 1,
  };
}
