import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createFormsModule,
  type OrganisationLookup,
  organisationNames,
  type Question,
  readOrganisationAnswer,
} from './index.ts';

const authorities = [
  { id: 12, name: 'Lyon', hint: '69001' },
  { id: 13, name: 'Lyons-la-Forêt', hint: '27480' },
  { id: 20, name: 'Saint-Étienne', hint: '42000' },
];
const lookup: OrganisationLookup = {
  async byIds(ids) {
    return authorities.filter((a) => ids.includes(a.id));
  },
  async search(query, limit) {
    return authorities.filter((a) => a.name.toLowerCase().startsWith(query.toLowerCase())).slice(0, limit);
  },
};
const q: Question = { id: 'collectivite', type: 'organisation', label: 'Votre collectivité' };

describe('organisation questions', () => {
  it('the picker’s id wins; an unknown id is an error', async () => {
    assert.deepEqual(await readOrganisationAnswer(q, { collectivite: '20', 'collectivite.query': 'Lyon' }, lookup), {
      value: '20',
    });
    const unknown = await readOrganisationAnswer(q, { collectivite: '99' }, lookup);
    assert.equal(unknown.value, undefined);
    assert.match(unknown.error!, /collectivité/);
  });

  it('a typed name: one match is the answer, several are choices, none is a French error', async () => {
    assert.deepEqual(await readOrganisationAnswer(q, { 'collectivite.query': 'saint' }, lookup), { value: '20' });
    const several = await readOrganisationAnswer(q, { collectivite: '', 'collectivite.query': ['x', 'Lyon'] }, lookup);
    assert.deepEqual(
      several.choices?.map((o) => o.id),
      [12, 13],
    );
    assert.match(several.error!, /Plusieurs collectivités correspondent à « Lyon »/);
    const none = await readOrganisationAnswer(q, { 'collectivite.query': 'Paris' }, lookup);
    assert.match(none.error!, /Aucune collectivité ne correspond à « Paris »/);
    assert.deepEqual(await readOrganisationAnswer(q, {}, lookup), { value: undefined });
  });

  it('names of the authorities answers refer to, ids only', async () => {
    assert.deepEqual(await organisationNames(['12', 'texte', 20, '20', '0'], lookup), {
      12: 'Lyon',
      20: 'Saint-Étienne',
    });
    assert.deepEqual(await organisationNames([], lookup), {});
  });

  it('the module’s api reads through its port; without one, ids stay unresolved', async () => {
    const withPort = createFormsModule({} as never, { organisations: lookup });
    assert.equal(withPort.name, 'forms');
    assert.deepEqual(await withPort.api.organisationNames(['13']), { 13: 'Lyons-la-Forêt' });
    const without = createFormsModule({} as never);
    assert.deepEqual(await without.api.readOrganisationAnswer(q, { collectivite: '12' }), {
      value: undefined,
      error: 'Choisissez une collectivité dans la liste',
    });
  });
});
