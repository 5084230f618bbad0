// Slugs: the readable part of a member's address (/members/san-jose-ca).

/** `<name>-<state>` in lowercase ASCII words joined by hyphens, e.g. "San José" → "san-jose-ca". */
export function deriveSlug(name: string, state: string): string {
  const words = (text: string) =>
    text
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/&/g, " and ")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "");
  const st = words(state);
  let base = words(name).slice(0, 80).replace(/-+$/, "");
  // "Washington, DC" in DC is washington-dc, not washington-dc-dc.
  if (st && (base === st || base.endsWith(`-${st}`))) base = base.slice(0, -st.length - 1);
  return [base, st].filter(Boolean).join("-") || "jurisdiction";
}

/**
 * The slug of a new jurisdiction: `deriveSlug(name, state)`, or the first of `<slug>-2`,
 * `<slug>-3`, ... not in `taken`. The one way slugs are made unique, for an accepted application
 * and a roster import alike (`slugsStartingWith` reads what is taken).
 */
export function uniqueSlug(name: string, state: string, taken: ReadonlySet<string>): string {
  const base = deriveSlug(name, state);
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}
