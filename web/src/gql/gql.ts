/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query ReleaseDetails($slug: String!) {\n  release(slug: $slug) {\n    slug\n    name\n    title\n    summary\n    date\n    datePrecision\n    artifactType\n    accessLevel\n    isOpen\n    modalities\n    organization {\n      name\n    }\n    license {\n      name\n      url\n      spdxId\n      osiApproved\n      allowsCommercialUse\n      userThreshold\n      restrictions\n    }\n    variants {\n      name\n      parameterCount\n      activeParameterCount\n    }\n    comparedWith {\n      slug\n      name\n      accessLevel\n      organization {\n        name\n      }\n    }\n    sources {\n      ...SourceLink\n    }\n  }\n}\n\nquery PositionDetails($slug: String!) {\n  policyPosition(slug: $slug) {\n    slug\n    title\n    summary\n    date\n    datePrecision\n    topic\n    stance\n    quote\n    arguments\n    organization {\n      name\n    }\n    actor {\n      ...ActorName\n    }\n    sources {\n      ...SourceLink\n    }\n  }\n}": typeof types.ReleaseDetailsDocument,
    "fragment SourceLink on Source {\n  url\n  title\n  publisher\n  publishedOn\n  publishedOnPrecision\n}\n\nfragment ActorName on Actor {\n  __typename\n  ... on Person {\n    name\n  }\n  ... on Organization {\n    name\n  }\n}": typeof types.SourceLinkFragmentDoc,
    "query Organizations {\n  organizations(first: 100) {\n    nodes {\n      slug\n      name\n    }\n  }\n}": typeof types.OrganizationsDocument,
    "query TimelinePage($filter: TimelineFilter, $after: String) {\n  timeline(filter: $filter, first: 100, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      __typename\n      id\n      slug\n      date\n      datePrecision\n      title\n      organization {\n        slug\n        name\n      }\n      ... on Release {\n        name\n        accessLevel\n        isOpen\n      }\n      ... on PolicyPosition {\n        topic\n        stance\n        actor {\n          ...ActorName\n        }\n      }\n    }\n  }\n}": typeof types.TimelinePageDocument,
};
const documents: Documents = {
    "query ReleaseDetails($slug: String!) {\n  release(slug: $slug) {\n    slug\n    name\n    title\n    summary\n    date\n    datePrecision\n    artifactType\n    accessLevel\n    isOpen\n    modalities\n    organization {\n      name\n    }\n    license {\n      name\n      url\n      spdxId\n      osiApproved\n      allowsCommercialUse\n      userThreshold\n      restrictions\n    }\n    variants {\n      name\n      parameterCount\n      activeParameterCount\n    }\n    comparedWith {\n      slug\n      name\n      accessLevel\n      organization {\n        name\n      }\n    }\n    sources {\n      ...SourceLink\n    }\n  }\n}\n\nquery PositionDetails($slug: String!) {\n  policyPosition(slug: $slug) {\n    slug\n    title\n    summary\n    date\n    datePrecision\n    topic\n    stance\n    quote\n    arguments\n    organization {\n      name\n    }\n    actor {\n      ...ActorName\n    }\n    sources {\n      ...SourceLink\n    }\n  }\n}": types.ReleaseDetailsDocument,
    "fragment SourceLink on Source {\n  url\n  title\n  publisher\n  publishedOn\n  publishedOnPrecision\n}\n\nfragment ActorName on Actor {\n  __typename\n  ... on Person {\n    name\n  }\n  ... on Organization {\n    name\n  }\n}": types.SourceLinkFragmentDoc,
    "query Organizations {\n  organizations(first: 100) {\n    nodes {\n      slug\n      name\n    }\n  }\n}": types.OrganizationsDocument,
    "query TimelinePage($filter: TimelineFilter, $after: String) {\n  timeline(filter: $filter, first: 100, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      __typename\n      id\n      slug\n      date\n      datePrecision\n      title\n      organization {\n        slug\n        name\n      }\n      ... on Release {\n        name\n        accessLevel\n        isOpen\n      }\n      ... on PolicyPosition {\n        topic\n        stance\n        actor {\n          ...ActorName\n        }\n      }\n    }\n  }\n}": types.TimelinePageDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ReleaseDetails($slug: String!) {\n  release(slug: $slug) {\n    slug\n    name\n    title\n    summary\n    date\n    datePrecision\n    artifactType\n    accessLevel\n    isOpen\n    modalities\n    organization {\n      name\n    }\n    license {\n      name\n      url\n      spdxId\n      osiApproved\n      allowsCommercialUse\n      userThreshold\n      restrictions\n    }\n    variants {\n      name\n      parameterCount\n      activeParameterCount\n    }\n    comparedWith {\n      slug\n      name\n      accessLevel\n      organization {\n        name\n      }\n    }\n    sources {\n      ...SourceLink\n    }\n  }\n}\n\nquery PositionDetails($slug: String!) {\n  policyPosition(slug: $slug) {\n    slug\n    title\n    summary\n    date\n    datePrecision\n    topic\n    stance\n    quote\n    arguments\n    organization {\n      name\n    }\n    actor {\n      ...ActorName\n    }\n    sources {\n      ...SourceLink\n    }\n  }\n}"): typeof import('./graphql').ReleaseDetailsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment SourceLink on Source {\n  url\n  title\n  publisher\n  publishedOn\n  publishedOnPrecision\n}\n\nfragment ActorName on Actor {\n  __typename\n  ... on Person {\n    name\n  }\n  ... on Organization {\n    name\n  }\n}"): typeof import('./graphql').SourceLinkFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Organizations {\n  organizations(first: 100) {\n    nodes {\n      slug\n      name\n    }\n  }\n}"): typeof import('./graphql').OrganizationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TimelinePage($filter: TimelineFilter, $after: String) {\n  timeline(filter: $filter, first: 100, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      __typename\n      id\n      slug\n      date\n      datePrecision\n      title\n      organization {\n        slug\n        name\n      }\n      ... on Release {\n        name\n        accessLevel\n        isOpen\n      }\n      ... on PolicyPosition {\n        topic\n        stance\n        actor {\n          ...ActorName\n        }\n      }\n    }\n  }\n}"): typeof import('./graphql').TimelinePageDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
