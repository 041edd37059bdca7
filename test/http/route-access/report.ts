/** The generated route × persona table, written to .tmp/route-access.md for the note. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { PERSONAS } from '../../../src/platform/http/access.ts';
import type { Persona } from './client.ts';

export interface Cell {
  got: string;
  /** null: no declaration to compare with. */
  ok: boolean | null;
  expected: string;
}

export interface Row {
  route: string;
  module: string;
  declared: string;
  cells: Partial<Record<Persona, Cell>>;
  /** Extra lines: wrong links, narrower resources behind the route. */
  extra: { label: string; cells: Partial<Record<Persona, Cell>> }[];
  problems: string[];
  suggestion: string;
}

const reports = new Map<string, Row[]>();

const cellText = (c: Cell | undefined) =>
  !c ? '' : c.ok === null ? `· ${c.got}` : c.ok ? `✓ ${c.got}` : `✗ ${c.got} (${c.expected})`;

export function recordReport(dialect: string, rows: Row[]): string {
  reports.set(dialect, rows);
  const out: string[] = ['# Routes × personas (test/http/route-access.http.test.ts)', ''];
  out.push(
    'Légende : ✓ conforme à la déclaration · ✗ contraire (attendu entre parenthèses) · « · » pas de déclaration (observé).',
    '',
  );
  for (const [name, list] of reports) {
    const undeclared = list.filter((r) => r.declared === '—');
    const wrong = list.filter((r) => r.declared !== '—' && r.problems.length);
    out.push(
      `## ${name} : ${list.length} routes, ${undeclared.length} sans déclaration, ${wrong.length} en désaccord`,
      '',
    );
    const modules = [...new Set(list.map((r) => r.module))].sort();
    out.push('| module | routes | sans `access` | en désaccord |', '|---|---|---|---|');
    for (const m of modules) {
      const of = list.filter((r) => r.module === m);
      out.push(
        `| ${m} | ${of.length} | ${of.filter((r) => r.declared === '—').length} | ${of.filter((r) => r.declared !== '—' && r.problems.length).length} |`,
      );
    }
    out.push('');
    if (wrong.length) {
      out.push('### Déclaration contraire au comportement', '');
      for (const r of wrong) out.push(`- \`${r.route}\` (${r.module}, ${r.declared}) : ${r.problems.join(' ; ')}`);
      out.push('');
    }
    if (undeclared.length) {
      out.push('### Sans déclaration (proposition d’après le comportement observé)', '');
      for (const r of undeclared) out.push(`- \`${r.route}\` (${r.module}) : ${r.suggestion}`);
      out.push('');
    }
    out.push(
      '### Table',
      '',
      `| route | module | accès | ${PERSONAS.join(' | ')} |`,
      `|---|---|---|${PERSONAS.map(() => '---|').join('')}`,
    );
    for (const r of list) {
      out.push(
        `| \`${r.route}\` | ${r.module} | ${r.declared} | ${PERSONAS.map((p) => cellText(r.cells[p])).join(' | ')} |`,
      );
      for (const e of r.extra) {
        out.push(`| ↳ ${e.label} | | | ${PERSONAS.map((p) => cellText(e.cells[p])).join(' | ')} |`);
      }
    }
    out.push('');
  }
  const text = out.join('\n');
  mkdirSync('.tmp', { recursive: true });
  writeFileSync('.tmp/route-access.md', text);
  return text;
}
