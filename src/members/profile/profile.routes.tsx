// Editing a member's public profile: a member admin edits the jurisdiction they act for at
// /account/profile (the route takes no id: whatever the form says, it is the active one), and
// coalition admins and editors edit any at /admin/members/:slug/edit, listed at /admin/profiles.
// The public profile is cached by data revision, which the save raises: it shows the new details
// on the next request.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type Account, requireCoalitionRole, requireJurisdiction } from "../../accounts/index.js";
import { notFound } from "../../http/errors.js";
import { registerFormPost } from "../../http/forms.js";
import { registerPage } from "../../http/locale.js";
import { pageContext, sendPage } from "../../http/render.js";
import { localizedPath } from "../../i18n/index.js";
import { profileListRows } from "../jurisdictions.queries.js";
import {
  checkProfile,
  type EditableJurisdiction,
  findEditableById,
  findEditableBySlug,
  type ProfileField,
  type ProfileValues,
  saveProfile,
} from "./profile.service.js";
import { ProfileEditPage, type ProfileFormState, ProfilesListPage } from "./profile.view.js";

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;
// Saving a profile is cheap, but not something to repeat endlessly.
const PROFILE_RATE_LIMIT = { max: 60, timeWindow: "15 minutes" };

function actorOf(request: FastifyRequest) {
  const user = request.account?.user;
  if (!user) throw new Error("the guards let no anonymous request through");
  return { id: user.id, email: user.email };
}

function formValues(values: ProfileValues): Record<ProfileField, string> {
  return {
    executive_name: values.executive_name ?? "",
    executive_title: values.executive_title ?? "",
    website: values.website ?? "",
  };
}

export async function profileEditRoutes(app: FastifyInstance) {
  const memberAdmin = requireJurisdiction("member_admin");
  const staff = requireCoalitionRole("coalition_admin", "coalition_editor");

  /** Where each kind of editor works: the form's address and the page it belongs to. */
  interface Place {
    action: string;
    back: { href: string; label: string };
  }
  const ownPlace = (request: FastifyRequest): Place => ({
    action: localizedPath(request.locale, "/account/profile"),
    back: {
      href: localizedPath(request.locale, "/account"),
      label: request.t("accounts.account.title"),
    },
  });
  const staffPlace = (request: FastifyRequest, slug: string): Place => ({
    action: localizedPath(request.locale, `/admin/members/${slug}/edit`),
    back: {
      href: localizedPath(request.locale, "/admin/profiles"),
      label: request.t("members.edit.list.title"),
    },
  });

  function sendForm(
    request: FastifyRequest,
    reply: FastifyReply,
    jurisdiction: EditableJurisdiction,
    place: Place,
    form: ProfileFormState,
    statusCode = 200,
  ) {
    const saved = (request.query as Record<string, unknown>).saved;
    const notice =
      statusCode === 200 && (saved === "changed" || saved === "unchanged")
        ? request.t(saved === "changed" ? "members.edit.saved" : "members.edit.unchanged")
        : undefined;
    return sendPage(
      reply,
      <ProfileEditPage
        ctx={pageContext(request)}
        jurisdiction={jurisdiction}
        action={place.action}
        back={place.back}
        form={form}
        notice={notice}
      />,
      statusCode,
    );
  }

  /** Checks and saves a posted form for `jurisdiction`, then goes back to the form (303). */
  async function save(
    request: FastifyRequest,
    reply: FastifyReply,
    jurisdiction: EditableJurisdiction,
    place: Place,
  ) {
    const checked = checkProfile(request.body, jurisdiction.status);
    if (checked.errors.length) {
      return sendForm(
        request,
        reply,
        jurisdiction,
        place,
        { csrfToken: reply.generateCsrf(), values: checked.form, errors: checked.errors },
        422,
      );
    }
    const outcome = await saveProfile(app.db, jurisdiction.id, checked.values, actorOf(request));
    if (outcome === "missing") throw notFound();
    const saved = outcome === "saved" ? "changed" : "unchanged";
    return reply.redirect(`${place.action}?saved=${saved}`, 303);
  }

  /** The jurisdiction a member admin acts for (the guard made sure there is one). */
  async function own(request: FastifyRequest): Promise<EditableJurisdiction> {
    const acting = (request.account as Account).jurisdiction;
    const jurisdiction = acting ? await findEditableById(app.db, acting.jurisdictionId) : undefined;
    if (!jurisdiction) throw notFound();
    return jurisdiction;
  }

  async function bySlug(request: FastifyRequest): Promise<EditableJurisdiction> {
    const { slug } = request.params as { slug: string };
    const jurisdiction = SLUG.test(slug) ? await findEditableBySlug(app.db, slug) : undefined;
    if (!jurisdiction) throw notFound();
    return jurisdiction;
  }

  registerPage(
    app,
    "/account/profile",
    async (request, reply) => {
      const jurisdiction = await own(request);
      return sendForm(request, reply, jurisdiction, ownPlace(request), {
        csrfToken: reply.generateCsrf(),
        values: formValues(jurisdiction.values),
        errors: [],
      });
    },
    { restricted: true, preHandler: memberAdmin },
  );

  registerPage(
    app,
    "/admin/profiles",
    async (request, reply) => {
      const rows = await profileListRows(app.db);
      return sendPage(reply, <ProfilesListPage ctx={pageContext(request)} rows={rows} />);
    },
    { restricted: true, preHandler: staff },
  );

  registerPage(
    app,
    "/admin/members/:slug/edit",
    async (request, reply) => {
      const jurisdiction = await bySlug(request);
      return sendForm(request, reply, jurisdiction, staffPlace(request, jurisdiction.slug), {
        csrfToken: reply.generateCsrf(),
        values: formValues(jurisdiction.values),
        errors: [],
      });
    },
    { restricted: true, preHandler: staff },
  );
  registerFormPost(
    app,
    "/account/profile",
    async (request, reply) => save(request, reply, await own(request), ownPlace(request)),
    { guard: memberAdmin, rateLimit: PROFILE_RATE_LIMIT },
  );

  registerFormPost(
    app,
    "/admin/members/:slug/edit",
    async (request, reply) => {
      const jurisdiction = await bySlug(request);
      return save(request, reply, jurisdiction, staffPlace(request, jurisdiction.slug));
    },
    { guard: staff, rateLimit: PROFILE_RATE_LIMIT },
  );
}
