import type { Locale, Translate } from "../i18n/index.js";

/** What every page view needs to know about the request; built by http/render.ts. */
export interface PageContext {
  readonly locale: Locale;
  readonly t: Translate;
  /** The page's path without locale prefix or query, e.g. "/members". */
  readonly path: string;
  /** Absolute base URL of the site, no trailing slash. */
  readonly publicUrl: string;
  readonly siteName: string;
  /** A language we have that the visitor's browser prefers over this page's, if any. */
  readonly offer: Locale | undefined;
}
