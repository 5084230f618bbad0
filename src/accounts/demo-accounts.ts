// Demo people for the demo roster, so a visitor can try every role: a coalition admin and
// editor, an admin for each demo jurisdiction, and one staffer who works for two members (to try
// switching). Their passwords are public (README, first-start output): demo only, and only
// written when the demo roster is seeded.
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import type { Kysely } from "kysely";
import type { Config } from "../config/config.js";
import {
  authFlag,
  authTime,
  type DB,
  dialectOf,
  type MembershipRole,
  type UserRole,
} from "../db/index.js";
import { createAuth } from "./auth.js";
import { demoJurisdictions } from "./jurisdictions.port.js";
import { insertMembership } from "./memberships.queries.js";
import { insertUserWithPassword } from "./people.queries.js";
import { enrollTotp } from "./two-factor.js";

/** The password of every demo account. Public: demo only. */
export const DEMO_PASSWORD = "cities-for-action-demo";
/**
 * The demo coalition admin's TOTP key (coalition admins must use two-step verification).
 * Public: anyone can add it to an authenticator app. Demo only.
 */
export const DEMO_TOTP_SECRET = "GNUXI2LFOMWWM33SFVQWG5DJN5XC2ZDF";
const DOMAIN = "example.org";

/** Whether an address is this machine's own over plain http: localhost, 127.x.x.x or ::1. */
export function isLocalAddress(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol !== "http:") return false;
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Whether first-start seeding writes the demo accounts, whose password and TOTP key are
 * published: never in production; by default only on a local http address (a public or https
 * PUBLIC_URL means other people can reach the site); elsewhere only when DEMO_ACCOUNTS=true.
 * `warning` says why they were left out, when someone may have expected them.
 */
export function demoAccountsOption(
  config: Pick<Config, "env" | "publicUrl" | "demoAccounts" | "authSecret">,
): { accounts?: { authSecret: string }; warning?: string } {
  if (config.env === "production" || config.demoAccounts === false) return {};
  if (config.demoAccounts === true || isLocalAddress(config.publicUrl)) {
    return { accounts: { authSecret: config.authSecret } };
  }
  return {
    warning: `demo accounts not created: their password and two-step key are published, and ${config.publicUrl} is not a local http address. Set DEMO_ACCOUNTS=true to create them anyway.`,
  };
}

export interface DemoAccount {
  email: string;
  name: string;
  coalitionRole: UserRole | null;
  memberships: { slug: string; role: MembershipRole }[];
}

/** The demo people for a demo roster given by slug and name. */
export function demoAccounts(roster: { slug: string; name: string }[]): DemoAccount[] {
  const slugs = new Set(roster.map((m) => m.slug));
  const staffer = ["montgomery-county-md", "washington-dc"].filter((s) => slugs.has(s));
  return [
    {
      email: `coalition.admin@${DOMAIN}`,
      name: "Demo Coalition Admin",
      coalitionRole: "coalition_admin",
      memberships: [],
    },
    {
      email: `coalition.editor@${DOMAIN}`,
      name: "Demo Coalition Editor",
      coalitionRole: "coalition_editor",
      memberships: [],
    },
    ...roster.map((m) => ({
      email: `admin.${m.slug}@${DOMAIN}`,
      name: `Demo admin, ${m.name}`,
      coalitionRole: null,
      memberships: [{ slug: m.slug, role: "member_admin" as const }],
    })),
    ...(staffer.length === 2
      ? [
          {
            email: `regional.staff@${DOMAIN}`,
            name: "Demo regional staffer",
            coalitionRole: null,
            memberships: staffer.map((slug) => ({ slug, role: "member_staff" as const })),
          },
        ]
      : []),
  ];
}

/**
 * Writes the demo people for the demo jurisdictions already in the database, in the caller's
 * transaction. Rows are written as better-auth writes them (a user, a credential account with
 * its password hash); one hash serves every account, as they share the demo password.
 */
export async function seedDemoAccounts(
  trx: Kysely<DB>,
  now: Date,
  authSecret: string,
): Promise<DemoAccount[]> {
  const roster = await demoJurisdictions(trx);
  const idOf = new Map(roster.map((j) => [j.slug, j.id]));
  const people = demoAccounts(roster);
  const at = authTime(trx, now);
  const yes = authFlag(trx, true);
  const no = authFlag(trx, false);
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const person of people) {
    const userId = randomUUID();
    await insertUserWithPassword(
      trx,
      {
        id: userId,
        email: person.email,
        name: person.name,
        email_verified: yes,
        image: null,
        coalition_role: person.coalitionRole,
        two_factor_enabled: no,
        created_at: at,
        updated_at: at,
        is_demo: 1,
      },
      {
        id: randomUUID(),
        account_id: userId,
        provider_id: "credential",
        user_id: userId,
        access_token: null,
        refresh_token: null,
        id_token: null,
        access_token_expires_at: null,
        refresh_token_expires_at: null,
        scope: null,
        password: hash,
        created_at: at,
        updated_at: at,
      },
    );
    if (person.coalitionRole === "coalition_admin") {
      // better-auth's own encryption needs its context: an instance on this transaction.
      const auth = createAuth(
        { db: trx, kind: dialectOf(trx) },
        { publicUrl: "http://localhost", authSecret, siteName: "demo" },
      );
      await enrollTotp(auth, trx, userId, DEMO_TOTP_SECRET);
    }
    for (const m of person.memberships) {
      const jurisdictionId = idOf.get(m.slug);
      if (!jurisdictionId) continue;
      await insertMembership(trx, {
        user_id: userId,
        jurisdiction_id: jurisdictionId,
        role: m.role,
        created_at: now.toISOString(),
      });
    }
  }
  return people;
}

/** What the server and `cfa seed` print after writing the demo accounts. */
export function describeDemoAccounts(accounts: DemoAccount[]): string {
  if (!accounts.length) return "";
  const width = Math.max(...accounts.map((a) => a.email.length));
  const lines = accounts.map((a) => {
    const roles = [
      ...(a.coalitionRole ? [a.coalitionRole] : []),
      ...a.memberships.map((m) => `${m.role} of ${m.slug}`),
    ];
    return `  ${a.email.padEnd(width)}  ${roles.join(", ")}`;
  });
  return [
    `Demo accounts (demo only; every one has the password "${DEMO_PASSWORD}"):`,
    ...lines,
    `The coalition admin signs in with two-step verification: add the key ${DEMO_TOTP_SECRET}`,
    "to an authenticator app (time-based, 6 digits, 30 seconds) and type the code it shows.",
  ].join("\n");
}
