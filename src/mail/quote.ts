// Text someone typed into a form (a contact's name, an inviter's name) reaches mail the coalition
// sends, sometimes to an address nobody proved. Put as typed, "Ann. URGENT: confirm your account
// at https://evil.example" would read as the coalition's own words and link. Quoted, on one line,
// with what a mail reader would turn into a link defused, it reads as what someone wrote.

/**
 * `text` for a mail body, as someone's words: in quotes, every run of white space (line breaks
 * included) one space, and `://` and dots inside names written `[:]//` and `[.]`, so no mail
 * reader makes a link of it ("https[:]//evil[.]example").
 */
export function quoted(text: string): string {
  const oneLine = text.replace(/[\s\p{Cc}\u2028\u2029]+/gu, " ").trim();
  const defused = oneLine
    .replace(/:\/\//g, "[:]//")
    .replace(/(?<=[\p{L}\p{N}])\.(?=[\p{L}\p{N}])/gu, "[.]");
  return `“${defused}”`;
}
