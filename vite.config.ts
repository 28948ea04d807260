/**
 * Library build of <changefind-search>: one ES module and one classic-script (IIFE) bundle in dist/,
 * each holding everything (Lit, the search core, the element). `npx vite` serves the demo page too.
 * TypeScript follows tsconfig.json: legacy decorators and `useDefineForClassFields: false` (Lit).
 */
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: 'dist',
    target: 'es2022',
    emptyOutDir: false,
    sourcemap: true,
    // Vite leaves ES library output unminified by default; ship both bundles fully minified.
    rolldownOptions: { output: { minify: true } },
    lib: {
      entry: 'widget/index.ts',
      name: 'Changefind',
      formats: ['es', 'iife'],
      fileName: (format) => (format === 'es' ? 'changefind-search.js' : 'changefind-search.iife.js'),
    },
  },
});
