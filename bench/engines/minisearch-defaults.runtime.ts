import { miniSearchRuntime } from './minisearch.runtime.ts';
export const runtime = miniSearchRuntime(false);
