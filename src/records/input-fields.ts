import { Field, InputType } from 'type-graphql';
import { userError, type UserError } from '../curation/user-error';
import type { DatePrecision } from '../domain/vocabulary';
import { DatePrecisionEnum } from '../graphql/enums';
import { DateScalar } from '../graphql/scalars/date.scalar';

/*
 * Mutation input fields, declared per kind from field lists (the decorators type-graphql
 * would apply by hand), and the folding of an input's nested values into seed format.
 * Field names are the seed file's keys, plus a `...Precision` beside each date.
 */

type TypeFn = () => unknown;
export interface FieldSpec {
  type: TypeFn;
  description: string;
  /** Required when creating (every field is optional in an update). */
  required?: boolean;
  /** Required in an update too (the record's id and version). */
  always?: boolean;
}
export type Fields = Record<string, FieldSpec>;

/** Declares a GraphQL input class from a field list. */
export function inputClass(name: string, description: string, fields: Fields, partial: boolean): new () => object {
  const cls = { [name]: class {} }[name]!;
  for (const [key, spec] of Object.entries(fields)) {
    Field(spec.type as () => object, { nullable: !spec.required || (partial && !spec.always), description: spec.description })(
      cls.prototype,
      key,
    );
  }
  InputType(name, { description })(cls);
  return cls;
}

export const precisionField = (of: string): FieldSpec => ({
  type: () => DatePrecisionEnum,
  description: `How much of ${of} is known: DAY (the default), MONTH or YEAR. With MONTH or YEAR give the first day of the period, e.g. 2017-01-01 for "January 2017".`,
});

@InputType({
  description:
    'A source for a fact: where a curator can check it. A URL already cited elsewhere must keep its details; fields left out take the stored ones.',
})
export class SourceInput {
  @Field(() => String, { description: 'Absolute http(s) URL of the source.' })
  url!: string;

  @Field(() => String, { description: 'The title as the source gives it.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Who published it, e.g. "Meta AI" or "The Verge".' })
  publisher?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'When it was published.' })
  publishedOn?: string | null;

  @Field(() => DatePrecisionEnum, { nullable: true, description: 'How much of `publishedOn` is known (DAY when left out).' })
  publishedOnPrecision?: DatePrecision | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A snapshot of the document on a web archive (web.archive.org or archive.today); like the other details, it belongs to the URL.',
  })
  archiveUrl?: string | null;
}

export const sourcesField = (required: boolean): FieldSpec => ({
  type: () => [SourceInput],
  required,
  description: required
    ? 'Sources for the record, at least one. In an update, the new full list.'
    : 'Sources for the record. In an update, the new full list.',
});
export const dateFields = (of: string, description: string): { date: FieldSpec; datePrecision: FieldSpec } => ({
  date: { type: () => DateScalar, required: true, description },
  datePrecision: { ...precisionField(of), required: true },
});

export type Plain = Record<string, unknown>;

/** A GraphQL input object as plain JSON (class instances and undefined fields gone; nulls kept). */
export const plain = (input: object): Plain => JSON.parse(JSON.stringify(input)) as Plain;

export function dropNulls(value: Plain): Plain {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null));
}

/** An ISO date and its precision as the seed writes it ("2017-01" for January 2017). */
export function seedDate(iso: string, precision: DatePrecision, path: string[], errors: UserError[]): string {
  if (precision === 'MONTH' && !iso.endsWith('-01'))
    errors.push(userError(path, `with precision MONTH the date must be the first of its month, e.g. ${iso.slice(0, 8)}01`, 'INVALID'));
  if (precision === 'YEAR' && !iso.endsWith('-01-01'))
    errors.push(userError(path, `with precision YEAR the date must be the first of January, e.g. ${iso.slice(0, 5)}01-01`, 'INVALID'));
  return precision === 'YEAR' ? iso.slice(0, 4) : precision === 'MONTH' ? iso.slice(0, 7) : iso;
}

/** Folds `xOn` + `xOnPrecision` input pairs in a nested object into seed dates. */
export function foldDates(value: Plain, keys: readonly string[], path: string[], errors: UserError[]): Plain {
  const out = dropNulls(value);
  for (const key of keys) {
    const precisionKey = `${key}Precision`;
    const precision = out[precisionKey] as DatePrecision | undefined;
    delete out[precisionKey];
    if (out[key] === undefined) {
      if (precision !== undefined) errors.push(userError([...path, precisionKey], `a precision needs a date: give ${key} too`, 'INVALID'));
      continue;
    }
    out[key] = seedDate(out[key] as string, precision ?? 'DAY', [...path, key], errors);
  }
  return out;
}

export const foldSources = (list: unknown, path: string[], errors: UserError[]) =>
  Array.isArray(list) ? list.map((s, i) => foldDates(s as Plain, ['publishedOn'], [...path, String(i)], errors)) : list;
