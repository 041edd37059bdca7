/**
 * LimeSurvey relevance equations (ExpressionScript) into our display conditions.
 *
 * The common forms are understood: `Q1 == "A2"`, `Q1.NAOK == "Y"`, `Q1 != "A1"`, `is_empty(Q2)`, `!is_empty(Q2)`,
 * `Q3 > 10` (and `>=`, `<`, `<=`, the word forms `eq ne lt le gt ge`), a ticked option of a multiple choice
 * `Q4_SQ001 == "Y"`, `and`/`&&`, `or`/`||`, `!`/`not`, parentheses, and `{…}` around the whole. Fields may be named by
 * code or the SGQA way (`123456X12X345SQ001`, as the condition editor writes them), and `count(that.Q4)` compared with
 * 0 or 1 (at least one option of a multiple choice ticked, or none) is understood. Anything else (other functions,
 * arithmetic, a comparison we cannot express exactly) gives a French reason instead of a condition.
 */
import type { Comparison, Condition, ConditionValue, QuestionType } from '../model.ts';

type Token = { t: 'id'; v: string } | { t: 'str'; v: string } | { t: 'num'; v: number } | { t: 'op'; v: string };
type Node =
  | { k: 'and' | 'or'; items: Node[] }
  | { k: 'not'; item: Node }
  | { k: 'cmp'; op: string; left: Node; right: Node }
  | { k: 'call'; name: string; args: Node[] }
  | { k: 'ref'; name: string }
  | { k: 'lit'; value: string | number };

/** What a variable name of the survey refers to. */
export type Ref =
  | { kind: 'question'; id: string; type: QuestionType }
  | { kind: 'option'; id: string; code: string }
  | { kind: 'other'; reason: string };
export type Resolve = (name: string) => Ref | null;

const WORD_OPS: Record<string, string> = {
  eq: '==',
  ne: '!=',
  lt: '<',
  le: '<=',
  gt: '>',
  ge: '>=',
  and: '&&',
  or: '||',
  not: '!',
};

class Unsupported extends Error {}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) j++;
        s += src[j++];
      }
      if (j >= src.length) throw new Unsupported('texte entre guillemets non fermé');
      out.push({ t: 'str', v: s });
      i = j + 1;
      continue;
    }
    // A field named the SGQA way (`123456X12X345SQ001`), as LimeSurvey's condition editor writes them.
    const sgqa = /^\d+X\d+X\d+[A-Za-z0-9_]*(\.[A-Za-z_]+)*/.exec(src.slice(i));
    if (sgqa) {
      out.push({ t: 'id', v: sgqa[0] });
      i += sgqa[0].length;
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(src.slice(i));
    if (num && (c !== '-' || out.length === 0 || out[out.length - 1].t === 'op')) {
      out.push({ t: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(src.slice(i));
    if (id) {
      const word = id[0].toLowerCase();
      if (WORD_OPS[word]) out.push({ t: 'op', v: WORD_OPS[word] });
      else out.push({ t: 'id', v: id[0] });
      i += id[0].length;
      continue;
    }
    const op = /^(==|!=|<=|>=|&&|\|\||[<>!(),])/.exec(src.slice(i));
    if (!op) throw new Unsupported(`caractère « ${c} » non pris en charge`);
    out.push({ t: 'op', v: op[0] });
    i += op[0].length;
  }
  return out;
}

function parse(tokens: Token[]): Node {
  let pos = 0;
  const peek = () => tokens[pos];
  const isOp = (v: string) => peek()?.t === 'op' && peek().v === v;
  const expect = (v: string) => {
    if (!isOp(v)) throw new Unsupported(`« ${v} » attendu`);
    pos++;
  };
  let depth = 0;
  function or(): Node {
    const items = [and()];
    while (isOp('||')) {
      pos++;
      items.push(and());
    }
    return items.length === 1 ? items[0] : { k: 'or', items };
  }
  function and(): Node {
    const items = [unary()];
    while (isOp('&&')) {
      pos++;
      items.push(unary());
    }
    return items.length === 1 ? items[0] : { k: 'and', items };
  }
  function unary(): Node {
    if (isOp('!')) {
      pos++;
      return { k: 'not', item: unary() };
    }
    return comparison();
  }
  function comparison(): Node {
    const left = primary();
    const t = peek();
    if (t?.t === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(t.v)) {
      pos++;
      return { k: 'cmp', op: t.v, left, right: primary() };
    }
    return left;
  }
  function primary(): Node {
    const t = peek();
    if (!t) throw new Unsupported('expression incomplète');
    pos++;
    if (t.t === 'op' && t.v === '(') {
      if (++depth > 20) throw new Unsupported('parenthèses trop imbriquées');
      const inner = or();
      expect(')');
      depth--;
      return inner;
    }
    if (t.t === 'str' || t.t === 'num') return { k: 'lit', value: t.v };
    if (t.t === 'id') {
      if (isOp('(')) {
        pos++;
        const args: Node[] = [];
        if (!isOp(')')) {
          args.push(or());
          while (isOp(',')) {
            pos++;
            args.push(or());
          }
        }
        expect(')');
        return { k: 'call', name: t.v.toLowerCase(), args };
      }
      return { k: 'ref', name: t.v };
    }
    throw new Unsupported(`« ${t.v} » inattendu`);
  }
  const node = or();
  if (pos < tokens.length) throw new Unsupported('fin d’expression inattendue');
  return node;
}

const FLIP: Record<string, string> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=', '==': '==', '!=': '!=' };

function refOf(node: Node, resolve: Resolve): Exclude<Ref, { kind: 'other' }> {
  if (node.k === 'call') throw new Unsupported(`la fonction « ${node.name} » n’est pas prise en charge`);
  if (node.k !== 'ref') throw new Unsupported('seules les comparaisons entre une question et une valeur sont reprises');
  const name = node.name.replace(/\.NAOK$/i, '');
  if (name.includes('.')) throw new Unsupported(`« ${node.name} » (propriété de question) non pris en charge`);
  const ref = resolve(name);
  if (!ref) throw new Unsupported(`« ${name} » ne désigne pas une question précédente`);
  if (ref.kind === 'other') throw new Unsupported(ref.reason);
  return ref;
}

function valueFor(type: QuestionType, v: string | number): ConditionValue {
  if (type === 'number' || type === 'scale') {
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isFinite(n)) throw new Unsupported(`« ${v} » n’est pas un nombre`);
    return n;
  }
  if (type === 'yes_no') {
    if (v === 'Y') return true;
    if (v === 'N') return false;
    throw new Unsupported(`« ${v} » n’est pas une réponse oui/non (Y ou N)`);
  }
  return String(v);
}

const NEGATE: Record<string, string> = { '==': '!=', '!=': '==', '<': '>=', '>=': '<', '>': '<=', '<=': '>' };

/**
 * `count(that.Q4) > 0`: the number of ticked options of a multiple choice (`that.Q4` stands for all its subquestions)
 * compared with a number. « At least one » and « none » are exactly « answered » and « not answered »; any other
 * number of options cannot be expressed.
 */
function counted(call: Node & { k: 'call' }, op: string, literal: string | number, negated: boolean, resolve: Resolve) {
  const arg = call.args.length === 1 ? call.args[0] : undefined;
  const name =
    arg?.k === 'ref' ? /^that\.([A-Za-z_][A-Za-z0-9_]*)$/i.exec(arg.name.replace(/\.NAOK$/i, ''))?.[1] : undefined;
  if (!name)
    throw new Unsupported('« count » n’est repris que sur les cases d’une question à choix multiple (that.CODE)');
  const ref = resolve(name);
  if (ref?.kind !== 'question' || ref.type !== 'multiple_choice') {
    throw new Unsupported(`« count(that.${name}) » ne porte pas sur une question à choix multiple reprise`);
  }
  const n = Number(literal);
  const o = negated ? NEGATE[op] : op;
  const some = (o === '>' && n === 0) || (o === '>=' && n === 1) || (o === '!=' && n === 0);
  const none = (o === '==' && n === 0) || (o === '<' && n === 1) || (o === '<=' && n === 0);
  if (!some && !none) {
    throw new Unsupported(
      `« count » comparé à ${literal} ne peut pas être exprimé : seuls « au moins une case cochée » et « aucune case cochée » sont repris`,
    );
  }
  return presence(ref.id, some);
}

function presence(id: string, answered: boolean): Comparison {
  return { question: id, op: answered ? 'answered' : 'not_answered' };
}

function translate(node: Node, negated: boolean, resolve: Resolve): Condition {
  switch (node.k) {
    case 'and':
    case 'or': {
      const items = node.items.map((n) => translate(n, negated, resolve));
      return (node.k === 'and') !== negated ? { all: items } : { any: items };
    }
    case 'not':
      return translate(node.item, !negated, resolve);
    case 'call': {
      if (node.name !== 'is_empty' || node.args.length !== 1) {
        throw new Unsupported(`la fonction « ${node.name} » n’est pas prise en charge`);
      }
      const ref = refOf(node.args[0], resolve);
      if (ref.kind === 'option') {
        if (negated) return { question: ref.id, op: 'contains', value: ref.code };
        throw new Unsupported('« option non cochée » ne peut pas être exprimé');
      }
      return presence(ref.id, negated);
    }
    case 'cmp': {
      let { op, left, right } = node;
      if (left.k === 'lit') {
        [left, right] = [right, left];
        op = FLIP[op];
      }
      if (right.k !== 'lit') throw new Unsupported('comparaison entre deux questions non prise en charge');
      if (left.k === 'call' && left.name === 'count') return counted(left, op, right.value, negated, resolve);
      const ref = refOf(left, resolve);
      const literal = right.value;
      if (negated) op = ({ '==': '!=', '!=': '==' } as Record<string, string>)[op] ?? `!${op}`;
      if (ref.kind === 'option') {
        const ticked = (op === '==' && literal === 'Y') || (op === '!=' && literal === '');
        if (ticked) return { question: ref.id, op: 'contains', value: ref.code };
        throw new Unsupported('seul « option cochée » (== "Y") est repris pour une case de choix multiple');
      }
      if (literal === '' && (op === '==' || op === '!=')) return presence(ref.id, op === '!=');
      const value = valueFor(ref.type, literal);
      switch (op) {
        case '==':
          return { question: ref.id, op: 'equals', value };
        case '!=':
          return { question: ref.id, op: 'differs', value };
        case '>':
          return { question: ref.id, op: 'greater', value };
        case '<':
          return { question: ref.id, op: 'less', value };
        case '>=':
          return {
            any: [
              { question: ref.id, op: 'greater', value },
              { question: ref.id, op: 'equals', value },
            ],
          };
        case '<=':
          return {
            any: [
              { question: ref.id, op: 'less', value },
              { question: ref.id, op: 'equals', value },
            ],
          };
        default:
          throw new Unsupported('la négation d’une comparaison d’ordre ne peut pas être exprimée exactement');
      }
    }
    case 'ref':
      throw new Unsupported(`« ${node.name} » seul (sans comparaison) n’est pas pris en charge`);
    default:
      throw new Unsupported('valeur seule sans comparaison');
  }
}

export type RelevanceResult = { condition: Condition | null } | { error: string };

/** Translates a relevance equation; `null` condition when it always holds (empty or `1`). */
export function translateRelevance(source: string, resolve: Resolve): RelevanceResult {
  let src = source.trim();
  if (src.startsWith('{') && src.endsWith('}')) src = src.slice(1, -1).trim();
  if (src === '' || src === '1' || src.toLowerCase() === 'true') return { condition: null };
  try {
    return { condition: translate(parse(tokenize(src)), false, resolve) };
  } catch (e) {
    if (e instanceof Unsupported) return { error: e.message };
    throw e;
  }
}
