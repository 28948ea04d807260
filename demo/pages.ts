/**
 * Minimal "published pages" for the demo notes: one HTML page per source file, one heading per record
 * with the record's anchor, so result links land somewhere real. Everything is escaped text.
 */
import type { ChangeRecord } from '../indexer/schema.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Page path per source file: `<stem>/index.html`, the `{stem}/` layout of the default page path. */
export function pagesOf(records: readonly ChangeRecord[]): Map<string, string> {
  const byFile = new Map<string, ChangeRecord[]>();
  for (const r of records) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  const pages = new Map<string, string>();
  for (const [file, list] of byFile) {
    const stem = file.replace(/\.(md|markdown)$/i, '');
    const anchors = new Set<string>();
    const body = list
      .map((r) => {
        const meta = [r.product, r.release, r.date, r.lifecycle, r.kind].filter(Boolean).join(' · ');
        const id = anchors.has(r.anchor) ? '' : ` id="${escapeHtml(r.anchor)}"`;
        anchors.add(r.anchor);
        return `<section><h2${id}>${escapeHtml(r.title)}</h2><p class="meta">${escapeHtml(meta)}</p><p>${escapeHtml(r.text)}</p></section>`;
      })
      .join('\n');
    pages.set(
      `${stem}/index.html`,
      `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(file)} · demo release notes</title><link rel="stylesheet" href="/demo.css"></head>
<body class="notes-page"><p><a href="/">← Back to the demo</a></p><h1>${escapeHtml(file)}</h1>
${body}
</body></html>
`,
    );
  }
  return pages;
}
