import type { Locale } from "./locales.js";

// An Intl formatter is slow to create and to use the first time: keep one per locale.
const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatNumber(locale: Locale, value: number): string {
  let format = numberFormats.get(locale.tag);
  if (!format) {
    format = new Intl.NumberFormat(locale.intl);
    numberFormats.set(locale.tag, format);
  }
  return format.format(value);
}
