// The only place that reads process.env. Every variable is documented here, checked at start,
// and handed to the rest of the app as a frozen, typed object.
import { isIP } from "node:net";
import { dirname, join } from "node:path";
import { type Static, Type } from "typebox";
import { Value } from "typebox/value";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/**
 * How long a request may wait on others: a database that stops answering must turn into a 503
 * within seconds, not hang every page (docs/decisions/0011).
 */
export interface Timeouts {
  /** PostgreSQL: waiting for a connection, new or from the pool. */
  readonly databaseConnectMs: number;
  /** PostgreSQL: one statement, cancelled by the server after this long. */
  readonly databaseStatementMs: number;
  /** Receiving one whole request from the client (Fastify's `requestTimeout`). */
  readonly requestMs: number;
}

/** The defaults of the timeout settings, for databases opened without a Config (CLI, tests). */
export const DEFAULT_TIMEOUTS: Timeouts = Object.freeze({
  databaseConnectMs: 5000,
  databaseStatementMs: 15_000,
  requestMs: 30_000,
});

const EnvSchema = Type.Object({
  /** `production` turns off developer conveniences; `test` silences logs by default. */
  NODE_ENV: Type.Union(
    [Type.Literal("development"), Type.Literal("production"), Type.Literal("test")],
    { default: "development" },
  ),
  /** Interface to listen on. `localhost` by default; `0.0.0.0` to accept outside connections. */
  HOST: Type.String({ minLength: 1, default: "localhost" }),
  /** TCP port to listen on. */
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  /** The address people reach the site at, used for canonical and hreflang links. No trailing slash. */
  PUBLIC_URL: Type.Optional(Type.String({ pattern: "^https?://[^\\s/]+(/[^\\s]*[^\\s/])?$" })),
  /** PostgreSQL connection string. When unset, SQLite at SQLITE_PATH is used. */
  DATABASE_URL: Type.Optional(Type.String({ pattern: "^postgres(ql)?://" })),
  /** Path of the SQLite database file (created with its folder when missing). */
  SQLITE_PATH: Type.String({ minLength: 1, default: "./data/cfa.sqlite" }),
  /** Folder of stored files (graphics, the resource library). Unset: `files` next to the SQLite file. */
  FILES_DIR: Type.Optional(Type.String({ minLength: 1 })),
  /** The old name of FILES_DIR (same folder layout), still read when FILES_DIR is unset. */
  UPLOADS_DIR: Type.Optional(Type.String({ minLength: 1 })),
  /** Load the demo content (labelled as demo) when the database is empty at start. */
  SEED_DEMO: Type.Boolean({ default: true }),
  /**
   * Seed the demo accounts (published password and TOTP key) with the demo content. Unset: only
   * when PUBLIC_URL is a local http address. Never in production.
   */
  DEMO_ACCOUNTS: Type.Optional(Type.Boolean()),
  /** pino log level. */
  LOG_LEVEL: Type.Union(
    LOG_LEVELS.map((l) => Type.Literal(l)),
    { default: "info" },
  ),
  /**
   * Which reverse proxies' X-Forwarded-* headers to believe: `false` (none), a hop count ("1":
   * the one proxy in front), or a comma-separated list of proxy addresses or CIDR ranges. Never
   * `true`, which would believe every hop a client writes itself (parseTrustProxy).
   */
  TRUST_PROXY: Type.String({ minLength: 1, default: "false" }),
  /** The coalition's name, shown in the header and page titles (the platform is white-label). */
  SITE_NAME: Type.String({ minLength: 1, maxLength: 80, default: "Cities for Action" }),
  /** Census Data API key (api.census.gov, required since May 2026); enables refreshing figures. */
  CENSUS_API_KEY: Type.Optional(
    Type.String({ minLength: 8, maxLength: 100, pattern: "^[A-Za-z0-9]+$" }),
  ),
  /** Base URL of the Census Data API; tests point it at a local server. */
  CENSUS_API_URL: Type.String({
    pattern: "^https?://[^\\s]+[^\\s/]$",
    default: "https://api.census.gov/data",
  }),
  /** Base URL of the Federal Register API (no key); tests point it at a local server. */
  FEDERAL_REGISTER_URL: Type.String({
    pattern: "^https?://[^\\s]+[^\\s/]$",
    default: "https://www.federalregister.gov/api/v1",
  }),
  /**
   * Whether the watch-list job asks the Federal Register for new and changed rules a few times a
   * day; unset: only in production (a development machine or CI sends nothing out).
   */
  FEDERAL_REGISTER_REFRESH: Type.Optional(Type.Boolean()),
  /**
   * Regulations.gov API key (api.data.gov) registered to post comments for the coalition; unset:
   * members file their comments themselves and record the tracking number.
   */
  REGULATIONS_GOV_API_KEY: Type.Optional(
    Type.String({ minLength: 8, maxLength: 100, pattern: "^[A-Za-z0-9]+$" }),
  ),
  /** Base URL of the Regulations.gov API v4 (staging: https://api-staging.regulations.gov/v4). */
  REGULATIONS_GOV_URL: Type.String({
    pattern: "^https?://[^\\s]+[^\\s/]$",
    default: "https://api.regulations.gov/v4",
  }),
  /** SMTP server for outgoing mail, e.g. smtp://user:pass@mail.example.org:587. Unset: mail is kept in the outbox for staff to read, one-time links removed. */
  SMTP_URL: Type.Optional(Type.String({ pattern: "^smtps?://[^\\s]+$" })),
  /** Sender of outgoing mail, e.g. "Cities for Action <no-reply@example.org>". */
  MAIL_FROM: Type.String({
    minLength: 3,
    maxLength: 200,
    default: "Cities for Action <no-reply@localhost>",
  }),
  /** Where people write about the site, e.g. to report an accessibility barrier. Required in production. */
  CONTACT_EMAIL: Type.Optional(Type.String({ pattern: "^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$" })),
  /** Signs and encrypts session cookies and tokens: 32 or more random characters. Required in production. */
  AUTH_SECRET: Type.Optional(Type.String({ minLength: 32, maxLength: 512 })),
  /** PostgreSQL: how long to wait for a connection (a new one, or a free one of the pool), in ms. */
  DATABASE_CONNECT_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    maximum: 600_000,
    default: DEFAULT_TIMEOUTS.databaseConnectMs,
  }),
  /** PostgreSQL: the longest a statement may run before the server cancels it, in ms. */
  DATABASE_STATEMENT_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    maximum: 3_600_000,
    default: DEFAULT_TIMEOUTS.databaseStatementMs,
  }),
  /** Requests to the JSON API (/api/...) per client address per minute; more are refused (429). */
  API_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 300 }),
  /** The longest a client may take to send a whole request (headers and body), in ms. */
  REQUEST_TIMEOUT_MS: Type.Integer({
    minimum: 1000,
    maximum: 3_600_000,
    default: DEFAULT_TIMEOUTS.requestMs,
  }),
});

type Env = Static<typeof EnvSchema>;

export interface Config {
  readonly env: Env["NODE_ENV"];
  readonly host: string;
  readonly port: number;
  readonly publicUrl: string;
  readonly database:
    | { readonly kind: "sqlite"; readonly path: string }
    | { readonly kind: "postgres"; readonly url: string };
  /** FILES_DIR (or its old name UPLOADS_DIR): stored files, `<area>/<SHA-256>` (src/files). */
  readonly filesDir: string;
  /**
   * The folder files were kept in by default before FILES_DIR (`uploads` next to the SQLite
   * file), to move into filesDir at start; undefined when either variable is set.
   */
  readonly legacyUploadsDir: string | undefined;
  readonly seedDemo: boolean;
  /** DEMO_ACCOUNTS: true or false when set, undefined to decide by PUBLIC_URL. */
  readonly demoAccounts: boolean | undefined;
  readonly logLevel: Env["LOG_LEVEL"];
  /** Fastify's `trustProxy`: false, a hop count, or proxy addresses and CIDR ranges. */
  readonly trustProxy: false | number | readonly string[];
  readonly siteName: string;
  readonly contactEmail: string | undefined;
  readonly mail: { readonly smtpUrl: string | undefined; readonly from: string };
  readonly census: { readonly apiKey: string | undefined; readonly apiUrl: string };
  readonly federalRegister: { readonly apiUrl: string; readonly refresh: boolean };
  readonly regulationsGov: { readonly apiKey: string | undefined; readonly apiUrl: string };
  /** Secret for sessions and tokens; in development and test a fixed, public default when unset. */
  readonly authSecret: string;
  readonly timeouts: Timeouts;
  /** API_RATE_LIMIT_PER_MINUTE. */
  readonly apiRateLimitPerMinute: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

const DESCRIPTIONS: Record<keyof Env, string> = {
  NODE_ENV: "one of development, production, test",
  HOST: "a host name or address",
  PORT: "an integer from 0 to 65535",
  PUBLIC_URL: "an http(s) URL without a trailing slash, e.g. https://cities.example.org",
  DATABASE_URL: "a postgres:// or postgresql:// connection string",
  SQLITE_PATH: "a file path",
  FILES_DIR: "a folder path",
  UPLOADS_DIR: "a folder path (the old name of FILES_DIR)",
  SEED_DEMO: "true or false",
  DEMO_ACCOUNTS: "true or false",
  LOG_LEVEL: `one of ${LOG_LEVELS.join(", ")}`,
  TRUST_PROXY:
    "false, the number of proxies in front of the app (usually 1), or their addresses or CIDR ranges separated by commas",
  SITE_NAME: "a name of 1 to 80 characters",
  CONTACT_EMAIL: "an e-mail address",
  SMTP_URL: "an smtp:// or smtps:// URL",
  MAIL_FROM: "a sender address of 3 to 200 characters",
  CENSUS_API_KEY: "a Census API key (letters and digits)",
  CENSUS_API_URL: "an http(s) URL without a trailing slash",
  FEDERAL_REGISTER_URL: "an http(s) URL without a trailing slash",
  FEDERAL_REGISTER_REFRESH: "true or false",
  REGULATIONS_GOV_API_KEY: "an api.data.gov key (letters and digits)",
  REGULATIONS_GOV_URL: "an http(s) URL without a trailing slash",
  AUTH_SECRET: "a random secret of at least 32 characters, e.g. from `openssl rand -base64 32`",
  DATABASE_CONNECT_TIMEOUT_MS: "milliseconds, from 100 to 600000",
  DATABASE_STATEMENT_TIMEOUT_MS: "milliseconds, from 100 to 3600000",
  REQUEST_TIMEOUT_MS: "milliseconds, from 1000 to 3600000",
  API_RATE_LIMIT_PER_MINUTE: "an integer from 1 to 1000000",
};

/**
 * Used when AUTH_SECRET is unset outside production. It is public (it is in this file), so
 * sessions signed with it protect nothing: production refuses to start without a real secret.
 */
export const DEV_AUTH_SECRET = "insecure-development-secret-do-not-use-in-production";

/** Reads and checks configuration; throws ConfigError naming every bad variable at once. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const known = Object.keys(EnvSchema.properties) as (keyof Env)[];
  const raw: Record<string, unknown> = {};
  for (const key of known) {
    const value = source[key];
    if (value !== undefined && value !== "") raw[key] = value;
  }
  const converted = Value.Default(EnvSchema, Value.Convert(EnvSchema, raw)) as Partial<Env>;
  // Checked one variable at a time: exactly one message each, and no error cap to hide the rest.
  const problems = known
    .filter((key) => key in converted && !Value.Check(EnvSchema.properties[key], converted[key]))
    .map(
      (key) =>
        `${key}=${key === "AUTH_SECRET" ? "(hidden)" : JSON.stringify(source[key])} is not valid: expected ${DESCRIPTIONS[key]}`,
    );
  if (converted.NODE_ENV === "production" && converted.AUTH_SECRET === undefined) {
    problems.push(`AUTH_SECRET is required in production: expected ${DESCRIPTIONS.AUTH_SECRET}`);
  }
  // The accessibility statement must give people a way to report a barrier (issue 10).
  if (converted.NODE_ENV === "production" && converted.CONTACT_EMAIL === undefined) {
    problems.push(
      `CONTACT_EMAIL is required in production: expected ${DESCRIPTIONS.CONTACT_EMAIL} where people can report a barrier`,
    );
  }
  // One setting under two names: two different folders would split the files between them.
  if (
    converted.FILES_DIR &&
    converted.UPLOADS_DIR &&
    converted.FILES_DIR !== converted.UPLOADS_DIR
  ) {
    problems.push(
      "FILES_DIR and UPLOADS_DIR name different folders: UPLOADS_DIR is the old name of FILES_DIR; keep only FILES_DIR",
    );
  }
  const trustProxy = parseTrustProxy(converted.TRUST_PROXY ?? "false");
  if (typeof trustProxy === "string") problems.push(trustProxy);
  if (problems.length > 0) throw new ConfigError(problems);
  const env = converted as Env;
  const publicUrl =
    env.PUBLIC_URL ?? `http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${env.PORT}`;
  return Object.freeze({
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    publicUrl,
    database: Object.freeze(
      env.DATABASE_URL
        ? { kind: "postgres" as const, url: env.DATABASE_URL }
        : { kind: "sqlite" as const, path: env.SQLITE_PATH },
    ),
    filesDir: env.FILES_DIR ?? env.UPLOADS_DIR ?? join(dirname(env.SQLITE_PATH), "files"),
    legacyUploadsDir:
      env.FILES_DIR || env.UPLOADS_DIR ? undefined : join(dirname(env.SQLITE_PATH), "uploads"),
    seedDemo: env.SEED_DEMO,
    demoAccounts: env.DEMO_ACCOUNTS,
    logLevel: env.LOG_LEVEL,
    trustProxy: trustProxy as Config["trustProxy"],
    siteName: env.SITE_NAME,
    contactEmail: env.CONTACT_EMAIL,
    mail: Object.freeze({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM }),
    census: Object.freeze({ apiKey: env.CENSUS_API_KEY, apiUrl: env.CENSUS_API_URL }),
    federalRegister: Object.freeze({
      apiUrl: env.FEDERAL_REGISTER_URL,
      refresh: env.FEDERAL_REGISTER_REFRESH ?? env.NODE_ENV === "production",
    }),
    regulationsGov: Object.freeze({
      apiKey: env.REGULATIONS_GOV_API_KEY,
      apiUrl: env.REGULATIONS_GOV_URL,
    }),
    authSecret: env.AUTH_SECRET ?? DEV_AUTH_SECRET,
    timeouts: Object.freeze({
      databaseConnectMs: env.DATABASE_CONNECT_TIMEOUT_MS,
      databaseStatementMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
      requestMs: env.REQUEST_TIMEOUT_MS,
    }),
    apiRateLimitPerMinute: env.API_RATE_LIMIT_PER_MINUTE,
  });
}

/** proxy-addr's names for address ranges, which Fastify's `trustProxy` also accepts. */
const NAMED_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

/** One proxy address ("10.0.0.2"), a CIDR range ("10.0.0.0/8") or a named range. */
function isProxyAddress(item: string): boolean {
  if (NAMED_RANGES.has(item)) return true;
  const [ip = "", bits, ...rest] = item.split("/");
  const version = isIP(ip);
  if (!version || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY as Fastify's `trustProxy`, or the problem's message. `true` is refused: with it
 * Fastify takes the first X-Forwarded-For address, which the client writes itself, so anyone
 * could pick the address their rate limits and sign-in failures are counted under
 * (docs/decisions/0010). A hop count takes the address the nearest proxy appended.
 */
export function parseTrustProxy(value: string): false | number | string[] | string {
  const text = value.trim().toLowerCase();
  if (text === "false" || text === "0") return false;
  if (text === "true") {
    return "TRUST_PROXY=true is refused: it would trust an X-Forwarded-For header the client writes itself. Give the number of proxies in front of the app (usually TRUST_PROXY=1) or their addresses (TRUST_PROXY=10.0.0.2,10.0.1.0/24)";
  }
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const items = value.split(",").map((item) => item.trim());
  if (items.every(isProxyAddress)) return items;
  return `TRUST_PROXY=${JSON.stringify(value)} is not valid: expected ${DESCRIPTIONS.TRUST_PROXY}`;
}

/**
 * `trustProxy` as Fastify takes it. Fastify treats a bare number as "trust nothing", so a hop
 * count becomes proxy-addr's function: hop 0 is the peer (the nearest proxy), hop 1 the address
 * that proxy appended, and so on; the address after the last trusted hop is `request.ip`. A hop
 * count believes whatever connects: the app must be reachable only through its proxies.
 */
export function trustProxyOption(
  trust: Config["trustProxy"],
): false | string[] | ((address: string, hop: number) => boolean) {
  if (trust === false) return false;
  if (typeof trust === "number") return (_address, hop) => hop < trust;
  return [...trust];
}
