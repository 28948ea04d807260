/** Every engine the bench compares, ours first. */
import { flexSearch } from './flexsearch.ts';
import { lunrEngine } from './lunr.ts';
import { miniSearchDefaults, miniSearchTuned } from './minisearch.ts';
import { orama } from './orama.ts';
import { ours } from './ours.ts';
import { oursPagefind } from './ours-pagefind.ts';
import { pagefindEngine } from './pagefind.ts';
import type { Engine } from './types.ts';

export const ENGINES: readonly Engine[] = [ours, oursPagefind, miniSearchDefaults, miniSearchTuned, flexSearch, orama, lunrEngine, pagefindEngine];
