// The page a public RSVP's mailed link opens: the RSVP is confirmed, going or on the wait list,
// and for those going, how to join.
import { Layout } from "../../views/layout.js";
import type { PageContext } from "../../views/page-context.js";

export function ConfirmedPage(props: {
  ctx: PageContext;
  title: string;
  when: string;
  status: "going" | "waitlist";
  join?: { url: string | null; dialIn: string | null };
  campaignHref: string;
}) {
  const { ctx, join } = props;
  const { t } = ctx;
  const heading = t(`campaign-events.confirmed.${props.status}`);
  return (
    <Layout ctx={ctx} title={heading} noindex>
      <div class="grid-container usa-section">
        <h1 safe>{heading}</h1>
        <p>
          <strong safe>{props.title}</strong>
        </p>
        <p safe>{props.when}</p>
        {join?.url ? (
          <p>
            <span safe>{t("campaign-events.join_url")}</span>{" "}
            <a class="usa-link cfa-break-anywhere" href={join.url} safe>
              {join.url}
            </a>
          </p>
        ) : (
          ""
        )}
        {join?.dialIn ? (
          <p class="cfa-pre-line">
            <span safe>{t("campaign-events.dial_in")}</span> <span safe>{join.dialIn}</span>
          </p>
        ) : (
          ""
        )}
        <p safe>{t("campaign-events.confirmed.reminders")}</p>
        <p>
          <a class="usa-link" href={props.campaignHref} safe>
            {t("campaign-events.confirmed.back")}
          </a>
        </p>
      </div>
    </Layout>
  );
}
