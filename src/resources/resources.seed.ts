// The demo library, written by the first-start seed (seed-demo.ts) in its transaction, after the
// demo roster: the coalition's Immigration Reform page (three video stories without invented
// video links, so the page says "video coming soon"; the toolkit made with New American Economy
// with its social section named; the social messages in English, Spanish and Chinese; demo
// op-eds) and the family-separation report made with the Lumos Foundation with its case studies
// featuring the members the demo roster has. Everything is labelled demo and published.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB, ResourceTopic, ResourceType } from "../db/index.js";
import { demoJurisdictions } from "../members/index.js";
import {
  insertIssue,
  moveIssue,
  replaceIssueItems,
  saveIssueVersion,
} from "./manage/issues.queries.js";
import {
  insertResource,
  replaceMembers,
  replaceResourceMessages,
  replaceSections,
  replaceTopics,
  saveVersion,
} from "./manage/manage.queries.js";
import {
  CASE_STUDIES,
  caseStudy,
  type DemoText,
  ISSUE_PAGE,
  MESSAGES,
  OP_EDS,
  REPORT,
  SOCIAL_SET,
  STORIES,
  TOOLKIT,
} from "./resources.seed.texts.js";

export const DEMO_ISSUE_SLUG = "immigration-reform";
const LOCALES = ["en", "es", "zh-Hans"] as const;

interface DemoItem {
  slug: string;
  type: ResourceType;
  /** Demo dates: the coalition's documents give none for these. */
  datedOn: string;
  text: DemoText;
  topics: ResourceTopic[];
  partner?: string;
  parentId?: string;
  memberIds?: string[];
}

/** Seeds the demo library; returns how many items it wrote. */
export async function seedDemoResources(trx: Kysely<DB>, now: Date): Promise<number> {
  const at = now.toISOString();
  let written = 0;
  async function item(demo: DemoItem): Promise<string> {
    const id = randomUUID();
    await insertResource(trx, {
      id,
      slug: demo.slug,
      type: demo.type,
      status: "published",
      publish_at: null,
      dated_on: demo.datedOn,
      partner: demo.partner ?? null,
      // No invented links: a story without its video says "video coming soon".
      video_url: null,
      parent_id: demo.parentId ?? null,
      is_demo: 1,
      created_by: null,
      created_at: at,
      updated_at: at,
      published_at: at,
    });
    for (const locale of LOCALES) {
      await saveVersion(trx, {
        resource_id: id,
        locale,
        title: demo.text.title[locale],
        summary: demo.text.summary[locale],
        body: demo.text.body[locale],
        status: "ready",
        editor_id: null,
        updated_at: at,
      });
    }
    await replaceTopics(trx, id, demo.topics);
    await replaceMembers(trx, id, demo.memberIds ?? []);
    written++;
    return id;
  }

  const videos = [
    await item({
      slug: "karen-daca-recipient-story",
      type: "video",
      datedOn: "2021-03-01",
      text: STORIES.karen,
      topics: ["immigration_reform", "daca_youth"],
    }),
    await item({
      slug: "isha-documented-dreamer-story",
      type: "video",
      datedOn: "2021-03-01",
      text: STORIES.isha,
      topics: ["immigration_reform", "daca_youth"],
    }),
    await item({
      slug: "jose-tps-holder-story",
      type: "video",
      datedOn: "2021-03-01",
      text: STORIES.jose,
      topics: ["immigration_reform", "tps"],
    }),
  ];
  const toolkit = await item({
    slug: "advancing-immigration-reform-toolkit",
    type: "toolkit",
    datedOn: "2021-03-15",
    text: TOOLKIT,
    topics: ["immigration_reform"],
    partner: "New American Economy",
  });
  await replaceSections(
    trx,
    toolkit,
    LOCALES.map((locale) => ({
      locale,
      title: TOOLKIT.section[locale],
      first_page: 22,
      last_page: 24,
    })),
  );
  const social = await item({
    slug: "immigration-reform-social-messages",
    type: "social_set",
    datedOn: "2021-03-15",
    text: SOCIAL_SET,
    topics: ["immigration_reform"],
  });
  await replaceResourceMessages(
    trx,
    social,
    LOCALES.flatMap((locale) =>
      MESSAGES.map((m) => ({ locale, platform: m.platform, body: m.text[locale] })),
    ),
  );
  const opEds: string[] = [];
  for (const op of OP_EDS) {
    opEds.push(
      await item({
        slug: op.slug,
        type: "op_ed",
        datedOn: op.datedOn,
        text: op,
        topics: ["immigration_reform"],
      }),
    );
  }

  const report = await item({
    slug: "on-the-frontlines-of-the-family-separation-crisis",
    type: "report",
    datedOn: "2018-12-01",
    text: REPORT,
    topics: ["family_separation"],
    partner: "Lumos Foundation",
  });
  const roster = await demoJurisdictions(trx);
  for (const study of CASE_STUDIES) {
    // Feature only the members the demo roster has (a real roster may lack one).
    const member = roster.find((m) => m.slug === study.member);
    const county =
      study.member === "los-angeles-ca"
        ? roster.find((m) => m.slug === "los-angeles-county-ca")
        : undefined;
    await item({
      slug: study.slug,
      type: "case_study",
      datedOn: "2018-12-01",
      text: caseStudy(study.place),
      topics: ["family_separation"],
      parentId: report,
      memberIds: [member?.id, county?.id].filter((id): id is string => id !== undefined),
    });
  }

  const issueId = randomUUID();
  await insertIssue(trx, { id: issueId, slug: DEMO_ISSUE_SLUG, is_demo: 1, now: at });
  await moveIssue(trx, issueId, "draft", "published", at);
  for (const locale of LOCALES) {
    await saveIssueVersion(trx, {
      issue_id: issueId,
      locale,
      title: ISSUE_PAGE.title[locale],
      intro: ISSUE_PAGE.intro[locale],
      status: "ready",
      editor_id: null,
      updated_at: at,
    });
  }
  await replaceIssueItems(trx, issueId, [...videos, toolkit, social, ...opEds]);
  return written;
}
