/** Keeps the view state in the page URL (replaceState) and restores it on load and on back/forward. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { readViewState, writeViewState, type ViewState } from '../helpers/url.ts';

export interface UrlControllerOptions {
  /** False when the host opted out of URL state. */
  enabled(): boolean;
  /** Prefix of the query parameters (default none). */
  prefix(): string;
  /** Applies a state read from the URL. */
  restore(state: ViewState): void;
}

export class UrlController implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly options: UrlControllerOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (!this.options.enabled()) return;
    window.addEventListener('popstate', this.onPopState);
    const state = this.read();
    // Restored only when the URL holds some of it (written back, it is not empty).
    if (writeViewState(state, '')) this.options.restore(state);
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.onPopState);
  }

  /** Writes `state` into the current history entry (no new entry per keystroke). */
  write(state: ViewState): void {
    if (!this.options.enabled()) return;
    const search = writeViewState(state, location.search, this.options.prefix());
    if (search === location.search) return;
    try {
      history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
    } catch {
      // Browsers refuse bursts of history calls (Safari: 100 per 30 s); the next write catches up.
    }
  }

  private read(): ViewState {
    return readViewState(location.search, this.options.prefix());
  }

  private readonly onPopState = (): void => this.options.restore(this.read());
}
