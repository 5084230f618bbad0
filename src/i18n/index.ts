export { formatNumber } from "./format.js";
export {
  DEFAULT_LOCALE,
  findLocale,
  LOCALES,
  type Locale,
  localeOfPath,
  localizedPath,
  preferredLocale,
  stripLocale,
} from "./locales.js";
export {
  loadAllCatalogs,
  type MessageKey,
  type MessageValues,
  readCatalog,
  type Translate,
  translator,
} from "./messages.js";
