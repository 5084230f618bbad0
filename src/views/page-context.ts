import { randomUUID } from "node:crypto";
import type { Locale, Translate } from "../i18n/index.js";

/** What every page view needs to know about the request; built by http/render.ts. */
export interface PageContext {
  readonly locale: Locale;
  readonly t: Translate;
  /** The page's path without locale prefix or query, e.g. "/members". */
  readonly path: string;
  /** The page's query string with its "?" ("?state=CA"), or "": kept by every language link. */
  readonly query: string;
  /** Absolute base URL of the site, no trailing slash. */
  readonly publicUrl: string;
  readonly siteName: string;
  /**
   * A language we have that the visitor's browser prefers over this page's, if any, and only
   * until the visitor answers the offer (dismisses it or chooses a language).
   */
  readonly offer: Locale | undefined;
  /**
   * Who is signed in, for the header's account menu; undefined for anonymous visitors and on
   * every page rendered for the page cache, which is shared by everyone (http/page-cache.ts).
   */
  readonly viewer?: Viewer;
}

/** The signed-in person as the header shows them: no more than the menu needs. */
export interface Viewer {
  readonly name: string;
  /** The member jurisdiction they act for, if any. */
  readonly actingFor: string | null;
  /** Whether /admin opens for them (a coalition role). */
  readonly staff: boolean;
}

/**
 * Stands in a page rendered for a signed-in person for the CSRF token of the header's sign-out
 * form; http/render.ts `sendPage` puts this request's token in its place.
 */
export const SIGN_OUT_TOKEN_SLOT = `cfa-sign-out-token-${randomUUID()}`;

/**
 * Stands in a rendered page for the CSRF token of the offer's form: a page with the offer is
 * cached for every visitor who gets that offer, and each needs their own token, which
 * http/render.ts `sendPage` puts in its place. Random, so no text on a page can hold it.
 */
export const OFFER_TOKEN_SLOT = `cfa-offer-token-${randomUUID()}`;
