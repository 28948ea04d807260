import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { $, chord, click, indexUrl, input, options, press, ready, type, type ChangefindSearch } from './helpers.ts';

async function modal(): Promise<{ page: HTMLElement; el: ChangefindSearch; before: HTMLButtonElement }> {
  const page = await fixture<HTMLElement>(html`<div>
    <button id="before">Before</button>
    <changefind-search layout="modal" src=${indexUrl()} loading="eager" no-url></changefind-search>
  </div>`);
  const el = page.querySelector('changefind-search')!;
  await el.updateComplete;
  return { page, el, before: page.querySelector('#before')! };
}

/** Waits for `n` animation frames. */
const frames = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise(requestAnimationFrame);
};
const dialog = (el: ChangefindSearch) => $<HTMLDialogElement>(el, 'dialog');
const focused = (el: ChangefindSearch) => el.shadowRoot!.activeElement;

describe('<changefind-search layout="modal">', () => {
  it('should open a dialog with the search box focused when the trigger is clicked', async () => {
    const { el } = await modal();
    await click($(el, '[part=trigger]'));
    await el.updateComplete;
    expect(dialog(el).open).to.equal(true);
    expect(focused(el)).to.equal(input(el));
  });

  it('should keep Tab and Shift+Tab inside the dialog', async () => {
    const { el } = await modal();
    await el.show();
    await chord('Shift', 'Tab');
    expect(dialog(el).contains(focused(el))).to.equal(true);
    expect(focused(el)).to.not.equal(input(el));
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(input(el));
    for (let i = 0; i < 40; i++) {
      await sendKeys({ press: 'Tab' });
      expect(dialog(el).contains(focused(el))).to.equal(true);
    }
  });

  it('should clear the query on the first Escape and close on the second', async () => {
    const { el } = await modal();
    await el.show();
    await type(el, 'passkey');
    await press(el, 'Escape');
    expect([dialog(el).open, input(el).value]).to.deep.equal([true, '']);
    await press(el, 'Escape');
    expect(dialog(el).open).to.equal(false);
  });

  it('should return focus to the trigger when closed', async () => {
    const { el } = await modal();
    await click($(el, '[part=trigger]'));
    await el.updateComplete;
    await press(el, 'Escape');
    expect(focused(el)).to.equal($(el, '[part=trigger]'));
  });

  it('should open on / and return focus to where it was when closed', async () => {
    const { el, before } = await modal();
    before.focus();
    await sendKeys({ press: '/' });
    await el.updateComplete;
    expect(dialog(el).open).to.equal(true);
    expect(focused(el)).to.equal(input(el));
    await click($(el, '[part=close]'));
    expect(dialog(el).open).to.equal(false);
    expect(document.activeElement).to.equal(before);
  });

  it('should close when a result is chosen', async () => {
    const { el } = await modal();
    await el.show();
    await type(el, 'webhook');
    await ready(el); // the answer to the whole word is in before a result is picked
    el.addEventListener('changefind-select', (e) => e.preventDefault());
    await press(el, 'ArrowDown');
    await press(el, 'Enter');
    expect(dialog(el).open).to.equal(false);
    expect(options(el).length).to.be.greaterThan(0);
  });

  it('should keep the page from scrolling while the dialog is open', async () => {
    const { page, el } = await modal();
    page.style.height = '5000px';
    window.scrollTo(0, 200);
    await el.show();
    $(el, '[part=close]').focus();
    await sendKeys({ press: 'PageDown' });
    await sendKeys({ press: 'End' });
    await frames(20); // keyboard scrolling is animated: give it time to move, had it not been locked
    expect(window.scrollY).to.equal(200);
    expect(getComputedStyle(document.documentElement).overflowY).to.equal('hidden');
    await press(el, 'Escape');
    window.scrollTo(0, 0);
  });

  it('should let the page scroll again, at the same position, once the dialog closes', async () => {
    const { page, el } = await modal();
    page.style.height = '5000px';
    window.scrollTo(0, 200);
    await el.show();
    await press(el, 'Escape');
    expect(dialog(el).open).to.equal(false);
    expect([window.scrollY, document.documentElement.style.overflow]).to.deep.equal([200, '']);
    await sendKeys({ press: 'PageDown' });
    await waitUntil(() => window.scrollY > 200, 'the page did not scroll on PageDown');
    window.scrollTo(0, 0);
  });

  it("should give back the page's own overflow style when the dialog closes", async () => {
    const { el } = await modal();
    document.documentElement.style.overflow = 'clip';
    try {
      await el.show();
      expect(document.documentElement.style.overflow).to.equal('hidden');
      await press(el, 'Escape');
      expect(document.documentElement.style.overflow).to.equal('clip');
    } finally {
      document.documentElement.style.overflow = '';
    }
  });
});
