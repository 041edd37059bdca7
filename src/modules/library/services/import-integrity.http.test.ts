// Integrity of library imports (issue 8, finding 13; issue 9, points 5 and 6), on both databases: sheets are never
// moved to another authority unless asked, a file without types makes no duplicate bodies, dry and real runs report
// the same counts, line numbers hold for every line ending, links are http(s) only, SIRETs are kept, and rows whose
// SIRET fails its check digit find the existing authority.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { describeEachApp, type TestApp } from '../../../../test/helpers/app.ts';
import { fixtureBytes, fixtureText } from '../../../../test/helpers/fixtures.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import type { NewOrganisation, OrganisationsApi } from '../../organisations/index.ts';
import { readCsvText } from '../formats/csv-reader.ts';
import { createImportStateStore } from '../store/imports.ts';
import { libraryOf, person } from '../test-support.ts';

/** An authority as the geographic code gives it (through the organisations api: source « cog », codes, no SIRET). */
function geoOrganisation(app: TestApp, input: NewOrganisation): Promise<number> {
  const organisations = app.server.modules.api('organisations') as Pick<OrganisationsApi, 'createOrganisation'>;
  return organisations.createOrganisation(input);
}

const HEADER = 'Nom_collectivite,Nom_du_projet,SIRET,Statut_du_projet,URL_Service,Date_de_demarrage';

/** The fixture without one column (by name), written back as CSV with the given line end. */
function withoutColumn(text: string, column: string, eol = '\r\n'): string {
  const { rows } = readCsvText(text);
  const at = rows[0]!.fields.indexOf(column);
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return rows
    .map((r) =>
      r.fields
        .filter((_, i) => i !== at)
        .map(cell)
        .join(','),
    )
    .join(eol);
}

describeEachApp('library imports: integrity of authorities, counts and lines', (app) => {
  let admin: CurrentUser;
  const library = () => libraryOf(app());
  const organisations = () =>
    app().server.modules.api('organisations') as {
      findBySiren(siren: string): Promise<{ id: number; name: string; siret: string | null }[]>;
      findByIds(ids: number[]): Promise<{ id: number; name: string }[]>;
      list(
        filter: { q: string },
        page: { limit: number; offset: number },
      ): Promise<{ rows: { id: number; name: string }[] }>;
    };
  /** The sheet of a title, with its authority. */
  const sheetOf = async (title: string) => {
    const row = await app()
      .server.platform.db.selectFrom('use_cases')
      .select('id')
      .where('title', '=', title)
      .executeTakeFirst();
    const sheet = row ? await library().reading.findUseCase(row.id) : null;
    if (!sheet) return undefined;
    const [organisation] = await organisations().findByIds([sheet.organisationId]);
    return { ...sheet, organisation: organisation! };
  };

  test('setup: the authorities of the geographic code (the département has no SIREN there)', async () => {
    admin = await person(app(), 'admin@reseau.fr', 'admin');
    await geoOrganisation(app(), {
      name: 'Ille-et-Vilaine',
      type: 'departement',
      inseeCode: '35',
      departementCode: '35',
      regionCode: '53',
      code: 'departement:35',
      source: 'cog',
    });
    await geoOrganisation(app(), {
      name: 'Toulouse Métropole',
      type: 'metropole',
      siren: '243100518',
      departementCode: '31',
      regionCode: '76',
      code: 'epci:243100518',
      source: 'cog',
    });
  });

  test('a file without « Type_de_collectivite » moves no sheet and creates no duplicate body', async () => {
    const full = fixtureBytes('interconnectes/data.csv');
    const first = await library().imports.importFile(admin, { format: 'interconnectes', data: full });
    assert.deepEqual(first.errors, []);
    const before = await sheetOf('Charte d’usage des assistants rédactionnels');
    assert.ok(before, 'la fiche du département est importée');
    assert.equal(before.organisation.name, 'Ille-et-Vilaine', 'le département est reconnu par son nom');

    const noType = withoutColumn(fixtureText('interconnectes/data.csv'), 'Type_de_collectivite');
    const dry = await library().imports.importFile(admin, { format: 'interconnectes', data: noType, dryRun: true });
    const real = await library().imports.importFile(admin, { format: 'interconnectes', data: noType });
    assert.equal(real.organisationsCreated, 0, JSON.stringify(real.newOrganisations));
    assert.deepEqual(real.leftInPlace, []);
    const after = await sheetOf('Charte d’usage des assistants rédactionnels');
    assert.equal(after!.organisationId, before.organisationId);
    // The dry run announces exactly what the real run does.
    assert.deepEqual(
      [dry.created, dry.updated, dry.unchanged, dry.organisationsCreated, dry.organisationsMatched],
      [real.created, real.updated, real.unchanged, real.organisationsCreated, real.organisationsMatched],
    );
  });

  test('a dry run reports the same counts as the real run when one row changed', async () => {
    const text = fixtureText('interconnectes/data.csv').replace(
      'Des vols de nuit mesurent',
      'Des vols nocturnes mesurent',
    );
    const dry = await library().imports.importFile(admin, { format: 'interconnectes', data: text, dryRun: true });
    const real = await library().imports.importFile(admin, { format: 'interconnectes', data: text });
    assert.deepEqual([real.created, real.updated, real.unchanged], [0, 1, 7]);
    assert.deepEqual([dry.created, dry.updated, dry.unchanged], [real.created, real.updated, real.unchanged]);
  });

  test('an existing sheet stays with its authority unless the import is asked to move it, and the report names it', async () => {
    const bytes = fixtureBytes('pstw/landscape.csv');
    await library().imports.importFile(admin, { format: 'pstw', data: bytes });
    const text = iconv.decode(bytes, 'win1252');
    const moved = text.replace('Public Employment Service Austria', 'Autre organisme public');
    const line501 = text.split(/\r\n|\n|\r/).findIndex((l) => l.startsWith('PSTW-501')) + 1;
    const bodyBefore = (await sheetOf('Job offer matching assistant'))!.organisation.name;
    assert.equal(bodyBefore, 'Public Employment Service Austria');

    const stay = await library().imports.importFile(admin, { format: 'pstw', data: moved });
    assert.deepEqual(stay.errors, []);
    assert.equal(stay.leftInPlaceCount, 1);
    assert.equal(stay.leftInPlace[0]!.title, 'Job offer matching assistant');
    assert.equal(stay.leftInPlace[0]!.line, line501);
    assert.equal((await sheetOf('Job offer matching assistant'))!.organisation.name, bodyBefore);

    const move = await library().imports.importFile(admin, { format: 'pstw', data: moved, rehome: true });
    assert.equal(move.leftInPlaceCount, 0);
    assert.equal(move.updated, 1);
    assert.equal((await sheetOf('Job offer matching assistant'))!.organisation.name, 'Autre organisme public');
  });

  test('warnings and errors carry the right line with CR-only line ends and multi-line cells', async () => {
    const csv = [
      HEADER,
      'Ville A,"Projet sur\rdeux lignes",21750001600019,En déploiement,https://exemple.fr,01/2024',
      'Ville A,Projet suivant,21750001600019,En déploiement,pas de lien,01/2024',
      'Ville A,Projet faux,21750001600019,Statut inventé,,01/2024',
    ].join('\r');
    const report = await library().imports.importFile(admin, { format: 'interconnectes', data: csv, dryRun: true });
    assert.deepEqual(
      report.warnings.map((w) => w.line),
      [4],
    );
    assert.deepEqual(
      report.errors.map((e) => [e.line, e.column]),
      [[5, 'Statut_du_projet']],
    );
  });

  test('link fields refuse javascript: and other non-http(s) addresses (warning with its line), the sheet is imported without the link', async () => {
    const csv = [
      HEADER,
      'Ville de Paris,Signalements express,21750001600019,En déploiement,javascript:alert(document.cookie),01/2024',
    ].join('\n');
    const report = await library().imports.importFile(admin, { format: 'interconnectes', data: csv });
    assert.deepEqual(report.errors, []);
    assert.equal(report.created, 1);
    assert.deepEqual(
      report.warnings.map((w) => [w.line, w.column]),
      [[2, 'URL_Service']],
    );
    const sheet = await sheetOf('Signalements express');
    assert.equal(sheet!.content.serviceUrl ?? null, null);
  });

  test('two projects of one authority whose long names differ only at the end are two sheets', async () => {
    const long =
      'Analyse automatique des délibérations du conseil municipal pour la commission des finances et du budget';
    const csv = [
      HEADER,
      `Ville de Paris,"${long}, édition 2023",21750001600019,En déploiement,,01/2024`,
      `Ville de Paris,"${long}, édition 2024",21750001600019,En déploiement,,01/2024`,
    ].join('\n');
    const report = await library().imports.importFile(admin, { format: 'interconnectes', data: csv });
    assert.deepEqual(report.errors, []);
    assert.equal(report.created, 2);
  });

  test('rows whose SIRET fails its check digit find the existing authority by name, named in the report; a valid SIRET is kept', async () => {
    const file = fixtureBytes('interconnectes/bad-sirets.csv');
    const dry = await library().imports.importFile(admin, { format: 'interconnectes', data: file, dryRun: true });
    assert.deepEqual(dry.errors, []);
    assert.deepEqual(
      dry.approximateMatches.map((m) => [m.line, m.matchedName]),
      [
        [3, 'Toulouse Métropole'],
        [4, 'Toulouse Métropole'],
        [5, 'Toulouse Métropole'],
      ],
    );
    assert.deepEqual(
      dry.newOrganisations.map((o) => o.name),
      ['Ville de Lyon'],
    );
    const real = await library().imports.importFile(admin, { format: 'interconnectes', data: file });
    assert.deepEqual(
      [real.created, real.organisationsCreated, real.approximateMatches.length],
      [dry.created, dry.organisationsCreated, dry.approximateMatches.length],
    );
    assert.equal(real.created, 5);
    const toulouse = (await organisations().findBySiren('243100518'))!;
    assert.equal(toulouse.length, 1, 'aucun second « Toulouse Métropole »');
    assert.equal(toulouse[0]!.siret, '24310051800170', 'le SIRET valide du fichier est gardé');
    assert.equal(real.siretsKept, 1, 'Toulouse Métropole (la Ville de Lyon est créée avec le sien)');
    for (const title of [
      'Prévision des repas de la cuisine centrale',
      'Classement des délibérations par thème',
      'Îlots de chaleur, mesure en continu',
      'Repérage des conflits d’intérêts',
    ]) {
      assert.equal((await sheetOf(title))?.organisationId, toulouse[0]!.id, title);
    }
    const homonyms = (await organisations().list({ q: 'Toulouse Métropole' }, { limit: 10, offset: 0 })).rows;
    assert.equal(homonyms.filter((o) => o.name === 'Toulouse Métropole').length, 1);
  });

  test('an import interrupted after some batches resumes after the rows it wrote, and counts them once', async () => {
    const rows = Array.from(
      { length: 30 },
      (_, i) => `Ville de Paris,Projet repris ${i + 1},21750001600019,En déploiement,,01/2024`,
    );
    const csv = [HEADER, ...rows].join('\n');
    const sha256 = createHash('sha256').update(csv).digest('hex');
    const db = app().server.platform.db;
    // What a crash leaves: the first 12 rows' batch committed with its state (here, the state alone: the rows are
    // written below by the first 12 lines of the same file, as the interrupted run did).
    const first12 = [HEADER, ...rows.slice(0, 12)].join('\n');
    const head = await library().imports.importFile(admin, { format: 'interconnectes', data: first12 });
    assert.equal(head.created, 12);
    const at = '2026-03-01T09:00:00.000Z';
    await db.transaction().execute((trx) =>
      createImportStateStore(db).save(
        'interconnectes',
        sha256,
        {
          status: 'running',
          position: 12,
          nextLine: 14,
          created: 12,
          updated: 0,
          unchanged: 0,
          leftInPlace: 0,
          startedAt: at,
          updatedAt: at,
        },
        trx,
      ),
    );
    const resumed = await library().imports.importFile(admin, { format: 'interconnectes', data: csv });
    assert.equal(resumed.resumedAfter, 12);
    assert.deepEqual([resumed.created, resumed.updated, resumed.unchanged], [30, 0, 0]);
    const state = await createImportStateStore(db).get('interconnectes', sha256);
    assert.equal(state?.status, 'done');
    assert.equal(state?.position, 30);
    const again = await library().imports.importFile(admin, { format: 'interconnectes', data: csv });
    assert.deepEqual([again.created, again.updated, again.unchanged, again.resumedAfter], [0, 0, 30, 0]);
  });
});
