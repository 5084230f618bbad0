// The one place that turns wall-clock time in an IANA time zone into an instant and back, and
// shows an event's time to a reader. Node 20 has no Temporal, so everything goes through Intl,
// whose time zone data (ICU's copy of the IANA database) is the only source of offsets here.

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
// An IANA name in Area/Location form (America/Argentina/Buenos_Aires, Etc/GMT+3), spelled as
// IANA spells it: every part starts with a capital.
const AREA_LOCATION = /^[A-Z][A-Za-z_-]*(\/[A-Z][A-Za-z0-9_+-]*)+$/;

// An Intl formatter is slow to create: keep one per zone, locale and options. A reader's zone
// may come from their browser, and links take any capitals ("US/EASTERN"): the cache is bounded.
const formats = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATS = 500;

function formatter(
  locale: string,
  zone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = JSON.stringify([locale, zone, options]);
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
    if (formats.size >= MAX_FORMATS) formats.clear();
    formats.set(key, format);
  }
  return format;
}

// hourCycle h23: with hour12 false some ICU versions write midnight as "24".
const WALL_CLOCK: Intl.DateTimeFormatOptions = {
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
};

/** The zone's wall clock at `ms`, as if it were UTC: year, month, ..., second in milliseconds. */
function wallClockMs(ms: number, zone: string): number {
  const field: Record<string, number> = {};
  for (const part of formatter("en-US", zone, WALL_CLOCK).formatToParts(ms)) {
    if (part.type !== "literal") field[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = field;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** The zone's offset from UTC at instant `ms`, in milliseconds (New York in winter: -5 h). */
function offsetAt(ms: number, zone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallClockMs(whole, zone) - whole;
}

/**
 * Whether `name` is an IANA time zone this Node knows, spelled as IANA spells it: "UTC" or an
 * Area/Location name ("America/Phoenix", also links such as "US/Eastern"). Refused: offsets
 * ("UTC+3", "+03:00"), abbreviations that Intl would take but that mislead ("EST" is Panama's
 * clock, without daylight saving time), wrong capitals, "" and anything else Intl refuses.
 */
export function isTimeZone(name: string): boolean {
  if (name !== "UTC" && !AREA_LOCATION.test(name)) return false;
  let canonical: string;
  try {
    canonical = new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return false;
  }
  // Intl takes any capitals ("AMERICA/PHOENIX"); a name that is not a link must match exactly.
  return canonical.toLowerCase() !== name.toLowerCase() || canonical === name;
}

function checkZone(zone: string): void {
  if (!isTimeZone(zone)) throw new RangeError(`Not an IANA time zone: ${JSON.stringify(zone)}`);
}

/**
 * The instant at which the clocks of `zone` show `local` ("2026-12-07T14:00", as an
 * `<input type="datetime-local">` sends it).
 *
 * Daylight saving time makes some wall times happen never or twice; the rule is Temporal's
 * "compatible" one (and RFC 5545's for a DTSTART;TZID in a gap):
 * - a time in a gap (New York, 2026-03-08 02:30, when clocks jump from 02:00 to 03:00) is read
 *   with the offset in force before the gap, so it moves forward by the gap: 03:30 EDT;
 * - a time that happens twice (New York, 2026-11-01 01:30, once in EDT then again in EST)
 *   takes the earlier instant: 01:30 EDT.
 * Throws a RangeError for a malformed or impossible `local` or an unknown zone.
 */
export function zonedToInstant(local: string, zone: string): Date {
  checkZone(zone);
  const match = LOCAL.exec(local);
  const [year, month, day, hour, minute] = (match?.slice(1) ?? []).map(Number);
  if (year === undefined || month === undefined || day === undefined) {
    throw new RangeError(`Not a local date and time (YYYY-MM-DDTHH:mm): ${JSON.stringify(local)}`);
  }
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // Date.UTC rolls 2026-02-30 over to March; a real date survives the round trip.
  if (new Date(asUtc).toISOString().slice(0, 16) !== local || year < 1) {
    throw new RangeError(`No such date and time: ${JSON.stringify(local)}`);
  }
  // The offsets a day either side bound the offsets in force around `local` (zones change
  // offset at most once in two days), as Temporal's GetPossibleInstantsFor does.
  const before = offsetAt(asUtc - DAY, zone);
  const after = offsetAt(asUtc + DAY, zone);
  const candidates = [...new Set([asUtc - before, asUtc - after])]
    .filter((ms) => wallClockMs(ms, zone) === asUtc)
    .sort((a, b) => a - b);
  const earliest = candidates[0];
  // Twice (two candidates): the earlier. Never (none): the offset before the gap.
  return new Date(earliest ?? asUtc - before);
}

/** The wall-clock time ("YYYY-MM-DDTHH:mm") that `date` shows in `zone`, seconds dropped. */
export function instantToZoned(date: Date, zone: string): string {
  checkZone(zone);
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError("Invalid date");
  const wall = new Date(wallClockMs(ms, zone)).toISOString();
  if (!/^\d{4}-/.test(wall)) throw new RangeError(`Year out of range: ${wall}`);
  return wall.slice(0, 16);
}

// What formatEventTime shows: a full date and the time, with the zone's name.
const FULL: Intl.DateTimeFormatOptions = {
  weekday: "long",
  year: "numeric",
  month: "long",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
};
// The reader's own time, when it falls on the event's dates: the time alone.
const TIME: Intl.DateTimeFormatOptions = { hour: "numeric", minute: "2-digit" };
// ... and when it does not, the full date too (without the year, ICU's Chinese range pattern
// for a month and day is "12/8", where the full one is "2026年12月8日").

/** The zone's long name at `date` in the reader's language: "Eastern Standard Time". */
function zoneName(date: Date, zone: string, locale: string): string {
  const parts = formatter(locale, zone, { timeZoneName: "long" }).formatToParts(date);
  return parts.find((p) => p.type === "timeZoneName")?.value ?? zone;
}

/** What the locale puts between the two ends of a range (" – " in English, "–" in Spanish). */
function rangeSeparator(locale: string): string {
  const day = new Date(Date.UTC(2026, 0, 5, 12));
  const parts = formatter(locale, "UTC", FULL).formatRangeToParts(day, new Date(+day + 3 * DAY));
  const lastStart = parts.findLastIndex((p) => p.source === "startRange");
  const firstEnd = parts.findIndex((p) => p.source === "endRange");
  const between = parts.slice(lastStart + 1, firstEnd).map((p) => p.value);
  return between.join("") || " – ";
}

/**
 * `start`–`end` in `zone` with the zone's long name in `locale`'s words. ICU's range patterns
 * only know short names (and in Spanish and Chinese those are "GMT-5"), so the range is formatted
 * with short names and each is replaced by the long one of its end of the range. ICU compares
 * wall-clock fields, not instants: a range across a change of offset (01:30 EDT – 01:30 EST) would
 * collapse into one time, so such a range is written as two full dates.
 */
function zonedRange(
  start: Date,
  end: Date,
  zone: string,
  locale: string,
  options: Intl.DateTimeFormatOptions,
): string {
  const startName = zoneName(start, zone, locale);
  const endName = zoneName(end, zone, locale);
  if (offsetAt(+start, zone) !== offsetAt(+end, zone) || startName !== endName) {
    const full = formatter(locale, zone, { ...options, timeZoneName: "long" });
    return `${full.format(start)}${rangeSeparator(locale)}${full.format(end)}`;
  }
  const short = formatter(locale, zone, { ...options, timeZoneName: "short" });
  return short
    .formatRangeToParts(start, end)
    .map((p) => (p.type === "timeZoneName" ? startName : p.value))
    .join("");
}

function sameDates(start: Date, end: Date, zone: string, other: string): boolean {
  const day = (d: Date, z: string) => instantToZoned(d, z).slice(0, 10);
  return day(start, zone) === day(start, other) && day(end, zone) === day(end, other);
}

/**
 * An event's time as its page shows it: in the event's zone, with the zone's name in the reader's
 * language, e.g. "Monday, December 7, 2026, 2:00 – 3:00 PM Eastern Standard Time", "lunes, 7 de
 * diciembre de 2026, 14:00–15:00 hora estándar oriental", "2026年12月7日星期一 北美东部标准时间
 * 14:00–15:00". With `readerZone` whose clocks differ from the event's, the reader's own time
 * follows in parentheses: "... Eastern Standard Time (11:00 AM – 12:00 PM Pacific Standard
 * Time)", with the full date when it differs from the event's.
 */
export function formatEventTime(
  start: Date,
  end: Date,
  zone: string,
  locale: string,
  readerZone?: string,
): string {
  checkZone(zone);
  if (Number.isNaN(+start) || Number.isNaN(+end)) throw new RangeError("Invalid date");
  if (+end < +start) throw new RangeError("The event ends before it starts");
  const event = zonedRange(start, end, zone, locale, FULL);
  if (readerZone === undefined) return event;
  checkZone(readerZone);
  const wall = (d: Date, z: string) => instantToZoned(d, z);
  if (wall(start, zone) === wall(start, readerZone) && wall(end, zone) === wall(end, readerZone)) {
    return event;
  }
  const options = sameDates(start, end, zone, readerZone) ? TIME : FULL;
  const reader = zonedRange(start, end, readerZone, locale, options);
  // Chinese (and Japanese) text takes full-width parentheses, without a space before them.
  const language = new Intl.Locale(locale).language;
  return language === "zh" || language === "ja" ? `${event}（${reader}）` : `${event} (${reader})`;
}
