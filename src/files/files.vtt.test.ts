// Captions are validated with W3C's webvtt-parser; the fixtures are checked here with another,
// independent parser (media-captions, the one behind the Vidstack player), so a fixture called
// valid plays whole in a real player, and one called broken really loses what a player shows.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as mediaCaptions from "media-captions";
import { checkCaptions } from "./files.vtt.js";

const VALID = [
  "WEBVTT - Immigration reform stories, part 1",
  "Kind: captions",
  "Language: en",
  "",
  "NOTE Demo captions, written for the tests.",
  "",
  "STYLE",
  "::cue(v[voice=Maria]) { color: yellow }",
  "",
  "intro",
  "00:00:00.500 --> 00:00:04.000 align:center line:90%",
  "<v Maria>My family came to Tucson in 2009.</v>",
  "",
  "00:04.000 --> 00:07.250",
  "<i>Mi familia</i> llegó &amp; se quedó.",
  "Second line of the same cue.",
  "",
  "01:00:07.250 --> 01:00:09.000",
  "<lang zh-Hans>家庭应该团聚</lang>",
  "",
].join("\n");

/** Each broken file, the line at fault, and whether a real player loses a cue over it. */
const BROKEN: { name: string; lines: string[]; problem: string; line: number; lost: boolean }[] = [
  {
    name: "an end before its start",
    lines: [
      "WEBVTT",
      "",
      "00:00:01.000 --> 00:00:02.000",
      "One",
      "",
      "2",
      "00:00:09.000 --> 00:00:08.000",
      "Two",
      "",
    ],
    problem: "end_before_start",
    line: 7,
    lost: true,
  },
  {
    name: "61 seconds",
    lines: [
      "WEBVTT",
      "",
      "00:00:01.000 --> 00:00:02.000",
      "One",
      "",
      "00:00:61.000 --> 00:01:02.000",
      "Two",
      "",
    ],
    problem: "timestamp",
    line: 6,
    lost: true,
  },
  {
    name: "a comma for the decimal point (SubRip's way)",
    lines: ["WEBVTT", "", "00:00:01,000 --> 00:00:02,000", "One", ""],
    problem: "timestamp",
    line: 3,
    lost: true,
  },
  {
    name: "no signature",
    lines: ["1", "00:00:01.000 --> 00:00:02.000", "One", ""],
    problem: "signature",
    line: 1,
    lost: true,
  },
  {
    name: "cues out of order",
    lines: [
      "WEBVTT",
      "",
      "00:00:05.000 --> 00:00:06.000",
      "One",
      "",
      "00:00:01.000 --> 00:00:02.000",
      "Two",
      "",
    ],
    problem: "out_of_order",
    line: 6,
    lost: false,
  },
  {
    name: "an unknown tag on a cue's second line",
    lines: [
      "WEBVTT",
      "",
      "00:00:01.000 --> 00:00:02.000",
      "One",
      "",
      "00:00:03.000 --> 00:00:04.000",
      "first line",
      "a <blink>second</blink> line",
      "",
    ],
    problem: "markup",
    line: 8,
    lost: false,
  },
  {
    name: "a bare ampersand",
    lines: ["WEBVTT", "", "00:00:01.000 --> 00:00:02.000", "Tom & Jerry", ""],
    problem: "escape",
    line: 4,
    lost: false,
  },
  {
    name: "a setting value that does not exist",
    lines: ["WEBVTT", "", "00:00:01.000 --> 00:00:02.000 align:middle", "One", ""],
    problem: "setting",
    line: 3,
    lost: false,
  },
];

/**
 * media-captions' own type declarations import without file extensions, which this project's
 * NodeNext resolution cannot follow: the one function used is typed here.
 */
interface IndependentCue {
  id: string;
  startTime: number;
  endTime: number;
  text: string;
}
const parseText = (
  mediaCaptions as unknown as {
    parseText(text: string, options?: { strict?: boolean }): Promise<{ cues: IndependentCue[] }>;
  }
).parseText;

const blocks = (text: string) => text.split(/\n\n+/).filter((b) => b.includes("-->")).length;

describe("checkCaptions", () => {
  it("takes valid captions: header lines, NOTE, STYLE, settings, voices, hours, any language", async () => {
    assert.equal(checkCaptions(VALID), null);
    assert.equal(checkCaptions(VALID.replaceAll("\n", "\r\n")), null, "Windows line ends");
    const independent = await parseText(VALID);
    assert.deepEqual(
      independent.cues.map((c) => [c.id, c.startTime, c.endTime]),
      [
        ["intro", 0.5, 4],
        ["", 4, 7.25],
        ["", 3607.25, 3609],
      ],
    );
    assert.equal(
      independent.cues[1]?.text,
      "<i>Mi familia</i> llegó &amp; se quedó.\nSecond line of the same cue.",
    );
  });

  for (const broken of BROKEN) {
    it(`refuses ${broken.name}, at line ${broken.line}`, async () => {
      const text = broken.lines.join("\n");
      const fault = checkCaptions(text);
      assert.deepEqual(fault && { problem: fault.problem, line: fault.line }, {
        problem: broken.problem,
        line: broken.line,
      });
      if (broken.lost) {
        // Strict, as browsers drop a file without its signature whole (HTML's rules). It either
        // parses with a cue missing, or stops, naming the same line when it names one.
        const independent = await parseText(text, { strict: true }).then(
          (result) => ({ cues: result.cues.length, stopped: "" }),
          (error: Error) => ({ cues: 0, stopped: error.message }),
        );
        assert.ok(independent.cues < blocks(text), `a player shows ${independent.cues} cues`);
        const named = /on line (\d+)/.exec(independent.stopped)?.[1];
        if (named) assert.equal(Number(named), broken.line);
      }
    });
  }

  it("refuses a cue written into the header, at its line", () => {
    const fault = checkCaptions("WEBVTT\n00:00:01.000 --> 00:00:02.000\nOne\n");
    assert.deepEqual(fault && [fault.problem, fault.line], ["header", 2]);
  });
});
