import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { $, indexUrl, mount, options, ready, type ChangefindSearch } from './helpers.ts';

/** Adds a page-level style sheet (outside the element). */
function pageStyle(css: string): HTMLStyleElement {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  return style;
}

const background = (el: ChangefindSearch) => getComputedStyle($(el, '[part=base]')).backgroundColor;
const WHITE = 'rgb(255, 255, 255)';

describe('<changefind-search> theming', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' }));

  it('should follow prefers-color-scheme', async () => {
    const el = await mount();
    expect(background(el)).to.equal(WHITE);
    await emulateMedia({ colorScheme: 'dark' });
    expect(background(el)).to.not.equal(WHITE);
  });

  it('should use the theme attribute over the reader’s preference', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const el = await mount(html`<changefind-search theme="light" src=${indexUrl()} loading="eager" no-url></changefind-search>`);
    expect(background(el)).to.equal(WHITE);
    el.theme = 'dark';
    await el.updateComplete;
    expect(background(el)).to.not.equal(WHITE);
  });

  it('should take colours from the documented custom properties', async () => {
    const el = await mount(html`<changefind-search style="--changefind-accent: rgb(1, 2, 3); --changefind-bg: rgb(4, 5, 6)" src=${indexUrl()} loading="eager" no-url></changefind-search>`);
    expect(getComputedStyle(options(el)[0]!.querySelector('.title')!).color).to.equal('rgb(1, 2, 3)');
    expect(background(el)).to.equal('rgb(4, 5, 6)');
  });

  it('should let the page style the main pieces through ::part', async () => {
    const style = pageStyle('changefind-search.parts::part(result-title) { color: rgb(7, 8, 9); }');
    const el = await mount(html`<changefind-search class="parts" src=${indexUrl()} loading="eager" no-url></changefind-search>`);
    expect(getComputedStyle(options(el)[0]!.querySelector('.title')!).color).to.equal('rgb(7, 8, 9)');
    style.remove();
  });

  it('should not let page styles reach inside, nor its own styles leak out', async () => {
    const style = pageStyle('.leak a { color: rgb(200, 0, 0) !important; } .leak mark, .leak .title { color: rgb(0, 200, 0); }');
    const page = await fixture<HTMLElement>(html`<div class="leak">
      <a href="#x" class="title">outside</a>
      <changefind-search src=${indexUrl()} loading="eager" no-url></changefind-search>
    </div>`);
    const el = page.querySelector('changefind-search')!;
    await ready(el);
    expect(getComputedStyle(options(el)[0]!).color).to.not.equal('rgb(200, 0, 0)');
    expect(getComputedStyle(options(el)[0]!.querySelector('.title')!).color).to.not.equal('rgb(0, 200, 0)');
    expect(getComputedStyle(page.querySelector('a')!).fontWeight).to.equal('400');
    style.remove();
  });

  it('should stop the loading animation for reduced motion', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const el = await fixture<ChangefindSearch>(html`<changefind-search src=${indexUrl('fx-slow')} loading="eager" no-url></changefind-search>`);
    await el.updateComplete;
    expect(getComputedStyle($(el, '.spin')).animationName).to.equal('none');
  });
});
