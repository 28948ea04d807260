/**
 * Search state (query, filters, sort, date range, page limit) and the request counter that drops
 * stale results: a result is shown only if no newer request was made meanwhile, for sync and async engines.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SearchEngine, SearchResult } from '../search-types.ts';
import type { ViewState } from '../helpers/url.ts';

export class SearchController implements ReactiveController {
  state: ViewState = { query: '', filters: {}, dateRange: {} };
  limit: number;
  result?: SearchResult;
  /** True while an async engine works on the newest request. */
  pending = false;
  /** Message of the newest request's failure, if it failed. */
  failure?: string;
  private engine?: SearchEngine;
  private seq = 0;

  /**
   * @param perPage Results per page.
   * @param onResult Called once per shown result of a new view (not for "load more").
   */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly perPage: () => number,
    private readonly onResult: (result: SearchResult, state: ViewState) => void,
  ) {
    this.limit = perPage();
    host.addController(this);
  }

  hostDisconnected(): void {
    this.engine?.stopWarmUp?.();
  }

  setEngine(engine: SearchEngine | undefined): void {
    this.engine = engine;
    this.result = undefined;
    this.limit = this.perPage();
    if (engine) void this.run();
  }

  /** Changes the view (back to the first page) and searches. */
  set(patch: Partial<ViewState>): Promise<void> {
    this.state = { ...this.state, ...patch };
    this.limit = this.perPage();
    return this.run();
  }

  /** Searches the same view again, e.g. when the engine's record texts arrived (no changefind-search event). */
  refresh(): Promise<void> {
    return this.run(false);
  }

  /** Shows one more page of the same view. */
  more(): Promise<void> {
    this.limit += this.perPage();
    return this.run(false);
  }

  private async run(newView = true): Promise<void> {
    const engine = this.engine;
    this.host.requestUpdate();
    if (!engine) return;
    const id = ++this.seq;
    const { query, filters, sort, dateRange } = this.state;
    try {
      let out = engine.search(query, { filters, sort, dateRange, limit: this.limit });
      if (out instanceof Promise) {
        this.pending = true;
        out = await out;
      }
      if (id !== this.seq) return;
      this.result = out;
      this.failure = undefined;
    } catch (error) {
      if (id !== this.seq) return;
      this.failure = error instanceof Error ? error.message : String(error);
    }
    this.pending = false;
    this.host.requestUpdate();
    if (newView && this.result && !this.failure) this.onResult(this.result, this.state);
  }
}
