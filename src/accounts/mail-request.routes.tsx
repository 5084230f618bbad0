// "Mail me a link": the one form behind both the sign-in link and the password reset. It asks for
// an address and always gives the same answer, whether or not the address has an account, so the
// form never tells who has one; what is mailed (if anything) is `ask`'s business.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { registerFormPost } from "../http/forms.js";
import { registerPage } from "../http/locale.js";
import { pageContext, sendPage } from "../http/render.js";
import { Line } from "../http/validation.js";
import { localizedPath } from "../i18n/index.js";
import { fieldMessage, isAuthRefusal } from "./forms.js";
import { EmailRequestPage } from "./magic-link.view.js";
import { MessagePage } from "./sign-in.view.js";

const RequestBody = Type.Object({
  email: Line({ minLength: 3, maxLength: 254, pattern: "^[^\\s@]+@[^\\s@]+$" }),
});

/** Mail is not free to ask for: 5 requests per address and quarter hour. */
export const MAIL_REQUEST_RATE_LIMIT = { max: 5, timeWindow: "15 minutes" };

export interface MailRequest {
  /** The unprefixed path of the form. */
  path: string;
  /** Which texts: accounts.<kind>.title, .intro, .submit, .sent.title, .sent.body. */
  kind: "link" | "reset";
  /** Asks better-auth to mail `email`; an APIError it throws (a refused address) is swallowed. */
  ask: (request: FastifyRequest, email: string) => Promise<unknown>;
}

export function registerMailRequest(app: FastifyInstance, { path, kind, ask }: MailRequest) {
  registerPage(app, path, {}, async (request, reply) => sendForm(request, reply, ""));
  registerFormPost(
    app,
    path,
    {
      body: RequestBody,
      rateLimit: MAIL_REQUEST_RATE_LIMIT,
      limited: (request, reply, { message, values }) =>
        sendForm(request, reply, values.email ?? "", message, 429),
      invalid: (request, reply, problems) => {
        const own = request.t("accounts.error.email");
        const error = problems.byField.email;
        const message = error ? fieldMessage(request.t, error, own) : own;
        return sendForm(request, reply, problems.values.email ?? "", message, 422);
      },
    },
    async (request, reply) => {
      const t = request.t;
      const { email } = request.body;
      try {
        await ask(request, email);
      } catch (error) {
        // An address better-auth refuses gets the same answer as any other.
        if (!isAuthRefusal(error)) throw error;
      }
      reply.header("cache-control", "no-store");
      return sendPage(
        reply,
        <MessagePage
          ctx={pageContext(request)}
          title={t(`accounts.${kind}.sent.title`)}
          body={t(`accounts.${kind}.sent.body`, { email })}
          link={{
            href: localizedPath(request.locale, "/account/sign-in"),
            text: t("accounts.back_to_sign_in"),
          }}
        />,
      );
    },
  );

  function sendForm(
    request: FastifyRequest,
    reply: FastifyReply,
    email: string,
    error?: string,
    statusCode = 200,
  ) {
    const t = request.t;
    reply.header("cache-control", "no-store");
    return sendPage(
      reply,
      <EmailRequestPage
        ctx={pageContext(request)}
        title={t(`accounts.${kind}.title`)}
        intro={t(`accounts.${kind}.intro`)}
        submit={t(`accounts.${kind}.submit`)}
        action={path}
        email={email}
        error={error}
        csrfToken={reply.generateCsrf()}
      />,
      statusCode,
    );
  }
}
