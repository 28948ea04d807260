/**
 * Loads the engine a build's manifest (or the page's `engine` attribute) calls for: the MiniSearch
 * search core (loadIndex) or, imported only then, the Pagefind engine (in the built bundles a separate file,
 * changefind-pagefind.js, fetched only for Pagefind indexes). The manifest is fetched once, together
 * with the search core's first files (unless the page asks for Pagefind), and its response handed to
 * whichever loader runs; any problem with it is reported by loadIndex's checks.
 */
import { pickEngine } from '../indexer/engine-choice.ts';
import type { Manifest } from '../indexer/schema.ts';
import { EARLY_FILES, loadIndex, prefetching, type LoadInit } from './core/load.ts';
import type { SearchEngine } from './search-types.ts';

/**
 * The URL of the classic script (changefind-search.iife.js) this code runs in, read while it runs
 * (`document.currentScript` is null later, and in modules). The built bundles import the Pagefind adapter
 * from the sibling file changefind-pagefind.js, resolved against it (or against the ES module's URL).
 */
const scriptSrc = (globalThis.document?.currentScript as HTMLScriptElement | null | undefined)?.src;

export interface EngineLoadInit extends LoadInit {
  /** `minisearch` or `pagefind` when the build holds both; empty or unknown = the manifest's choice. */
  engine?: string | null;
}

/** Loads the engine of the index whose manifest.json sits in the directory URL `base`. */
export async function loadEngine(base: string | URL, init: EngineLoadInit = {}): Promise<SearchEngine> {
  const { engine, ...loadInit } = init;
  const dir = new URL(String(base).endsWith('/') ? String(base) : `${String(base)}/`, globalThis.location?.href);
  const manifestUrl = new URL('manifest.json', dir).href;
  // The core's files are requested with the manifest (its round trip is then off the critical path);
  // a manifest that calls for Pagefind cancels them.
  const early = prefetching(init.fetch ?? globalThis.fetch, engine === 'pagefind' ? [] : EARLY_FILES.map((name) => new URL(name, dir).href), init.signal);
  const doFetch = early.fetch;
  const first = doFetch(manifestUrl, init.signal ? { signal: init.signal } : {});
  let manifest: Manifest | undefined;
  try {
    const res = await first;
    if (res.ok) manifest = JSON.parse(await res.clone().text()) as Manifest;
  } catch {
    if (init.signal?.aborted) {
      early.cancel();
      throw init.signal.reason;
    }
    // loadIndex gets the same response (or failure) and reports it with its error code.
  }
  const engines = Array.isArray(manifest?.engines) ? manifest.engines : [];
  if (manifest && pickEngine(engines, manifest.recordCount, engine) === 'pagefind') {
    early.cancel();
    // vite.config.ts points this import at the separately built adapter file (kept out of the main bundle).
    const { loadPagefindEngine } = await import('./pagefind-engine.ts');
    return loadPagefindEngine(dir, manifest, loadInit);
  }
  let served = false;
  const fetchOnce: typeof fetch = (input, options) => {
    const url = input instanceof Request ? input.url : String(input);
    if (served || url !== manifestUrl) return doFetch(input, options);
    served = true;
    return first;
  };
  try {
    return await loadIndex(dir, { ...loadInit, fetch: fetchOnce });
  } finally {
    early.cancel();
  }
}
