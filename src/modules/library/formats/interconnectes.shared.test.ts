// The real Interconnectés files of ../shared/data (33 use cases, their schema, the 10-row full model): read when the
// folder exists, required under CI=true. The same behaviours on our own fixtures: interconnectes.test.ts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { fixtureText } from '../../../../test/helpers/fixtures.ts';
import { describeSharedData, sharedDataFile } from '../../../../test/helpers/shared-data.ts';
import { INTERCONNECTES_PUBLIC_COLUMNS } from '../fields.ts';
import { ANONYMOUS, type ImportRecord, type PresentedUseCase, present, type UseCaseRecord } from '../model.ts';
import { audiences, authorityTypes, INTERCONNECTES_VALUES, projectStatuses } from '../reference.ts';
import { parseCsv } from './csv.ts';
import { exportInterconnectes, parseInterconnectes } from './interconnectes.ts';
import { type TableSchema, validateTable } from './table-schema.ts';

const file = (name: string) => readFileSync(sharedDataFile(`interconnectes/${name}`));
const LIST_FIELDS = { Sous_Theme: ', ', Audience: ', ' };

/** Imported rows as published sheets presented to an anonymous visitor (what the open-data export receives). */
function publishedSheets(records: readonly ImportRecord[]): PresentedUseCase[] {
  const orgIds = new Map<string, number>();
  return records.map((r, i) => {
    const key = r.organisation.siret ?? r.organisation.siren!;
    if (!orgIds.has(key)) orgIds.set(key, orgIds.size + 1);
    const id = orgIds.get(key)!;
    const record: UseCaseRecord = {
      id: i + 1,
      slug: `fiche-${i + 1}`,
      organisationId: id,
      organisation: {
        id,
        name: r.organisation.name,
        type: r.organisation.type,
        siren: r.organisation.siren,
        siret: r.organisation.siret,
        country: r.organisation.country,
      },
      state: 'published',
      revision: null,
      version: 1,
      content: r.content,
      externalKey: r.externalKey,
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
      publishedAt: '2025-01-01T00:00:00.000Z',
      archivedAt: null,
      archiveReason: null,
    };
    return present(record, ANONYMOUS)!;
  });
}

describeSharedData('Interconnectés public file (data.csv, 16 columns)', () => {
  const schema = JSON.parse(file('schema.json').toString('utf8')) as TableSchema;
  const parsed = parseInterconnectes(file('data.csv'));

  it('reads all 33 rows without error', () => {
    assert.equal(parsed.variant, 'public');
    assert.equal(parsed.rows, 33);
    assert.equal(parsed.records.length, 33);
    assert.deepEqual(parsed.errors, []);
  });

  it('maps themes, sub-themes, statuses, audiences, types, SIRET and dates', () => {
    const stacoptim = parsed.records[0]!;
    assert.equal(stacoptim.externalKey, 'interconnectes:24330031600011:stacoptim');
    assert.equal(stacoptim.line, 2);
    assert.deepEqual(stacoptim.organisation, {
      name: 'Bordeaux Métropole',
      siret: '24330031600011',
      siren: '243300316',
      type: 'metropole',
      country: 'FR',
      foreign: false,
      sourceCategory: null,
    });
    assert.equal(stacoptim.content.theme, 'ecological_transition');
    assert.deepEqual(stacoptim.content.subThemes, ['digital_twin', 'energy_performance']);
    assert.equal(stacoptim.content.projectStatus, 'experimentation');
    assert.equal(stacoptim.content.startDate, '2024-01');
    assert.equal(stacoptim.content.infoUpdatedOn, '2025-05-22');
    assert.deepEqual(stacoptim.content.audiences, ['agents']);
    assert.equal(stacoptim.content.latitude, 44.8360737);

    const spaced = parsed.records.find((r) => r.organisation.name === "Département d'Ille et Vilaine")!;
    assert.equal(spaced.organisation.siret, '22350001800013');
    const finished = parsed.records.filter((r) => r.content.projectStatus === 'finished');
    assert.ok(finished.length >= 5, '« Terminé » est lu');
    const ept = parsed.records.find((r) => r.organisation.name.startsWith('Etablissement Public Territorial'))!;
    assert.equal(ept.organisation.type, 'epci');
    const multiline = parsed.records.find((r) => r.content.title?.startsWith('Expérimentation\nassistance'));
    assert.ok(multiline, 'les retours à la ligne des noms sont conservés');
  });

  it('warns, with line and column, about links that are not web addresses, and keeps them', () => {
    const w = parsed.warnings.filter((x) => x.column === 'URL_Service');
    assert.equal(w.length, 5);
    assert.equal(w[0]!.line, 16);
    const kept = parsed.records.find((r) => r.line === 16)!;
    assert.equal(kept.content.serviceUrl, 'accès interne uniquement');
  });

  it('exports a file that validates against their schema.json', () => {
    const { csv, count, skipped } = exportInterconnectes(publishedSheets(parsed.records));
    assert.equal(count, 33);
    assert.deepEqual(skipped, []);
    assert.ok(csv.startsWith(`${INTERCONNECTES_PUBLIC_COLUMNS.join(',')}\r\n`));
    assert.deepEqual(validateTable(schema, csv, { columns: 'subset', listFields: LIST_FIELDS }), []);
  });

  it('round-trips: importing data.csv then exporting gives back the same values for all 33 rows', () => {
    const { csv } = exportInterconnectes(publishedSheets(parsed.records));
    const original = parseCsv(file('data.csv').toString('utf8')).records.slice(1);
    const exported = parseCsv(csv).records.slice(1);
    assert.equal(exported.length, 33);
    const col = (name: string) => INTERCONNECTES_PUBLIC_COLUMNS.indexOf(name as never);
    // Columns written in their schema's vocabulary: the same value, in its canonical spelling.
    const canonical: Record<string, (v: string) => string> = {
      SIRET: (v) => v.replace(/\s/g, ''),
      Type_de_collectivite: (v) => INTERCONNECTES_VALUES.authorityTypes[authorityTypes.match(v)!],
      Statut_du_projet: (v) => INTERCONNECTES_VALUES.projectStatuses[projectStatuses.match(v)!],
      Audience: (v) =>
        [...new Set(v.split(',').map((a) => INTERCONNECTES_VALUES.audiences[audiences.match(a)!]))].join(', '),
    };
    for (let row = 0; row < 33; row++) {
      const before = original[row]!.fields;
      const after = exported[row]!.fields;
      for (const name of INTERCONNECTES_PUBLIC_COLUMNS) {
        // Surrounding spaces are trimmed and Windows line ends inside a cell become \n on import.
        const a = before[col(name)]!.replace(/\r\n/g, '\n').trim();
        const b = after[col(name)]!;
        const where = `ligne ${original[row]!.line}, ${name}`;
        if (name === 'Latitude' || name === 'Longitude') assert.equal(Number(b), Number(a), where);
        else if (canonical[name]) assert.equal(b, canonical[name]!(a), where);
        else assert.equal(b, a, where);
      }
    }
    // What changes is only spelling: « Terminé » -> « Terminée », « Métropole » -> « EPCI », « Élu » -> « Elu ».
    const changedTypes = original.filter(
      (r, i) => r.fields[col('Type_de_collectivite')] !== exported[i]!.fields[col('Type_de_collectivite')],
    );
    assert.ok(changedTypes.length > 0);
  });

  it('reads its own export back to the same sheets', () => {
    const { csv } = exportInterconnectes(publishedSheets(parsed.records));
    const again = parseInterconnectes(csv);
    assert.deepEqual(again.errors, []);
    assert.equal(again.records.length, 33);
    for (let i = 0; i < 33; i++) {
      const a = parsed.records[i]!;
      const b = again.records[i]!;
      assert.equal(b.externalKey, a.externalKey, 'clé externe stable');
      assert.deepEqual(b.content, a.content, `contenu ligne ${a.line}`);
      assert.equal(b.organisation.siret, a.organisation.siret);
      // Their vocabulary has one value for every intercommunal body.
      assert.equal(
        INTERCONNECTES_VALUES.authorityTypes[b.organisation.type!],
        INTERCONNECTES_VALUES.authorityTypes[a.organisation.type!],
      );
    }
  });
});

describeSharedData('Interconnectés full model (beta-full-model.csv, 27 columns)', () => {
  const parsed = parseInterconnectes(file('beta-full-model.csv'));

  it('is recognised by its header and read without error', () => {
    assert.equal(parsed.variant, 'full');
    assert.equal(parsed.records.length, 10);
    assert.deepEqual(parsed.errors, []);
  });

  it('reads month/day dates written by a spreadsheet, and says so', () => {
    const [smartWaste, airQuality] = parsed.records;
    assert.equal(smartWaste!.content.startDate, '2023-01-01');
    assert.equal(airQuality!.content.startDate, '2022-03-01');
    assert.equal(airQuality!.content.infoUpdatedOn, '2024-12-12');
    assert.ok(parsed.warnings.some((w) => w.column === 'projet_date' && /mois\/jour\/année/.test(w.message)));
  });

  it('maps short theme names, budget spellings and restricted fields', () => {
    const [smartWaste, airQuality, smartTraffic] = parsed.records;
    assert.equal(smartWaste!.content.theme, 'ecological_transition');
    assert.equal(smartTraffic!.content.theme, 'mobility');
    assert.equal(airQuality!.content.budgetBand, 'from_50k_to_100k');
    assert.equal(smartWaste!.content.budgetBand, 'above_100k');
    assert.equal(smartWaste!.content.contactEmail, 'dechets@coll-cyz.fr');
    assert.equal(smartWaste!.content.implementation, 'service_providers');
    assert.equal(smartWaste!.content.hosting, 'third_party_cloud');
    assert.equal(smartWaste!.content.algorithmName, 'OptimisationRoute');
    assert.deepEqual(smartWaste!.content.techniques, ['machine_learning']);
    assert.equal(smartWaste!.content.dataAccess, 'api');
    assert.equal(smartWaste!.content.funding, 'DIAT');
    assert.equal(airQuality!.organisation.type, 'region');
    assert.deepEqual(airQuality!.content.subThemes, ['health_access', 'data_platform']);
  });

  it('keeps a data source outside the list as details, with a warning', () => {
    const smartWaste = parsed.records[0]!;
    assert.deepEqual(smartWaste.content.dataSources, []);
    assert.equal(smartWaste.content.dataSourceDetails, 'Capteurs IoT');
    assert.ok(parsed.warnings.some((w) => w.line === 2 && w.column === 'donnees_source'));
  });
});

describeSharedData('our fixtures keep the layouts of the real Interconnectés files', () => {
  const headerOf = (text: string) => parseCsv(text).records[0]!.fields;
  it('data.csv and full-model.csv have the real headers, column for column', () => {
    assert.deepEqual(headerOf(fixtureText('interconnectes/data.csv')), headerOf(file('data.csv').toString('utf8')));
    assert.deepEqual(
      headerOf(fixtureText('interconnectes/full-model.csv')),
      headerOf(file('beta-full-model.csv').toString('utf8')),
    );
  });

  it('schema.json has their field names, types and constraints', () => {
    type Field = { name: string; type: string; constraints?: unknown };
    const real = (JSON.parse(file('schema.json').toString('utf8')) as { fields: Field[] }).fields;
    const ours = (JSON.parse(fixtureText('interconnectes/schema.json')) as { fields: Field[] }).fields;
    assert.deepEqual(
      ours,
      real.map((f) => ({ name: f.name, type: f.type, ...(f.constraints ? { constraints: f.constraints } : {}) })),
    );
  });
});
