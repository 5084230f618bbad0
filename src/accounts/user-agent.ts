// A session's browser and device, named for people ("Firefox on Windows") rather than shown as
// the raw User-Agent header. A few patterns for the browsers and systems people use, not a full
// parser (docs/decisions/0019): what is not recognized is left unnamed, and the page says so.

/** Brand names, the same in every language; checked in order (Edge and Opera say "Chrome" too). */
const BROWSERS: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, "Edge"],
  [/\b(OPR|Opera|OPT)\//, "Opera"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\b(Firefox|FxiOS)\//, "Firefox"],
  [/\b(Chrome|CriOS|Chromium)\//, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\//, "Safari"],
];

/** iPad before Mac (iPadOS says "Macintosh" only without "iPad"); Android before Linux. */
const SYSTEMS: [RegExp, string][] = [
  [/\biPhone\b/, "iPhone"],
  [/\biPad\b/, "iPad"],
  [/\bAndroid\b/, "Android"],
  [/\bWindows\b/, "Windows"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bMacintosh\b|\bMac OS X\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];

export interface Device {
  browser: string | null;
  system: string | null;
}

function first(table: [RegExp, string][], ua: string): string | null {
  return table.find(([pattern]) => pattern.test(ua))?.[1] ?? null;
}

/** The browser and operating system a User-Agent header names, each null when not recognized. */
export function deviceOf(userAgent: string | null): Device {
  const ua = userAgent ?? "";
  return { browser: first(BROWSERS, ua), system: first(SYSTEMS, ua) };
}
