/**
 * The table of the route × role test: for every route of the application (method + URL pattern), the concrete
 * request that exercises it in the test world, for each persona.
 *
 * Unsafe requests are chosen so that an allowed persona is refused on the CONTENT (409 stale version, 422 missing
 * field…) after authorisation, or acts on something harmless or made afresh for that request: the world stays the
 * same for the next persona. `phase` orders the cases: 0 reads, 1 harmless writes, 2 writes that consume what they
 * act on (made afresh), 3 writes that change a shared resource (closing a campaign, signing out).
 *
 * `also`: other resources behind the same route whose access is narrower than the route's declaration (a draft
 * behind a route that shows published use cases to everyone): the table gives their expected access.
 */
import type { Access, AccessDenied } from '../../../src/platform/http/access.ts';
import { ACCESS } from '../../../src/platform/http/access.ts';
import { ASSETS_CASES } from './cases-assets.ts';
import { campaignCases } from './cases-campaigns.ts';
import { CHALLENGES_CASES } from './cases-challenges.ts';
import { COMMONS_CASES } from './cases-commons.ts';
import { CONSULTATIONS_CASES } from './cases-consultations.ts';
import { CONTACT_CASES } from './cases-contact.ts';
import { ETHICS_CASES } from './cases-ethics.ts';
import { ETHICS_CONDITIONS_CASES } from './cases-ethics-conditions.ts';
import { ETHICS_INVENTORY_CASES } from './cases-ethics-inventory.ts';
import { GROUPS_CASES } from './cases-groups.ts';
import { LOGOS_CASES } from './cases-logos.ts';
import { MEETINGS_CASES } from './cases-meetings.ts';
import { ORGANISATIONS_CASES } from './cases-organisations.ts';
import { PARTICIPATION_CASES } from './cases-participation.ts';
import { POOLING_CASES } from './cases-pooling.ts';
import { RESULTS_CASES } from './cases-results.ts';
import { SEARCH_CASES } from './cases-search.ts';
import { SECTION_CASES } from './cases-sections.ts';
import { VOICE_CASES } from './cases-voice.ts';
import type { Persona, Req } from './client.ts';
import type { World } from './world.ts';

export interface Case {
  module:
    | 'pages'
    | 'accounts'
    | 'organisations'
    | 'library'
    | 'questionnaires'
    | 'ethics'
    | 'commons'
    | 'challenges'
    | 'consultations'
    | 'participation'
    | 'pooling'
    | 'groups'
    | 'meetings'
    | 'voice';
  phase?: 0 | 1 | 2 | 3;
  request(w: World, persona: Persona): Req | Promise<Req>;
  /** For `link` routes: the same request with a wrong secret. */
  wrongLink?(w: World, persona: Persona): Req | Promise<Req>;
  also?: { label: string; access: Access; accessDenied?: AccessDenied; request(w: World): Req | Promise<Req> }[];
}

const STALE = '999999';
const memo = new WeakMap<World, Map<string, Promise<unknown>>>();
/** One value per world (a link that a GET does not consume, a member whose role is changed…). */
function once<T>(w: World, key: string, make: () => Promise<T>): Promise<T> {
  let m = memo.get(w);
  if (!m) {
    m = new Map();
    memo.set(w, m);
  }
  if (!m.has(key)) m.set(key, make());
  return m.get(key) as Promise<T>;
}

const get =
  (url: (w: World) => string): Case['request'] =>
  (w) => ({ url: url(w) });
const page = (module: Case['module'], url: string): Case => ({ module, request: () => ({ url }) });
const queryOf = (link: string) => Object.fromEntries(new URL(link, 'http://x').searchParams);
const withJeton = (link: string, jeton: string) => {
  const u = new URL(link, 'http://x');
  u.searchParams.set('jeton', jeton);
  return u.pathname + u.search;
};

/** The three ways into answering a campaign share their sub-routes. */
function answering(
  prefix: string,
  base: (w: World) => string,
  cookies: (w: World) => Record<string, string>,
  link: boolean,
): Record<string, Case> {
  const wrong = link
    ? (make: (b: string) => Req) => (w: World) => {
        const b = base(w);
        return make(`${b.slice(0, -4)}zzzz`);
      }
    : undefined;
  const entry = (phase: Case['phase'], make: (b: string, w: World) => Req): Case => ({
    module: 'questionnaires',
    phase,
    request: (w) => ({ ...make(base(w), w), cookies: cookies(w) }),
    ...(wrong ? { wrongLink: (w: World) => ({ ...wrong((b) => make(b, w))(w), cookies: cookies(w) }) } : {}),
  });
  const file = (w: World) => (prefix.includes('public') ? w.campaign.publicFileId : w.campaign.linkFileId);
  return {
    [`GET ${prefix}`]: entry(0, (b) => ({ url: b })),
    [`GET ${prefix}/page/:pageId`]: entry(0, (b) => ({ url: `${b}/page/collectivite` })),
    [`POST ${prefix}/page/:pageId`]: entry(1, (b) => ({
      method: 'POST',
      url: `${b}/page/collectivite`,
      form: { _version: '0', _base: '{}', action: 'previous' },
    })),
    [`GET ${prefix}/recapitulatif`]: entry(0, (b) => ({ url: `${b}/recapitulatif` })),
    [`POST ${prefix}/envoyer`]: entry(2, (b) => ({ method: 'POST', url: `${b}/envoyer`, form: { _version: '0' } })),
    [`POST ${prefix}/rouvrir`]: entry(2, (b) => ({ method: 'POST', url: `${b}/rouvrir` })),
    [`POST ${prefix}/enregistrer`]: entry(1, (b) => ({
      method: 'POST',
      url: `${b}/enregistrer`,
      json: { baseVersion: 0, answers: {} },
      headers: { accept: 'application/json' },
    })),
    [`GET ${prefix}/fichiers/:fileId`]: entry(0, (b, w) => ({ url: `${b}/fichiers/${file(w)}` })),
  };
}

export const CASES: Record<string, Case> = {
  ...ASSETS_CASES,
  ...campaignCases(answering),
  ...CHALLENGES_CASES,
  ...COMMONS_CASES,
  ...CONSULTATIONS_CASES,
  ...CONTACT_CASES,
  ...ETHICS_CASES,
  ...ETHICS_INVENTORY_CASES,
  ...ETHICS_CONDITIONS_CASES,
  ...GROUPS_CASES,
  ...LOGOS_CASES,
  ...MEETINGS_CASES,
  ...SECTION_CASES,
  ...ORGANISATIONS_CASES,
  ...PARTICIPATION_CASES,
  ...POOLING_CASES,
  ...RESULTS_CASES,
  ...SEARCH_CASES,
  ...VOICE_CASES,
  // == pages ======================================================================================================
  'GET /': page('pages', '/'),
  'GET /accessibilite': page('pages', '/accessibilite'),
  'GET /donnees-personnelles': page('pages', '/donnees-personnelles'),
  'GET /coordination': page('pages', '/coordination'),
  'GET /mon-espace': page('pages', '/mon-espace'),
  'GET /api': page('pages', '/api'),
  'GET /api/openapi.json': page('pages', '/api/openapi.json'),

  // == accounts ===================================================================================================
  'GET /inscription': page('accounts', '/inscription'),
  'POST /inscription': {
    module: 'accounts',
    phase: 1,
    request: () => ({ method: 'POST', url: '/inscription', form: { name: '', email: '', password: '' } }),
  },
  'GET /inscription/renvoyer': page('accounts', '/inscription/renvoyer'),
  'POST /inscription/renvoyer': {
    module: 'accounts',
    phase: 1,
    request: () => ({ method: 'POST', url: '/inscription/renvoyer', form: { email: '' } }),
  },
  'GET /inscription/confirmer': {
    module: 'accounts',
    request: async (w) => ({ url: await once(w, 'confirm', w.freshConfirmLink) }),
    wrongLink: async (w) => ({ url: withJeton(await once(w, 'confirm', w.freshConfirmLink), 'faux-jeton') }),
  },
  'POST /inscription/confirmer': {
    module: 'accounts',
    phase: 2,
    request: async (w) => ({
      method: 'POST',
      url: '/inscription/confirmer',
      form: { jeton: queryOf(await w.freshConfirmLink()).jeton ?? '' },
    }),
    wrongLink: () => ({ method: 'POST', url: '/inscription/confirmer', form: { jeton: 'faux-jeton' } }),
  },
  'GET /connexion': page('accounts', '/connexion'),
  'POST /connexion': {
    module: 'accounts',
    phase: 1,
    request: () => ({ method: 'POST', url: '/connexion', form: { email: '', password: '' } }),
  },
  'POST /deconnexion': { module: 'accounts', phase: 3, request: () => ({ method: 'POST', url: '/deconnexion' }) },
  'GET /connexion/lien': page('accounts', '/connexion/lien'),
  'POST /connexion/lien': {
    module: 'accounts',
    phase: 1,
    request: () => ({ method: 'POST', url: '/connexion/lien', form: { email: '' } }),
  },
  'GET /connexion/lien/utiliser': {
    module: 'accounts',
    request: async (w) => ({ url: await once(w, 'magic', w.freshMagicLink) }),
    wrongLink: async (w) => ({ url: withJeton(await once(w, 'magic', w.freshMagicLink), 'faux-jeton') }),
  },
  'POST /connexion/lien/utiliser': {
    module: 'accounts',
    phase: 2,
    request: async (w) => ({
      method: 'POST',
      url: '/connexion/lien/utiliser',
      form: { jeton: queryOf(await w.freshMagicLink()).jeton ?? '' },
    }),
    wrongLink: () => ({ method: 'POST', url: '/connexion/lien/utiliser', form: { jeton: 'faux-jeton' } }),
  },
  'GET /mot-de-passe-oublie': page('accounts', '/mot-de-passe-oublie'),
  'POST /mot-de-passe-oublie': {
    module: 'accounts',
    phase: 1,
    request: () => ({ method: 'POST', url: '/mot-de-passe-oublie', form: { email: '' } }),
  },
  'GET /mot-de-passe/nouveau': {
    module: 'accounts',
    request: async (w) => ({ url: await once(w, 'reset', w.freshResetLink) }),
    wrongLink: async (w) => ({ url: withJeton(await once(w, 'reset', w.freshResetLink), 'faux-jeton') }),
  },
  'POST /mot-de-passe/nouveau': {
    module: 'accounts',
    phase: 2,
    request: async (w) => ({
      method: 'POST',
      url: '/mot-de-passe/nouveau',
      form: { jeton: queryOf(await w.freshResetLink()).jeton ?? '', password: 'un-nouveau-mot-de-passe-456' },
    }),
    wrongLink: () => ({
      method: 'POST',
      url: '/mot-de-passe/nouveau',
      form: { jeton: 'faux-jeton', password: 'un-nouveau-mot-de-passe-456' },
    }),
  },
  'GET /compte': page('accounts', '/compte'),
  'POST /compte/nom': {
    module: 'accounts',
    phase: 1,
    request: () => ({ method: 'POST', url: '/compte/nom', form: { name: '' } }),
  },
  'POST /compte/courriel': {
    module: 'accounts',
    phase: 1,
    request: () => ({ method: 'POST', url: '/compte/courriel', form: { newEmail: '', currentPasswordForEmail: '' } }),
  },
  'GET /compte/courriel/confirmer': {
    module: 'accounts',
    request: async (w) => ({ url: await once(w, 'email', w.freshEmailChangeLink) }),
    wrongLink: async (w) => ({ url: withJeton(await once(w, 'email', w.freshEmailChangeLink), 'faux-jeton') }),
  },
  'POST /compte/courriel/confirmer': {
    module: 'accounts',
    phase: 2,
    request: async (w) => {
      const q = queryOf(await w.freshEmailChangeLink());
      return {
        method: 'POST',
        url: '/compte/courriel/confirmer',
        form: { jeton: q.jeton ?? '', courriel: q.courriel ?? '' },
      };
    },
    wrongLink: async (w) => {
      const q = queryOf(await once(w, 'email', w.freshEmailChangeLink));
      return {
        method: 'POST',
        url: '/compte/courriel/confirmer',
        form: { jeton: 'faux-jeton', courriel: q.courriel ?? '' },
      };
    },
  },
  'POST /compte/mot-de-passe': {
    module: 'accounts',
    phase: 1,
    request: () => ({
      method: 'POST',
      url: '/compte/mot-de-passe',
      form: { currentPassword: 'pas-le-bon-mot-de-passe', newPassword: 'un-nouveau-mot-de-passe-456' },
    }),
  },
  'GET /compte/donnees.json': page('accounts', '/compte/donnees.json'),
  'GET /compte/supprimer': page('accounts', '/compte/supprimer'),
  'POST /compte/supprimer': {
    module: 'accounts',
    phase: 1,
    request: () => ({ method: 'POST', url: '/compte/supprimer', form: { confirm: '' } }),
  },
  'GET /admin': page('accounts', '/admin'),
  'GET /admin/utilisateurs': page('accounts', '/admin/utilisateurs'),
  'GET /admin/utilisateurs/:id': { module: 'accounts', request: get((w) => `/admin/utilisateurs/${w.bystander.id}`) },
  'POST /admin/utilisateurs/:id/role': {
    module: 'accounts',
    phase: 1,
    request: (w) => ({ method: 'POST', url: `/admin/utilisateurs/${w.bystander.id}/role`, form: { role: 'user' } }),
  },
  'POST /admin/utilisateurs/:id/desactiver': {
    module: 'accounts',
    phase: 2,
    request: (w) => ({ method: 'POST', url: `/admin/utilisateurs/${w.bystander.id}/desactiver` }),
  },
  'POST /admin/utilisateurs/:id/reactiver': {
    module: 'accounts',
    phase: 2,
    request: (w) => ({ method: 'POST', url: `/admin/utilisateurs/${w.bystander.id}/reactiver` }),
  },
  'GET /admin/journal': page('accounts', '/admin/journal'),
  'GET /admin/courriels': page('accounts', '/admin/courriels'),
  'GET /admin/courriels/:id': { module: 'accounts', request: get((w) => `/admin/courriels/${w.outboxId}`) },

  // == organisations ==============================================================================================
  'GET /collectivites': page('organisations', '/collectivites'),
  'GET /collectivites/:id': { module: 'organisations', request: get((w) => `/collectivites/${w.orgA}`) },
  'GET /collectivites/rejoindre': page('organisations', '/collectivites/rejoindre'),
  'GET /collectivites/:id/rejoindre': {
    module: 'organisations',
    request: get((w) => `/collectivites/${w.orgA}/rejoindre`),
  },
  'POST /collectivites/:id/rejoindre': {
    module: 'organisations',
    phase: 2,
    request: (w) => ({ method: 'POST', url: `/collectivites/${w.orgB}/rejoindre`, form: { message: 'Bonjour.' } }),
  },
  'GET /collectivites/:id/membres': {
    module: 'organisations',
    request: get((w) => `/collectivites/${w.orgA}/membres`),
  },
  'GET /collectivites/demandes': page('organisations', '/collectivites/demandes'),
  'POST /collectivites/:id/membres/:membershipId/decision': {
    module: 'organisations',
    phase: 2,
    request: async (w) => ({
      method: 'POST',
      url: `/collectivites/${w.orgA}/membres/${await w.freshJoinRequest()}/decision`,
      form: { decision: 'refuse' },
    }),
  },
  'POST /collectivites/:id/membres/:membershipId/role': {
    module: 'organisations',
    phase: 1,
    request: async (w) => ({
      method: 'POST',
      url: `/collectivites/${w.orgA}/membres/${await once(w, 'member', w.freshMember)}/role`,
      form: { role: 'member' },
    }),
  },
  'POST /collectivites/:id/membres/:membershipId/retrait': {
    module: 'organisations',
    phase: 2,
    request: async (w) => ({
      method: 'POST',
      url: `/collectivites/${w.orgA}/membres/${await w.freshMember()}/retrait`,
    }),
  },
  'GET /admin/collectivites/nouvelle': page('organisations', '/admin/collectivites/nouvelle'),
  'POST /admin/collectivites/nouvelle': {
    module: 'organisations',
    phase: 1,
    request: () => ({ method: 'POST', url: '/admin/collectivites/nouvelle', form: { name: '' } }),
  },
  'GET /api/v1/organisations': page('organisations', '/api/v1/organisations'),
  'GET /api/v1/organisations/:ref': {
    module: 'organisations',
    request: get((w) => `/api/v1/organisations/${w.orgA}`),
  },

  // == library ====================================================================================================
  'GET /bibliotheque': page('library', '/bibliotheque'),
  'GET /bibliotheque/flux.atom': page('library', '/bibliotheque/flux.atom'),
  'GET /bibliotheque/nouvelle': page('library', '/bibliotheque/nouvelle'),
  'POST /bibliotheque/nouvelle': {
    module: 'library',
    phase: 1,
    request: (w) => ({
      method: 'POST',
      url: '/bibliotheque/nouvelle',
      form: { organisationId: String(w.orgA), title: 'Fiche créée par le test des accès' },
    }),
  },
  'GET /bibliotheque/mes-fiches': page('library', '/bibliotheque/mes-fiches'),
  'GET /bibliotheque/signalements': page('library', '/bibliotheque/signalements'),
  'POST /bibliotheque/signalements/:id/traite': {
    module: 'library',
    phase: 2,
    request: async (w) => ({ method: 'POST', url: `/bibliotheque/signalements/${await w.freshReport()}/traite` }),
  },
  'GET /coordination/fiches': page('library', '/coordination/fiches'),
  'GET /bibliotheque/jetons': { module: 'library', request: get((w) => `/bibliotheque/jetons?organisation=${w.orgA}`) },
  'POST /bibliotheque/jetons': {
    module: 'library',
    phase: 1,
    request: (w) => ({ method: 'POST', url: `/bibliotheque/jetons?organisation=${w.orgA}`, form: { name: '' } }),
  },
  'POST /bibliotheque/jetons/:id/revoquer': {
    module: 'library',
    phase: 2,
    request: async (w) => ({
      method: 'POST',
      url: `/bibliotheque/jetons/${await w.freshToken()}/revoquer?organisation=${w.orgA}`,
    }),
  },
  'GET /admin/bibliotheque/import': page('library', '/admin/bibliotheque/import'),
  'POST /admin/bibliotheque/import': {
    module: 'library',
    phase: 1,
    request: () => ({ method: 'POST', url: '/admin/bibliotheque/import', form: { format: '' } }),
  },
  'GET /statistiques': page('library', '/statistiques'),
  'GET /carte': page('library', '/carte'),
  'GET /donnees-ouvertes': page('library', '/donnees-ouvertes'),
  'GET /donnees-ouvertes/:file': page('library', '/donnees-ouvertes/bibliotheque-ia.json'),
  'GET /bibliotheque/:ref': {
    module: 'library',
    request: get((w) => w.published.path),
    also: [
      {
        label: 'brouillon',
        access: ACCESS.authorityMembers,
        accessDenied: 404,
        request: (w) => ({ url: w.draft.path }),
      },
    ],
  },
  'GET /bibliotheque/:ref/verifier': { module: 'library', request: get((w) => `${w.draft.path}/verifier`) },
  'GET /bibliotheque/:ref/modifier/:step': {
    module: 'library',
    request: get((w) => `${w.draft.path}/modifier/projet`),
  },
  'POST /bibliotheque/:ref/modifier/:step': {
    module: 'library',
    phase: 1,
    request: (w) => ({
      method: 'POST',
      url: `${w.draft.path}/modifier/projet`,
      form: { version: STALE, title: 'Titre modifié par le test des accès' },
    }),
  },
  'POST /bibliotheque/:ref/brouillon': {
    module: 'library',
    phase: 1,
    request: (w) => ({
      method: 'POST',
      url: `${w.draft.path}/brouillon`,
      form: { _step: 'projet', version: STALE, title: 'Titre modifié par le test des accès' },
      headers: { accept: 'application/json' },
    }),
  },
  'POST /bibliotheque/:ref/action': {
    module: 'library',
    phase: 1,
    request: (w) => ({ method: 'POST', url: `${w.draft.path}/action`, form: { action: 'submit', version: STALE } }),
  },
  'GET /bibliotheque/:ref/synthese': {
    module: 'library',
    request: get((w) => `${w.published.path}/synthese`),
    also: [
      {
        label: 'brouillon',
        access: ACCESS.authorityMembers,
        accessDenied: 404,
        request: (w) => ({ url: `${w.draft.path}/synthese` }),
      },
    ],
  },
  'GET /bibliotheque/:ref/historique': {
    module: 'library',
    request: get((w) => `${w.published.path}/historique`),
  },
  'GET /bibliotheque/:ref/historique/comparer': {
    module: 'library',
    request: get((w) => `${w.published.path}/historique/comparer?de=1&a=1`),
  },
  'GET /bibliotheque/:ref/historique/:number': {
    module: 'library',
    request: get((w) => `${w.published.path}/historique/1`),
  },
  'GET /bibliotheque/:ref/signaler': { module: 'library', request: get((w) => `${w.published.path}/signaler`) },
  'POST /bibliotheque/:ref/signaler': {
    module: 'library',
    phase: 1,
    request: (w) => ({ method: 'POST', url: `${w.published.path}/signaler`, form: { message: '', email: '' } }),
  },
  'GET /api/v1/use-cases': page('library', '/api/v1/use-cases'),
  'GET /api/v1/use-cases/:ref': {
    module: 'library',
    request: get((w) => `/api/v1/use-cases/${w.published.id}`),
    also: [
      {
        label: 'brouillon',
        access: ACCESS.authorityMembers,
        accessDenied: 404,
        request: (w) => ({ url: `/api/v1/use-cases/${w.draft.id}?working=1` }),
      },
    ],
  },
  'GET /api/v1/use-cases/:ref/versions': {
    module: 'library',
    request: get((w) => `/api/v1/use-cases/${w.published.id}/versions`),
  },
  'GET /api/v1/use-cases/:ref/versions/:number': {
    module: 'library',
    request: get((w) => `/api/v1/use-cases/${w.published.id}/versions/1`),
  },
  'POST /api/v1/use-cases': {
    module: 'library',
    phase: 1,
    request: (w) => ({
      method: 'POST',
      url: '/api/v1/use-cases',
      json: { organisationId: w.orgA, content: { title: 'Fiche créée par l’API (test des accès)' } },
    }),
  },
  'PATCH /api/v1/use-cases/:ref': {
    module: 'library',
    phase: 1,
    request: (w) => ({
      method: 'PATCH',
      url: `/api/v1/use-cases/${w.draft.id}`,
      json: { version: Number(STALE), content: { title: 'Titre modifié par le test des accès' } },
    }),
  },
  'POST /api/v1/use-cases/:ref/submit': {
    module: 'library',
    phase: 1,
    request: (w) => ({
      method: 'POST',
      url: `/api/v1/use-cases/${w.draft.id}/submit`,
      json: { version: Number(STALE) },
    }),
  },
  'GET /api/v1/reference-lists': page('library', '/api/v1/reference-lists'),
  'GET /api/v1/reference-lists/:key': page('library', '/api/v1/reference-lists/themes'),
  'GET /api/v1/fields': page('library', '/api/v1/fields'),

  // == questionnaires =============================================================================================
  'GET /recensements': page('questionnaires', '/recensements'),
  ...answering(
    '/recensements/lien/:token',
    (w) => w.campaign.link,
    () => ({}),
    true,
  ),
  ...answering(
    '/recensements/:campaignId/collectivites/:organisationId',
    (w) => `/recensements/${w.campaign.id}/collectivites/${w.orgA}`,
    () => ({}),
    false,
  ),
  ...answering(
    '/recensements/public/:token',
    (w) => w.campaign.publicPath,
    (w) => w.campaign.publicCookies,
    true,
  ),
  'GET /recensements/:campaignId/resultats': {
    module: 'questionnaires',
    request: get((w) => `/recensements/${w.campaign.id}/resultats`),
  },
  'GET /api/v1/questionnaires': page('questionnaires', '/api/v1/questionnaires'),
  'GET /api/v1/questionnaires/:id': {
    module: 'questionnaires',
    request: get((w) => `/api/v1/questionnaires/${w.questionnaires.participation}`),
  },
  'GET /api/v1/questionnaires/:id/surveyjs': {
    module: 'questionnaires',
    request: get((w) => `/api/v1/questionnaires/${w.questionnaires.participation}/surveyjs`),
  },
  'GET /coordination/questionnaires': page('questionnaires', '/coordination/questionnaires'),
  'POST /coordination/questionnaires': {
    module: 'questionnaires',
    phase: 1,
    request: () => ({ method: 'POST', url: '/coordination/questionnaires', form: { title: '' } }),
  },
  'POST /coordination/questionnaires/importer': {
    module: 'questionnaires',
    phase: 1,
    request: () => ({ method: 'POST', url: '/coordination/questionnaires/importer', form: { format: 'native' } }),
  },
  ...builderCases(),
  'GET /coordination/campagnes': page('questionnaires', '/coordination/campagnes'),
  'GET /coordination/campagnes/nouvelle': page('questionnaires', '/coordination/campagnes/nouvelle'),
  'POST /coordination/campagnes': {
    module: 'questionnaires',
    phase: 1,
    request: (w) => ({
      method: 'POST',
      url: '/coordination/campagnes',
      form: { questionnaireId: String(w.questionnaires.participation), title: '' },
    }),
  },
  'GET /coordination/campagnes/:id': {
    module: 'questionnaires',
    request: get((w) => `/coordination/campagnes/${w.campaign.id}`),
  },
  'POST /coordination/campagnes/:id/relancer': {
    module: 'questionnaires',
    phase: 2,
    request: (w) => ({
      method: 'POST',
      url: `/coordination/campagnes/${w.campaign2.id}/relancer`,
      form: { scope: 'selection' },
    }),
  },
  'POST /coordination/campagnes/:id/reglages': {
    module: 'questionnaires',
    phase: 2,
    request: (w) => ({
      method: 'POST',
      url: `/coordination/campagnes/${w.campaign2.id}/reglages`,
      form: { settings: ['results', 'public'] },
    }),
  },
  'POST /coordination/campagnes/:id/version': {
    module: 'questionnaires',
    phase: 2,
    request: (w) => ({ method: 'POST', url: `/coordination/campagnes/${w.campaign2.id}/version` }),
  },
  'GET /coordination/campagnes/:id/invitations/:invitationId': {
    module: 'questionnaires',
    request: get((w) => `/coordination/campagnes/${w.campaign.id}/invitations/${w.campaign.invitationId}`),
  },
  'POST /coordination/campagnes/:id/invitations/:invitationId/renouveler': {
    module: 'questionnaires',
    phase: 2,
    request: (w) => ({
      method: 'POST',
      url: `/coordination/campagnes/${w.campaign2.id}/invitations/${w.campaign2.invitationId}/renouveler`,
    }),
  },
  'POST /coordination/campagnes/:id/invitations/:invitationId/revoquer': {
    module: 'questionnaires',
    phase: 3,
    request: (w) => ({
      method: 'POST',
      url: `/coordination/campagnes/${w.campaign2.id}/invitations/${w.campaign2.invitationId}/revoquer`,
    }),
  },
  'POST /coordination/campagnes/:id/clore': {
    module: 'questionnaires',
    phase: 3,
    request: (w) => ({ method: 'POST', url: `/coordination/campagnes/${w.campaign2.id}/clore` }),
  },
  'GET /coordination/campagnes/:id/resultats': {
    module: 'questionnaires',
    request: get((w) => `/coordination/campagnes/${w.campaign.id}/resultats`),
  },
  'GET /coordination/campagnes/:id/export.csv': {
    module: 'questionnaires',
    request: get((w) => `/coordination/campagnes/${w.campaign.id}/export.csv`),
  },
  'GET /coordination/campagnes/:id/export.json': {
    module: 'questionnaires',
    request: get((w) => `/coordination/campagnes/${w.campaign.id}/export.json`),
  },
  'GET /coordination/campagnes/:id/export.xlsx': {
    module: 'questionnaires',
    request: get((w) => `/coordination/campagnes/${w.campaign.id}/export.xlsx`),
  },
  'GET /coordination/reponses/:id': {
    module: 'questionnaires',
    request: get((w) => `/coordination/reponses/${w.campaign.responseId}`),
  },
  'POST /coordination/reponses/:id/fiche': {
    module: 'questionnaires',
    phase: 1,
    request: (w) => ({ method: 'POST', url: `/coordination/reponses/${w.campaign.responseId}/fiche` }),
  },
  'GET /coordination/fichiers/:fileId': {
    module: 'questionnaires',
    request: get((w) => `/coordination/fichiers/${w.campaign.linkFileId}`),
  },
};

/** The questionnaire builder: every change is sent with a stale revision (409 for those allowed, nothing changed). */
function builderCases(): Record<string, Case> {
  const base = (w: World) => `/coordination/questionnaires/${w.builder.id}`;
  const read = (path: (w: World) => string): Case => ({ module: 'questionnaires', request: get(path) });
  const change = (path: (w: World) => string, form: Record<string, string> = {}): Case => ({
    module: 'questionnaires',
    phase: 1,
    request: (w) => ({ method: 'POST', url: path(w), form: { _revision: STALE, ...form } }),
  });
  const cases: Record<string, Case> = {
    'GET /coordination/questionnaires/:id': read(base),
    'POST /coordination/questionnaires/:id/titre': change((w) => `${base(w)}/titre`, { title: 'Nouveau titre' }),
    'POST /coordination/questionnaires/:id/publier': change((w) => `${base(w)}/publier`),
    'GET /coordination/questionnaires/:id/export': read((w) => `${base(w)}/export?format=native&version=draft`),
    'POST /coordination/questionnaires/:id/pages': change((w) => `${base(w)}/pages`, { title: 'Autre page' }),
    'GET /coordination/questionnaires/:id/pages/:pageId': read((w) => `${base(w)}/pages/${w.builder.pageId}`),
    'POST /coordination/questionnaires/:id/pages/:pageId': change((w) => `${base(w)}/pages/${w.builder.pageId}`, {
      title: 'Page renommée',
    }),
    'POST /coordination/questionnaires/:id/pages/:pageId/elements': change(
      (w) => `${base(w)}/pages/${w.builder.pageId}/elements`,
      { type: 'short_text' },
    ),
    'GET /coordination/questionnaires/:id/elements/:elementId': read(
      (w) => `${base(w)}/elements/${w.builder.elementId}`,
    ),
    'POST /coordination/questionnaires/:id/elements/:elementId': change(
      (w) => `${base(w)}/elements/${w.builder.elementId}`,
      { title: 'Question renommée', type: 'short_text' },
    ),
    'GET /coordination/questionnaires/:id/apercu': read((w) => `${base(w)}/apercu`),
    'GET /coordination/questionnaires/:id/apercu/page/:pageId': read(
      (w) => `${base(w)}/apercu/page/${w.builder.pageId}`,
    ),
    'POST /coordination/questionnaires/:id/apercu/page/:pageId': {
      module: 'questionnaires',
      phase: 1,
      request: (w) => ({
        method: 'POST',
        url: `${base(w)}/apercu/page/${w.builder.pageId}`,
        form: { _preview: '{}', action: 'save' },
      }),
    },
  };
  for (const segment of ['monter', 'descendre', 'supprimer']) {
    cases[`POST /coordination/questionnaires/:id/pages/:pageId/${segment}`] = change(
      (w) => `${base(w)}/pages/${w.builder.pageId}/${segment}`,
    );
  }
  for (const segment of ['monter', 'descendre', 'dupliquer', 'supprimer']) {
    cases[`POST /coordination/questionnaires/:id/elements/:elementId/${segment}`] = change(
      (w) => `${base(w)}/elements/${w.builder.elementId}/${segment}`,
    );
  }
  return cases;
}
