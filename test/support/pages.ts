/**
 * Every page the site serves, without locale prefix: the list the page, HTML and browser tests
 * walk. A test in src/content/content.test.ts fails when it differs from what the app registers.
 */
export const PAGES = [
  "/",
  "/accessibility",
  "/members",
  "/campaigns",
  "/resources",
  "/issues/immigration-reform",
  "/news",
  "/exchange",
  "/join",
  "/principles",
  "/search",
] as const;
