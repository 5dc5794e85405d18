import 'reflect-metadata'; // the kinds bring their GraphQL types, whose decorators need it, into scripts that load no schema
import type { CitationSubject } from '../db/database';
import { licenseKind } from '../licenses/license.kind';
import { organizationKind } from '../organizations/organization.kind';
import { personKind } from '../people/person.kind';
import { policyActionKind } from '../policy-actions/policy-action.kind';
import { positionKind } from '../positions/position.kind';
import { releaseKind } from '../releases/release.kind';
import type { KindDef, MainTable, RecordKind } from './kind';

/*
 * Every record kind, one line each. The order is the order of writing: a kind comes after
 * the kinds it refers to (references within one kind are written in a second pass).
 */
const BY_KEY: { [K in RecordKind]: KindDef<K, MainTable> } = {
  organizations: organizationKind,
  people: personKind,
  licenses: licenseKind,
  releases: releaseKind,
  policyPositions: positionKind,
  policyActions: policyActionKind,
};

export type AnyKind = { [K in RecordKind]: KindDef<K, MainTable> }[RecordKind];

export const KINDS: readonly AnyKind[] = Object.values(BY_KEY);
export const RECORD_KINDS: readonly RecordKind[] = KINDS.map((k) => k.key);

export const kindOf = <K extends RecordKind>(key: K): KindDef<K, MainTable> => BY_KEY[key];

export const isRecordKind = (key: string): key is RecordKind => Object.hasOwn(BY_KEY, key);

export function kindBySubject(subject: CitationSubject): AnyKind {
  return KINDS.find((k) => k.subject === subject)!;
}

/** The kind whose GraphQL type (and global-id prefix) is `typeName`. */
export function kindByType(typeName: string): AnyKind | undefined {
  return KINDS.find((k) => k.typeName === typeName);
}
