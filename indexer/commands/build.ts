import type { Command } from 'commander';

/** `changefind build <paths...> --out DIR` (owned by the indexer work). */
export function registerBuild(program: Command): void {
  program.command('build').description('Build an index from release notes (not yet implemented).');
}
