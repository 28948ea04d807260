/** Keeps the view state in the page URL (replaceState) and restores it on load and on back/forward. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { readViewState, writeViewState, type ViewState } from '../helpers/url.ts';

/**
 * Wait before writing again after the browser refused a write. WebKit and Blink count only the calls
 * they accept towards their limits, so trying again at a steady pace does not prolong a refusal.
 */
const RETRY_MS = 500;

export class UrlController implements ReactiveController {
  /** The newest state not yet in the URL, while a refused write waits to be tried again. */
  private owed?: ViewState;
  private retry?: ReturnType<typeof setTimeout>;

  /**
   * @param urlEnabled False when the host opted out of URL state.
   * @param paramPrefix Prefix of the query parameters (default none).
   * @param restore Applies a state read from the URL.
   */
  constructor(
    host: ReactiveControllerHost,
    private readonly urlEnabled: () => boolean,
    private readonly paramPrefix: () => string,
    private readonly restore: (state: ViewState) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (!this.urlEnabled()) return;
    window.addEventListener('popstate', this.onPopState);
    const state = this.read();
    // Restored only when the URL holds some of it (written back, it is not empty).
    if (writeViewState(state, '')) this.restore(state);
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.onPopState);
    this.forget();
  }

  /**
   * Writes `state` into the current history entry (no new entry per keystroke). Browsers refuse bursts
   * of history calls (Safari throws past 100 in 30 s; Chromium ignores calls past 200 in 10 s): then the
   * newest state is tried again every RETRY_MS until it is in, so the link a reader copies once they
   * stop typing is never stale.
   */
  write(state: ViewState): void {
    if (!this.urlEnabled()) return;
    this.owed = state;
    if (!this.retry) this.flush();
  }

  private flush(): void {
    const state = this.owed!;
    this.owed = undefined;
    const search = writeViewState(state, location.search, this.paramPrefix());
    if (search === location.search) return;
    try {
      history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
    } catch {
      // refused: tried again below
    }
    if (location.search === search) return;
    this.owed = state;
    this.retry = setTimeout(() => ((this.retry = undefined), this.flush()), RETRY_MS);
  }

  /** Drops a write still owed: the history entry it was for is no longer the current one. */
  private forget(): void {
    clearTimeout(this.retry);
    this.retry = this.owed = undefined;
  }

  private read(): ViewState {
    return readViewState(location.search, this.paramPrefix());
  }

  private readonly onPopState = (): void => {
    this.forget();
    this.restore(this.read());
  };
}
