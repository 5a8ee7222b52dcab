/**
 * A real HTTP CONNECT proxy on 127.0.0.1 for tests: it reads the CONNECT request, checks Basic
 * proxy credentials when it has some, dials the target, answers `200 Connection established` and
 * relays bytes both ways — keeping a copy of every byte it saw, so a test can prove what a proxy
 * on the path could read (nothing of TIP's traffic but the TLS records).
 *
 *   const proxy = await startConnectProxy({ user: 'u', password: 'p' });
 *   createTipClient({ ..., proxy: { url: proxy.url, user: 'u', password: 'p' } });
 *   proxy.connects;          // [{ target: '127.0.0.1:443', authorized: true }, …], one per CONNECT
 *   proxy.bytesSeen();       // everything received and sent, both sides, requests included
 *   await proxy.close();     // ends every connection
 *
 * Options: `user` + `password` (then a missing or wrong Proxy-Authorization gets 407 with
 * `Proxy-Authenticate: Basic realm="…"`); `refuse` (answer every CONNECT with that status);
 * `resetOnConnect` (reset the connection when a CONNECT arrives, before any answer); `stall` (never
 * answer a CONNECT); `allowedPorts` (other target ports get 403); `hosts` (name → address used when
 * dialling, like /etc/hosts, so a test can reach the loopback service under another name).
 */
import { connect, createServer, type Socket } from 'node:net';

export interface ConnectProxyOptions {
  user?: string;
  password?: string;
  refuse?: number;
  resetOnConnect?: boolean;
  stall?: boolean;
  allowedPorts?: number[];
  hosts?: Record<string, string>;
}

export interface ConnectRecord {
  /** `host:port` as the client asked for it. */
  target: string;
  /** Whether the credentials were right (always true for a proxy without credentials). */
  authorized: boolean;
}

export interface ConnectProxy {
  /** `http://127.0.0.1:PORT` (no credentials). */
  url: string;
  port: number;
  /** One record per CONNECT received, in order (including refused ones). */
  readonly connects: readonly ConnectRecord[];
  /** Every byte the proxy received or sent, on both sides. */
  bytesSeen(): Buffer;
  close(): Promise<void>;
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 405: 'Method Not Allowed', 407: 'Proxy Authentication Required', 502: 'Bad Gateway', 503: 'Service Unavailable' };
const MAX_HEAD = 16 * 1024;

export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const sockets = new Set<Socket>();
  const connects: ConnectRecord[] = [];
  const seen: Buffer[] = [];
  const track = (socket: Socket): Socket => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    return socket;
  };
  const expected =
    options.user === undefined ? undefined : `Basic ${Buffer.from(`${options.user}:${options.password ?? ''}`, 'utf8').toString('base64')}`;

  const server = createServer((client) => {
    track(client);
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      seen.push(chunk);
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) {
        if (head.length > MAX_HEAD) answer(client, 400, true);
        return;
      }
      client.off('data', onData);
      client.pause();
      handle(client, head.subarray(0, end).toString('latin1'), head.subarray(end + 4));
    };
    client.on('data', onData);
  });

  const answer = (client: Socket, status: number, close: boolean, headers: string[] = []): void => {
    const text = [`HTTP/1.1 ${status} ${REASONS[status] ?? 'Refused'}`, ...headers, 'Content-Length: 0', ...(close ? ['Connection: close'] : []), '', ''].join('\r\n');
    seen.push(Buffer.from(text, 'latin1'));
    if (close) client.end(text);
    else client.write(text);
  };

  const handle = (client: Socket, head: string, rest: Buffer): void => {
    const [requestLine = '', ...headerLines] = head.split('\r\n');
    const match = /^CONNECT (\S+) HTTP\/1\.[01]$/.exec(requestLine);
    if (match === null) return answer(client, 405, true);
    const target = match[1] ?? '';
    const authority = /^(\[[^\]]+\]|[^:[\]]+):(\d+)$/.exec(target);
    const given = headerLines.find((line) => /^proxy-authorization:/i.test(line))?.replace(/^[^:]*:\s*/, '');
    const authorized = expected === undefined || given === expected;
    connects.push({ target, authorized });
    if (options.resetOnConnect === true) {
      client.resetAndDestroy();
      return;
    }
    if (options.stall === true) return;
    if (options.refuse !== undefined) return answer(client, options.refuse, true);
    if (!authorized) return answer(client, 407, true, ['Proxy-Authenticate: Basic realm="test proxy"']);
    if (authority === null) return answer(client, 400, true);
    const host = (authority[1] ?? '').replace(/^\[(.*)\]$/, '$1');
    const port = Number(authority[2]);
    if (options.allowedPorts !== undefined && !options.allowedPorts.includes(port)) return answer(client, 403, true);

    const upstream = track(connect({ host: options.hosts?.[host.toLowerCase()] ?? host, port }));
    let established = false;
    upstream.once('error', () => {
      if (established) client.destroy();
      else answer(client, 502, true);
    });
    upstream.once('connect', () => {
      established = true;
      answer(client, 200, false);
      if (rest.length > 0) upstream.write(rest);
      const relay = (from: Socket, to: Socket): void => {
        from.on('data', (chunk: Buffer) => {
          seen.push(chunk);
          if (!to.write(chunk)) from.pause();
        });
        to.on('drain', () => from.resume());
        from.on('end', () => to.end());
        from.on('close', () => to.destroy());
      };
      relay(client, upstream);
      relay(upstream, client);
      client.resume();
    });
  };

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : 0);
    });
  });

  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get connects() {
      return connects;
    },
    bytesSeen: () => Buffer.concat(seen),
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closed;
    },
  };
}
