#!/usr/bin/env node
/** The changefind CLI: argument parsing only; each command lives in indexer/commands/. */
import { Command } from 'commander';
import { registerBuild } from './commands/build.ts';
import { registerSearch } from './commands/search.ts';
import { registerVerify } from './commands/verify.ts';

const program = new Command('changefind')
  .description('Index release notes and search them.')
  .showHelpAfterError()
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));

registerBuild(program);
registerSearch(program);
registerVerify(program);

await program.parseAsync(process.argv);
