/**
 * Pages on the MiniSearch engine never download the Pagefind engine module or Pagefind's runtime
 * (widget/load-engine.ts imports widget/pagefind-engine.ts only when the manifest calls for it).
 */
import { expect } from '@open-wc/testing';
import { mount, type } from './helpers.ts';

const loaded = (part: string) => performance.getEntriesByType('resource').some((e) => e.name.includes(part));

describe('<changefind-search> on the MiniSearch engine', () => {
  it('should not download the Pagefind engine or Pagefind’s runtime', async () => {
    const el = await mount();
    await type(el, 'passkey');
    expect([loaded('pagefind-engine'), loaded('pagefind.js')]).to.deep.equal([false, false]);
  });
});
