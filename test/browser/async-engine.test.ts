import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { SearchCore } from '../../widget/search-core.ts';
import type { SearchEngine, SearchOptions, SearchResult } from '../../widget/search-types.ts';
import { $, click, fixtureBundle, input, status, titles, type ChangefindSearch } from './helpers.ts';

/** The real core behind an async interface whose answers the test releases in any order. */
class HeldEngine implements SearchEngine {
  readonly pending: { query: string; release: () => void }[] = [];
  constructor(private readonly core: SearchCore) {}
  get manifest() {
    return this.core.manifest;
  }
  search(query: string, options?: SearchOptions): Promise<SearchResult> {
    return new Promise((resolve) => this.pending.push({ query, release: () => resolve(this.core.search(query, options)) }));
  }
  release(query: string): Promise<void> {
    this.pending.find((p) => p.query === query)!.release();
    return new Promise((r) => setTimeout(r));
  }
}

async function held(): Promise<{ el: ChangefindSearch; engine: HeldEngine }> {
  const engine = new HeldEngine(SearchCore.fromBundle(await fixtureBundle()));
  const el = await fixture<ChangefindSearch>(html`<changefind-search .engine=${engine} loading="eager" no-url></changefind-search>`);
  await engine.release('');
  await el.updateComplete;
  return { el, engine };
}

function setQuery(el: ChangefindSearch, value: string): void {
  input(el).value = value;
  input(el).dispatchEvent(new Event('input'));
}

describe('<changefind-search> with an async engine', () => {
  it('should never let an older answer replace a newer one', async () => {
    const { el, engine } = await held();
    setQuery(el, 'passkey');
    setQuery(el, 'webhook');
    await engine.release('webhook');
    await el.updateComplete;
    expect(titles(el)[0]).to.equal('Webhook retries is GA in Preview');
    await engine.release('passkey');
    await el.updateComplete;
    expect(titles(el)[0]).to.equal('Webhook retries is GA in Preview');
    expect(titles(el).some((t) => t.toLowerCase().includes('passkey'))).to.equal(false);
  });

  it('should mark the results busy while the newest search is pending', async () => {
    const { el, engine } = await held();
    setQuery(el, 'region');
    await el.updateComplete;
    expect($(el, '.results').getAttribute('aria-busy')).to.equal('true');
    await engine.release('region');
    await el.updateComplete;
    expect($(el, '.results').getAttribute('aria-busy')).to.equal('false');
    expect(status(el)).to.equal('2 results');
  });
});

describe('<changefind-search> with an engine that fails', () => {
  it('should show the failure and search again on Retry', async () => {
    const core = SearchCore.fromBundle(await fixtureBundle());
    let fail = true;
    const engine: SearchEngine = {
      manifest: core.manifest,
      search: (query, options) => (fail ? Promise.reject(new Error('chunk download failed')) : Promise.resolve(core.search(query, options))),
    };
    const el = await fixture<ChangefindSearch>(html`<changefind-search .engine=${engine} loading="eager" no-url></changefind-search>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part=error]'), 'no failure shown');
    expect($(el, '[part=error]').textContent).to.contain('chunk download failed');
    fail = false;
    await click($(el, '[part=error] button'));
    await waitUntil(() => el.shadowRoot!.querySelector('[role=option]'), 'no results after retry');
    expect(status(el)).to.equal('12 results, latest first');
  });
});
