import { expect, fixture, html } from '@open-wc/testing';
import type { IndexBundle } from '../../widget/search-types.ts';
import { $$, click, options, press, ready, type, type ChangefindSearch } from './helpers.ts';

declare global {
  interface Window {
    __pwned?: unknown;
  }
}

async function hostile(): Promise<ChangefindSearch> {
  const bundle = (await (await fetch('/test/fixtures/widget/out/hostile.json')).json()) as IndexBundle;
  const el = await fixture<ChangefindSearch>(html`<changefind-search .bundle=${bundle} loading="eager" no-url></changefind-search>`);
  await ready(el);
  return el;
}

const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r)));

describe('<changefind-search> with hostile records', () => {
  beforeEach(() => delete window.__pwned);

  it('should render markup in titles and texts as plain text', async () => {
    const el = await hostile();
    await type(el, 'sanitiser');
    await frame();
    const first = options(el)[0]!;
    expect(first.querySelector('.title')!.textContent).to.contain('<img src=x onerror="window.__pwned=1">');
    expect(first.querySelector('.title')!.textContent).to.contain('<script>window.__pwned=2</script>');
    expect($$(el, 'img, script, iframe, svg, b, a[href]')).to.have.length(0);
    expect(window.__pwned).to.equal(undefined);
  });

  it('should give javascript: record links no href at all', async () => {
    const el = await hostile();
    expect(options(el).map((o) => o.hasAttribute('href'))).to.deep.equal([false, false]);
  });

  it('should not run anything when a hostile result is clicked or opened by keyboard', async () => {
    const el = await hostile();
    const before = location.href;
    const selected: string[] = [];
    el.addEventListener('changefind-select', (e) => selected.push(e.detail.record.id));
    await click(options(el)[0]!.querySelector('.title')!);
    await type(el, 'hostile');
    await press(el, 'ArrowDown');
    await press(el, 'Enter');
    await frame();
    expect(selected).to.have.length(2);
    expect(location.href).to.equal(before);
    expect(window.__pwned).to.equal(undefined);
  });
});
