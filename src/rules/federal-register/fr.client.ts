// The Federal Register API v1 (no key; /work/shared/reference/government-apis.md): one document,
// several by number, and the search for open proposed rules. Every answer is checked before it
// is used: a document missing a field we store, or with one of the wrong type, is an error, so
// nothing is ever stored half-read.

/** An agency as the Federal Register names it. */
export interface FederalAgency {
  name: string;
  /** The API's slug; "" for an agency it lists by raw name only. */
  slug: string;
}

/** One Federal Register document, as we store it. */
export interface FederalRuleData {
  documentNumber: string;
  title: string;
  abstract: string | null;
  /** "Proposed Rule", "Rule", "Notice", "Presidential Document". */
  type: string;
  action: string | null;
  citation: string | null;
  agencies: FederalAgency[];
  /** YYYY-MM-DD. */
  publicationDate: string;
  /** YYYY-MM-DD; null when the document takes no comments. */
  commentsCloseOn: string | null;
  docketIds: string[];
  rins: string[];
  /** regulations_dot_gov_info.document_id: what Regulations.gov comments are filed on. */
  regulationsDocumentId: string | null;
  /** regulations_dot_gov_info.comments_count, when the API gives it. */
  commentsCount: number | null;
  htmlUrl: string | null;
  pdfUrl: string | null;
  commentUrl: string | null;
}

export type FederalRegisterErrorKind = "not_found" | "refused" | "unavailable" | "malformed";

/**
 * What went wrong asking the Federal Register: `not_found` (404), `refused` (400: our request;
 * the API's `errors` object is in the message), `unavailable` (429, 5xx, a timeout, no
 * connection: try again later), `malformed` (an answer that is not what the contract says).
 */
export class FederalRegisterError extends Error {
  constructor(
    readonly kind: FederalRegisterErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "FederalRegisterError";
  }
}

/** Only what we store is asked for (`fields[]`): smaller answers, and a contract we check. */
export const FIELDS = [
  "document_number",
  "title",
  "abstract",
  "type",
  "action",
  "citation",
  "agencies",
  "publication_date",
  "comments_close_on",
  "docket_ids",
  "regulation_id_numbers",
  "regulations_dot_gov_info",
  "html_url",
  "pdf_url",
  "comment_url",
] as const;

/** EOIR's slug is not confirmed by the API's documentation (government-apis.md). */
export const UNCONFIRMED_AGENCY_SLUGS: readonly string[] = [
  "executive-office-for-immigration-review",
];

/**
 * The agencies whose open proposed rules the watch list follows: DHS and its immigration
 * components, DOJ with EOIR, State, HHS with the Office of Refugee Resettlement, and Labor.
 */
export const IMMIGRATION_AGENCIES = {
  /** Nearly everything these publish bears on immigrants: searched without a term. */
  immigration: [
    "homeland-security-department",
    "u-s-citizenship-and-immigration-services",
    "u-s-immigration-and-customs-enforcement",
    "u-s-customs-and-border-protection",
    "executive-office-for-immigration-review",
    "refugee-resettlement-office",
  ],
  /** Departments that publish much else: searched for immigration words only. */
  departments: [
    "justice-department",
    "state-department",
    "health-and-human-services-department",
    "labor-department",
  ],
} as const;

/** The Federal Register's full-text search: "|" is OR (its Sphinx syntax). */
export const IMMIGRATION_TERM =
  "immigration | immigrant | immigrants | alien | aliens | noncitizen | noncitizens | refugee | refugees | asylum | visa | visas";

/** Numbers per `/documents/{n1},{n2}.json` request: keeps the URL short. */
const CHUNK = 20;
const PER_PAGE = 100;
/** The API silently restarts at page 1 past page 50 (government-apis.md). */
const MAX_PAGES = 50;

export interface FederalRegisterClientOptions {
  /** e.g. https://www.federalregister.gov/api/v1 (config.federalRegister.apiUrl). */
  apiUrl: string;
  fetch?: typeof fetch;
  /** Longest wait for one answer (default 15 s). */
  timeoutMs?: number;
}

export interface OpenProposedRulesQuery {
  term?: string;
  agencies: readonly string[];
  /** YYYY-MM-DD: comment periods that end on or after this day. */
  closesOnOrAfter: string;
}

export interface DocumentsAnswer {
  found: FederalRuleData[];
  /** Numbers asked for that the answer did not hold. */
  missing: string[];
  /** Numbers whose document came back malformed, with why. */
  malformed: { documentNumber: string; reason: string }[];
}

export interface FederalRegisterClient {
  document(number: string): Promise<FederalRuleData>;
  documents(numbers: readonly string[]): Promise<DocumentsAnswer>;
  openProposedRules(query: OpenProposedRulesQuery): Promise<FederalRuleData[]>;
}

type Params = [string, string][];

const fieldParams = (): Params => FIELDS.map((f) => ["fields[]", f]);

export function createFederalRegisterClient(
  options: FederalRegisterClientOptions,
): FederalRegisterClient {
  const base = options.apiUrl.replace(/\/+$/, "");
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;

  async function get(path: string, params: Params): Promise<unknown> {
    const query = new URLSearchParams(params).toString();
    const url = `${base}${path}${query ? `?${query}` : ""}`;
    let res: Response;
    let text: string;
    try {
      res = await doFetch(url, {
        headers: { accept: "application/json" },
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await res.text();
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new FederalRegisterError("unavailable", `Federal Register not reached: ${why}`);
    }
    if (res.status === 404) {
      throw new FederalRegisterError("not_found", `Federal Register: ${path} not found`, 404);
    }
    if (res.status === 429 || res.status >= 500) {
      throw new FederalRegisterError(
        "unavailable",
        `Federal Register answered ${res.status}`,
        res.status,
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new FederalRegisterError(
        res.ok ? "malformed" : "refused",
        `Federal Register answered ${res.status} with no JSON`,
        res.status,
      );
    }
    if (!res.ok) {
      const errors = isObject(body) && "errors" in body ? JSON.stringify(body.errors) : text;
      throw new FederalRegisterError(
        "refused",
        `Federal Register refused the request (${res.status}): ${errors.slice(0, 500)}`,
        res.status,
      );
    }
    return body;
  }

  async function document(number: string): Promise<FederalRuleData> {
    const body = await get(`/documents/${encodeURIComponent(number)}.json`, fieldParams());
    return parseDocument(body);
  }

  async function documents(numbers: readonly string[]): Promise<DocumentsAnswer> {
    const answer: DocumentsAnswer = { found: [], missing: [], malformed: [] };
    const unique = [...new Set(numbers)];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const chunk = unique.slice(i, i + CHUNK);
      const path = `/documents/${chunk.map(encodeURIComponent).join(",")}.json`;
      let body: unknown;
      try {
        body = await get(path, fieldParams());
      } catch (error) {
        // Every number unknown: a 404 for the whole list says nothing more than "none of these".
        if (error instanceof FederalRegisterError && error.kind === "not_found") {
          answer.missing.push(...chunk);
          continue;
        }
        throw error;
      }
      // One number may be answered as the document itself rather than a list.
      const results = isObject(body) && Array.isArray(body.results) ? body.results : [body];
      const seen = new Set<string>();
      for (const result of results) {
        const number = isObject(result) ? result.document_number : undefined;
        try {
          const parsed = parseDocument(result);
          seen.add(parsed.documentNumber);
          answer.found.push(parsed);
        } catch (error) {
          if (typeof number !== "string" || !chunk.includes(number)) throw error;
          seen.add(number);
          answer.malformed.push({ documentNumber: number, reason: (error as Error).message });
        }
      }
      answer.missing.push(...chunk.filter((n) => !seen.has(n)));
    }
    return answer;
  }

  async function search(query: OpenProposedRulesQuery, agencies: readonly string[]) {
    const rules: FederalRuleData[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const params: Params = [
        ["conditions[type][]", "PRORULE"],
        ...agencies.map((a): [string, string] => ["conditions[agencies][]", a]),
        ["conditions[comment_date][gte]", query.closesOnOrAfter],
        ...(query.term ? [["conditions[term]", query.term] as [string, string]] : []),
        ...fieldParams(),
        ["per_page", String(PER_PAGE)],
        ["page", String(page)],
        ["order", "oldest"],
      ];
      const body = await get("/documents.json", params);
      if (!isObject(body)) throw malformed("the search answer is not an object");
      // No match: the API leaves `results` out.
      const results = body.results ?? [];
      if (!Array.isArray(results)) throw malformed("results is not a list");
      rules.push(...results.map(parseDocument));
      const totalPages = typeof body.total_pages === "number" ? body.total_pages : 1;
      if (page >= totalPages || results.length === 0) break;
    }
    return rules;
  }

  async function openProposedRules(query: OpenProposedRulesQuery): Promise<FederalRuleData[]> {
    try {
      return await search(query, query.agencies);
    } catch (error) {
      // A slug we could not confirm, refused as unknown, must not cost the whole search: ask
      // again without it.
      const unconfirmed = query.agencies.filter((a) => UNCONFIRMED_AGENCY_SLUGS.includes(a));
      if (
        !(error instanceof FederalRegisterError) ||
        error.kind !== "refused" ||
        !unconfirmed.length
      )
        throw error;
      const agencies = query.agencies.filter((a) => !unconfirmed.includes(a));
      if (agencies.length === 0) return [];
      return search(query, agencies);
    }
  }

  return { document, documents, openProposedRules };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const malformed = (why: string) =>
  new FederalRegisterError("malformed", `Federal Register answer malformed: ${why}`);

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function text(doc: Record<string, unknown>, key: string, required: true): string;
function text(doc: Record<string, unknown>, key: string, required?: false): string | null;
function text(doc: Record<string, unknown>, key: string, required = false): string | null {
  const value = doc[key];
  if (value === undefined || value === null) {
    if (required) throw malformed(`${key} is missing`);
    return null;
  }
  if (typeof value !== "string") throw malformed(`${key} is not text`);
  if (required && value.trim() === "") throw malformed(`${key} is empty`);
  return value;
}

function day(doc: Record<string, unknown>, key: string, required = false): string | null {
  const value = required ? text(doc, key, true) : text(doc, key);
  if (value !== null && !DAY.test(value)) throw malformed(`${key} is not a date: ${value}`);
  return value;
}

function strings(doc: Record<string, unknown>, key: string): string[] {
  const value = doc[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw malformed(`${key} is not a list of text`);
  }
  return value.filter((v) => v.trim() !== "");
}

function agencies(doc: Record<string, unknown>): FederalAgency[] {
  const value = doc.agencies ?? [];
  if (!Array.isArray(value)) throw malformed("agencies is not a list");
  return value.map((agency) => {
    if (!isObject(agency)) throw malformed("an agency is not an object");
    // Agencies the Federal Register has no page for come with `raw_name` only.
    const name = text(agency, "name") ?? text(agency, "raw_name");
    if (!name) throw malformed("an agency has no name");
    return { name, slug: text(agency, "slug") ?? "" };
  });
}

/** One document of an answer, checked field by field. */
export function parseDocument(value: unknown): FederalRuleData {
  if (!isObject(value)) throw malformed("a document is not an object");
  const info = value.regulations_dot_gov_info ?? null;
  if (info !== null && !isObject(info))
    throw malformed("regulations_dot_gov_info is not an object");
  const count = info?.comments_count;
  if (count !== undefined && count !== null && !(Number.isInteger(count) && Number(count) >= 0)) {
    throw malformed("regulations_dot_gov_info.comments_count is not a count");
  }
  return {
    documentNumber: text(value, "document_number", true),
    title: text(value, "title", true),
    abstract: text(value, "abstract"),
    type: text(value, "type", true),
    action: text(value, "action"),
    citation: text(value, "citation"),
    agencies: agencies(value),
    publicationDate: day(value, "publication_date", true) as string,
    commentsCloseOn: day(value, "comments_close_on"),
    docketIds: strings(value, "docket_ids"),
    rins: strings(value, "regulation_id_numbers"),
    regulationsDocumentId: info ? text(info, "document_id") : null,
    commentsCount: typeof count === "number" ? count : null,
    htmlUrl: text(value, "html_url"),
    pdfUrl: text(value, "pdf_url"),
    commentUrl: text(value, "comment_url"),
  };
}
