// What makes a member's website address one people can follow, for the roster import and the
// profile form alike.

export type WebAddressProblem = "not_a_url" | "scheme" | "no_domain" | "credentials";

/** Why `text` is not an http(s) address with a domain name and no user name or password. */
export function webAddressProblem(text: string): WebAddressProblem | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "not_a_url";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "scheme";
  if (!url.hostname.includes(".")) return "no_domain";
  // https://city.gov@elsewhere.example leads elsewhere than it reads.
  if (url.username || url.password) return "credentials";
  return null;
}
