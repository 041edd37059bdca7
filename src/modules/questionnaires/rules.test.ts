// Pure rules beside the model: campaigns (dates, SIREN lists, reminders) and the mapping of an AI-census response to a
// library use case. The forms engine's builder operations and results are tested in src/modules/forms/.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  campaignState,
  invitationToken,
  parseFormDate,
  parseReminderDays,
  parseSirenList,
  reminderDates,
} from './campaigns.ts';
import { aiCensus, participation } from './catalogue/index.ts';
import { libraryContent, mapsToLibrary } from './library-mapping.ts';

describe('campaign rules', () => {
  test('state from the dates, closing early included', () => {
    const at = new Date('2025-03-10T12:00:00Z');
    const dates = { opensAt: '2025-03-01T00:00:00Z', closesAt: '2025-03-31T22:00:00Z', closedAt: null };
    assert.equal(campaignState(dates, at), 'open');
    assert.equal(campaignState(dates, new Date('2025-02-28T00:00:00Z')), 'scheduled');
    assert.equal(campaignState(dates, new Date('2025-04-01T00:00:00Z')), 'closed');
    assert.equal(campaignState({ ...dates, closedAt: '2025-03-05T00:00:00Z' }, at), 'closed');
  });

  test('reads a SIREN list: SIRET accepted, header and duplicates handled, errors with line numbers', () => {
    const r = parseSirenList(
      'SIREN;contact\n213502388;numerique@rennes.fr\n21350238800019\n200046977\t dsi@grandlyon.fr \n123\n213502388;autre@rennes.fr;pas-une-adresse\n',
    );
    assert.deepEqual(
      r.entries.map((e) => [e.siren, e.emails]),
      [
        ['213502388', ['numerique@rennes.fr', 'autre@rennes.fr']],
        ['200046977', ['dsi@grandlyon.fr']],
      ],
    );
    assert.equal(r.errors.length, 2);
    assert.match(r.errors[0]!.message, /^Ligne 5 : /);
    assert.match(r.errors[1]!.message, /^Ligne 6 : « pas-une-adresse » n'est pas une adresse e-mail valide/);
  });

  test('reminders: days before closing, at 9:00 Paris time, future only', () => {
    const dates = reminderDates('2025-03-31T21:59:00Z', [7, 2, 2, 400], new Date('2025-03-26T00:00:00Z'));
    assert.deepEqual(
      dates.map((d) => d.toISOString()),
      ['2025-03-29T08:00:00.000Z'],
    );
    assert.deepEqual(parseReminderDays('7, 2; 14'), [14, 7, 2]);
    assert.equal(parseReminderDays('sept'), null);
    assert.deepEqual(parseReminderDays(''), []);
  });

  test('form dates are Paris time', () => {
    assert.equal(parseFormDate('2025-01-15'), '2025-01-14T23:00:00.000Z');
    assert.equal(parseFormDate('2025-07-15', true), '2025-07-15T21:59:00.000Z');
    assert.equal(parseFormDate('2025-02-30'), null);
    assert.equal(parseFormDate('15/01/2025'), null);
  });

  test('an invitation token depends on the secret, the invitation and its nonce', () => {
    const a = invitationToken('secret', '1:2', 'n1');
    assert.equal(a, invitationToken('secret', '1:2', 'n1'));
    assert.notEqual(a, invitationToken('secret', '1:2', 'n2'));
    assert.notEqual(a, invitationToken('autre', '1:2', 'n1'));
    assert.match(a, /^[A-Za-z0-9_-]{43}$/);
  });
});

describe('library mapping', () => {
  test('only the AI census maps to the library', () => {
    assert.equal(mapsToLibrary(aiCensus), true);
    assert.equal(mapsToLibrary(participation), false);
  });

  test('answers become use-case fields with the library’s own rules; « Autre » and unknown values are left out', () => {
    const { content, skipped } = libraryContent(aiCensus, {
      nom_projet: 'Prévision des repas',
      statut: 'abandoned',
      raison_abandon: 'Données incomplètes.',
      date_debut: '2022-09',
      sous_themes: ['waste_circular_economy', 'water_management', 'agriculture'],
      techniques: ['machine_learning'],
      budget: 'un million',
      decisions_par_an: 1200,
      lien_aipd: 'https://www.ville.fr/aipd.pdf',
    });
    assert.deepEqual(content, {
      title: 'Prévision des repas',
      startDate: '2022-09',
      projectStatus: 'abandoned',
      abandonReason: 'Données incomplètes.',
      subThemes: ['waste_circular_economy', 'water_management'],
      techniques: ['machine_learning'],
      decisionsPerYear: 1200,
      dpiaUrl: 'https://www.ville.fr/aipd.pdf',
    });
    assert.equal(skipped.length, 1);
    assert.equal(skipped[0]!.questionId, 'budget');
  });
});
