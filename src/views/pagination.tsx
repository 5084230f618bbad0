// Links to every page of a long list (USWDS pagination): the member directory's and the
// resource library's. Nothing when the list fits on one page.

export interface PaginationLabels {
  /** The navigation's name, e.g. "Pages of the member list". */
  label: string;
  previous: string;
  next: string;
  /** Each page link's name, e.g. (3) => "Page 3". */
  page: (page: number) => string;
}

export function Pagination({
  page,
  pages,
  href,
  labels,
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  labels: PaginationLabels;
}) {
  if (pages < 2) return "";
  return (
    <nav class="usa-pagination" aria-label={labels.label}>
      <ul class="usa-pagination__list">
        {page > 1 ? (
          <li class="usa-pagination__item usa-pagination__arrow">
            <a class="usa-pagination__link usa-pagination__previous-page" href={href(page - 1)}>
              <span class="usa-pagination__link-text" safe>
                {labels.previous}
              </span>
            </a>
          </li>
        ) : (
          ""
        )}
        {Array.from({ length: pages }, (_, i) => i + 1).map((n) => (
          <li class="usa-pagination__item usa-pagination__page-no">
            <a
              class={n === page ? "usa-pagination__button usa-current" : "usa-pagination__button"}
              href={href(n)}
              aria-label={labels.page(n)}
              aria-current={n === page ? "page" : undefined}
              safe
            >
              {String(n)}
            </a>
          </li>
        ))}
        {page < pages ? (
          <li class="usa-pagination__item usa-pagination__arrow">
            <a class="usa-pagination__link usa-pagination__next-page" href={href(page + 1)}>
              <span class="usa-pagination__link-text" safe>
                {labels.next}
              </span>
            </a>
          </li>
        ) : (
          ""
        )}
      </ul>
    </nav>
  );
}
