import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { describeEachApp } from '../../../test/helpers/app.ts';
import type { CurrentUser } from '../../platform/auth/user.ts';
import { openDatabase } from '../../platform/db/index.ts';
import { HttpError } from '../../platform/http/errors.ts';
import { createPlatform } from '../../platform/platform.ts';
import { createModules } from '../index.ts';
import { importedBodyCode } from '../organisations/model.ts';
import { FIELDS } from './fields.ts';
import { filledContent } from './fixtures.ts';
import { parseCsv } from './formats/csv.ts';
import { parsePstw } from './formats/pstw.ts';
import type { LibraryService } from './service.ts';

const data = (path: string) => readFileSync(new URL(`../../../../shared/data/${path}`, import.meta.url));

async function rejects(promise: Promise<unknown>, status: number, pattern?: RegExp) {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof HttpError, `HttpError attendue, reçu ${e}`);
    assert.equal(e.status, status, e.message);
    if (pattern) assert.match(`${e.message} ${JSON.stringify(e.fields ?? {})}`, pattern);
    return e;
  }
  assert.fail(`une erreur ${status} était attendue`);
}

describeEachApp('library service', (app) => {
  let library: LibraryService;
  let orgId: number;
  let otherOrg: number;
  let member: CurrentUser;
  let outsider: CurrentUser;
  let coordinator: CurrentUser;
  let admin: CurrentUser;

  const userOf = (id: number, email: string, role: CurrentUser['role'], orgs: number[] = []): CurrentUser => ({
    id,
    email,
    name: email,
    role,
    memberships: orgs.map((organisationId) => ({ organisationId, role: 'member' as const })),
  });

  test('setup', async () => {
    library = app().server.modules.services.library;
    orgId = await app().createOrganisation({
      name: 'Ville de Lumière',
      type: 'commune',
      departementCode: '69',
      regionCode: '84',
    });
    otherOrg = await app().createOrganisation({ name: 'Communauté du Val', type: 'communaute_communes' });
    const m = await app().createUser({
      email: 'agent@lumiere.fr',
      memberships: [{ organisationId: orgId, role: 'member' }],
    });
    const o = await app().createUser({
      email: 'agent@val.fr',
      memberships: [{ organisationId: otherOrg, role: 'member' }],
    });
    const c = await app().createUser({ email: 'coord@reseau.fr', role: 'coordinator' });
    const a = await app().createUser({ email: 'admin@reseau.fr', role: 'admin' });
    member = userOf(m.id, m.email, 'user', [orgId]);
    outsider = userOf(o.id, o.email, 'user', [otherOrg]);
    coordinator = userOf(c.id, c.email, 'coordinator');
    admin = userOf(a.id, a.email, 'admin');
  });

  test('a member writes a draft; only the authority and the coordinators see it', async () => {
    await rejects(library.create(outsider, orgId, { title: 'Intrus' }), 403);
    const row = await library.create(member, orgId, { title: 'Prévision de la consommation d’énergie des écoles' });
    assert.equal(row.state, 'draft');
    assert.equal(row.slug, 'prevision-de-la-consommation-d-energie-des-ecoles');
    assert.equal((await library.sheetPage(member, row.id)).sheet.content.title, row.content.title);
    await rejects(library.sheetPage(null, row.id), 404);
    await rejects(library.sheetPage(outsider, row.id), 404);
    assert.ok(await library.sheetPage(coordinator, row.id));
  });

  let sheetId = 0;
  let version = 0;

  test('saving checks formats, and refuses a stale version with the stored one', async () => {
    const row = await library.create(member, orgId, { title: 'Détection des fuites d’eau' });
    sheetId = row.id;
    const err = await rejects(library.save(member, row.id, row.version, { serviceUrl: 'pas un lien' } as any), 422);
    assert.match((err as HttpError).fields!.serviceUrl!, /https:\/\//);
    const saved = await library.save(member, row.id, row.version, { description: 'Des capteurs repèrent les fuites.' });
    assert.equal(saved.version, row.version + 1);
    const conflict = await rejects(library.save(member, row.id, row.version, { partners: 'Syndicat' }), 409);
    assert.equal((conflict as HttpError).code, 'conflict');
    assert.equal((conflict as any).details.content.description, 'Des capteurs repèrent les fuites.');
    version = saved.version;
  });

  test('an incomplete sheet cannot be submitted; a complete one goes to the coordinators', async () => {
    await rejects(library.act(member, sheetId, 'submit', { version }), 422, /incomplète/);
    const content = {
      ...filledContent('w1'),
      title: 'Détection des fuites d’eau',
      description: 'Des capteurs acoustiques repèrent les fuites sur le réseau d’énergie et d’eau potable.',
      projectStatus: 'deployment' as const,
      abandonReason: null,
    };
    const patch: Record<string, unknown> = {};
    for (const f of FIELDS) if (f.step) patch[f.key] = (content as any)[f.key];
    const saved = await library.save(member, sheetId, version, patch as any);
    await rejects(library.act(coordinator, sheetId, 'submit', { version: saved.version }), 403);
    const submitted = await library.act(member, sheetId, 'submit', { version: saved.version });
    assert.equal(submitted.state, 'submitted');
    await app().server.runJobs();
    const mail = app()
      .outbox()
      .find((m) => m.subject.startsWith('Fiche à relire'));
    assert.ok(mail, 'les coordinateurs sont prévenus');
    assert.deepEqual(mail.to, ['coord@reseau.fr']);
    await rejects(library.save(member, sheetId, submitted.version, { partners: 'x' }), 409, /en relecture/);
    version = submitted.version;
  });

  test('a coordinator asks for changes (with a comment), then publishes', async () => {
    await rejects(library.act(member, sheetId, 'publish', { version }), 403);
    await rejects(library.act(coordinator, sheetId, 'request_changes', { version, comment: ' ' }), 422);
    const changes = await library.act(coordinator, sheetId, 'request_changes', {
      version,
      comment: 'Précisez la base légale.',
    });
    assert.equal(changes.state, 'changes_requested');
    await app().server.runJobs();
    const mail = app()
      .outbox()
      .find((m) => m.subject.startsWith('Modifications demandées'));
    assert.deepEqual(mail?.to, ['agent@lumiere.fr']);
    assert.match(mail!.text, /Précisez la base légale/);
    const saved = await library.save(member, sheetId, changes.version, { legalBasis: 'Délibération du 12 mars 2024' });
    const resubmitted = await library.act(member, sheetId, 'submit', { version: saved.version });
    const published = await library.act(coordinator, sheetId, 'publish', { version: resubmitted.version });
    assert.equal(published.state, 'published');
    assert.ok(published.publishedAt);
    version = published.version;
    const history = await library.versions(null, sheetId);
    assert.deepEqual(
      history.versions.map((v) => v.number),
      [1],
    );
  });

  test('an anonymous visitor sees public fields only; search and facets find the sheet', async () => {
    const page = await library.sheetPage(null, sheetId);
    assert.equal(page.sheet.access, 'public');
    assert.equal(page.sheet.content.contactEmail, undefined);
    assert.equal(page.sheet.content.internalNotes, undefined);
    assert.equal(page.working, null);
    const json = JSON.stringify(page);
    for (const f of FIELDS) if (f.access !== 'public') assert.ok(!json.includes(`w1:${f.key}`), `${f.key} fuit`);

    const found = await library.search(null, { q: 'energie', filters: {}, sort: null, page: 1, perPage: 20 });
    assert.deepEqual(
      found.items.map((i) => i.sheet.id),
      [sheetId],
    );
    assert.ok(
      found.items[0]!.snippet?.some((s) => s.match),
      'extrait surligné',
    );
    const none = await library.search(null, {
      q: 'fuite',
      filters: { status: ['exploration'] },
      sort: null,
      page: 1,
      perPage: 20,
    });
    assert.equal(none.total, 0);
    assert.equal(
      none.facets.status.find((f) => f.code === 'deployment')?.count,
      1,
      'le facette statut montre les autres valeurs',
    );
    const byDep = await library.search(null, {
      q: '',
      filters: { departement: ['69'] },
      sort: null,
      page: 1,
      perPage: 20,
    });
    assert.equal(byDep.total, 1);
    const typo = await library.search(null, { q: 'captuers', filters: {}, sort: null, page: 1, perPage: 20 });
    assert.equal(typo.total, 0);
    assert.equal(typo.suggestion, 'capteurs');
  });

  test('editing a published sheet makes a revision; the published version stays visible until it is published', async () => {
    const saved = await library.save(member, sheetId, version, { title: 'Détection des fuites d’eau potable' });
    const row = await library.findRow(sheetId);
    assert.equal(row!.state, 'published');
    assert.equal(row!.revision, 'draft');
    assert.equal((await library.sheetPage(null, sheetId)).sheet.content.title, 'Détection des fuites d’eau');
    const asMember = await library.sheetPage(member, sheetId);
    assert.equal(asMember.working?.content.title, 'Détection des fuites d’eau potable');
    const submitted = await library.act(member, sheetId, 'submit', { version: saved.version });
    assert.equal(submitted.revision, 'submitted');
    const published = await library.act(coordinator, sheetId, 'publish', { version: submitted.version });
    assert.equal(published.revision, null);
    assert.equal((await library.sheetPage(null, sheetId)).sheet.content.title, 'Détection des fuites d’eau potable');
    const cmp = await library.compare(null, sheetId, 1, 2);
    assert.deepEqual(
      cmp.changes.map((c) => c.key),
      ['title'],
    );
    version = published.version;
  });

  test('archiving needs a reason, removes the sheet from the library and keeps its page', async () => {
    await rejects(library.act(member, sheetId, 'archive', { version }), 422);
    const archived = await library.act(member, sheetId, 'archive', { version, reason: 'Service arrêté en 2025.' });
    assert.equal(archived.state, 'archived');
    assert.equal((await library.search(null, { q: 'fuite', filters: {}, sort: null, page: 1, perPage: 20 })).total, 0);
    assert.equal((await library.sheetPage(null, sheetId)).sheet.archiveReason, 'Service arrêté en 2025.');
    const restored = await library.act(coordinator, sheetId, 'restore', { version: archived.version });
    assert.equal(restored.state, 'published');
    assert.equal((await library.search(null, { q: 'fuite', filters: {}, sort: null, page: 1, perPage: 20 })).total, 1);
    version = restored.version;
  });

  test('anyone can report an error; the authority and the coordinators are told and handle it', async () => {
    await rejects(library.report(null, sheetId, { message: 'court' }), 422);
    const id = await library.report(null, sheetId, {
      message: 'Le lien vers le service ne fonctionne plus.',
      email: 'habitant@exemple.fr',
    });
    await app().server.runJobs();
    const mail = app()
      .outbox()
      .find((m) => m.subject.startsWith('Erreur signalée'));
    assert.deepEqual([...mail!.to].sort(), ['agent@lumiere.fr', 'coord@reseau.fr']);
    assert.equal((await library.reports(member)).length, 1);
    assert.equal((await library.reports(outsider)).length, 0);
    await rejects(library.handleReport(outsider, id), 403);
    await library.handleReport(member, id);
    assert.equal((await library.reports(member)).length, 0);
    await rejects(library.handleReport(coordinator, id), 409);
  });

  test('imports the Interconnectés file (idempotent) and exports the same values', async () => {
    await rejects(library.importFile(member, { format: 'interconnectes', data: data('interconnectes/data.csv') }), 403);
    const dry = await library.importFile(admin, {
      format: 'interconnectes',
      data: data('interconnectes/data.csv'),
      dryRun: true,
    });
    assert.equal(dry.created, 33);
    assert.equal(
      (await library.search(null, { q: 'Stacoptim', filters: {}, sort: null, page: 1, perPage: 5 })).total,
      0,
    );

    const first = await library.importFile(admin, { format: 'interconnectes', data: data('interconnectes/data.csv') });
    assert.deepEqual([first.created, first.updated, first.errors.length], [33, 0, 0]);
    assert.ok(first.organisationsCreated > 20);
    const again = await library.importFile(admin, { format: 'interconnectes', data: data('interconnectes/data.csv') });
    assert.deepEqual([again.created, again.updated, again.unchanged], [0, 0, 33]);
    const found = await library.search(null, { q: 'Stacoptim', filters: {}, sort: null, page: 1, perPage: 5 });
    assert.equal(found.total, 1);
    assert.equal(found.items[0]!.sheet.organisation.name, 'Bordeaux Métropole');

    const file = await library.exportFile('interconnectes');
    const rows = parseCsv(String(file.body)).records;
    const original = parseCsv(data('interconnectes/data.csv').toString('utf8')).records;
    const byName = new Map(rows.slice(1).map((r) => [r.fields[1], r.fields]));
    for (const o of original.slice(1)) {
      const exported = byName.get(o.fields[1]!.trim());
      assert.ok(exported, `ligne ${o.line} exportée`);
      assert.equal(exported[9], o.fields[9]!.replace(/\r\n/g, '\n').trim(), `description ligne ${o.line}`);
      assert.equal(exported[2], o.fields[2]!.replace(/\s/g, ''));
    }
  });

  test('a file with errors changes nothing', async () => {
    const before = await library.statistics();
    const bad = 'Nom_collectivite,Nom_du_projet,SIRET\nVille A,Projet A,21750001600019\nVille B,,123\n';
    const report = await library.importFile(admin, { format: 'interconnectes', data: bad });
    assert.equal(report.errors.length, 2);
    assert.equal(report.created, 0);
    assert.equal((await library.statistics()).total, before.total);
  });

  test('exports JSON, XLSX, ATS and an Atom feed with public fields only', async () => {
    for (const format of ['json', 'ats', 'xlsx', 'interconnectes'] as const) {
      const file = await library.exportFile(format);
      // The Interconnectés file needs a SIRET: the test authority (created without one) is left out.
      assert.equal(file.count, format === 'interconnectes' ? 33 : 34, format);
      const text = Buffer.isBuffer(file.body) ? file.body.toString('latin1') : file.body;
      for (const f of FIELDS)
        if (f.access !== 'public') assert.ok(!text.includes(`w1:${f.key}`), `${format} : ${f.key}`);
    }
    const feed = await library.feed();
    assert.match(feed, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    assert.ok(!feed.includes('w1:contactName'));
  });

  test('statistics count the published sheets by facet', async () => {
    const stats = await library.statistics();
    assert.equal(stats.total, 34);
    assert.equal(
      stats.theme.reduce((s, t) => s + t.count, 0),
      34,
    );
    assert.ok(stats.status.some((s) => s.code === 'finished' && s.count >= 5));
  });

  test('API tokens act as a member of one authority', async () => {
    await rejects(library.createToken(member, orgId, 'Outil'), 403);
    const responsible = { ...member, memberships: [{ organisationId: orgId, role: 'editor' as const }] };
    const token = await library.createToken(responsible, orgId, 'Logiciel de suivi');
    const user = await library.resolveToken(token);
    assert.deepEqual(user?.memberships, [{ organisationId: orgId, role: 'member' }]);
    assert.equal(user?.role, 'user');
    const [row] = await library.tokens(responsible, orgId);
    await library.revokeToken(responsible, orgId, row!.id);
    assert.equal(await library.resolveToken(token), null);
  });
  /** A complete sheet written by `writer` for their authority and published by `reviewer`; its id. */
  async function publishSheet(lib: LibraryService, writer: CurrentUser, reviewer: CurrentUser, title: string) {
    const row = await lib.create(writer, writer.memberships[0]!.organisationId, { title });
    const content = { ...filledContent('t3'), title, projectStatus: 'experimentation', abandonReason: null };
    const patch: Record<string, unknown> = {};
    for (const f of FIELDS) if (f.step) patch[f.key] = (content as Record<string, unknown>)[f.key];
    const saved = await lib.save(writer, row.id, row.version, patch as any);
    const submitted = await lib.act(writer, row.id, 'submit', { version: saved.version });
    await lib.act(reviewer, row.id, 'publish', { version: submitted.version });
    return row.id;
  }

  const everything = (q = '') => ({ q, filters: {}, sort: null, page: 1, perPage: 20 });
  /** How long another process's writes may take to show (none on PostgreSQL; see COUNTER_TRUST_MS). */
  const otherProcessDelay = () =>
    new Promise((resolve) => setTimeout(resolve, app().database.dialect === 'sqlite' ? 300 : 0));

  test('a change made through one instance is seen at once through another sharing the database', async () => {
    // A second server process, as behind a load balancer: its own connections, services and facet index.
    const handle = openDatabase(app().database.url, { poolSize: 2 });
    const twin = createModules(createPlatform(app().server.platform.config, handle)).services.library;
    try {
      const before = await twin.search(null, everything());
      const beforeHere = await library.search(null, everything());
      assert.equal(before.total, beforeHere.total);

      const id = await publishSheet(library, member, coordinator, 'Zorglub : tri des encombrants');
      // PostgreSQL: at once. SQLite serves from one process; another process's writes show within 250 ms.
      await otherProcessDelay();
      const seen = await twin.search(null, everything('zorglub'));
      assert.deepEqual(
        seen.items.map((i) => i.sheet.id),
        [id],
      );
      const all = await twin.search(null, everything());
      assert.equal(all.total, before.total + 1);
      const experimenting = (r: typeof all) => r.facets.status.find((f) => f.code === 'experimentation')?.count ?? 0;
      assert.equal(experimenting(all), experimenting(before) + 1);
      const stats = await twin.statistics();
      assert.equal(stats.total, before.total + 1);

      // And back: archived through the twin, gone here at once.
      const row = await twin.findRow(id);
      await twin.act(coordinator, id, 'archive', { version: row!.version, reason: 'Projet arrêté.' });
      await otherProcessDelay();
      assert.equal((await library.search(null, everything('zorglub'))).total, 0);
      assert.equal((await library.search(null, everything())).total, beforeHere.total);
      assert.equal(experimenting(await library.search(null, everything())), experimenting(beforeHere));
    } finally {
      await twin.close();
      await handle.close();
    }
  });

  test('closing waits for the background work (the index being built) and starts none afterwards', async () => {
    const handle = openDatabase(app().database.url, { poolSize: 2 });
    const twin = createModules(createPlatform(app().server.platform.config, handle)).services.library;
    try {
      assert.equal(twin.indexVersion(), 0);
      twin.warm();
      await twin.close();
      // The index was built before `close` returned; nothing runs once it has.
      assert.ok(twin.indexVersion() > 0);
      const version = twin.indexVersion();
      twin.warm();
      assert.equal(twin.indexVersion(), version);
    } finally {
      await handle.close();
    }
  });

  test('imports the PSTW file once: foreign bodies keep their country, under the organisations module’s code', async () => {
    const file = data('pstw/landscape-2024.csv');
    const first = await library.importFile(admin, { format: 'pstw', data: file });
    assert.deepEqual(first.errors, []);
    assert.equal(first.created, 1617);
    assert.ok(first.organisationsCreated > 100);
    const again = await library.importFile(admin, { format: 'pstw', data: file });
    assert.deepEqual([again.created, again.organisationsCreated], [0, 0]);

    const organisations = app().server.modules.services.organisations;
    const foreign = parsePstw(file).records.find((r) => r.organisation.foreign && !r.organisation.siren)!;
    const body = await organisations.findByCode(importedBodyCode(foreign.organisation));
    assert.ok(body, `organisme importé « ${foreign.organisation.name} »`);
    assert.equal(body.country, foreign.organisation.country);
    assert.equal(body.source, 'import');
    const sheets = await library.search(null, { ...everything(), filters: { organisation: [String(body.id)] } });
    assert.ok(sheets.items.some((i) => i.sheet.organisation.name === foreign.organisation.name));
  });
});
