/**
 * Library build of <changefind-search>: one ES module and one classic-script (IIFE) bundle in dist/,
 * each holding everything the search core needs (Lit, the core, the element), and one separate ES module,
 * dist/changefind-pagefind.js, with the Pagefind adapter that both bundles import on demand (only for
 * Pagefind indexes). TypeScript follows tsconfig.json: legacy decorators and `useDefineForClassFields: false` (Lit).
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { build, defineConfig, type Plugin } from 'vite';

const PAGEFIND_FILE = 'changefind-pagefind.js';
const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Keeps the Pagefind adapter out of the main bundles: widget/load-engine.ts's `import('./pagefind-engine.ts')`
 * becomes an import of changefind-pagefind.js next to the running script (`scriptSrc`, captured while a classic
 * script runs) or module (`import.meta.url`), and that file is built on its own, self-contained, so the
 * classic script can load it too (an IIFE cannot share chunks).
 */
function pagefindApart(): Plugin {
  let built = false;
  let outDir = 'dist';
  return {
    name: 'changefind-pagefind-apart',
    apply: 'build',
    enforce: 'pre',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    transform(code, id) {
      if (!id.endsWith('/widget/load-engine.ts')) return null;
      const from = /import\((['"])\.\/pagefind-engine\.ts\1\)/;
      if (!from.test(code) || !/\bconst scriptSrc\b/.test(code)) {
        this.error(`${id}: expected import('./pagefind-engine.ts') and const scriptSrc (vite.config.ts points the import at ${PAGEFIND_FILE})`);
      }
      const to = `import(/* @vite-ignore */ new URL(${JSON.stringify(`./${PAGEFIND_FILE}`)}, scriptSrc || __CHANGEFIND_BASE__).href)`;
      return { code: code.replace(from, to), map: null };
    },
    // The module's own URL in the ES bundle; in the classic script (no import.meta) the page's base URL,
    // used only when the script was not loaded from a file (inlined into the page).
    renderChunk(code, _chunk, output) {
      return { code: code.replaceAll('__CHANGEFIND_BASE__', output.format === 'es' ? 'import.meta.url' : 'document.baseURI'), map: null };
    },
    async closeBundle() {
      if (built) return;
      built = true;
      await build({
        configFile: false,
        root,
        logLevel: 'warn',
        build: {
          outDir,
          target: 'es2022',
          emptyOutDir: false,
          sourcemap: true,
          lib: { entry: 'widget/pagefind-engine.ts', formats: ['es'], fileName: () => PAGEFIND_FILE },
          rolldownOptions: { output: { minify: true, codeSplitting: false } },
        },
      });
    },
  };
}

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
  plugins: [minifyTemplates(), pagefindApart()],
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
    // each (no chunk in series before the element can start; the Pagefind adapter is its own build above).
    rolldownOptions: { output: { minify: true, codeSplitting: false } },
  },
});
