// The inventory of public algorithms (CRPA L312-1-3, issue 11 #5): Etalab's columns, one row per published sheet of
// the network or of one authority (?siren= / --authority), public fields only, CSV and XLSX, linked from the open-data
// page; a bad or unknown SIREN is told in French (400 / 404 on the web, exit code 2 / 1 from the command).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { describeEachApp } from '../../../../test/helpers/app.ts';
import type { CurrentUser } from '../../../platform/auth/user.ts';
import { UsageError } from '../../../platform/module.ts';
import { libraryCommands } from '../commands.ts';
import { parseCsv } from '../formats/csv.ts';
import { inventoryHeader } from '../formats/inventaire.ts';
import { libraryOf, person, publishUseCase } from '../test-support.ts';

const ETALAB_COLUMNS = [
  "Nom de l'administration concernée",
  'Direction/service porteur',
  "Contact au sein de l'administration concernée",
  'Date de mise à jour des informations',
  "Nom de l'algorithme",
  'Contexte global',
  "Finalité de l'algorithme",
  "Comment et quand l'algorithme intervient-il dans la prise de décision ?",
  "Niveau d'automatisation de la décision",
  'Fondements juridiques',
  'Ressources connexes (décision)',
  'Nombre de décisions administratives prises par an',
  'Portée de la décision',
  'Public concerné par la décision',
  'Données traitées',
  'Source des données traitées',
  'Mode de collecte des données traitées',
  "Type d'algorithme",
  "Opérations effectuées par l'algorithme",
  'Ressources connexes (fonctionnement)',
];

describeEachApp('the inventory of public algorithms (L312-1-3) in Etalab’s layout', (app) => {
  const SIREN_A = '219440109';
  const SIREN_B = '213502388';
  let writerA: CurrentUser;
  let sheetA: { id: number };

  const rowsOf = (body: string) => parseCsv(body).records.map((r) => r.fields);

  test('setup: two sheets published by one authority, one by another, a draft', async () => {
    const a = await app().createOrganisation({ name: 'Ville Inventoriée', type: 'commune', siren: SIREN_A });
    const b = await app().createOrganisation({ name: 'Métropole Recensée', type: 'epci', siren: SIREN_B });
    writerA = await person(app(), 'algo@inventoriee.fr', 'user', [a], 'editor');
    const writerB = await person(app(), 'algo@recensee.fr', 'user', [b], 'editor');
    const reviewer = await person(app(), 'coordination@inventaire.fr', 'coordinator');
    const library = libraryOf(app());
    sheetA = await publishUseCase(library, writerA, reviewer, 'Attribution des places en crèche', {
      marker: 'inv1',
      content: {
        decisionsPerYear: 1200,
        legalBasis: 'Délibération du conseil municipal',
        contactEmail: 'secret-inv1@x.fr',
      },
    });
    await publishUseCase(library, writerA, reviewer, 'Calcul du quotient familial', { marker: 'inv2' });
    await publishUseCase(library, writerB, reviewer, 'Tri des demandes de subvention', { marker: 'inv3' });
    await library.writing.create(writerA, a, { title: 'Brouillon jamais publié' });
  });

  test('the CSV follows Etalab’s columns, in their order, then ours; one row per published sheet', async () => {
    const res = await app().agent().get('/donnees-ouvertes/inventaire-algorithmes.csv?separateur=virgule');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/csv/);
    const [header, ...rows] = rowsOf(res.body);
    assert.deepEqual(header!.slice(0, ETALAB_COLUMNS.length), ETALAB_COLUMNS);
    assert.deepEqual(header!.slice(ETALAB_COLUMNS.length), [
      "SIREN de l'administration",
      'Catégorie de risque (règlement européen sur l’IA)',
      'Fiche dans la bibliothèque',
    ]);
    assert.deepEqual(header, inventoryHeader());
    const names = rows.map((r) => r[4]).sort();
    assert.deepEqual(names, [
      'Attribution des places en crèche',
      'Calcul du quotient familial',
      'Tri des demandes de subvention',
    ]);
    const creche = rows.find((r) => r[4] === 'Attribution des places en crèche')!;
    const col = (label: string) => creche[header!.indexOf(label)];
    assert.equal(col("Nom de l'administration concernée"), 'Ville Inventoriée');
    assert.equal(col("SIREN de l'administration"), SIREN_A);
    assert.equal(col('Nombre de décisions administratives prises par an'), '1200');
    assert.equal(col('Fondements juridiques'), 'Délibération du conseil municipal');
    assert.match(col('Fiche dans la bibliothèque')!, new RegExp(`/bibliotheque/${sheetA.id}-`));
    // Fields reserved to the network's members never reach the public file.
    assert.doesNotMatch(res.body, /secret-inv1/);
    assert.equal(col("Contact au sein de l'administration concernée"), '');
    assert.doesNotMatch(res.body, /Brouillon jamais publié/);
  });

  test('?siren= keeps one authority’s sheets; an unknown SIREN is a 404, a malformed one a 400, in French', async () => {
    const visitor = app().agent();
    const one = rowsOf((await visitor.get(`/donnees-ouvertes/inventaire-algorithmes.csv?siren=${SIREN_A}`)).body);
    assert.deepEqual(
      one.slice(1).map((r) => r[0]),
      ['Ville Inventoriée', 'Ville Inventoriée'],
    );
    const unknown = await visitor.get('/donnees-ouvertes/inventaire-algorithmes.csv?siren=552100554');
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.body, /Aucune collectivité ni aucun organisme du réseau n’a le SIREN 552100554/);
    const bad = await visitor.get('/donnees-ouvertes/inventaire-algorithmes.csv?siren=12AB');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Le SIREN doit compter 9 chiffres/);
  });

  test('the XLSX holds the same header and rows', async () => {
    const res = await app().agent().get(`/donnees-ouvertes/inventaire-algorithmes.xlsx?siren=${SIREN_B}`);
    assert.equal(res.statusCode, 200);
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = workbook.getWorksheet('Inventaire')!;
    assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), inventoryHeader());
    assert.equal(ws.rowCount, 2);
    assert.equal(ws.getRow(2).getCell(5).value, 'Tri des demandes de subvention');
  });

  test('the open-data page links both inventory files', async () => {
    const page = await app().agent().get('/donnees-ouvertes');
    assert.match(page.body, /href="\/donnees-ouvertes\/inventaire-algorithmes\.csv"/);
    assert.match(page.body, /href="\/donnees-ouvertes\/inventaire-algorithmes\.xlsx"/);
  });

  test('the command `export --format inventaire`: --authority filters, a bad value is a French usage error', async () => {
    const command = libraryCommands(libraryOf(app())).export!;
    const dir = mkdtempSync(join(tmpdir(), 'inventaire-'));
    const out = join(dir, 'inventaire.csv');
    assert.equal(await command.run({ format: 'inventaire', authority: SIREN_B, out }, []), 0);
    const rows = rowsOf(readFileSync(out, 'utf8'));
    assert.deepEqual(
      rows.slice(1).map((r) => r[4]),
      ['Tri des demandes de subvention'],
    );
    await assert.rejects(
      command.run({ format: 'inventaire', authority: 'nantes' }, []),
      (e: Error) => e instanceof UsageError && /--authority doit être le SIREN d’une collectivité/.test(e.message),
    );
    assert.equal(await command.run({ format: 'inventaire', authority: '552100554', out }, []), 1);
    const xlsx = join(dir, 'inventaire.xlsx');
    assert.equal(await command.run({ format: 'inventaire', out: xlsx }, []), 0);
    assert.equal(readFileSync(xlsx).subarray(0, 2).toString(), 'PK');
  });
});
