// Reference lists (stable codes, French labels) and their mapping to the Interconnectés and PSTW vocabularies.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixtureText } from '../../../test/helpers/fixtures.ts';
import { interconnectesSchemaCases } from './reference.cases.ts';
import {
  audiences,
  authorityTypes,
  budgetBands,
  commonsCategories,
  countries,
  hosting,
  normaliseLabel,
  projectStatuses,
  REFERENCE_LISTS,
  type ReferenceList,
  subThemes,
  techniques,
  themes,
} from './reference.ts';

describe('reference lists', () => {
  it('have unique codes and French labels', () => {
    for (const list of Object.values(REFERENCE_LISTS) as ReferenceList[]) {
      assert.equal(new Set(list.codes).size, list.codes.length, list.key);
      assert.ok(list.items.length > 0, list.key);
      for (const item of list.items) assert.ok(item.label.trim().length > 1, `${list.key}.${item.code}`);
    }
  });

  // The cases against their schema (reference.cases.ts), on our copy of its vocabularies.
  interconnectesSchemaCases(fixtureText('interconnectes/schema.json'));

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
