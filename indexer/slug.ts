/**
 * Heading anchors exactly as the published VuePress pages give them:
 * VuePress 1's `slugify` applied by markdown-it-anchor to the heading's text and inline code,
 * a repeated slug on one page gets `-2`, `-3`, ... in document order (markdown-it-anchor's
 * `uniqueSlug`, which VuePress 1 uses; github-slugger would start at `-1`).
 */

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f]/g;
const SPECIAL = /[\s~`!@#$%^&*()\-_+=[\]{}|\\;:"'“”‘’–—<>,.?/]+/g;
const COMBINING = /[\u0300-\u036f]/g;

/** VuePress 1 slugify: strip accents, special characters to `-`, no leading digit, lowercase. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING, '')
    .replace(CONTROL, '')
    .replace(SPECIAL, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^(\d)/, '_$1')
    .toLowerCase();
}

/** Hands out unique slugs for one page, in document order. */
export class PageSlugger {
  readonly #used = new Set<string>();

  slug(text: string): string {
    const base = slugify(text);
    let candidate = base;
    let suffix = 2;
    while (this.#used.has(candidate)) {
      candidate = `${base}-${suffix}`;
      suffix += 1;
    }
    this.#used.add(candidate);
    return candidate;
  }
}
