/**
 * Library build of <changefind-search>: one ES module and one classic-script (IIFE) bundle in dist/,
 * each holding everything the search core needs (Lit, the core, the element), and one separate ES module,
 * dist/changefind-pagefind.js, with the Pagefind adapter that both bundles import on demand (only for
 * Pagefind indexes). TypeScript follows tsconfig.json: legacy decorators and `useDefineForClassFields: false` (Lit).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform as transformCss } from 'lightningcss';
import { minify as terser } from 'terser';
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
 * leaves alone: in HTML a line break and its indentation become one space (rendering unchanged, as
 * html-minifier's conservative collapse); a `css` template, or the template literal handed to `unsafeCSS()`,
 * goes through Lightning CSS, Vite's own CSS minifier (no browser targets, so nothing is lowered), and must
 * have no `${}` substitutions.
 */
function minifyTemplates(): Plugin {
  return {
    name: 'changefind-minify-templates',
    apply: 'build',
    transform(code, id) {
      if (!/\/widget\/(?!core\/)[^?]*\.ts$/.test(id) || !/\b(?:html|css)`|unsafeCSS\(/.test(code)) return null;
      const file = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true);
      const edits: [number, number, string][] = [];
      const visit = (node: ts.Node): void => {
        // A template is html`...`, css`...`, or the literal handed to unsafeCSS() (the element's style sheet: then
        // Lit's css tag function is left out of the bundle).
        let kind: string | undefined;
        let t: ts.TemplateLiteral | undefined;
        if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && /^(html|css)$/.test(node.tag.text)) {
          kind = node.tag.text;
          t = node.template;
        } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'unsafeCSS' && node.arguments[0] && ts.isTemplateLiteral(node.arguments[0])) {
          kind = 'css';
          t = node.arguments[0];
        }
        if (kind && t) {
          const at = `${id}:${file.getLineAndCharacterOfPosition(t.getStart(file)).line + 1}`;
          if (kind === 'css' && !ts.isNoSubstitutionTemplateLiteral(t)) {
            this.error(`${at}: a css template with \${} substitutions cannot be minified as CSS; write the style sheet as one literal`);
          }
          const parts = ts.isNoSubstitutionTemplateLiteral(t) ? [t] : [t.head, ...t.templateSpans.map((s) => s.literal)];
          for (const part of parts) {
            const start = part.getStart(file) + 1;
            const end = part.getEnd() - (ts.isTemplateHead(part) || ts.isTemplateMiddle(part) ? 2 : 1);
            const raw = code.slice(start, end);
            let min = raw.replace(/\s*\n\s*/g, ' ');
            if (kind === 'css') {
              if (/[`\\]/.test(part.text)) this.error(`${at}: the css template holds a backslash or backtick; write it without, so its minified text can be put back as is`);
              min = transformCss({ filename: at, code: Buffer.from(part.text), minify: true }).code.toString();
            }
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

/**
 * Names of the widget's TypeScript `private` members that the minifier may shorten (oxc `mangleProps`, which
 * renames a property name everywhere in the bundle), found with the type checker over the sources the entry
 * imports. A name qualifies only if every place the sources use it as a property (access, member,
 * destructuring) resolves to `private` members of our own classes, no object literal uses it as a key, and no
 * string in the sources contains it (`changed.has('active')`). Everything public (the element's attributes
 * and methods, SearchCore's API), every record and index-file field and every Lit name is declared elsewhere,
 * and DOM or built-in properties resolve to nothing (the libraries are not loaded), so none qualifies.
 * `reserved` lists the element's other members (own, LitElement's and HTMLElement's), which a shortened name
 * must not shadow.
 */
function privateMembers(entry: string): { names: string[]; reserved: string[] } {
  const parsed = ts.getParsedCommandLineOfConfigFile(resolve(root, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(`tsconfig.json: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    },
  });
  // Without the default libraries (parsing lib.dom.d.ts would double the build's time): a property of a DOM or
  // built-in type then resolves to nothing, which excludes its name just as a lib declaration would.
  const program = ts.createProgram([resolve(root, entry)], { ...parsed!.options, noLib: true, types: [], noEmit: true });
  const checker = program.getTypeChecker();
  const ours = (f: ts.SourceFile) => f.fileName.startsWith(root) && !f.fileName.includes('/node_modules/');
  const isPrivate = (d: ts.Declaration) =>
    ours(d.getSourceFile()) && !!ts.canHaveModifiers(d) && !!ts.getModifiers(d)?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword);
  const privates = new Set<string>();
  const excluded = new Set<string>();
  let element: ts.ClassDeclaration | undefined;
  for (const file of program.getSourceFiles().filter(ours)) {
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) for (const w of node.text.match(/[\w$]+/g) ?? []) excluded.add(w);
      if (ts.isClassDeclaration(node) && node.name?.text === 'ChangefindSearch') element = node;
      let name: ts.Node | undefined;
      let symbol: ts.Symbol | undefined;
      if (ts.isPropertyAccessExpression(node)) name = node.name;
      else if (ts.isParameter(node) && ts.isParameterPropertyDeclaration(node, node.parent)) name = node.name;
      else if (ts.isClassElement(node) || ts.isTypeElement(node)) name = node.name;
      else if (ts.isObjectLiteralElementLike(node) && node.name && ts.isIdentifier(node.name)) excluded.add(node.name.text);
      else if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent)) {
        name = node.propertyName ?? node.name;
        if (ts.isIdentifier(name)) symbol = checker.getTypeAtLocation(node.parent).getProperty(name.text);
      }
      if (name && ts.isIdentifier(name)) {
        symbol ??= checker.getSymbolAtLocation(name);
        const decls = symbol?.declarations ?? [];
        if (decls.length && decls.every(isPrivate)) privates.add(name.text);
        else excluded.add(name.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  if (!element) throw new Error(`${entry}: no class ChangefindSearch among the sources it imports (vite.config.ts looks for the element's members there)`);
  const names = [...privates].filter((n) => !excluded.has(n)).sort();
  // The element's other members: its own and Lit's from the checker, HTMLElement's (and every other DOM
  // interface's) from lib.dom.d.ts, read as syntax. Shortened names are short (1-2 characters for fewer than
  // ~2,500 names), so DOM names up to 3 characters are enough.
  const libDom = ts.getDefaultLibFilePath(parsed!.options).replace(/[^/\\]+$/, 'lib.dom.d.ts');
  const dom = new Set<string>();
  const collect = (node: ts.Node): void => {
    if (ts.isTypeElement(node) && node.name && ts.isIdentifier(node.name) && node.name.text.length <= 3) dom.add(node.name.text);
    ts.forEachChild(node, collect);
  };
  collect(ts.createSourceFile(libDom, ts.sys.readFile(libDom) ?? '', ts.ScriptTarget.Latest));
  if (!dom.has('id')) throw new Error(`${libDom}: no DOM interfaces found (vite.config.ts reads HTMLElement's member names there)`);
  const own = checker.getPropertiesOfType(checker.getTypeAtLocation(element)).map((p) => p.name);
  const reserved = [...new Set([...own, ...dom])].filter((n) => !privates.has(n)).sort();
  return { names, reserved };
}

/**
 * Fails the build if a name `privateMembers` chose is also a property in a bundled module that is not ours
 * (Lit, the bundler's runtime): mangleProps would rename that module's property of the same name too.
 */
function checkMangledNames(names: readonly string[]): Plugin {
  // As a property: `.name`, `name:`, `name(` or quoted (comments and local variables do not count).
  const alt = names.join('|');
  const word = new RegExp(`(?:[.]\\s*|['"\`])(?:${alt})(?![\\w$])|(?<![\\w$])(?:${alt})\\s*[:(]`);
  return {
    name: 'changefind-check-mangled-names',
    apply: 'build',
    transform(code, id) {
      // The TypeScript sources were checked by privateMembers; this looks at the rest (Lit, the bundler's runtime).
      if ((id.startsWith(root) && !id.includes('/node_modules/')) || !names.length) return null;
      const hit = word.exec(code);
      if (hit) this.error(`${id}: uses the name "${hit[0]}" as a property, which vite.config.ts shortens as a private member of the widget; rename that member`);
      return null;
    },
  };
}

/**
 * A second pass of terser (compress with 2 passes, mangle; no unsafe options) over each bundle oxc minified:
 * the two minifiers miss different things, and the pair comes out ~300 B gzip smaller than oxc alone, and
 * than terser alone on the unminified output (measured on the all-in bundle, DESIGN.md "Widget bundle").
 * Runs on the written files (Rolldown keeps its own source map when a plugin changes a chunk's code), after
 * oxc has shortened the property names; the source map is carried through.
 */
function terserPass(): Plugin {
  let outDir = 'dist';
  return {
    name: 'changefind-terser-pass',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async writeBundle(options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const file = resolve(options.dir ?? outDir, chunk.fileName);
        const mapFile = `${file}.map`;
        const withMap = existsSync(mapFile);
        const code = readFileSync(file, 'utf8').replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '');
        const out = await terser(code, {
          module: options.format === 'es',
          ecma: 2020,
          compress: { passes: 2 },
          mangle: true,
          sourceMap: withMap ? { content: readFileSync(mapFile, 'utf8'), url: basename(mapFile) } : false,
        });
        writeFileSync(file, out.code!);
        if (withMap) writeFileSync(mapFile, out.map as string);
      }
    },
  };
}

const mangled = privateMembers('widget/index.ts');

export default defineConfig({
  plugins: [minifyTemplates(), checkMangledNames(mangled.names), pagefindApart(), terserPass()],
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
    // Private member names are shortened too (privateMembers above).
    rolldownOptions: {
      output: {
        minify: { compress: true, mangle: true, codegen: true, mangleProps: { include: new RegExp(`^(?:${mangled.names.join('|') || '(?!)'})$`), reserved: mangled.reserved } },
        codeSplitting: false,
      },
    },
  },
});
