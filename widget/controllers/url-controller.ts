/** Keeps the view state in the page URL (replaceState) and restores it on load and on back/forward. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { readViewState, writeViewState, type ViewState } from '../helpers/url.ts';

export class UrlController implements ReactiveController {
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
  }

  /** Writes `state` into the current history entry (no new entry per keystroke). */
  write(state: ViewState): void {
    if (!this.urlEnabled()) return;
    const search = writeViewState(state, location.search, this.paramPrefix());
    if (search === location.search) return;
    try {
      history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
    } catch {
      // Browsers refuse bursts of history calls (Safari: 100 per 30 s); the next write catches up.
    }
  }

  private read(): ViewState {
    return readViewState(location.search, this.paramPrefix());
  }

  private readonly onPopState = (): void => this.restore(this.read());
}
