// A social push's routes: staff's messages page (messages.routes.tsx), and member staff reporting
// the address of what they posted, a form post on the campaign page. A refused report shows the
// campaign page again with the problem at its field.
import type { FastifyInstance, FastifyReply } from "fastify";
import { type RefusedRequest, registerFormPost } from "../../http/forms.js";
import { fieldMessage } from "../../http/validation.js";
import { localizedPath } from "../../i18n/index.js";
import { ActionParams } from "../manage/manage.schema.js";
import { authorizeAct, loadActionOf, sendCampaignPage } from "../public/campaign.page.js";
import { messagesRoutes } from "./messages.routes.js";
import { isPlatform, PLATFORM_INFO } from "./platforms.js";
import { ReportForm } from "./social.schema.js";
import { postAddress, reportPost } from "./social.service.js";

export async function socialRoutes(app: FastifyInstance) {
  await app.register(messagesRoutes);
  const memberStaff = app.guards.jurisdiction("member_admin", "member_staff");

  /** The campaign page again, the report form holding what was sent and its problems. */
  async function refused(
    request: RefusedRequest<typeof ActionParams>,
    reply: FastifyReply,
    values: Record<string, string>,
    errors: Record<string, string>,
  ) {
    const { campaign, action } = await loadActionOf(
      app.db,
      request.params.slug,
      request.params.action,
      "social",
    );
    return sendCampaignPage(app, request, reply, campaign, {
      sent: { actionId: action.id, values, errors },
      status: 422,
    });
  }

  registerFormPost(
    app,
    "/campaigns/:slug/actions/:action/report",
    {
      guard: memberStaff,
      params: ActionParams,
      body: ReportForm,
      invalid: async (request, reply, problems) => {
        const platform = problems.values.platform;
        const name = isPlatform(platform) ? PLATFORM_INFO[platform].name : "";
        const errors = Object.fromEntries(
          problems.errors.map((e) => [
            e.field,
            fieldMessage(
              request.t,
              e,
              e.field === "platform"
                ? request.t("campaign-social.report.error.platform")
                : request.t("campaign-social.report.error.url", { platform: name }),
            ),
          ]),
        );
        return refused(request, reply, problems.values, errors);
      },
    },
    async (request, reply) => {
      const { campaign, action, acting } = await authorizeAct(
        app.db,
        request,
        request.params,
        "social",
        request.body.jurisdiction,
      );
      const { platform, url } = request.body;
      const values = { jurisdiction: request.body.jurisdiction, platform, url };
      const address = postAddress(platform, url);
      if (!address) {
        return refused(request, reply, values, {
          url: request.t("campaign-social.report.error.url", {
            platform: PLATFORM_INFO[platform].name,
          }),
        });
      }
      const result = await reportPost(app.db, {
        campaignId: campaign.id,
        actionId: action.id,
        jurisdictionId: acting.jurisdiction.jurisdictionId,
        userId: acting.user.id,
        platform,
        url: address,
      });
      if (result === "taken") {
        return refused(request, reply, values, {
          url: request.t("campaign-social.report.error.taken"),
        });
      }
      const path = localizedPath(request.locale, `/campaigns/${campaign.slug}`);
      return reply.redirect(`${path}?done=reported#action-${action.id}`, 303);
    },
  );
}
