import type { Kysely } from "kysely";
import type { DB, Jurisdiction, JurisdictionKind, JurisdictionStatus } from "../../db/index.js";
import { jurisdictionById, publicJurisdiction } from "../jurisdictions.queries.js";
import { figuresFor, type MemberFigures } from "./member-figures.service.js";

export interface MemberProfile {
  id: string;
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
  return row ? profileOf(row) : undefined;
}

export interface MemberFacts extends MemberProfile {
  id: string;
  /** The newest figure of each measure, each with its vintage and source. */
  figures: MemberFigures;
}

/**
 * A jurisdiction (any status) by id with its profile and newest Census figures: what another
 * feature quotes about a member (a comment's merge fields, its letterhead).
 */
export async function memberFacts(db: Kysely<DB>, id: string): Promise<MemberFacts | undefined> {
  const row = await jurisdictionById(db, id);
  if (!row) return undefined;
  const figures = (await figuresFor(db, [row.geoid])).get(row.geoid) ?? {};
  return { ...profileOf(row), figures };
}

function profileOf(row: Jurisdiction): MemberProfile {
  return {
    id: row.id,
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
