/**
 * Page scroll lock for the modal layout: while any dialog is open the page (<html>) does not scroll
 * under it. Counted, so two open widgets release it only when both close; the page's own inline
 * `overflow` and `scrollbar-gutter` come back as they were. The scrollbar's gutter is kept while
 * locked so the page does not shift sideways.
 */
let locks = 0;
let saved: [string, string] = ['', ''];

/** Takes (`true`) or releases (`false`) one hold on the page's scrolling. */
export function lockScroll(on: boolean): void {
  const s = document.documentElement.style;
  if (on && !locks++) {
    saved = [s.overflow, s.scrollbarGutter];
    if (innerWidth > document.documentElement.clientWidth) s.scrollbarGutter = 'stable';
    s.overflow = 'hidden';
  } else if (!on && locks && !--locks) {
    [s.overflow, s.scrollbarGutter] = saved;
  }
}
