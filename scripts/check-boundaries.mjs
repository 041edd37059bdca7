#!/usr/bin/env node
// The import rule of the house (docs/CONVENTIONS.md, « The import rule »), checked by `npm run check`:
//   1. a module (src/modules/<m>/**) imports another module only through its index.ts, and never the application
//      (src/server.ts, src/cli.ts, src/commands.ts, the module list src/modules/*.ts) nor test/ from its own code;
//   2. the platform (src/platform/**) imports no module, nothing of the application, and from src/config.ts only types
//      (`import type { Config }`);
//   3. a client island (client/**) imports the platform and a module's browser surface only
//      (src/modules/<m>/browser.ts: pure code, free of Node APIs, that the module marks as safe to bundle);
//   4. tests import the internals of their own module only: a module's *.test.ts (and its test-support.ts) may
//      import its own files, other modules' index.ts, the platform, the application and test/helpers; test/**
//      (helpers, e2e, platform tests) import modules through their index.ts (or browser.ts);
//   5. the module list (src/modules/*.ts) and the application (src/*.ts) reach modules through their index.ts.
// bench/ and scripts/ are tools, outside the rule.
//
// Why a script: the rule is about where an import LANDS (its resolved path) relative to where it starts, the same for
// every module, so a new module needs no new configuration. Biome's noRestrictedImports matches specifier strings
// (`../store.ts` is legal in one folder and a violation in another) and would need one override per module;
// dependency-cruiser would be a new dependency for 200 lines of rules. This file reads the sources with a small
// tokenizer (comments, strings, templates and regular expressions skipped, so `import type` and dynamic imports are
// seen exactly), resolves relative imports and prints each violation as `file:line → target (rule)`.
//
// Usage: node scripts/check-boundaries.mjs [--root <dir>]   exit 1 on any violation.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SOURCE = /\.(ts|tsx|mts|cts|js|mjs)$/;
const ROOTS = ['src', 'client', 'test', 'bench'];

/** The import specifiers of a source text: [{ specifier, line, typeOnly }]. */
export function importsOf(text) {
  const tokens = tokenize(text);
  const out = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type !== 'word') continue;
    if (t.value === 'import' || (t.value === 'export' && isReexport(tokens, i))) {
      const prev = tokens[i - 1];
      if (prev && prev.type === 'punct' && prev.value === '.') continue; // import.meta, x.import
      const next = tokens[i + 1];
      if (!next) continue;
      // import('x') — dynamic import
      if (t.value === 'import' && next.type === 'punct' && next.value === '(') {
        const arg = tokens[i + 2];
        if (arg?.type === 'string') out.push({ specifier: arg.value, line: arg.line, typeOnly: false });
        continue;
      }
      // import 'x' — side effect
      if (t.value === 'import' && next.type === 'string') {
        out.push({ specifier: next.value, line: next.line, typeOnly: false });
        continue;
      }
      // import … from 'x' / export … from 'x': scan to `from <string>` before the statement ends.
      let j = i + 1;
      let typeOnly = next.type === 'word' && next.value === 'type';
      let names = 0;
      let typedNames = 0;
      let defaultOrNamespace = false;
      let depth = 0;
      for (; j < tokens.length; j++) {
        const u = tokens[j];
        if (u.type === 'punct' && u.value === '{') depth++;
        else if (u.type === 'punct' && u.value === '}') depth--;
        else if (u.type === 'punct' && u.value === ';') break;
        else if (u.type === 'word' && u.value === 'from' && depth === 0 && tokens[j + 1]?.type === 'string') break;
        else if (depth === 1 && u.type === 'word' && u.value !== 'as' && u.value !== 'type') {
          const before = tokens[j - 1];
          const isName = before.type === 'punct' && (before.value === '{' || before.value === ',');
          const isTyped = before.type === 'word' && before.value === 'type';
          if (isName) names++;
          if (isTyped) {
            names++;
            typedNames++;
          }
        } else if (depth === 0 && u.type === 'word' && u.value !== 'type' && j > i + 1) defaultOrNamespace = true;
        else if (depth === 0 && u.type === 'punct' && u.value === '*') defaultOrNamespace = true;
      }
      const from = tokens[j + 1];
      if (tokens[j]?.value !== 'from' || from?.type !== 'string') continue;
      if (!typeOnly && names > 0 && names === typedNames && !defaultOrNamespace) typeOnly = true;
      out.push({ specifier: from.value, line: from.line, typeOnly });
      i = j + 1;
    } else if (t.value === 'require') {
      const open = tokens[i + 1];
      const arg = tokens[i + 2];
      if (open?.value === '(' && arg?.type === 'string')
        out.push({ specifier: arg.value, line: arg.line, typeOnly: false });
    }
  }
  return out;
}

function isReexport(tokens, i) {
  // export { a } from 'x' / export * from 'x' / export type { T } from 'x'
  const next = tokens[i + 1];
  return next?.type === 'punct' ? next.value === '{' || next.value === '*' : next?.value === 'type';
}

// Punctuators and keywords after which a `/` starts a regular expression rather than a division.
const REGEX_AFTER_PUNCT = new Set([
  '(',
  ',',
  '=',
  ':',
  '[',
  '!',
  '&',
  '|',
  '?',
  '{',
  '}',
  ';',
  '+',
  '-',
  '*',
  '%',
  '<',
  '>',
  '~',
  '^',
]);
const REGEX_AFTER_WORD = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
]);

/** Words, strings (with their line) and punctuators; comments, template texts and regular expressions skipped. */
function tokenize(text) {
  const tokens = [];
  let i = 0;
  let line = 1;
  const templateDepth = []; // brace depth at which each open `${` returns to its template
  let braces = 0;
  const n = text.length;
  const last = () => tokens[tokens.length - 1];
  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') i++;
    else if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      i += 2;
      while (i < n && !(text[i] === '*' && text[i + 1] === '/')) {
        if (text[i] === '\n') line++;
        i++;
      }
      i += 2;
    } else if (c === "'" || c === '"') {
      // Strings end at their quote, or at the end of the line (apostrophes in JSX text are not strings).
      const start = line;
      let value = '';
      i++;
      while (i < n && text[i] !== c && text[i] !== '\n') {
        if (text[i] === '\\') {
          value += text[i + 1];
          i += 2;
        } else value += text[i++];
      }
      if (text[i] === c) i++;
      tokens.push({ type: 'string', value, line: start });
    } else if (c === '`') {
      i = skipTemplate(i + 1);
    } else if (c === '/' && startsRegex(last())) {
      i++;
      let inClass = false;
      while (i < n && text[i] !== '\n') {
        if (text[i] === '\\') i += 2;
        else if (text[i] === '/' && !inClass) break;
        else {
          if (text[i] === '[') inClass = true;
          else if (text[i] === ']') inClass = false;
          i++;
        }
      }
      if (text[i] === '/') {
        i++;
        while (i < n && /[a-z]/i.test(text[i])) i++;
      }
      tokens.push({ type: 'regex', value: '', line });
    } else if (/[A-Za-z_$]/.test(c)) {
      let j = i + 1;
      while (j < n && /[\w$]/.test(text[j])) j++;
      tokens.push({ type: 'word', value: text.slice(i, j), line });
      i = j;
    } else if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < n && /[\w.]/.test(text[j])) j++;
      tokens.push({ type: 'number', value: text.slice(i, j), line });
      i = j;
    } else {
      if (c === '{') braces++;
      if (c === '}') {
        if (templateDepth.length && templateDepth[templateDepth.length - 1] === braces) {
          templateDepth.pop();
          i = skipTemplate(i + 1);
          continue;
        }
        braces--;
      }
      tokens.push({ type: 'punct', value: c, line });
      i++;
    }
  }
  return tokens;

  /** From just inside a template literal: to its end, or into a `${` (returns the index after it). */
  function skipTemplate(from) {
    let k = from;
    while (k < n) {
      const ch = text[k];
      if (ch === '\\') k += 2;
      else if (ch === '`') return k + 1;
      else if (ch === '$' && text[k + 1] === '{') {
        templateDepth.push(braces);
        tokens.push({ type: 'punct', value: '(', line }); // an expression follows
        return k + 2;
      } else {
        if (ch === '\n') line++;
        k++;
      }
    }
    return k;
  }
}

function startsRegex(prev) {
  if (!prev) return true;
  if (prev.type === 'punct') return REGEX_AFTER_PUNCT.has(prev.value);
  if (prev.type === 'word') return REGEX_AFTER_WORD.has(prev.value);
  return false;
}

/** Test code: `*.test.ts(x)` and a module's `test-support.ts` (factories for other tests). */
const isTestCode = (path) => /\.test\.tsx?$|(^|\/)test-support\.tsx?$/.test(path);

/** Where a path sits in the house (paths relative to the root, with `/`). */
export function zoneOf(path) {
  let m = /^src\/modules\/([^/]+)\/(.+)$/.exec(path);
  if (m) {
    return {
      zone: 'module',
      module: m[1],
      test: isTestCode(m[2]),
      index: /^index\.tsx?$/.test(m[2]),
      browser: /^browser\.tsx?$/.test(m[2]),
    };
  }
  if (/^src\/modules\/[^/]+$/.test(path)) return { zone: 'module-list' };
  if (path.startsWith('src/platform/')) return { zone: 'platform', test: isTestCode(path) };
  if (path === 'src/config.ts') return { zone: 'config' };
  if (path.startsWith('src/migrations/')) return { zone: 'migrations' };
  if (/^src\/[^/]+$/.test(path)) return { zone: 'app' };
  if (path.startsWith('client/')) return { zone: 'client' };
  if (path.startsWith('test/helpers/')) return { zone: 'test-helpers' };
  if (path.startsWith('test/')) return { zone: 'tests' };
  m = /^([^/]+)\//.exec(path);
  return { zone: m ? m[1] : 'root' };
}

/** The rule broken by importing `target` (a repo path) from `file`, or null. */
export function ruleBroken(file, target, typeOnly) {
  const from = zoneOf(file);
  const to = zoneOf(target);
  const publicSurface = to.zone === 'module' && to.index;
  switch (from.zone) {
    case 'module':
      if (to.zone === 'module' && to.module !== from.module && !publicSurface)
        return `un module n'importe un autre module que par son index.ts (src/modules/${to.module}/index.ts)`;
      // Tests may build the application (buildServer, the CLI, the module list); module code may not.
      if (!from.test && (to.zone === 'module-list' || to.zone === 'app'))
        return "un module n'importe pas l'application (server, cli, liste des modules) : passez par ses ports";
      if (!from.test && (to.zone === 'test-helpers' || to.zone === 'tests'))
        return "le code d'un module n'importe pas test/";
      return null;
    case 'platform':
      if (to.zone === 'module' || to.zone === 'module-list') return "la plateforme n'importe aucun module";
      if (to.zone === 'app' || to.zone === 'migrations') return "la plateforme n'importe pas l'application";
      if (to.zone === 'config' && !typeOnly)
        return 'la plateforme ne prend de src/config.ts que des types (import type { Config })';
      if (!from.test && (to.zone === 'test-helpers' || to.zone === 'tests')) return "la plateforme n'importe pas test/";
      return null;
    case 'client':
      if (to.zone === 'module' && !to.browser)
        return `un îlot n'importe d'un module que son browser.ts (src/modules/${to.module}/browser.ts)`;
      if (['module-list', 'app', 'config', 'migrations', 'test-helpers', 'tests'].includes(to.zone))
        return "un îlot n'importe que la plateforme et le browser.ts d'un module";
      return null;
    case 'test-helpers':
    case 'tests':
      if (to.zone === 'module' && !publicSurface && !to.browser)
        return `les tests hors d'un module n'en importent que l'index.ts (src/modules/${to.module}/index.ts)`;
      return null;
    case 'module-list':
    case 'app':
      if (to.zone === 'module' && !publicSurface)
        return `la liste des modules n'importe que leurs index.ts (src/modules/${to.module}/index.ts)`;
      return null;
    default:
      return null;
  }
}

function walk(root, dir, out) {
  let names;
  try {
    names = readdirSync(join(root, dir));
  } catch {
    return out;
  }
  for (const name of names) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const rel = dir ? `${dir}/${name}` : name;
    const abs = join(root, rel);
    if (statSync(abs).isDirectory()) walk(root, rel, out);
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** The repo path an import lands on, or null for a package. */
function resolveImport(root, file, specifier) {
  if (!specifier.startsWith('.') && !specifier.startsWith('/')) return null;
  const abs = resolve(root, dirname(file), specifier.split('?')[0]);
  const candidates = [abs, `${abs}.ts`, `${abs}.tsx`, join(abs, 'index.ts'), join(abs, 'index.tsx')];
  const found = candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? abs;
  return relative(root, found).split(sep).join('/');
}

/** Every violation under `root`: [{ file, line, target, rule }]. */
export function checkBoundaries(root = process.cwd()) {
  const violations = [];
  for (const top of ROOTS) {
    for (const file of walk(root, top, [])) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const imp of importsOf(text)) {
        const target = resolveImport(root, file, imp.specifier);
        if (!target || target.startsWith('..')) continue;
        const rule = ruleBroken(file, target, imp.typeOnly);
        if (rule) violations.push({ file, line: imp.line, target, rule });
      }
    }
  }
  return violations;
}

/** The command: prints `file:line → target (rule)` per violation; returns the exit code. */
export function main(args = process.argv.slice(2), log = console.log) {
  const at = args.indexOf('--root');
  const root = at >= 0 ? resolve(args[at + 1]) : process.cwd();
  const violations = checkBoundaries(root);
  for (const v of violations) log(`${v.file}:${v.line} → ${v.target} (${v.rule})`);
  if (violations.length) {
    const files = new Set(violations.map((v) => v.file)).size;
    log(
      `\n${violations.length} import(s) hors des règles dans ${files} fichier(s) — docs/CONVENTIONS.md, « The import rule ».`,
    );
    return 1;
  }
  log('Frontières des modules : aucune violation.');
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exit(main());
}
export const SCRIPT = fileURLToPath(import.meta.url);
