import { unsafeCSS } from 'lit';

/**
 * Light and dark via `light-dark()`: `color-scheme` follows the reader, or the `theme` attribute.
 * One constant style sheet through `unsafeCSS` (no reader input ever reaches it): the same CSSResult as a
 * css`` template, without shipping Lit's css tag function; the build minifies it (vite.config.ts).
 */
export const styles = unsafeCSS(`
  :host {
    --bg: var(--changefind-bg, light-dark(#fff, #16181d));
    --fg: var(--changefind-fg, light-dark(#1b1d22, #e8e9ec));
    --muted: var(--changefind-muted, light-dark(#5b6070, #a4a9b6));
    --line: var(--changefind-border, light-dark(#d5d8df, #3a3e48));
    --accent: var(--changefind-accent, light-dark(#1d5bd6, #8cb1ff));
    --soft: var(--changefind-badge-bg, light-dark(#eef0f4, #262a33));
    --r: var(--changefind-radius, 0.5rem);
    color-scheme: light dark;
    display: block;
    font: 400 var(--changefind-font-size, 1rem) / 1.5 var(--changefind-font, system-ui, sans-serif);
    color: var(--fg);
    text-align: start;
    letter-spacing: normal;
  }
  :host([theme='light']) { color-scheme: light; }
  :host([theme='dark']) { color-scheme: dark; }
  :host([hidden]), [hidden] { display: none !important; }
  * { box-sizing: border-box; }
  .base { container-type: inline-size; background: var(--bg); color: var(--fg); padding: 0.75rem; border-radius: var(--r); }
  :focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
  .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  button, input, select { font: inherit; color: inherit; }
  button, select, .date input { background: var(--soft); border: 1px solid var(--line); border-radius: var(--r); padding: 0.2rem 0.6rem; cursor: pointer; }
  .bar { display: flex; gap: 0.5rem; }
  #q { flex: 1; min-width: 0; padding: 0.6rem 0.8rem; border: 1px solid var(--line); border-radius: var(--r); background: var(--bg); }
  .link { background: none; border: 0; padding: 0; color: var(--accent); text-decoration: underline; }
  .chips { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; margin-top: 0.6rem; }
  .chip { border-radius: 999px; font-size: 0.875em; }
  .body { display: grid; gap: 1rem; margin-top: 0.75rem; }
  @container (min-width: 44rem) { .body { grid-template-columns: 13rem minmax(0, 1fr); } }
  .facet { border: 0; margin: 0 0 0.75rem; padding: 0; min-width: 0; }
  legend { font-weight: 600; padding: 0; margin-bottom: 0.2rem; }
  .opt { display: flex; gap: 0.4rem; align-items: baseline; font-size: 0.9em; }
  .val { flex: 1; overflow-wrap: anywhere; }
  .count { color: var(--muted); font-variant-numeric: tabular-nums; }
  /* While facet counts are pending (a chunked engine's first answer) the previous counts are hidden. */
  .filters[aria-busy='true'] .count { visibility: hidden; }
  .date { display: grid; font-size: 0.9em; margin-bottom: 0.3rem; }
  .toolbar { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 0.5rem; }
  .status { margin: 0; color: var(--muted); }
  .sort { font-size: 0.9em; }
  .listbox { max-height: var(--changefind-results-height, none); overflow: auto; }
  .group-label { font-weight: 600; margin: 1rem 0 0.25rem; padding-bottom: 0.2rem; border-bottom: 1px solid var(--line); }
  .hit { display: block; padding: 0.6rem; margin: 0.25rem 0; border-radius: var(--r); color: inherit; text-decoration: none; border: 1px solid transparent; }
  .hit:hover, .hit[aria-selected='true'] { border-color: var(--accent); background: var(--soft); }
  .title { display: block; color: var(--accent); font-weight: 600; }
  .snippet { display: block; font-size: 0.9em; color: var(--muted); }
  mark { background: var(--changefind-mark-bg, light-dark(#fde68a, #6b5610)); color: var(--changefind-mark-fg, var(--fg)); border-radius: 2px; }
  .badges { display: flex; flex-wrap: wrap; gap: 0.3rem; margin-top: 0.3rem; }
  .badge { font-size: 0.75em; padding: 0 0.45rem; border-radius: 999px; background: var(--soft); color: var(--fg); }
  .lc { font-weight: 600; }
  .beta, .ea { background: light-dark(#fdecc8, #4a3a12); }
  .ga-preview, .ga-production { background: light-dark(#d8f0de, #173d22); }
  .deprecated { background: light-dark(#f8d7d7, #4d1c1c); }
  .more { margin-top: 0.5rem; }
  .error, .empty { padding: 0.75rem; border: 1px solid var(--line); border-radius: var(--r); margin-top: 0.5rem; }
  .error p, .empty p { margin: 0 0 0.5rem; }
  .detail { color: var(--muted); font-size: 0.85em; }
  .spin { display: inline-block; width: 0.8em; height: 0.8em; margin-inline-end: 0.4em; border: 2px solid var(--line); border-top-color: var(--accent); border-radius: 50%; animation: spin 0.8s linear infinite; }
  @keyframes spin { to { transform: rotate(1turn); } }
  .trigger { display: inline-flex; gap: 0.75rem; align-items: center; padding: 0.4rem 0.75rem; color: var(--muted); }
  kbd { font: inherit; font-size: 0.8em; border: 1px solid var(--line); border-radius: 4px; padding: 0 0.35rem; }
  dialog { padding: 0; border: 1px solid var(--line); border-radius: var(--r); width: min(var(--changefind-modal-width, 48rem), calc(100vw - 2rem)); max-height: 85vh; margin-top: 7vh; background: var(--bg); color: var(--fg); box-shadow: 0 1rem 3rem #0006; }
  dialog::backdrop { background: #0008; }
  dialog .bar { position: sticky; top: 0; z-index: 1; background: var(--bg); padding-bottom: 0.5rem; }
  @media (prefers-reduced-motion: reduce) { *, ::backdrop { animation: none !important; transition: none !important; scroll-behavior: auto !important; } }
`);
