// Editing a member's public profile: a member admin edits the jurisdiction they act for at
// /account/profile (the route takes no id: whatever the form says, it is the active one), and
// coalition admins and editors edit any at /admin/members/:slug/edit, listed at /admin/profiles.
// members.policy.ts decides who may edit which. The public profile is cached by data revision,
// which the save raises: it shows the new details on the next request.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type Static, Type } from "typebox";
import { requireAccount, requireActing } from "../../http/account.js";
import { notFound } from "../../http/errors.js";
import { type FormProblems, registerFormPost } from "../../http/forms.js";
import { registerPage } from "../../http/locale.js";
import { authorize } from "../../http/policy.js";
import { pageContext, sendPage } from "../../http/render.js";
import { localizedPath } from "../../i18n/index.js";
import { SlugParams } from "../directory/directory.routes.js";
import { profileListRows } from "../jurisdictions.queries.js";
import { can } from "../members.policy.js";
import {
  checkProfile,
  type EditableJurisdiction,
  findEditableById,
  findEditableBySlug,
  PROFILE_FIELDS,
  type ProfileField,
  ProfileForm,
  type ProfileValues,
  saveProfile,
} from "./profile.service.js";
import { ProfileEditPage, type ProfileFormState, ProfilesListPage } from "./profile.view.js";

// Saving a profile is cheap, but not something to repeat endlessly.
const PROFILE_RATE_LIMIT = { max: 60, timeWindow: "15 minutes" };
/** `?saved=changed|unchanged` after a save: the notice says which. */
const SavedQuery = Type.Object({ saved: Type.Optional(Type.String({ maxLength: 20 })) });

function formValues(values: ProfileValues): Record<ProfileField, string> {
  return Object.fromEntries(PROFILE_FIELDS.map((f) => [f, values[f] ?? ""])) as Record<
    ProfileField,
    string
  >;
}

/** Where each kind of editor works: the form's address and the page it belongs to. */
interface Place {
  action: string;
  back: { href: string; label: string };
}

export async function profileRoutes(app: FastifyInstance) {
  const memberAdmin = app.guards.jurisdiction("member_admin");
  const staff = app.guards.coalition("coalition_admin", "coalition_editor");

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
    saved?: string,
  ) {
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

  /** The jurisdiction a member admin acts for, once the policy agrees. */
  async function own(request: FastifyRequest): Promise<EditableJurisdiction> {
    const acting = requireActing(request);
    const { jurisdictionId } = acting.jurisdiction;
    authorize(can(acting, "edit_profile", { jurisdictionId }));
    const jurisdiction = await findEditableById(app.db, jurisdictionId);
    if (!jurisdiction) throw notFound();
    return jurisdiction;
  }

  /** Any jurisdiction by its slug, for coalition staff, once the policy agrees. */
  async function bySlug(request: FastifyRequest, slug: string): Promise<EditableJurisdiction> {
    const account = requireAccount(request);
    authorize(can(account, "edit_any_profile"));
    const jurisdiction = await findEditableBySlug(app.db, slug);
    if (!jurisdiction) throw notFound();
    authorize(can(account, "edit_profile", { jurisdictionId: jurisdiction.id }));
    return jurisdiction;
  }

  /** Checks the form's own rules and saves, then goes back to the form (303). */
  async function save(
    request: FastifyRequest,
    reply: FastifyReply,
    jurisdiction: EditableJurisdiction,
    place: Place,
    form: ProfileForm,
    refused: ReadonlySet<string> = new Set(),
  ) {
    const checked = checkProfile(form, jurisdiction.status, refused);
    if (checked.errors.length) {
      const values: Record<ProfileField, string> = checked.form;
      return sendForm(
        request,
        reply,
        jurisdiction,
        place,
        { csrfToken: reply.generateCsrf(), values, errors: checked.errors },
        422,
      );
    }
    const account = requireAccount(request);
    const actor = { id: account.user.id, email: account.user.email };
    const outcome = await saveProfile(app.db, jurisdiction.id, checked.values, actor);
    if (outcome === "missing") throw notFound();
    const saved = outcome === "saved" ? "changed" : "unchanged";
    return reply.redirect(`${place.action}?saved=${saved}`, 303);
  }

  /** A form the schema refused, shown again with every problem (its own rules included). */
  const refusedForm = (problems: FormProblems) => ({
    form: Object.fromEntries(PROFILE_FIELDS.map((f) => [f, problems.values[f] ?? ""])) as Record<
      ProfileField,
      string
    >,
    refused: new Set(Object.keys(problems.byField)),
  });

  registerPage(
    app,
    "/account/profile",
    { schema: { querystring: SavedQuery }, guard: memberAdmin, restricted: true },
    async (request, reply) => {
      const jurisdiction = await own(request);
      const form = {
        csrfToken: reply.generateCsrf(),
        values: formValues(jurisdiction.values),
        errors: [],
      };
      const place = ownPlace(request);
      return sendForm(request, reply, jurisdiction, place, form, 200, request.query.saved);
    },
  );

  registerPage(
    app,
    "/admin/profiles",
    { schema: {}, guard: staff, restricted: true },
    async (request, reply) => {
      authorize(can(requireAccount(request), "edit_any_profile"));
      const rows = await profileListRows(app.db);
      return sendPage(reply, <ProfilesListPage ctx={pageContext(request)} rows={rows} />);
    },
  );

  registerPage(
    app,
    "/admin/members/:slug/edit",
    {
      schema: { params: SlugParams, querystring: SavedQuery },
      guard: staff,
      restricted: true,
      attachValidation: true,
    },
    async (request, reply) => {
      if (request.validationError?.validationContext === "params") throw notFound();
      const jurisdiction = await bySlug(request, request.params.slug);
      const form = {
        csrfToken: reply.generateCsrf(),
        values: formValues(jurisdiction.values),
        errors: [],
      };
      const place = staffPlace(request, jurisdiction.slug);
      const saved = request.validationError ? undefined : request.query.saved;
      return sendForm(request, reply, jurisdiction, place, form, 200, saved);
    },
  );

  registerFormPost(
    app,
    "/account/profile",
    {
      body: ProfileForm,
      guard: memberAdmin,
      rateLimit: PROFILE_RATE_LIMIT,
      invalid: async (request, reply, problems) => {
        const { form, refused } = refusedForm(problems);
        return save(request, reply, await own(request), ownPlace(request), form, refused);
      },
    },
    async (request, reply) =>
      save(request, reply, await own(request), ownPlace(request), request.body),
  );

  /** The staff's form post: the jurisdiction of the address, whatever the form says. */
  async function staffTarget(request: FastifyRequest<{ Params: Static<typeof SlugParams> }>) {
    const jurisdiction = await bySlug(request, request.params.slug);
    return { jurisdiction, place: staffPlace(request, jurisdiction.slug) };
  }

  registerFormPost(
    app,
    "/admin/members/:slug/edit",
    {
      body: ProfileForm,
      params: SlugParams,
      guard: staff,
      rateLimit: PROFILE_RATE_LIMIT,
      invalid: async (request, reply, problems) => {
        const { jurisdiction, place } = await staffTarget(request);
        const { form, refused } = refusedForm(problems);
        return save(request, reply, jurisdiction, place, form, refused);
      },
    },
    async (request, reply) => {
      const { jurisdiction, place } = await staffTarget(request);
      return save(request, reply, jurisdiction, place, request.body);
    },
  );
}
