import type { PageContext } from "./page-context.js";

/** The label every demo data set carries where it is shown: a tag and what is demo about it. */
export function DemoNotice({ ctx, text }: { ctx: PageContext; text: string }) {
  return (
    <div class="usa-alert usa-alert--warning usa-alert--slim cfa-demo">
      <div class="usa-alert__body">
        <p class="usa-alert__text">
          <strong class="cfa-demo__tag" safe>
            {ctx.t("common.demo.label")}
          </strong>{" "}
          <span safe>{text}</span>
        </p>
      </div>
    </div>
  );
}
