import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * `count` graphql-ws subscriptions to `query` on the service at `base`, 20 per connection (the
 * default MAX_SUBSCRIPTIONS_PER_CONNECTION): what the fan-out bench and the mixed soak listen with.
 * Each delivered event's slug goes to `onDelivery`; a refused or dropped subscription to `onError`.
 */
export function subscribers(
  base: string,
  count: number,
  query: string,
  onDelivery: (slug: string) => void,
  onError: () => void = () => undefined,
): Client[] {
  const clients: Client[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 20 === 0)
      clients.push(
        createClient({ url: `${base.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false }),
      );
    clients[clients.length - 1]!.subscribe(
      { query },
      { next: (r: any) => r.data && onDelivery(r.data.timelineEventAdded.slug), error: onError, complete: () => undefined },
    );
  }
  return clients;
}
