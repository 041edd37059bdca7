#!/usr/bin/env node
// Size limits of the house (docs/CONVENTIONS.md): no function over 300 lines and no file over 700 lines in src/ and
// client/, data catalogues excepted (listed below with the reason). Part of `npm run check`.
//
//   node scripts/check-sizes.mjs            fails (exit 1) on a breach, printing file:line and the size
//   node scripts/check-sizes.mjs --top 10   also prints the 10 largest functions and files
//
// Functions are found by a small scanner (no TypeScript API is available with the native compiler): a line that
// opens a function — `function name(`, `name(…) {` as a method, `const name = (…) => {`, `=> {` callbacks — starts a
// block, and the block ends at its matching brace. Strings, template literals and comments are skipped while
// matching braces.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const MAX_FUNCTION = 300;
const MAX_FILE = 700;
/** Data catalogues: lists of fields, reference codes and demo content, not logic. */
const DATA_CATALOGUES = new Map([
  ['src/modules/library/fields.ts', 'catalogue of the 53 use-case fields (labels, hints, access levels)'],
  ['src/modules/library/reference.ts', 'reference lists with stable codes and mappings'],
  ['src/modules/library/seed.ts', 'demo content written in French'],
]);

const ROOT = process.cwd();
const args = process.argv.slice(2);
const topIndex = args.indexOf('--top');
const top = topIndex >= 0 ? Number(args[topIndex + 1]) || 10 : 0;

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.(ts|tsx|mjs)$/.test(name)) out.push(path);
  }
  return out;
}

/** Replaces the contents of strings, template literals and comments by spaces (keeps line breaks). */
export function blankNonCode(text) {
  let out = '';
  let i = 0;
  const n = text.length;
  const templateDepth = [];
  while (i < n) {
    const c = text[i];
    const d = text[i + 1];
    if (c === '/' && d === '/') {
      while (i < n && text[i] !== '\n') {
        out += ' ';
        i++;
      }
    } else if (c === '/' && d === '*') {
      while (i < n && !(text[i] === '*' && text[i + 1] === '/')) {
        out += text[i] === '\n' ? '\n' : ' ';
        i++;
      }
      out += '  ';
      i += 2;
    } else if (c === "'" || c === '"') {
      out += ' ';
      i++;
      while (i < n && text[i] !== c && text[i] !== '\n') {
        if (text[i] === '\\') {
          out += ' ';
          i++;
        }
        out += ' ';
        i++;
      }
      out += ' ';
      i++;
    } else if (c === '`' || (c === '}' && templateDepth.length && templateDepth[templateDepth.length - 1] === 0)) {
      // Template literal (or its continuation after `${…}`): blank until the closing backtick or the next `${`.
      if (c === '}') templateDepth.pop();
      out += ' ';
      i++;
      while (i < n && text[i] !== '`') {
        if (text[i] === '\\') {
          out += ' ';
          i += 2;
          out += ' ';
          continue;
        }
        if (text[i] === '$' && text[i + 1] === '{') {
          templateDepth.push(0);
          out += '  ';
          i += 2;
          break;
        }
        out += text[i] === '\n' ? '\n' : ' ';
        i++;
      }
      if (text[i] === '`') {
        out += ' ';
        i++;
      }
    } else {
      if (templateDepth.length) {
        if (c === '{') templateDepth[templateDepth.length - 1]++;
        else if (c === '}') templateDepth[templateDepth.length - 1]--;
      }
      out += c;
      i++;
    }
  }
  return out;
}

const FUNCTION_START = [
  /\bfunction\b[\s*]*([A-Za-z_$][\w$]*)?\s*(<[^>]*>)?\s*\(/, // function declarations and expressions
  /^\s*(?:(?:public|private|protected|static|async|get|set)\s+)*\*?\s*([A-Za-z_$][\w$]*)\s*(<[^>]*>)?\s*\([^;]*$/, // methods
  /=>\s*\{?\s*$/, // arrow functions whose body opens on this line
  /=>\s*\{/,
];

/** Every function-like block of a file: start line (1-based), name, length in lines. */
export function functionBlocks(source) {
  const code = blankNonCode(source);
  const lines = code.split('\n');
  // Offsets of line starts, to go from a character to its line.
  const starts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') starts.push(i + 1);
  const lineOf = (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  // Matching braces once for the whole file.
  const match = new Map();
  const stack = [];
  for (let i = 0; i < code.length; i++) {
    if (code[i] === '{') stack.push(i);
    else if (code[i] === '}') {
      const open = stack.pop();
      if (open !== undefined) match.set(open, i);
    }
  }
  const blocks = [];
  const seen = new Set();
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l];
    if (!FUNCTION_START.some((re) => re.test(line))) continue;
    if (/^\s*(if|for|while|switch|catch|return|else)\b/.test(line) && !/=>|function/.test(line)) continue;
    // The function's body: the first `{` from this line on that follows the parameter list (within 12 lines).
    let from = starts[l];
    const limit = starts[Math.min(l + 12, starts.length - 1)];
    let body = -1;
    let depth = 0;
    for (let i = from; i < limit; i++) {
      const c = code[i];
      if (c === '(') depth++;
      else if (c === ')') depth--;
      else if (c === '{' && depth <= 0) {
        body = i;
        break;
      } else if (c === ';' && depth <= 0) break;
    }
    if (body < 0 || seen.has(body) || !match.has(body)) continue;
    seen.add(body);
    const end = lineOf(match.get(body));
    const name =
      (/function\s*\*?\s*([A-Za-z_$][\w$]*)/.exec(source.split('\n')[l]) ||
        /(?:const|let|var)\s+([A-Za-z_$][\w$]*)/.exec(source.split('\n')[l]) ||
        /([A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\s*\(/.exec(source.split('\n')[l]) ||
        [])[1] ?? '(anonyme)';
    blocks.push({ line: l + 1, name, lines: end - l + 1 });
    from = body;
  }
  return blocks;
}

function main() {
  const files = [...walk(join(ROOT, 'src'), []), ...walk(join(ROOT, 'client'), [])];
  const problems = [];
  const allFunctions = [];
  const allFiles = [];
  for (const path of files) {
    const rel = relative(ROOT, path).split('\\').join('/');
    const text = readFileSync(path, 'utf8');
    const count = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    allFiles.push({ rel, count });
    if (count > MAX_FILE && !DATA_CATALOGUES.has(rel)) {
      problems.push(`${rel} : ${count} lignes (au plus ${MAX_FILE} par fichier)`);
    }
    for (const b of functionBlocks(text)) {
      allFunctions.push({ rel, ...b });
      if (b.lines > MAX_FUNCTION) {
        problems.push(`${rel}:${b.line} ${b.name} : ${b.lines} lignes (au plus ${MAX_FUNCTION} par fonction)`);
      }
    }
  }
  if (top) {
    console.log(`Plus longues fonctions :`);
    for (const f of allFunctions.sort((a, b) => b.lines - a.lines).slice(0, top)) {
      console.log(`  ${String(f.lines).padStart(4)}  ${f.rel}:${f.line} ${f.name}`);
    }
    console.log(`Plus longs fichiers :`);
    for (const f of allFiles.sort((a, b) => b.count - a.count).slice(0, top)) {
      const note = DATA_CATALOGUES.get(f.rel);
      console.log(`  ${String(f.count).padStart(4)}  ${f.rel}${note ? ` (catalogue de données : ${note})` : ''}`);
    }
  }
  if (problems.length) {
    console.error(problems.join('\n'));
    console.error(`\n${problems.length} dépassement(s) — docs/CONVENTIONS.md, « Services ».`);
    process.exit(1);
  }
  console.log(
    `Tailles : ${files.length} fichiers, aucune fonction au-delà de ${MAX_FUNCTION} lignes, aucun fichier au-delà de ${MAX_FILE} (hors catalogues de données).`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) main();
