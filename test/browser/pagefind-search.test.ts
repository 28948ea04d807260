/**
 * The searching behaviours of search.test.ts, run against a Pagefind-only build of the same fixture
 * notes (test/fixtures/widget/out/index-pagefind/): the element loads the engine the manifest names.
 * Pagefind answers asynchronously, so each step waits for the state it expects instead of one update.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Manifest } from '../../indexer/schema.ts';
import { PagefindEngine, type PagefindApi } from '../../widget/pagefind-engine.ts';
import { $, $$, checkbox, chips, click, count, dates, input, options, requested, status, titles, type, type ChangefindSearch } from './helpers.ts';

const SRC = '/test/fixtures/widget/out/index-pagefind/';

/** Mounts the element on the Pagefind build and waits (longer than helpers.ts's mount: wasm start-up) for results. */
async function mountPagefind(pageSize = 20): Promise<ChangefindSearch> {
  const el = await fixture<ChangefindSearch>(html`<changefind-search src=${SRC} loading="eager" no-url page-size=${pageSize}></changefind-search>`);
  await until(el, () => !!el.shadowRoot?.querySelector('[role=option], [part=empty]'), 'first results');
  return el;
}

/**
 * Waits until `check` holds (it may throw while the element is still rendering) and the facet counts
 * are in (a first answer shows hits before counts; the panel may still change then).
 */
async function until(el: ChangefindSearch, check: () => boolean, what: string): Promise<void> {
  await waitUntil(
    () => {
      try {
        return check() && el.shadowRoot!.querySelector('[part=filters]')!.getAttribute('aria-busy') === 'false';
      } catch {
        return false;
      }
    },
    `Pagefind engine: ${what}`,
    { timeout: 8000 },
  );
  await el.updateComplete;
}

describe('<changefind-search> on the Pagefind engine', () => {
  it('should load Pagefind’s runtime from the build named by the manifest right after the opening view', async () => {
    const el = await mountPagefind();
    await until(el, () => requested(`${SRC}pagefind/pagefind.js`), 'pagefind.js requested');
    expect(requested(`${SRC}pagefind/changefind-latest.json`)).to.equal(true);
  });

  it('should show the latest changes with facet counts for an empty query', async () => {
    const el = await mountPagefind();
    await until(el, () => status(el) === '12 results, latest first', 'browse status');
    expect(dates(el)[0]).to.equal('2026-02-11');
    expect(['Beta', 'GA in Production', 'Deprecated', 'Early Access', 'GA in Preview'].map((v) => count(el, 'Lifecycle', v))).to.deep.equal([2, 2, 1, 1, 1]);
    expect(['Feature', 'Bug fix', 'Docs update'].map((v) => count(el, 'Kind', v))).to.deep.equal([7, 4, 1]);
  });

  it('should rank the change whose title holds every word first', async () => {
    const el = await mountPagefind();
    await type(el, 'webhook retries');
    await until(el, () => titles(el)[0] === 'Webhook retries is GA in Preview', 'webhook retries first');
  });

  it('should show the newest query’s results when typing faster than the engine answers', async () => {
    const el = await mountPagefind();
    const shown: string[] = [];
    el.addEventListener('changefind-search', (e) => shown.push(e.detail.query));
    input(el).focus();
    await sendKeys({ type: 'passkey' });
    for (let i = 0; i < 'passkey'.length; i++) await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: 'region' });
    await until(el, () => shown[shown.length - 1] === 'region', 'the last shown query is the last typed');
    await until(el, () => titles(el)[0] === 'Region pinning is GA in Production', 'region results');
    expect(titles(el).every((t) => /region/i.test(t))).to.equal(true);
  });

  it('should send Pagefind only the newest of the keys typed while it was busy', async () => {
    const manifest = (await (await fetch(`${SRC}manifest.json`)).json()) as Manifest;
    const api = (await import(/* @vite-ignore */ `${SRC}pagefind/pagefind.js`)) as PagefindApi;
    await api.options({ basePath: `${SRC}pagefind/`, baseUrl: '/', excerptLength: 26 });
    await api.init();
    const sent: (string | null)[] = [];
    let release!: () => void;
    const busy = new Promise<void>((resolve) => (release = resolve));
    const held: PagefindApi = { ...api, search: async (term, options) => (sent.push(term), await busy, api.search(term, options)) };
    const engine = PagefindEngine.create(manifest, async () => held);
    const el = await fixture<ChangefindSearch>(html`<changefind-search .engine=${engine} loading="eager" no-url></changefind-search>`);
    const shown: string[] = [];
    el.addEventListener('changefind-search', (e) => shown.push(e.detail.query));
    await until(el, () => sent.length === 1, 'the opening view asked Pagefind');
    await type(el, 'passkey');
    release();
    await until(el, () => shown[shown.length - 1] === 'passkey', 'passkey results shown');
    // Each view may take two searches (its hits, then its facet counts), never one per key typed.
    expect([[...new Set(sent)], /passkey/i.test(titles(el)[0] ?? '')]).to.deep.equal([[null, 'passkey'], true]);
  });

  it('should render the matched words of a title as mark elements', async () => {
    const el = await mountPagefind();
    await type(el, 'passkey');
    await until(el, () => options(el)[0]!.querySelectorAll('.title mark').length > 0, 'title marks');
    const marks = [...options(el)[0]!.querySelectorAll('.title mark')].map((m) => m.textContent!.toLowerCase());
    expect(marks).to.include('passkey');
  });

  it('should show lifecycle, kind, product, release and date badges', async () => {
    const el = await mountPagefind();
    await type(el, 'region pinning');
    await until(el, () => titles(el)[0] === 'Region pinning is GA in Production', 'region pinning first');
    const badges = [...options(el)[0]!.querySelectorAll('[part=badge]')].map((b) => b.textContent!.trim());
    expect(badges).to.deep.equal(['GA in Production', 'Feature', 'Acme Widgets', '2025.12.0', 'Dec 3, 2025']);
  });

  it('should narrow by a facet value and recount the other facets', async () => {
    const el = await mountPagefind();
    await click(checkbox(el, 'Lifecycle', 'Beta'));
    await until(el, () => status(el) === '2 results, latest first', 'two beta results');
    expect([count(el, 'Product', 'Acme Widgets'), count(el, 'Product', 'Acme Gateway')]).to.deep.equal([1, 1]);
    expect(count(el, 'Lifecycle', 'Deprecated')).to.equal(1);
  });

  it('should match any selected value within a facet', async () => {
    const el = await mountPagefind();
    await click(checkbox(el, 'Lifecycle', 'Beta'));
    await until(el, () => status(el) === '2 results, latest first', 'beta selected');
    await click(checkbox(el, 'Lifecycle', 'Deprecated'));
    await until(el, () => status(el) === '3 results, latest first', 'beta or deprecated');
  });

  it('should match every facet across facets', async () => {
    const el = await mountPagefind();
    await click(checkbox(el, 'Lifecycle', 'Beta'));
    await until(el, () => status(el) === '2 results, latest first', 'beta selected');
    await click(checkbox(el, 'Product', 'Acme Gateway'));
    await until(el, () => titles(el).length === 1, 'one result');
    expect(titles(el)).to.deep.equal(['Gateway passkey support is Beta']);
  });

  it('should show a chip per active filter that removes it', async () => {
    const el = await mountPagefind();
    await click(checkbox(el, 'Lifecycle', 'Beta'));
    await until(el, () => status(el) === '2 results, latest first', 'beta selected');
    await click(checkbox(el, 'Kind', 'Feature'));
    await until(el, () => chips(el).length === 2, 'two chips');
    expect(chips(el)).to.deep.equal(['Lifecycle: Beta', 'Kind: Feature']);
    await click($$(el, '[part=chip]')[0]!);
    await until(el, () => status(el) === '7 results, latest first', 'features only');
    expect(chips(el)).to.deep.equal(['Kind: Feature']);
    expect(checkbox(el, 'Lifecycle', 'Beta').checked).to.equal(false);
  });

  it('should sort oldest first and newest first', async () => {
    const el = await mountPagefind();
    const sort = $<HTMLSelectElement>(el, '[part=sort]');
    sort.value = 'oldest';
    sort.dispatchEvent(new Event('change'));
    await until(el, () => dates(el)[0] === '2025-12-03', 'oldest first');
    const oldest = dates(el);
    expect(oldest).to.deep.equal([...oldest].sort());
    sort.value = 'newest';
    sort.dispatchEvent(new Event('change'));
    await until(el, () => dates(el)[0] === '2026-02-11', 'newest first');
    const newest = dates(el);
    expect(newest).to.deep.equal([...newest].sort().reverse());
  });

  it('should keep only changes inside the date range', async () => {
    const el = await mountPagefind();
    const from = $<HTMLInputElement>(el, 'input[name=from]');
    from.value = '2026-02-01';
    from.dispatchEvent(new Event('change'));
    await until(el, () => status(el) === '8 results, latest first', 'eight results from February');
    expect(dates(el).every((d) => d >= '2026-02-01')).to.equal(true);
    expect(chips(el)).to.deep.equal(['From: 2026-02-01']);
  });

  it('should load more results a page at a time', async () => {
    const el = await mountPagefind(5);
    await until(el, () => options(el).length === 5, 'first page');
    expect($(el, '[part=more]').textContent!.trim()).to.equal('Show more (7 left)');
    await click($(el, '[part=more]'));
    await until(el, () => options(el).length === 10, 'second page');
    await click($(el, '[part=more]'));
    await until(el, () => options(el).length === 12, 'last page');
    expect(el.shadowRoot!.querySelector('[part=more]')).to.equal(null);
  });

  it('should offer to drop a filter when nothing matches', async () => {
    const el = await mountPagefind();
    await click(checkbox(el, 'Lifecycle', 'Deprecated'));
    await until(el, () => status(el) === '1 result, latest first', 'one deprecated');
    await type(el, 'webhook');
    await until(el, () => $(el, '[part=empty]').textContent!.includes('No results for'), 'no results');
    const drop = $$(el, '[part=empty] button').find((b) => b.textContent!.includes('Lifecycle: Deprecated'))!;
    await click(drop);
    await until(el, () => titles(el)[0] === 'Webhook retries is GA in Preview', 'webhook results');
    expect(chips(el)).to.deep.equal([]);
  });
});
