/**
 * Loads the search index once, lazily: on the host's first visibility, focus or hover (or at once),
 * with a status the element renders (idle / loading / ready / error) and a retry.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { IndexErrorCode, SearchEngine } from '../search-types.ts';

export type IndexStatus = 'idle' | 'loading' | 'ready' | 'error';

/** When to start loading: first visibility, focus or hover (`visible`; any unknown value, e.g. `lazy`, too); focus or hover only; or at once. */
export type LoadTrigger = 'visible' | 'interaction' | 'eager';

export interface IndexFailure {
  code: IndexErrorCode | 'unknown';
  message: string;
}

export class IndexController implements ReactiveController {
  status: IndexStatus = 'idle';
  engine?: SearchEngine;
  failure?: IndexFailure;
  private abort?: AbortController;
  private observer?: IntersectionObserver;
  private wanted = false;
  /** A failure reported by fail() while the load was still settling. */
  private late?: { error: unknown };

  /**
   * @param loadEngine Produces the engine; rejects with an error carrying a `code` (the core's IndexError) on
   * failure. `retry` is true after a failure: bypass HTTP caches that may hold the failed response.
   * @param whenToLoad The host's load trigger.
   * @param onReady Receives the loaded engine.
   */
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly loadEngine: (signal: AbortSignal, retry: boolean) => Promise<SearchEngine>,
    private readonly whenToLoad: () => LoadTrigger,
    private readonly onReady: (engine: SearchEngine) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.status !== 'idle') return;
    const trigger = this.whenToLoad();
    if (trigger === 'eager' || this.wanted) {
      void this.load();
      return;
    }
    this.host.addEventListener('focusin', this.load);
    this.host.addEventListener('pointerenter', this.load);
    if (trigger !== 'interaction' && typeof IntersectionObserver === 'function') {
      this.observer = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) void this.load();
      });
      this.observer.observe(this.host);
    }
  }

  hostDisconnected(): void {
    this.detach();
    if (this.status === 'loading') {
      this.abort?.abort();
      this.status = 'idle';
    }
  }

  /** Starts loading unless already loading or loaded; safe to call from any trigger. */
  load = async (): Promise<void> => {
    this.wanted = true;
    if (this.status === 'loading' || this.status === 'ready') return;
    this.detach();
    const abort = (this.abort = new AbortController());
    const retry = this.status === 'error';
    this.status = 'loading';
    this.failure = undefined;
    this.late = undefined;
    this.host.requestUpdate();
    try {
      const engine = await this.loadEngine(abort.signal, retry);
      if (abort.signal.aborted) return;
      const late = this.late as { error: unknown } | undefined; // set meanwhile by fail()
      if (late) throw late.error;
      this.engine = engine;
      this.status = 'ready';
      this.onReady(engine);
    } catch (error) {
      if (abort.signal.aborted) return;
      this.status = 'error';
      this.failure = toFailure(error);
    }
    this.host.requestUpdate();
  };

  /** Reports a failure found after the engine was ready (its record texts did not load): error state with Retry. */
  fail(error: unknown): void {
    if (this.status === 'loading') {
      this.late = { error };
      return;
    }
    this.engine = undefined;
    this.status = 'error';
    this.failure = toFailure(error);
    this.host.requestUpdate();
  }

  /** Forgets the engine (the source changed); reloads at once if a load was already asked for. */
  reset(): void {
    this.abort?.abort();
    this.engine = undefined;
    this.failure = undefined;
    this.status = 'idle';
    this.detach();
    if (this.host.isConnected) this.hostConnected();
  }

  private detach(): void {
    this.host.removeEventListener('focusin', this.load);
    this.host.removeEventListener('pointerenter', this.load);
    this.observer?.disconnect();
    this.observer = undefined;
  }
}

function toFailure(error: unknown): IndexFailure {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return { code: typeof code === 'string' ? (code as IndexErrorCode) : 'unknown', message };
}
