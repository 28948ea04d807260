/**
 * The element on a Pagefind build split into three bundles by date period
 * (test/fixtures/widget/out/index-pagefind-split/: 2, 6 and 4 records, newest first): the same answers
 * as the one-bundle build, the newest bundle's hits first with the facet counts pending, and no older
 * query's answer after a newer one. Real keys throughout.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Manifest } from '../../indexer/schema.ts';
import { loadPagefindEngine } from '../../widget/pagefind-engine.ts';
import { $, $$, checkbox, input, status, titles, type, type ChangefindSearch } from './helpers.ts';

const SPLIT = '/test/fixtures/widget/out/index-pagefind-split/';
const SINGLE = '/test/fixtures/widget/out/index-pagefind/';

async function until(check: () => boolean, what: string): Promise<void> {
  await waitUntil(
    () => {
      try {
        return check();
      } catch {
        return false;
      }
    },
    `split Pagefind build: ${what}`,
    { timeout: 8000 },
  );
}

const settled = (el: ChangefindSearch) => $(el, '.results').getAttribute('aria-busy') === 'false' && $(el, '[part=filters]').getAttribute('aria-busy') === 'false';

/** Every facet value's count as `Legend/value:count`. */
const counts = (el: ChangefindSearch) =>
  $$(el, '[part=facet]:not(.dates) label').map((l) => `${l.closest('fieldset')!.querySelector('legend')!.textContent!.trim()}/${l.querySelector('.val')!.textContent!.trim()}:${l.querySelector('.count')!.textContent!.trim()}`);

async function mountSrc(src: string): Promise<ChangefindSearch> {
  const el = await fixture<ChangefindSearch>(html`<changefind-search src=${src} loading="eager" no-url></changefind-search>`);
  await until(() => !!el.shadowRoot?.querySelector('[role=option]') && settled(el), 'opening view');
  return el;
}

/** The split build's engine with bundle `held`'s entry file (so its Pagefind instance) held until `release()`. */
async function heldEngine(held: string) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const manifest = (await (await fetch(`${SPLIT}manifest.json`)).json()) as Manifest;
  const holding: typeof fetch = async (url, init) => {
    if (String(url).includes(`/${held}pagefind-entry.json`)) await gate;
    return fetch(url, init);
  };
  const engine = await loadPagefindEngine(new URL(SPLIT, location.href), manifest, { fetch: holding });
  return { engine, release };
}

describe('<changefind-search> on a Pagefind build split by date period', () => {
  it('should show the same results and facet counts as the one-bundle build for a typed query, newest first', async () => {
    const views: { titles: string[]; counts: string[] }[] = [];
    for (const src of [SPLIT, SINGLE]) {
      const el = await mountSrc(src);
      const sort = $<HTMLSelectElement>(el, '[part=sort]');
      sort.value = 'newest';
      sort.dispatchEvent(new Event('change'));
      await type(el, 'passkey');
      await until(() => status(el) === '4 results' && settled(el), `passkey on ${src}`);
      views.push({ titles: titles(el), counts: counts(el) });
      el.remove();
    }
    expect(views[0]).to.deep.equal(views[1]);
  });

  it('should show the same result set and facet counts as the one-bundle build for a relevance query', async () => {
    const views: { titles: string[]; counts: string[] }[] = [];
    for (const src of [SPLIT, SINGLE]) {
      const el = await mountSrc(src);
      await type(el, 'token');
      await until(() => status(el) === '3 results' && settled(el), `token on ${src}`);
      views.push({ titles: titles(el).sort(), counts: counts(el) });
      el.remove();
    }
    expect(views[0]).to.deep.equal(views[1]);
  });

  it('should show the newest bundle’s hits first with the facet counts pending, then the whole answer with counts', async () => {
    const { engine, release } = await heldEngine('b2/');
    const el = await fixture<ChangefindSearch>(html`<changefind-search .engine=${engine} loading="eager" no-url></changefind-search>`);
    await until(() => !!el.shadowRoot?.querySelector('[role=option]'), 'opening view');
    await type(el, 'token');
    await until(() => status(el) === '2+ results, still searching older releases…', 'first answer');
    const filters = $(el, '[part=filters]');
    const count = checkbox(el, 'Kind', 'Feature').closest('label')!.querySelector<HTMLElement>('.count')!;
    const pending = [titles(el), filters.getAttribute('aria-busy'), !!$(el, '[part=facets-pending]'), getComputedStyle(count).visibility];
    release();
    await until(() => status(el) === '3 results' && settled(el), 'whole answer');
    const count2 = checkbox(el, 'Kind', 'Feature').closest('label')!.querySelector<HTMLElement>('.count')!;
    expect([pending, [el.shadowRoot!.querySelector('[part=facets-pending]'), getComputedStyle(count2).visibility, counts(el)]]).to.deep.equal([
      [['Token vault rotation is GA in Production', 'The token vault returned an HTTP 500 error for empty labels. (ACME-102)'], 'true', true, 'hidden'],
      [null, 'visible', ['Lifecycle/Deprecated:1', 'Lifecycle/GA in Production:1', 'Kind/Feature:2', 'Kind/Bug fix:1', 'Product/Acme Widgets:3', 'Release type/Weekly:2', 'Release type/Monthly:1', 'Year/2026:3']],
    ]);
  });

  it('should not show an older query’s answer when an older bundle answers after a newer query', async () => {
    const { engine, release } = await heldEngine('b1/');
    const el = await fixture<ChangefindSearch>(html`<changefind-search .engine=${engine} loading="eager" no-url></changefind-search>`);
    await until(() => !!el.shadowRoot?.querySelector('[role=option]'), 'opening view');
    const shown: string[] = [];
    el.addEventListener('changefind-search', (e) => shown.push(e.detail.query));
    await type(el, 'passkey');
    input(el).focus();
    for (let i = 0; i < 'passkey'.length; i++) await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: 'webhook' });
    release();
    await until(() => status(el) === '2 results' && settled(el), 'webhook results');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect([shown[shown.length - 1], titles(el).every((t) => /webhook/i.test(t)), status(el)]).to.deep.equal(['webhook', true, '2 results']);
  });
});
