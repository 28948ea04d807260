/**
 * Loopback static server for the browser bench: serves bench/.work/site, ignores query strings
 * (Pagefind adds `?ts=`), never caches, sends COOP/COEP so performance.now() has fine resolution,
 * and counts the bytes it serves. `GET /__mark` records the moment a page showed its first result.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

export interface Served {
  path: string;
  bytes: number;
}

export class BenchServer {
  private server: Server | undefined;
  /** Requests served since the last reset, in arrival order. */
  served: Served[] = [];
  /** Snapshot of `served` when /__mark arrived. */
  atMark: Served[] | undefined;
  origin = '';

  constructor(private readonly root: string) {}

  reset(): void {
    this.served = [];
    this.atMark = undefined;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const path = decodeURIComponent((req.url ?? '/').split('?')[0]!.split('#')[0]!);
      const headers = {
        'Cache-Control': 'no-store',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
        'Cross-Origin-Resource-Policy': 'same-origin',
      };
      if (path === '/__mark') {
        this.atMark = [...this.served];
        res.writeHead(204, headers).end();
        return;
      }
      const file = normalize(join(this.root, path.endsWith('/') ? `${path}index.html` : path));
      if (!file.startsWith(this.root)) {
        res.writeHead(403, headers).end();
        return;
      }
      readFile(file).then(
        (body) => {
          this.served.push({ path, bytes: body.byteLength });
          res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
          res.end(body);
        },
        () => res.writeHead(404, headers).end('not found'),
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.origin;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
