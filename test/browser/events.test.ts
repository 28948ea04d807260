import { expect, html, oneEvent } from '@open-wc/testing';
import type { ChangefindSearchEvent, ChangefindSelectEvent } from '../../widget/events.ts';
import { checkbox, click, indexUrl, mount, options, type } from './helpers.ts';

describe('<changefind-search> events', () => {
  it('should fire changefind-search with the query, filters and total', async () => {
    const el = await mount();
    await click(checkbox(el, 'Kind', 'Bug fix'));
    await el.updateComplete;
    const seen: ChangefindSearchEvent[] = [];
    el.addEventListener('changefind-search', (e) => seen.push(e));
    await type(el, 'webhook');
    expect(seen.at(-1)!.detail).to.deep.equal({ query: 'webhook', filters: { kind: ['fix'] }, total: 1 });
  });

  it('should let changefind-search bubble out of the shadow root to the document', async () => {
    const el = await mount();
    const event = oneEvent(document, 'changefind-search') as Promise<ChangefindSearchEvent>;
    await type(el, 'r');
    const e = await event;
    expect([e.bubbles, e.composed, e.target]).to.deep.equal([true, true, el]);
  });

  it('should fire changefind-select with the chosen record', async () => {
    const el = await mount();
    await type(el, 'region pinning');
    const seen: ChangefindSelectEvent[] = [];
    el.addEventListener('changefind-select', (e) => {
      e.preventDefault();
      seen.push(e);
    });
    await click(options(el)[0]!);
    const { record } = seen[0]!.detail;
    expect({ title: record.title, lifecycle: record.lifecycle, kind: record.kind, product: record.product, release: record.release, date: record.date }).to.deep.equal({
      title: 'Region pinning is GA in Production',
      lifecycle: 'ga-production',
      kind: 'feature',
      product: 'Acme Widgets',
      release: '2025.12.0',
      date: '2025-12-03',
    });
    expect(record.url).to.equal(options(el)[0]!.getAttribute('href'));
    expect(seen[0]!.cancelable).to.equal(true);
  });

  it('should not fire changefind-search for load more', async () => {
    const el = await mount(html`<changefind-search src=${indexUrl()} loading="eager" no-url page-size="5"></changefind-search>`);
    const seen: ChangefindSearchEvent[] = [];
    el.addEventListener('changefind-search', (e) => seen.push(e));
    await click(el.shadowRoot!.querySelector('[part=more]')!);
    await el.updateComplete;
    expect(options(el)).to.have.length(10);
    expect(seen).to.have.length(0);
  });
});
