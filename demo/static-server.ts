/**
 * A small static file server for the demo: maps URL prefixes to folders, ignores query strings
 * (so `?ts=...` cache busters work), and serves a precompressed `.br` / `.gz` sibling when the
 * client accepts it. Read-only, no directory listings, no paths outside the mounted folders.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonl': 'application/x-ndjson; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** URL prefix (starting and ending with `/`) -> folder on disk. */
export type Mounts = Record<string, string>;

/** Resolves a request path to a file inside a mount, or null (never escapes the mount's folder). */
export function resolvePath(mounts: Mounts, urlPath: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return null;
  }
  if (path.endsWith('/')) path += 'index.html';
  const prefix = Object.keys(mounts)
    .sort((a, b) => b.length - a.length)
    .find((p) => path.startsWith(p));
  if (!prefix) return null;
  const root = resolve(mounts[prefix]!);
  const file = resolve(root, normalize(path.slice(prefix.length)).replace(/^([/\\])+/, ''));
  return file === root || file.startsWith(root + sep) ? file : null;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Starts the server on `port` (or the next free one, up to 20 tries); resolves with the bound port. */
export async function serve(mounts: Mounts, port: number, host = '127.0.0.1'): Promise<{ server: Server; port: number }> {
  const server = createServer(async (req, res) => {
    const file = resolvePath(mounts, req.url ?? '/');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (!file || !(await isFile(file))) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`Not found: ${req.url}\n`);
      return;
    }
    const accept = String(req.headers['accept-encoding'] ?? '');
    let body = file;
    let encoding: string | undefined;
    for (const [enc, ext] of [['br', '.br'], ['gzip', '.gz']] as const) {
      if (new RegExp(`\\b${enc}\\b`).test(accept) && (await isFile(file + ext))) {
        body = file + ext;
        encoding = enc;
        break;
      }
    }
    const headers: Record<string, string> = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
      vary: 'accept-encoding',
      'content-length': String((await stat(body)).size),
    };
    if (encoding) headers['content-encoding'] = encoding;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else createReadStream(body).pipe(res);
  });
  for (let attempt = 0; ; attempt++) {
    const tryPort = port === 0 ? 0 : port + attempt;
    const bound = await new Promise<number | null>((ok, fail) => {
      const onError = (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' && attempt < 20 ? ok(null) : fail(error));
      server.once('error', onError);
      server.listen(tryPort, host, () => {
        server.off('error', onError);
        const address = server.address();
        ok(typeof address === 'object' && address ? address.port : tryPort);
      });
    });
    if (bound !== null) return { server, port: bound };
  }
}


