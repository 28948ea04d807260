import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ChangefindSelectEvent } from '../../widget/events.ts';
import { chord, indexUrl, input, mount, options, press, ready, titles, type, type ChangefindSearch } from './helpers.ts';

const active = (el: ChangefindSearch) => input(el).getAttribute('aria-activedescendant');
const selected = (el: ChangefindSearch) => options(el).findIndex((o) => o.getAttribute('aria-selected') === 'true');

describe('<changefind-search> keyboard', () => {
  afterEach(() => (document.activeElement as HTMLElement | null)?.blur());

  it('should focus the search box on / without typing the slash', async () => {
    const el = await mount();
    document.body.focus();
    await sendKeys({ press: '/' });
    expect(el.shadowRoot!.activeElement).to.equal(input(el));
    expect(input(el).value).to.equal('');
  });

  it('should focus the search box on Ctrl+K', async () => {
    const el = await mount();
    await chord('Control', 'k');
    expect(el.shadowRoot!.activeElement).to.equal(input(el));
  });

  it('should leave / alone while the reader types in another field', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div><input id="other" aria-label="Other" /><changefind-search src=${indexUrl()} loading="eager" no-url></changefind-search></div>`,
    );
    const el = wrapper.querySelector('changefind-search')!;
    await ready(el);
    const other = wrapper.querySelector<HTMLInputElement>('#other')!;
    other.focus();
    await sendKeys({ type: 'a/b' });
    expect(other.value).to.equal('a/b');
    expect(document.activeElement).to.equal(other);
  });

  it('should move the active result with the arrow keys and wrap around', async () => {
    const el = await mount();
    await type(el, 'passkey');
    const n = options(el).length;
    await press(el, 'ArrowDown');
    expect([active(el), selected(el)]).to.deep.equal(['o0', 0]);
    await press(el, 'ArrowDown');
    expect([active(el), selected(el)]).to.deep.equal(['o1', 1]);
    await press(el, 'ArrowUp');
    await press(el, 'ArrowUp');
    expect([active(el), selected(el)]).to.deep.equal([`o${n - 1}`, n - 1]);
    expect(el.shadowRoot!.activeElement).to.equal(input(el));
  });

  it('should move to the first and last result on Home and End while a result is active', async () => {
    const el = await mount();
    await type(el, 'passkey');
    const n = options(el).length;
    expect(n).to.be.greaterThan(2);
    await press(el, 'ArrowDown');
    await press(el, 'ArrowDown');
    await press(el, 'End');
    expect([active(el), selected(el)]).to.deep.equal([`o${n - 1}`, n - 1]);
    await press(el, 'Home');
    expect([active(el), selected(el)]).to.deep.equal(['o0', 0]);
    expect(input(el).value).to.equal('passkey');
    expect(el.shadowRoot!.activeElement).to.equal(input(el));
  });

  it('should leave Home and End to the caret while no result is active', async () => {
    const el = await mount();
    await type(el, 'passkey');
    await press(el, 'Home');
    expect([active(el), input(el).selectionStart]).to.deep.equal([null, 0]);
    await press(el, 'End');
    expect([active(el), input(el).selectionStart]).to.deep.equal([null, 'passkey'.length]);
  });

  it('should open the active result on Enter', async () => {
    const el = await mount();
    await type(el, 'webhook retries');
    const opened: ChangefindSelectEvent[] = [];
    el.addEventListener('changefind-select', (e) => {
      e.preventDefault();
      opened.push(e);
    });
    await press(el, 'ArrowDown');
    await press(el, 'Enter');
    expect(opened.map((e) => e.detail.record.title)).to.deep.equal([titles(el)[0]]);
  });

  it('should open the active result in a new tab on Ctrl+Enter', async () => {
    const el = await mount();
    await type(el, 'region pinning');
    const calls: unknown[][] = [];
    const original = window.open;
    window.open = (...args: unknown[]) => {
      calls.push(args);
      return null;
    };
    try {
      await press(el, 'ArrowDown');
      await chord('Control', 'Enter');
    } finally {
      window.open = original;
    }
    expect(calls).to.deep.equal([[options(el)[0]!.getAttribute('href'), '_blank', 'noopener']]);
  });

  it('should clear the query on Escape', async () => {
    const el = await mount();
    await type(el, 'webhook');
    await press(el, 'ArrowDown');
    await press(el, 'Escape');
    expect(input(el).value).to.equal('');
    expect(active(el)).to.equal(null);
    expect(options(el)).to.have.length(12);
  });

  it('should give every result a safe link the browser can open', async () => {
    const el = await mount();
    expect(options(el).every((o) => o.getAttribute('href')!.startsWith('https://docs.acme.example/notes/'))).to.equal(true);
  });
});
