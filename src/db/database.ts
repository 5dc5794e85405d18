import type { Generated, Insertable, Selectable } from 'kysely';
import type {
  AccessLevel,
  ArtifactType,
  Availability,
  Modality,
  OpenWeightsTreatment,
  OrganizationKind,
  PolicyActionKind,
  PolicyActionStatus,
  PolicyTopic,
  RelationType,
  Stance,
  TimelineEventType,
} from '../domain/vocabulary';

/*
 * Table typing after kysely's example/src/database.ts: one interface per table, composed
 * into `Database`. Dates are ISO `YYYY-MM-DD` text on both dialects (they sort and compare
 * as text), each paired with its precision. Booleans pass through the dialect adapter.
 */

export type DatePrecisionValue = 'DAY' | 'MONTH' | 'YEAR';

interface Versioned {
  /** Bumped on every change; optimistic-locking token for writers. */
  version: Generated<number>;
  /** Hash of the record as last written by the seed, so re-seeding can tell unchanged records. */
  content_hash: string | null;
  created_at: Generated<string>;
  updated_at: Generated<string>;
  /** Where the record's current content came from: a seed file or an edit through the API. */
  origin: Generated<RecordOrigin>;
}

export type RecordOrigin = 'SEED' | 'API';

export interface OrganizationTable extends Versioned {
  id: Generated<number>;
  slug: string;
  name: string;
  kind: OrganizationKind;
  description: string | null;
  website: string | null;
  stock_ticker: string | null;
  business_model: string | null;
}

export interface PersonTable extends Versioned {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string | null;
}

export interface RoleTable {
  id: Generated<number>;
  person_id: number;
  organization_id: number;
  ordinal: number;
  title: string;
  started_on: string | null;
  started_on_precision: DatePrecisionValue | null;
  ended_on: string | null;
  ended_on_precision: DatePrecisionValue | null;
}

export interface LicenseTable extends Versioned {
  id: Generated<number>;
  slug: string;
  name: string;
  spdx_id: string | null;
  url: string | null;
  osi_approved: boolean;
  allows_commercial_use: boolean;
  user_threshold: number | null;
}

export interface LicenseRestrictionTable {
  license_id: number;
  ordinal: number;
  text: string;
}

export interface ReleaseTable extends Versioned {
  id: Generated<number>;
  slug: string;
  name: string;
  title: string;
  artifact_type: ArtifactType;
  family: string | null;
  organization_id: number;
  date: string;
  date_precision: DatePrecisionValue;
  summary: string | null;
  access_level: AccessLevel;
  /** Derived from access_level, stored so the open-only filter can use an index. */
  is_open: boolean;
  license_id: number | null;
  predecessor_id: number | null;
  /** Openness by component: the seven are null together, for a release with none (software, datasets, models not assessed). */
  openness_weights: Availability | null;
  openness_inference_code: Availability | null;
  openness_training_code: Availability | null;
  openness_training_data: Availability | null;
  openness_data_card: Availability | null;
  openness_model_card: Availability | null;
  openness_paper: Availability | null;
  /** Meets the OSI Open Source AI Definition 1.0; null while not assessed. */
  openness_meets_osaid: boolean | null;
  openness_note: string | null;
}

export interface ReleaseVariantTable {
  release_id: number;
  ordinal: number;
  name: string;
  parameter_count: number | null;
  active_parameter_count: number | null;
  /** A staged release's later date and other access level; null where they are the release's. */
  date: string | null;
  date_precision: DatePrecisionValue | null;
  access_level: AccessLevel | null;
}

export interface ReleaseModalityTable {
  release_id: number;
  ordinal: number;
  modality: Modality;
}

export interface ReleaseComparisonTable {
  release_id: number;
  compared_release_id: number;
  ordinal: number;
}

export interface PolicyPositionTable extends Versioned {
  id: Generated<number>;
  slug: string;
  title: string;
  date: string;
  date_precision: DatePrecisionValue;
  summary: string | null;
  actor_person_id: number | null;
  actor_organization_id: number | null;
  organization_id: number;
  topic: PolicyTopic;
  stance: Stance;
  quote: string | null;
}

export interface PositionArgumentTable {
  position_id: number;
  ordinal: number;
  text: string;
}

export interface PolicyActionTable extends Versioned {
  id: Generated<number>;
  slug: string;
  title: string;
  date: string;
  date_precision: DatePrecisionValue;
  summary: string | null;
  kind: PolicyActionKind;
  status: PolicyActionStatus;
  /** A code of the closed list `Jurisdictions`, e.g. `US-CA`. */
  jurisdiction: string;
  official_name: string | null;
  /** The issuing body. */
  organization_id: number;
  open_weights: OpenWeightsTreatment;
  open_weights_note: string | null;
}

export interface PolicyActionSignatoryTable {
  action_id: number;
  ordinal: number;
  organization_id: number;
}

export interface PolicyActionMilestoneTable {
  action_id: number;
  ordinal: number;
  label: string;
  date: string;
  date_precision: DatePrecisionValue;
}

/**
 * A typed link from one timeline event (the source) to another (the target), for every
 * kind of event: each side is named by its type (the subject name, e.g. POLICY_ACTION)
 * and its row id. Child rows of the source, replaced whole with it.
 */
export interface EventRelationTable {
  source_type: TimelineEventType;
  source_id: number;
  ordinal: number;
  relation_type: RelationType;
  target_type: TimelineEventType;
  target_id: number;
  note: string | null;
}

export interface SourceTable {
  id: Generated<number>;
  /** Stable short hash of the URL: the slug behind a Source's global id. */
  key: string;
  url: string;
  title: string;
  publisher: string | null;
  published_on: string | null;
  published_on_precision: DatePrecisionValue | null;
  accessed_on: string | null;
  accessed_on_precision: DatePrecisionValue | null;
  /** A web archive's snapshot of the document. */
  archive_url: string | null;
}

/** Which record cites which source; one table for every kind of subject. */
export type CitationSubject = 'ORGANIZATION' | 'PERSON' | 'LICENSE' | 'RELEASE' | 'POLICY_POSITION' | 'POLICY_ACTION';
export interface CitationTable {
  subject_type: CitationSubject;
  subject_id: number;
  /** Which of the record's source lists, by its seed path: `sources` (its own) or a nested one (`openness.sources`). */
  list: string;
  source_id: number;
  ordinal: number;
}

/** One searchable record; the dialect adds its own index columns. */
export interface SearchDocumentTable {
  kind: string;
  slug: string;
  title: string;
  body: string;
}

export type Role = 'READER' | 'EDITOR' | 'ADMIN';
export interface ApiKeyTable {
  id: Generated<number>;
  name: string;
  role: Role;
  key_hash: string;
  prefix: string;
  created_at: Generated<string>;
  revoked_at: string | null;
  last_used_at: string | null;
}

/** One recorded change: who (key name), when, what (before/after as seed-format JSON) and why. */
export type ChangeOperation = 'CREATE' | 'UPDATE' | 'DELETE' | 'SEED';
export interface ChangeTable {
  id: Generated<number>;
  subject_type: CitationSubject;
  subject_slug: string;
  /** The row changed (its id in the kind's table); null for changes to records deleted before this was kept. */
  subject_id: number | null;
  operation: ChangeOperation;
  /** The mutation (or script) that made the change, e.g. `updateRelease`, `db:seed`. */
  mutation: string | null;
  key_name: string | null;
  /** The key's role when it made the change (shown instead of the name to all but admins). */
  key_role: Role | null;
  reason: string | null;
  /** The record's version after the change (null after a delete). */
  version: number | null;
  before: string | null;
  after: string | null;
  changed_at: Generated<string>;
}

/** A record a curator deleted: re-seeding does not bring it back. */
export interface TombstoneTable {
  subject_type: CitationSubject;
  slug: string;
  deleted_at: Generated<string>;
}

export interface DataVersionTable {
  id: number;
  version: number;
}

export interface Database {
  organizations: OrganizationTable;
  people: PersonTable;
  roles: RoleTable;
  licenses: LicenseTable;
  license_restrictions: LicenseRestrictionTable;
  releases: ReleaseTable;
  release_variants: ReleaseVariantTable;
  release_modalities: ReleaseModalityTable;
  release_comparisons: ReleaseComparisonTable;
  policy_positions: PolicyPositionTable;
  position_arguments: PositionArgumentTable;
  policy_actions: PolicyActionTable;
  policy_action_signatories: PolicyActionSignatoryTable;
  policy_action_milestones: PolicyActionMilestoneTable;
  event_relations: EventRelationTable;
  sources: SourceTable;
  citations: CitationTable;
  search_documents: SearchDocumentTable;
  data_version: DataVersionTable;
  api_keys: ApiKeyTable;
  changes: ChangeTable;
  tombstones: TombstoneTable;
}

export type OrganizationRow = Selectable<OrganizationTable>;
export type PersonRow = Selectable<PersonTable>;
export type RoleRow = Selectable<RoleTable>;
export type LicenseRow = Selectable<LicenseTable>;
export type ReleaseRow = Selectable<ReleaseTable>;
export type VariantRow = Selectable<ReleaseVariantTable>;
export type PolicyPositionRow = Selectable<PolicyPositionTable>;
export type PolicyActionRow = Selectable<PolicyActionTable>;
export type PolicyActionMilestoneRow = Selectable<PolicyActionMilestoneTable>;
export type EventRelationRow = Selectable<EventRelationTable>;
export type SourceRow = Selectable<SourceTable>;
export type NewRelease = Insertable<ReleaseTable>;
export type ApiKeyRow = Selectable<ApiKeyTable>;
export type ChangeRow = Selectable<ChangeTable>;
