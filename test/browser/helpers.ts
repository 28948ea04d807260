/** Builders and queries shared by the browser tests of <changefind-search>. */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import '../../widget/changefind-search.ts';
import type { ChangefindSearch } from '../../widget/changefind-search.ts';
import type { IndexBundle } from '../../widget/search-types.ts';

export type { ChangefindSearch };

let counter = 0;
/** A fresh URL of the fixture index, so each test's requests can be told apart. */
export function indexUrl(route: 'fx' | 'fx-flaky' | 'fx-slow' = 'fx'): string {
  counter += 1;
  return `/${route}/t${Date.now().toString(36)}${counter}/`;
}

/** Mounts an element on a fresh fixture index (no URL state unless asked) and waits for its first results. */
export async function mount(template?: TemplateResult): Promise<ChangefindSearch> {
  const el = await fixture<ChangefindSearch>(
    template ?? html`<changefind-search src=${indexUrl()} loading="eager" no-url></changefind-search>`,
  );
  await ready(el);
  return el;
}

/** Waits until the element shows a settled result set (or a no-results message): not busy, record texts in. */
export async function ready(el: ChangefindSearch): Promise<void> {
  await waitUntil(
    () => el.shadowRoot?.querySelector('[role=option], [part=empty]') && el.shadowRoot.querySelector('.results[aria-busy=false]'),
    'no settled results rendered',
  );
  await el.updateComplete;
}

export const $ = <T extends Element = HTMLElement>(el: ChangefindSearch, selector: string): T => {
  const found = el.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector} in <changefind-search>`);
  return found;
};
export const $$ = <T extends Element = HTMLElement>(el: ChangefindSearch, selector: string): T[] => [
  ...el.shadowRoot!.querySelectorAll<T>(selector),
];

export const input = (el: ChangefindSearch) => $<HTMLInputElement>(el, '#q');
export const options = (el: ChangefindSearch) => $$<HTMLAnchorElement>(el, '[role=option]');
export const titles = (el: ChangefindSearch) => options(el).map((o) => o.querySelector('.title')!.textContent!.trim());
export const status = (el: ChangefindSearch) => $(el, '[part=status]').textContent!.trim();
export const dates = (el: ChangefindSearch) => options(el).map((o) => o.querySelector('time')?.getAttribute('datetime') ?? '');
export const chips = (el: ChangefindSearch) =>
  $$(el, '[part=chip]').map((c) => c.textContent!.replace(/\s+/g, ' ').replace('Remove filter ', '').replace(' ×', '').trim());

/** The checkbox of a facet value, found by the facet's legend and the value's label. */
export function checkbox(el: ChangefindSearch, legend: string, label: string): HTMLInputElement {
  const fieldset = $$(el, 'fieldset').find((f) => f.querySelector('legend')?.textContent?.trim() === legend);
  const option = [...(fieldset?.querySelectorAll('label') ?? [])].find((l) => l.querySelector('.val')?.textContent === label);
  const box = option?.querySelector('input');
  if (!box) throw new Error(`no checkbox ${legend} > ${label}`);
  return box;
}

/** The visible count next to a facet value. */
export function count(el: ChangefindSearch, legend: string, label: string): number {
  return Number(checkbox(el, legend, label).closest('label')!.querySelector('.count')!.textContent);
}

/** Clicks an element with the real mouse, at its centre. */
export async function click(target: Element): Promise<void> {
  target.scrollIntoView({ block: 'center' });
  const r = target.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)] });
}

/** Focuses the search box and types with the real keyboard, then waits for the render. */
export async function type(el: ChangefindSearch, text: string): Promise<void> {
  input(el).focus();
  await sendKeys({ type: text });
  await el.updateComplete;
}

export async function press(el: ChangefindSearch, key: string): Promise<void> {
  await sendKeys({ press: key });
  await el.updateComplete;
}

let bundle: Promise<IndexBundle> | undefined;
/** The fixture index as one bundle (inline mode). */
export function fixtureBundle(): Promise<IndexBundle> {
  bundle ??= fetch('/test/fixtures/widget/out/bundle.json').then((r) => r.json() as Promise<IndexBundle>);
  return bundle;
}

/** True when the page requested `path` (resolved against the page). */
export function requested(path: string): boolean {
  return performance.getEntriesByName(new URL(path, location.href).href).length > 0;
}

/** Presses `key` while holding `modifier` (real key events, e.g. Control+k). */
export async function chord(modifier: 'Control' | 'Shift' | 'Meta', key: string): Promise<void> {
  await sendKeys({ down: modifier });
  try {
    await sendKeys({ press: key });
  } finally {
    await sendKeys({ up: modifier });
  }
}
