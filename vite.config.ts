/**
 * Library build of <changefind-search>: one ES module and one classic-script (IIFE) bundle in dist/,
 * each holding everything (Lit, the search core, the element). TypeScript follows tsconfig.json:
 * legacy decorators and `useDefineForClassFields: false` (Lit).
 */
import ts from 'typescript';
import { defineConfig, type Plugin } from 'vite';

/**
 * Minifies the text of Lit `html` and `css` templates in the widget's own files, which the JS minifier
 * leaves alone: in HTML a line break and its indentation become one space (rendering unchanged);
 * CSS loses the white space around `{ } ; , :` (the styles have no strings where that matters).
 */
function minifyTemplates(): Plugin {
  return {
    name: 'changefind-minify-templates',
    apply: 'build',
    transform(code, id) {
      if (!/\/widget\/(?!core\/)[^?]*\.ts$/.test(id) || !/\b(?:html|css)`/.test(code)) return null;
      const file = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true);
      const edits: [number, number, string][] = [];
      const visit = (node: ts.Node): void => {
        if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && /^(html|css)$/.test(node.tag.text)) {
          const t = node.template;
          const parts = ts.isNoSubstitutionTemplateLiteral(t) ? [t] : [t.head, ...t.templateSpans.map((s) => s.literal)];
          for (const part of parts) {
            const start = part.getStart(file) + 1;
            const end = part.getEnd() - (ts.isTemplateHead(part) || ts.isTemplateMiddle(part) ? 2 : 1);
            const raw = code.slice(start, end);
            const min =
              node.tag.text === 'css'
                ? raw.replace(/\s+/g, ' ').replace(/\s*([{};,])\s*/g, '$1').replace(/: /g, ':').replace(/;}/g, '}')
                : raw.replace(/\s*\n\s*/g, ' ');
            if (min !== raw) edits.push([start, end, min]);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
      if (!edits.length) return null;
      let out = code;
      for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + text + out.slice(end);
      return { code: out, map: null };
    },
  };
}

export default defineConfig({
  plugins: [minifyTemplates()],
  build: {
    outDir: 'dist',
    target: 'es2022',
    emptyOutDir: false,
    sourcemap: true,
    lib: {
      entry: 'widget/index.ts',
      name: 'Changefind',
      formats: ['es', 'iife'],
      fileName: (format) => (format === 'es' ? 'changefind-search.js' : 'changefind-search.iife.js'),
    },
    // Vite leaves ES library output unminified by default: ship both bundles fully minified, and one file
    // each (code splitting would put the lazily used Pagefind adapter and a tiny shared module in extra
    // chunks, i.e. an extra request in series before the element can start).
    rolldownOptions: { output: { minify: true, codeSplitting: false } },
  },
});
