// The signed-in person's own pages: who they are, where they are signed in, and which member
// jurisdiction they act for.
import { fromNodeHeaders } from "better-auth/node";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { requireAccount } from "../http/account.js";
import { registerFormPost } from "../http/forms.js";
import { registerPage } from "../http/locale.js";
import { authorize } from "../http/policy.js";
import { pageContext, sendPage } from "../http/render.js";
import { localizedPath } from "../i18n/index.js";
import { AccountPage, ChooseJurisdictionPage, type SessionRow } from "./account.view.js";
import { accountLinks, can } from "./accounts.policy.js";
import { safeNext, signInPath } from "./session.js";
import { setActiveJurisdiction } from "./sessions.queries.js";

// Session changes are cheap to ask for but not to repeat endlessly.
export const SESSION_RATE_LIMIT = { max: 30, timeWindow: "15 minutes" };

export function forwardCookies(reply: FastifyReply, headers: Headers): void {
  const cookies = headers.getSetCookie();
  if (cookies.length) reply.header("set-cookie", cookies);
}

const ChooseBody = Type.Object({
  jurisdiction: Type.String({ maxLength: 100 }),
  next: Type.String(),
});

/** Behind `app.guards.signedIn()` (index.ts): the signed-in person's own pages. */
export async function accountPageRoutes(app: FastifyInstance) {
  registerPage(app, "/account", { restricted: true }, async (request, reply) => {
    const account = requireAccount(request);
    const listed = await app.auth.api.listSessions({
      headers: fromNodeHeaders(request.headers),
    });
    const sessions: SessionRow[] = listed
      .map((s) => ({
        id: s.id,
        createdAt: new Date(s.createdAt),
        userAgent: s.userAgent ?? null,
        current: s.id === account.session.id,
      }))
      .sort((a, b) => Number(b.current) - Number(a.current) || +b.createdAt - +a.createdAt);
    return sendPage(
      reply,
      <AccountPage
        ctx={pageContext(request)}
        account={account}
        links={accountLinks(account)}
        sessions={sessions}
        csrfToken={reply.generateCsrf()}
      />,
    );
  });

  registerPage(
    app,
    "/account/jurisdiction",
    {
      schema: { querystring: Type.Object({ next: Type.Optional(Type.String()) }) },
      restricted: true,
    },
    async (request, reply) => sendChooser(request, reply, safeNext(request.query.next)),
  );
  registerFormPost(
    app,
    "/account/sign-out-everywhere",
    { body: Type.Object({}), rateLimit: SESSION_RATE_LIMIT },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      const { headers } = await app.auth.api.revokeSessions({
        headers: fromNodeHeaders(request.headers),
        returnHeaders: true,
      });
      forwardCookies(reply, headers);
      return reply.redirect(signInPath(request), 303);
    },
  );

  registerFormPost(
    app,
    "/account/jurisdiction",
    {
      body: ChooseBody,
      rateLimit: SESSION_RATE_LIMIT,
      invalid: (request, reply, problems) => {
        authorize(can(requireAccount(request), { action: "jurisdiction.choose" }));
        const next = safeNext(problems.values.next);
        return sendChooser(request, reply, next, request.t("team.choose.error"), 422);
      },
    },
    async (request, reply) => {
      const account = requireAccount(request);
      authorize(can(account, { action: "jurisdiction.choose" }));
      const next = safeNext(request.body.next);
      const chosen = account.memberships.find(
        (m) => m.jurisdictionId === request.body.jurisdiction,
      );
      // Only a jurisdiction the person works for: anything else is refused the same way,
      // whether it exists or not.
      if (!chosen) return sendChooser(request, reply, next, request.t("team.choose.error"), 422);
      await setActiveJurisdiction(app.db, account.session.id, chosen.jurisdictionId);
      return reply.redirect(next ?? localizedPath(request.locale, "/account"), 303);
    },
  );

  function sendChooser(
    request: FastifyRequest,
    reply: FastifyReply,
    next: string | undefined,
    problem?: string,
    statusCode = 200,
  ) {
    return sendPage(
      reply,
      <ChooseJurisdictionPage
        ctx={pageContext(request)}
        account={requireAccount(request)}
        next={next}
        problem={problem}
        csrfToken={reply.generateCsrf()}
      />,
      statusCode,
    );
  }
}
