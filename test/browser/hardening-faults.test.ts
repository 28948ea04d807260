/**
 * Index faults as hosts really produce them, served through a mocked fetch: 404, network failure,
 * a truncated file, an HTML error page, another schema version, manifest and index from different
 * builds, and a server that never finishes. Each gives its own clear message in the widget, and Retry
 * then loads the good index.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { $, options, type ChangefindSearch } from './helpers.ts';

const GOOD = '/test/fixtures/widget/out/index/';
const OTHER = '/test/fixtures/hardening/out/xss/';
const realFetch = window.fetch.bind(window);

type Fault = (file: string, real: (base?: string) => Promise<Response>, signal?: AbortSignal | null) => Promise<Response>;

/** Serves `/fault/<file>` through `fault`; everything else goes to the network. */
function serve(fault: Fault | null): void {
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    const match = /^\/fault\/[^/]+\/(.+)$/.exec(url.pathname);
    if (!match) return realFetch(input, init);
    const file = match[1]!;
    const real = (base = GOOD) => realFetch(base + file, { signal: init?.signal ?? null });
    return fault ? fault(file, real, init?.signal) : real();
  };
}

afterEach(() => {
  window.fetch = realFetch;
});

let n = 0;
async function mountFaulty(timeout = 20000): Promise<ChangefindSearch> {
  n += 1;
  return fixture<ChangefindSearch>(html`<changefind-search src=${`/fault/t${n}/`} loading="eager" no-url load-timeout=${timeout}></changefind-search>`);
}

async function errorShown(el: ChangefindSearch): Promise<{ code: string; headline: string; detail: string }> {
  await waitUntil(() => el.shadowRoot!.querySelector('[part=error]'), 'no error shown', { timeout: 8000 });
  const box = $(el, '[part=error]');
  return { code: box.dataset.code ?? '', headline: box.querySelector('p')!.textContent!.trim(), detail: box.querySelector('.detail')?.textContent?.trim() ?? '' };
}

/** Fixes the server, clicks Retry and waits for results. */
async function retryWorks(el: ChangefindSearch): Promise<void> {
  serve(null);
  $<HTMLButtonElement>(el, '[part=error] button').click();
  await waitUntil(() => options(el).length > 0, 'Retry did not load the index', { timeout: 8000 });
  expect(el.shadowRoot!.querySelector('[part=error]')).to.equal(null);
}

const text = async (response: Promise<Response>) => (await response).text();

const FAULTS: Record<string, { fault: Fault; code: string; timeout?: number }> = {
  '404': { code: 'not-found', fault: async () => new Response('Not found', { status: 404 }) },
  'network failure': { code: 'network', fault: async () => Promise.reject(new TypeError('Failed to fetch')) },
  'truncated index file': {
    code: 'truncated',
    fault: async (file, real) => {
      const body = await text(real());
      return new Response(file === 'manifest.json' ? body : body.slice(0, Math.floor(body.length / 2)));
    },
  },
  'HTML error page': {
    code: 'not-json',
    fault: async (file, real) => (file === 'manifest.json' ? new Response('<!doctype html><title>502 Bad Gateway</title><h1>Bad Gateway</h1>', { headers: { 'content-type': 'text/html' } }) : real()),
  },
  'wrong schema version': {
    code: 'schema-mismatch',
    fault: async (file, real) => {
      if (file !== 'manifest.json') return real();
      const manifest = JSON.parse(await text(real())) as { schemaVersion: number };
      return new Response(JSON.stringify({ ...manifest, schemaVersion: manifest.schemaVersion + 1 }));
    },
  },
  'manifest and index from different builds': { code: 'mismatch', fault: async (file, real) => (file === 'manifest.json' ? real() : real(OTHER)) },
  'very slow response': {
    code: 'timeout',
    timeout: 400,
    fault: (_file, _real, signal) => new Promise((_, reject) => signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')))),
  },
};

describe('index faults', function (this: { timeout(ms: number): void }) {
  this.timeout(60_000);
  const headlines = new Map<string, string>();

  for (const [name, { fault, code, timeout }] of Object.entries(FAULTS)) {
    it(`should explain a ${name} and recover with Retry`, async () => {
      serve(fault);
      const el = await mountFaulty(timeout);
      const shown = await errorShown(el);
      expect(shown.code).to.equal(code);
      expect(shown.headline.length).to.be.greaterThan(10);
      expect(shown.detail.length).to.be.greaterThan(10);
      headlines.set(name, shown.headline);
      await retryWorks(el);
    });
  }

  it('should give every fault its own message', () => {
    expect(headlines.size).to.equal(Object.keys(FAULTS).length);
    expect(new Set(headlines.values()).size).to.equal(headlines.size);
  });
});
