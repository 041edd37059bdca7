/**
 * Route × role cases of census campaigns that reach people (issue 9): the preview before launch, the launch, the
 * follow-up export, and the ways into one of several responses of an authority (one per project).
 */
import type { Case } from './cases.ts';
import type { World } from './world.ts';

/** The sub-routes shared by the ways into answering (cases.ts `answering`). */
type Answering = (
  prefix: string,
  base: (w: World) => string,
  cookies: (w: World) => Record<string, string>,
  link: boolean,
) => Record<string, Case>;

export function campaignCases(answering: Answering): Record<string, Case> {
  const memberBase = (w: World) => `/recensements/${w.campaign3.id}/collectivites/${w.orgA}`;
  const several = (prefix: string, base: (w: World) => string, link: boolean) => {
    const cases = answering(prefix, base, () => ({}), link);
    // The file of the response of campaign3 (the generic cases read the first campaign's).
    cases[`GET ${prefix}/fichiers/:fileId`] = {
      ...cases[`GET ${prefix}/fichiers/:fileId`]!,
      request: (w) => ({ url: `${base(w)}/fichiers/${w.campaign3.fileId}` }),
    };
    if (link) {
      // A wrong secret in the token, the rest of the path unchanged.
      for (const c of Object.values(cases)) {
        const request = c.request;
        c.wrongLink = async (w, persona) => {
          const req = await request(w, persona);
          return { ...req, url: req.url.replace(w.campaign3.link, `${w.campaign3.link.slice(0, -4)}zzzz`) };
        };
      }
    }
    return cases;
  };
  return {
    'GET /coordination/campagnes/:id/apercu': {
      module: 'questionnaires',
      request: (w) => ({ url: `/coordination/campagnes/${w.campaign.id}/apercu` }),
    },
    'POST /coordination/campagnes/:id/lancer': {
      module: 'questionnaires',
      phase: 1,
      // Launching a campaign already launched changes nothing.
      request: (w) => ({ method: 'POST', url: `/coordination/campagnes/${w.campaign.id}/lancer`, form: {} }),
    },
    'GET /coordination/campagnes/:id/suivi.csv': {
      module: 'questionnaires',
      request: (w) => ({ url: `/coordination/campagnes/${w.campaign.id}/suivi.csv` }),
    },
    'POST /recensements/lien/:token/reponses': {
      module: 'questionnaires',
      phase: 2,
      request: (w) => ({ method: 'POST', url: `${w.campaign3.link}/reponses` }),
      wrongLink: (w) => ({ method: 'POST', url: `${w.campaign3.link.slice(0, -4)}zzzz/reponses` }),
    },
    'POST /recensements/:campaignId/collectivites/:organisationId/reponses': {
      module: 'questionnaires',
      phase: 2,
      request: (w) => ({ method: 'POST', url: `${memberBase(w)}/reponses` }),
    },
    ...several(
      '/recensements/lien/:token/reponses/:responseId',
      (w) => `${w.campaign3.link}/reponses/${w.campaign3.responseId}`,
      true,
    ),
    ...several(
      '/recensements/:campaignId/collectivites/:organisationId/reponses/:responseId',
      (w) => `${memberBase(w)}/reponses/${w.campaign3.responseId}`,
      false,
    ),
  };
}
