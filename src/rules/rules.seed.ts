// The demo's rules, all labelled demo (is_demo): copies of the two real 2018 proposed rules
// behind the demo campaigns (coalition-facts.md; not fetched, so marked as copies), closed long
// ago, and two made-up open ones, so the demo's watch list is not empty. Their numbers start
// with "DEMO-", which no Federal Register number does and the add form never accepts.
import type { Kysely } from "kysely";
import type { DB } from "../db/index.js";
import type { FederalRuleData } from "./federal-register/fr.client.js";
import { addDays, easternToday } from "./rule.dates.js";
import { insertRule } from "./rules.queries.js";
import { reindexRules } from "./search.source.js";

const DHS = { name: "Homeland Security Department", slug: "homeland-security-department" };
const USCIS = {
  name: "U.S. Citizenship and Immigration Services",
  slug: "u-s-citizenship-and-immigration-services",
};

const PUBLIC_CHARGE: FederalRuleData = {
  documentNumber: "2018-21106",
  title: "Inadmissibility on Public Charge Grounds",
  abstract:
    'Demo copy. DHS proposed to change how it decides whether a person applying for admission or a green card is likely to become a "public charge", counting the use of more public benefits.',
  type: "Proposed Rule",
  action: "Notice of proposed rulemaking.",
  citation: "83 FR 51114",
  agencies: [DHS, USCIS],
  publicationDate: "2018-10-10",
  commentsCloseOn: "2018-12-10",
  docketIds: ["USCIS-2010-0012"],
  rins: ["1615-AA22"],
  regulationsDocumentId: "USCIS-2010-0012-0001",
  commentsCount: null,
  htmlUrl:
    "https://www.federalregister.gov/documents/2018/10/10/2018-21106/inadmissibility-on-public-charge-grounds",
  pdfUrl: null,
  commentUrl: null,
};

const FLORES: FederalRuleData = {
  documentNumber: "2018-19052",
  title:
    "Apprehension, Processing, Care, and Custody of Alien Minors and Unaccompanied Alien Children",
  abstract:
    "Demo copy. DHS and HHS proposed rules that would take the place of the Flores settlement agreement on the custody and release of children.",
  type: "Proposed Rule",
  action: "Proposed rule.",
  citation: "83 FR 45486",
  agencies: [
    DHS,
    {
      name: "U.S. Immigration and Customs Enforcement",
      slug: "u-s-immigration-and-customs-enforcement",
    },
    USCIS,
    { name: "U.S. Customs and Border Protection", slug: "u-s-customs-and-border-protection" },
    { name: "Health and Human Services Department", slug: "health-and-human-services-department" },
    { name: "Refugee Resettlement Office", slug: "refugee-resettlement-office" },
  ],
  publicationDate: "2018-09-07",
  commentsCloseOn: "2018-11-06",
  docketIds: ["ICEB-2018-0002"],
  rins: ["1653-AA75", "0970-AC42"],
  regulationsDocumentId: "ICEB-2018-0002-0001",
  commentsCount: null,
  htmlUrl:
    "https://www.federalregister.gov/documents/2018/09/07/2018-19052/apprehension-processing-care-and-custody-of-alien-minors-and-unaccompanied-alien-children",
  pdfUrl: null,
  commentUrl: null,
};

/** Made up: no such rule exists. Links lead nowhere real on purpose (none are given). */
function fictional(
  number: string,
  title: string,
  abstract: string,
  published: string,
  closes: string,
): FederalRuleData {
  return {
    documentNumber: number,
    title,
    abstract,
    type: "Proposed Rule",
    action: "Proposed rule (demo).",
    citation: null,
    agencies: [DHS, USCIS],
    publicationDate: published,
    commentsCloseOn: closes,
    docketIds: [`USCIS-DEMO-${number.slice(-3)}`],
    rins: [],
    regulationsDocumentId: null,
    commentsCount: null,
    htmlUrl: null,
    pdfUrl: null,
    commentUrl: null,
  };
}

/** The demo's rules, written in the seed's transaction; returns how many. */
export async function seedDemoRules(trx: Kysely<DB>, now: Date): Promise<number> {
  const today = easternToday(now);
  const rules = [
    PUBLIC_CHARGE,
    FLORES,
    fictional(
      "DEMO-2026-001",
      "Demo: Fee Schedule for Naturalization Applications",
      "Made up for the demo. A fictional proposal to raise the fee for applying to naturalize and to narrow fee waivers.",
      addDays(today, -10),
      addDays(today, 25),
    ),
    fictional(
      "DEMO-2026-002",
      "Demo: Language Access in Immigration Benefit Requests",
      "Made up for the demo. A fictional proposal on which languages USCIS forms and notices are offered in.",
      addDays(today, -3),
      addDays(today, 33),
    ),
  ];
  const at = now.toISOString();
  const ids: string[] = [];
  for (const rule of rules) ids.push(await insertRule(trx, rule, { now: at, isDemo: true }));
  // Found at once, even where the index was built before the seed (`cfa seed` later).
  await reindexRules(trx, ids);
  return rules.length;
}
