import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { notFound } from "../../http/errors.js";
import { checkFields, registerFormPost } from "../../http/forms.js";
import { registerPage } from "../../http/locale.js";
import { pageContext, sendPage } from "../../http/render.js";
import { localizedPath } from "../../i18n/index.js";
import { MAIL_ADDRESS_PATTERN } from "../../mail/index.js";
import {
  findGeography,
  type Geography,
  SEARCH_LIMIT,
  searchGeographies,
} from "../census/census.queries.js";
import { KINDS } from "../directory/directory.service.js";
import { STATES } from "../states.js";
import {
  applicationIdBySubmissionKey,
  createApplication,
  membershipState,
} from "./applications.queries.js";
import { type FormState, JoinPage, type SearchState, SubmittedPage } from "./join.view.js";

const GEOID = /^[0-9]{5}([0-9]{2})?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });

const SEARCH_FIELDS = {
  q: Type.String({ maxLength: 100, pattern: "^(|.{2,})$" }),
  state: Type.Union([Type.Literal(""), ...Object.keys(STATES).map((s) => Type.Literal(s))]),
};

const APPLICATION_FIELDS = {
  kind: Type.Union(KINDS.map((k) => Type.Literal(k))),
  executive_name: text(120, 1),
  executive_title: text(120, 1),
  contact_name: text(120, 1),
  contact_title: text(120),
  // The mailer's own pattern: an address the form accepts can always be written to.
  contact_email: Type.String({ maxLength: 254, pattern: MAIL_ADDRESS_PATTERN }),
  contact_phone: Type.String({ pattern: "^[0-9 +().-]{0,40}$" }),
  message: text(2000),
  agree: Type.Literal("yes"),
};

// Joining is a public form: a few tries per address and hour stop floods without hurting people.
const JOIN_RATE_LIMIT = { max: 10, timeWindow: "1 hour" };

export async function joinRoutes(app: FastifyInstance) {
  registerPage(app, "/join", async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    if (query.geoid !== undefined) {
      const geoid = typeof query.geoid === "string" ? query.geoid : "";
      const geography = GEOID.test(geoid) ? await findGeography(app.db, geoid) : undefined;
      if (!geography) throw notFound();
      return sendForm(request, reply, { geography, values: {}, errors: [] });
    }
    const { values, errors } = checkFields(SEARCH_FIELDS, query);
    const search: SearchState = { q: values.q, state: values.state, errors, more: false };
    if (values.q && errors.length === 0) {
      const results = await searchGeographies(app.db, values.q, values.state);
      search.results = results.slice(0, SEARCH_LIMIT);
      search.more = results.length > SEARCH_LIMIT;
    }
    return sendPage(
      reply,
      <JoinPage ctx={pageContext(request)} search={search} />,
      errors.length ? 400 : 200,
    );
  });

  registerPage(app, "/join/submitted", async (request, reply) =>
    sendPage(reply, <SubmittedPage ctx={pageContext(request)} />),
  );
  registerFormPost(
    app,
    "/join",
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const geoid = typeof body.geoid === "string" ? body.geoid : "";
      const geography = GEOID.test(geoid) ? await findGeography(app.db, geoid) : undefined;
      if (!geography) throw notFound();
      const submissionKey =
        typeof body.submission_key === "string" && UUID.test(body.submission_key)
          ? body.submission_key
          : randomUUID();
      const { values, errors } = checkFields(APPLICATION_FIELDS, body);
      if (errors.length) {
        return sendForm(request, reply, { geography, values, errors, submissionKey }, 422);
      }
      const t = request.t;
      const outcome = await app.db.transaction().execute(async (trx) => {
        const state = await membershipState(trx, geography.geoid);
        if (state !== "none") {
          // The same form sent twice: the first application is the answer, not an error.
          const again = await applicationIdBySubmissionKey(trx, submissionKey);
          return again ? ("created" as const) : state;
        }
        const { created } = await createApplication(trx, {
          geography,
          kind: values.kind as (typeof KINDS)[number],
          executiveName: values.executive_name,
          executiveTitle: values.executive_title,
          contactName: values.contact_name,
          contactTitle: values.contact_title,
          contactEmail: values.contact_email,
          contactPhone: values.contact_phone,
          message: values.message,
          locale: request.locale.tag,
          submissionKey,
        });
        if (created) {
          const site = app.config.siteName;
          await app.mailer.send(
            {
              to: values.contact_email,
              subject: t("join.mail.subject", { name: geography.name }),
              text: t("join.mail.body", {
                contact: values.contact_name,
                name: geography.name,
                site,
              }),
              locale: request.locale.tag,
            },
            trx,
          );
          if (app.config.contactEmail) {
            await app.mailer.send(
              {
                to: app.config.contactEmail,
                subject: t("join.mail.staff_subject", { name: geography.name }),
                text: t("join.mail.staff_body", {
                  name: geography.name,
                  state: geography.state,
                  geoid: geography.geoid,
                  executive: `${values.executive_title} ${values.executive_name}`,
                  contact: values.contact_name,
                  email: values.contact_email,
                }),
                locale: request.locale.tag,
              },
              trx,
            );
          }
        }
        return "created" as const;
      });
      if (outcome !== "created") {
        const problem = t(
          outcome === "member" ? "join.error.already_member" : "join.error.already_pending",
          {
            name: geography.name,
          },
        );
        return sendForm(
          request,
          reply,
          { geography, values, errors: [], problem, submissionKey },
          409,
        );
      }
      app.mailer.flush();
      return reply.redirect(localizedPath(request.locale, "/join/submitted"), 303);
    },
    { rateLimit: JOIN_RATE_LIMIT },
  );

  async function sendForm(
    request: FastifyRequest,
    reply: FastifyReply,
    state: Omit<FormState, "csrfToken" | "submissionKey"> & {
      submissionKey?: string;
      geography: Geography;
    },
    statusCode = 200,
  ) {
    let problem = state.problem;
    if (!problem && statusCode === 200) {
      const membership = await membershipState(app.db, state.geography.geoid);
      if (membership !== "none") {
        problem = request.t(
          membership === "member" ? "join.error.already_member" : "join.error.already_pending",
          {
            name: state.geography.name,
          },
        );
      }
    }
    const form: FormState = {
      ...state,
      problem,
      csrfToken: reply.generateCsrf(),
      submissionKey: state.submissionKey ?? randomUUID(),
    };
    reply.header("cache-control", "no-store");
    return sendPage(
      reply,
      <JoinPage
        ctx={pageContext(request)}
        search={{ q: "", state: "", errors: [], more: false }}
        form={form}
      />,
      statusCode,
    );
  }
}
