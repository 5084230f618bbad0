import { SAMPLE_LIBRARY_PAGES } from "./resources.js";

/**
 * Every page the site serves, without locale prefix: the list the page, HTML and browser tests
 * walk. A test in src/content/content.test.ts fails when it differs from what the app registers.
 */
export const PAGES = [
  "/",
  "/accessibility",
  "/members",
  "/campaigns",
  "/rules",
  "/resources",
  "/news",
  "/exchange",
  "/join",
  "/principles",
  "/search",
  "/about/figures",
  "/join/submitted",
  "/account/sign-in",
  "/account/sign-in/link",
  "/account/reset",
] as const;

/**
 * Pages with a parameter or a query, by an example each from the demo data (and the resource
 * library's sample items from buildSampleLibrary too, which the suites walking these call after
 * the demo seed: they cover what the demo lacks, such as a scheduled item): walked like PAGES.
 */
export const SAMPLE_PAGES = [
  ...SAMPLE_LIBRARY_PAGES,
  "/members/new-york-ny",
  "/members/montgomery-county-md",
  "/members?state=CA&sort=population",
  "/join?q=dodge&state=KS",
  "/join?geoid=2018250",
  "/rules/2018-21106",
  "/rules/DEMO-2026-001",
  "/issues/immigration-reform",
  "/search?q=immigration%20reform",
  "/search?q=%E7%A7%BB%E6%B0%91&type=resource",
  "/resources/karen-daca-recipient-story",
  "/resources/advancing-immigration-reform-toolkit",
  "/resources/immigration-reform-social-messages",
  "/resources/family-separation-case-study-new-york-city",
] as const;
