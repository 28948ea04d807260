/** Templates of the result list: options with highlighted title and snippet, badges, release groups. */
import { html, nothing, type TemplateResult } from 'lit';
import { groupByRelease } from '../helpers/group.ts';
import { highlightParts } from '../helpers/highlight.ts';
import { formatDate, KIND_LABELS, LIFECYCLE_LABELS, releaseLabel } from '../helpers/labels.ts';
import { safeHref } from '../helpers/url.ts';
import type { Hit, Range } from '../search-types.ts';

/** Opens a clicked result. */
type OnOpen = (hit: Hit, event: MouseEvent) => void;

/** Text with `<mark>` elements for the ranges; every part is bound as text, never parsed as HTML. */
export function marked(text: string, ranges: readonly Range[]): (string | TemplateResult)[] {
  return highlightParts(text, ranges).map((p) => (p.mark ? html`<mark part="mark">${p.text}</mark>` : p.text));
}

function option(hit: Hit, i: number, active: number, onOpen: OnOpen): TemplateResult {
  const { snippet } = hit;
  return html`<a
    role="option"
    id="o${i}"
    part="result"
    class="hit"
    tabindex="-1"
    aria-selected=${i === active ? 'true' : 'false'}
    href=${safeHref(hit.url) ?? nothing}
    @click=${(e: MouseEvent) => onOpen(hit, e)}
    ><span part="result-title" class="title">${marked(hit.title, hit.titleRanges)}</span>
    ${snippet.text && snippet.text !== hit.title
      ? html`<span part="snippet" class="snippet"
          >${snippet.truncatedStart ? '… ' : ''}${marked(snippet.text, snippet.ranges)}${snippet.truncatedEnd ? ' …' : ''}</span
        >`
      : nothing}
    <span class="badges">
      ${hit.lifecycle ? html`<span part="badge" class="badge lc ${hit.lifecycle}">${LIFECYCLE_LABELS[hit.lifecycle]}</span>` : nothing}
      <span part="badge" class="badge">${KIND_LABELS[hit.kind]}</span>
      <span part="badge" class="badge">${hit.product}</span>
      ${hit.release ? html`<span part="badge" class="badge">${hit.release}</span>` : nothing}
      ${hit.date ? html`<time part="badge" class="badge" datetime=${hit.date}>${formatDate(hit.date)}</time>` : nothing}
    </span></a
  >`;
}

/**
 * The options, flat or grouped under release headings (date sorts; `role="group"` with the release as its
 * name); `active` is the index of the active option, -1 for none.
 */
export function renderResults(hits: readonly Hit[], active: number, grouped: boolean, onOpen: OnOpen): TemplateResult[] {
  if (!grouped) return hits.map((hit, i) => option(hit, i, active, onOpen));
  let i = 0;
  return groupByRelease(hits).map((g) => {
    const label = `${releaseLabel(g)} · ${g.product}${g.date ? ` · ${formatDate(g.date)}` : ''}`;
    return html`<div role="group" class="group" aria-label=${label}>
      <div part="group-label" class="group-label" aria-hidden="true">${label}</div>
      ${g.items.map((hit) => option(hit, i++, active, onOpen))}
    </div>`;
  });
}
