/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** How the public can get at the artifact (after Solaiman's release gradient and Epoch AI's accessibility field). */
export type AccessLevel =
  /** Programmatic access through an API; the weights are not released. */
  | 'API'
  /** Not available outside the organization. */
  | 'CLOSED'
  /** Weights downloadable only after an application or approval, for example research-only access. */
  | 'GATED_WEIGHTS'
  /** Usable only inside the organization's own product. */
  | 'HOSTED'
  /** Released under an OSI-approved license. */
  | 'OPEN_SOURCE'
  /** Weights freely downloadable under a license with use restrictions (not OSI-approved). */
  | 'OPEN_WEIGHTS';

/** What kind of artifact was released. */
export type ArtifactType =
  /** A dataset. */
  | 'DATASET'
  /** A trained model (weights, or a model served through an API). */
  | 'MODEL'
  /** A software library or tool. */
  | 'SOFTWARE';

/** Whether one component of a release can be had, and on what terms (after the Model Openness Framework). */
export type Availability =
  /** Not released. */
  | 'CLOSED'
  /** The component does not exist for this release. */
  | 'NOT_APPLICABLE'
  /** Available under OSI-approved or equivalent open terms (for data and documents: an open license such as CC BY, or public release without use restrictions). */
  | 'OPEN'
  /** Available, but with use restrictions, a user cap, or an approval or gating step. */
  | 'RESTRICTED'
  /** Could not be determined. */
  | 'UNKNOWN';

/** How much of a date is known. */
export type DatePrecision =
  /** The exact day is known. */
  | 'DAY'
  /** Only the month is known; the date is the first of that month. */
  | 'MONTH'
  /** Only the year is known; the date is 1 January of that year. */
  | 'YEAR';

/** A kind of data a model takes in or produces. */
export type Modality =
  /** Audio or speech. */
  | 'AUDIO'
  /** Source code. */
  | 'CODE'
  /** Images. */
  | 'IMAGE'
  /** Natural-language text. */
  | 'TEXT'
  /** Video. */
  | 'VIDEO';

/** How a measure treats openly released model weights. */
export type OpenWeightsTreatment =
  /** Exempts openly released models from some of its duties. */
  | 'EXEMPTS'
  /** Calls for watching or studying open-weight models before deciding on them. */
  | 'MONITORS'
  /** Does not speak to openly released weights. */
  | 'NOT_ADDRESSED'
  /** Limits or adds duties to the open release of model weights. */
  | 'RESTRICTS'
  /** Encourages or protects the open release of model weights. */
  | 'SUPPORTS';

/** What sort of organization this is. */
export type OrganizationKind =
  /** A university or academic research institute. */
  | 'ACADEMIC'
  /** A for-profit company. */
  | 'COMPANY'
  /** A government body or agency. */
  | 'GOVERNMENT'
  /** A body of several governments, such as the OECD, the G7 or a summit of states. */
  | 'INTERGOVERNMENTAL'
  /** A non-profit organization. */
  | 'NONPROFIT'
  /** An organization that maintains standards or definitions, such as the Open Source Initiative. */
  | 'STANDARDS_BODY';

/** What a government, legislature, regulator, court or intergovernmental body did. */
export type PolicyActionKind =
  /** A proposed law before a legislature. */
  | 'BILL'
  /** A call for comments or evidence from a public body. */
  | 'CONSULTATION'
  /** A decision of a court. */
  | 'COURT_RULING'
  /** A joint statement signed by several governments or organizations, such as a summit declaration. */
  | 'DECLARATION'
  /** An order issued by a head of government or state under executive power. */
  | 'EXECUTIVE_ORDER'
  /** Non-binding guidance, a framework or a code of practice from a public body. */
  | 'GUIDANCE'
  /** A statute or act passed by a legislature and enacted. */
  | 'LAW'
  /** A binding rule made by a regulator or under delegated power. */
  | 'REGULATION'
  /** A report or study published by a public body. */
  | 'REPORT'
  /** A technical standard published by a standards or public body. */
  | 'STANDARD'
  /** Commitments that companies made to a government or a summit, without legal force. */
  | 'VOLUNTARY_COMMITMENT';

/** Where a policy action stands. */
export type PolicyActionStatus =
  /** Adopted, signed or published, but not (yet) in force or binding. */
  | 'ADOPTED'
  /** No longer applies because its term ended. */
  | 'EXPIRED'
  /** In force: it applies now, at least in part. */
  | 'IN_FORCE'
  /** Proposed or under consideration, not yet adopted. */
  | 'PROPOSED'
  /** Revoked or repealed after adoption. */
  | 'REVOKED'
  /** Replaced by a later measure. */
  | 'SUPERSEDED'
  /** Passed by a legislature and vetoed. */
  | 'VETOED'
  /** Withdrawn by whoever proposed it before adoption. */
  | 'WITHDRAWN';

/** What a policy position is about. */
export type PolicyTopic =
  /** Proposition: governments should regulate AI developers by law, placing binding duties, in statute or regulation, on those who build or release AI models. */
  | 'AI_REGULATION'
  /** Proposition: the most capable AI systems can cause serious harm (misuse such as help with weapons or cyberattacks, accidents, loss of control), so their developers should test them and put safeguards in place before release, holding back what they cannot make safe. Whether open release is itself safer is an OPEN_SOURCE_AI question. */
  | 'AI_SAFETY'
  /** Proposition: a few firms hold too much power over AI (models, compute, data or distribution), and competition authorities or lawmakers should act to keep the market open to rivals. */
  | 'COMPETITION'
  /** Proposition: releasing capable AI models openly serves a nation's security better than keeping their weights closed; SUPPORTS means open models strengthen national security, OPPOSES that security calls for restricting or guarding them. */
  | 'NATIONAL_SECURITY'
  /** Proposition: capable AI models should be released openly, with their weights downloadable by anyone, and ideally their code, training data details and technical documentation published too. */
  | 'OPEN_SOURCE_AI';

/** A typed link from one timeline event to another. */
export type RelationType =
  /** The event amends the other, e.g. a law changing an earlier law. */
  | 'AMENDS'
  /** The event builds on the other, e.g. a model trained further from an earlier one. */
  | 'BASED_ON'
  /** The event carries out the other, e.g. a consultation held under an executive order. */
  | 'IMPLEMENTS'
  /** The event answers the other, e.g. a company's refusal to sign a code of practice. */
  | 'RESPONDS_TO'
  /** The event revokes or rescinds the other, e.g. an executive order revoking an earlier one. */
  | 'REVOKES'
  /** The event replaces the other, e.g. a final code of practice replacing a draft. */
  | 'SUPERSEDES';

/** Where a position stands on its topic's proposition. */
export type Stance =
  /** Partly for and partly against the topic's proposition, or for it only under conditions. */
  | 'MIXED'
  /** Takes no side on the topic's proposition: describes, reports or defines. */
  | 'NEUTRAL'
  /** Against the topic's proposition. */
  | 'OPPOSES'
  /** For the topic's proposition. */
  | 'SUPPORTS';

/** The kinds of timeline event. */
export type TimelineEventType =
  /** Something a government, legislature, regulator, court or intergovernmental body did. */
  | 'POLICY_ACTION'
  /** A public policy position taken by a person or organization. */
  | 'POLICY_POSITION'
  /** A release of a model, dataset or software. */
  | 'RELEASE';

/** Narrows the timeline. Fields combine with AND; a list matches any of its values. `organizations` narrows every kind of event unless `organizationsApplyTo` says which. A field particular to one kind of event leaves the others alone: release-only fields (`accessLevels`, `openOnly`), position-only fields (`topics`) and policy-action-only fields (`jurisdictions`, `policyActionKinds`). Use `eventTypes` to drop a kind entirely. */
export type TimelineFilter = {
  /** Releases with these access levels only (positions unaffected). */
  accessLevels?: Array<AccessLevel> | null | undefined;
  /** Only these kinds of event. */
  eventTypes?: Array<TimelineEventType> | null | undefined;
  /** On or after this date (inclusive). */
  from?: string | null | undefined;
  /** Policy actions in these jurisdictions only, by code, e.g. `["US", "EU"]` (other events unaffected). An unknown code is an error. */
  jurisdictions?: Array<string> | null | undefined;
  /** When true, releases whose `isOpen` is true only (positions unaffected unless `eventTypes` excludes them). */
  openOnly?: boolean | null | undefined;
  /** Organization slugs, e.g. `["meta"]`: events of these organizations, and policy actions they issued or signed. An unknown slug is an error. */
  organizations?: Array<string> | null | undefined;
  /** The kinds of event that `organizations` narrows; the others are left alone. Leave it out for every kind; an empty list is an error. E.g. `[RELEASE, POLICY_POSITION]` with `jurisdictions` shows some organizations beside the policy actions of some jurisdictions. */
  organizationsApplyTo?: Array<TimelineEventType> | null | undefined;
  /** Policy actions of these kinds only (other events unaffected). */
  policyActionKinds?: Array<PolicyActionKind> | null | undefined;
  /** On or before this date (inclusive). */
  to?: string | null | undefined;
  /** Positions on these topics only (releases unaffected). */
  topics?: Array<PolicyTopic> | null | undefined;
};

export type ReleaseDetailsQueryVariables = Exact<{
  slug: string;
}>;


export type ReleaseDetailsQuery = { release: { slug: string, name: string, title: string, summary: string | null, date: string, datePrecision: DatePrecision, artifactType: ArtifactType, accessLevel: AccessLevel, isOpen: boolean, modalities: Array<Modality>, organization: { name: string }, license: { name: string, url: string | null, spdxId: string | null, osiApproved: boolean, allowsCommercialUse: boolean, userThreshold: number | null, restrictions: Array<string> } | null, variants: Array<{ name: string, parameterCount: number | null, activeParameterCount: number | null, date: string | null, datePrecision: DatePrecision | null, accessLevel: AccessLevel | null }>, openness: { weights: Availability, inferenceCode: Availability, trainingCode: Availability, trainingData: Availability, dataCard: Availability, modelCard: Availability, paper: Availability, meetsOsaid: boolean | null, note: string | null, sources: Array<{ url: string, title: string, publisher: string | null, publishedOn: string | null, publishedOnPrecision: DatePrecision | null }> } | null, comparedWith: Array<{ slug: string, name: string, accessLevel: AccessLevel, organization: { name: string } }>, sources: Array<{ url: string, title: string, publisher: string | null, publishedOn: string | null, publishedOnPrecision: DatePrecision | null }>, relations: Array<{ type: RelationType, note: string | null, event:
        | { __typename: 'PolicyAction', kind: PolicyActionKind, status: PolicyActionStatus, officialName: string | null, openWeights: OpenWeightsTreatment, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, jurisdiction: { code: string, name: string }, organization: { slug: string, name: string } }
        | { __typename: 'PolicyPosition', topic: PolicyTopic, stance: Stance, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, actor:
            | { __typename: 'Organization', name: string }
            | { __typename: 'Person', name: string }
          , organization: { slug: string, name: string } }
        | { __typename: 'Release', name: string, accessLevel: AccessLevel, isOpen: boolean, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, organization: { slug: string, name: string } }
       }>, referencedBy: Array<{ type: RelationType, note: string | null, event:
        | { __typename: 'PolicyAction', kind: PolicyActionKind, status: PolicyActionStatus, officialName: string | null, openWeights: OpenWeightsTreatment, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, jurisdiction: { code: string, name: string }, organization: { slug: string, name: string } }
        | { __typename: 'PolicyPosition', topic: PolicyTopic, stance: Stance, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, actor:
            | { __typename: 'Organization', name: string }
            | { __typename: 'Person', name: string }
          , organization: { slug: string, name: string } }
        | { __typename: 'Release', name: string, accessLevel: AccessLevel, isOpen: boolean, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, organization: { slug: string, name: string } }
       }> } | null };

export type PositionDetailsQueryVariables = Exact<{
  slug: string;
}>;


export type PositionDetailsQuery = { policyPosition: { slug: string, title: string, summary: string | null, date: string, datePrecision: DatePrecision, topic: PolicyTopic, stance: Stance, quote: string | null, arguments: Array<string>, organization: { name: string }, actor:
      | { __typename: 'Organization', name: string }
      | { __typename: 'Person', name: string }
    , sources: Array<{ url: string, title: string, publisher: string | null, publishedOn: string | null, publishedOnPrecision: DatePrecision | null }>, relations: Array<{ type: RelationType, note: string | null, event:
        | { __typename: 'PolicyAction', kind: PolicyActionKind, status: PolicyActionStatus, officialName: string | null, openWeights: OpenWeightsTreatment, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, jurisdiction: { code: string, name: string }, organization: { slug: string, name: string } }
        | { __typename: 'PolicyPosition', topic: PolicyTopic, stance: Stance, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, actor:
            | { __typename: 'Organization', name: string }
            | { __typename: 'Person', name: string }
          , organization: { slug: string, name: string } }
        | { __typename: 'Release', name: string, accessLevel: AccessLevel, isOpen: boolean, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, organization: { slug: string, name: string } }
       }>, referencedBy: Array<{ type: RelationType, note: string | null, event:
        | { __typename: 'PolicyAction', kind: PolicyActionKind, status: PolicyActionStatus, officialName: string | null, openWeights: OpenWeightsTreatment, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, jurisdiction: { code: string, name: string }, organization: { slug: string, name: string } }
        | { __typename: 'PolicyPosition', topic: PolicyTopic, stance: Stance, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, actor:
            | { __typename: 'Organization', name: string }
            | { __typename: 'Person', name: string }
          , organization: { slug: string, name: string } }
        | { __typename: 'Release', name: string, accessLevel: AccessLevel, isOpen: boolean, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, organization: { slug: string, name: string } }
       }> } | null };

export type ActionDetailsQueryVariables = Exact<{
  slug: string;
}>;


export type ActionDetailsQuery = { policyAction: { slug: string, title: string, summary: string | null, date: string, datePrecision: DatePrecision, kind: PolicyActionKind, status: PolicyActionStatus, officialName: string | null, openWeights: OpenWeightsTreatment, openWeightsNote: string | null, jurisdiction: { code: string, name: string }, organization: { name: string }, signatories: Array<{ slug: string, name: string }>, milestones: Array<{ label: string, date: string, datePrecision: DatePrecision }>, sources: Array<{ url: string, title: string, publisher: string | null, publishedOn: string | null, publishedOnPrecision: DatePrecision | null }>, relations: Array<{ type: RelationType, note: string | null, event:
        | { __typename: 'PolicyAction', kind: PolicyActionKind, status: PolicyActionStatus, officialName: string | null, openWeights: OpenWeightsTreatment, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, jurisdiction: { code: string, name: string }, organization: { slug: string, name: string } }
        | { __typename: 'PolicyPosition', topic: PolicyTopic, stance: Stance, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, actor:
            | { __typename: 'Organization', name: string }
            | { __typename: 'Person', name: string }
          , organization: { slug: string, name: string } }
        | { __typename: 'Release', name: string, accessLevel: AccessLevel, isOpen: boolean, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, organization: { slug: string, name: string } }
       }>, referencedBy: Array<{ type: RelationType, note: string | null, event:
        | { __typename: 'PolicyAction', kind: PolicyActionKind, status: PolicyActionStatus, officialName: string | null, openWeights: OpenWeightsTreatment, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, jurisdiction: { code: string, name: string }, organization: { slug: string, name: string } }
        | { __typename: 'PolicyPosition', topic: PolicyTopic, stance: Stance, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, actor:
            | { __typename: 'Organization', name: string }
            | { __typename: 'Person', name: string }
          , organization: { slug: string, name: string } }
        | { __typename: 'Release', name: string, accessLevel: AccessLevel, isOpen: boolean, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, organization: { slug: string, name: string } }
       }> } | null };

export type SourceLinkFragment = { url: string, title: string, publisher: string | null, publishedOn: string | null, publishedOnPrecision: DatePrecision | null };

type ActorName_Organization_Fragment = { __typename: 'Organization', name: string };

type ActorName_Person_Fragment = { __typename: 'Person', name: string };

export type ActorNameFragment =
  | ActorName_Organization_Fragment
  | ActorName_Person_Fragment
;

type TimelineItem_PolicyAction_Fragment = { __typename: 'PolicyAction', kind: PolicyActionKind, status: PolicyActionStatus, officialName: string | null, openWeights: OpenWeightsTreatment, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, jurisdiction: { code: string, name: string }, organization: { slug: string, name: string } };

type TimelineItem_PolicyPosition_Fragment = { __typename: 'PolicyPosition', topic: PolicyTopic, stance: Stance, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, actor:
    | { __typename: 'Organization', name: string }
    | { __typename: 'Person', name: string }
  , organization: { slug: string, name: string } };

type TimelineItem_Release_Fragment = { __typename: 'Release', name: string, accessLevel: AccessLevel, isOpen: boolean, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, organization: { slug: string, name: string } };

export type TimelineItemFragment =
  | TimelineItem_PolicyAction_Fragment
  | TimelineItem_PolicyPosition_Fragment
  | TimelineItem_Release_Fragment
;

type EventLinks_PolicyAction_Fragment = { relations: Array<{ type: RelationType, note: string | null, event:
      | { __typename: 'PolicyAction', kind: PolicyActionKind, status: PolicyActionStatus, officialName: string | null, openWeights: OpenWeightsTreatment, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, jurisdiction: { code: string, name: string }, organization: { slug: string, name: string } }
      | { __typename: 'PolicyPosition', topic: PolicyTopic, stance: Stance, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, actor:
          | { __typename: 'Organization', name: string }
          | { __typename: 'Person', name: string }
        , organization: { slug: string, name: string } }
      | { __typename: 'Release', name: string, accessLevel: AccessLevel, isOpen: boolean, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, organization: { slug: string, name: string } }
     }>, referencedBy: Array<{ type: RelationType, note: string | null, event:
      | { __typename: 'PolicyAction', kind: PolicyActionKind, status: PolicyActionStatus, officialName: string | null, openWeights: OpenWeightsTreatment, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, jurisdiction: { code: string, name: string }, organization: { slug: string, name: string } }
      | { __typename: 'PolicyPosition', topic: PolicyTopic, stance: Stance, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, actor:
          | { __typename: 'Organization', name: string }
          | { __typename: 'Person', name: string }
        , organization: { slug: string, name: string } }
      | { __typename: 'Release', name: string, accessLevel: AccessLevel, isOpen: boolean, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, organization: { slug: string, name: string } }
     }> };

type EventLinks_PolicyPosition_Fragment = { relations: Array<{ type: RelationType, note: string | null, event:
      | { __typename: 'PolicyAction', kind: PolicyActionKind, status: PolicyActionStatus, officialName: string | null, openWeights: OpenWeightsTreatment, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, jurisdiction: { code: string, name: string }, organization: { slug: string, name: string } }
      | { __typename: 'PolicyPosition', topic: PolicyTopic, stance: Stance, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, actor:
          | { __typename: 'Organization', name: string }
          | { __typename: 'Person', name: string }
        , organization: { slug: string, name: string } }
      | { __typename: 'Release', name: string, accessLevel: AccessLevel, isOpen: boolean, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, organization: { slug: string, name: string } }
     }>, referencedBy: Array<{ type: RelationType, note: string | null, event:
      | { __typename: 'PolicyAction', kind: PolicyActionKind, status: PolicyActionStatus, officialName: string | null, openWeights: OpenWeightsTreatment, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, jurisdiction: { code: string, name: string }, organization: { slug: string, name: string } }
      | { __typename: 'PolicyPosition', topic: PolicyTopic, stance: Stance, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, actor:
          | { __typename: 'Organization', name: string }
          | { __typename: 'Person', name: string }
        , organization: { slug: string, name: string } }
      | { __typename: 'Release', name: string, accessLevel: AccessLevel, isOpen: boolean, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, organization: { slug: string, name: string } }
     }> };

type EventLinks_Release_Fragment = { relations: Array<{ type: RelationType, note: string | null, event:
      | { __typename: 'PolicyAction', kind: PolicyActionKind, status: PolicyActionStatus, officialName: string | null, openWeights: OpenWeightsTreatment, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, jurisdiction: { code: string, name: string }, organization: { slug: string, name: string } }
      | { __typename: 'PolicyPosition', topic: PolicyTopic, stance: Stance, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, actor:
          | { __typename: 'Organization', name: string }
          | { __typename: 'Person', name: string }
        , organization: { slug: string, name: string } }
      | { __typename: 'Release', name: string, accessLevel: AccessLevel, isOpen: boolean, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, organization: { slug: string, name: string } }
     }>, referencedBy: Array<{ type: RelationType, note: string | null, event:
      | { __typename: 'PolicyAction', kind: PolicyActionKind, status: PolicyActionStatus, officialName: string | null, openWeights: OpenWeightsTreatment, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, jurisdiction: { code: string, name: string }, organization: { slug: string, name: string } }
      | { __typename: 'PolicyPosition', topic: PolicyTopic, stance: Stance, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, actor:
          | { __typename: 'Organization', name: string }
          | { __typename: 'Person', name: string }
        , organization: { slug: string, name: string } }
      | { __typename: 'Release', name: string, accessLevel: AccessLevel, isOpen: boolean, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, organization: { slug: string, name: string } }
     }> };

export type EventLinksFragment =
  | EventLinks_PolicyAction_Fragment
  | EventLinks_PolicyPosition_Fragment
  | EventLinks_Release_Fragment
;

export type OrganizationsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type OrganizationsQuery = { organizations: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ slug: string, name: string, kind: OrganizationKind }> } };

export type PolicyActionJurisdictionsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type PolicyActionJurisdictionsQuery = { policyActions: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ jurisdiction: { code: string, name: string } }> } };

export type TimelinePageQueryVariables = Exact<{
  filter?: TimelineFilter | null | undefined;
  after?: string | null | undefined;
}>;


export type TimelinePageQuery = { timeline: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<
      | { __typename: 'PolicyAction', kind: PolicyActionKind, status: PolicyActionStatus, officialName: string | null, openWeights: OpenWeightsTreatment, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, jurisdiction: { code: string, name: string }, organization: { slug: string, name: string } }
      | { __typename: 'PolicyPosition', topic: PolicyTopic, stance: Stance, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, actor:
          | { __typename: 'Organization', name: string }
          | { __typename: 'Person', name: string }
        , organization: { slug: string, name: string } }
      | { __typename: 'Release', name: string, accessLevel: AccessLevel, isOpen: boolean, id: string, slug: string, date: string, datePrecision: DatePrecision, title: string, organization: { slug: string, name: string } }
    > } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const SourceLinkFragmentDoc = new TypedDocumentString(`
    fragment SourceLink on Source {
  url
  title
  publisher
  publishedOn
  publishedOnPrecision
}
    `, {"fragmentName":"SourceLink"}) as unknown as TypedDocumentString<SourceLinkFragment, unknown>;
export const ActorNameFragmentDoc = new TypedDocumentString(`
    fragment ActorName on Actor {
  __typename
  ... on Person {
    name
  }
  ... on Organization {
    name
  }
}
    `, {"fragmentName":"ActorName"}) as unknown as TypedDocumentString<ActorNameFragment, unknown>;
export const TimelineItemFragmentDoc = new TypedDocumentString(`
    fragment TimelineItem on TimelineEvent {
  __typename
  id
  slug
  date
  datePrecision
  title
  organization {
    slug
    name
  }
  ... on Release {
    name
    accessLevel
    isOpen
  }
  ... on PolicyPosition {
    topic
    stance
    actor {
      ...ActorName
    }
  }
  ... on PolicyAction {
    kind
    status
    officialName
    openWeights
    jurisdiction {
      code
      name
    }
  }
}
    fragment ActorName on Actor {
  __typename
  ... on Person {
    name
  }
  ... on Organization {
    name
  }
}`, {"fragmentName":"TimelineItem"}) as unknown as TypedDocumentString<TimelineItemFragment, unknown>;
export const EventLinksFragmentDoc = new TypedDocumentString(`
    fragment EventLinks on TimelineEvent {
  relations {
    type
    note
    event {
      ...TimelineItem
    }
  }
  referencedBy {
    type
    note
    event {
      ...TimelineItem
    }
  }
}
    fragment ActorName on Actor {
  __typename
  ... on Person {
    name
  }
  ... on Organization {
    name
  }
}
fragment TimelineItem on TimelineEvent {
  __typename
  id
  slug
  date
  datePrecision
  title
  organization {
    slug
    name
  }
  ... on Release {
    name
    accessLevel
    isOpen
  }
  ... on PolicyPosition {
    topic
    stance
    actor {
      ...ActorName
    }
  }
  ... on PolicyAction {
    kind
    status
    officialName
    openWeights
    jurisdiction {
      code
      name
    }
  }
}`, {"fragmentName":"EventLinks"}) as unknown as TypedDocumentString<EventLinksFragment, unknown>;
export const ReleaseDetailsDocument = new TypedDocumentString(`
    query ReleaseDetails($slug: String!) {
  release(slug: $slug) {
    slug
    name
    title
    summary
    date
    datePrecision
    artifactType
    accessLevel
    isOpen
    modalities
    organization {
      name
    }
    license {
      name
      url
      spdxId
      osiApproved
      allowsCommercialUse
      userThreshold
      restrictions
    }
    variants {
      name
      parameterCount
      activeParameterCount
      date
      datePrecision
      accessLevel
    }
    openness {
      weights
      inferenceCode
      trainingCode
      trainingData
      dataCard
      modelCard
      paper
      meetsOsaid
      note
      sources {
        ...SourceLink
      }
    }
    comparedWith {
      slug
      name
      accessLevel
      organization {
        name
      }
    }
    sources {
      ...SourceLink
    }
    ...EventLinks
  }
}
    fragment SourceLink on Source {
  url
  title
  publisher
  publishedOn
  publishedOnPrecision
}
fragment ActorName on Actor {
  __typename
  ... on Person {
    name
  }
  ... on Organization {
    name
  }
}
fragment TimelineItem on TimelineEvent {
  __typename
  id
  slug
  date
  datePrecision
  title
  organization {
    slug
    name
  }
  ... on Release {
    name
    accessLevel
    isOpen
  }
  ... on PolicyPosition {
    topic
    stance
    actor {
      ...ActorName
    }
  }
  ... on PolicyAction {
    kind
    status
    officialName
    openWeights
    jurisdiction {
      code
      name
    }
  }
}
fragment EventLinks on TimelineEvent {
  relations {
    type
    note
    event {
      ...TimelineItem
    }
  }
  referencedBy {
    type
    note
    event {
      ...TimelineItem
    }
  }
}`) as unknown as TypedDocumentString<ReleaseDetailsQuery, ReleaseDetailsQueryVariables>;
export const PositionDetailsDocument = new TypedDocumentString(`
    query PositionDetails($slug: String!) {
  policyPosition(slug: $slug) {
    slug
    title
    summary
    date
    datePrecision
    topic
    stance
    quote
    arguments
    organization {
      name
    }
    actor {
      ...ActorName
    }
    sources {
      ...SourceLink
    }
    ...EventLinks
  }
}
    fragment SourceLink on Source {
  url
  title
  publisher
  publishedOn
  publishedOnPrecision
}
fragment ActorName on Actor {
  __typename
  ... on Person {
    name
  }
  ... on Organization {
    name
  }
}
fragment TimelineItem on TimelineEvent {
  __typename
  id
  slug
  date
  datePrecision
  title
  organization {
    slug
    name
  }
  ... on Release {
    name
    accessLevel
    isOpen
  }
  ... on PolicyPosition {
    topic
    stance
    actor {
      ...ActorName
    }
  }
  ... on PolicyAction {
    kind
    status
    officialName
    openWeights
    jurisdiction {
      code
      name
    }
  }
}
fragment EventLinks on TimelineEvent {
  relations {
    type
    note
    event {
      ...TimelineItem
    }
  }
  referencedBy {
    type
    note
    event {
      ...TimelineItem
    }
  }
}`) as unknown as TypedDocumentString<PositionDetailsQuery, PositionDetailsQueryVariables>;
export const ActionDetailsDocument = new TypedDocumentString(`
    query ActionDetails($slug: String!) {
  policyAction(slug: $slug) {
    slug
    title
    summary
    date
    datePrecision
    kind
    status
    officialName
    openWeights
    openWeightsNote
    jurisdiction {
      code
      name
    }
    organization {
      name
    }
    signatories {
      slug
      name
    }
    milestones {
      label
      date
      datePrecision
    }
    sources {
      ...SourceLink
    }
    ...EventLinks
  }
}
    fragment SourceLink on Source {
  url
  title
  publisher
  publishedOn
  publishedOnPrecision
}
fragment ActorName on Actor {
  __typename
  ... on Person {
    name
  }
  ... on Organization {
    name
  }
}
fragment TimelineItem on TimelineEvent {
  __typename
  id
  slug
  date
  datePrecision
  title
  organization {
    slug
    name
  }
  ... on Release {
    name
    accessLevel
    isOpen
  }
  ... on PolicyPosition {
    topic
    stance
    actor {
      ...ActorName
    }
  }
  ... on PolicyAction {
    kind
    status
    officialName
    openWeights
    jurisdiction {
      code
      name
    }
  }
}
fragment EventLinks on TimelineEvent {
  relations {
    type
    note
    event {
      ...TimelineItem
    }
  }
  referencedBy {
    type
    note
    event {
      ...TimelineItem
    }
  }
}`) as unknown as TypedDocumentString<ActionDetailsQuery, ActionDetailsQueryVariables>;
export const OrganizationsDocument = new TypedDocumentString(`
    query Organizations($after: String) {
  organizations(first: 100, after: $after) {
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      slug
      name
      kind
    }
  }
}
    `) as unknown as TypedDocumentString<OrganizationsQuery, OrganizationsQueryVariables>;
export const PolicyActionJurisdictionsDocument = new TypedDocumentString(`
    query PolicyActionJurisdictions($after: String) {
  policyActions(first: 100, after: $after) {
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      jurisdiction {
        code
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PolicyActionJurisdictionsQuery, PolicyActionJurisdictionsQueryVariables>;
export const TimelinePageDocument = new TypedDocumentString(`
    query TimelinePage($filter: TimelineFilter, $after: String) {
  timeline(filter: $filter, first: 100, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...TimelineItem
    }
  }
}
    fragment ActorName on Actor {
  __typename
  ... on Person {
    name
  }
  ... on Organization {
    name
  }
}
fragment TimelineItem on TimelineEvent {
  __typename
  id
  slug
  date
  datePrecision
  title
  organization {
    slug
    name
  }
  ... on Release {
    name
    accessLevel
    isOpen
  }
  ... on PolicyPosition {
    topic
    stance
    actor {
      ...ActorName
    }
  }
  ... on PolicyAction {
    kind
    status
    officialName
    openWeights
    jurisdiction {
      code
      name
    }
  }
}`) as unknown as TypedDocumentString<TimelinePageQuery, TimelinePageQueryVariables>;