#!/usr/bin/env node
/**
 * The installed `changefind` command. The CLI is TypeScript (indexer/cli.ts); tsx's loader API
 * runs it directly, so an installed package needs no build step (tsx is a runtime dependency).
 */
import { register } from 'tsx/esm/api';

register();
await import('../indexer/cli.ts');
