/**
 * Loads the engine a build's manifest (or the page's `engine` attribute) calls for: the MiniSearch
 * search core (loadIndex) or, imported only then, the Pagefind engine (in the built bundles a separate file,
 * changefind-pagefind.js, fetched only for Pagefind indexes). The manifest is fetched once, together
 * with the first files of the engine the page asks for (the search core's, or with `engine="pagefind"`
 * the adapter, which requests Pagefind's bundle list and runtime at once), and its response handed to
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

/**
 * The Pagefind adapter (vite.config.ts points this import at the separately built changefind-pagefind.js),
 * started on the index in `dir`: it requests the build's first Pagefind files at once.
 */
const openPagefind = (dir: URL, init: LoadInit) => import('./pagefind-engine.ts').then((m) => m.openPagefind(dir, init));

export interface EngineLoadInit extends LoadInit {
  /** `minisearch` or `pagefind` when the build holds both; empty or unknown = the manifest's choice. */
  engine?: string | null;
}

/** Loads the engine of the index whose manifest.json sits in the directory URL `base`. */
export async function loadEngine(base: string | URL, init: EngineLoadInit = {}): Promise<SearchEngine> {
  const { engine, ...loadInit } = init;
  const dir = new URL(String(base).replace(/\/?$/, '/'), globalThis.location?.href);
  const manifestUrl = new URL('manifest.json', dir).href;
  // The first files of the engine the page asks for are requested with the manifest (its round trip is
  // then off the critical path): the core's, or with engine=pagefind the adapter, which requests its own;
  // a manifest that calls for Pagefind cancels the core's.
  const pagefind = engine === 'pagefind' ? openPagefind(dir, loadInit) : undefined;
  pagefind?.catch(() => undefined); // reported when awaited
  const early = prefetching(init.fetch ?? globalThis.fetch, pagefind ? [] : EARLY_FILES.map((name) => new URL(name, dir).href), init.signal);
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
    return (await (pagefind ?? openPagefind(dir, loadInit)))(manifest);
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
