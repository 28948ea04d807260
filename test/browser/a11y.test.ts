import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { $, checkbox, click, indexUrl, mount, press, ready, type, type ChangefindSearch } from './helpers.ts';

describe('<changefind-search> accessibility (axe-core)', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  it('should have no violations with results, facets and chips shown', async () => {
    const el = await mount();
    await click(checkbox(el, 'Lifecycle', 'Beta'));
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('should have no violations with an active result while typing', async () => {
    const el = await mount();
    await type(el, 'passkey');
    await press(el, 'ArrowDown');
    await expect(el).to.be.accessible();
  });

  it('should have no violations in the no-results state with a suggestion', async () => {
    const el = await mount();
    await click(checkbox(el, 'Lifecycle', 'Deprecated'));
    await el.updateComplete;
    await type(el, 'webhookz');
    await expect(el).to.be.accessible();
  });

  it('should have no violations in the error state', async () => {
    const el = await fixture<ChangefindSearch>(html`<changefind-search src="/test/fixtures/widget/out/missing/" loading="eager" no-url></changefind-search>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part=error]'), 'no error shown');
    await expect(el).to.be.accessible();
  });

  it('should have no violations in the open modal', async () => {
    const el = await fixture<ChangefindSearch>(html`<changefind-search layout="modal" src=${indexUrl()} loading="eager" no-url></changefind-search>`);
    await el.show();
    await ready(el);
    await expect(el).to.be.accessible();
  });

  it('should have no violations, contrast included, in the dark theme', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const el = await mount();
    await type(el, 'passkey');
    await expect(el).to.be.accessible();
  });

  it('should announce result counts in a polite live region', async () => {
    const el = await mount();
    const live = $(el, '[part=status]');
    expect([live.getAttribute('role'), live.textContent!.trim()]).to.deep.equal(['status', '12 results, latest first']);
  });
});
