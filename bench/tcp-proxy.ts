import net from 'node:net';

/**
 * A TCP proxy owned by a test or a bench run: forwards a local port to a target, and can
 * fail in the two ways a network does. `cut()` closes every open connection and resets each new
 * one at once (the server "goes away"); `blackhole()` keeps every connection open, accepts
 * new ones, and silently drops every byte both ways (packets go nowhere: the hard case, no
 * error ever comes back). `restore()` undoes either. The port stays listened on throughout
 * (until `stop()`): closing and listening again would let another process take it between.
 */
export class TcpProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private dropping = false;
  private refusing = false;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  /** Copies `from` to `to` unless the proxy is dropping, with backpressure. */
  private forward(from: net.Socket, to: net.Socket): void {
    from.on('data', (chunk: Buffer) => {
      if (this.dropping || to.destroyed) return;
      if (!to.write(chunk)) {
        from.pause();
        to.once('drain', () => from.resume());
      }
    });
  }

  async start(): Promise<this> {
    const server = net.createServer((client) => {
      if (this.refusing) {
        client.on('error', () => undefined);
        client.resetAndDestroy();
        return;
      }
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      this.forward(client, upstream);
      this.forward(upstream, client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Every open connection is closed, and each new one reset at once. (destroy, not resetAndDestroy, for the open ones: resetting them left the process unable to exit.) */
  cut(): Promise<void> {
    this.refusing = true;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    return Promise.resolve();
  }

  /** Connections stay open (and new ones are accepted) but nothing gets through, either way. */
  blackhole(): void {
    this.dropping = true;
  }

  /** Forwards again, on the same port (it was never given up). */
  async restore(): Promise<void> {
    this.dropping = false;
    this.refusing = false;
  }

  async stop(): Promise<void> {
    await this.cut();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
