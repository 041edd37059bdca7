// Reference lists (stable codes, French labels) and their mapping to the Interconnectés and PSTW vocabularies.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixtureText } from '../../../test/helpers/fixtures.ts';
import {
  aiActRiskCategories,
  audiences,
  authorityTypes,
  budgetBands,
  commonsCategories,
  countries,
  dataAccessModes,
  dataSources,
  effectivenessGaps,
  explainabilityLevels,
  hosting,
  INTERCONNECTES_VALUES,
  implementationModes,
  normaliseLabel,
  projectStatuses,
  REFERENCE_LISTS,
  type ReferenceList,
  subThemes,
  subThemesOf,
  techniques,
  themes,
} from './reference.ts';

// Their schema's field names and vocabularies (our copy without their texts: test/fixtures/interconnectes/schema.json;
// the same cases on their real schema.json: reference.shared.test.ts).
const schema = JSON.parse(fixtureText('interconnectes/schema.json')) as {
  fields: { name: string; constraints?: { enum?: string[] } }[];
};
const enumOf = (name: string) => schema.fields.find((f) => f.name === name)!.constraints!.enum!;

describe('reference lists', () => {
  it('have unique codes and French labels', () => {
    for (const list of Object.values(REFERENCE_LISTS) as ReferenceList[]) {
      assert.equal(new Set(list.codes).size, list.codes.length, list.key);
      assert.ok(list.items.length > 0, list.key);
      for (const item of list.items) assert.ok(item.label.trim().length > 1, `${list.key}.${item.code}`);
    }
  });

  it('has the 6 themes and the 34 sub-themes of the Interconnectés standard, with their exact labels', () => {
    assert.equal(themes.items.length, 6);
    assert.deepEqual(
      themes.items.map((t) => t.label),
      enumOf('Theme'),
    );
    assert.deepEqual(new Set(subThemes.items.map((s) => s.label)), new Set(enumOf('Sous_Theme')));
    assert.equal(subThemes.items.length, 34);
    let grouped = 0;
    for (const theme of themes.codes) grouped += subThemesOf(theme).length;
    assert.equal(grouped, 34, 'chaque sous-thème est rangé sous un thème');
  });

  it('has the statuses, audiences and commons categories the issue lists', () => {
    assert.deepEqual(projectStatuses.codes, ['exploration', 'experimentation', 'deployment', 'finished', 'abandoned']);
    assert.deepEqual(commonsCategories.codes, [
      'forecasting',
      'anomaly_detection',
      'text_extraction',
      'aerial_shape_classification',
      'conversational_assistant',
      'optimisation',
      'other',
    ]);
    assert.equal(audiences.items.length, 9);
  });

  it('reads back every value of the Interconnectés schema enumerations', () => {
    const pairs: [string, ReferenceList][] = [
      ['Type_de_collectivite', authorityTypes as unknown as ReferenceList],
      ['Statut_du_projet', projectStatuses],
      ['budget', budgetBands],
      ['mise_en_oeuvre', implementationModes],
      ['Theme', themes],
      ['Sous_Theme', subThemes],
      ['Audience', audiences],
      ['herbergement', hosting],
      ['type_algorithme', techniques],
      ['donnees_source', dataSources],
      ['donnees_acces', dataAccessModes],
      ['risque_categorie', aiActRiskCategories],
      ['erreur', effectivenessGaps],
      ['explicabilite', explainabilityLevels],
    ];
    for (const [name, list] of pairs) {
      for (const value of enumOf(name)) {
        if (name === 'type_algorithme' && value === 'NSP') continue; // « ne sait pas »: no technique
        assert.ok(list.match(value), `${name} : « ${value} » non reconnu`);
      }
    }
  });

  it('writes values their schema accepts, and reads them back to the same code (except documented merges)', () => {
    const exported: [string, Record<string, string>, ReferenceList][] = [
      ['Theme', INTERCONNECTES_VALUES.themes, themes],
      ['Statut_du_projet', INTERCONNECTES_VALUES.projectStatuses, projectStatuses],
      ['Audience', INTERCONNECTES_VALUES.audiences, audiences],
      ['Type_de_collectivite', INTERCONNECTES_VALUES.authorityTypes, authorityTypes as unknown as ReferenceList],
      ['budget', INTERCONNECTES_VALUES.budgetBands, budgetBands],
      ['herbergement', INTERCONNECTES_VALUES.hosting, hosting],
      ['mise_en_oeuvre', INTERCONNECTES_VALUES.implementationModes, implementationModes],
      ['donnees_source', INTERCONNECTES_VALUES.dataSources, dataSources],
      ['donnees_acces', INTERCONNECTES_VALUES.dataAccessModes, dataAccessModes],
      ['risque_categorie', INTERCONNECTES_VALUES.aiActRiskCategories, aiActRiskCategories],
      ['erreur', INTERCONNECTES_VALUES.effectivenessGaps, effectivenessGaps],
      ['explicabilite', INTERCONNECTES_VALUES.explainabilityLevels, explainabilityLevels],
      ['type_algorithme', INTERCONNECTES_VALUES.techniques, techniques],
    ];
    const merged = new Set([
      'Statut_du_projet:exploration',
      ...['metropole', 'communaute_urbaine', 'communaute_agglomeration', 'communaute_communes'].map(
        (c) => `Type_de_collectivite:${c}`,
      ),
      ...['association', 'etablissement_public', 'autre'].map((c) => `Type_de_collectivite:${c}`),
    ]);
    for (const [name, values, list] of exported) {
      for (const [code, value] of Object.entries(values)) {
        assert.ok(enumOf(name).includes(value), `${name} : « ${value} » hors du schéma`);
        if (!merged.has(`${name}:${code}`)) assert.equal(list.match(value), code, `${name} : ${code}`);
      }
    }
  });

  it('is tolerant to case, accents, spacing, plurals and abbreviations', () => {
    assert.equal(themes.match('Transition écologique'), 'ecological_transition');
    assert.equal(themes.match('  MOBILITE '), 'mobility');
    assert.equal(themes.match('Mobilité'), 'mobility');
    assert.equal(projectStatuses.match('Terminé'), 'finished');
    assert.equal(projectStatuses.match('terminée'), 'finished');
    assert.equal(projectStatuses.match('POC'), 'experimentation');
    assert.equal(authorityTypes.match("Communauté d'agglomérations"), 'communaute_agglomeration');
    assert.equal(authorityTypes.match('Communauté D’agglomération'), 'communaute_agglomeration');
    assert.equal(authorityTypes.match('EPT'), 'epci');
    assert.equal(authorityTypes.match('Métropole'), 'metropole');
    assert.equal(audiences.match('Élu'), 'elected_officials');
    assert.equal(audiences.match('établissement scolaire'), 'schools');
    assert.equal(budgetBands.match('entre 50k€ et 100k€'), 'from_50k_to_100k');
    assert.equal(budgetBands.match('Moins de 50 k€'), 'below_50k');
    assert.equal(hosting.match('Cloud chez un tiers'), 'third_party_cloud');
    assert.equal(subThemes.match("gestion de l'eau"), 'water_management');
    assert.equal(themes.match('Tourisme'), null);
    assert.equal(themes.match(''), null);
    assert.equal(normaliseLabel('De 50 k€ à 100 k€'), 'de 50k a 100k');
  });

  it('maps the PSTW vocabularies', () => {
    assert.equal(projectStatuses.match('Not in use anymore'), 'finished');
    assert.equal(projectStatuses.match('In development'), 'experimentation');
    assert.equal(projectStatuses.match('Implemented'), 'deployment');
    assert.equal(techniques.match('Natural Language processing'), 'nlp');
    assert.equal(techniques.match('AR/VR'), 'extended_reality');
    assert.equal(audiences.match('G2B'), 'businesses');
    assert.equal(authorityTypes.match('Central-government'), 'autre');
    assert.equal(countries.match('United Kingdom'), 'GB');
    assert.equal(countries.match('European Union'), 'EU');
  });

  it('gives labels and refuses unknown codes', () => {
    assert.equal(themes.labelOf('mobility'), 'Mobilités');
    assert.equal(themes.labelOf(null), '');
    assert.equal(themes.has('mobility'), true);
    assert.equal(themes.has('Mobilités'), false);
    assert.equal(themes.get('nope'), undefined);
  });
});
