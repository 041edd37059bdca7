// The field catalogue of a use case: keys, labels, access levels and the columns of the exchange formats.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixtureText } from '../../../test/helpers/fixtures.ts';
import { interconnectesFieldCases } from './fields.cases.ts';
import {
  emptyContent,
  FIELDS,
  INTERCONNECTES_PUBLIC_COLUMNS,
  ORGANISATION_COLUMNS,
  openDataFieldDocumentation,
} from './fields.ts';
import { referenceList } from './reference.ts';

/** The attributes of the Eurocities Algorithmic Transparency Standard, data schema v0.3.1. */
const ATS_ATTRIBUTES = new Set([
  'standard_version',
  'uuid',
  'lang',
  'publication_date',
  'last_change_date',
  'revision_date',
  'revision_note',
  'keywords',
  'name',
  'organization',
  'department',
  'country',
  'contact_email',
  'contact_phone',
  'contact_name',
  'description_short',
  'website',
  'status',
  'remark',
  'decision_making_process',
  'domain',
  'area',
  'goal',
  'impact',
  'risks',
  'risk_category',
  'proportionality',
  'lawful_basis',
  'documentation',
  'training_data',
  'source_data',
  'data_bias',
  'connected_data_sources',
  'DPIA_description',
  'DPIA_url',
  'description',
  'algorithm_type',
  'methods_and_models',
  'performance',
  'alternatives_considered',
  'product_information',
  'codebase_url',
  'product_page',
  'AIA_description',
  'AIA_url',
  'type',
  'monitoring',
  'human_intervention',
  'objection_procedure',
  'rollback',
]);

describe('field catalogue', () => {
  it('describes every content key exactly once', () => {
    const keys = FIELDS.map((f) => f.key);
    assert.equal(new Set(keys).size, keys.length);
    assert.deepEqual([...keys].sort(), Object.keys(emptyContent()).sort());
  });

  it('gives every field a French label, a type and, for coded fields, an existing list', () => {
    for (const f of FIELDS) {
      assert.ok(f.label.length > 2, f.key);
      if (f.type === 'code' || f.type === 'codes') assert.ok(f.list && referenceList(f.list), f.key);
      if (f.required === 'always') assert.ok(f.requiredMessage, `${f.key} : message d’erreur`);
    }
  });

  interconnectesFieldCases({ read: fixtureText, fullModel: 'interconnectes/full-model.csv' });

  it('keeps personal and internal information restricted', () => {
    const access = (key: string) => FIELDS.find((f) => f.key === key)!.access;
    assert.equal(access('contactEmail'), 'members');
    assert.equal(access('contactName'), 'members');
    assert.equal(access('internalNotes'), 'editors');
    assert.equal(access('budgetDetails'), 'editors');
    assert.equal(access('title'), 'public');
    assert.equal(access('objectionProcedure'), 'public');
  });

  it('names only attributes of the Eurocities transparency standard', () => {
    for (const f of FIELDS) if (f.ats) assert.ok(ATS_ATTRIBUTES.has(f.ats), `${f.key} -> ${f.ats}`);
    for (const c of ORGANISATION_COLUMNS) if (c.ats) assert.ok(ATS_ATTRIBUTES.has(c.ats), c.key);
  });

  it('documents the open-data fields: public ones only, with their Interconnectés column', () => {
    const doc = openDataFieldDocumentation();
    assert.ok(doc.every((d) => d.access === 'public'));
    assert.ok(!doc.some((d) => d.key === 'internalNotes' || d.key === 'contactEmail'));
    for (const column of INTERCONNECTES_PUBLIC_COLUMNS) {
      assert.ok(
        doc.some((d) => d.interconnectesColumn === column),
        `colonne ${column} documentée`,
      );
    }
  });
});
