import type { IndexErrorCode } from '../search-types.ts';

/** Why an index could not be loaded; `code` lets the caller show a distinct message. */
export class IndexError extends Error {
  readonly code: IndexErrorCode;
  constructor(code: IndexErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IndexError';
    this.code = code;
  }
}
