// Census names, titles, vintages and sources in the page's language (names.ts), English data
// that we cannot translate marked lang="en".
import type { PageContext } from "../views/page-context.js";
import { richMessage, Shown } from "../views/shown.js";
import { executiveTitle, geographyName, sourceName, vintageName } from "./names.js";

export function GeographyName({
  ctx,
  name,
  kind,
}: {
  ctx: PageContext;
  name: string;
  kind: "place" | "county";
}) {
  return <Shown ctx={ctx} value={geographyName(ctx.t, name, kind)} />;
}

/** A name the roster holds as staff typed it: English data, marked so on other pages. */
export function RosterName({ ctx, name }: { ctx: PageContext; name: string }) {
  return <Shown ctx={ctx} value={{ text: name, english: true }} />;
}

export function Vintage({ ctx, vintage }: { ctx: PageContext; vintage: string }) {
  return <Shown ctx={ctx} value={vintageName(ctx.t, vintage)} />;
}

export function Source({ ctx, source }: { ctx: PageContext; source: string }) {
  return <Shown ctx={ctx} value={sourceName(ctx.t, source)} />;
}

/** "2020 Census: U.S. Census Bureau, ..." in the page's language. */
export function Citation({
  ctx,
  vintage,
  source,
}: {
  ctx: PageContext;
  vintage: string;
  source: string;
}) {
  return richMessage((v) => ctx.t("census.citation", v), {
    vintage: <Vintage ctx={ctx} vintage={vintage} />,
    source: <Source ctx={ctx} source={source} />,
  });
}

/** "Mayor Jane Doe", "Mayor", or the name alone. */
export function Executive({
  ctx,
  title,
  name,
}: {
  ctx: PageContext;
  title: string | null;
  name: string | null;
}) {
  const shownTitle = title ? <Shown ctx={ctx} value={executiveTitle(ctx.t, title)} /> : "";
  const shownName = name ? <Shown ctx={ctx} value={{ text: name, english: false }} /> : "";
  if (!title || !name)
    return (
      <>
        {shownTitle}
        {shownName}
      </>
    );
  return richMessage((v) => ctx.t("census.executive.named", v), {
    title: shownTitle,
    name: shownName,
  });
}
