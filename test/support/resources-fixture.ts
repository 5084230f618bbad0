// One library for the resource pages' suites: an item of each kind with its parts, items the
// public must never see (draft, unpublished, scheduled), and enough of one kind to page.
import type { Jurisdiction } from "../../src/db/index.js";
import { buildMember, type Target } from "./builders.js";
import { buildIssue, buildResource, type Issue, type Resource } from "./resources.js";

/** Words only the hidden items carry: no page, feed or answer may contain them. */
export const HIDDEN_WORDS = ["Zanzibar draft", "Quokka unpublished", "Narwhal scheduled"];

export interface Library {
  newYork: Jurisdiction;
  losAngeles: Jurisdiction;
  toolkit: Resource;
  report: Resource;
  caseStudy: Resource;
  video: Resource;
  story: Resource;
  social: Resource;
  oped: Resource;
  statement: Resource;
  hidden: Resource[];
  issue: Issue;
  hiddenIssue: Issue;
  /** How many fact sheets (one kind, one year: enough for two pages). */
  factSheets: number;
}

export async function buildLibrary(target: Target): Promise<Library> {
  const newYork = await buildMember(target, { name: "New York City", state: "NY" });
  const losAngeles = await buildMember(target, { name: "Los Angeles", state: "CA" });
  const toolkit = await buildResource(target, {
    type: "toolkit",
    slug: "reform-toolkit",
    dated_on: "2021-03-04",
    partner: "New American Economy",
    topics: ["immigration_reform"],
    versions: {
      en: { title: "Advancing Immigration Reform", summary: "A messaging and advocacy toolkit." },
      es: { title: "Impulsar la reforma migratoria", summary: "Una guía de mensajes." },
      "zh-Hans": { title: "推动移民改革", summary: "宣传与倡导工具包。" },
    },
    sections: [
      { locale: "en", title: "Social media messages and graphics", first: 22, last: 24 },
      { locale: "es", title: "Mensajes y gráficos para redes sociales", first: 22, last: 24 },
      { locale: "en", title: "Talking points", first: 5, last: 5 },
    ],
  });
  const report = await buildResource(target, {
    type: "report",
    slug: "frontlines-report",
    dated_on: "2019-06-01",
    topics: ["family_separation"],
    members: [newYork.id, losAngeles.id],
    versions: {
      en: {
        title: "On the Frontlines of the Family Separation Crisis",
        summary: "How cities responded.",
        body: "## Findings\n\nCities acted.",
      },
    },
  });
  const caseStudy = await buildResource(target, {
    type: "case_study",
    slug: "new-york-case-study",
    dated_on: "2019-06-02",
    parent_id: report.id,
    members: [newYork.id],
    topics: ["family_separation"],
    versions: { en: { title: "New York City case study", summary: "What New York did." } },
  });
  const video = await buildResource(target, {
    type: "video",
    slug: "karens-story",
    dated_on: "2021-02-01",
    topics: ["daca_youth"],
    video_url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    versions: {
      en: { title: "Karen's story", summary: "A DACA recipient.", body: "I came here at four." },
      es: { title: "La historia de Karen", body: "Llegué aquí a los cuatro años." },
    },
  });
  const story = await buildResource(target, {
    type: "video",
    slug: "joses-story",
    dated_on: "2021-02-02",
    topics: ["tps"],
    versions: { en: { title: "Jose's story", summary: "A TPS holder.", body: "Transcript." } },
  });
  const social = await buildResource(target, {
    type: "social_set",
    slug: "reform-messages",
    dated_on: "2021-03-05",
    topics: ["immigration_reform"],
    versions: {
      en: { title: "Messages for immigration reform" },
      "zh-Hans": { title: "移民改革信息" },
    },
    messages: [
      { locale: "en", platform: "x", body: "Immigrants keep our cities running. #ReformNow" },
      { locale: "en", platform: "bluesky", body: "Immigrants are essential workers." },
      { locale: "zh-Hans", platform: "x", body: "移民让我们的城市正常运转。" },
    ],
  });
  const oped = await buildResource(target, {
    type: "op_ed",
    slug: "mayors-op-ed",
    dated_on: "2021-05-01",
    topics: ["immigration_reform"],
    members: [losAngeles.id],
    versions: {
      en: { title: "Immigrants kept us going", summary: "Mayors on essential workers." },
      es: { title: "Los inmigrantes nos sostuvieron", summary: "Alcaldes sobre trabajadores." },
    },
  });
  const statement = await buildResource(target, {
    type: "statement",
    slug: "tps-statement",
    dated_on: "2020-01-10",
    topics: ["tps"],
    versions: { en: { title: "Statement on TPS", summary: "The coalition's statement." } },
  });
  const future = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const hidden = [
    await buildResource(target, {
      type: "op_ed",
      status: "draft",
      published_at: null,
      members: [newYork.id],
      versions: { en: { title: `${HIDDEN_WORDS[0]} op-ed`, summary: "x" } },
    }),
    await buildResource(target, {
      type: "news",
      status: "unpublished",
      members: [newYork.id],
      topics: ["tps"],
      versions: { en: { title: `${HIDDEN_WORDS[1]} news`, summary: "x" } },
    }),
    await buildResource(target, {
      type: "statement",
      publish_at: future,
      members: [newYork.id],
      topics: ["tps"],
      versions: { en: { title: `${HIDDEN_WORDS[2]} statement`, summary: "x" } },
    }),
  ];
  const factSheets = 21;
  for (let i = 1; i <= factSheets; i += 1) {
    await buildResource(target, {
      type: "fact_sheet",
      dated_on: `2015-01-${String(i).padStart(2, "0")}`,
      topics: ["language_access"],
      versions: { en: { title: `Fact sheet ${String(i).padStart(2, "0")}` } },
    });
  }
  const issue = await buildIssue(target, {
    slug: "immigration-reform",
    versions: {
      en: { title: "Immigration Reform", intro: "Welcome to the Immigration Reform page." },
      es: { title: "Reforma migratoria", intro: "Bienvenidos." },
    },
    // The editor's order: op-ed first, yet it is shown under "In the news", after the videos.
    items: [oped.id, story.id, video.id, hidden[0]?.id ?? "", toolkit.id, social.id],
  });
  const hiddenIssue = await buildIssue(target, {
    slug: "hidden-issue",
    status: "unpublished",
    items: [toolkit.id],
  });
  return {
    newYork,
    losAngeles,
    toolkit,
    report,
    caseStudy,
    video,
    story,
    social,
    oped,
    statement,
    hidden,
    issue,
    hiddenIssue,
    factSheets,
  };
}

/** The text of a page without its markup (for "says X" checks). */
export function pageText(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ");
}
