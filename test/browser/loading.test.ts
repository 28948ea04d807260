import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { $, click, fixtureBundle, indexUrl, options, ready, requested, status, type ChangefindSearch } from './helpers.ts';

/** A tick for the browser to run anything the element may have queued (used only to show nothing happened). */
const settle = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r)));

describe('<changefind-search> loading', () => {
  it('should not fetch the index before it is seen, focused or hovered', async () => {
    const src = indexUrl();
    // Start from the top of the page with the pointer away (an earlier test may have left either elsewhere).
    window.scrollTo(0, 0);
    await sendMouse({ type: 'move', position: [0, 0] });
    const page = await fixture<HTMLElement>(html`<div><div style="height: 300vh"></div><changefind-search src=${src} no-url></changefind-search></div>`);
    await settle();
    expect(requested(`${src}manifest.json`)).to.equal(false);
    expect(page.querySelector('changefind-search')!.shadowRoot!.querySelectorAll('[role=option]')).to.have.length(0);
  });

  it('should load the index on first focus', async () => {
    const src = indexUrl();
    // Start from the top of the page with the pointer away (an earlier test may have left either elsewhere).
    window.scrollTo(0, 0);
    await sendMouse({ type: 'move', position: [0, 0] });
    const page = await fixture<HTMLElement>(html`<div><div style="height: 300vh"></div><changefind-search src=${src} no-url></changefind-search></div>`);
    const el = page.querySelector('changefind-search')!;
    $(el, '#q').focus();
    await ready(el);
    expect(requested(`${src}manifest.json`)).to.equal(true);
  });

  it('should load the index when it scrolls into view', async () => {
    const src = indexUrl();
    // Start from the top of the page with the pointer away (an earlier test may have left either elsewhere).
    window.scrollTo(0, 0);
    await sendMouse({ type: 'move', position: [0, 0] });
    const page = await fixture<HTMLElement>(html`<div><div style="height: 300vh"></div><changefind-search src=${src} no-url></changefind-search></div>`);
    const el = page.querySelector('changefind-search')!;
    await settle();
    expect(requested(`${src}manifest.json`)).to.equal(false);
    el.scrollIntoView();
    await ready(el);
    expect(requested(`${src}manifest.json`)).to.equal(true);
  });

  it('should load an interaction-only index on hover and not on sight', async () => {
    const src = indexUrl();
    const el = await fixture<ChangefindSearch>(html`<changefind-search src=${src} loading="interaction" no-url></changefind-search>`);
    await settle();
    expect(requested(`${src}manifest.json`)).to.equal(false);
    const r = el.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(r.x + 20), Math.round(r.y + 10)] });
    await ready(el);
    expect(requested(`${src}manifest.json`)).to.equal(true);
    await sendMouse({ type: 'move', position: [0, 0] });
  });

  it('should show a busy loading state until the index arrives', async () => {
    const src = indexUrl('fx-slow');
    const el = await fixture<ChangefindSearch>(html`<changefind-search src=${src} loading="eager" no-url></changefind-search>`);
    await waitUntil(() => status(el).includes('Loading'), 'no loading state');
    expect(status(el)).to.equal('Loading release notes…');
    expect($(el, '.results').getAttribute('aria-busy')).to.equal('true');
    await fetch(src.replace('/fx-slow/', '/fx-release/'));
    await ready(el);
    expect($(el, '.results').getAttribute('aria-busy')).to.equal('false');
    expect(status(el)).to.equal('12 results, latest first');
  });

  it('should search an index embedded in a JSON script element without fetching', async () => {
    const json = JSON.stringify(await fixtureBundle());
    const page = await fixture<HTMLElement>(html`<div>
      <script type="application/json" id="cf-inline-index">${json}</script>
      <changefind-search bundle-id="cf-inline-index" loading="eager" no-url></changefind-search>
    </div>`);
    const el = page.querySelector('changefind-search')!;
    await ready(el);
    expect(options(el).length).to.equal(12);
    expect(performance.getEntriesByType('resource').some((e) => e.name.endsWith('/manifest.json') && e.name.includes('inline'))).to.equal(false);
  });

  it('should search a bundle given as a property', async () => {
    const bundle = await fixtureBundle();
    const el = await fixture<ChangefindSearch>(html`<changefind-search .bundle=${bundle} loading="eager" no-url></changefind-search>`);
    await ready(el);
    expect(status(el)).to.equal('12 results, latest first');
  });

  it('should explain a missing index and offer a retry', async () => {
    const el = await fixture<ChangefindSearch>(html`<changefind-search src="/test/fixtures/widget/out/missing/" loading="eager" no-url></changefind-search>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part=error]'), 'no error shown');
    const error = $(el, '[part=error]');
    expect(error.dataset.code).to.equal('not-found');
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.contain('The search index was not found.');
    expect(error.querySelector('button')!.textContent!.trim()).to.equal('Retry');
  });

  it('should load the index when Retry is pressed after a failure', async () => {
    const el = await fixture<ChangefindSearch>(html`<changefind-search src=${indexUrl('fx-flaky')} loading="eager" no-url></changefind-search>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part=error]'), 'no error shown');
    await click($(el, '[part=error] button'));
    await ready(el);
    expect(el.shadowRoot!.querySelector('[part=error]')).to.equal(null);
    expect(status(el)).to.equal('12 results, latest first');
  });

  it('should explain an index built by another schema version', async () => {
    const el = await fixture<ChangefindSearch>(html`<changefind-search src="/test/fixtures/widget/out/schema-mismatch/" loading="eager" no-url></changefind-search>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part=error]'), 'no error shown');
    expect($(el, '[part=error]').dataset.code).to.equal('schema-mismatch');
    expect($(el, '[part=error]').textContent).to.contain('built by another version of changefind');
  });

  it('should explain an inline index that is not JSON', async () => {
    const page = await fixture<HTMLElement>(html`<div>
      <script type="application/json" id="cf-broken-index">{"manifest": </script>
      <changefind-search bundle-id="cf-broken-index" loading="eager" no-url></changefind-search>
    </div>`);
    const el = page.querySelector('changefind-search')!;
    await waitUntil(() => el.shadowRoot!.querySelector('[part=error]'), 'no error shown');
    expect($(el, '[part=error]').dataset.code).to.equal('not-json');
  });

  it('should load a new index when src changes', async () => {
    const el = await fixture<ChangefindSearch>(html`<changefind-search src="/test/fixtures/widget/out/missing/" loading="eager" no-url></changefind-search>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part=error]'), 'no error shown');
    el.src = indexUrl();
    await ready(el);
    expect(options(el)).to.have.length(12);
  });
});

describe('<changefind-search loading="lazy">', () => {
  it('should treat lazy like visible and load when it scrolls into view', async () => {
    const src = indexUrl();
    const page = await fixture<HTMLElement>(html`<div><div style="height: 300vh"></div><changefind-search src=${src} loading="lazy" no-url></changefind-search></div>`);
    const el = page.querySelector('changefind-search')!;
    await settle();
    expect(requested(`${src}manifest.json`)).to.equal(false);
    el.scrollIntoView();
    await ready(el);
    expect(requested(`${src}manifest.json`)).to.equal(true);
  });

  it('should show results before the record texts arrive and fill their snippets in after', async () => {
    const original = window.fetch;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    window.fetch = async (input, init) => {
      if (String(input instanceof Request ? input.url : input).endsWith('/bodies.json')) await held;
      return original(input, init);
    };
    try {
      const el = await fixture<ChangefindSearch>(html`<changefind-search src=${indexUrl()} loading="eager" no-url></changefind-search>`);
      await waitUntil(() => options(el).length > 0, 'no results before the record texts arrived');
      const snippets = () => el.shadowRoot!.querySelectorAll('[part=snippet]').length;
      const busy = () => $(el, '.results').getAttribute('aria-busy');
      expect([snippets(), busy()]).to.deep.equal([0, 'true']);
      release();
      await waitUntil(() => snippets() > 0, 'no snippet after the record texts arrived');
      await waitUntil(() => busy() === 'false', 'results still busy after the record texts arrived');
    } finally {
      release();
      window.fetch = original;
    }
  });

  it('should explain record texts that fail to load and offer a retry', async () => {
    const original = window.fetch;
    window.fetch = async (input, init) =>
      String(input instanceof Request ? input.url : input).endsWith('/bodies.json') ? new Response('gone', { status: 404 }) : original(input, init);
    try {
      const el = await fixture<ChangefindSearch>(html`<changefind-search src=${indexUrl()} loading="eager" no-url></changefind-search>`);
      await waitUntil(() => el.shadowRoot!.querySelector('[part=error]'), 'no error shown');
      expect($(el, '[part=error]').dataset.code).to.equal('not-found');
      window.fetch = original;
      await click($(el, '[part=error] button'));
      await ready(el);
      expect(el.shadowRoot!.querySelector('[part=error]')).to.equal(null);
    } finally {
      window.fetch = original;
    }
  });
});
