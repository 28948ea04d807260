/** Registers `<changefind-search>` (once, so two bundles on one page do not clash). */
import { ChangefindSearch } from './changefind-search.component.ts';

if (!customElements.get('changefind-search')) customElements.define('changefind-search', ChangefindSearch);

declare global {
  interface HTMLElementTagNameMap {
    'changefind-search': ChangefindSearch;
  }
}

export { ChangefindSearch };
