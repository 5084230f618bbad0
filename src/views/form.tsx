// Form fields with their label, hint and error wired together (aria-describedby), in USWDS
// markup. Every form in the site uses these, so every error is announced the same way: once, by
// the error summary, which takes the focus (a field's own message is plain text that the field
// names through aria-describedby, read when the field is reached).

import type { Children } from "@kitajs/html";
import { errorFocus } from "./notice.js";

export interface Option {
  value: string;
  label: string;
  /** The option label's language, when it is not the page's (e.g. English state names). */
  lang?: string;
}

interface FieldProps {
  id: string;
  name: string;
  label: string;
  hint?: string;
  /** The error message for this field, if its value was refused. */
  error?: string;
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function Wrapper({ id, label, hint, error, children }: FieldProps & { children: JSX.Element }) {
  return (
    <div class={error ? "usa-form-group usa-form-group--error" : "usa-form-group"}>
      <label class={error ? "usa-label usa-label--error" : "usa-label"} for={id} safe>
        {label}
      </label>
      {hint ? (
        <div class="usa-hint" id={`${id}-hint`} safe>
          {hint}
        </div>
      ) : (
        ""
      )}
      {error ? (
        <span class="usa-error-message" id={`${id}-error`} safe>
          {error}
        </span>
      ) : (
        ""
      )}
      {children}
    </div>
  );
}

export function TextField(
  props: FieldProps & {
    value: string;
    maxlength?: number;
    type?: "text" | "search" | "email" | "url" | "date" | "tel";
    /**
     * The browser's autofill token (WCAG 1.3.5): the person's own data gets its token ("name",
     * "email", "tel", "username", "one-time-code"); another person's name or address gets "off",
     * so the browser does not offer the person's own.
     */
    autocomplete?: string;
    /** Typed exactly as shown (codes): no automatic capitals or spelling fixes on phones. */
    verbatim?: boolean;
    /** The input's language, when it must be said on the input itself (a date picker's). */
    lang?: string;
  },
) {
  const {
    id,
    name,
    value,
    maxlength,
    type = "text",
    autocomplete,
    verbatim,
    lang,
    hint,
    error,
  } = props;
  return (
    <Wrapper {...props}>
      <input
        class={error ? "usa-input usa-input--error" : "usa-input"}
        id={id}
        name={name}
        type={type}
        value={value}
        maxlength={maxlength}
        lang={lang}
        autocomplete={autocomplete}
        autocapitalize={verbatim ? "off" : undefined}
        spellcheck={verbatim ? "false" : undefined}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? "true" : undefined}
      />
    </Wrapper>
  );
}

/** A password input: never prefilled, so a refused form never echoes a password back. */
export function PasswordField(
  props: FieldProps & {
    maxlength: number;
    autocomplete: "current-password" | "new-password";
  },
) {
  const { id, name, maxlength, autocomplete, hint, error } = props;
  return (
    <Wrapper {...props}>
      <input
        class={error ? "usa-input usa-input--error" : "usa-input"}
        id={id}
        name={name}
        type="password"
        autocomplete={autocomplete}
        maxlength={maxlength}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? "true" : undefined}
      />
    </Wrapper>
  );
}

export function SelectField(
  props: FieldProps & { value: string; options: Option[]; emptyLabel?: string },
) {
  const { id, name, value, options, emptyLabel, hint, error } = props;
  return (
    <Wrapper {...props}>
      <select
        class={error ? "usa-select usa-input--error" : "usa-select"}
        id={id}
        name={name}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? "true" : undefined}
      >
        {emptyLabel !== undefined ? (
          <option value="" selected={value === ""} safe>
            {emptyLabel}
          </option>
        ) : (
          ""
        )}
        {options.map((o) => (
          <option value={o.value} selected={o.value === value} lang={o.lang} safe>
            {o.label}
          </option>
        ))}
      </select>
    </Wrapper>
  );
}

export function TextArea(
  props: FieldProps & {
    value: string;
    maxlength: number;
    /** The text's language and direction, when it is not the page's (a translation). */
    lang?: string;
    dir?: "ltr" | "rtl";
    /** Takes the focus on load (the language an editor chose to write). */
    autofocus?: boolean;
  },
) {
  const { id, name, value, maxlength, lang, dir, autofocus, hint, error } = props;
  return (
    <Wrapper {...props}>
      <textarea
        class={error ? "usa-textarea usa-input--error" : "usa-textarea"}
        id={id}
        name={name}
        maxlength={String(maxlength)}
        lang={lang}
        dir={dir}
        autofocus={autofocus}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? "true" : undefined}
        safe
      >
        {value}
      </textarea>
    </Wrapper>
  );
}

/** One checkbox that must (or may) be ticked; its label says what ticking means. */
export function Checkbox({
  id,
  name,
  label,
  checked,
  error,
}: Omit<FieldProps, "hint"> & { checked: boolean }) {
  return (
    <div class={error ? "usa-form-group usa-form-group--error" : "usa-form-group"}>
      {error ? (
        <span class="usa-error-message" id={`${id}-error`} safe>
          {error}
        </span>
      ) : (
        ""
      )}
      <div class="usa-checkbox">
        <input
          class="usa-checkbox__input"
          id={id}
          type="checkbox"
          name={name}
          value="yes"
          checked={checked}
          aria-describedby={error ? `${id}-error` : undefined}
          aria-invalid={error ? "true" : undefined}
        />
        <label class="usa-checkbox__label" for={id} safe>
          {label}
        </label>
      </div>
    </div>
  );
}

/**
 * The list of refused fields at the top of a form, each linking to its field. It is the page's one
 * alert and takes the focus on load (`errorFocus`), so a person who sent the form lands on what
 * to fix; http/render.ts prefixes the page's title with "Error:".
 */
export function ErrorSummary({
  heading,
  errors,
}: {
  heading: string;
  errors: { id: string; message: string }[];
}) {
  if (errors.length === 0) return "";
  return (
    <div {...errorFocus} class="usa-alert usa-alert--error">
      <div class="usa-alert__body">
        <h2 class="usa-alert__heading" safe>
          {heading}
        </h2>
        <ul class="usa-list usa-list--unstyled">
          {errors.map((e) => (
            <li>
              <a href={`#${e.id}`} safe>
                {e.message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/**
 * The shell of a page's filter form (GET): a fieldset of fields in a grid, a button to apply
 * them and a link back to the unfiltered page (`action`).
 */
export function FilterForm({
  id,
  action,
  legend,
  apply,
  clear,
  children,
}: {
  id?: string;
  /** The localized path of the page being filtered. */
  action: string;
  legend: string;
  apply: string;
  clear: string;
  children?: Children;
}) {
  return (
    <form class="usa-form cfa-filters" id={id} method="get" action={action}>
      <fieldset class="usa-fieldset">
        <legend class="usa-legend usa-legend--large" safe>
          {legend}
        </legend>
        <div class="cfa-filters__grid">{children}</div>
        <div class="cfa-filters__actions">
          <button class="usa-button" type="submit" safe>
            {apply}
          </button>
          <a class="usa-button usa-button--outline" href={action} safe>
            {clear}
          </a>
        </div>
      </fieldset>
    </form>
  );
}
