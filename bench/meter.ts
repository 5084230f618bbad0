// The uniqueness meter at its target size (issue 12): 200 members' drafts of 5,000 characters
// on one comment action, in SQLite, and one more member editing theirs. Each timed call is what
// an autosave does: the edited draft is saved with a new version (so the index reads it again)
// and `meterFor` measures the new text; every tenth call another member saves too. Measured in
// this process, after the index is filled once (timed apart: the first request after a start).
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { Kysely } from "kysely";
import { meterFor } from "../src/campaigns/comment/meter/meter.service.js";
import {
  fillTemplate,
  type MergeValues,
} from "../src/campaigns/comment/template/template.fields.js";
import { type DB, migrateToLatest, openDatabase } from "../src/db/index.js";
import { quantile } from "./members-page.js";

export const METER_DRAFTS = 200;
export const METER_CHARS = 5000;
export const METER_TARGET_P95_MS = 50;
const RUNS = Number(process.env.BENCH_METER_RUNS ?? 200);
const WARMUPS = 10;

// A deterministic generator, so every run measures the same texts.
let seed = 12;
function random(): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

const WORDS = (
  "families residents clinic county city school program health housing nutrition children " +
  "mothers workers benefits rule agency federal local budget emergency care services library " +
  "enrollment visits fear confusion outreach staff nurses doctors rent food pantry winter " +
  "summer data survey office immigrant citizens neighbors community council mayor hospital " +
  "district parents teachers students employers wages taxes revenue costs shelter transit " +
  "language interpreters forms applications medicaid vaccines prenatal infants seniors " +
  "reported counted declined increased doubled fell rose asked feared withdrew returned " +
  "applied canceled avoided trusted served reached helped lost gained waited measured"
).split(" ");
const GLUE = "the of and to in for that our with as on by from at this their".split(" ");

function sentence(): string {
  const n = 12 + Math.floor(random() * 14);
  const words = Array.from({ length: n }, (_, i) => (i % 3 === 1 ? pick(GLUE) : pick(WORDS)));
  const text = words.join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
const paragraph = (sentences: number) => Array.from({ length: sentences }, sentence).join(" ");

/** The template: ~2,000 characters, with the member's name and figures as merge fields. */
const TEMPLATE = [
  "On behalf of {{member.name}}, {{member.state}}, we submit these comments on {{rule.title}}, docket {{rule.docket}}.",
  paragraph(4),
  "Our {{member.population}} residents include {{member.foreign_born}} born abroad, {{member.foreign_born_share}} of the city ({{member.figures_source}}).",
  paragraph(5),
  paragraph(4),
  "Respectfully, {{member.executive}}, {{member.executive_title}}.",
].join("\n\n");

/** Paragraphs circulated among members, each reused by several drafts. */
const POOL = Array.from({ length: 12 }, () => paragraph(3));

function valuesFor(n: number): MergeValues {
  return {
    "member.name": `Member City ${n}`,
    "member.state": "California",
    "member.population": 50000 + n * 731,
    "member.foreign_born": 9000 + n * 97,
    "member.foreign_born_share": `${(10 + (n % 30)).toFixed(1)}%`,
    "member.figures_source": "ACS 5-year 2019-2023",
    "member.executive": `Executive ${n}`,
    "member.executive_title": "Mayor",
    "rule.title": "Inadmissibility on Public Charge Grounds",
    "rule.docket": "USCIS-2010-0012",
  };
}

function draftFor(n: number): string {
  const filled = fillTemplate(TEMPLATE, valuesFor(n), "en");
  const parts = [filled, pick(POOL), pick(POOL)];
  while (parts.join("\n\n").length < METER_CHARS) parts.push(paragraph(3));
  return parts.join("\n\n").slice(0, METER_CHARS);
}

async function prepare(db: Kysely<DB>) {
  const now = new Date().toISOString();
  const campaign = randomUUID();
  const action = randomUUID();
  await db
    .insertInto("campaigns")
    .values({
      id: campaign,
      slug: "bench-meter",
      status: "published",
      starts_on: now.slice(0, 10),
      ends_on: now.slice(0, 10),
      time_zone: "America/New_York",
      topics: "public charge",
      goal_members: 200,
      visibility: "public",
      created_by: null,
      created_at: now,
      updated_at: now,
      published_at: now,
      closed_at: null,
      results_published_at: null,
    })
    .execute();
  await db
    .insertInto("campaign_actions")
    .values({
      id: action,
      campaign_id: campaign,
      kind: "comment",
      position: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const drafts: { id: string; jurisdiction: string }[] = [];
  for (let n = 0; n <= METER_DRAFTS; n++) {
    const jurisdiction = randomUUID();
    const geoid = String(9900000 + n);
    await db
      .insertInto("jurisdictions")
      .values({
        id: jurisdiction,
        slug: `bench-${geoid}`,
        name: `Member City ${n}`,
        kind: "city",
        state: "CA",
        geoid,
        executive_name: null,
        executive_title: "Mayor",
        website: null,
        status: "member",
        joined_on: null,
        is_demo: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const id = randomUUID();
    await db
      .insertInto("comment_drafts")
      .values({
        id,
        action_id: action,
        jurisdiction_id: jurisdiction,
        locale: "en",
        body: draftFor(n),
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    drafts.push({ id, jurisdiction });
  }
  return { action, drafts };
}

export interface MeterResult {
  drafts: number;
  chars: number;
  coldMs: number;
  runs: number;
  p50: number;
  p95: number;
  max: number;
  ownShare: number;
  passages: number;
}

/** Fills a fresh SQLite database in `dir` and times the meter; throws if a result is wrong. */
export async function measureMeter(dir: string): Promise<MeterResult> {
  const database = openDatabase({ kind: "sqlite", path: join(dir, "meter.sqlite") });
  try {
    const db = database.db;
    await migrateToLatest(db);
    const { action, drafts } = await prepare(db);
    const [editing, ...others] = drafts as [(typeof drafts)[number], ...typeof drafts];
    const template = fillTemplate(TEMPLATE, valuesFor(0), "en");
    let body = draftFor(0);
    let version = 1;
    const otherVersions = new Map(others.map((d) => [d.id, 1]));
    let last = { ownShare: 0, passages: 0 };

    const call = async (i: number) => {
      // The member types: a word changes somewhere in an own paragraph, then autosave.
      const at = body.length - 1 - ((i * 997) % 2000);
      body = `${body.slice(0, at)}${pick(WORDS)} ${body.slice(at + 1)}`.slice(0, METER_CHARS);
      version++;
      await db
        .updateTable("comment_drafts")
        .set({ body, version })
        .where("id", "=", editing.id)
        .execute();
      if (i % 10 === 0) {
        const other = pick(others);
        const v = (otherVersions.get(other.id) ?? 1) + 1;
        otherVersions.set(other.id, v);
        await db
          .updateTable("comment_drafts")
          .set({ body: `${draftFor(v)} ${sentence()}`.slice(0, METER_CHARS), version: v })
          .where("id", "=", other.id)
          .execute();
      }
      const started = performance.now();
      const meter = await meterFor(db, {
        actionId: action,
        draftId: editing.id,
        body,
        locale: "en",
        template,
      });
      const ms = performance.now() - started;
      last = { ownShare: meter.ownShare, passages: meter.passages.length };
      if (meter.words < 500 || meter.passages.length === 0)
        throw new Error(
          `the meter measured ${meter.words} words, ${meter.passages.length} passages`,
        );
      return ms;
    };

    const coldMs = await call(0);
    for (let i = 1; i <= WARMUPS; i++) await call(i);
    const timings: number[] = [];
    for (let i = 0; i < RUNS; i++) timings.push(await call(WARMUPS + 1 + i));
    return {
      drafts: others.length,
      chars: METER_CHARS,
      coldMs,
      runs: RUNS,
      p50: quantile(timings, 0.5),
      p95: quantile(timings, 0.95),
      max: Math.max(...timings),
      ...last,
    };
  } finally {
    await database.close();
  }
}

/** Prints the result; false when p95 is over the target. */
export function reportMeter(m: MeterResult): boolean {
  const ms = (x: number) => Number(x.toFixed(1));
  console.log(
    `\nuniqueness meter: ${m.drafts} other drafts of ${m.chars} characters on SQLite, the edited draft saved ` +
      `and measured ${m.runs} times (own share ${(m.ownShare * 100).toFixed(0)}%, ${m.passages} shared passages)`,
  );
  console.table([
    { meterFor: "first call (index filled)", ms: ms(m.coldMs) },
    { meterFor: "p50", ms: ms(m.p50) },
    { meterFor: "p95", ms: ms(m.p95) },
    { meterFor: "max", ms: ms(m.max) },
  ]);
  const pass = m.p95 <= METER_TARGET_P95_MS;
  const line = `uniqueness meter p95 ${ms(m.p95)} ms, target <= ${METER_TARGET_P95_MS} ms`;
  if (pass) console.log(`PASS: ${line}`);
  else console.error(`FAIL: OVER TARGET: ${line}`);
  return pass;
}
