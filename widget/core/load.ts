/**
 * loadIndex: fetch manifest.json, refuse another schema version, fetch the files it names, verify
 * their sha256 (when crypto.subtle exists), then build a SearchCore as soon as the postings and stored
 * fields are in; the record texts (bodies.json, requested after them) follow and fill in snippets. Every failure is an IndexError with a distinct code. No DOM APIs: runs in browsers and Node 20.
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

/** Loads the index whose manifest.json sits in the directory URL `base`; see LoadInit for when it resolves. */
export async function loadIndex(base: string | URL, init: LoadInit = {}): Promise<SearchCore> {
  const dir = new URL(String(base).endsWith('/') ? String(base) : `${String(base)}/`, globalThis.location?.href);
  const decoder = new TextDecoder();
  const manifest = checkManifest(parseJson(decoder.decode(await getBytes(new URL('manifest.json', dir), 'manifest.json', init)), 'manifest.json'));
  const get = async (role: string): Promise<[string, string]> => {
    const name = manifest.files[role]!;
    const bytes = await getBytes(new URL(name, dir), name, init);
    const text = decoder.decode(bytes);
    const expected = manifest.hashes[name];
    const actual = await sha256(bytes);
    if (actual !== undefined && expected !== undefined && actual !== expected) {
      parseJson(text, name); // throws 'truncated' / 'not-json' when the file is cut short or HTML
      throw new IndexError('mismatch', `${name}: sha256 ${actual.slice(0, 12)}… does not match manifest.json (${expected.slice(0, 12)}…): the file comes from another build. Re-upload the whole index directory.`);
    }
    return [name, text];
  };
  // The record texts are requested once the files a first result needs are in, so they never compete
  // with them for the connection or the main thread.
  const first = Promise.all([get(ROLES.postings), get(ROLES.docs)]);
  const bodies = first.then(() => get(ROLES.bodies));
  bodies.catch(() => {}); // reported below, through `whole` or onComplete
  const files = Object.fromEntries(await first);
  if (init.whole) {
    const [name, text] = await bodies;
    return SearchCore.fromBundle({ manifest, files: { ...files, [name]: text } });
  }
  let docs: StoredDoc[] = [];
  deferredBodies.set(manifest, (d) => (docs = d));
  const core = SearchCore.fromBundle({ manifest, files });
  // After a macrotask: the caller's first search (and render) runs before the texts are parsed.
  const fill = ([name, text]: [string, string]) =>
    new Promise<void>((resolve, reject) =>
      setTimeout(() => {
        try {
          resolve(fillBodies(docs, text, name));
        } catch (error) {
          reject(error);
        }
      }),
    );
  bodies.then(fill).then(
    () => init.onComplete?.(),
    (error: unknown) => init.onComplete?.(error),
  );
  return core;
}
