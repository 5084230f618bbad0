// iCalendar (RFC 5545) for events: one event's .ics file and a campaign's feed of events. The
// format is small and every generator library on npm needs a newer Node, so it is written here.
//
// Times are written in UTC ("DTSTART:20261207T190000Z"), not as DTSTART;TZID=America/New_York
// with a VTIMEZONE. An event here happens once: a UTC instant is exact, needs no time zone
// definition, and every calendar (Google, Outlook, Apple, Thunderbird) reads it the same way and
// shows it in the attendee's own zone, which is what people joining a national call from every
// zone need. A TZID needs a VTIMEZONE that says the zone's rules (RFC 5545 3.6.5); Intl cannot
// give those rules, only offsets, and Outlook reads the VTIMEZONE rather than the name, so a
// hand-derived one is a way to be an hour wrong. TZID only matters for a recurring event, whose
// later instances must follow daylight saving time; none is recurring. The event's zone is still
// checked and is what its page and description show (zoned-time.ts formatEventTime).
import { isTimeZone } from "../zoned-time.js";

export interface CalendarEvent {
  /** Stable: e.g. `event-<id>@<host>`; never changes for an event. */
  uid: string;
  /** Bumped by the caller on every update the attendee should see. */
  sequence: number;
  status: "CONFIRMED" | "CANCELLED";
  /** Instants. */
  start: Date;
  end: Date;
  /** IANA zone of the event; the file carries UTC instants (see above). */
  timeZone: string;
  summary: string;
  /** Plain text. A join link or dial-in goes here only if the caller puts it in. */
  description: string;
  /** The event's page. */
  url: string;
  location?: string;
  lastModified: Date;
  created: Date;
}

export interface CalendarOptions {
  /** The calendar's name (X-WR-CALNAME and NAME), e.g. the campaign's title. */
  name: string;
  /** PUBLISH for a file or feed; CANCEL for a file that withdraws cancelled events. */
  method?: "PUBLISH" | "CANCEL";
  /** When the file is made (DTSTAMP with a method); the clock's time if absent. */
  now?: Date;
}

const PRODID = "-//Cities for Action//Campaigns//EN";
const LINE_OCTETS = 75;

/** Octets of one code point in UTF-8. */
function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  return codePoint < 0x10000 ? 3 : 4;
}

/**
 * One content line folded to lines of at most 75 octets (RFC 5545 3.1), each continuation
 * starting with a space that counts in its 75. Folds fall between code points, never inside a
 * UTF-8 multi-byte character (nor between the halves of a surrogate pair).
 */
export function foldLine(line: string): string {
  const lines: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0) ?? 0);
    if (octets + size > LINE_OCTETS) {
      lines.push(current);
      current = " ";
      octets = 1;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return lines.join("\r\n");
}

/**
 * A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, any line break as
 * "\n". Other control characters are not allowed in TEXT and are dropped (a tab stays).
 */
export function escapeText(value: string): string {
  return (
    value
      .replace(/\r\n?/g, "\n")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
      .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, "")
      .replace(/[\\;,]/g, (c) => `\\${c}`)
      .replace(/\n/g, "\\n")
  );
}

/** A DATE-TIME in UTC: 20261207T190000Z (seconds kept, milliseconds dropped). */
function utc(date: Date, what: string): string {
  if (Number.isNaN(date.getTime())) throw new RangeError(`${what}: invalid date`);
  return date
    .toISOString()
    .replace(/\.\d{3}/, "")
    .replace(/[-:]/g, "");
}

/** A URI value is written as is (no TEXT escaping): it must be absolute and on one line. */
function uri(value: string): string {
  let href: string;
  try {
    href = new URL(value).href;
  } catch {
    throw new RangeError(`URL: not an absolute URL: ${JSON.stringify(value)}`);
  }
  return href;
}

function checkEvent(event: CalendarEvent, method: CalendarOptions["method"]): void {
  const where = `Event ${JSON.stringify(event.uid)}`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a UID is one line of text.
  if (event.uid === "" || /[\x00-\x1f\x7f]/.test(event.uid)) {
    throw new RangeError(`${where}: the UID must be one non-empty line`);
  }
  if (!Number.isSafeInteger(event.sequence) || event.sequence < 0) {
    throw new RangeError(`${where}: SEQUENCE must be a whole number, 0 or more`);
  }
  if (!isTimeZone(event.timeZone)) {
    throw new RangeError(`${where}: not an IANA time zone: ${JSON.stringify(event.timeZone)}`);
  }
  // RFC 5545 3.6.1: DTEND must be later than DTSTART.
  if (!(event.end.getTime() > event.start.getTime())) {
    throw new RangeError(`${where}: the end must come after the start`);
  }
  // An iTIP CANCEL (RFC 5546 3.2.5) withdraws events: one still on would contradict it.
  if (method === "CANCEL" && event.status !== "CANCELLED") {
    throw new RangeError(`${where}: a CANCEL file holds cancelled events only`);
  }
}

/** The VEVENT lines of one event, unfolded. */
function eventLines(event: CalendarEvent, stamp: Date): string[] {
  const lines = [
    "BEGIN:VEVENT",
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${utc(stamp, "DTSTAMP")}`,
    `SEQUENCE:${event.sequence}`,
    `STATUS:${event.status}`,
    `DTSTART:${utc(event.start, "DTSTART")}`,
    `DTEND:${utc(event.end, "DTEND")}`,
    `SUMMARY:${escapeText(event.summary)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    `URL:${uri(event.url)}`,
  ];
  if (event.location !== undefined && event.location !== "") {
    lines.push(`LOCATION:${escapeText(event.location)}`);
  }
  lines.push(
    `CREATED:${utc(event.created, "CREATED")}`,
    `LAST-MODIFIED:${utc(event.lastModified, "LAST-MODIFIED")}`,
    "END:VEVENT",
  );
  return lines;
}

/**
 * An iCalendar file holding `events`: one event's .ics, or a feed (a campaign's events) that
 * calendars subscribe to. CRLF line endings, lines folded at 75 octets. DTSTAMP is the time the
 * file is made when it has a METHOD (RFC 5545 3.8.7.2), else each event's LAST-MODIFIED, so an
 * unchanged feed is the same bytes. A feed may have no events: a campaign's feed exists before
 * its first event. Throws a RangeError for an event the file could not say truthfully.
 */
export function calendarFile(events: CalendarEvent[], opts: CalendarOptions): string {
  for (const event of events) checkEvent(event, opts.method);
  const now = opts.now ?? new Date();
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:${PRODID}`, "CALSCALE:GREGORIAN"];
  if (opts.method) lines.push(`METHOD:${opts.method}`);
  // X-WR-CALNAME is what Google, Apple and Outlook show; NAME is RFC 7986's standard for it.
  lines.push(`X-WR-CALNAME:${escapeText(opts.name)}`, `NAME:${escapeText(opts.name)}`);
  for (const event of events) {
    lines.push(...eventLines(event, opts.method ? now : event.lastModified));
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}
