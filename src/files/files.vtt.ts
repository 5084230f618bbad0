// WebVTT captions checked by W3C's own validator (webvtt-parser, the parser behind the W3C
// WebVTT validator: no dependencies, no install script, CC0; docs/decisions/0025), so an editor
// learns which line is wrong and why before a reader's player silently drops the cue.

import webvtt from "webvtt-parser";

/** What is wrong with a caption file, each with its own message (files.json `captions.*`). */
export type CaptionProblem =
  | "signature"
  | "header"
  | "blank_missing"
  | "identifier_alone"
  | "timestamp_in_block"
  | "style_after_cue"
  | "timestamp"
  | "end_before_start"
  | "out_of_order"
  | "setting"
  | "markup"
  | "escape"
  | "other";

export interface CaptionFault {
  problem: CaptionProblem;
  /** 1-based, as an editor counts lines. */
  line: number;
  /** The validator's own words (English), for logs. */
  detail: string;
}

const PROBLEMS: [RegExp, CaptionProblem][] = [
  [/^No valid signature/, "signature"],
  [/^No blank line after the signature/, "header"],
  [/^Blank line missing before cue/, "blank_missing"],
  [/^Cue identifier/, "identifier_alone"],
  [/^Cannot have timestamp in a (comment|style block)/, "timestamp_in_block"],
  [/^Style blocks cannot appear after/, "style_after_cue"],
  [/^End timestamp is not greater than start/, "end_before_start"],
  [/^Start timestamp is not greater than or equal to start timestamp of previous/, "out_of_order"],
  [/^Incorrect escape/, "escape"],
  [/(^Timestamp must be (between|greater))|tag|annotation|<v>|chapter title/, "markup"],
  [
    /^(Duplicate setting|No value for setting|Writing direction|Line position|Line alignment|Text position|Position alignment|Size|Alignment|Invalid setting)/,
    "setting",
  ],
  [
    /timestamp|Timestamp|digits|separator|minutes|seconds|Milliseconds|trailing characters/,
    "timestamp",
  ],
];

/** The first fault of these captions, or null when they are valid WebVTT. */
export function checkCaptions(text: string): CaptionFault | null {
  const lines = text.split(/\r\n|\r|\n/);
  const { errors } = new webvtt.WebVTTParser().parse(text, "subtitles");
  const faults = errors
    .map((error): CaptionFault => {
      const problem = PROBLEMS.find(([pattern]) => pattern.test(error.message))?.[1] ?? "other";
      const line =
        problem === "markup" || problem === "escape" ? cueTextLine(lines, error) : error.line;
      return { problem, line, detail: error.message };
    })
    // Header lines after the signature ("Kind: captions", "Language: en", as some tools write)
    // are ignored by every player; only a cue in the header is a real fault.
    .filter((f) => f.problem !== "header" || (lines[f.line - 1] ?? "").includes("-->"));
  faults.sort((a, b) => a.line - b.line);
  return faults[0] ?? null;
}

/**
 * The validator reports a cue text's fault at the line after the cue, with the column in the
 * cue's whole text: the line at fault is counted from the cue's timing line.
 */
function cueTextLine(lines: string[], error: { line: number; col?: number }): number {
  let timing = error.line - 2;
  while (timing >= 0 && !(lines[timing] ?? "").includes("-->")) timing -= 1;
  if (timing < 0) return error.line;
  const cueText = lines.slice(timing + 1, error.line - 1).join("\n");
  const before = cueText.slice(0, Math.max(0, (error.col ?? 1) - 1));
  return timing + 2 + (before.match(/\n/g)?.length ?? 0);
}
