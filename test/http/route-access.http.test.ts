/**
 * The route × role table (issue 7, item 7): every route the application registers is requested as each of the six
 * personas of src/platform/http/access.ts, and the answer is checked against the route's `config.access`:
 * an allowed persona is let through (not 401/403, not sent to /connexion), a refused one is stopped (401/403, the
 * sign-in redirect for a visitor's page, or what `config.accessDenied` declares). A `link` route works with the
 * valid link for everyone and not with a wrong one.
 *
 * Fails on: a route without `access`; a route without a case in test/http/route-access/cases.ts; a case whose route
 * no longer exists; any answer contrary to the declaration. Writes the whole table to .tmp/route-access.md.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type Access, type AccessDenied, PERSONAS } from '../../src/platform/http/access.ts';
import type { RegisteredRoute } from '../../src/server.ts';
import { describeEachApp } from '../helpers/app.ts';
import { CASES, type Case } from './route-access/cases.ts';
import type { Persona, Req, Sent } from './route-access/client.ts';
import { type Cell, type Row, recordReport } from './route-access/report.ts';
import { describeSent, expectationFor, outcomeOf, PASSED, suggestAccess } from './route-access/verdict.ts';
import { buildWorld, type World } from './route-access/world.ts';

const IGNORED = new Set(['/healthz', '/readyz']);
/** Route patterns compare without their parameters' names (`:id` and `:ref` name the same segment). */
const shape = (key: string) => key.replace(/:[A-Za-z0-9_]+/g, ':');
const keyOf = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

/** The application's routes that the table must cover: no HEAD duplicates, probes or static files. */
function routesOf(all: readonly RegisteredRoute[]): RegisteredRoute[] {
  const seen = new Set<string>();
  return all.filter((r) => {
    if (r.method === 'HEAD' || r.method === 'OPTIONS' || IGNORED.has(r.url)) return false;
    if (!r.url.includes(':') && existsSync(join('public', r.url)) && r.url !== '/') return false;
    const key = keyOf(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const casesByShape = new Map(Object.entries(CASES).map(([key, c]) => [shape(key), { key, c }]));
const phaseOf = (c: Case | undefined) => c?.phase ?? 0;

describeEachApp('route × role table', (app) => {
  let world: World;
  let routes: RegisteredRoute[] = [];
  const rows: Row[] = [];

  before(async () => {
    routes = routesOf(app().server.routes);
    world = await buildWorld(app());
  });

  after(() => {
    if (!rows.length) return;
    const text = recordReport(app().database.dialect, rows);
    if (process.env.ROUTE_ACCESS_PRINT === '1') console.log(text);
  });

  test('every route of the application has a case in the table, and every case a route', () => {
    const problems: string[] = [];
    const present = new Set(routes.map((r) => shape(keyOf(r))));
    for (const r of routes)
      if (!casesByShape.has(shape(keyOf(r)))) problems.push(`route sans cas de test : ${keyOf(r)}`);
    for (const key of Object.keys(CASES))
      if (!present.has(shape(key))) problems.push(`cas de test sans route : ${key}`);
    assert.deepEqual(problems, [], problems.join('\n'));
  });

  test('every route declares who may use it (config.access)', () => {
    const missing = routes.filter((r) => !r.config?.access).map((r) => keyOf(r));
    assert.deepEqual(missing, [], `routes sans config.access :\n${missing.join('\n')}`);
  });

  test('each route answers each persona as it declares', async (t) => {
    const ordered = routes
      .map((r, index) => ({ r, index, entry: casesByShape.get(shape(keyOf(r))) }))
      .sort((a, b) => phaseOf(a.entry?.c) - phaseOf(b.entry?.c) || a.index - b.index);
    for (const { r, entry } of ordered) {
      await t.test(keyOf(r), async () => {
        if (!entry) assert.fail(`route sans cas de test : ${keyOf(r)}`);
        const row = await exercise(world, r, entry.c);
        rows.push(row);
        if (row.problems.length) assert.fail(`${keyOf(r)} (${row.declared}) :\n  ${row.problems.join('\n  ')}`);
      });
    }
  });
});

async function exercise(w: World, route: RegisteredRoute, c: Case): Promise<Row> {
  const access = route.config?.access as Access | undefined;
  const denied = route.config?.accessDenied as AccessDenied | undefined;
  const row: Row = {
    route: keyOf(route),
    module: c.module,
    declared:
      access === undefined
        ? '—'
        : `${access === 'link' ? 'link' : suggestAccess(access)}${denied ? ` (refus : ${denied})` : ''}`,
    cells: {},
    extra: [],
    problems: [],
    suggestion: '',
  };
  const send = async (persona: Persona, req: Req): Promise<Sent> => w.clients[persona].send(req, route.method);
  const judge = (
    persona: Persona,
    sent: Sent,
    expected: ReturnType<typeof expectationFor> | null,
    label: string,
  ): Cell => {
    const got = describeSent(sent);
    if (!expected) return { got, ok: null, expected: '' };
    const ok = expected.accepted.has(outcomeOf(sent));
    if (!ok) row.problems.push(`${label}${persona} : ${got}, attendu ${expected.label}`);
    return { got, ok, expected: expected.label };
  };

  const passed: Persona[] = [];
  const sentBy: Partial<Record<Persona, Sent>> = {};
  for (const persona of PERSONAS) {
    const sent = await send(persona, await c.request(w, persona));
    sentBy[persona] = sent;
    if (PASSED.has(outcomeOf(sent))) passed.push(persona);
    const expected = access === undefined ? null : expectationFor(access, denied, persona, 'valid');
    row.cells[persona] = judge(persona, sent, expected, '');
  }
  // A page that shows to some and redirects the others elsewhere (sign-in page for the signed-in…).
  const shown = passed.filter((p) => outcomeOf(sentBy[p]!) !== 'redirect');
  const redirectNote =
    route.method === 'GET' && shown.length && shown.length < passed.length
      ? ` (ou ${suggestAccess(shown)} avec accessDenied: 'redirect')`
      : '';
  row.suggestion = `${suggestAccess(passed)}${redirectNote} — observé : ${PERSONAS.map((p) => `${p} ${row.cells[p]?.got}`).join(', ')}`;

  if (access === 'link' && !c.wrongLink) row.problems.push('route « link » sans requête au lien faux dans la table');
  if (c.wrongLink) {
    const cells: Row['cells'] = {};
    const stopped: Persona[] = [];
    for (const persona of PERSONAS) {
      const sent = await send(persona, await c.wrongLink(w, persona));
      if (!PASSED.has(outcomeOf(sent))) stopped.push(persona);
      const expected = access === 'link' ? expectationFor('link', undefined, persona, 'wrong') : null;
      cells[persona] = judge(persona, sent, expected, 'lien faux, ');
    }
    row.extra.push({ label: 'lien faux', cells });
    if (access === undefined && stopped.length === PERSONAS.length) row.suggestion = `ACCESS.link — ${row.suggestion}`;
  }

  for (const variant of c.also ?? []) {
    const cells: Row['cells'] = {};
    for (const persona of PERSONAS) {
      const sent = await send(persona, await variant.request(w));
      const expected = expectationFor(variant.access, variant.accessDenied, persona, 'valid');
      cells[persona] = judge(persona, sent, expected, `${variant.label}, `);
    }
    row.extra.push({ label: variant.label, cells });
  }

  if (access === undefined) row.problems.unshift(`accès non déclaré (proposition : ${row.suggestion})`);
  return row;
}
