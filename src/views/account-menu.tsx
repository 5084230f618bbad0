import { localizedPath } from "../i18n/index.js";
import { type PageContext, SIGN_OUT_TOKEN_SLOT } from "./page-context.js";

/**
 * The signed-in person's menu in the top bar: who they are, the jurisdiction they act for, their
 * account page, Administration for coalition staff, and signing out. A <details> element, so it
 * opens by keyboard and without JavaScript. Sign-out is a POST with this request's CSRF token,
 * put in by `sendPage` (http/render.ts). Nothing for anonymous visitors.
 */
export function AccountMenu({ ctx }: { ctx: PageContext }) {
  const viewer = ctx.viewer;
  if (!viewer) return "";
  const { t, locale } = ctx;
  return (
    <details class="cfa-account">
      <summary class="cfa-account__summary">
        <span class="usa-sr-only" safe>
          {t("common.account.signed_in_as")}
        </span>{" "}
        <span class="cfa-account__name" safe>
          {viewer.name}
        </span>
      </summary>
      <div class="cfa-account__panel">
        {viewer.actingFor ? (
          <p class="cfa-account__acting" safe>
            {t("common.account.acting_for", { name: viewer.actingFor })}
          </p>
        ) : (
          ""
        )}
        <nav aria-label={t("common.account.label")}>
          <ul class="cfa-account__list">
            <li>
              <a href={localizedPath(locale, "/account")} safe>
                {t("common.account.page")}
              </a>
            </li>
            {viewer.staff ? (
              <li>
                <a href={localizedPath(locale, "/admin")} safe>
                  {t("common.account.admin")}
                </a>
              </li>
            ) : (
              ""
            )}
            <li>
              <form method="post" action={localizedPath(locale, "/account/sign-out")}>
                <input type="hidden" name="_csrf" value={SIGN_OUT_TOKEN_SLOT} />
                <button type="submit" class="usa-button usa-button--unstyled" safe>
                  {t("common.account.sign_out")}
                </button>
              </form>
            </li>
          </ul>
        </nav>
      </div>
    </details>
  );
}
