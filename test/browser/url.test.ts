import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { $, checkbox, chips, click, indexUrl, input, ready, status, titles, type, type ChangefindSearch } from './helpers.ts';

const start = location.pathname + location.search;
const withParams = (params: string) => `${start}${start.includes('?') ? '&' : '?'}${params}`;
const param = (name: string) => new URLSearchParams(location.search).getAll(name);
/** Runs a history traversal and resolves after its popstate event. */
const traverse = (go: () => void) =>
  new Promise<void>((resolve) => {
    window.addEventListener('popstate', () => resolve(), { once: true });
    go();
  });

async function synced(): Promise<ChangefindSearch> {
  const el = await fixture<ChangefindSearch>(html`<changefind-search src=${indexUrl()} loading="eager"></changefind-search>`);
  await ready(el);
  return el;
}

describe('<changefind-search> URL state', () => {
  afterEach(() => history.replaceState(null, '', start));

  it('should restore query, filters and sort from the page URL', async () => {
    history.replaceState(null, '', withParams('q=passkey&lifecycle=beta&sort=oldest'));
    const el = await synced();
    expect(input(el).value).to.equal('passkey');
    expect(chips(el)).to.deep.equal(['Lifecycle: Beta']);
    expect($<HTMLSelectElement>(el, '[part=sort]').value).to.equal('oldest');
    expect(titles(el)).to.have.members(['Passkey prompts is Beta', 'Gateway passkey support is Beta']);
  });

  it('should write the state with replaceState and keep the page’s own parameters', async () => {
    const length = history.length;
    const el = await synced();
    await type(el, 'token');
    await click(checkbox(el, 'Kind', 'Feature'));
    await el.updateComplete;
    expect([param('q'), param('kind')]).to.deep.equal([['token'], ['feature']]);
    expect(new URLSearchParams(location.search).has('wtr-session-id')).to.equal(true);
    expect(history.length).to.equal(length);
  });

  // Browsers refuse bursts of history calls: Safari throws (100 calls in 30 s), Chromium ignores them (200 in 10 s).
  for (const [how, refuse] of [
    ['throws', () => { throw new DOMException('history calls throttled', 'SecurityError'); }],
    ['ignores the call', () => undefined],
  ] as const) {
    it(`should write the newest state once the browser takes history calls again, when it ${how}`, async () => {
      const el = await synced();
      const real = history.replaceState;
      let refused = 0;
      history.replaceState = () => void (refused++, refuse());
      try {
        await type(el, 'token');
        await click(checkbox(el, 'Kind', 'Feature'));
        await el.updateComplete;
        expect(param('q')).to.deep.equal([]);
      } finally {
        history.replaceState = real;
      }
      await waitUntil(() => param('q').length > 0, 'the refused state was never written', { timeout: 5000 });
      expect([param('q'), param('kind'), refused > 0]).to.deep.equal([['token'], ['feature'], true]);
    });
  }

  it('should drop a refused write when back or forward leave its entry', async () => {
    const el = await synced();
    history.pushState(null, '', withParams('q=webhook'));
    const real = history.replaceState;
    history.replaceState = () => undefined;
    try {
      await type(el, 'token');
    } finally {
      history.replaceState = real;
    }
    await traverse(() => history.back());
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 1200)); // past two retries
    expect([param('q'), input(el).value]).to.deep.equal([[], '']);
  });

  it('should restore the state of the entry that back and forward return to', async () => {
    history.replaceState(null, '', withParams('q=webhook'));
    const el = await synced();
    history.pushState(null, '', withParams('q=region&year=2025'));
    await traverse(() => history.back());
    await el.updateComplete;
    expect(input(el).value).to.equal('webhook');
    expect(chips(el)).to.deep.equal([]);
    await traverse(() => history.forward());
    await el.updateComplete;
    expect(input(el).value).to.equal('region');
    expect(chips(el)).to.deep.equal(['Year: 2025']);
    expect(titles(el)[0]).to.equal('Region pinning is GA in Production');
  });

  it('should leave the URL alone with no-url', async () => {
    const el = await fixture<ChangefindSearch>(html`<changefind-search src=${indexUrl()} loading="eager" no-url></changefind-search>`);
    await ready(el);
    await type(el, 'token');
    expect(location.pathname + location.search).to.equal(start);
  });

  it('should ignore URL state with no-url', async () => {
    history.replaceState(null, '', withParams('q=webhook'));
    const el = await fixture<ChangefindSearch>(html`<changefind-search src=${indexUrl()} loading="eager" no-url></changefind-search>`);
    await ready(el);
    expect(input(el).value).to.equal('');
    expect(status(el)).to.equal('12 results, latest first');
  });

  it('should read and write prefixed parameters with url-prefix', async () => {
    history.replaceState(null, '', withParams('q=site&cf-q=webhook'));
    const el = await fixture<ChangefindSearch>(html`<changefind-search src=${indexUrl()} loading="eager" url-prefix="cf-"></changefind-search>`);
    await ready(el);
    expect(input(el).value).to.equal('webhook');
    await type(el, 's');
    expect([param('q'), param('cf-q')]).to.deep.equal([['site'], ['webhooks']]);
  });
});
