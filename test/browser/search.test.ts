import { expect, html, waitUntil } from '@open-wc/testing';
import { $, $$, checkbox, chips, click, count, dates, indexUrl, input, mount, options, status, titles, type } from './helpers.ts';

describe('<changefind-search> searching', () => {
  it('should show the latest changes with facet counts for an empty query', async () => {
    const el = await mount();
    expect(status(el)).to.equal('12 results, latest first');
    expect(dates(el)[0]).to.equal('2026-02-11');
    expect(['Beta', 'GA in Production', 'Deprecated', 'Early Access', 'GA in Preview'].map((v) => count(el, 'Lifecycle', v))).to.deep.equal([2, 2, 1, 1, 1]);
    expect(['Feature', 'Bug fix', 'Docs update'].map((v) => count(el, 'Kind', v))).to.deep.equal([7, 4, 1]);
  });

  it('should rank the change whose title holds every word first', async () => {
    const el = await mount();
    await type(el, 'webhook retries');
    expect(titles(el)[0]).to.equal('Webhook retries is GA in Preview');
  });

  it('should search again on every keystroke', async () => {
    const el = await mount();
    const queries: string[] = [];
    el.addEventListener('changefind-search', (e) => queries.push(e.detail.query));
    await type(el, 'region');
    expect(queries).to.deep.equal(['r', 're', 'reg', 'regi', 'regio', 'region']);
    expect(titles(el)[0]).to.equal('Region pinning is GA in Production');
  });

  it('should render the matched words of a title as mark elements', async () => {
    const el = await mount();
    await type(el, 'passkey');
    const marks = [...options(el)[0]!.querySelectorAll('.title mark')].map((m) => m.textContent!.toLowerCase());
    expect(marks).to.include('passkey');
  });

  it('should show lifecycle, kind, product, release and date badges', async () => {
    const el = await mount();
    await type(el, 'region pinning');
    const badges = [...options(el)[0]!.querySelectorAll('[part=badge]')].map((b) => b.textContent!.trim());
    expect(badges).to.deep.equal(['GA in Production', 'Feature', 'Acme Widgets', '2025.12.0', 'Dec 3, 2025']);
  });

  it('should narrow by a facet value and recount the other facets', async () => {
    const el = await mount();
    await click(checkbox(el, 'Lifecycle', 'Beta'));
    await el.updateComplete;
    expect(status(el)).to.equal('2 results, latest first');
    expect([count(el, 'Product', 'Acme Widgets'), count(el, 'Product', 'Acme Gateway')]).to.deep.equal([1, 1]);
    expect(count(el, 'Lifecycle', 'Deprecated')).to.equal(1);
  });

  it('should match any selected value within a facet', async () => {
    const el = await mount();
    await click(checkbox(el, 'Lifecycle', 'Beta'));
    await el.updateComplete;
    await click(checkbox(el, 'Lifecycle', 'Deprecated'));
    await el.updateComplete;
    expect(status(el)).to.equal('3 results, latest first');
  });

  it('should match every facet across facets', async () => {
    const el = await mount();
    await click(checkbox(el, 'Lifecycle', 'Beta'));
    await el.updateComplete;
    await click(checkbox(el, 'Product', 'Acme Gateway'));
    await el.updateComplete;
    expect(titles(el)).to.deep.equal(['Gateway passkey support is Beta']);
  });

  it('should show a chip per active filter that removes it', async () => {
    const el = await mount();
    await click(checkbox(el, 'Lifecycle', 'Beta'));
    await el.updateComplete;
    await click(checkbox(el, 'Kind', 'Feature'));
    await el.updateComplete;
    expect(chips(el)).to.deep.equal(['Lifecycle: Beta', 'Kind: Feature']);
    await click($$(el, '[part=chip]')[0]!);
    await el.updateComplete;
    expect(chips(el)).to.deep.equal(['Kind: Feature']);
    expect(checkbox(el, 'Lifecycle', 'Beta').checked).to.equal(false);
    expect(status(el)).to.equal('7 results, latest first');
  });

  it('should clear every filter with clear all', async () => {
    const el = await mount();
    await click(checkbox(el, 'Lifecycle', 'Beta'));
    await el.updateComplete;
    await click(checkbox(el, 'Kind', 'Feature'));
    await el.updateComplete;
    await click($(el, '[part=clear]'));
    await el.updateComplete;
    expect(chips(el)).to.deep.equal([]);
    expect(status(el)).to.equal('12 results, latest first');
  });

  it('should sort oldest first and newest first', async () => {
    const el = await mount();
    const sort = $<HTMLSelectElement>(el, '[part=sort]');
    sort.focus();
    sort.value = 'oldest';
    sort.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const oldest = dates(el);
    expect(oldest[0]).to.equal('2025-12-03');
    expect(oldest).to.deep.equal([...oldest].sort());
    sort.value = 'newest';
    sort.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const newest = dates(el);
    expect(newest).to.deep.equal([...newest].sort().reverse());
  });

  it('should group results by release when sorted by date', async () => {
    const el = await mount();
    const groups = $$(el, '[role=group].group').map((g) => g.getAttribute('aria-label'));
    expect(groups[0]).to.equal('Weekly release 2026.02.1 · Acme Widgets · Feb 11, 2026');
    expect(groups).to.include.members([
      'Monthly release 2026.02.0 · Acme Widgets · Feb 4, 2026',
      'Monthly release 2026.02.0 · Acme Gateway · Feb 4, 2026',
      'Monthly release 2025.12.0 · Acme Widgets · Dec 3, 2025',
    ]);
    expect($$(el, '[role=group].group [role=option]')).to.have.length(12);
  });

  it('should list results ungrouped when sorted by relevance', async () => {
    const el = await mount();
    await type(el, 'passkey');
    expect($$(el, '[role=group].group')).to.have.length(0);
    expect(options(el).length).to.be.greaterThan(0);
  });

  it('should offer date pickers for both ends of the date range', async () => {
    const el = await mount();
    await waitUntil(() => $$<HTMLInputElement>(el, '.dates input').every((i) => i.type === 'date'), 'the date range never got date pickers');
    expect($$<HTMLInputElement>(el, '.dates input').map((i) => [i.name, i.type])).to.deep.equal([['from', 'date'], ['to', 'date']]);
  });

  it('should keep only changes inside the date range', async () => {
    const el = await mount();
    const from = $<HTMLInputElement>(el, 'input[name=from]');
    from.value = '2026-02-01';
    from.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(status(el)).to.equal('8 results, latest first');
    expect(dates(el).every((d) => d >= '2026-02-01')).to.equal(true);
    expect(chips(el)).to.deep.equal(['From: 2026-02-01']);
  });

  it('should load more results a page at a time', async () => {
    const el = await mount(html`<changefind-search src=${indexUrl()} loading="eager" no-url page-size="5"></changefind-search>`);
    expect(options(el)).to.have.length(5);
    expect($(el, '[part=more]').textContent!.trim()).to.equal('Show more (7 left)');
    await click($(el, '[part=more]'));
    await el.updateComplete;
    expect(options(el)).to.have.length(10);
    await click($(el, '[part=more]'));
    await el.updateComplete;
    expect(options(el)).to.have.length(12);
    expect(el.shadowRoot!.querySelector('[part=more]')).to.equal(null);
  });

  it('should offer to drop a filter when nothing matches', async () => {
    const el = await mount();
    await click(checkbox(el, 'Lifecycle', 'Deprecated'));
    await el.updateComplete;
    await type(el, 'webhook');
    expect($(el, '[part=empty]').textContent).to.contain('No results for');
    const drop = $$(el, '[part=empty] button').find((b) => b.textContent!.includes('Lifecycle: Deprecated'))!;
    await click(drop);
    await el.updateComplete;
    expect(titles(el)[0]).to.equal('Webhook retries is GA in Preview');
    expect(chips(el)).to.deep.equal([]);
  });

  it('should offer the core’s spelling suggestion when nothing matches and search it when chosen', async () => {
    const el = await mount();
    await type(el, 'webhookz');
    const suggestion = $(el, '[part=empty] .suggest button');
    expect(suggestion.textContent).to.equal('webhook');
    await click(suggestion);
    await el.updateComplete;
    expect(input(el).value).to.equal('webhook');
    expect(titles(el)[0]).to.equal('Webhook retries is GA in Preview');
  });
});
