/**
 * `--config FILE`: the JSON a site uses to adapt the indexer (products, areas, URLs).
 * One documented type, defaults in one place (the profile), validated with messages that say
 * what to fix.
 */
import { ticketSettingProblem, type TicketSetting } from './tickets.ts';

/** Picks a product by file stem (file name without `.md`) or front-matter title. */
export interface ProductRule {
  /** Regular expression (JavaScript syntax, case-insensitive) tested against the file stem. */
  file?: string;
  /** Regular expression (case-insensitive) tested against the front-matter `title`. */
  title?: string;
  /** Product name given to every change of a matching page. */
  product: string;
}

/** Gives an area to changes whose title mentions one of the keywords (whole words, any case). */
export interface AreaRule {
  area: string;
  keywords: string[];
}

export interface ChangefindConfig {
  /** Release-notes dialect; only `okta` today. */
  profile?: 'okta';
  /** Base URL of the published pages, e.g. `https://developer.okta.com/docs/release-notes/`. */
  baseUrl?: string;
  /** Path of a page under the base URL; `{stem}` is the file name without `.md`. Default `{stem}/`. */
  pagePath?: string;
  /** Product rules, tried in order before the profile's own file-name and title rules. */
  products?: ProductRule[];
  /** Product of a page no rule names. */
  defaultProduct?: string;
  /** Area keyword rules, used together with the profile's. */
  areas?: AreaRule[];
  /** Renames areas after they are found, e.g. `{ "Network Zones": "Zones" }`. */
  areaAliases?: Record<string, string>;
  /**
   * Ticket ids: a list of prefixes (`["OKTA", "QS"]` reads `OKTA-123` and `QS-1234`; `QS_1234` and
   * `QS 1234` are normalised to `QS-1234`) or a regular expression source whose whole match is an id
   * (`"\\b[A-Z]{2,}-\\d+\\b"`). Default: the profile's (`["OKTA"]`).
   */
  tickets?: TicketSetting;
}

/** A configuration file that cannot be used; the message says what to fix. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const KEYS = new Set(['profile', 'baseUrl', 'pagePath', 'products', 'defaultProduct', 'areas', 'areaAliases', 'tickets']);

/** Validates parsed JSON as a configuration; `source` names the file in messages. */
export function parseConfig(value: unknown, source: string): ChangefindConfig {
  const fail = (what: string): never => {
    throw new ConfigError(`${source}: ${what}`);
  };
  if (!value || typeof value !== 'object' || Array.isArray(value)) fail('expected a JSON object');
  const config = value as Record<string, unknown>;
  for (const key of Object.keys(config)) {
    if (!KEYS.has(key)) fail(`unknown key "${key}"; known keys: ${[...KEYS].join(', ')}`);
  }
  if (config.profile !== undefined && config.profile !== 'okta') fail('"profile" must be "okta"');
  for (const key of ['baseUrl', 'pagePath', 'defaultProduct'] as const) {
    if (config[key] !== undefined && typeof config[key] !== 'string') fail(`"${key}" must be a string`);
  }
  if (typeof config.baseUrl === 'string' && !/^https?:\/\//.test(config.baseUrl)) fail('"baseUrl" must start with http:// or https://');
  if (config.products !== undefined) {
    if (!Array.isArray(config.products)) fail('"products" must be an array of { file?, title?, product }');
    (config.products as unknown[]).forEach((rule, index) => {
      const r = rule as Record<string, unknown>;
      if (!r || typeof r !== 'object' || typeof r.product !== 'string') fail(`"products[${index}]" needs a string "product"`);
      if (r.file === undefined && r.title === undefined) fail(`"products[${index}]" needs "file" or "title"`);
      for (const key of ['file', 'title'] as const) {
        if (r[key] === undefined) continue;
        if (typeof r[key] !== 'string') fail(`"products[${index}].${key}" must be a string`);
        try {
          new RegExp(r[key] as string, 'i');
        } catch (error) {
          fail(`"products[${index}].${key}" is not a valid regular expression (${(error as Error).message})`);
        }
      }
    });
  }
  if (config.areas !== undefined) {
    if (!Array.isArray(config.areas)) fail('"areas" must be an array of { area, keywords }');
    (config.areas as unknown[]).forEach((rule, index) => {
      const r = rule as Record<string, unknown>;
      if (!r || typeof r.area !== 'string' || !Array.isArray(r.keywords) || !r.keywords.every((k) => typeof k === 'string')) {
        fail(`"areas[${index}]" needs a string "area" and an array of strings "keywords"`);
      }
    });
  }
  if (config.areaAliases !== undefined) {
    const aliases = config.areaAliases;
    if (!aliases || typeof aliases !== 'object' || Array.isArray(aliases) || !Object.values(aliases).every((v) => typeof v === 'string')) {
      fail('"areaAliases" must be an object of strings');
    }
  }
  if (config.tickets !== undefined) {
    const problem = ticketSettingProblem(config.tickets);
    if (problem) fail(`"tickets" ${problem}`);
  }
  return config as ChangefindConfig;
}
