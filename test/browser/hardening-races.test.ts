/**
 * Races: 1,000 keystrokes at random intervals (a) against an engine whose answers arrive after random
 * delays, so they resolve out of order, and (b) while the index is still loading. Whenever a result is
 * shown it belongs to the query in the box, and at the end the list is exactly the latest query's.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Manifest } from '../../indexer/schema.ts';
import { loadPagefindEngine } from '../../widget/pagefind-engine.ts';
import { SearchCore } from '../../widget/search-core.ts';
import type { SearchEngine, SearchOptions, SearchResult } from '../../widget/search-types.ts';
import { fixtureBundle, indexUrl, input, titles, type ChangefindSearch } from './helpers.ts';

const PAGE = 20;

/** A tiny seeded generator, so a failure can be replayed from the logged seed. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/** The same engine, its answers held back by a random delay: later queries often resolve before earlier ones. */
function delayed(core: SearchEngine, rand: () => number): SearchEngine {
  return {
    manifest: core.manifest,
    search: (query: string, options?: SearchOptions) => {
      // Called in order (as the widget calls it); only the answers are held back, by a random delay each.
      // A superseded Pagefind search rejects (AbortError) at once: handled here, passed on after the delay.
      const answer = Promise.resolve(core.search(query, options));
      const delay = Math.floor(rand() * 40);
      return new Promise<SearchResult>((resolve, reject) =>
        answer.then(
          (result) => setTimeout(() => resolve(result), delay),
          (error: unknown) => setTimeout(() => reject(error), delay),
        ),
      );
    },
  };
}

/** Types `count` random keystrokes at random intervals, as input events: mostly the letters of words
 * from `vocabulary` (so many queries match), with backspaces and restarts. */
async function typeRandomly(el: ChangefindSearch, count: number, rand: () => number, vocabulary: string[]): Promise<void> {
  const box = input(el);
  let target = '';
  for (let i = 0; i < count; i++) {
    const r = rand();
    if (r < 0.15) box.value = box.value.slice(0, -1);
    else if (r < 0.2 || box.value.length > 30) box.value = box.value.slice(0, Math.floor(rand() * 3));
    else {
      if (!target.startsWith(box.value) || target.length === box.value.length) target = `${box.value}${box.value && !box.value.endsWith(' ') ? ' ' : ''}${vocabulary[Math.floor(rand() * vocabulary.length)]}`;
      box.value = target.slice(0, box.value.length + 1);
    }
    box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    const wait = rand();
    if (wait < 0.3) continue;
    if (wait < 0.5) await Promise.resolve();
    else await new Promise((resolve) => setTimeout(resolve, Math.floor(rand() * 8)));
  }
}

/** Lower-case words of the records' titles. */
function wordsOf(core: SearchCore): string[] {
  const words = core.search('', { limit: 1000 }).hits.flatMap((h) => h.title.toLowerCase().match(/[a-z]{3,}/g) ?? []);
  return [...new Set(words)];
}

/** Records every shown result's query against the box's value at that moment. */
function watch(el: ChangefindSearch): { stale: string[]; shown: number; withHits: number } {
  const log = { stale: [] as string[], shown: 0, withHits: 0 };
  el.addEventListener('changefind-search', (e) => {
    log.shown++;
    const { query, total } = (e as CustomEvent<{ query: string; total: number }>).detail;
    if (total > 0) log.withHits++;
    if (query !== input(el).value) log.stale.push(`shown "${query}" while the box held "${input(el).value}"`);
  });
  return log;
}

async function settle(el: ChangefindSearch, core: SearchCore): Promise<void> {
  const query = input(el).value;
  const expected = core.search(query, { limit: PAGE }).hits.map((h) => h.title);
  await waitUntil(() => JSON.stringify(titles(el)) === JSON.stringify(expected) && !el.shadowRoot!.querySelector('.results[aria-busy=true]'), `results never matched the last query "${query}"`, { timeout: 8000 });
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(titles(el)).to.deep.equal(expected);
}

describe('races', function (this: { timeout(ms: number): void }) {
  // 1,000 keystrokes with real timers and renders: far longer than the runner's default per-test timeout on a busy machine.
  this.timeout(120_000);
  it('should only ever show the latest query\'s results when answers arrive out of order (1,000 keystrokes)', async () => {
    const seed = Date.now() % 1e9;
    const rand = random(seed);
    const core = SearchCore.fromBundle(await fixtureBundle());
    const el = await fixture<ChangefindSearch>(html`<changefind-search .engine=${delayed(core, rand)} loading="eager" no-url></changefind-search>`);
    await waitUntil(() => titles(el).length > 0, 'no first results');
    const log = watch(el);
    await typeRandomly(el, 1000, rand, wordsOf(core));
    await settle(el, core);
    expect(log.stale, `seed ${seed}`).to.deep.equal([]);
    expect(log.withHits, 'too few results shown to tell stale from fresh').to.be.greaterThan(10);
  });

  it('should show the latest query\'s results after 1,000 keystrokes typed while the index loads', async () => {
    const seed = Date.now() % 1e9;
    const rand = random(seed);
    const core = SearchCore.fromBundle(await fixtureBundle());
    const src = indexUrl('fx-slow');
    const el = await fixture<ChangefindSearch>(html`<changefind-search src=${src} loading="eager" no-url></changefind-search>`);
    const log = watch(el);
    await typeRandomly(el, 500, rand, wordsOf(core));
    expect(titles(el)).to.deep.equal([]);
    await fetch(src.replace('/fx-slow/', '/fx-release/'));
    await typeRandomly(el, 500, rand, wordsOf(core));
    await settle(el, core);
    expect(log.stale, `seed ${seed}`).to.deep.equal([]);
  });

  it('should only ever show the latest query\'s results on the Pagefind engine with random extra delays (1,000 keystrokes)', async () => {
    const seed = Date.now() % 1e9;
    const rand = random(seed);
    const src = new URL('/test/fixtures/widget/out/index-pagefind/', location.href);
    const manifest = (await (await fetch(new URL('manifest.json', src))).json()) as Manifest;
    const pagefind = await loadPagefindEngine(src, manifest);
    const el = await fixture<ChangefindSearch>(html`<changefind-search .engine=${delayed(pagefind, rand)} loading="eager" no-url></changefind-search>`);
    await waitUntil(() => titles(el).length > 0, 'no first results', { timeout: 8000 });
    const log = watch(el);
    const core = SearchCore.fromBundle(await fixtureBundle());
    await typeRandomly(el, 1000, rand, wordsOf(core));
    const query = input(el).value;
    await waitUntil(() => !el.shadowRoot!.querySelector('.results[aria-busy=true]'), 'never settled', { timeout: 8000 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const expected = (await pagefind.search(query, { limit: PAGE })).hits.map((h) => h.title);
    expect(titles(el), `query "${query}", seed ${seed}`).to.deep.equal(expected);
    expect(log.stale, `seed ${seed}`).to.deep.equal([]);
    expect(log.shown, 'no result shown while typing').to.be.greaterThan(0);
  });
});
