/**
 * The element told `engine="pagefind"` on a split Pagefind build
 * (test/fixtures/widget/out/index-pagefind-split/): the adapter requests the Pagefind files itself
 * together with the manifest (widget/load-engine.ts, openPagefind), and the answers are the same as
 * when the manifest picks the engine. Real keys.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { $, status, titles, type, type ChangefindSearch } from './helpers.ts';

const SPLIT = '/test/fixtures/widget/out/index-pagefind-split/';

const settled = (el: ChangefindSearch) => $(el, '.results').getAttribute('aria-busy') === 'false' && $(el, '[part=filters]').getAttribute('aria-busy') === 'false';
const requested = (part: string) => performance.getEntriesByType('resource').filter((e) => e.name.includes(`${SPLIT}${part}`)).length;

async function typed(engine: string | undefined): Promise<{ titles: string[]; status: string }> {
  const el = await fixture<ChangefindSearch>(html`<changefind-search src=${SPLIT} engine=${engine ?? ''} loading="eager" no-url></changefind-search>`);
  await waitUntil(() => !!el.shadowRoot?.querySelector('[role=option]') && settled(el), 'opening view', { timeout: 8000 });
  await type(el, 'token');
  await waitUntil(() => status(el) === '3 results' && settled(el), `token with engine=${engine}`, { timeout: 8000 });
  const view = { titles: titles(el).sort(), status: status(el) };
  el.remove();
  return view;
}

describe('<changefind-search engine="pagefind"> on a split Pagefind build', () => {
  it('should show the same results as when the manifest picks the engine', async () => {
    expect(await typed('pagefind')).to.deep.equal(await typed(undefined));
  });

  it('should not request the search core files', async () => {
    performance.clearResourceTimings();
    await typed('pagefind');
    expect([requested('postings.json'), requested('docs.json'), requested('pagefind/changefind-bundles.json')]).to.deep.equal([0, 0, 1]);
  });
});
