import type { Command } from 'commander';

/** `changefind search --index DIR [query]` (owned by the search-core work). */
export function registerSearch(program: Command): void {
  program.command('search').description('Search a built index (not yet implemented).');
}
