import type { MessageKey } from "../i18n/index.js";

/**
 * A language's name in the page's language ("Inglés" on a Spanish page), from the admin catalog:
 * the selector's names are each in their own language, which a page must not mix unmarked.
 */
export const languageName = (tag: string): MessageKey =>
  tag === "es"
    ? "admin.content.language.es"
    : tag === "zh-Hans"
      ? "admin.content.language.zh-Hans"
      : "admin.content.language.en";
