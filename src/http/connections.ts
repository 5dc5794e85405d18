import type { Server, ServerOptions } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyInstance } from 'fastify';
import type { Socket } from 'node:net';
import type { Limits } from '../config';

/*
 * The HTTP server's connections: how slow clients are cut off, how many may be open, and
 * how they are closed on shutdown.
 *
 * Node checks headersTimeout and requestTimeout only every connectionsCheckingInterval
 * (30 s by default), so a client sending its headers or body a byte at a time was cut
 * 15 + up to 30 s late. The interval here is a tenth of the timeout (at most 1 s): slow
 * clients get 408 within about REQUEST_TIMEOUT_MS.
 */

/** Fastify options for the timeouts above (passed through to http.createServer). */
export function timeoutOptions(limits: Pick<Limits, 'requestTimeoutMs'>): { requestTimeout: number; http: ServerOptions } {
  const timeout = limits.requestTimeoutMs;
  return {
    requestTimeout: timeout,
    http: {
      headersTimeout: timeout,
      requestTimeout: timeout,
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(timeout / 10))),
    },
  };
}

export interface Connections {
  /**
   * Shutdown, step one: connections without a request being answered (idle keep-alive,
   * or still sending headers) are closed now, and any that become idle later; connections
   * still busy after `graceMs` are cut. WebSockets are left to the subscription server.
   */
  drain(graceMs: number): void;
  /** Cut every HTTP connection still open (the end of shutdown). */
  closeAll(): void;
}

export function manageConnections(server: Server, limits: Pick<Limits, 'maxConnections'>): Connections {
  // Beyond the cap Node closes new sockets at once; the socket count is what file descriptors and memory follow.
  server.maxConnections = limits.maxConnections;
  const open = new Set<Socket>();
  const busy = new Map<Socket, number>(); // requests being answered on each socket
  const upgraded = new WeakSet<Socket>();
  let draining = false;
  let sweeper: NodeJS.Timeout | undefined;
  let deadline: NodeJS.Timeout | undefined;

  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => {
      open.delete(socket);
      busy.delete(socket);
    });
  });
  server.on('upgrade', (request) => upgraded.add(request.socket as Socket));
  server.on('request', (request, response) => {
    const socket = request.socket as Socket;
    busy.set(socket, (busy.get(socket) ?? 0) + 1);
    response.once('close', () => {
      const left = (busy.get(socket) ?? 1) - 1;
      if (left > 0) busy.set(socket, left);
      else busy.delete(socket);
      // While draining, a connection whose last answer has gone out is not reused.
      if (draining && left <= 0) socket.end();
    });
  });

  const closeIdle = () => {
    for (const socket of open) if (!busy.has(socket) && !upgraded.has(socket)) socket.destroy();
  };
  const closeAll = () => {
    clearInterval(sweeper);
    clearTimeout(deadline);
    for (const socket of open) if (!upgraded.has(socket)) socket.destroy();
  };

  return {
    drain(graceMs) {
      if (draining) return;
      draining = true;
      closeIdle();
      // Node stops its own timeout checks once the server closes: a slow client must not hold the exit.
      sweeper = setInterval(closeIdle, 100).unref();
      deadline = setTimeout(closeAll, graceMs).unref();
    },
    closeAll,
  };
}

/**
 * Apollo's drain step: close the HTTP server. (The integration's own drain plugin cuts
 * connections after a fixed 10 s; here `drain` above applies SHUTDOWN_TIMEOUT_MS.)
 */
export function closeServerOnDrain(app: FastifyInstance): ApolloServerPlugin {
  return {
    async serverWillStart() {
      return {
        async drainServer() {
          await app.close();
        },
      };
    },
  };
}
