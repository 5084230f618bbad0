// The signed-in person's own pages: who they are, where they are signed in, and which member
// jurisdiction they act for.
import { fromNodeHeaders } from "better-auth/node";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../http/errors.js";
import { registerFormPost } from "../http/forms.js";
import { registerPage } from "../http/locale.js";
import { pageContext, sendPage } from "../http/render.js";
import { localizedPath } from "../i18n/index.js";
import { AccountPage, ChooseJurisdictionPage, type SessionRow } from "./account.view.js";
import { requireSignedIn } from "./guards.js";
import { type Account, loadAccount, safeNext, signInPath } from "./session.js";
import { setActiveJurisdiction } from "./sessions.queries.js";

// Session changes are cheap to ask for but not to repeat endlessly.
export const SESSION_RATE_LIMIT = { max: 30, timeWindow: "15 minutes" };

export function forwardCookies(reply: FastifyReply, headers: Headers): void {
  const cookies = headers.getSetCookie();
  if (cookies.length) reply.header("set-cookie", cookies);
}

export async function accountPageRoutes(app: FastifyInstance) {
  const signedIn = requireSignedIn();

  registerPage(
    app,
    "/account",
    async (request, reply) => {
      const account = request.account as Account;
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
          sessions={sessions}
          csrfToken={reply.generateCsrf()}
        />,
      );
    },
    { restricted: true, preHandler: signedIn },
  );

  registerPage(
    app,
    "/account/jurisdiction",
    async (request, reply) => {
      const next = safeNext((request.query as Record<string, unknown>).next);
      return sendChooser(request, reply, next);
    },
    { restricted: true, preHandler: signedIn },
  );
  registerFormPost(
    app,
    "/account/sign-out-everywhere",
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      const account = await loadAccount(request, reply);
      if (!account) return reply.redirect(signInPath(request), 303);
      const { headers } = await app.auth.api.revokeSessions({
        headers: fromNodeHeaders(request.headers),
        returnHeaders: true,
      });
      forwardCookies(reply, headers);
      return reply.redirect(signInPath(request), 303);
    },
    { rateLimit: SESSION_RATE_LIMIT },
  );

  registerFormPost(
    app,
    "/account/jurisdiction",
    async (request, reply) => {
      const account = request.account as Account;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const next = safeNext(body.next);
      const chosen = account.memberships.find((m) => m.jurisdictionId === body.jurisdiction);
      // Only a jurisdiction the person works for: anything else is refused the same way,
      // whether it exists or not.
      if (!chosen) {
        if (account.memberships.length === 0) throw new AppError(403, "forbidden");
        return sendChooser(request, reply, next, request.t("team.choose.error"), 422);
      }
      await setActiveJurisdiction(app.db, account.session.id, chosen.jurisdictionId);
      return reply.redirect(next ?? localizedPath(request.locale, "/account"), 303);
    },
    { guard: signedIn, rateLimit: SESSION_RATE_LIMIT },
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
        account={request.account as Account}
        next={next}
        problem={problem}
        csrfToken={reply.generateCsrf()}
      />,
      statusCode,
    );
  }
}
