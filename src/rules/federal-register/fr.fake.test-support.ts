// A local stand-in for the Federal Register API v1 that follows the documented contract
// (/work/shared/reference/government-apis.md): one document, several by number, the search with
// its conditions, fields and pages, a 400 naming an unknown condition, and the failures tests
// ask for (a status, a hang). Its fixtures are the two real 2018 proposed rules of
// coalition-facts.md, as the API would give them.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeDocument = Record<string, unknown>;

/** 2018-21106, "Inadmissibility on Public Charge Grounds" (83 FR 51114). */
export const PUBLIC_CHARGE: FakeDocument = {
  document_number: "2018-21106",
  title: "Inadmissibility on Public Charge Grounds",
  abstract:
    "The Department of Homeland Security proposes to prescribe how it determines whether an alien is inadmissible because the alien is likely at any time to become a public charge.",
  type: "Proposed Rule",
  action: "Notice of proposed rulemaking.",
  citation: "83 FR 51114",
  agencies: [
    {
      raw_name: "DEPARTMENT OF HOMELAND SECURITY",
      name: "Homeland Security Department",
      id: 227,
      slug: "homeland-security-department",
      parent_id: null,
    },
    {
      raw_name: "U.S. Citizenship and Immigration Services",
      name: "U.S. Citizenship and Immigration Services",
      id: 491,
      slug: "u-s-citizenship-and-immigration-services",
      parent_id: 227,
    },
  ],
  publication_date: "2018-10-10",
  comments_close_on: "2018-12-10",
  docket_ids: ["DHS Docket No. USCIS-2010-0012"],
  regulation_id_numbers: ["1615-AA22"],
  regulations_dot_gov_info: {
    agency_id: "USCIS",
    document_id: "USCIS-2010-0012-0001",
    comments_count: 266077,
  },
  html_url:
    "https://www.federalregister.gov/documents/2018/10/10/2018-21106/inadmissibility-on-public-charge-grounds",
  pdf_url: "https://www.govinfo.gov/content/pkg/FR-2018-10-10/pdf/2018-21106.pdf",
  comment_url: null,
};

/** 2018-19052, the rule that would supersede the Flores settlement (83 FR 45486). */
export const FLORES: FakeDocument = {
  document_number: "2018-19052",
  title:
    "Apprehension, Processing, Care, and Custody of Alien Minors and Unaccompanied Alien Children",
  abstract:
    "This rule proposes to amend regulations relating to the apprehension, processing, care, custody, and release of alien juveniles.",
  type: "Proposed Rule",
  action: "Proposed rule.",
  citation: "83 FR 45486",
  agencies: [
    { name: "Homeland Security Department", slug: "homeland-security-department" },
    {
      name: "U.S. Immigration and Customs Enforcement",
      slug: "u-s-immigration-and-customs-enforcement",
    },
    {
      name: "U.S. Citizenship and Immigration Services",
      slug: "u-s-citizenship-and-immigration-services",
    },
    { name: "U.S. Customs and Border Protection", slug: "u-s-customs-and-border-protection" },
    {
      name: "Health and Human Services Department",
      slug: "health-and-human-services-department",
    },
    { name: "Refugee Resettlement Office", slug: "refugee-resettlement-office" },
  ],
  publication_date: "2018-09-07",
  comments_close_on: "2018-11-06",
  docket_ids: ["DHS Docket No. ICEB-2018-0002"],
  regulation_id_numbers: ["1653-AA75", "0970-AC42"],
  regulations_dot_gov_info: { agency_id: "ICEB", document_id: "ICEB-2018-0002-0001" },
  html_url:
    "https://www.federalregister.gov/documents/2018/09/07/2018-19052/apprehension-processing-care-and-custody-of-alien-minors-and-unaccompanied-alien-children",
  pdf_url: "https://www.govinfo.gov/content/pkg/FR-2018-09-07/pdf/2018-19052.pdf",
  comment_url: null,
};

/** A made-up open proposed rule numbered `number`, closing on `closes`. */
export function openRule(number: string, closes: string, extra: FakeDocument = {}): FakeDocument {
  return {
    ...PUBLIC_CHARGE,
    document_number: number,
    title: `Proposed rule ${number}`,
    citation: null,
    publication_date: "2026-01-05",
    comments_close_on: closes,
    docket_ids: [`USCIS-2026-${number.slice(-4)}`],
    regulation_id_numbers: [],
    regulations_dot_gov_info: { document_id: `USCIS-2026-${number.slice(-4)}-0001` },
    comment_url: `https://www.regulations.gov/commenton/USCIS-2026-${number.slice(-4)}-0001`,
    ...extra,
  };
}

const KNOWN_CONDITIONS = new Set([
  "conditions[term]",
  "conditions[type][]",
  "conditions[agencies][]",
  "conditions[comment_date][gte]",
  "conditions[comment_date][lte]",
  "conditions[publication_date][gte]",
  "conditions[publication_date][lte]",
  "conditions[docket_id]",
  "conditions[regulation_id_number]",
]);

export interface FakeFederalRegister {
  url: string;
  /** Documents by number; the search returns those of type "Proposed Rule" it matches. */
  documents: Map<string, FakeDocument>;
  /** Every request's path and query, in order. */
  requests: URL[];
  /** Answer the next requests with this status (a 5xx, 429), in order; then answer normally. */
  failNext: number[];
  /** Document numbers answered with this status whenever asked for alone or in a list. */
  failing: Map<string, number>;
  /** Agency slugs refused as unknown (400). */
  unknownAgencies: Set<string>;
  /** Never answer (a timeout) while true. */
  hang: boolean;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

function pick(doc: FakeDocument, fields: string[]): FakeDocument {
  if (!fields.length) return doc;
  return Object.fromEntries(fields.filter((f) => f in doc).map((f) => [f, doc[f]]));
}

export async function startFakeFederalRegister(): Promise<FakeFederalRegister> {
  const fake = {
    documents: new Map<string, FakeDocument>(),
    requests: [] as URL[],
    failNext: [] as number[],
    failing: new Map<string, number>(),
    unknownAgencies: new Set<string>(),
    hang: false,
  };
  const hanging = new Set<ServerResponse>();

  function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    fake.requests.push(url);
    if (fake.hang) {
      hanging.add(res);
      return;
    }
    const status = fake.failNext.shift();
    if (status !== undefined) return send(res, status, { status, message: "Service unavailable" });
    const fields = url.searchParams.getAll("fields[]");
    const path = url.pathname.replace(/^\/api\/v1/, "");
    const many = /^\/documents\/([^/]+)\.json$/.exec(path);
    if (many?.[1]) {
      const numbers = decodeURIComponent(many[1]).split(",");
      for (const n of numbers) {
        const failing = fake.failing.get(n);
        if (failing) return send(res, failing, { status: failing });
      }
      const found = numbers.flatMap((n) => {
        const doc = fake.documents.get(n);
        return doc ? [pick(doc, fields)] : [];
      });
      if (numbers.length === 1) {
        if (!found[0]) return send(res, 404, { status: 404, message: "Record not found" });
        return send(res, 200, found[0]);
      }
      const notFound = numbers.filter((n) => !fake.documents.has(n));
      return send(res, 200, {
        count: found.length,
        results: found,
        ...(notFound.length ? { errors: { not_found: notFound } } : {}),
      });
    }
    if (path === "/documents.json") {
      const errors: Record<string, string> = {};
      for (const key of url.searchParams.keys()) {
        if (key.startsWith("conditions[") && !KNOWN_CONDITIONS.has(key)) {
          errors[key.slice("conditions[".length, -1)] = "is not a valid field";
        }
      }
      const agencies = url.searchParams.getAll("conditions[agencies][]");
      for (const a of agencies) {
        if (fake.unknownAgencies.has(a)) errors.agencies = `${a} is not a valid agency`;
      }
      if (Object.keys(errors).length) return send(res, 400, { errors });
      const gte = url.searchParams.get("conditions[comment_date][gte]") ?? "";
      const term = url.searchParams.get("conditions[term]");
      const matches = [...fake.documents.values()].filter((d) => {
        const slugs = (d.agencies as { slug?: string }[]).map((a) => a.slug);
        return (
          d.type === "Proposed Rule" &&
          typeof d.comments_close_on === "string" &&
          d.comments_close_on >= gte &&
          (!agencies.length || agencies.some((a) => slugs.includes(a))) &&
          (!term || term.split(" | ").some((w) => String(d.title).toLowerCase().includes(w)))
        );
      });
      const perPage = Number(url.searchParams.get("per_page") ?? 20);
      const page = Number(url.searchParams.get("page") ?? 1);
      const totalPages = Math.ceil(matches.length / perPage);
      const results = matches
        .slice((page - 1) * perPage, page * perPage)
        .map((d) => pick(d, fields));
      return send(res, 200, {
        count: matches.length,
        description: "Documents matching your search",
        total_pages: totalPages,
        ...(results.length ? { results } : {}),
      });
    }
    return send(res, 404, { status: 404, message: "Not found" });
  }

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}/api/v1`,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
