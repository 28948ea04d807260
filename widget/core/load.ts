/**
 * loadIndex: fetch manifest.json (and, at the same time, the files a build names by default), refuse
 * another schema version, fetch the files it names, verify their sha256 (when crypto.subtle exists),
 * then build a SearchCore as soon as the postings and stored fields are in; the record texts
 * (bodies.json, requested once the caller had its first result) follow and fill in snippets. Every
 * failure is an IndexError with a distinct code. No DOM APIs: runs in browsers and Node 20.
 */
import { ROLES } from './options.ts';
import { IndexError } from './errors.ts';
import { checkManifest, deferredBodies, fillBodies, parseJson, type StoredDoc } from './index-data.ts';
import { SearchCore } from './engine.ts';

export interface LoadInit {
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /**
   * Resolve only when the record texts are in as well (and reject on their errors). By default loadIndex
   * resolves as soon as the core can rank and show results; until the texts arrive hits have empty
   * snippets and quoted phrases match titles only.
   */
  whole?: boolean;
  /** Called once the record texts are in (no argument) or could not be loaded (the error); not called with `whole`. */
  onComplete?: (error?: unknown) => void;
  /**
   * Warm the core in idle time once it has the record texts and has answered a search (SearchCore.warmUp).
   * Default: in pages (where `document` exists), not in Node.
   */
  warmUp?: boolean;
}

async function getBytes(url: URL, name: string, init: LoadInit): Promise<ArrayBuffer> {
  const doFetch = init.fetch ?? globalThis.fetch;
  let res: Response;
  try {
    res = await doFetch(url, init.signal ? { signal: init.signal } : {});
  } catch (cause) {
    if (init.signal?.aborted) throw cause;
    throw new IndexError('network', `${name}: could not fetch ${url.href} (${(cause as Error)?.message ?? cause}). Check the connection and the index URL.`, { cause });
  }
  if (res.status === 404 || res.status === 410) throw new IndexError('not-found', `${name}: not found at ${url.href} (HTTP ${res.status}). Check the index URL or build the index there.`);
  if (!res.ok) throw new IndexError('network', `${name}: HTTP ${res.status} from ${url.href}. Try again later.`);
  try {
    return await res.arrayBuffer();
  } catch (cause) {
    if (init.signal?.aborted) throw cause;
    throw new IndexError('network', `${name}: the download of ${url.href} broke off. Try again.`, { cause });
  }
}

async function sha256(bytes: ArrayBuffer): Promise<string | undefined> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return undefined;
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The names `changefind build` gives the files a first result needs. loadIndex requests them together
 * with manifest.json, so the manifest's round trip is not on the critical path; the manifest is still
 * checked first, and a build that names other files gets those instead.
 */
export const EARLY_FILES = [`${ROLES.postings}.json`, `${ROLES.docs}.json`];

/**
 * A fetch that requests `urls` at once (after `first`, the manifest) and answers each of them once from
 * that early request; anything else goes through `doFetch`. `cancel()` aborts the early requests nobody
 * took (e.g. the manifest named other files or a Pagefind build).
 */
export function prefetching(doFetch: typeof fetch, urls: string[], signal?: AbortSignal): { fetch: typeof fetch; cancel: () => void } {
  const early = new Map(
    urls.map((url) => {
      const controller = new AbortController();
      const stop = () => controller.abort(signal?.reason);
      if (signal?.aborted) stop();
      else signal?.addEventListener('abort', stop, { once: true });
      const res = doFetch(url, { signal: controller.signal });
      res.catch(() => {}); // reported when taken
      return [url, { res, stop }] as const;
    }),
  );
  return {
    fetch: (input, options) => {
      const url = input instanceof Request ? input.url : String(input);
      const hit = early.get(url);
      early.delete(url);
      return hit?.res ?? doFetch(input, options);
    },
    cancel: () => {
      for (const { stop } of early.values()) stop();
      early.clear();
    },
  };
}

/** Loads the index whose manifest.json sits in the directory URL `base`; see LoadInit for when it resolves. */
export async function loadIndex(base: string | URL, init: LoadInit = {}): Promise<SearchCore> {
  const dir = new URL(String(base).replace(/\/?$/, '/'), globalThis.location?.href);
  const decoder = new TextDecoder();
  const manifestUrl = new URL('manifest.json', dir);
  const early = prefetching(init.fetch ?? globalThis.fetch, [manifestUrl.href, ...EARLY_FILES.map((name) => new URL(name, dir).href)], init.signal);
  const fetchInit: LoadInit = { ...init, fetch: early.fetch };
  let manifest;
  try {
    manifest = checkManifest(parseJson(decoder.decode(await getBytes(manifestUrl, 'manifest.json', fetchInit)), 'manifest.json'));
  } catch (error) {
    early.cancel();
    throw error;
  }
  const get = async (role: string): Promise<[string, string]> => {
    const name = manifest.files[role]!;
    const bytes = await getBytes(new URL(name, dir), name, fetchInit);
    const hashing = sha256(bytes);
    const text = decoder.decode(bytes);
    const expected = manifest.hashes[name];
    const actual = await hashing;
    if (actual !== undefined && expected !== undefined && actual !== expected) {
      parseJson(text, name); // throws 'truncated' / 'not-json' when the file is cut short or HTML
      throw new IndexError('mismatch', `${name}: sha256 ${actual.slice(0, 12)}… does not match manifest.json (${expected.slice(0, 12)}…): the file comes from another build. Re-upload the whole index directory.`);
    }
    return [name, text];
  };
  const first = Promise.all([get(ROLES.postings), get(ROLES.docs)]);
  early.cancel(); // requests of files this manifest does not name
  const warm = (core: SearchCore) => void ((init.warmUp ?? typeof document === 'object') && core.warmUp());
  if (init.whole) {
    const [files, [name, text]] = await Promise.all([first, get(ROLES.bodies)]);
    const core = SearchCore.fromBundle({ manifest, files: { ...Object.fromEntries(files), [name]: text } });
    warm(core);
    return core;
  }
  const files = Object.fromEntries(await first);
  let docs: StoredDoc[] = [];
  deferredBodies.set(manifest, (d) => (docs = d));
  const core = SearchCore.fromBundle({ manifest, files });
  // The record texts are requested a task after this resolves: the caller's first search and render
  // come first, and nothing competes with them for the connection or the main thread. They are parsed
  // a task after they arrive, for the same reason.
  const later = () => new Promise<void>((resolve) => setTimeout(resolve));
  later()
    .then(() => get(ROLES.bodies))
    .then(async ([name, text]) => {
      await later();
      fillBodies(docs, text, name);
    })
    .then(
      () => (init.onComplete?.(), warm(core)),
      (error: unknown) => init.onComplete?.(error),
    );
  return core;
}
