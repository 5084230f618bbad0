// Who is signed in, as every route sees it: `request.account`, filled by accounts/ (its plugin and
// guards read the session). The type lives here so that any feature, and infrastructure pages,
// can read the account without importing accounts/.
import type { FastifyRequest } from "fastify";
import type { MembershipRole, UserRole } from "../db/index.js";
import { appError } from "./errors.js";

/** A jurisdiction someone works for, and their role there. */
export interface Membership {
  jurisdictionId: string;
  slug: string;
  name: string;
  role: MembershipRole;
}

export interface Account {
  user: {
    id: string;
    email: string;
    name: string;
    coalitionRole: UserRole | null;
    twoFactorEnabled: boolean;
    /** A demo account: its password is published. */
    isDemo: boolean;
  };
  session: { id: string; activeJurisdictionId: string | null };
  /** Every jurisdiction the person works for, by name. */
  memberships: Membership[];
  /**
   * The jurisdiction the person acts for: the one chosen in this session, or their only one.
   * Null when they work for none, or for several and have not chosen.
   */
  jurisdiction: Membership | null;
}

declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in person, or null; filled for /account and /admin pages and by the guards. */
    account: Account | null;
  }
}

/**
 * The signed-in account of a request behind a guard (`app.guards`). A handler calls this instead
 * of casting `request.account`; reaching it without a guard is a programming error, answered 401.
 */
export function requireAccount(request: FastifyRequest): Account {
  if (!request.account) throw appError("unauthorized");
  return request.account;
}

/** The account and the jurisdiction it acts for, behind `app.guards.jurisdiction(...)`. */
export function requireActing(request: FastifyRequest): Account & { jurisdiction: Membership } {
  const account = requireAccount(request);
  if (!account.jurisdiction) throw appError("forbidden");
  return account as Account & { jurisdiction: Membership };
}
