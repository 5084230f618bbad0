// The guards routes put in front of themselves (as `app.guards`, decorated in index.ts): no
// session, a page request goes to sign-in and an API request gets 401; a signed-in person the
// guard refuses gets 403, or is sent where they can go on (two-step enrolment, choosing the
// jurisdiction they act for).
import type { FastifyRequest, preHandlerAsyncHookHandler } from "fastify";
import type { MembershipRole, UserRole } from "../db/index.js";
import type { Account, Membership } from "../http/account.js";
import { AppError, appError } from "../http/errors.js";
import { localizedPath, stripLocale } from "../i18n/index.js";
import { mustUseTwoFactor } from "./accounts.policy.js";
import { memberAdminNames } from "./memberships.queries.js";
import { comeBackTo, loadAccount, safeNext, signInPath } from "./session.js";

const JSON_PATHS = /^\/(api|healthz|readyz)(?=[/?]|$)/;

/**
 * The one shape of every guard: no session, a page request goes to sign-in (303) and an API
 * request gets 401; a signed-in person that `allowed` refuses gets 403, or is sent where
 * `allowed` says. Every answer a guard lets through is marked `cache-control: no-store`.
 */
function guard(
  allowed: (
    account: Account,
    request: FastifyRequest,
  ) => true | false | { redirect: string } | Promise<AppError>,
): preHandlerAsyncHookHandler {
  return async function accountGuard(request, reply) {
    // What a guard lets through is personal: no browser or proxy may keep it.
    reply.header("cache-control", "no-store");
    const account = await loadAccount(request, reply);
    if (!account) {
      if (JSON_PATHS.test(stripLocale(request.url))) throw appError("unauthorized");
      return reply.redirect(signInPath(request, comeBackTo(request)), 303);
    }
    const verdict = await allowed(account, request);
    if (verdict === true) return;
    if (verdict instanceof AppError) throw verdict;
    if (verdict !== false && !JSON_PATHS.test(stripLocale(request.url))) {
      return reply.redirect(verdict.redirect, 303);
    }
    throw appError("forbidden");
  };
}

/** Lets through anyone signed in. */
export function requireSignedIn(): preHandlerAsyncHookHandler {
  return guard(() => true);
}

/**
 * Lets through only people with one of the coalition `roles` (see `guard`). A coalition admin
 * must use two-step verification: without it, a page request goes to enrolment (and comes back
 * afterwards), an API request gets 403.
 */
export function requireCoalitionRole(...roles: UserRole[]): preHandlerAsyncHookHandler {
  return guard((account, request) => {
    const role = account.user.coalitionRole;
    if (role === null || !roles.includes(role)) return false;
    if (mustUseTwoFactor(account) && !account.user.twoFactorEnabled) {
      return { redirect: twoFactorPath(request, comeBackTo(request)) };
    }
    return true;
  });
}

/** The localized two-step verification page, which comes back to `next` once it is on. */
export function twoFactorPath(request: FastifyRequest, next?: string): string {
  const path = localizedPath(request.locale, "/account/two-factor");
  const back = safeNext(next);
  return back ? `${path}?next=${encodeURIComponent(back)}` : path;
}

/**
 * Lets through only people acting for a jurisdiction (`account.jurisdiction`) with one of the
 * membership `roles` there. Someone who works for several and has not chosen is sent to choose.
 */
export function requireJurisdiction(...roles: MembershipRole[]): preHandlerAsyncHookHandler {
  return guard((account, request) => {
    if (account.jurisdiction) {
      if (roles.includes(account.jurisdiction.role)) return true;
      // Member staff at a member admin's page: say whom to ask, not just "403".
      return notMemberAdmin(request, account.jurisdiction);
    }
    if (account.memberships.length === 0) return false;
    return { redirect: chooseJurisdictionPath(request, comeBackTo(request)) };
  });
}

/** The localized page where someone picks the jurisdiction they act for, then goes to `next`. */
export function chooseJurisdictionPath(request: FastifyRequest, next?: string): string {
  const path = localizedPath(request.locale, "/account/jurisdiction");
  const back = safeNext(next);
  return back ? `${path}?next=${encodeURIComponent(back)}` : path;
}

/**
 * The refusal of a member admin's page to someone else acting for that jurisdiction: only its
 * member admins can do that, and who they are (`not_member_admin_named`), so the person knows
 * whom to ask; without any admin to name, the plain `not_member_admin`.
 */
export async function notMemberAdmin(
  request: FastifyRequest,
  jurisdiction: Membership,
): Promise<AppError> {
  const names = await memberAdminNames(request.server.db, jurisdiction.jurisdictionId);
  const name = jurisdiction.name;
  if (names.length === 0) return appError("not_member_admin", { values: { name } });
  const admins = new Intl.ListFormat(request.locale.tag, { type: "conjunction" }).format(names);
  return appError("not_member_admin_named", { values: { name, admins } });
}
