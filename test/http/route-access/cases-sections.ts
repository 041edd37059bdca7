/**
 * Route × role cases of the builder's section form (forms sections, e.g. imported SurveyJS panels): coordinators
 * only. The change is sent with a stale revision (409 for coordinators, nothing changed).
 */
import { CLI_ACTOR } from '../../../src/modules/questionnaires/index.ts';
import type { Case } from './cases.ts';
import type { World } from './world.ts';

const made = new WeakMap<World, Promise<number>>();
/** A questionnaire with one section, imported once per world. */
function withSection(w: World): Promise<number> {
  let id = made.get(w);
  if (!id) {
    id = w.app.server.modules.services.questionnaires.questionnaires
      .importFile(CLI_ACTOR, {
        format: 'surveyjs',
        text: JSON.stringify({
          title: 'Questionnaire à groupe',
          pages: [
            {
              name: 'p1',
              title: 'Page',
              elements: [
                { type: 'boolean', name: 'aUnProjet', title: 'Avez-vous un projet ?' },
                {
                  type: 'panel',
                  name: 'projet',
                  title: 'Le projet',
                  visibleIf: '{aUnProjet} = true',
                  elements: [{ type: 'text', name: 'nom', title: 'Nom du projet' }],
                },
              ],
            },
          ],
        }),
      })
      .then((r) => r.id);
    made.set(w, id);
  }
  return id;
}

export const SECTION_CASES: Record<string, Case> = {
  'GET /coordination/questionnaires/:id/groupes/:sectionId': {
    module: 'questionnaires',
    request: async (w) => ({ url: `/coordination/questionnaires/${await withSection(w)}/groupes/projet` }),
  },
  'POST /coordination/questionnaires/:id/groupes/:sectionId': {
    module: 'questionnaires',
    phase: 1,
    request: async (w) => ({
      method: 'POST',
      url: `/coordination/questionnaires/${await withSection(w)}/groupes/projet`,
      form: { _revision: '999999', title: 'Autre titre' },
    }),
  },
  'POST /coordination/questionnaires/:id/pages/:pageId/groupes': {
    module: 'questionnaires',
    phase: 1,
    request: async (w) => ({
      method: 'POST',
      url: `/coordination/questionnaires/${await withSection(w)}/pages/p1/groupes`,
      form: { _revision: '999999', title: 'Nouveau groupe', first: 'aUnProjet', last: 'aUnProjet' },
    }),
  },
  'POST /coordination/questionnaires/:id/groupes/:sectionId/supprimer': {
    module: 'questionnaires',
    phase: 1,
    request: async (w) => ({
      method: 'POST',
      url: `/coordination/questionnaires/${await withSection(w)}/groupes/projet/supprimer`,
      form: { _revision: '999999' },
    }),
  },
};
