import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type TableSchema, validateTable } from './table-schema.ts';

const schema: TableSchema = {
  fields: [
    { name: 'Nom', type: 'string', constraints: { required: true } },
    { name: 'Latitude', type: 'number' },
    { name: 'Statut', type: 'string', constraints: { enum: ['En déploiement', 'Terminée'] } },
    { name: 'Publics', type: 'string', constraints: { enum: ['Agent', 'Elu'] } },
  ],
};

describe('Table Schema validation', () => {
  it('accepts a valid file, with list cells when asked', () => {
    const csv = 'Nom,Latitude,Statut,Publics\nA,45.2,Terminée,"Agent, Elu"\nB,,En déploiement,Agent\n';
    assert.deepEqual(validateTable(schema, csv, { listFields: { Publics: ', ' } }), []);
  });

  it('reports required values, types, enumerations and columns with their line', () => {
    const csv = 'Nom,Latitude,Statut,Autre\n,nord,Terminé,x\n';
    assert.deepEqual(
      validateTable(schema, csv).map((i) => `${i.line}|${i.column}|${i.message}`),
      [
        '1|Autre|Colonne absente du schéma.',
        '1|Publics|Colonne manquante.',
        '2|Nom|Valeur obligatoire.',
        '2|Latitude|« nord » : nombre attendu.',
        '2|Statut|« Terminé » n’est pas une valeur autorisée.',
      ],
    );
  });

  it('checks only the columns present when the file is a subset of the schema', () => {
    assert.deepEqual(validateTable(schema, 'Nom,Statut\nA,Terminée\n', { columns: 'subset' }), []);
  });

  it('treats a list cell as one value unless told otherwise', () => {
    const issues = validateTable(schema, 'Nom,Publics\nA,"Agent, Elu"\n', { columns: 'subset' });
    assert.equal(issues.length, 1);
  });
});
