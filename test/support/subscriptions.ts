import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { TimelineEvents } from '../../src/live/timeline-events';
import { postJson } from './live';

/*
 * A real graphql-ws client against a running service, with the messages of each
 * subscription queued so a test can wait for the next one, or check that none came.
 */

export type Message = { data?: any; errors?: any[] } | { error: any } | 'complete';

export class Subscription {
  private readonly queue: Message[] = [];
  private waiting: ((m: Message) => void) | null = null;
  unsubscribe: () => void = () => undefined;

  push(message: Message): void {
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve(message);
    } else this.queue.push(message);
  }

  /** The next message, or a failure after `ms`. */
  next(ms = 5000): Promise<Message> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        reject(new Error(`no subscription message within ${ms} ms`));
      }, ms);
      this.waiting = (m) => {
        clearTimeout(timer);
        resolve(m);
      };
    });
  }

  /** Data of the next message, which must carry no errors. */
  async data(ms?: number): Promise<any> {
    const message = await this.next(ms);
    if (message === 'complete' || 'error' in message || message.errors?.length)
      throw new Error(`expected data, got ${JSON.stringify(message)}`);
    return message.data;
  }

  /** Messages received so far and not yet taken. */
  pending(): Message[] {
    return [...this.queue];
  }
}

export class LiveClient {
  readonly client: Client;
  closes: number[] = [];

  constructor(base: string, headers: Record<string, string> = {}) {
    this.client = createClient({
      url: `${base.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers });
        }
      },
      retryAttempts: 0,
      on: { closed: (event) => void this.closes.push((event as { code: number }).code) },
    });
  }

  subscribe(query: string, variables: Record<string, unknown> = {}): Subscription {
    const subscription = new Subscription();
    subscription.unsubscribe = this.client.subscribe(
      { query, variables },
      {
        next: (result) => subscription.push(result as Message),
        error: (error) => subscription.push({ error }),
        complete: () => subscription.push('complete'),
      },
    );
    return subscription;
  }

  close(): Promise<void> {
    return this.client.dispose() as Promise<void>;
  }
}

/** Resolves once `events` has `count` subscribers in this process (subscriptions are set up asynchronously). */
export async function untilSubscribers(events: TimelineEvents, count: number, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (events.subscriberCount() !== count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} subscribers, have ${events.subscriberCount()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const CREATE_RELEASE =
  'mutation ($input: CreateReleaseInput!) { createRelease(input: $input) { release { version } userErrors { message } } }';
export const UPDATE_RELEASE =
  'mutation ($input: UpdateReleaseInput!) { updateRelease(input: $input) { release { version } userErrors { message } } }';
export const DELETE_RELEASE =
  'mutation ($input: DeleteReleaseInput!) { deleteRelease(input: $input) { deletedId userErrors { message } } }';

/** `CreateReleaseInput` for a release dated 2026-03-01, with one source. */
export const newRelease = (slug: string, organization: string, over: Record<string, unknown> = {}) => ({
  slug,
  name: slug,
  artifactType: 'MODEL',
  organization,
  date: '2026-03-01',
  datePrecision: 'DAY',
  accessLevel: 'OPEN_WEIGHTS',
  sources: [{ url: `https://example.org/${slug}`, title: `Announcing ${slug}` }],
  ...over,
});

/** A curation mutation over HTTP with an API key; fails on any error or user error, else returns its payload. */
export async function curate(base: string, key: string, query: string, input: Record<string, unknown>): Promise<any> {
  const reply = await postJson(base, { query, variables: { input } }, { authorization: `Bearer ${key}` });
  if (reply.body.errors) throw new Error(`Unexpected GraphQL errors: ${JSON.stringify(reply.body.errors)}`);
  const payload = Object.values(reply.body.data as Record<string, any>)[0];
  if (payload.userErrors.length) throw new Error(`Unexpected user errors: ${JSON.stringify(payload.userErrors)}`);
  return payload;
}
