import net from 'node:net';

/** The headline query of API.md: Meta's open releases, oldest first. */
export const HEADLINE = (first: number) => `query MetaOpenTimeline {
  timeline(filter: { organizations: ["meta"], eventTypes: [RELEASE], openOnly: true }, first: ${first}) {
    totalCount
    nodes {
      __typename date datePrecision title
      ... on Release { name accessLevel license { name osiApproved } variants { name parameterCount } }
      sources { url title }
    }
  }
}`;

/** A loopback port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
