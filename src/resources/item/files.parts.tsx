// An item's files on its page: documents to read or save, images one by one with their alt text
// and a download link, each with its type and size. A file or alt text in another language than
// the reader's is labelled and carries `lang`.
import { EXTENSIONS, MEDIA_TYPES } from "../../files/files.sniff.js";
import type { PageContext } from "../../views/page-context.js";
import { FallbackNotice, languageLabel, passageLang, resourcePath } from "../resources.view.js";
import { filePath, type ShownFile, type ShownFiles } from "./files.js";

const KINDS: Record<string, string> = Object.fromEntries(
  (Object.keys(MEDIA_TYPES) as (keyof typeof MEDIA_TYPES)[]).map((k) => [
    MEDIA_TYPES[k],
    EXTENSIONS[k],
  ]),
);

/** "PDF, 1.2 MB": the kind (its usual extension) and the size in the reader's numbers. */
export function fileFacts(ctx: PageContext, row: ShownFile["row"]): string {
  const kind = (KINDS[row.media_type] ?? row.media_type).toUpperCase();
  const size =
    row.bytes >= 1024 * 1024
      ? ctx.t("resources.files.mb", { size: Math.round((row.bytes / 1024 / 1024) * 10) / 10 })
      : ctx.t("resources.files.kb", { size: Math.max(1, Math.round(row.bytes / 1024)) });
  return ctx.t("resources.files.facts", { kind, size });
}

function Document({ ctx, file, href }: { ctx: PageContext; file: ShownFile; href: string }) {
  return (
    <li class="cfa-resource-file">
      <a href={href} {...(file.row.locale ? passageLang(ctx, file.row.locale) : {})} safe>
        {file.row.filename}
      </a>{" "}
      <span class="usa-hint" safe>
        ({fileFacts(ctx, file.row)})
      </span>
      {file.fallback ? <FallbackNotice ctx={ctx} locale={file.fallback} /> : ""}
    </li>
  );
}

function Image({ ctx, file, href }: { ctx: PageContext; file: ShownFile; href: string }) {
  const { t } = ctx;
  const alt = file.alt;
  return (
    <li class="cfa-resource-image">
      <figure>
        <img
          src={`${href}?view=1`}
          alt={alt?.text ?? ""}
          {...(alt ? passageLang(ctx, alt.locale) : {})}
          {...(file.row.width && file.row.height
            ? { width: String(file.row.width), height: String(file.row.height) }
            : {})}
          loading="lazy"
        />
        <figcaption>
          {alt ? (
            <p class="cfa-resource-image__alt">
              <span safe>{t("resources.files.alt")}</span>{" "}
              <span {...passageLang(ctx, alt.locale)} safe>
                {alt.text}
              </span>
            </p>
          ) : (
            ""
          )}
          {alt?.fallback ? <FallbackNotice ctx={ctx} locale={alt.locale} /> : ""}
          {file.fallback ? <FallbackNotice ctx={ctx} locale={file.fallback} /> : ""}
          <a href={href} download={file.row.filename} safe>
            {t("resources.files.download", { name: file.row.filename })}
          </a>{" "}
          <span class="usa-hint" safe>
            ({fileFacts(ctx, file.row)})
          </span>
        </figcaption>
      </figure>
    </li>
  );
}

export function Files({ ctx, slug, files }: { ctx: PageContext; slug: string; files: ShownFiles }) {
  const { t } = ctx;
  const item = resourcePath(ctx, slug);
  return (
    <>
      {files.documents.length ? (
        <section aria-labelledby="documents-heading">
          <h2 id="documents-heading" safe>
            {t("resources.files.documents")}
          </h2>
          <ul class="usa-list">
            {files.documents.map((f) => (
              <Document ctx={ctx} file={f} href={filePath(item, f.row.id)} />
            ))}
          </ul>
        </section>
      ) : (
        ""
      )}
      {files.images.length ? (
        <section aria-labelledby="images-heading">
          <h2 id="images-heading" safe>
            {t("resources.files.images")}
          </h2>
          <ul class="usa-list usa-list--unstyled cfa-resource-images">
            {files.images.map((f) => (
              <Image ctx={ctx} file={f} href={filePath(item, f.row.id)} />
            ))}
          </ul>
        </section>
      ) : (
        ""
      )}
    </>
  );
}

/**
 * A video's captions, a link per language (the reader's first). The players are the hosts' own
 * frames, which a page's `<track>` cannot reach: the files are offered to read, save or load
 * into a player.
 */
export function Captions({
  ctx,
  slug,
  captions,
}: {
  ctx: PageContext;
  slug: string;
  captions: ShownFile[];
}) {
  const { t } = ctx;
  if (captions.length === 0) return "";
  const item = resourcePath(ctx, slug);
  return (
    <>
      <h3 safe>{t("resources.files.captions")}</h3>
      <ul class="usa-list cfa-resource-captions">
        {captions.map((f) => (
          <li>
            <a href={filePath(item, f.row.id)} hreflang={f.row.locale ?? undefined} safe>
              {t("resources.files.captions_link", {
                language: languageLabel(ctx, f.row.locale ?? ctx.locale.tag),
              })}
            </a>{" "}
            <span class="usa-hint" safe>
              ({fileFacts(ctx, f.row)})
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
