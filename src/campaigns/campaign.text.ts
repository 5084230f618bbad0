// Which language's text a reader sees. A translation staff marked ready is shown in its language;
// one missing or still a draft falls back to English, and the page says so (the view marks the
// fallback's language and shows a notice).
export interface Translated {
  locale: string;
}

export interface Chosen<T> {
  text: T;
  /** True when the text is not in the language asked for. */
  fallback: boolean;
}

/** The text in `locale` when it is ready (or has no status), else English, else any. */
export function chooseText<T extends Translated & { status?: string }>(
  texts: readonly T[],
  locale: string,
): Chosen<T> | undefined {
  const usable = (t: T) => t.status === undefined || t.status === "ready";
  const own = texts.find((t) => t.locale === locale && usable(t));
  if (own) return { text: own, fallback: false };
  const english = texts.find((t) => t.locale === "en") ?? texts[0];
  return english ? { text: english, fallback: english.locale !== locale } : undefined;
}
