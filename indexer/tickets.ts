/**
 * Ticket ids: which tokens of the notes are tickets (`OKTA-1093354`, `QS-1234`), set by the
 * `tickets` key of the config. Either a list of prefixes (ids are `PREFIX-digits`; `PREFIX_123` and
 * `PREFIX 123` with 3+ digits are normalised to `PREFIX-123`) or the source of a regular expression
 * whose whole match is the id, as written. Pure.
 */

/** The `tickets` config value: ticket prefixes, or a regular expression source. */
export type TicketSetting = readonly string[] | string;

/** Finds ticket ids in raw text. */
export interface TicketReader {
  /** Ticket ids in raw text (comments included), normalised, in order of appearance. */
  tickets(raw: string): string[];
  /** True when an ALL_CAPS token is a ticket spelled with `_` (`OKTA_132193`), so not a feature flag. */
  isTicketToken(token: string): boolean;
}

/** The Okta notes' setting: `OKTA-123`. */
export const DEFAULT_TICKETS: TicketSetting = ['OKTA'];

const PREFIX = /^[A-Za-z][A-Za-z0-9]{0,31}$/;

/** Why a `tickets` value cannot be used, or null when it can. */
export function ticketSettingProblem(value: unknown): string | null {
  if (Array.isArray(value)) {
    if (value.length === 0) return 'must list at least one prefix, e.g. ["OKTA", "QS"]';
    const bad = value.find((prefix) => typeof prefix !== 'string' || !PREFIX.test(prefix));
    if (bad !== undefined) return `prefix ${JSON.stringify(bad)} must be a letter followed by letters or digits (the "-123" part is implied), e.g. "QS" for QS-1234`;
    return null;
  }
  if (typeof value === 'string') {
    let pattern: RegExp;
    try {
      pattern = new RegExp(value, 'g');
    } catch (error) {
      return `is not a valid regular expression (${(error as Error).message}); give a list of prefixes such as ["QS"] or a pattern such as "\\\\bQS-\\\\d+\\\\b"`;
    }
    if (pattern.test('')) return `pattern ${JSON.stringify(value)} matches the empty string; it must match a ticket id such as QS-1234`;
    return null;
  }
  return 'must be a list of ticket prefixes (["OKTA", "QS"]) or a regular expression source ("\\\\bQS-\\\\d+\\\\b")';
}

/** A reader for a valid setting (see `ticketSettingProblem`). */
export function ticketReader(setting: TicketSetting): TicketReader {
  if (typeof setting === 'string') {
    const pattern = new RegExp(setting, 'g');
    const whole = new RegExp(`^(?:${setting})$`);
    return {
      tickets: (raw) => [...raw.matchAll(pattern)].map((match) => match[0]).filter(Boolean),
      isTicketToken: (token) => whole.test(token),
    };
  }
  // Longest first, so `QSX` is not read as `QS` followed by garbage.
  const alternation = [...new Set(setting)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).join('|');
  const pattern = new RegExp(String.raw`\b(${alternation})(?:-(\d+)|[_ ](\d{3,}))\b`, 'g');
  const token = new RegExp(String.raw`^(?:${alternation})_\d+$`);
  return {
    tickets: (raw) => [...raw.matchAll(pattern)].map((match) => `${match[1] ?? ''}-${match[2] ?? match[3] ?? ''}`),
    isTicketToken: (value) => token.test(value),
  };
}
