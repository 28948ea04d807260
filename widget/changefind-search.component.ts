import { html, LitElement, nothing } from 'lit';
import type { FacetName } from '../indexer/schema.ts';
import { IndexController, type LoadTrigger } from './controllers/index-controller.ts';
import { SearchController } from './controllers/search-controller.ts';
import { UrlController } from './controllers/url-controller.ts';
import { changefindEvent } from './events.ts';
import { activeChips, toggleFilter, type Chip } from './helpers/filters.ts';
import { countLabel, countText } from './helpers/labels.ts';
import { lockScroll } from './helpers/scroll-lock.ts';
import { safeHref, type ViewState } from './helpers/url.ts';
import { loadEngine } from './load-engine.ts';
import { DOC_COLUMNS } from './core/options.ts';
import { IndexError, SearchCore } from './search-core.ts';
import type { Hit, HitRecord, IndexBundle, IndexErrorCode, SearchEngine, SearchResult } from './search-types.ts';
import { styles } from './changefind-search.styles.ts';
import { chipText, renderChips, renderFilters } from './ui/filters.ts';
import { renderResults } from './ui/results.ts';

const ERRORS: Record<IndexErrorCode | 'unknown', string> = {
  'not-found': 'The search index was not found.',
  network: 'The search index could not be downloaded. Check your connection.',
  'not-json': 'The search index is not valid JSON; the server may have sent an error page.',
  truncated: 'The search index is incomplete or damaged.',
  'schema-mismatch': 'The search index was built by another version of changefind. Rebuild it.',
  mismatch: 'The search index files come from different builds. Redeploy the whole index.',
  timeout: 'The search index is taking too long to download; the server may be slow or busy.',
  unknown: 'The search index could not be loaded.',
};

/**
 * Faceted, keyboard-first search over release notes indexed by changefind.
 *
 * @summary One-tag search box with facets, chips, sort, date range and highlighted results.
 *
 * @fires {ChangefindSearchEvent} changefind-search - A result set was shown for a new query, filter, sort or date range: `{ query, filters, total }`.
 * @fires {ChangefindSelectEvent} changefind-select - The reader opened a result: `{ record }`; cancel it to handle navigation yourself.
 *
 * @csspart base - The search panel.
 * @csspart input - The search box.
 * @csspart trigger - The button that opens the modal layout.
 * @csspart dialog - The modal dialog.
 * @csspart close - The modal's close button.
 * @csspart filters - The filter panel.
 * @csspart facet - One facet's fieldset.
 * @csspart count - A facet value's count.
 * @csspart facets-pending - The "Counting…" note while an engine's facet counts are still coming (the filter panel is then aria-busy and hides the previous counts).
 * @csspart chips - The active-filter chips row.
 * @csspart chip - One active-filter chip.
 * @csspart clear - The "Clear all" button.
 * @csspart sort - The sort select.
 * @csspart status - The result count and loading line (a polite live region).
 * @csspart listbox - The result list.
 * @csspart group-label - A release heading above grouped results.
 * @csspart result - One result.
 * @csspart result-title - A result's title.
 * @csspart snippet - A result's text excerpt.
 * @csspart mark - A highlighted match.
 * @csspart badge - A result's lifecycle, kind, product, release or date badge.
 * @csspart more - The "Show more" button.
 * @csspart empty - The no-results message.
 * @csspart error - The error message with its Retry button.
 *
 * @cssprop [--changefind-font=system-ui, sans-serif] - Font family.
 * @cssprop [--changefind-font-size=1rem] - Base font size.
 * @cssprop [--changefind-bg] - Background (light: #fff, dark: #16181d).
 * @cssprop [--changefind-fg] - Text colour.
 * @cssprop [--changefind-muted] - Secondary text colour.
 * @cssprop [--changefind-border] - Border colour.
 * @cssprop [--changefind-accent] - Links, focus ring, active result.
 * @cssprop [--changefind-mark-bg] - Highlight background.
 * @cssprop [--changefind-mark-fg] - Highlight text colour.
 * @cssprop [--changefind-badge-bg] - Badge background.
 * @cssprop [--changefind-radius=.5rem] - Corner radius.
 * @cssprop [--changefind-modal-width=48rem] - Width of the modal layout.
 * @cssprop [--changefind-results-height=none] - Maximum height of the inline result list (scrolls beyond).
 */
export class ChangefindSearch extends LitElement {
  static override styles = styles;
  // Reactive properties declared statically (no decorator runtime in the bundle); each is documented at its field below.
  // `attribute: false` beside `state: true` (which implies it) keeps the Custom Elements Manifest from listing them as attributes.
  static override properties = {
    active: { state: true, attribute: false },
    open: { state: true, attribute: false },
    expanded: { state: true, attribute: false },
    datePickers: { state: true, attribute: false },
    src: {},
    bundleId: { attribute: 'bundle-id' },
    bundle: { attribute: false },
    engine: { attribute: false },
    engineName: { attribute: 'engine' },
    layout: { reflect: true },
    theme: { reflect: true },
    loading: {},
    noUrl: { type: Boolean, attribute: 'no-url' },
    urlPrefix: { attribute: 'url-prefix' },
    noShortcuts: { type: Boolean, attribute: 'no-shortcuts' },
    noWarmUp: { type: Boolean, attribute: 'no-warm-up' },
    label: {},
    placeholder: {},
    pageSize: { type: Number, attribute: 'page-size' },
    loadTimeout: { type: Number, attribute: 'load-timeout' },
  };

  private readonly loader = new IndexController(
    this,
    (signal, retry) => this.loadEngine(signal, retry),
    () => this.loading,
    (engine) => this.searcher.setEngine(engine),
  );
  private readonly searcher = new SearchController(
    this,
    () => this.pageSize,
    (r, s) => this.dispatchEvent(changefindEvent('changefind-search', { query: s.query, filters: s.filters, total: r.total })),
  );
  private readonly urlSync = new UrlController(
    this,
    () => !this.noUrl,
    () => this.urlPrefix,
    (s) => this.restoreView(s),
  );

  private get searchBox(): HTMLInputElement | null | undefined {
    return this.renderRoot?.querySelector<HTMLInputElement>('#q');
  }
  private get dialogBox(): HTMLDialogElement | null | undefined {
    return this.renderRoot?.querySelector('dialog');
  }

  private active = -1;
  private open = false;
  private expanded = new Set<FacetName>();
  /** False until the first result is shown: the date range's inputs are plain text fields until then (see updated()). */
  private datePickers = false;
  private returnFocus?: HTMLElement;

  /** URL of the directory holding the built index's `manifest.json`, relative to the page. */
  src = '';
  /** Inline mode: id of a `<script type="application/json">` holding an index bundle (works from file://). */
  bundleId = '';
  /** Inline mode from JavaScript: an index bundle object, e.g. imported from a JS module. */
  bundle?: IndexBundle;
  /** Any search engine (sync or async) to use instead of loading an index. */
  engine?: SearchEngine;
  /** Engine to load from `src` when the build holds several: `minisearch` or `pagefind`; unset = the manifest's rule of thumb. */
  engineName = '';
  /** `inline` (default): a search panel in the page; `modal`: a button that opens a search dialog. */
  layout: 'inline' | 'modal' = 'inline';
  /** `light` or `dark`; unset follows the reader's `prefers-color-scheme`. */
  theme?: 'light' | 'dark';
  /** When to load the index: `visible` (first visibility, focus or hover; default, also `lazy`), `interaction` (focus or hover), `eager`. */
  loading: LoadTrigger = 'visible';
  /** Keep query, filters and sort out of the page URL. */
  noUrl = false;
  /** Prefix for the URL parameters, for pages that already use `q` or `sort`. */
  urlPrefix = '';
  /** Ignore the page-wide `/` and Ctrl/Cmd+K shortcuts. */
  noShortcuts = false;
  /** Skip the search core's idle-time warm-up (up to 3 s of CPU after the first results; DESIGN.md, "Idle-time warm-up"). */
  noWarmUp = false;
  /** Accessible name of the search box, and the modal trigger's text. */
  label = 'Search release notes';
  /** Placeholder of the search box. */
  placeholder = 'Search release notes';
  /** Results per page ("Show more" adds as many). */
  pageSize = 20;
  /** Milliseconds to wait for the whole index before showing a timeout error with Retry (0 = wait forever). */
  loadTimeout = 20000;

  private get isModal(): boolean {
    return this.layout === 'modal';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('keydown', this.onShortcut);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.onShortcut);
    if (this.open) (this.open = false), lockScroll(false);
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (this.hasUpdated && ['src', 'bundleId', 'bundle', 'engine', 'engineName'].some((k) => changed.has(k))) {
      this.searcher.setEngine(undefined);
      this.loader.reset();
    }
  }

  override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('active')) this.renderRoot.querySelector(`#o${this.active}`)?.scrollIntoView({ block: 'nearest' });
    // The date range's inputs become date pickers once the first result (or a load error) is on screen:
    // Chromium's first date input sets up its locale's date format, ~130 ms before the first result.
    if (!this.datePickers && (this.searcher.result || this.loader.status === 'error')) requestAnimationFrame(() => setTimeout(() => (this.datePickers = true)));
    // A first answer (hits before facet counts or older bundles): show the whole one when it is in,
    // unless the reader moved on meanwhile (then the newer search's answer comes instead).
    const r = this.searcher.result;
    if (r && !r.pending?.facets) this.lastFacets = r.facets;
    if (r?.pending && r !== this.watched) {
      this.watched = r;
      const settle = (error?: { name?: string }) => {
        if (this.searcher.result === r && !this.searcher.pending && error?.name !== 'AbortError') void this.searcher.refresh();
      };
      r.pending.complete.then(() => settle(), settle);
    }
  }

  /** The first answer whose complete answer is awaited, and the facets last shown with their counts. */
  private watched?: SearchResult;
  private lastFacets?: SearchResult['facets'];

  /** Focuses the search box (opens the dialog in the modal layout). */
  override focus(options?: FocusOptions): void {
    if (this.isModal) void this.show();
    else this.searchBox?.focus(options);
  }

  /** Opens the modal layout's dialog and focuses its search box. */
  async show(): Promise<void> {
    if (!this.isModal || this.open) return this.searchBox?.focus();
    this.returnFocus = deepActive();
    this.open = true;
    this.dialogBox?.showModal();
    lockScroll(true);
    void this.loader.load();
    await this.updateComplete;
    this.searchBox?.focus();
  }

  /** Closes the modal layout's dialog and returns focus where it was. */
  close(): void {
    this.dialogBox?.close();
  }

  /** True from the start of a load from `src` until the engine reports its record texts in (or failed). */
  private textsPending = false;

  private async loadEngine(signal: AbortSignal, retry: boolean): Promise<SearchEngine> {
    if (this.engine) return this.engine;
    if (this.bundle) return inlineCore(this.bundle, !this.noWarmUp);
    if (this.bundleId) {
      const root = this.getRootNode() as Document | ShadowRoot;
      const script = root.getElementById?.(this.bundleId) ?? document.getElementById(this.bundleId);
      if (!script) throw new IndexError('not-found', `No element with id="${this.bundleId}" holds the inline index.`);
      let bundle: IndexBundle;
      try {
        bundle = JSON.parse(script.textContent ?? '') as IndexBundle;
      } catch (cause) {
        throw new IndexError('not-json', `The inline index #${this.bundleId} is not valid JSON.`, { cause });
      }
      return inlineCore(bundle, !this.noWarmUp);
    }
    if (!this.src) throw new IndexError('not-found', 'No index: set the src or bundle-id attribute.');
    const dir = new URL(this.src.replace(/\/?$/, '/'), document.baseURI);
    const timeout = new AbortController();
    const stop = () => timeout.abort();
    signal.addEventListener('abort', stop);
    const timer = this.loadTimeout > 0 ? setTimeout(stop, this.loadTimeout) : undefined;
    // Results show before the record texts are in; when they arrive the snippets fill in (same view, searched again).
    // Until then the results are marked busy: they are still changing (snippets shift the list's layout).
    const onComplete = (error?: unknown): void => {
      if (signal.aborted) return;
      this.textsPending = false;
      if (error === undefined) void this.searcher.refresh();
      else this.searcher.setEngine(undefined), this.loader.fail(error);
    };
    this.textsPending = true;
    try {
      const engine = await loadEngine(dir, {
        signal: timeout.signal,
        engine: this.engineName,
        onComplete,
        warmUp: !this.noWarmUp,
        // A retry bypasses HTTP caches that may hold the failed response.
        fetch: retry ? (url, init) => fetch(url, { ...init, cache: 'reload' }) : undefined,
      });
      // Only the search core loads record texts after it resolves (Pagefind fetches them with each result).
      if (!(engine instanceof SearchCore)) this.textsPending = false;
      return engine;
    } catch (error) {
      this.textsPending = false;
      if (!signal.aborted && timeout.signal.aborted) {
        throw new IndexError('timeout', `No complete answer from ${dir.href} within ${this.loadTimeout / 1000} s. Try again, or check the server.`, { cause: error });
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private view(patch: Partial<ViewState>): void {
    this.active = -1;
    void this.searcher.set(patch);
    this.urlSync.write(this.searcher.state);
  }

  private restoreView(s: ViewState): void {
    this.active = -1;
    void this.searcher.set({ sort: undefined, ...s });
    void this.loader.load();
  }

  private openHit(hit: Hit, newTab: boolean, event?: MouseEvent): void {
    // The record's stored fields alone (no score, ranges or snippet), in their stored order.
    const record = Object.fromEntries(DOC_COLUMNS.map((k) => [k, hit[k]])) as HitRecord;
    const href = safeHref(hit.url);
    if (this.isModal && !newTab) this.close();
    if (!this.dispatchEvent(changefindEvent('changefind-select', { record })) || !href) return event?.preventDefault();
    if (event) return;
    if (newTab) window.open(href, '_blank', 'noopener');
    else location.assign(href);
  }

  private readonly onShortcut = (e: KeyboardEvent): void => {
    if (this.noShortcuts || e.defaultPrevented) return;
    const target = e.composedPath()[0] as HTMLElement | undefined;
    const typing = !!target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !typing;
    if (!slash && !(e.key.toLowerCase() === 'k' && (e.ctrlKey || e.metaKey))) return;
    e.preventDefault();
    this.focus();
  };

  private onInputKey(e: KeyboardEvent): void {
    const hits = this.searcher.result?.hits ?? [];
    const n = hits.length;
    const at = this.active;
    // ↑/↓ wrap around (from none: the first or the last); in the list (a result is active) Home/End jump
    // to its ends, otherwise they move the caret.
    const inList = at >= 0;
    const to = n ? ({ ArrowDown: (at + 1) % n, ArrowUp: (at > 0 ? at : n) - 1, Home: inList ? 0 : -1, End: inList ? n - 1 : -1 }[e.key] ?? -1) : -1;
    if (to >= 0) {
      e.preventDefault();
      this.active = to;
    } else if (e.key === 'Enter' && hits[at]) {
      e.preventDefault();
      this.openHit(hits[at]!, e.ctrlKey || e.metaKey);
    } else if (e.key === 'Escape') {
      if (this.searcher.state.query) {
        e.preventDefault();
        e.stopPropagation();
        this.view({ query: '' });
      } else if (this.isModal) {
        e.preventDefault();
        this.close();
      }
    }
  }

  private onDialogKey(e: KeyboardEvent): void {
    if (e.key !== 'Tab') return;
    const items = [...this.dialogBox!.querySelectorAll<HTMLElement>('input,select,button,a[href]:not([tabindex="-1"])')].filter(
      (el) => !(el as HTMLInputElement).disabled && el.getClientRects().length > 0,
    );
    const edge = e.shiftKey ? items[0] : items[items.length - 1];
    if (this.shadowRoot!.activeElement === edge) {
      e.preventDefault();
      (e.shiftKey ? items[items.length - 1] : items[0])?.focus();
    }
  }

  private onDialogClose(): void {
    if (this.open) lockScroll(false);
    this.open = false;
    const back = this.returnFocus?.isConnected ? this.returnFocus : this.renderRoot.querySelector<HTMLElement>('.trigger');
    back?.focus();
  }

  private removeChip(chip: Chip): void {
    if (chip.facet === 'from' || chip.facet === 'to') this.view({ dateRange: { ...this.searcher.state.dateRange, [chip.facet]: undefined } });
    else this.view({ filters: toggleFilter(this.searcher.state.filters, chip.facet, chip.value) });
  }

  private renderBody() {
    // The index failed to load (a message per error code), or the search itself failed.
    const { failure } = this.loader;
    const failed = this.searcher.failure;
    if (failure || failed) {
      return html`<div part="error" class="error" role="alert" data-code=${failure?.code ?? nothing}>
        <p>${failure ? (ERRORS[failure.code] ?? ERRORS.unknown) : 'The search failed.'}</p>
        <p class="detail">${failure?.message ?? failed}</p>
        <button type="button" @click=${() => (failure ? this.loader.load() : this.searcher.set({}))}>Retry</button>
      </div>`;
    }
    const r = this.searcher.result;
    const s = this.searcher.state;
    if (!r) return nothing;
    const suggestion = r.suggestion
      ? html`<p class="suggest">Did you mean <button type="button" class="link" @click=${() => this.view({ query: r.suggestion! })}>${r.suggestion}</button>?</p>`
      : nothing;
    if (r.total) return suggestion;
    {
      const chips = activeChips(s.filters, s.dateRange);
      return html`<div part="empty" class="empty">
        <p>No results${s.query ? html` for <q>${s.query}</q>` : nothing}.</p>
        ${suggestion}
        ${chips.length
          ? html`<p>Try without a filter:</p>
              ${chips.map(
                (c) => html`<button type="button" class="chip" @click=${() => this.removeChip(c)}>
                  <span class="sr">Remove filter </span>${chipText(c)}<span aria-hidden="true"> ×</span>
                </button>`,
              )}`
          : nothing}
      </div>`;
    }
  }

  private renderPanel() {
    const s = this.searcher.state;
    const r = this.searcher.failure ? undefined : this.searcher.result;
    const hits = r?.hits ?? [];
    const sort = s.sort ?? (s.query.trim() ? 'relevance' : 'newest');
    const busy = this.loader.status === 'loading' || this.searcher.pending || !!r?.pending?.hits || (this.loader.status === 'ready' && this.textsPending);
    const counting = !!r?.pending?.facets;
    const summary =
      this.loader.status === 'loading'
        ? 'Loading release notes…'
        : r?.pending?.hits
          ? `${countText(r.total)}+ results, still searching older releases…`
          : r
            ? `${countLabel(r.total)}${s.query ? '' : ', latest first'}`
            : '';
    return html`<div part="base" class="base">
      <div class="bar">
        <label class="sr" for="q">${this.label}</label>
        <input
          part="input"
          id="q"
          type="search"
          role="combobox"
          autocomplete="off"
          spellcheck="false"
          aria-autocomplete="list"
          aria-controls="lb"
          aria-expanded=${hits.length ? 'true' : 'false'}
          aria-activedescendant=${this.active >= 0 ? `o${this.active}` : nothing}
          placeholder=${this.placeholder}
          .value=${s.query}
          @input=${(e: Event) => this.view({ query: (e.target as HTMLInputElement).value })}
          @keydown=${this.onInputKey}
        />
        ${this.isModal ? html`<button type="button" part="close" @click=${this.close}>Close</button>` : nothing}
      </div>
      ${renderChips(s.filters, s.dateRange, (c) => this.removeChip(c), () => this.view({ filters: {}, dateRange: {} }))}
      <div class="body">
        <div part="filters" class="filters" role="group" aria-label="Filters" aria-busy=${counting ? 'true' : 'false'}>
          ${counting ? html`<p part="facets-pending">Counting…</p>` : nothing}
          ${renderFilters(
            (counting ? this.lastFacets : undefined) ?? r?.facets ?? {},
            this.loader.engine?.manifest.counts ?? {},
            s,
            this.expanded,
            this.datePickers,
            (patch) => this.view(patch),
            (f) => (this.expanded = new Set(this.expanded).add(f)),
          )}
        </div>
        <div class="results" aria-busy=${busy ? 'true' : 'false'}>
          <div class="toolbar">
            <p part="status" class="status" role="status">${busy ? html`<span class="spin" aria-hidden="true"></span>` : nothing}${summary}</p>
            <label class="sort"
              >Sort
              <select part="sort" .value=${sort} @change=${(e: Event) => this.view({ sort: (e.target as HTMLSelectElement).value as ViewState['sort'] })}>
                <option value="relevance">Best match</option>
                <option value="newest">Newest</option>
                <option value="oldest">Oldest</option>
              </select></label
            >
          </div>
          ${this.renderBody()}
          <div part="listbox" id="lb" class="listbox" role="listbox" aria-label="Results" ?hidden=${!hits.length}>
            ${renderResults(hits, this.active, sort !== 'relevance', (h, e) => this.openHit(h, e.ctrlKey || e.metaKey, e))}
          </div>
          ${r && r.total > hits.length
            ? html`<button type="button" part="more" class="more" @click=${() => this.searcher.more()}>Show more (${r.total - hits.length} left)</button>`
            : nothing}
        </div>
      </div>
    </div>`;
  }

  override render() {
    if (!this.isModal) return this.renderPanel();
    return html`<button type="button" part="trigger" class="trigger" aria-haspopup="dialog" @click=${this.show}>
        <span>${this.label}</span><kbd aria-hidden="true">/</kbd>
      </button>
      <dialog
        part="dialog"
        aria-label=${this.label}
        @keydown=${this.onDialogKey}
        @close=${this.onDialogClose}
        @click=${(e: Event) => e.target === this.dialogBox && this.close()}
      >
        ${this.renderPanel()}
      </dialog>`;
  }
}

/** The focused element, looking inside open shadow roots. */
function deepActive(): HTMLElement | undefined {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return (el as HTMLElement | null) ?? undefined;
}

/** A core over an inline index, warming in idle time once it has answered, unless `warm` is false (as `loadIndex` does for `src`). */
function inlineCore(bundle: IndexBundle, warm: boolean): SearchCore {
  const core = SearchCore.fromBundle(bundle);
  if (warm) void core.warmUp();
  return core;
}
