import net from 'node:net';
import { TcpProxy } from '../support/tcp-proxy';

/** An echo server standing in for the dependency behind the proxy. */
async function echoServer(): Promise<{ port: number; received: () => number; close: () => Promise<void> }> {
  let received = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('data', (chunk) => {
      received += chunk.length;
      s.write(chunk);
    });
    s.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    received: () => received,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Connects, writes `ping`, and reports what happened: an echo, the connection ending, or nothing within `waitMs`. */
function attempt(port: number, waitMs = 300): Promise<'echo' | 'closed' | 'silent'> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write('ping'));
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('silent');
    }, waitMs);
    socket.on('data', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve('echo');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve('closed');
    });
  });
}

describe('the TCP proxy used to simulate outages', () => {
  let target: Awaited<ReturnType<typeof echoServer>>;
  let proxy: TcpProxy;
  beforeEach(async () => {
    target = await echoServer();
    proxy = await new TcpProxy({ host: '127.0.0.1', port: target.port }).start();
  });
  afterEach(async () => {
    await proxy.stop();
    await target.close();
  });

  it('keeps its port while cut, so no other process can take it before the restore', async () => {
    expect(await attempt(proxy.port)).toBe('echo');
    await proxy.cut();
    const intruder = net.createServer();
    const taken = await new Promise<boolean>((resolve) => {
      intruder.once('error', () => resolve(false));
      intruder.listen(proxy.port, '127.0.0.1', () => resolve(true));
    });
    if (taken) await new Promise((resolve) => intruder.close(resolve));
    expect(taken).toBe(false);
    await proxy.restore();
    expect(await attempt(proxy.port)).toBe('echo');
  });

  it('cut: resets open connections and each new one at once, forwarding nothing', async () => {
    const open = net.connect(proxy.port, '127.0.0.1');
    await new Promise((resolve) => open.once('connect', resolve));
    const ended = new Promise((resolve) => open.once('close', resolve));
    open.on('error', () => undefined);
    await proxy.cut();
    await ended;
    const before = target.received();
    expect(await attempt(proxy.port, 5000)).toBe('closed');
    expect(target.received()).toBe(before);
  });

  it('blackhole: accepts connections and neither answers nor forwards; restore forwards again', async () => {
    proxy.blackhole();
    const before = target.received();
    expect(await attempt(proxy.port)).toBe('silent');
    expect(target.received()).toBe(before);
    await proxy.restore();
    expect(await attempt(proxy.port)).toBe('echo');
  });
});
