/** Templates of the filter panel (facet checkboxes with counts, date range) and the active-filter chips. */
import { html, nothing, type TemplateResult } from 'lit';
import { FACETS, type FacetName } from '../../indexer/schema.ts';
import { activeChips, facetOptions, toggleFilter, type Chip } from '../helpers/filters.ts';
import { chipLabel, FACET_LABELS, valueLabel } from '../helpers/labels.ts';
import type { ViewState } from '../helpers/url.ts';
import type { DateRange, FacetValueCount, Filters } from '../search-types.ts';

/** Facet values shown before "Show all". */
const SHOWN = 8;

/** Label of a chip, date range ends included. */
export function chipText(chip: Chip): string {
  return chip.facet === 'from' ? `From: ${chip.value}` : chip.facet === 'to' ? `To: ${chip.value}` : chipLabel(chip.facet, chip.value);
}

/**
 * The filter panel: one fieldset per facet that has a choice to make, then the date range.
 * `facets` are the counts shown; `sizes` the record counts per value over the whole index (the manifest's: a
 * facet with one value is not shown); `expanded` the facets showing all their values; `onView` applies a
 * change of the view (filters or date range), `onExpand` shows all of a facet's values. `datePickers`: the date
 * range's inputs are `type="date"`; until then (the first result) they are text fields taking the same
 * `YYYY-MM-DD` values.
 */
export function renderFilters(
  facets: Partial<Record<FacetName, FacetValueCount[]>>,
  sizes: Partial<Record<FacetName, Record<string, number>>>,
  { filters, dateRange }: ViewState,
  expanded: ReadonlySet<FacetName>,
  datePickers: boolean,
  onView: (patch: Partial<ViewState>) => void,
  onExpand: (facet: FacetName) => void,
): TemplateResult {
  const facet = (name: FacetName) => {
    const selected = filters[name] ?? [];
    const options = facetOptions(name, facets[name] ?? [], selected);
    if ((Object.keys(sizes[name] ?? {}).length < 2 || !options.length) && !selected.length) return nothing;
    const all = expanded.has(name);
    return html`<fieldset part="facet" class="facet">
      <legend>${FACET_LABELS[name]}</legend>
      ${(all ? options : options.slice(0, SHOWN)).map(
        (o) => html`<label class="opt"
          ><input
            type="checkbox"
            name=${name}
            .value=${o.value}
            .checked=${selected.includes(o.value)}
            @change=${() => onView({ filters: toggleFilter(filters, name, o.value) })}
          /><span class="val">${valueLabel(name, o.value)}</span><span part="count" class="count">${o.count}</span></label
        >`,
      )}
      ${options.length > SHOWN && !all
        ? html`<button type="button" class="link" @click=${() => onExpand(name)}>
            Show all ${options.length} <span class="sr">${FACET_LABELS[name]} values</span>
          </button>`
        : nothing}
    </fieldset>`;
  };
  const date = (end: 'from' | 'to', label: string) =>
    html`<label class="date"
      >${label}
      <input
        type=${datePickers ? 'date' : 'text'}
        name=${end}
        .value=${dateRange[end] ?? ''}
        @change=${(e: Event) => onView({ dateRange: { ...dateRange, [end]: (e.target as HTMLInputElement).value || undefined } })}
    /></label>`;
  return html`${FACETS.map(facet)}
    <fieldset part="facet" class="facet dates">
      <legend>Date</legend>
      ${date('from', 'From')} ${date('to', 'To')}
    </fieldset>`;
}

/** Chips for the active filters, each removing itself, plus "Clear all"; nothing when unfiltered. */
export function renderChips(filters: Filters, dateRange: DateRange, onRemove: (chip: Chip) => void, onClear: () => void) {
  const chips = activeChips(filters, dateRange);
  if (!chips.length) return nothing;
  return html`<div part="chips" class="chips" role="group" aria-label="Active filters">
    ${chips.map(
      (c) => html`<button type="button" part="chip" class="chip" @click=${() => onRemove(c)}>
        <span class="sr">Remove filter </span>${chipText(c)}<span aria-hidden="true"> ×</span>
      </button>`,
    )}
    <button type="button" part="clear" class="link" @click=${onClear}>Clear all</button>
  </div>`;
}
