/**
 * SurveyJS expressions: a tokenizer and parser for the `visibleIf` language, its conversion into our condition trees
 * (or a French reason why it cannot be expressed exactly), and our conditions rendered back as expressions.
 */
import {
  type Comparison,
  type Condition,
  type ConditionValue,
  isComparison,
  OPS_BY_TYPE,
  OTHER_CODE,
  QUESTION_TYPE_LABELS,
  type Question,
} from '../model.ts';

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
      if (isKw(peek(), '!', 'negate')) return { t: 'not', e: parseUnary() };
      // survey-core applies `!` to the one value that follows: `!{a} = 1` is `(!{a}) = 1`, never `!({a} = 1)`.
      const operand = parseOperand();
      // …but to the whole test with the postfix `empty` / `notempty`: `!{c} notempty` is `!({c} notempty)`.
      const postfix = peek();
      if (isKw(postfix, 'empty', 'notempty')) {
        pos++;
        return { t: 'not', e: { t: 'cmp', op: (postfix as { v: string }).v.toLowerCase(), left: operand } };
      }
      if (binaryOp(peek())) {
        throw new ExpressionError(
          '« ! » ne porte que sur la valeur qui le suit (SurveyJS lit « !{a} = 1 » comme « (!{a}) = 1 ») : écrivez « !({a} = 1) »',
        );
      }
      if (operand.t === 'group') return { t: 'not', e: operand.e };
      if (operand.t === 'var') return { t: 'not', e: { t: 'cmp', op: 'truthy', left: operand } };
      throw new ExpressionError('« ! » doit porter sur une question ou sur une expression entre parenthèses');
    }
    if (isKw(peek(), 'not') && isKw(tokens[pos + 1], '(')) {
      throw new ExpressionError('SurveyJS ne reconnaît pas « not (…) » : écrivez « !(…) »');
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
export interface KnownQuestion {
  question: Question;
  /** SurveyJS choice value (as text) → our code. */
  values: Map<string, string>;
  /** SurveyJS values of a boolean question, when customised. */
  valueTrue?: unknown;
  valueFalse?: unknown;
}

export interface ConversionContext {
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
    contains: 'not_contains',
    not_contains: 'contains',
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

/**
 * An order comparison on a single choice whose SurveyJS values are numbers (`{kids} >= 2` on a dropdown of 1–5):
 * the choices that satisfy it, as equalities (exact: an unanswered question satisfies none, as in SurveyJS).
 */
function choiceOrder(known: KnownQuestion, op: string, raw: string | number | boolean | null): Condition {
  const q = known.question;
  const bound = typeof raw === 'number' ? raw : Number(raw);
  if (raw === null || typeof raw === 'boolean' || !Number.isFinite(bound) || String(raw).trim() === '') {
    throw new ExpressionError(`« ${String(raw)} » n'est pas un nombre`);
  }
  const codes: string[] = [];
  for (const [value, code] of known.values) {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) {
      throw new ExpressionError(
        `les choix de « ${q.id} » ne sont pas tous des nombres : « ${op} » ne peut pas être repris`,
      );
    }
    const holds = { greater: n > bound, less: n < bound, greaterorequal: n >= bound, lessorequal: n <= bound }[op];
    if (holds) codes.push(code);
  }
  if (codes.length === 0) throw new ExpressionError(`aucun choix de « ${q.id} » ne vérifie cette comparaison`);
  return single(
    codes.map((value) => ({ question: q.id, op: 'equals' as const, value })),
    'any',
  );
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
    case 'greaterorequal':
    case 'lessorequal': {
      if (q.type === 'single_choice' || q.type === 'dropdown') return choiceOrder(known, op, literal(right));
      const value = coerce(known, literal(right));
      if (op === 'greater' || op === 'less') return { question: id, op, value };
      return {
        any: [
          { question: id, op: op === 'greaterorequal' ? 'greater' : 'less', value },
          { question: id, op: 'equals', value },
        ],
      };
    }
    case 'contains':
    case 'notcontains': {
      const raw = literal(right);
      const cop = op === 'contains' ? 'contains' : 'not_contains';
      if (q.type === 'multiple_choice') return { question: id, op: cop, value: coerce(known, raw) };
      if (['short_text', 'long_text', 'email', 'url'].includes(q.type) && raw !== null) {
        return { question: id, op: cop, value: String(raw) };
      }
      throw new ExpressionError(`« ${op} » sur la question « ${id} » n'est pas pris en charge`);
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
  not_contains: 'notcontains',
  greater: '>',
  less: '<',
  answered: 'notempty',
  not_answered: 'empty',
};

/** A choice code that SurveyJS had as a JSON number (an integer written canonically: `2`, `-1`, not `02`). */
export function isNumericCode(code: string): boolean {
  return /^(0|-?[1-9]\d{0,14})$/.test(code);
}

/**
 * Renders a condition tree as a SurveyJS expression. `numericChoices`: questions whose choice values are exported as
 * numbers (compared with numbers, as in the SurveyJS survey they came from).
 */
export function conditionToExpression(
  c: Condition,
  nested = false,
  numericChoices: ReadonlySet<string> = new Set(),
): string {
  if (isComparison(c)) {
    const op = EXPRESSION_OPS[c.op];
    if (c.op === 'answered' || c.op === 'not_answered') return `{${c.question}} ${op}`;
    const numeric = numericChoices.has(c.question) && typeof c.value === 'string' && isNumericCode(c.value);
    return `{${c.question}} ${op} ${numeric ? String(Number(c.value)) : valueLiteral(c.value)}`;
  }
  const items = 'all' in c ? c.all : c.any;
  if (items.length === 1) return conditionToExpression(items[0], nested, numericChoices);
  const joined = items.map((i) => conditionToExpression(i, true, numericChoices)).join('all' in c ? ' and ' : ' or ');
  return nested ? `(${joined})` : joined;
}
