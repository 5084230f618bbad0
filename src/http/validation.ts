// Validation, one way for forms and the API: TypeBox schemas (typed handlers through the type
// provider), checked by Ajv with every error collected, each turned into a field error with its
// reason and the values its message needs ("301 of 280 characters"). The markup and control
// character rule is a string format, so a schema says it and nothing checks twice.
import ValidatorSelector from "@fastify/ajv-compiler";
import SerializerSelector from "@fastify/fast-json-stringify-compiler";
import { Ajv, type ErrorObject } from "ajv";
import addFormats from "ajv-formats";
import type { FastifyServerOptions } from "fastify";
import { type Static, type TSchema, Type } from "typebox";
import type { MessageKey, Translate } from "../i18n/index.js";
import type { FieldError } from "./errors.js";

/** Control characters other than tab, newline and carriage return. */
const CONTROL = /[^\P{Cc}\t\n\r]/u;
/** Any control character, line breaks (and Unicode line and paragraph separators) included. */
const CONTROL_OR_BREAK = /[\p{Cc}\u2028\u2029]/u;
/** Something that reads as an HTML tag, comment or declaration: "<b", "</", "<!", "<?". */
const MARKUP = /<[\p{L}/!?]/u;

/**
 * The string formats of our own. `text`: several lines of plain text, no markup (nobody's reason
 * needs "<b>", and refusing it keeps pasted HTML and script probes out of the data; "a < b" is
 * fine). `line`: one line of plain text (a name, a title, a subject: a line break there could
 * forge a mail header or a second line in a mail). `markdown`: text whose tags are text to show.
 */
export const TEXT_FORMATS = {
  text: (value: string) => !CONTROL.test(value) && !MARKUP.test(value),
  line: (value: string) => !CONTROL_OR_BREAK.test(value) && !MARKUP.test(value),
  markdown: (value: string) => !CONTROL.test(value),
} as const;

/** The schema keyword that marks a field kept as typed (unknown keywords are ignored by Ajv). */
const AS_TYPED = "x-as-typed";

type TextOptions = {
  maxLength: number;
  minLength?: number;
  pattern?: string;
  description?: string;
};

/** A field of several lines of plain text (see TEXT_FORMATS). Empty unless `minLength`. */
export const Text = (options: TextOptions) => Type.String({ format: "text", ...options });
/** A field of one line of plain text. */
export const Line = (options: TextOptions) => Type.String({ format: "line", ...options });
/** A field of Markdown: tags allowed, control characters not. */
export const Markdown = (options: TextOptions) => Type.String({ format: "markdown", ...options });
/** One of a fixed list of values (a select, radio buttons). */
export const Choice = <const V extends readonly string[]>(values: V) =>
  Type.Unsafe<V[number]>({ type: "string", enum: [...values] });

/**
 * A password: any characters, any spaces, kept exactly as typed (registerFormPost trims other
 * fields); a view never echoes it. ajv-formats' "password" accepts any string. Without
 * `maxLength` the body limit bounds it, and the handler says what a too-long one means (a wrong
 * password when signing in, "too long" when choosing one).
 */
export const Password = (options: { maxLength?: number; minLength?: number } = {}) =>
  Type.String({ format: "password", [AS_TYPED]: true, ...options });

/**
 * The same field, kept exactly as typed (not trimmed): a pasted CSV whose first or last line may
 * be blank, whose line numbers must match what the person sees.
 */
export const untrimmed = <S extends TSchema>(schema: S): S => ({ ...schema, [AS_TYPED]: true });

/** Whether registerFormPost keeps a field as typed (`Password`, `untrimmed`). */
export const keptAsTyped = (schema: TSchema | undefined): boolean =>
  schema !== undefined && (schema as Record<string, unknown>)[AS_TYPED] === true;

/** A form's fields: every value a string (the body of an HTML form post). */
export type FormSchema = ReturnType<typeof Type.Object>;
export type FormValues<S extends TSchema> = Static<S>;

/** Adds the text formats (Fastify's own Ajv already has ajv-formats' standard ones). */
function addTextFormats(ajv: Ajv): Ajv {
  for (const [name, validate] of Object.entries(TEXT_FORMATS)) {
    ajv.addFormat(name, { type: "string", validate });
  }
  return ajv;
}

/**
 * The Ajv of forms: every error, no type coercion (a JSON body's number is not a name), the
 * standard formats (email, date, uri) and ours.
 */
export const formAjv = addTextFormats(
  addFormats.default(
    new Ajv({ allErrors: true, coerceTypes: false, useDefaults: true, strict: false }),
  ),
);

/** What a compiled schema is to Fastify: a function of the data, with Ajv's `errors` after it. */
interface Validator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/**
 * What `compile` makes, made on first use rather than now. Compiling every route's schemas when
 * the app started took 0.6 of the 2 seconds from start to first page (docs/decisions/0030); most
 * routes are not called in a process's first minutes, and a route's first call pays a few ms.
 * Each compiler is kept until it runs, so `compileAllWaiting` (the test of every schema) can run
 * them all.
 */
function onFirstUse<T>(compile: () => T): () => T {
  let made: { value: T } | undefined;
  const get = () => {
    if (!made) {
      made = { value: compile() };
      waiting.delete(get);
    }
    return made.value;
  };
  waiting.add(get);
  return get;
}

const waiting = new Set<() => unknown>();

/** Compiles every schema still waiting for its first use (one that cannot compile throws). */
export function compileAllWaiting(): number {
  let count = 0;
  for (const compile of waiting) {
    compile();
    count++;
  }
  return count;
}

/** A validator compiled on its first call (`onFirstUse`). */
export function compiledOnFirstUse(compile: () => Validator): Validator {
  const compiled = onFirstUse(compile);
  const validate: Validator = (data) => {
    const check = compiled();
    const valid = check(data);
    validate.errors = check.errors;
    return valid;
  };
  return validate;
}

/** A compiler factory as Fastify calls it: once per context, then once per route schema. */
type Factory<R> = (externalSchemas: unknown, options: unknown) => (route: unknown) => R;
type Serializer = (data: unknown) => string;
const validators = ValidatorSelector() as unknown as Factory<Validator>;
const serializers = SerializerSelector() as Factory<Serializer>;

/**
 * Fastify's own compilers (Ajv for the API's requests, fast-json-stringify for its responses),
 * each route's schema compiled on its first use as above.
 */
export const lazyCompilers = {
  buildValidator: ((...context) => {
    const compiler = onFirstUse(() => validators(...context));
    return (route) => compiledOnFirstUse(() => compiler()(route));
  }) satisfies Factory<Validator>,
  buildSerializer: ((...context) => {
    const compiler = onFirstUse(() => serializers(...context));
    return (route) => {
      const serialize = onFirstUse(() => compiler()(route));
      return (data) => serialize()(data);
    };
  }) satisfies Factory<Serializer>,
  // @fastify/ajv-compiler's types describe its factory's result as Ajv's compile (a schema in),
  // where Fastify passes it a route's definition: the cast is to what Fastify does.
} as unknown as NonNullable<FastifyServerOptions["schemaController"]>["compilersFactory"];

/** The options for `Fastify({ ajv })`: every error, and the same text formats for the API. */
export const fastifyAjvOptions = {
  customOptions: { allErrors: true },
  plugins: [addTextFormats],
};

/** Where an Ajv error points, as the form or JSON names it ("email", "address.city"). */
function fieldOf(error: ErrorObject, context?: string): string {
  const path = error.instancePath.replace(/^\//, "").replaceAll("/", ".");
  const missing = (error.params as { missingProperty?: string }).missingProperty;
  return [path, missing].filter(Boolean).join(".") || context || "body";
}

function valueAt(data: unknown, pointer: string): unknown {
  let value = data;
  for (const part of pointer.split("/").slice(1)) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[part.replaceAll("~1", "/").replaceAll("~0", "~")];
  }
  return value;
}

const length = (value: unknown) => (typeof value === "string" ? [...value].length : 0);

/** One Ajv error as a field error with its reason. */
function reasonOf(error: ErrorObject, data: unknown): Omit<FieldError, "field"> {
  const value = valueAt(data, error.instancePath);
  const limit = (error.params as { limit?: number }).limit ?? 0;
  switch (error.keyword) {
    case "required":
      return { id: "errors.field.required" };
    case "minLength":
      return value === "" || value === undefined
        ? { id: "errors.field.required" }
        : { id: "errors.field.too_short", values: { limit, length: length(value) } };
    case "maxLength":
      return { id: "errors.field.too_long", values: { limit, length: length(value) } };
    case "format": {
      const format = (error.params as { format?: string }).format;
      if (typeof value === "string" && format && format in TEXT_FORMATS) {
        if (format !== "markdown" && MARKUP.test(value)) return { id: "errors.field.markup" };
        if (format === "line" && /[\r\n\u2028\u2029]/.test(value))
          return { id: "errors.field.line_break" };
        return { id: "errors.field.control" };
      }
      return { id: "errors.field.invalid" };
    }
    case "enum":
    case "const":
    case "anyOf":
      return { id: "errors.field.choice" };
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return { id: "errors.field.out_of_range", values: { limit } };
    default:
      return { id: "errors.field.invalid" };
  }
}

// When one field breaks several rules, the one to tell a person first.
const PRIORITY: MessageKey[] = [
  "errors.field.required",
  "errors.field.control",
  "errors.field.line_break",
  "errors.field.markup",
  "errors.field.too_long",
  "errors.field.too_short",
  "errors.field.choice",
  "errors.field.out_of_range",
  "errors.field.invalid",
];

/**
 * Ajv's errors as one field error per field (the most telling when a field breaks several rules,
 * and an enum's alternatives fold into one "choose one of the options").
 */
export function fieldErrors(errors: readonly ErrorObject[], data: unknown, context?: string) {
  const byField = new Map<string, FieldError>();
  for (const error of errors) {
    const field = fieldOf(error, context);
    const reason = { field, ...reasonOf(error, data) };
    const known = byField.get(field);
    if (!known || PRIORITY.indexOf(reason.id) < PRIORITY.indexOf(known.id))
      byField.set(field, reason);
  }
  return [...byField.values()];
}

/** Reasons specific enough to say instead of the field's own message. */
const SPECIFIC = new Set<string>([
  "errors.field.too_long",
  "errors.field.markup",
  "errors.field.control",
  "errors.field.line_break",
]);

/**
 * The message for a refused field: why, when the reason is specific ("This is 301 characters
 * long; the limit is 120."), else the field's own message (`own`), which says what it takes
 * ("Enter your name."). So a field's own message never needs to list every rule, and an empty
 * field is not told about a length it did not break.
 */
export function fieldMessage(t: Translate, error: FieldError, own: string): string {
  return SPECIFIC.has(error.id) ? t(error.id, error.values) : own;
}
