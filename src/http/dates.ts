// The one check of a date typed or imported as text (a roster's join date, an audit filter).

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A real day of the calendar written YYYY-MM-DD, from 0001-01-01 to 9999-12-31: "2024-02-29"
 * is one, "2023-02-29", "2015-02-30", "2015-1-31" and "0000-01-01" (no year 0) are not. No
 * narrower range is assumed here: a date outside what a field allows is that field's rule.
 */
export function isRealDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1) return false;
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  date.setUTCFullYear(y, mo - 1, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
