/**
 * Strict CSP: a page served with `default-src 'self'; script-src 'self'; style-src 'self'` (no
 * unsafe-inline, no unsafe-eval; test/fixtures/hardening/csp.html) loads, searches, filters and opens
 * the modal with no policy violation. A control injects an inline style to prove the policy and the
 * violation trap are live.
 */
import { expect, waitUntil } from '@open-wc/testing';

interface CspWindow extends Window {
  __violations: string[];
}

let frame: HTMLIFrameElement;

async function openPage(): Promise<CspWindow> {
  frame = document.createElement('iframe');
  frame.style.width = '1000px';
  frame.style.height = '800px';
  frame.src = `/test/fixtures/hardening/csp.html?${Date.now()}`;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const win = frame.contentWindow as CspWindow;
  await waitUntil(() => win.__violations !== undefined, 'csp-trap.ts did not run (blocked?)');
  return win;
}

const widgets = () => [...frame.contentDocument!.querySelectorAll('changefind-search')];
const shadow = (i: number) => widgets()[i]!.shadowRoot!;

afterEach(() => frame?.remove());

describe('strict Content Security Policy', function (this: { timeout(ms: number): void }) {
  this.timeout(60_000);
  it('should load, search, filter and open the modal with no violation', async () => {
    const win = await openPage();
    await waitUntil(() => shadow(0).querySelectorAll('[role=option]').length > 0, 'no results under CSP', { timeout: 8000 });
    const box = shadow(0).querySelector<HTMLInputElement>('#q')!;
    box.value = 'token';
    box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await waitUntil(() => shadow(0).querySelectorAll('[role=option] mark, [role=option] [part~=mark]').length > 0 || shadow(0).querySelector('[part=empty]'), 'no search results under CSP');
    shadow(0).querySelector<HTMLInputElement>('input[type=checkbox]')?.click();
    await new Promise((resolve) => setTimeout(resolve, 100));
    shadow(1).querySelector<HTMLButtonElement>('[part=trigger]')!.click();
    await waitUntil(() => shadow(1).querySelector('dialog')?.open, 'the modal did not open');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(getComputedStyle(shadow(0).querySelector('[part=base]')!).display).to.not.equal('inline');
    expect(win.__violations).to.deep.equal([]);
  });

  it('should report an inline style as a violation (control: the policy and trap are live)', async () => {
    const win = await openPage();
    const style = frame.contentDocument!.createElement('style');
    style.textContent = 'body { color: red }';
    frame.contentDocument!.head.append(style);
    await waitUntil(() => win.__violations.length > 0, 'no violation reported for an inline style');
    expect(win.__violations[0]).to.match(/style-src/);
  });
});
