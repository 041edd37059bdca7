// The automatic draft carried by `questionnaires.response_submitted`: only for campaigns that ask for it, responses
// of an organisation, and questionnaires that map to the library; the content is the library mapping.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { aiCensus, participation } from './catalogue/index.ts';
import type { Campaign } from './records.ts';
import { automaticDraft } from './services/library.ts';

const campaign = (libraryAuto: boolean) => ({ id: 3, title: 'Recensement 2025', libraryAuto }) as Campaign;
const answers = { nom_projet: 'Chatbot des démarches', categorie_commun: 'conversational_assistant' };

describe('automatic draft use cases', () => {
  test('carries the mapped content and its source when the campaign asks for it', () => {
    const draft = automaticDraft(campaign(true), aiCensus, { id: 12, organisationId: 7, answers });
    assert.equal(draft.content?.title, 'Chatbot des démarches');
    assert.equal(draft.content?.commonsCategory, 'conversational_assistant');
    assert.equal(draft.source, 'Recensement 2025, réponse n° 12');
  });

  test('nothing for a campaign without automatic drafts, an anonymous response or another questionnaire', () => {
    assert.deepEqual(automaticDraft(campaign(false), aiCensus, { id: 12, organisationId: 7, answers }), {});
    assert.deepEqual(automaticDraft(campaign(true), aiCensus, { id: 12, organisationId: null, answers }), {});
    assert.deepEqual(automaticDraft(campaign(true), participation, { id: 12, organisationId: 7, answers }), {});
  });
});
