/**
 * SurveyJS interchange: import a SurveyJS JSON survey into our format (with a French report of everything that could
 * not be mapped) and export ours as SurveyJS JSON (conditions rendered as SurveyJS expressions).
 *
 * Import rules:
 * - pages and their elements; panels are flattened (their title and description become an information block, their
 *   condition is added to each element inside); SurveyJS `name` is kept as our stable id, and slugified only when it
 *   is not a valid id (the change is reported);
 * - text (inputType email, number, date, month, url), comment, checkbox, tagbox, radiogroup, dropdown, boolean,
 *   rating, matrix, ranking, file and html are mapped; expression and the other types are reported and left out;
 * - per-language texts `{ "default": …, "fr": … }` prefer French;
 * - `visibleIf` expressions are parsed into our condition tree (`=`, `<>`, `contains`, `empty`, `notempty`, `>`, `<`,
 *   `>=`, `<=`, `anyof`, `allof`, `and`, `or`, `!`, parentheses); an expression we cannot express exactly is dropped
 *   and reported (the element then always shows).
 *
 * Export: one SurveyJS page per page, `clearInvisibleValues: "onHidden"` so that hidden answers are forgotten as they
 * are here. Our extra question properties (`restricted`, `libraryField`, `organisationPicker`) are written as
 * SurveyJS custom properties unless `customProperties: false`; register them with `SURVEYJS_CUSTOM_PROPERTIES`.
 */
import {
  type Choice,
  CODE_PATTERN,
  type Comparison,
  type Condition,
  type ConditionValue,
  codify,
  type Element,
  type Form,
  ID_PATTERN,
  type InfoBlock,
  type Issue,
  isComparison,
  OPS_BY_TYPE,
  OTHER_CODE,
  type Page,
  QUESTION_TYPE_LABELS,
  type Question,
  slugify,
  validateForm,
} from '../model.ts';

export interface ReportEntry {
  /** Where in the source (SurveyJS JSON path on import, our JSON path on export). */
  path: string;
  message: string;
}

type Json = Record<string, any>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** SurveyJS custom properties used by our export, to register with `Serializer.addProperty(className, prop)`. */
export const SURVEYJS_CUSTOM_PROPERTIES: readonly { className: string; property: { name: string; type?: string } }[] = [
  { className: 'question', property: { name: 'restricted', type: 'boolean' } },
  { className: 'question', property: { name: 'libraryField' } },
  { className: 'text', property: { name: 'organisationPicker', type: 'boolean' } },
];

// ---------------------------------------------------------------------------------------------------------------
// SurveyJS expressions: tokenizer and parser
// ---------------------------------------------------------------------------------------------------------------

export class ExpressionError extends Error {}

type Token =
  | { t: 'var'; v: string }
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'word'; v: string }
  | { t: 'sym'; v: string };

const SYMBOLS = [
  '<=',
  '>=',
  '==',
  '!=',
  '<>',
  '*=',
  '&&',
  '||',
  '=',
  '<',
  '>',
  '!',
  '(',
  ')',
  '[',
  ']',
  ',',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const prevIsValue = () => {
    const p = out[out.length - 1];
    return !!p && (p.t === 'var' || p.t === 'str' || p.t === 'num' || (p.t === 'sym' && (p.v === ')' || p.v === ']')));
  };
  while (i < src.length) {
    const ch = src[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '{') {
      const end = src.indexOf('}', i + 1);
      if (end < 0) throw new ExpressionError('accolade « { » non fermée');
      out.push({ t: 'var', v: src.slice(i + 1, end).trim() });
      i = end + 1;
      continue;
    }
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== ch) {
        if (src[j] === '\\' && (src[j + 1] === "'" || src[j + 1] === '"')) {
          s += src[j + 1];
          j += 2;
        } else s += src[j++];
      }
      if (j >= src.length) throw new ExpressionError('texte entre guillemets non fermé');
      out.push({ t: 'str', v: s });
      i = j + 1;
      continue;
    }
    const num = /^(0x[0-9a-fA-F]+|\d+(?:\.\d+)?|\.\d+)/.exec(src.slice(i));
    if (num) {
      out.push({ t: 'num', v: Number(num[1]) });
      i += num[1].length;
      continue;
    }
    if (ch === '-' && !prevIsValue() && /^-\s*(\d|\.\d)/.test(src.slice(i))) {
      const m = /^-\s*(\d+(?:\.\d+)?|\.\d+)/.exec(src.slice(i))!;
      out.push({ t: 'num', v: -Number(m[1]) });
      i += m[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (word) {
      out.push({ t: 'word', v: word[0] });
      i += word[0].length;
      continue;
    }
    const sym = SYMBOLS.find((s) => src.startsWith(s, i));
    if (sym) {
      out.push({ t: 'sym', v: sym });
      i += sym.length;
      continue;
    }
    throw new ExpressionError(`caractère inattendu « ${ch} »`);
  }
  return out;
}

export type Operand =
  | { t: 'var'; name: string }
  | { t: 'lit'; v: string | number | boolean | null }
  | { t: 'arr'; items: Operand[] }
  | { t: 'group'; e: Expr };
export type Expr =
  | { t: 'and' | 'or'; items: Expr[] }
  | { t: 'not'; e: Expr }
  | { t: 'cmp'; op: string; left: Operand; right?: Operand };

const BINARY_OPS: Record<string, string> = {
  '=': 'equal',
  '==': 'equal',
  equal: 'equal',
  '!=': 'notequal',
  '<>': 'notequal',
  notequal: 'notequal',
  '>': 'greater',
  greater: 'greater',
  '<': 'less',
  less: 'less',
  '>=': 'greaterorequal',
  greaterorequal: 'greaterorequal',
  '<=': 'lessorequal',
  lessorequal: 'lessorequal',
  contains: 'contains',
  contain: 'contains',
  '*=': 'contains',
  notcontains: 'notcontains',
  notcontain: 'notcontains',
  anyof: 'anyof',
  allof: 'allof',
  noneof: 'noneof',
};
const ARITHMETIC = ['+', '-', '*', '/', '%', '^', 'power'];

/** Parses a SurveyJS boolean expression. Throws ExpressionError (French reason) on syntax we do not read. */
export function parseExpression(src: string): Expr {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = () => tokens[pos];
  const isKw = (tok: Token | undefined, ...words: string[]) =>
    !!tok && ((tok.t === 'word' && words.includes(tok.v.toLowerCase())) || (tok.t === 'sym' && words.includes(tok.v)));
  const binaryOp = (tok: Token | undefined): string | undefined => {
    if (!tok) return undefined;
    if (tok.t === 'sym' || tok.t === 'word') return BINARY_OPS[tok.t === 'word' ? tok.v.toLowerCase() : tok.v];
    return undefined;
  };

  function parseOr(): Expr {
    const items = [parseAnd()];
    while (isKw(peek(), 'or', '||')) {
      pos++;
      items.push(parseAnd());
    }
    return items.length === 1 ? items[0] : { t: 'or', items };
  }
  function parseAnd(): Expr {
    const items = [parseUnary()];
    while (isKw(peek(), 'and', '&&')) {
      pos++;
      items.push(parseUnary());
    }
    return items.length === 1 ? items[0] : { t: 'and', items };
  }
  function parseUnary(): Expr {
    if (isKw(peek(), '!', 'negate')) {
      pos++;
      return { t: 'not', e: parseUnary() };
    }
    return parseComparison();
  }
  function parseComparison(): Expr {
    const left = parseOperand();
    const tok = peek();
    if (isKw(tok, 'empty', 'notempty')) {
      pos++;
      return { t: 'cmp', op: (tok as { v: string }).v.toLowerCase(), left };
    }
    const op = binaryOp(tok);
    if (op) {
      pos++;
      const right = parseOperand();
      return { t: 'cmp', op, left, right };
    }
    if (tok && (tok.t === 'sym' || tok.t === 'word') && ARITHMETIC.includes(tok.v.toLowerCase())) {
      throw new ExpressionError('les calculs ne sont pas pris en charge');
    }
    if (left.t === 'group') return left.e;
    if (left.t === 'var') return { t: 'cmp', op: 'truthy', left };
    throw new ExpressionError('une valeur seule ne forme pas une condition');
  }
  function parseOperand(): Operand {
    const tok = tokens[pos++];
    if (!tok) throw new ExpressionError('expression incomplète');
    if (tok.t === 'var') return { t: 'var', name: tok.v };
    if (tok.t === 'str') return { t: 'lit', v: tok.v };
    if (tok.t === 'num') return { t: 'lit', v: tok.v };
    if (tok.t === 'sym' && tok.v === '(') {
      const e = parseOr();
      if (!isKw(peek(), ')')) throw new ExpressionError('parenthèse non fermée');
      pos++;
      return { t: 'group', e };
    }
    if (tok.t === 'sym' && tok.v === '[') {
      const items: Operand[] = [];
      while (!isKw(peek(), ']')) {
        items.push(parseOperand());
        if (isKw(peek(), ',')) pos++;
        else if (!isKw(peek(), ']')) throw new ExpressionError('liste entre crochets mal formée');
      }
      pos++;
      return { t: 'arr', items };
    }
    if (tok.t === 'word') {
      const w = tok.v.toLowerCase();
      if (w === 'true' || w === 'false') return { t: 'lit', v: w === 'true' };
      if (w === 'null' || w === 'undefined') return { t: 'lit', v: null };
      if (isKw(peek(), '(')) throw new ExpressionError(`la fonction « ${tok.v}() » n'est pas prise en charge`);
    }
    throw new ExpressionError(`« ${'v' in tok ? tok.v : ''} » inattendu`);
  }

  if (tokens.length === 0) throw new ExpressionError('expression vide');
  const expr = parseOr();
  if (pos < tokens.length) {
    const tok = tokens[pos];
    if ((tok.t === 'sym' || tok.t === 'word') && ARITHMETIC.includes(tok.v.toLowerCase())) {
      throw new ExpressionError('les calculs ne sont pas pris en charge');
    }
    throw new ExpressionError(`« ${String(tok.v)} » inattendu`);
  }
  return expr;
}

// ---------------------------------------------------------------------------------------------------------------
// Expressions → our conditions
// ---------------------------------------------------------------------------------------------------------------

/** What a condition may refer to: an earlier, already converted question. */
interface KnownQuestion {
  question: Question;
  /** SurveyJS choice value (as text) → our code. */
  values: Map<string, string>;
  /** SurveyJS values of a boolean question, when customised. */
  valueTrue?: unknown;
  valueFalse?: unknown;
}

interface ConversionContext {
  lookup(name: string): KnownQuestion | undefined;
  /** True when the name exists somewhere in the survey (to tell « later » from « unknown »). */
  exists(name: string): boolean;
}

function flip(op: string): string {
  return { greater: 'less', less: 'greater', greaterorequal: 'lessorequal', lessorequal: 'greaterorequal' }[op] ?? op;
}

function negate(c: Condition): Condition {
  if ('all' in c) return { any: c.all.map(negate) };
  if ('any' in c) return { all: c.any.map(negate) };
  const swap: Partial<Record<Comparison['op'], Comparison['op']>> = {
    equals: 'differs',
    differs: 'equals',
    answered: 'not_answered',
    not_answered: 'answered',
  };
  const op = swap[c.op];
  if (!op) throw new ExpressionError(`la négation de « ${c.op} » ne peut pas être exprimée`);
  return { ...c, op };
}

function resolve(operand: Operand, ctx: ConversionContext): KnownQuestion {
  if (operand.t !== 'var') throw new ExpressionError('la comparaison doit porter sur une question {nom}');
  const known = ctx.lookup(operand.name);
  if (known) return known;
  if (/[.[]/.test(operand.name)) {
    throw new ExpressionError(
      `« {${operand.name}} » désigne une partie de réponse (ligne, cellule), non prise en charge`,
    );
  }
  if (ctx.exists(operand.name)) throw new ExpressionError(`« {${operand.name}} » n'est pas une question placée avant`);
  throw new ExpressionError(`« {${operand.name}} » n'est pas une question connue`);
}

function literal(operand: Operand | undefined): string | number | boolean | null {
  if (operand?.t !== 'lit') throw new ExpressionError('la comparaison doit se faire avec une valeur');
  return operand.v;
}

function coerce(known: KnownQuestion, raw: string | number | boolean | null): ConditionValue {
  const q = known.question;
  if (raw === null) throw new ExpressionError('comparaison avec une valeur vide');
  switch (q.type) {
    case 'single_choice':
    case 'dropdown':
    case 'multiple_choice': {
      const key = String(raw);
      const code =
        known.values.get(key) ??
        [...known.values].find(([k]) => k.trim().toLowerCase() === key.trim().toLowerCase())?.[1] ??
        (q.allowOther && key === OTHER_CODE ? OTHER_CODE : undefined);
      if (code === undefined) throw new ExpressionError(`« ${key} » n'est pas un choix de la question « ${q.id} »`);
      return code;
    }
    case 'yes_no': {
      if (raw === true || raw === known.valueTrue || String(raw).toLowerCase() === 'true') return true;
      if (raw === false || raw === known.valueFalse || String(raw).toLowerCase() === 'false') return false;
      throw new ExpressionError(`« ${String(raw)} » n'est pas une valeur de la question oui/non « ${q.id} »`);
    }
    case 'number':
    case 'scale': {
      const n = typeof raw === 'number' ? raw : Number(raw);
      if (typeof raw === 'boolean' || !Number.isFinite(n) || String(raw).trim() === '') {
        throw new ExpressionError(`« ${String(raw)} » n'est pas un nombre`);
      }
      return n;
    }
    case 'date':
      if (typeof raw !== 'string' || !/^\d{4}-\d{2}(-\d{2})?$/.test(raw)) {
        throw new ExpressionError(`« ${String(raw)} » n'est pas une date AAAA-MM-JJ`);
      }
      return raw;
    default:
      return String(raw);
  }
}

function single<T extends Condition>(items: T[], group: 'all' | 'any'): Condition {
  if (items.length === 1) return items[0];
  return group === 'all' ? { all: items } : { any: items };
}

/** Converts a parsed SurveyJS expression into our condition tree, or throws ExpressionError. */
export function expressionToCondition(expr: Expr, ctx: ConversionContext): Condition {
  const condition = convert(expr, ctx);
  checkOps(condition, ctx);
  return condition;
}

function checkOps(c: Condition, ctx: ConversionContext) {
  if ('all' in c || 'any' in c) {
    for (const x of 'all' in c ? c.all : c.any) checkOps(x, ctx);
    return;
  }
  const q = ctx.lookup(c.question)?.question;
  if (q && !OPS_BY_TYPE[q.type].includes(c.op)) {
    throw new ExpressionError(
      `l'opérateur « ${c.op} » ne s'applique pas à la question « ${q.id} » (${QUESTION_TYPE_LABELS[q.type].toLowerCase()})`,
    );
  }
}

function convert(expr: Expr, ctx: ConversionContext): Condition {
  if (expr.t === 'and' || expr.t === 'or') {
    const items = expr.items.map((e) => convert(e, ctx));
    return expr.t === 'and' ? { all: items } : { any: items };
  }
  if (expr.t === 'not') return negate(convert(expr.e, ctx));
  if (expr.t !== 'cmp') throw new ExpressionError('expression inattendue');
  let { op, left, right } = expr;
  if (left.t === 'group' || right?.t === 'group')
    throw new ExpressionError('comparaison de sous-expressions non prise en charge');
  if (left.t !== 'var' && right?.t === 'var') {
    if (!['equal', 'notequal', 'greater', 'less', 'greaterorequal', 'lessorequal'].includes(op)) {
      throw new ExpressionError(`« ${op} » avec la question à droite n'est pas pris en charge`);
    }
    [left, right] = [right, left];
    op = flip(op);
  }
  const known = resolve(left, ctx);
  const q = known.question;
  const id = q.id;
  switch (op) {
    case 'empty':
      return { question: id, op: 'not_answered' };
    case 'notempty':
      return { question: id, op: 'answered' };
    case 'truthy':
      if (q.type === 'yes_no') return { question: id, op: 'equals', value: true };
      throw new ExpressionError(
        `« {${(left as { name: string }).name}} » seul n'est une condition que pour une question oui/non`,
      );
    case 'equal':
    case 'notequal': {
      const raw = literal(right);
      if (raw === null || raw === '') return { question: id, op: op === 'equal' ? 'not_answered' : 'answered' };
      if (q.type === 'multiple_choice' || q.type === 'ranking' || q.type === 'matrix' || q.type === 'file') {
        throw new ExpressionError(`« = » sur la question à réponses multiples « ${id} » n'est pas pris en charge`);
      }
      return { question: id, op: op === 'equal' ? 'equals' : 'differs', value: coerce(known, raw) };
    }
    case 'greater':
    case 'less':
      return { question: id, op, value: coerce(known, literal(right)) };
    case 'greaterorequal':
    case 'lessorequal': {
      const value = coerce(known, literal(right));
      return {
        any: [
          { question: id, op: op === 'greaterorequal' ? 'greater' : 'less', value },
          { question: id, op: 'equals', value },
        ],
      };
    }
    case 'contains': {
      const raw = literal(right);
      if (q.type === 'multiple_choice') return { question: id, op: 'contains', value: coerce(known, raw) };
      if (['short_text', 'long_text', 'email', 'url'].includes(q.type) && raw !== null) {
        return { question: id, op: 'contains', value: String(raw) };
      }
      throw new ExpressionError(`« contains » sur la question « ${id} » n'est pas pris en charge`);
    }
    case 'anyof':
    case 'allof':
    case 'noneof': {
      const list = right?.t === 'arr' ? right.items.map((i) => literal(i)) : [literal(right)];
      if (list.length === 0) throw new ExpressionError(`« ${op} » avec une liste vide`);
      const values = list.map((v) => coerce(known, v));
      if (q.type === 'multiple_choice' && op !== 'noneof') {
        return single(
          values.map((value) => ({ question: id, op: 'contains' as const, value })),
          op === 'anyof' ? 'any' : 'all',
        );
      }
      if ((q.type === 'single_choice' || q.type === 'dropdown') && op !== 'allof') {
        return op === 'anyof'
          ? single(
              values.map((value) => ({ question: id, op: 'equals' as const, value })),
              'any',
            )
          : single(
              values.map((value) => ({ question: id, op: 'differs' as const, value })),
              'all',
            );
      }
      throw new ExpressionError(`« ${op} » sur la question « ${id} » n'est pas pris en charge`);
    }
    default:
      throw new ExpressionError(`l'opérateur « ${op} » n'est pas pris en charge`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Our conditions → SurveyJS expressions
// ---------------------------------------------------------------------------------------------------------------

/** A SurveyJS string literal. SurveyJS reads `\'` and `\"` as quotes and every other backslash literally. */
function quote(s: string): string {
  return `'${s.replace(/'/g, "\\'").replace(/"/g, '\\"')}'`;
}

function valueLiteral(v: ConditionValue | undefined): string {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return quote(String(v ?? ''));
}

const EXPRESSION_OPS: Record<Comparison['op'], string> = {
  equals: '=',
  differs: '<>',
  contains: 'contains',
  greater: '>',
  less: '<',
  answered: 'notempty',
  not_answered: 'empty',
};

/** Renders a condition tree as a SurveyJS expression. */
export function conditionToExpression(c: Condition, nested = false): string {
  if (isComparison(c)) {
    const op = EXPRESSION_OPS[c.op];
    if (c.op === 'answered' || c.op === 'not_answered') return `{${c.question}} ${op}`;
    return `{${c.question}} ${op} ${valueLiteral(c.value)}`;
  }
  const items = 'all' in c ? c.all : c.any;
  if (items.length === 1) return conditionToExpression(items[0], nested);
  const joined = items.map((i) => conditionToExpression(i, true)).join('all' in c ? ' and ' : ' or ');
  return nested ? `(${joined})` : joined;
}

// ---------------------------------------------------------------------------------------------------------------
// Texts, HTML, files
// ---------------------------------------------------------------------------------------------------------------

/** A SurveyJS localisable text: a string or `{ default, fr, en… }`; French first. */
function text(v: unknown, path: string, report: ReportEntry[]): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (!isObject(v)) return undefined;
  if (typeof v.fr === 'string') return v.fr;
  if (typeof v.default === 'string') return v.default;
  const entry = Object.entries(v).find(([, s]) => typeof s === 'string');
  if (entry) {
    report.push({ path, message: `Texte disponible seulement en « ${entry[0]} » : repris tel quel, à traduire.` });
    return entry[1] as string;
  }
  return undefined;
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  eacute: 'é',
  egrave: 'è',
  ecirc: 'ê',
  agrave: 'à',
  acirc: 'â',
  ccedil: 'ç',
  ocirc: 'ô',
  ucirc: 'û',
  ugrave: 'ù',
  icirc: 'î',
  iuml: 'ï',
  euml: 'ë',
  oelig: 'œ',
  laquo: '«',
  raquo: '»',
  rsquo: '’',
  hellip: '…',
  ndash: '–',
  mdash: '—',
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** HTML → optional heading + plain paragraphs; `lost` is true when formatting other than paragraphs was dropped. */
export function htmlToParagraphs(html: string): { title?: string; paragraphs: string[]; lost: boolean } {
  let title: string | undefined;
  let body = html.trim();
  const heading = /^<h[1-6][^>]*>([\s\S]*?)<\/h[1-6]>/i.exec(body);
  if (heading) {
    title = clean(heading[1]);
    body = body.slice(heading[0].length);
  }
  const lost = /<(?!\/?(p|br|div|h[1-6])\b)[a-z]/i.test(body);
  const paragraphs = body
    .replace(/<br\s*\/?>/gi, '\n')
    .split(/<\/?(?:p|div|h[1-6]|ul|ol|li|table|tr)\b[^>]*>|\n\s*\n/i)
    .map(clean)
    .filter((p) => p !== '');
  return { title: title || undefined, paragraphs, lost };

  function clean(s: string): string {
    return decodeEntities(s.replace(/<[^>]*>/g, ''))
      .replace(/[ \t\u00a0]+/g, ' ')
      .replace(/ *\n */g, '\n')
      .trim();
  }
}

function infoToHtml(info: InfoBlock): string {
  const parts: string[] = [];
  if (info.title) parts.push(`<h3>${escapeHtml(info.title)}</h3>`);
  for (const p of info.paragraphs) parts.push(`<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
  return parts.join('');
}

const EXTENSION_MIME: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  webp: 'image/webp',
  csv: 'text/csv',
  txt: 'text/plain',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
  json: 'application/json',
};
/** Accepted files when a SurveyJS file question does not say: office documents, PDF and images. */
const DEFAULT_ACCEPT = [
  'application/pdf',
  'image/*',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/csv',
];
const DEFAULT_MAX_SIZE = 10 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------------------------

/** Layout-only SurveyJS properties: dropped without a word. */
const PRESENTATION = new Set([
  'startWithNewLine',
  'width',
  'minWidth',
  'maxWidth',
  'indent',
  'innerIndent',
  'titleLocation',
  'descriptionLocation',
  'hideNumber',
  'colCount',
  'placeholder',
  'placeHolder',
  'autocomplete',
  'size',
  'rows',
  'autoGrow',
  'allowResize',
  'acceptCarriageReturn',
  'separateSpecialChoices',
  'errorLocation',
  'inputSize',
  'textUpdateMode',
  'renderAs',
  'displayMode',
  'rateType',
  'rateDisplayMode',
  'scaleColorMode',
  'rateColorMode',
  'displayRateDescriptionsAsExtremeItems',
  'autoGenerate',
  'itemComponent',
  'showTitle',
  'state',
  'questionTitleLocation',
  'questionErrorLocation',
  'showNumber',
  'questionStartIndex',
  'navigationTitle',
  'navigationDescription',
  'requiredErrorText',
  'otherPlaceholder',
  'otherPlaceHolder',
  'otherErrorText',
  'storeOthersAsComment',
  'choicesOrder',
  'step',
  'storeDataAsText',
  'waitForUpload',
  'needConfirmRemoveFile',
  'showPreview',
  'imageHeight',
  'imageWidth',
  'alternateRows',
  'columnMinWidth',
  'rowTitleWidth',
  'hideIfChoicesEmpty',
  'hideIfRowsEmpty',
  'searchEnabled',
  'allowClear',
  'swapOrder',
  'longTap',
  'maxLength',
  'dataList',
  'inputMask',
  'commentPlaceholder',
  'commentPlaceHolder',
  'titleTagName',
  'useDisplayValuesInDynamicTexts',
]);

const ROOT_SILENT = new Set([
  'title',
  'description',
  'pages',
  'elements',
  'questions',
  'locale',
  'clearInvisibleValues',
  'showQuestionNumbers',
  'showProgressBar',
  'progressBarType',
  'progressBarShowPageNumbers',
  'progressBarShowPageTitles',
  'questionsOnPageMode',
  'showTitle',
  'showPageTitles',
  'showPageNumbers',
  'logo',
  'logoPosition',
  'logoWidth',
  'logoHeight',
  'logoFit',
  'widthMode',
  'width',
  'completeText',
  'pageNextText',
  'pagePrevText',
  'startSurveyText',
  'showNavigationButtons',
  'navigationButtonsLocation',
  'showPrevButton',
  'goNextPageAutomatic',
  'autoAdvanceEnabled',
  'checkErrorsMode',
  'textUpdateMode',
  'questionErrorLocation',
  'questionTitleLocation',
  'questionDescriptionLocation',
  'questionTitlePattern',
  'requiredText',
  'showCompletedPage',
  'completedHtml',
  'completedBeforeHtml',
  'loadingHtml',
  'headerView',
  'focusFirstQuestionAutomatic',
  'autoFocusFirstQuestion',
  'showTOC',
  'tocLocation',
  'firstPageIsStarted',
  'showPreviewBeforeComplete',
  'previewText',
  'editText',
  'maxTextLength',
  'maxOthersLength',
  'storeOthersAsComment',
  'autoGrowComment',
  'allowResizeComment',
  'showBrandInfo',
  'questionStartIndex',
  '$schema',
  'mode',
  'sendResultOnPageNext',
  'showTimerPanel',
  'showTimer',
  'cookieName',
  'surveyId',
  'surveyPostId',
]);

const SKIPPED_TYPES: Record<string, string> = {
  expression: 'les valeurs calculées (type « expression ») ne sont pas prises en charge',
  matrixdropdown: 'les tableaux à listes (type « matrixdropdown ») ne sont pas pris en charge',
  matrixdynamic: 'les tableaux dynamiques (type « matrixdynamic ») ne sont pas pris en charge',
  paneldynamic: 'les groupes répétables (type « paneldynamic ») ne sont pas pris en charge',
  multipletext:
    'les textes multiples (type « multipletext ») ne sont pas pris en charge : créez une question par champ',
  imagepicker: 'le choix d’images (type « imagepicker ») n’est pas pris en charge',
  image: 'les images (type « image ») ne sont pas prises en charge',
  signaturepad: 'les signatures (type « signaturepad ») ne sont pas prises en charge',
  slider: 'les curseurs (type « slider ») ne sont pas pris en charge',
};

export interface SurveyJsImport {
  /** Present when the import produced a valid questionnaire. */
  questionnaire?: Form;
  /** Everything that could not be mapped exactly, in French. */
  report: ReportEntry[];
  /** Structural problems that prevent the import (French, path-located). Empty on success. */
  issues: Issue[];
}

interface Pending {
  /** Source path in the SurveyJS JSON. */
  path: string;
  name: string;
  expressions: string[];
}

/** Imports a SurveyJS survey (parsed JSON). */
export function fromSurveyJs(input: unknown): SurveyJsImport {
  const report: ReportEntry[] = [];
  const note = (path: string, message: string) => report.push({ path, message });
  if (!isObject(input)) {
    return { report, issues: [{ path: '', message: 'Le fichier SurveyJS doit contenir un objet JSON.' }] };
  }
  for (const key of Object.keys(input)) {
    if (!ROOT_SILENT.has(key)) {
      const why =
        key === 'triggers'
          ? 'les déclencheurs (triggers) ne sont pas pris en charge'
          : key === 'calculatedValues'
            ? 'les valeurs calculées ne sont pas prises en charge'
            : 'réglage non repris';
      note(key, `« ${key} » : ${why}.`);
    }
  }

  // Source pages: `pages`, or a single page from root `elements`/`questions`.
  let sourcePages: Json[];
  let pagesPath: (i: number) => string;
  if (Array.isArray(input.pages) && input.pages.length) {
    sourcePages = input.pages.filter(isObject);
    pagesPath = (i) => `pages[${i}]`;
  } else if (Array.isArray(input.elements) || Array.isArray(input.questions)) {
    sourcePages = [{ name: 'page1', elements: input.elements ?? input.questions }];
    pagesPath = () => '';
  } else {
    return { report, issues: [{ path: 'pages', message: 'Le questionnaire SurveyJS ne contient aucune page.' }] };
  }

  // Reserve every valid element name first, so that a slugified name never takes an existing one.
  const reserved = new Set<string>();
  const allNames = new Set<string>();
  const collect = (elements: unknown) => {
    if (!Array.isArray(elements)) return;
    for (const el of elements) {
      if (!isObject(el)) continue;
      if (typeof el.name === 'string') {
        allNames.add(el.name.toLowerCase());
        if (ID_PATTERN.test(el.name) && el.name.length <= 60) reserved.add(el.name);
      }
      collect(el.elements ?? el.questions);
    }
  };
  for (const p of sourcePages) collect(p.elements ?? p.questions);
  const used = new Set<string>();
  const takeId = (wanted: unknown, fallbackText: string | undefined, path: string, what: string): string => {
    const name = typeof wanted === 'string' ? wanted : '';
    if (name && ID_PATTERN.test(name) && name.length <= 60 && !used.has(name)) {
      used.add(name);
      return name;
    }
    let base = slugify(name || fallbackText || what, what === 'page' ? 'page' : 'question');
    let id = base;
    for (let n = 2; used.has(id) || (reserved.has(id) && id !== name); n++) {
      id = `${base.slice(0, 55)}_${n}`;
      if (n > 10_000) base = `${base}_x`;
    }
    used.add(id);
    if (!name) note(path, `${capitalise(what)} sans nom : identifiant « ${id} » attribué.`);
    else if (name !== id)
      note(
        path,
        `Identifiant « ${name} » ${used.has(name) && ID_PATTERN.test(name) ? 'en double' : 'invalide'} : devenu « ${id} ».`,
      );
    return id;
  };

  /** Original SurveyJS name → our question, for conditions; in order of appearance. */
  const known = new Map<string, KnownQuestion>();
  const ctx: ConversionContext = {
    lookup(name) {
      return known.get(name) ?? [...known].find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
    },
    exists(name) {
      return allNames.has(name.toLowerCase());
    },
  };

  const pages: Page[] = [];
  const pageIds = new Set<string>();
  sourcePages.forEach((sp, pi) => {
    const pp = pagesPath(pi);
    for (const key of Object.keys(sp)) {
      if (
        !['name', 'title', 'description', 'elements', 'questions', 'visibleIf', 'visible', ...PRESENTATION].includes(
          key,
        )
      ) {
        note(join(pp, key), `Propriété de page « ${key} » non reprise.`);
      }
    }
    if (sp.visible === false && !(typeof sp.visibleIf === 'string' && sp.visibleIf.trim())) {
      note(pp || 'pages[0]', 'Page masquée (visible: false) : non reprise.');
      return;
    }
    const title = text(sp.title, join(pp, 'title'), report);
    let pageId =
      typeof sp.name === 'string' && ID_PATTERN.test(sp.name)
        ? sp.name
        : slugify(sp.name ?? title ?? `page_${pi + 1}`, 'page');
    if (typeof sp.name === 'string' && sp.name !== pageId)
      note(join(pp, 'name'), `Nom de page « ${sp.name} » invalide : devenu « ${pageId} ».`);
    for (let n = 2; pageIds.has(pageId); n++) pageId = `${pageId}_${n}`;
    pageIds.add(pageId);
    const inherited = typeof sp.visibleIf === 'string' && sp.visibleIf.trim() ? [sp.visibleIf] : [];
    const elements: Element[] = [];
    convertElements(sp.elements ?? sp.questions, join(pp, sp.elements ? 'elements' : 'questions'), inherited, elements);
    if (elements.length === 0) {
      note(pp || 'elements', `La page « ${title ?? pageId} » ne contient aucun élément repris : page non reprise.`);
      return;
    }
    const page: Page = { id: pageId, title: title?.trim() || `Page ${pages.length + 1}`, elements };
    if (!title?.trim()) note(join(pp, 'title'), `Page sans titre : « ${page.title} » attribué.`);
    const description = text(sp.description, join(pp, 'description'), report);
    if (description) page.description = description;
    pages.push(page);
  });

  function convertElements(list: unknown, path: string, inherited: string[], out: Element[]) {
    if (!Array.isArray(list)) return;
    list.forEach((el, i) => {
      const ep = `${path}[${i}]`;
      if (!isObject(el)) {
        note(ep, 'Élément qui n’est pas un objet : ignoré.');
        return;
      }
      const type = typeof el.type === 'string' ? el.type.toLowerCase() : '';
      const label = typeof el.name === 'string' ? `« ${el.name} »` : `${i + 1}`;
      // survey-core writes `visible: false` for an element its condition hides at load time: the condition governs.
      if (el.visible === false && !(typeof el.visibleIf === 'string' && el.visibleIf.trim())) {
        note(ep, `Élément ${label} masqué (visible: false) : non repris.`);
        return;
      }
      const conditions = [
        ...inherited,
        ...(typeof el.visibleIf === 'string' && el.visibleIf.trim() ? [el.visibleIf] : []),
      ];
      if (type === 'panel') {
        const title = text(el.title, `${ep}.title`, report);
        const description = text(el.description, `${ep}.description`, report);
        for (const key of Object.keys(el)) {
          if (
            ![
              'type',
              'name',
              'title',
              'description',
              'elements',
              'questions',
              'visibleIf',
              'visible',
              ...PRESENTATION,
            ].includes(key)
          ) {
            note(`${ep}.${key}`, `Propriété « ${key} » du groupe ${label} non reprise.`);
          }
        }
        if (title?.trim() || description?.trim()) {
          const info: InfoBlock = {
            id: takeId(el.name, title, ep, 'bloc'),
            type: 'info',
            ...(title?.trim() ? { title: title.trim() } : {}),
            paragraphs: description?.trim() ? [description.trim()] : [],
          };
          attachCondition(info, { path: ep, name: info.id, expressions: conditions });
          out.push(info);
        }
        convertElements(
          el.elements ?? el.questions,
          `${ep}.${el.elements ? 'elements' : 'questions'}`,
          conditions,
          out,
        );
        return;
      }
      if (type === 'html') {
        const html = text(el.html, `${ep}.html`, report) ?? '';
        const { title, paragraphs, lost } = htmlToParagraphs(html);
        if (!title && paragraphs.length === 0) {
          note(ep, `Bloc HTML ${label} vide : non repris.`);
          return;
        }
        if (lost) note(`${ep}.html`, `Bloc HTML ${label} : mise en forme et liens retirés, texte seul repris.`);
        unknownProps(el, ['html'], ep, label);
        const info: InfoBlock = {
          id: takeId(el.name, title, ep, 'bloc'),
          type: 'info',
          ...(title ? { title } : {}),
          paragraphs,
        };
        attachCondition(info, { path: ep, name: info.id, expressions: conditions });
        out.push(info);
        return;
      }
      if (SKIPPED_TYPES[type]) {
        note(ep, `Élément ${label} non repris : ${SKIPPED_TYPES[type]}.`);
        return;
      }
      const converted = convertQuestion(el, type, ep, label);
      if (!converted) return;
      attachCondition(converted.question, {
        path: ep,
        name: String(el.name ?? converted.question.id),
        expressions: conditions,
      });
      out.push(converted.question);
      if (typeof el.name === 'string') known.set(el.name, converted);
      known.set(converted.question.id, converted);
    });
  }

  function attachCondition(element: Element, pending: Pending) {
    if (pending.expressions.length === 0) return;
    try {
      const parts = pending.expressions.map((e) => expressionToCondition(parseExpression(e), ctx));
      const cond = parts.length === 1 ? parts[0] : { all: parts.flatMap((p) => ('all' in p ? p.all : [p])) };
      element.visibleIf = cond;
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      note(
        `${pending.path}.visibleIf`,
        `Condition d'affichage « ${pending.expressions.join(' » et « ')} » non reprise (${e.message}) : « ${element.id} » sera toujours affiché.`,
      );
    }
  }

  function unknownProps(el: Json, handled: string[], path: string, label: string) {
    const common = [
      'type',
      'name',
      'title',
      'description',
      'isRequired',
      'visibleIf',
      'visible',
      'restricted',
      'libraryField',
    ];
    for (const key of Object.keys(el)) {
      if (common.includes(key) || handled.includes(key) || PRESENTATION.has(key)) continue;
      const why: Record<string, string> = {
        enableIf: 'les conditions d’activation ne sont pas prises en charge',
        requiredIf: 'les conditions d’obligation ne sont pas prises en charge',
        readOnly: 'les questions en lecture seule ne sont pas prises en charge',
        defaultValue: 'les valeurs par défaut ne sont pas prises en charge',
        defaultValueExpression: 'les valeurs par défaut calculées ne sont pas prises en charge',
        correctAnswer: 'les bonnes réponses (quiz) ne sont pas prises en charge',
        showCommentArea: 'la zone de commentaire ne l’est pas ; ajoutez une question de texte',
        hasComment: 'la zone de commentaire ne l’est pas ; ajoutez une question de texte',
        validators: 'validation non reprise',
      };
      note(
        `${path}.${key}`,
        `Propriété « ${key} » de la question ${label} non reprise${why[key] ? ` : ${why[key]}` : ''}.`,
      );
    }
  }

  function choicesOf(
    list: unknown,
    path: string,
    label: string,
    what: string,
  ): { choices: Choice[]; values: Map<string, string> } {
    const choices: Choice[] = [];
    const values = new Map<string, string>();
    if (!Array.isArray(list)) return { choices, values };
    list.forEach((item, i) => {
      const raw = isObject(item) ? item.value : item;
      if (raw === undefined || raw === null || isObject(raw)) {
        note(`${path}[${i}]`, `Élément ${i + 1} (${what}) de la question ${label} sans valeur : ignoré.`);
        return;
      }
      const value = String(raw);
      let code = CODE_PATTERN.test(value) && value.length <= 60 ? value : codify(value);
      const base = code;
      for (let n = 2; choices.some((c) => c.code === code); n++) code = `${base.slice(0, 55)}_${n}`;
      if (code !== value) note(`${path}[${i}]`, `Code « ${value} » (${what}, question ${label}) devenu « ${code} ».`);
      const labelText = (isObject(item) ? text(item.text, `${path}[${i}].text`, report) : undefined) ?? value;
      if (isObject(item)) {
        for (const k of Object.keys(item)) {
          if (!['value', 'text'].includes(k))
            note(`${path}[${i}].${k}`, `Propriété « ${k} » du choix « ${value} » (question ${label}) non reprise.`);
        }
      }
      choices.push({ code, label: labelText.trim() || value });
      values.set(value, code);
    });
    return { choices, values };
  }

  function convertQuestion(el: Json, type: string, path: string, label: string): KnownQuestion | null {
    const id = takeId(el.name, text(el.title, `${path}.title`, []), path, 'question');
    const base: Json = { id, label: text(el.title, `${path}.title`, report)?.trim() || String(el.name ?? id) };
    const hint = text(el.description, `${path}.description`, report);
    if (hint?.trim()) base.hint = hint.trim();
    if (el.isRequired === true) base.required = true;
    if (el.restricted === true) base.restricted = true;
    if (typeof el.libraryField === 'string' && el.libraryField) base.libraryField = el.libraryField;
    const validation: Json = {};
    const values = new Map<string, string>();
    let extra: Json = {};
    let kind: Question['type'];
    let handled: string[] = [];
    let valueTrue: unknown;
    let valueFalse: unknown;

    const readValidators = (allowed: string[]) => {
      if (!Array.isArray(el.validators)) return;
      el.validators.forEach((v: unknown, i: number) => {
        const vp = `${path}.validators[${i}]`;
        if (!isObject(v)) return;
        const vt = String(v.type ?? '').toLowerCase();
        if (vt === 'numeric' && allowed.includes('numeric')) {
          if (typeof v.minValue === 'number') validation.min = v.minValue;
          if (typeof v.maxValue === 'number') validation.max = v.maxValue;
        } else if (vt === 'text' && allowed.includes('text')) {
          if (typeof v.minLength === 'number' && v.minLength > 0) validation.minLength = v.minLength;
          if (typeof v.maxLength === 'number' && v.maxLength > 0) validation.maxLength = v.maxLength;
          if (v.allowDigits === false) note(vp, `Question ${label} : l'interdiction des chiffres n'est pas reprise.`);
        } else if (vt === 'regex' && allowed.includes('regex') && typeof v.regex === 'string') {
          validation.pattern = regexToPattern(v.regex);
          const message = text(v.text, `${vp}.text`, report);
          if (message) validation.patternMessage = message;
        } else if (vt === 'email' && allowed.includes('email')) {
          kind = 'email';
        } else if (vt === 'answercount' && allowed.includes('answercount')) {
          if (typeof v.minCount === 'number' && v.minCount > 0) extra.minChoices = v.minCount;
          if (typeof v.maxCount === 'number' && v.maxCount > 0) extra.maxChoices = v.maxCount;
        } else {
          note(vp, `Règle de validation « ${vt || '?'} » de la question ${label} non reprise.`);
        }
      });
    };

    switch (type) {
      case 'text':
      case '': {
        const inputType = typeof el.inputType === 'string' ? el.inputType.toLowerCase() : 'text';
        handled = ['inputType', 'validators', 'min', 'max', 'maxLength', 'organisationPicker'];
        kind = 'short_text';
        if (el.organisationPicker === true) kind = 'organisation';
        else if (inputType === 'email') kind = 'email';
        else if (inputType === 'url') kind = 'url';
        else if (inputType === 'number') kind = 'number';
        else if (inputType === 'date') kind = 'date';
        else if (inputType === 'month') {
          kind = 'date';
          extra.precision = 'month';
        } else if (inputType !== 'text') {
          note(
            `${path}.inputType`,
            `Type de saisie « ${inputType} » de la question ${label} importé comme texte court.`,
          );
        }
        if (kind === 'number') {
          if (typeof el.min === 'number') validation.min = el.min;
          if (typeof el.max === 'number') validation.max = el.max;
          readValidators(['numeric']);
        } else if (kind === 'short_text') {
          if (typeof el.maxLength === 'number' && el.maxLength > 0) validation.maxLength = el.maxLength;
          readValidators(['text', 'regex', 'email']);
        } else if (kind === 'email' || kind === 'url') {
          if (typeof el.maxLength === 'number' && el.maxLength > 0) validation.maxLength = el.maxLength;
          readValidators(['text', 'email']);
        } else {
          if ((el.min !== undefined || el.max !== undefined) && kind === 'date') {
            note(path, `Bornes de date de la question ${label} non reprises.`);
          }
          readValidators([]);
        }
        break;
      }
      case 'comment':
        kind = 'long_text';
        handled = ['validators', 'maxLength'];
        if (typeof el.maxLength === 'number' && el.maxLength > 0) validation.maxLength = el.maxLength;
        readValidators(['text', 'regex']);
        break;
      case 'checkbox':
      case 'tagbox':
      case 'radiogroup':
      case 'dropdown': {
        kind = type === 'radiogroup' ? 'single_choice' : type === 'dropdown' ? 'dropdown' : 'multiple_choice';
        handled = [
          'choices',
          'showOtherItem',
          'hasOther',
          'otherText',
          'showNoneItem',
          'hasNone',
          'noneText',
          'showSelectAllItem',
          'hasSelectAll',
          'selectAllText',
          'maxSelectedChoices',
          'minSelectedChoices',
          'validators',
          'choicesByUrl',
          'choicesFromQuestion',
          'choicesFromQuestionMode',
        ];
        const c = choicesOf(el.choices, `${path}.choices`, label, 'choix');
        if (el.showOtherItem === true || el.hasOther === true) {
          if (c.choices.some((x) => x.code === OTHER_CODE)) {
            note(
              `${path}.showOtherItem`,
              `Question ${label} : un choix utilise déjà le code « other », l'option « Autre » n'est pas reprise.`,
            );
          } else {
            extra.allowOther = true;
            const otherLabel = text(el.otherText, `${path}.otherText`, report);
            if (otherLabel?.trim()) extra.otherLabel = otherLabel.trim();
          }
        }
        if (el.showNoneItem === true || el.hasNone === true) {
          let code = 'none';
          for (let n = 2; c.choices.some((x) => x.code === code); n++) code = `none_${n}`;
          c.choices.push({ code, label: text(el.noneText, `${path}.noneText`, report)?.trim() || 'Aucun' });
          c.values.set('none', code);
          if (kind === 'multiple_choice')
            note(
              `${path}.showNoneItem`,
              `Question ${label} : l'option « Aucun » est reprise comme un choix ordinaire (elle ne décoche plus les autres).`,
            );
        }
        if (el.showSelectAllItem === true || el.hasSelectAll === true) {
          note(`${path}.showSelectAllItem`, `Question ${label} : l'option « Tout sélectionner » n'est pas reprise.`);
        }
        if (el.choicesByUrl)
          note(
            `${path}.choicesByUrl`,
            `Question ${label} : les choix chargés depuis une adresse web ne sont pas repris.`,
          );
        if (el.choicesFromQuestion)
          note(
            `${path}.choicesFromQuestion`,
            `Question ${label} : les choix recopiés d'une autre question ne sont pas repris.`,
          );
        if (c.choices.length === 0) {
          note(path, `Question ${label} sans aucun choix : non reprise.`);
          return null;
        }
        for (const [k, v] of c.values) values.set(k, v);
        extra.choices = c.choices;
        if (kind === 'multiple_choice') {
          if (typeof el.minSelectedChoices === 'number' && el.minSelectedChoices > 0)
            extra.minChoices = el.minSelectedChoices;
          if (typeof el.maxSelectedChoices === 'number' && el.maxSelectedChoices > 0)
            extra.maxChoices = el.maxSelectedChoices;
          readValidators(['answercount']);
        } else readValidators([]);
        break;
      }
      case 'boolean': {
        kind = 'yes_no';
        handled = ['labelTrue', 'labelFalse', 'valueTrue', 'valueFalse', 'swapOrder'];
        const yes = text(el.labelTrue, `${path}.labelTrue`, report);
        const no = text(el.labelFalse, `${path}.labelFalse`, report);
        if ((yes && yes.trim().toLowerCase() !== 'oui') || (no && no.trim().toLowerCase() !== 'non')) {
          note(path, `Question ${label} : libellés « ${yes ?? 'Oui'} » / « ${no ?? 'Non'} » remplacés par Oui / Non.`);
        }
        if (el.valueTrue !== undefined || el.valueFalse !== undefined) {
          valueTrue = el.valueTrue;
          valueFalse = el.valueFalse;
          note(path, `Question ${label} : les valeurs personnalisées (valueTrue/valueFalse) deviennent oui/non.`);
        }
        break;
      }
      case 'rating': {
        handled = [
          'rateMin',
          'rateMax',
          'rateStep',
          'rateCount',
          'rateValues',
          'minRateDescription',
          'maxRateDescription',
        ];
        const min = typeof el.rateMin === 'number' ? el.rateMin : 1;
        const step = typeof el.rateStep === 'number' ? el.rateStep : 1;
        let max = typeof el.rateMax === 'number' ? el.rateMax : 5;
        if (typeof el.rateCount === 'number' && el.rateMax === undefined) max = min + (el.rateCount - 1) * step;
        const minLabel = text(el.minRateDescription, `${path}.minRateDescription`, report);
        const maxLabel = text(el.maxRateDescription, `${path}.maxRateDescription`, report);
        const rateValues = Array.isArray(el.rateValues) && el.rateValues.length ? el.rateValues : null;
        const numericValues = rateValues?.map((v: unknown) => (isObject(v) ? v.value : v));
        const isStandard = rateValues
          ? numericValues!.every((v: unknown, i: number) => Number(v) === i + 1) &&
            [5, 10].includes(numericValues!.length) &&
            rateValues.every((v: unknown) => !isObject(v) || v.text === undefined)
          : min === 1 && step === 1 && (max === 5 || max === 10);
        if (isStandard) {
          kind = 'scale';
          extra.max = rateValues ? rateValues.length : max;
          if (minLabel?.trim()) extra.minLabel = minLabel.trim();
          if (maxLabel?.trim()) extra.maxLabel = maxLabel.trim();
          for (let v = 1; v <= extra.max; v++) values.set(String(v), String(v));
        } else {
          kind = 'single_choice';
          const items = rateValues ?? range(min, max, step);
          const c = choicesOf(items, `${path}.rateValues`, label, 'valeur');
          if (c.choices.length === 0) {
            note(path, `Question ${label} : échelle sans valeurs, non reprise.`);
            return null;
          }
          if (minLabel?.trim()) c.choices[0].label = `${c.choices[0].label} – ${minLabel.trim()}`;
          if (maxLabel?.trim())
            c.choices[c.choices.length - 1].label = `${c.choices[c.choices.length - 1].label} – ${maxLabel.trim()}`;
          extra.choices = c.choices;
          for (const [k, v] of c.values) values.set(k, v);
          note(
            path,
            `Question ${label} : échelle ${rateValues ? 'à valeurs personnalisées' : `de ${min} à ${max}`} importée comme choix unique (nos échelles vont de 1 à 5 ou de 1 à 10).`,
          );
        }
        break;
      }
      case 'matrix': {
        kind = 'matrix';
        handled = ['rows', 'columns', 'isAllRowRequired', 'eachRowRequired', 'cells'];
        const rows = choicesOf(el.rows, `${path}.rows`, label, 'ligne');
        const columns = choicesOf(el.columns, `${path}.columns`, label, 'colonne');
        if (rows.choices.length === 0 || columns.choices.length < 2) {
          note(path, `Tableau ${label} sans lignes ou avec moins de deux colonnes : non repris.`);
          return null;
        }
        extra = { rows: rows.choices, columns: columns.choices };
        if (el.isAllRowRequired === true || el.eachRowRequired === true) extra.allRowsRequired = true;
        if (el.cells) note(`${path}.cells`, `Tableau ${label} : les textes des cellules ne sont pas repris.`);
        break;
      }
      case 'ranking': {
        kind = 'ranking';
        handled = ['choices', 'selectToRankEnabled'];
        const c = choicesOf(el.choices, `${path}.choices`, label, 'élément');
        if (c.choices.length < 2) {
          note(path, `Classement ${label} avec moins de deux éléments : non repris.`);
          return null;
        }
        if (el.selectToRankEnabled === true)
          note(
            path,
            `Classement ${label} : le classement partiel n'est pas repris, tous les éléments seront à classer.`,
          );
        extra.choices = c.choices;
        break;
      }
      case 'file': {
        kind = 'file';
        handled = ['maxSize', 'acceptedTypes', 'allowMultiple', 'sourceType', 'allowImagesPreview'];
        if (typeof el.maxSize === 'number' && el.maxSize > 0) {
          extra.maxSizeBytes = Math.min(el.maxSize, 50 * 1024 * 1024);
          if (el.maxSize > extra.maxSizeBytes)
            note(`${path}.maxSize`, `Fichier ${label} : taille maximale ramenée à 50 Mo.`);
        } else {
          extra.maxSizeBytes = DEFAULT_MAX_SIZE;
          note(path, `Fichier ${label} : taille maximale non indiquée, 10 Mo retenus.`);
        }
        const accept: string[] = [];
        if (typeof el.acceptedTypes === 'string' && el.acceptedTypes.trim()) {
          for (const part of el.acceptedTypes
            .split(',')
            .map((s: string) => s.trim().toLowerCase())
            .filter(Boolean)) {
            const mime = part.startsWith('.') ? EXTENSION_MIME[part.slice(1)] : part;
            if (mime && /^[a-z]+\/(\*|[a-z0-9][a-z0-9.+-]*)$/.test(mime)) {
              if (!accept.includes(mime)) accept.push(mime);
            } else note(`${path}.acceptedTypes`, `Fichier ${label} : type « ${part} » non reconnu, ignoré.`);
          }
        }
        if (accept.length === 0) {
          accept.push(...DEFAULT_ACCEPT);
          note(path, `Fichier ${label} : types acceptés non indiqués, documents bureautiques, PDF et images retenus.`);
        }
        extra.accept = accept;
        if (el.allowMultiple === true)
          note(`${path}.allowMultiple`, `Fichier ${label} : un seul fichier par réponse est repris.`);
        break;
      }
      default:
        note(path, `Élément ${label} de type « ${type || '?'} » non repris : type inconnu.`);
        return null;
    }
    unknownProps(el, handled, path, label);
    const question = { ...base, type: kind, ...extra } as Json;
    if (Object.keys(validation).length) question.validation = validation;
    // Keep a stable key order: id, type, label…
    const ordered = { id: question.id, type: question.type, ...question } as unknown as Question;
    return { question: ordered, values, valueTrue, valueFalse };
  }

  const title = text(input.title, 'title', report)?.trim();
  const questionnaire: Form = {
    title: title || 'Questionnaire importé',
    language: 'fr',
    pages,
  };
  if (!title) note('title', 'Questionnaire sans titre : « Questionnaire importé » attribué.');
  const description = text(input.description, 'description', report);
  if (description?.trim()) questionnaire.description = description.trim();
  const ordered: Form = {
    title: questionnaire.title,
    ...(questionnaire.description ? { description: questionnaire.description } : {}),
    language: 'fr',
    pages,
  };
  if (pages.length === 0) {
    return {
      report,
      issues: [{ path: 'pages', message: 'Aucune page n’a pu être reprise de ce questionnaire SurveyJS.' }],
    };
  }
  let result = validateForm(ordered);
  if (!result.ok) {
    // Safety net: a condition that still does not fit is dropped and reported, like the ones we could not parse.
    let dropped = false;
    for (const issue of result.issues) {
      const m = /^pages\[(\d+)\]\.elements\[(\d+)\]\.visibleIf/.exec(issue.path);
      const element = m ? pages[Number(m[1])]?.elements[Number(m[2])] : undefined;
      if (element?.visibleIf) {
        delete element.visibleIf;
        dropped = true;
        note(issue.path, `${issue.message} Condition non reprise : « ${element.id} » sera toujours affiché.`);
      }
    }
    if (dropped) result = validateForm(ordered);
  }
  if (!result.ok) return { report, issues: result.issues };
  return { questionnaire: result.questionnaire, report, issues: [] };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function range(min: number, max: number, step: number): number[] {
  const out: number[] = [];
  if (step <= 0) return out;
  for (let v = min; v <= max + 1e-9 && out.length < 100; v += step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}

/** A SurveyJS regex validator searches the value; our patterns match the whole value. */
function regexToPattern(regex: string): string {
  const ours = /^\^\(\?:([\s\S]*)\)\$$/.exec(regex);
  if (ours) return ours[1];
  if (regex.startsWith('^') && /[^\\]\$$/.test(regex) && !regex.includes('|')) return regex.slice(1, -1);
  return `[\\s\\S]*(?:${regex})[\\s\\S]*`;
}

// ---------------------------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------------------------

export interface SurveyJsExport {
  json: Json;
  /** What SurveyJS cannot express exactly (for instance the authority picker, exported as a text field). */
  report: ReportEntry[];
}

export interface ExportOptions {
  /** Write `restricted`, `libraryField` and `organisationPicker` as SurveyJS custom properties (default true). */
  customProperties?: boolean;
}

function choicesJson(list: Choice[]): Json[] {
  return list.map((c) => ({ value: c.code, text: c.label }));
}

/** Exports a questionnaire as SurveyJS JSON. */
export function toSurveyJs(questionnaire: Form, options: ExportOptions = {}): SurveyJsExport {
  const custom = options.customProperties !== false;
  const report: ReportEntry[] = [];
  const json: Json = { title: questionnaire.title };
  if (questionnaire.description) json.description = questionnaire.description;
  json.clearInvisibleValues = 'onHidden';
  json.pages = questionnaire.pages.map((page, p) => {
    const out: Json = { name: page.id, title: page.title };
    if (page.description) out.description = page.description;
    out.elements = page.elements.map((el, e) => elementJson(el, `pages[${p}].elements[${e}]`));
    return out;
  });
  return { json, report };

  function elementJson(el: Element, path: string): Json {
    if (el.type === 'info') {
      const out: Json = { type: 'html', name: el.id, html: infoToHtml(el) };
      if (el.visibleIf) out.visibleIf = expression(el.visibleIf, path);
      return out;
    }
    const q = el;
    const out: Json = { type: '', name: q.id, title: q.label };
    if (q.hint) out.description = q.hint;
    if (q.required) out.isRequired = true;
    if (q.visibleIf) out.visibleIf = expression(q.visibleIf, path);
    const v = q.validation ?? {};
    const validators: Json[] = [];
    const textValidator = () => {
      if (v.minLength !== undefined || v.maxLength !== undefined) {
        validators.push({
          type: 'text',
          ...(v.minLength !== undefined ? { minLength: v.minLength } : {}),
          ...(v.maxLength !== undefined ? { maxLength: v.maxLength } : {}),
        });
      }
      if (v.pattern !== undefined) {
        validators.push({
          type: 'regex',
          regex: `^(?:${v.pattern})$`,
          ...(v.patternMessage ? { text: v.patternMessage } : {}),
        });
      }
    };
    switch (q.type) {
      case 'short_text':
        out.type = 'text';
        textValidator();
        break;
      case 'long_text':
        out.type = 'comment';
        textValidator();
        break;
      case 'email':
        out.type = 'text';
        out.inputType = 'email';
        textValidator();
        validators.push({ type: 'email' });
        break;
      case 'url':
        out.type = 'text';
        out.inputType = 'url';
        textValidator();
        break;
      case 'number':
        out.type = 'text';
        out.inputType = 'number';
        if (v.min !== undefined) out.min = v.min;
        if (v.max !== undefined) out.max = v.max;
        if (v.min !== undefined || v.max !== undefined) {
          validators.push({
            type: 'numeric',
            ...(v.min !== undefined ? { minValue: v.min } : {}),
            ...(v.max !== undefined ? { maxValue: v.max } : {}),
          });
        }
        break;
      case 'date':
        out.type = 'text';
        out.inputType = q.precision === 'month' ? 'month' : 'date';
        break;
      case 'single_choice':
      case 'dropdown':
      case 'multiple_choice':
        out.type = q.type === 'single_choice' ? 'radiogroup' : q.type === 'dropdown' ? 'dropdown' : 'checkbox';
        out.choices = choicesJson(q.choices);
        if (q.allowOther) {
          out.showOtherItem = true;
          if (q.otherLabel) out.otherText = q.otherLabel;
        }
        if (q.type === 'multiple_choice') {
          if (q.minChoices !== undefined) out.minSelectedChoices = q.minChoices;
          if (q.maxChoices !== undefined) out.maxSelectedChoices = q.maxChoices;
        }
        break;
      case 'yes_no':
        out.type = 'boolean';
        out.labelTrue = 'Oui';
        out.labelFalse = 'Non';
        break;
      case 'scale':
        out.type = 'rating';
        out.rateMin = 1;
        out.rateMax = q.max;
        if (q.minLabel) out.minRateDescription = q.minLabel;
        if (q.maxLabel) out.maxRateDescription = q.maxLabel;
        break;
      case 'matrix':
        out.type = 'matrix';
        out.rows = choicesJson(q.rows);
        out.columns = choicesJson(q.columns);
        if (q.allRowsRequired) out.eachRowRequired = true;
        break;
      case 'ranking':
        out.type = 'ranking';
        out.choices = choicesJson(q.choices);
        break;
      case 'organisation':
        out.type = 'text';
        if (custom) out.organisationPicker = true;
        report.push({
          path,
          message: `La question « ${q.id} » (choix d'une collectivité) est exportée comme un champ texte : SurveyJS n'a pas de sélecteur de collectivité.`,
        });
        break;
      case 'file':
        out.type = 'file';
        out.maxSize = q.maxSizeBytes;
        out.acceptedTypes = q.accept.join(',');
        break;
    }
    if (validators.length) out.validators = validators;
    if (custom) {
      if (q.restricted) out.restricted = true;
      if (q.libraryField) out.libraryField = q.libraryField;
    } else if (q.restricted || q.libraryField) {
      report.push({
        path,
        message: `Les propriétés propres à la plateforme de « ${q.id} » (restreinte, champ de fiche) ne sont pas exportées.`,
      });
    }
    return out;
  }

  function expression(c: Condition, path: string): string {
    const s = conditionToExpression(c);
    const values: unknown[] = [];
    const walk = (x: Condition) => {
      if (isComparison(x)) values.push(x.value);
      else ('all' in x ? x.all : x.any).forEach(walk);
    };
    walk(c);
    if (values.some((v) => typeof v === 'string' && /\\['"]/.test(v))) {
      report.push({
        path: `${path}.visibleIf`,
        message:
          'Une valeur de condition contient une barre oblique inverse suivie d’un guillemet : SurveyJS la lira autrement.',
      });
    }
    return s;
  }
}
