import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { SearchCore } from '../../widget/search-core.ts';
import { fixtureBundle, indexUrl, ready, type ChangefindSearch } from './helpers.ts';

/** A core shown by the element, warming in idle time. */
async function shown(): Promise<{ el: ChangefindSearch; core: SearchCore; warming: Promise<number> }> {
  const core = SearchCore.fromBundle(await fixtureBundle());
  const el = await fixture<ChangefindSearch>(html`<changefind-search .engine=${core} loading="eager" no-url></changefind-search>`);
  await el.updateComplete;
  return { el, core, warming: core.warmUp(Infinity, Infinity) };
}

describe('<changefind-search> and the core warm-up', () => {
  it('should let the warm-up run while the element stays on the page', async () => {
    const { warming } = await shown();
    expect(await warming).to.be.greaterThan(0);
  });

  it('should end the warm-up when the element leaves the page', async () => {
    const { el, core, warming } = await shown();
    let searches = 0;
    const search = core.search.bind(core);
    core.search = (q, o) => (searches++, search(q, o));
    el.remove();
    expect(await warming).to.equal(0);
    expect(searches).to.equal(0);
  });

  it('should warm a core built from an inline index once it has shown results', async () => {
    // Observed through the idle callbacks the warm-up asks for (the only code of the widget that asks
    // for any), so the test holds against the shipped bundle too, whose SearchCore is its own class.
    const idle = window.requestIdleCallback;
    let asked = 0;
    window.requestIdleCallback = (cb, opts) => (asked++, idle(cb, opts));
    try {
      const bundle = await fixtureBundle();
      const el = await fixture<ChangefindSearch>(html`<changefind-search .bundle=${bundle} loading="eager" no-url></changefind-search>`);
      await ready(el);
      await waitUntil(() => asked > 0, 'the core never asked for idle time');
      el.remove();
    } finally {
      window.requestIdleCallback = idle;
    }
  });

  for (const [how, attrs] of [
    ['an inline index', (bundle: unknown) => html`<changefind-search .bundle=${bundle} loading="eager" no-url no-warm-up></changefind-search>`],
    ['an index loaded from src', () => html`<changefind-search src=${indexUrl()} loading="eager" no-url no-warm-up></changefind-search>`],
  ] as const) {
    it(`should not warm the core of ${how} with no-warm-up`, async () => {
      const idle = window.requestIdleCallback;
      let asked = 0;
      window.requestIdleCallback = (cb, opts) => (asked++, idle(cb, opts));
      try {
        const el = await fixture<ChangefindSearch>(attrs(await fixtureBundle()));
        await ready(el);
        // With the warm-up on, it asks for idle time as soon as the first search has returned and the
        // record texts are in (the test above); give it well past that.
        await waitUntil(() => el.shadowRoot!.querySelector('.results[aria-busy=false]'), 'the record texts never arrived');
        await new Promise((r) => setTimeout(r, 500));
        expect(asked).to.equal(0);
        el.remove();
      } finally {
        window.requestIdleCallback = idle;
      }
    });
  }
});
