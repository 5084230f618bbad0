import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatEventTime, instantToZoned, isTimeZone, zonedToInstant } from "./zoned-time.js";

const NEW_YORK = "America/New_York";
const iso = (local: string, zone: string) => zonedToInstant(local, zone).toISOString();
// ICU separates times with thin and narrow no-break spaces; compare words, not space kinds.
const spaces = (text: string) => text.replace(/\s+/gu, " ");
const at = (isoString: string) => new Date(isoString);

describe("isTimeZone", () => {
  it("takes IANA names, links and UTC", () => {
    for (const name of [
      "America/Phoenix",
      "America/New_York",
      "Pacific/Honolulu",
      "America/Argentina/Buenos_Aires",
      "America/Port-au-Prince",
      "Asia/Kolkata",
      "US/Eastern",
      "Etc/GMT+3",
      "UTC",
    ]) {
      assert.equal(isTimeZone(name), true, name);
    }
  });

  it("refuses offsets, abbreviations, wrong capitals, blanks and garbage", () => {
    for (const name of [
      "UTC+3",
      "+03:00",
      "GMT-5",
      "EST",
      "PST",
      "",
      " ",
      "garbage",
      "America/Nowhere",
      "america/phoenix",
      "AMERICA/PHOENIX",
      " America/Phoenix",
      "America/Phoenix ",
      "../etc/passwd",
    ]) {
      assert.equal(isTimeZone(name), false, JSON.stringify(name));
    }
  });
});

describe("zonedToInstant", () => {
  it("reads wall-clock time in the zone's standard and daylight time", () => {
    assert.equal(iso("2026-12-07T14:00", NEW_YORK), "2026-12-07T19:00:00.000Z");
    assert.equal(iso("2026-07-04T14:00", NEW_YORK), "2026-07-04T18:00:00.000Z");
    assert.equal(iso("2026-12-07T11:00", "America/Los_Angeles"), "2026-12-07T19:00:00.000Z");
    assert.equal(iso("2026-01-01T00:00", "UTC"), "2026-01-01T00:00:00.000Z");
  });

  it("moves a time in the spring gap forward by the gap (New York, 2026-03-08)", () => {
    // Clocks jump from 01:59 EST to 03:00 EDT: 02:00 to 02:59 never happen.
    assert.equal(iso("2026-03-08T01:59", NEW_YORK), "2026-03-08T06:59:00.000Z");
    assert.equal(iso("2026-03-08T02:00", NEW_YORK), "2026-03-08T07:00:00.000Z");
    assert.equal(iso("2026-03-08T02:30", NEW_YORK), "2026-03-08T07:30:00.000Z");
    assert.equal(
      instantToZoned(zonedToInstant("2026-03-08T02:30", NEW_YORK), NEW_YORK),
      "2026-03-08T03:30",
    );
    assert.equal(iso("2026-03-08T03:00", NEW_YORK), "2026-03-08T07:00:00.000Z");
  });

  it("takes the earlier of a time that happens twice (New York, 2026-11-01)", () => {
    // 01:00 to 01:59 happen in EDT (UTC-4), then again in EST (UTC-5).
    assert.equal(iso("2026-11-01T00:59", NEW_YORK), "2026-11-01T04:59:00.000Z");
    assert.equal(iso("2026-11-01T01:00", NEW_YORK), "2026-11-01T05:00:00.000Z");
    assert.equal(iso("2026-11-01T01:30", NEW_YORK), "2026-11-01T05:30:00.000Z");
    assert.equal(iso("2026-11-01T02:00", NEW_YORK), "2026-11-01T07:00:00.000Z");
  });

  it("keeps Phoenix at UTC-7 all year, even on New York's change days", () => {
    for (const day of ["2026-01-15", "2026-03-08", "2026-07-04", "2026-11-01"]) {
      assert.equal(iso(`${day}T02:30`, "America/Phoenix"), `${day}T09:30:00.000Z`);
    }
  });

  it("keeps Honolulu at UTC-10 all year", () => {
    assert.equal(iso("2026-03-08T02:30", "Pacific/Honolulu"), "2026-03-08T12:30:00.000Z");
    assert.equal(iso("2026-07-04T23:30", "Pacific/Honolulu"), "2026-07-05T09:30:00.000Z");
  });

  it("round-trips every quarter hour around both changes, except in the gap", () => {
    for (const day of ["2026-03-08", "2026-11-01"]) {
      for (let minutes = -120; minutes < 26 * 60; minutes += 15) {
        const local = new Date(Date.parse(`${day}T00:00Z`) + minutes * 60_000)
          .toISOString()
          .slice(0, 16);
        const back = instantToZoned(zonedToInstant(local, NEW_YORK), NEW_YORK);
        const inGap = local >= "2026-03-08T02:00" && local < "2026-03-08T03:00";
        assert.equal(back === local, !inGap, local);
      }
    }
  });

  it("maps every instant back to itself, except the second pass through the overlap", () => {
    const from = Date.parse("2026-11-01T03:00Z");
    for (let ms = from; ms < from + 6 * 3_600_000; ms += 15 * 60_000) {
      const back = zonedToInstant(instantToZoned(new Date(ms), NEW_YORK), NEW_YORK).getTime();
      const secondPass =
        ms >= Date.parse("2026-11-01T06:00Z") && ms < Date.parse("2026-11-01T07:00Z");
      assert.equal(back, secondPass ? ms - 3_600_000 : ms, new Date(ms).toISOString());
    }
  });

  it("refuses malformed or impossible times and unknown zones", () => {
    for (const local of [
      "",
      "2026-12-07",
      "2026-12-07 14:00",
      "2026-12-07T14:00:00",
      "2026-12-07T14:00Z",
      "2026-02-30T10:00",
      "2026-13-01T10:00",
      "2026-12-07T24:00",
      "2026-12-07T14:60",
      "0000-01-01T00:00",
    ]) {
      assert.throws(() => zonedToInstant(local, NEW_YORK), RangeError, local);
    }
    assert.throws(() => zonedToInstant("2026-12-07T14:00", "UTC+3"), RangeError);
    assert.throws(() => zonedToInstant("2026-12-07T14:00", ""), RangeError);
  });
});

describe("instantToZoned", () => {
  it("shows the zone's wall clock, seconds dropped", () => {
    assert.equal(instantToZoned(at("2026-12-07T19:00:59.999Z"), NEW_YORK), "2026-12-07T14:00");
    assert.equal(instantToZoned(at("2026-07-04T18:00:00Z"), NEW_YORK), "2026-07-04T14:00");
    assert.equal(instantToZoned(at("2026-07-04T18:00:00Z"), "America/Phoenix"), "2026-07-04T11:00");
    assert.equal(
      instantToZoned(at("2026-12-08T04:30:00Z"), "Pacific/Honolulu"),
      "2026-12-07T18:30",
    );
    assert.equal(instantToZoned(at("2026-12-08T04:30:00Z"), "UTC"), "2026-12-08T04:30");
  });

  it("shows both passes through the fall overlap as the same wall time", () => {
    assert.equal(instantToZoned(at("2026-11-01T05:30:00Z"), NEW_YORK), "2026-11-01T01:30");
    assert.equal(instantToZoned(at("2026-11-01T06:30:00Z"), NEW_YORK), "2026-11-01T01:30");
  });

  it("writes midnight as 00:00", () => {
    assert.equal(instantToZoned(at("2026-12-08T05:00:00Z"), NEW_YORK), "2026-12-08T00:00");
  });

  it("refuses an invalid date or zone", () => {
    assert.throws(() => instantToZoned(new Date(Number.NaN), NEW_YORK), RangeError);
    assert.throws(() => instantToZoned(new Date(), "EST"), RangeError);
  });
});

describe("formatEventTime", () => {
  // A tele-town hall, Monday 2026-12-07, 2 to 3 PM in New York.
  const start = at("2026-12-07T19:00:00Z");
  const end = at("2026-12-07T20:00:00Z");
  const show = (...args: Parameters<typeof formatEventTime>) => spaces(formatEventTime(...args));

  it("shows the range once, with the zone's long name, in English", () => {
    for (const locale of ["en", "en-US"]) {
      assert.equal(
        show(start, end, NEW_YORK, locale),
        "Monday, December 7, 2026, 2:00 – 3:00 PM Eastern Standard Time",
      );
    }
  });

  it("names the zone in Spanish and Chinese words, not as an offset", () => {
    assert.equal(
      show(start, end, NEW_YORK, "es"),
      "lunes, 7 de diciembre de 2026, 14:00–15:00 hora estándar oriental",
    );
    assert.equal(
      show(start, end, NEW_YORK, "es-US"),
      "lunes, 7 de diciembre de 2026, 2:00–3:00 p.m. hora estándar oriental",
    );
    for (const locale of ["zh-Hans", "zh-Hans-CN"]) {
      assert.equal(
        show(start, end, NEW_YORK, locale),
        "2026年12月7日星期一 北美东部标准时间 14:00–15:00",
      );
    }
  });

  it("names daylight time in summer and on the day clocks go forward", () => {
    const summer = show(at("2026-07-04T18:00:00Z"), at("2026-07-04T19:00:00Z"), NEW_YORK, "en");
    assert.equal(summer, "Saturday, July 4, 2026, 2:00 – 3:00 PM Eastern Daylight Time");
    // 2026-03-08, 10 to 11 AM: after the change at 2 AM.
    const changeDay = show(at("2026-03-08T14:00:00Z"), at("2026-03-08T15:00:00Z"), NEW_YORK, "es");
    assert.equal(changeDay, "domingo, 8 de marzo de 2026, 10:00–11:00 hora de verano oriental");
  });

  it("writes a range across the fall change as two times, each with its zone name", () => {
    // 01:30 EDT to 01:30 EST: an hour apart, the same wall time; one range would say 1:30 once.
    const s = at("2026-11-01T05:30:00Z");
    const e = at("2026-11-01T06:30:00Z");
    assert.equal(
      show(s, e, NEW_YORK, "en"),
      "Sunday, November 1, 2026 at 1:30 AM Eastern Daylight Time – " +
        "Sunday, November 1, 2026 at 1:30 AM Eastern Standard Time",
    );
    const zh = show(s, e, NEW_YORK, "zh-Hans");
    assert.match(zh, /北美东部夏令时间 01:30 – .*北美东部标准时间 01:30$/);
  });

  it("names Phoenix's and Honolulu's standard time all year, in each language", () => {
    const july = [at("2026-07-04T18:00:00Z"), at("2026-07-04T19:00:00Z")] as const;
    const cases: [string, string, string][] = [
      ["America/Phoenix", "en", "Mountain Standard Time"],
      ["America/Phoenix", "es", "hora estándar de las Montañas Rocosas"],
      ["America/Phoenix", "zh-Hans", "北美山区标准时间"],
      ["Pacific/Honolulu", "en", "Hawaii-Aleutian Standard Time"],
      ["Pacific/Honolulu", "es", "hora estándar de Hawái-Aleutianas"],
      ["Pacific/Honolulu", "zh-Hans", "夏威夷-阿留申标准时间"],
    ];
    for (const [zone, locale, name] of cases) {
      const text = show(...july, zone, locale);
      assert.ok(text.includes(name), `${zone} ${locale}: ${text}`);
      assert.doesNotMatch(text, /GMT|UTC/);
    }
    assert.equal(
      show(...july, "Pacific/Honolulu", "en"),
      "Saturday, July 4, 2026, 8:00 – 9:00 AM Hawaii-Aleutian Standard Time",
    );
  });

  it("shows a multi-day event with both dates", () => {
    const text = show(start, at("2026-12-08T20:00:00Z"), NEW_YORK, "en");
    assert.equal(
      text,
      "Monday, December 7, 2026 at 2:00 PM Eastern Standard Time – " +
        "Tuesday, December 8, 2026 at 3:00 PM Eastern Standard Time",
    );
  });

  it("adds the reader's own time when their clocks differ", () => {
    assert.equal(
      show(start, end, NEW_YORK, "en", "America/Los_Angeles"),
      "Monday, December 7, 2026, 2:00 – 3:00 PM Eastern Standard Time " +
        "(11:00 AM – 12:00 PM Pacific Standard Time)",
    );
    assert.equal(
      show(start, end, NEW_YORK, "zh-Hans", "Pacific/Honolulu"),
      "2026年12月7日星期一 北美东部标准时间 14:00–15:00（夏威夷-阿留申标准时间 09:00–10:00）",
    );
  });

  it("adds the reader's full date when it is another day for them", () => {
    const evening = [at("2026-12-08T03:00:00Z"), at("2026-12-08T04:00:00Z")] as const;
    assert.equal(
      show(...evening, NEW_YORK, "es", "Asia/Shanghai"),
      "lunes, 7 de diciembre de 2026, 22:00–23:00 hora estándar oriental " +
        "(martes, 8 de diciembre de 2026, 11:00–12:00 hora estándar de China)",
    );
  });

  it("adds nothing when the reader's clocks show the same time", () => {
    const plain = show(start, end, NEW_YORK, "en");
    assert.equal(show(start, end, NEW_YORK, "en", NEW_YORK), plain);
    assert.equal(show(start, end, NEW_YORK, "en", "America/Detroit"), plain);
    // In July, Phoenix (MST) and Los Angeles (PDT) are both UTC-7.
    const july = [at("2026-07-04T18:00:00Z"), at("2026-07-04T19:00:00Z")] as const;
    assert.equal(
      show(...july, "America/Phoenix", "en", "America/Los_Angeles"),
      show(...july, "America/Phoenix", "en"),
    );
  });

  it("refuses an end before the start and unknown zones", () => {
    assert.throws(() => formatEventTime(end, start, NEW_YORK, "en"), RangeError);
    assert.throws(() => formatEventTime(start, end, "EST", "en"), RangeError);
    assert.throws(() => formatEventTime(start, end, NEW_YORK, "en", "UTC+3"), RangeError);
  });
});
