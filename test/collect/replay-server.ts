/**
 * A local HTTP server that replays recorded-shape responses and injects faults on request:
 * 429 with Retry-After, 5xx, hangs past the client's timeout, truncated JSON, and arbitrary bodies
 * (schema drift). Tests and the bench point an adapter's base URL at it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ReplayResponse {
  status?: number;
  headers?: Record<string, string>;
  body: string;
}

/** A fault served instead of (or made from) the normal response, `times` times, to matching requests. */
export type Fault =
  | { kind: 'status'; status: number; retryAfter?: string; times: number; match?: (url: URL) => boolean }
  | { kind: 'hang'; times: number; match?: (url: URL) => boolean }
  | { kind: 'delay'; ms: number; times: number; match?: (url: URL) => boolean }
  | { kind: 'truncate'; times: number; match?: (url: URL) => boolean }
  | { kind: 'body'; body: string; times: number; match?: (url: URL) => boolean };

export interface ReplayServer {
  readonly url: string;
  /** Paths with query of every request received, in order. */
  readonly requests: string[];
  addFault(fault: Fault): void;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 (random port) answering with `handler`. */
export async function startReplayServer(handler: (url: URL) => ReplayResponse | null): Promise<ReplayServer> {
  const faults: Fault[] = [];
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://replay');
    requests.push(`${url.pathname}${url.search}`);
    const fault = faults.find((f) => f.times > 0 && (!f.match || f.match(url)));
    if (fault) fault.times--;
    if (fault?.kind === 'hang') return; // never answers; the client's timeout must fire
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...(fault.retryAfter ? { 'retry-after': fault.retryAfter } : {}) });
      res.end(JSON.stringify({ message: fault.status === 429 ? 'Too many requests' : 'Internal error' }));
      return;
    }
    if (fault?.kind === 'delay') {
      const timer = setTimeout(() => {
        const delayed = handler(url);
        if (res.writableEnded || res.destroyed) return;
        res.writeHead(delayed ? (delayed.status ?? 200) : 404, { 'content-type': 'application/json', ...(delayed?.headers ?? {}) });
        res.end(delayed ? delayed.body : '{}');
      }, fault.ms);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    const found = fault?.kind === 'body' ? { body: fault.body } : handler(url);
    if (!found) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `no recording for ${url.pathname}` }));
      return;
    }
    const body = fault?.kind === 'truncate' ? found.body.slice(0, Math.floor(found.body.length / 2)) : found.body;
    res.writeHead(found.status ?? 200, { 'content-type': 'application/json', ...(found.headers ?? {}) });
    res.end(body);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    addFault: (fault) => faults.push(fault),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
