// The cases of the reference lists against a schema.json of the Interconnectés, written once: reference.test.ts runs
// them on our copy of its vocabularies (test/fixtures/interconnectes/schema.json), reference.shared.test.ts on the
// real schema.json of ../shared/data.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  aiActRiskCategories,
  audiences,
  authorityTypes,
  budgetBands,
  dataAccessModes,
  dataSources,
  effectivenessGaps,
  explainabilityLevels,
  hosting,
  INTERCONNECTES_VALUES,
  implementationModes,
  projectStatuses,
  type ReferenceList,
  subThemes,
  subThemesOf,
  techniques,
  themes,
} from './reference.ts';

/** Declares the cases that compare the reference lists with the enumerations of `schemaJson` (its text). */
export function interconnectesSchemaCases(schemaJson: string): void {
  const schema = JSON.parse(schemaJson) as { fields: { name: string; constraints?: { enum?: string[] } }[] };
  const enumOf = (name: string) => schema.fields.find((f) => f.name === name)!.constraints!.enum!;

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
      ...['association', 'etablissement_public', 'laboratoire_etat', 'entreprise', 'autre'].map(
        (c) => `Type_de_collectivite:${c}`,
      ),
    ]);
    for (const [name, values, list] of exported) {
      for (const [code, value] of Object.entries(values)) {
        assert.ok(enumOf(name).includes(value), `${name} : « ${value} » hors du schéma`);
        if (!merged.has(`${name}:${code}`)) assert.equal(list.match(value), code, `${name} : ${code}`);
      }
    }
  });
}
