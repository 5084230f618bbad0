// The writer is checked by reading its output back with an independent parser, Mozilla's ical.js,
// and by looking at the raw octets for what a parser forgives (line lengths, CRLF, folds).
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import ICAL from "ical.js";
import { type CalendarEvent, calendarFile, escapeText, foldLine } from "./event.ics.js";

const at = (iso: string) => new Date(iso);

/** A national tele-town hall, 2026-12-07, 2 to 3 PM in New York. */
function townHall(overrides: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    uid: "event-42@cities.example",
    sequence: 0,
    status: "CONFIRMED",
    start: at("2026-12-07T19:00:00Z"),
    end: at("2026-12-07T20:00:00Z"),
    timeZone: "America/New_York",
    summary: "National tele-town hall",
    description: "Mayors on TPS.",
    url: "https://cities.example/campaigns/tps/events/42",
    created: at("2026-11-20T15:04:05Z"),
    lastModified: at("2026-11-25T09:00:00Z"),
    ...overrides,
  };
}

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevents = calendar.getAllSubcomponents("vevent");
  return { calendar, vevents, events: vevents.map((v) => new ICAL.Event(v)) };
}

const octets = (line: string) => Buffer.byteLength(line, "utf8");
const physicalLines = (text: string) => text.split("\r\n").slice(0, -1);
const unfold = (text: string) => text.replace(/\r\n /g, "");

describe("calendarFile: one event", () => {
  let text: string;
  before(() => {
    text = calendarFile([townHall({ location: "By telephone" })], {
      name: "TPS campaign",
      method: "PUBLISH",
      now: at("2026-12-01T12:00:00Z"),
    });
  });

  it("is read back by ical.js with its UID, SEQUENCE, STATUS and instants", () => {
    const { calendar, vevents, events } = parse(text);
    assert.equal(events.length, 1);
    const [event] = events;
    const [vevent] = vevents;
    assert.ok(event && vevent);
    assert.equal(event.uid, "event-42@cities.example");
    assert.equal(event.sequence, 0);
    assert.equal(vevent.getFirstPropertyValue("status"), "CONFIRMED");
    assert.equal(event.startDate.toJSDate().getTime(), Date.parse("2026-12-07T19:00:00Z"));
    assert.equal(event.endDate.toJSDate().getTime(), Date.parse("2026-12-07T20:00:00Z"));
    assert.equal(event.summary, "National tele-town hall");
    assert.equal(event.description, "Mayors on TPS.");
    assert.equal(event.location, "By telephone");
    assert.equal(
      vevent.getFirstPropertyValue("url"),
      "https://cities.example/campaigns/tps/events/42",
    );
    const stamp = (name: string) => String(vevent.getFirstPropertyValue(name));
    assert.equal(stamp("dtstamp"), "2026-12-01T12:00:00Z");
    assert.equal(stamp("created"), "2026-11-20T15:04:05Z");
    assert.equal(stamp("last-modified"), "2026-11-25T09:00:00Z");
    assert.equal(calendar.getFirstPropertyValue("version"), "2.0");
    assert.equal(calendar.getFirstPropertyValue("prodid"), "-//Cities for Action//Campaigns//EN");
    assert.equal(calendar.getFirstPropertyValue("method"), "PUBLISH");
    assert.equal(calendar.getFirstPropertyValue("x-wr-calname"), "TPS campaign");
  });

  it("writes the instants in UTC, without a TZID to resolve", () => {
    assert.match(text, /\r\nDTSTART:20261207T190000Z\r\n/);
    assert.match(text, /\r\nDTEND:20261207T200000Z\r\n/);
    assert.doesNotMatch(text, /TZID|VTIMEZONE/);
  });

  it("ends every line with CRLF, and has no other line break", () => {
    assert.ok(text.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert.ok(text.endsWith("END:VEVENT\r\nEND:VCALENDAR\r\n"));
    assert.doesNotMatch(text.replace(/\r\n/g, ""), /[\r\n]/);
  });

  it("holds only the properties the caller gave (no link or dial-in of its own)", () => {
    const [vevent] = parse(text).vevents;
    const names = vevent
      ?.getAllProperties()
      .map((p) => p.name)
      .sort();
    assert.deepEqual(names, [
      ...["created", "description", "dtend", "dtstamp", "dtstart", "last-modified", "location"],
      ...["sequence", "status", "summary", "uid", "url"],
    ]);
    const withoutLocation = calendarFile([townHall()], { name: "TPS campaign" });
    assert.doesNotMatch(withoutLocation, /LOCATION/);
  });
});

describe("calendarFile: text", () => {
  const summary = 'Town hall; "TPS", DED\\ and you\nSecond line\r\nThird\rFourth';
  const chinese =
    "全国电话市政厅：临时保护身份（TPS）与暂缓强制离境（DED）持有人的未来，市长们与联邦官员对话。" +
    "请提前报名，我们会在活动前一天发送拨入号码和会议链接。🇺🇸👩🏽‍💼";
  let text: string;
  before(() => {
    text = calendarFile([townHall({ summary, description: chinese, location: "Zoom, Room 1" })], {
      name: "移民权益, 2026; 城市\\联盟",
    });
  });

  it("escapes backslash, semicolon, comma and line breaks", () => {
    assert.equal(escapeText("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
    assert.equal(escapeText("a\r\nb\rc"), "a\\nb\\nc");
    assert.ok(unfold(text).includes("\r\nLOCATION:Zoom\\, Room 1\r\n"));
    assert.ok(unfold(text).includes("\r\nX-WR-CALNAME:移民权益\\, 2026\\; 城市\\\\联盟\r\n"));
  });

  it("drops control characters that TEXT may not hold, and keeps a tab", () => {
    assert.equal(escapeText("a\u0000b\u0007c\u001bd\u007fe\tf"), "abcde\tf");
  });

  it("round-trips the summary with ;,\\ and line breaks, and Chinese with emoji", () => {
    const [event] = parse(text).events;
    assert.equal(event?.summary, 'Town hall; "TPS", DED\\ and you\nSecond line\nThird\nFourth');
    assert.equal(event?.description, chinese);
    assert.equal(event?.location, "Zoom, Room 1");
  });

  it("folds lines at 75 octets and never splits a character", () => {
    const lines = physicalLines(text);
    assert.ok(
      lines.some((line) => line.startsWith(" ")),
      "the Chinese description is folded",
    );
    const strict = new TextDecoder("utf-8", { fatal: true });
    for (const line of lines) {
      assert.ok(octets(line) <= 75, `${octets(line)} octets: ${line}`);
      // Each physical line alone is whole UTF-8: no character was cut in two.
      assert.equal(strict.decode(Buffer.from(line, "utf8")), line);
      assert.doesNotMatch(line, /[\uD800-\uDBFF]$|^ ?[\uDC00-\uDFFF]/, "a split surrogate pair");
    }
    assert.ok(unfold(text).includes(`\r\nDESCRIPTION:${chinese}\r\n`));
  });
});

describe("foldLine", () => {
  it("leaves a line of 75 octets alone and folds the 76th onto a line starting with a space", () => {
    const line75 = `SUMMARY:${"x".repeat(67)}`;
    assert.equal(foldLine(line75), line75);
    assert.equal(foldLine(`${line75}y`), `${line75}\r\n y`);
  });

  it("counts the continuation's space in its 75 octets", () => {
    const folded = foldLine("x".repeat(75 + 74 + 10)).split("\r\n");
    assert.deepEqual(
      folded.map((l) => l.length),
      [75, 75, 11],
    );
  });

  it("moves a three-octet character that would cross octet 75 to the next line", () => {
    // 73 ASCII octets, then 中 (3 octets) would make 76: it starts the next line.
    const folded = foldLine(`${"x".repeat(73)}中文`).split("\r\n");
    assert.deepEqual(folded, ["x".repeat(73), " 中文"]);
    const fourOctets = foldLine(`${"x".repeat(72)}😀`).split("\r\n");
    assert.deepEqual(fourOctets, ["x".repeat(72), " 😀"]);
  });
});

describe("calendarFile: a cancelled event", () => {
  it("says STATUS:CANCELLED with the bumped sequence and the same UID", () => {
    const cancelled = townHall({ status: "CANCELLED", sequence: 3 });
    const text = calendarFile([cancelled], { name: "TPS campaign", method: "CANCEL" });
    const { calendar, vevents, events } = parse(text);
    assert.equal(calendar.getFirstPropertyValue("method"), "CANCEL");
    assert.equal(vevents[0]?.getFirstPropertyValue("status"), "CANCELLED");
    assert.equal(events[0]?.sequence, 3);
    assert.equal(events[0]?.uid, "event-42@cities.example");
  });

  it("refuses a CANCEL file holding an event that is still on", () => {
    assert.throws(
      () => calendarFile([townHall()], { name: "TPS campaign", method: "CANCEL" }),
      /cancelled events only/,
    );
  });

  it("keeps a cancelled event in a feed, marked cancelled", () => {
    const text = calendarFile([townHall({ status: "CANCELLED", sequence: 1 })], { name: "Feed" });
    assert.equal(parse(text).vevents[0]?.getFirstPropertyValue("status"), "CANCELLED");
  });
});

describe("calendarFile: a feed", () => {
  const events = [
    townHall(),
    townHall({
      uid: "event-43@cities.example",
      sequence: 2,
      summary: "Phoenix briefing",
      start: at("2026-07-04T18:00:00Z"),
      end: at("2026-07-04T19:30:00Z"),
      timeZone: "America/Phoenix",
      lastModified: at("2026-06-01T10:00:00Z"),
    }),
    townHall({
      uid: "event-44@cities.example",
      status: "CANCELLED",
      sequence: 5,
      summary: "檀香山通话",
      start: at("2026-11-01T05:30:00Z"),
      end: at("2026-11-01T06:30:00Z"),
      timeZone: "Pacific/Honolulu",
    }),
  ];

  it("holds every event with its own UID, sequence, status and instants", () => {
    const parsed = parse(calendarFile(events, { name: "TPS campaign" }));
    assert.deepEqual(
      parsed.events.map((e) => [
        e.uid,
        e.sequence,
        e.summary,
        e.startDate.toJSDate().toISOString(),
      ]),
      [
        ["event-42@cities.example", 0, "National tele-town hall", "2026-12-07T19:00:00.000Z"],
        ["event-43@cities.example", 2, "Phoenix briefing", "2026-07-04T18:00:00.000Z"],
        ["event-44@cities.example", 5, "檀香山通话", "2026-11-01T05:30:00.000Z"],
      ],
    );
    assert.deepEqual(
      parsed.vevents.map((v) => v.getFirstPropertyValue("status")),
      ["CONFIRMED", "CONFIRMED", "CANCELLED"],
    );
    assert.equal(parsed.events[1]?.endDate.toJSDate().toISOString(), "2026-07-04T19:30:00.000Z");
    assert.equal(parsed.calendar.getFirstPropertyValue("x-wr-calname"), "TPS campaign");
    assert.equal(parsed.calendar.getFirstPropertyValue("method"), null);
  });

  it("stamps each event with its last change, so an unchanged feed is the same bytes", () => {
    const text = calendarFile(events, { name: "TPS campaign" });
    assert.equal(calendarFile(events, { name: "TPS campaign" }), text);
    const stamps = parse(text).vevents.map((v) => String(v.getFirstPropertyValue("dtstamp")));
    assert.deepEqual(stamps, [
      "2026-11-25T09:00:00Z",
      "2026-06-01T10:00:00Z",
      "2026-11-25T09:00:00Z",
    ]);
  });

  it("may be empty: a campaign's feed exists before its first event", () => {
    const parsed = parse(calendarFile([], { name: "TPS campaign" }));
    assert.equal(parsed.events.length, 0);
    assert.equal(parsed.calendar.getFirstPropertyValue("x-wr-calname"), "TPS campaign");
  });
});

describe("calendarFile: refusals", () => {
  const refuse = (overrides: Partial<CalendarEvent>, reason: RegExp) =>
    assert.throws(() => calendarFile([townHall(overrides)], { name: "x" }), reason);

  it("refuses what a calendar would misread", () => {
    refuse({ timeZone: "UTC+3" }, /IANA time zone/);
    refuse({ timeZone: "EST" }, /IANA time zone/);
    refuse({ end: at("2026-12-07T19:00:00Z") }, /end must come after the start/);
    refuse({ end: at("2026-12-07T18:00:00Z") }, /end must come after the start/);
    refuse({ sequence: -1 }, /SEQUENCE/);
    refuse({ sequence: 1.5 }, /SEQUENCE/);
    refuse({ uid: "" }, /UID/);
    refuse({ uid: "event-1@x\r\nSTATUS:CANCELLED" }, /UID/);
    refuse({ url: "/campaigns/tps" }, /absolute URL/);
    refuse({ start: new Date(Number.NaN) }, /invalid date|after the start/);
    refuse({ created: new Date(Number.NaN) }, /CREATED: invalid date/);
  });

  it("writes a URL with a line break in it as one line, encoded", () => {
    const text = calendarFile([townHall({ url: "https://cities.example/a b\nc" })], { name: "x" });
    assert.ok(unfold(text).includes("\r\nURL:https://cities.example/a%20bc\r\n"));
  });
});
