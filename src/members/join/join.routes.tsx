import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { appError, notFound } from "../../http/errors.js";
import { registerFormPost } from "../../http/forms.js";
import { registerPage } from "../../http/locale.js";
import { pageContext, sendPage } from "../../http/render.js";
import { fieldErrors, fieldMessage } from "../../http/validation.js";
import { localizedPath } from "../../i18n/index.js";
import {
  findGeography,
  type Geography,
  SEARCH_LIMIT,
  searchGeographies,
} from "../census/census.queries.js";
import { geographyName } from "../names.js";
import { membershipState } from "./applications.queries.js";
import { ApplicationForm, JoinQuery } from "./join.schema.js";
import { submitApplication } from "./join.service.js";
import {
  APPLICATION_FIELDS,
  type FormState,
  JoinPage,
  type SearchState,
  SubmittedPage,
} from "./join.view.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SEARCH_FIELDS = ["q", "state"] as const;

// Joining is a public form: a few tries per address and hour stop floods without hurting people.
const JOIN_RATE_LIMIT = { max: 10, timeWindow: "1 hour" };

/** The form's own key when it is one (a UUID), else a new one. */
const keyOf = (submissionKey: string) => (UUID.test(submissionKey) ? submissionKey : randomUUID());

/** /join: search the Census geographies, apply for one, and the confirmation page. */
export async function joinRoutes(app: FastifyInstance) {
  registerPage(
    app,
    "/join",
    { schema: { querystring: JoinQuery }, attachValidation: true },
    async (request, reply) => {
      const refused = new Set(
        request.validationError
          ? fieldErrors(request.validationError.validation ?? [], undefined, "querystring").map(
              (e) => e.field,
            )
          : [],
      );
      const { query } = request;
      if (query.geoid !== undefined || refused.has("geoid")) {
        const geography = refused.has("geoid")
          ? undefined
          : await findGeography(app.db, query.geoid ?? "");
        if (!geography) throw notFound();
        return sendForm(request, reply, { geography, values: {}, errors: {} });
      }
      // Sent without a name (the form always sends q, "" or spaces): say what to do, rather
      // than show the page again as if nothing was asked.
      const blank = typeof query.q === "string" && query.q.trim() === "";
      const errors: SearchState["errors"] = SEARCH_FIELDS.map((f) =>
        f === "q" && blank ? "empty" : f,
      ).filter((f) => f === "empty" || refused.has(f));
      const search: SearchState = {
        q: refused.has("q") ? "" : (query.q ?? "").trim(),
        state: refused.has("state") ? "" : (query.state ?? ""),
        errors,
        more: false,
      };
      if (search.q && errors.length === 0) {
        const results = await searchGeographies(app.db, search.q, search.state);
        search.results = results.slice(0, SEARCH_LIMIT);
        search.more = results.length > SEARCH_LIMIT;
      }
      return sendPage(
        reply,
        <JoinPage ctx={pageContext(request)} search={search} />,
        errors.length ? 400 : 200,
      );
    },
  );

  registerPage(app, "/join/submitted", {}, async (request, reply) =>
    sendPage(reply, <SubmittedPage ctx={pageContext(request)} />),
  );

  registerFormPost(
    app,
    "/join",
    {
      body: ApplicationForm,
      rateLimit: JOIN_RATE_LIMIT,
      invalid: async (request, reply, { byField, values }) => {
        // No such geography: there is no form to show again.
        const geography = byField.geoid
          ? undefined
          : await findGeography(app.db, values.geoid ?? "");
        if (!geography) throw notFound();
        const errors: FormState["errors"] = {};
        for (const field of APPLICATION_FIELDS) {
          const error = byField[field];
          if (error)
            errors[field] = fieldMessage(request.t, error, request.t(`join.error.${field}`));
        }
        const submissionKey = keyOf(values.submission_key ?? "");
        return sendForm(request, reply, { geography, values, errors, submissionKey }, 422);
      },
    },
    async (request, reply) => {
      const form = request.body;
      const geography = await findGeography(app.db, form.geoid);
      if (!geography) throw notFound();
      const outcome = await submitApplication(
        app.db,
        app.mailer,
        { siteName: app.config.siteName, contactEmail: app.config.contactEmail },
        {
          geography,
          form,
          submissionKey: keyOf(form.submission_key),
          locale: request.locale,
          t: request.t,
        },
      );
      if (outcome === "member")
        throw appError("jurisdiction_already_member", {
          values: { name: geographyName(request.t, geography.name, geography.kind).text },
        });
      if (outcome === "pending")
        throw appError("application_pending", {
          values: { name: geographyName(request.t, geography.name, geography.kind).text },
        });
      app.mailer.flush();
      return reply.redirect(localizedPath(request.locale, "/join/submitted"), 303);
    },
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
          { name: geographyName(request.t, state.geography.name, state.geography.kind).text },
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
