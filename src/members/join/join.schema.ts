// What /join reads: the search's query, the form's query (?geoid=) and the application's body.
import { type Static, Type } from "typebox";
import { Choice, Line, Text } from "../../http/validation.js";
import { MAIL_ADDRESS_PATTERN } from "../../mail/index.js";
import { KINDS } from "../directory/directory.service.js";
import { STATES } from "../states.js";

/** A Census place (7 digits) or county (5 digits). */
const GEOID = "^[0-9]{5}([0-9]{2})?$";

export const JoinQuery = Type.Object({
  /** Part of a name: two characters at least (or none). */
  q: Type.Optional(Line({ maxLength: 100, pattern: "^(|.{2,})$" })),
  state: Type.Optional(Choice(["", ...Object.keys(STATES)])),
  /** The geography whose application form to open. */
  geoid: Type.Optional(Type.String({ pattern: GEOID })),
});
export type JoinQuery = Static<typeof JoinQuery>;

export const ApplicationForm = Type.Object({
  geoid: Type.String({ pattern: GEOID }),
  /** The form's own key (a UUID): the same form sent twice makes one application. */
  submission_key: Type.String({ maxLength: 100 }),
  kind: Choice(KINDS),
  executive_name: Line({ minLength: 1, maxLength: 120 }),
  executive_title: Line({ minLength: 1, maxLength: 120 }),
  contact_name: Line({ minLength: 1, maxLength: 120 }),
  contact_title: Line({ maxLength: 120 }),
  // The mailer's own pattern: an address the form accepts can always be written to.
  contact_email: Type.String({ maxLength: 254, pattern: MAIL_ADDRESS_PATTERN }),
  // The length apart from the characters, so each is said only when it is the problem.
  contact_phone: Type.String({ maxLength: 40, pattern: "^[0-9 +().-]*$" }),
  message: Text({ maxLength: 2000 }),
  agree: Choice(["yes"]),
});
export type ApplicationForm = Static<typeof ApplicationForm>;
