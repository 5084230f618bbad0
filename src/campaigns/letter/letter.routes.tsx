// Signing a letter for the jurisdiction one acts for, and withdrawing the signature: form posts on
// the campaign page. A refused form shows the campaign page again with the problems at the form.
import type { FastifyInstance } from "fastify";
import { requireActing } from "../../http/account.js";
import { registerFormPost } from "../../http/forms.js";
import { fieldMessage } from "../../http/validation.js";
import { localizedPath } from "../../i18n/index.js";
import { ActionParams } from "../manage/manage.schema.js";
import { authorizeAct, authorizeActRef, sendCampaignPage } from "../public/campaign.page.js";
import { SignForm, WithdrawForm } from "./letter.schema.js";
import { signLetter, withdrawSignature } from "./letter.service.js";

export async function letterRoutes(app: FastifyInstance) {
  const memberStaff = app.guards.jurisdiction("member_admin", "member_staff");

  registerFormPost(
    app,
    "/campaigns/:slug/actions/:action/sign",
    {
      guard: memberStaff,
      params: ActionParams,
      body: SignForm,
      invalid: async (request, reply, problems) => {
        // A form that could not be signed anyway (closed, or not theirs) says that, not its fields.
        const { campaign, action } = await authorizeAct(
          app.db,
          request,
          request.params,
          "letter",
          requireActing(request).jurisdiction.jurisdictionId,
        );
        const errors = Object.fromEntries(
          problems.errors.map((e) => [
            e.field,
            fieldMessage(
              request.t,
              e,
              request.t(`campaigns.letter.error.${e.field === "signer_title" ? "title" : "name"}`),
            ),
          ]),
        );
        return sendCampaignPage(app, request, reply, campaign, {
          sent: { actionId: action.id, values: problems.values, errors },
          status: 422,
        });
      },
    },
    async (request, reply) => {
      const { campaign, action, acting } = await authorizeActRef(
        app.db,
        request,
        request.params,
        "letter",
        request.body.jurisdiction,
      );
      await signLetter(app.db, {
        campaignId: campaign.id,
        actionId: action.id,
        jurisdictionId: acting.jurisdiction.jurisdictionId,
        userId: acting.user.id,
        signerName: request.body.signer_name,
        signerTitle: request.body.signer_title,
      });
      const path = localizedPath(request.locale, `/campaigns/${campaign.slug}`);
      return reply.redirect(`${path}?done=signed#action-${action.id}`, 303);
    },
  );

  registerFormPost(
    app,
    "/campaigns/:slug/actions/:action/withdraw",
    { guard: memberStaff, params: ActionParams, body: WithdrawForm },
    async (request, reply) => {
      const { campaign, action, acting } = await authorizeActRef(
        app.db,
        request,
        request.params,
        "letter",
        request.body.jurisdiction,
      );
      await withdrawSignature(app.db, {
        campaignId: campaign.id,
        actionId: action.id,
        jurisdictionId: acting.jurisdiction.jurisdictionId,
        userId: acting.user.id,
      });
      const path = localizedPath(request.locale, `/campaigns/${campaign.slug}`);
      return reply.redirect(`${path}?done=withdrawn#action-${action.id}`, 303);
    },
  );
}
