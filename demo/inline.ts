/** Inline mode helpers for the demo: the indexer's implementation (indexer/bundle.ts). */
export { inlineScript, readBundle } from '../indexer/bundle.ts';
