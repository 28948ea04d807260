/**
 * The headless search core (no DOM; browser and Node). Entry point: re-exports only.
 * Contract: widget/search-types.ts. Format and ranking rules: DESIGN.md, "Search core and index format".
 */
export { SearchCore } from './core/engine.ts';
export { loadIndex, type LoadInit } from './core/load.ts';
export { IndexError } from './core/errors.ts';
