/**
 * The world of the route × role test: two authorities (A owns the resources, B is another one), the six personas,
 * and every resource a route needs, created through HTTP (as people do) or the modules' public APIs — never by
 * writing into tables. Resources that a route consumes (a join request decided, a token revoked, a one-time link
 * used…) are made afresh for each request by the `fresh…` functions.
 */

import { filledContent } from '../../../src/modules/library/index.ts';
import { PERSONAS } from '../../../src/platform/http/access.ts';
import { linkIn, type TestApp } from '../../helpers/app.ts';
import { type Persona, PersonaClient, type Req, type Sent } from './client.ts';

export const SIREN_A = '213502388';
export const SIREN_B = '200046977';
const PASSWORD = 'mot-de-passe-de-test-123';
const day = 86_400_000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * day).toISOString().slice(0, 10);

export interface World {
  app: TestApp;
  clients: Record<Persona, PersonaClient>;
  userIds: Record<Persona, number | null>;
  orgA: number;
  orgB: number;
  /** A published use case of A (id, path « /bibliotheque/12-titre »). */
  published: { id: number; path: string; version: number };
  /** A draft use case of A. */
  draft: { id: number; path: string; version: number };
  questionnaires: { census: number; participation: number };
  /** A draft questionnaire with one page and one question. */
  builder: { id: number; pageId: string; elementId: string };
  /** A campaign inviting A, with an invitation link, a public link, responses and files. */
  campaign: {
    id: number;
    invitationId: number;
    link: string;
    publicPath: string;
    publicCookies: Record<string, string>;
    responseId: number;
    linkFileId: string;
    publicFileId: string;
  };
  /** A second campaign inviting A, for the actions that change a campaign (close, settings, version, renew…). */
  campaign2: { id: number; invitationId: number };
  /** A campaign taking several responses per authority (one per project): A's link, one response and its file. */
  campaign3: { id: number; link: string; responseId: number; fileId: string };
  /** A mail in the outbox. */
  outboxId: string;
  /** Someone with an account and no role: the target of the administrators' actions. */
  bystander: { id: number; email: string };
  freshUser(prefix?: string): Promise<{ id: number; email: string; client: PersonaClient }>;
  freshJoinRequest(): Promise<number>;
  freshMember(): Promise<number>;
  freshReport(): Promise<number>;
  freshToken(): Promise<number>;
  freshConfirmLink(): Promise<string>;
  freshMagicLink(): Promise<string>;
  freshResetLink(): Promise<string>;
  freshEmailChangeLink(): Promise<string>;
}

function check(sent: Sent, expected: number | number[], what: string): Sent {
  const ok = Array.isArray(expected) ? expected.includes(sent.status) : sent.status === expected;
  if (!ok) throw new Error(`monde de test : ${what} → ${sent.status} ${sent.location} ${sent.body.slice(0, 400)}`);
  return sent;
}

const lastNumber = (text: string, re: RegExp, what: string): number => {
  const ids = [...text.matchAll(re)].map((m) => Number(m[1]));
  if (!ids.length) throw new Error(`monde de test : ${what} introuvable`);
  return Math.max(...ids);
};

export async function buildWorld(app: TestApp): Promise<World> {
  const server = app.server;
  let counter = 0;
  const unique = () => `${Date.now().toString(36)}${++counter}`;

  const orgA = await app.createOrganisation({
    name: 'Commune A',
    type: 'commune',
    siren: SIREN_A,
    regionCode: '53',
    departementCode: '35',
  });
  const orgB = await app.createOrganisation({
    name: 'Métropole B',
    type: 'metropole',
    siren: SIREN_B,
    regionCode: '84',
    departementCode: '69',
  });

  const specs: Record<Persona, Parameters<TestApp['createUser']>[0] | null> = {
    visitor: null,
    member: { email: 'membre@a.fr', memberships: [{ organisationId: orgA, role: 'member' }] },
    editor: { email: 'responsable@a.fr', memberships: [{ organisationId: orgA, role: 'editor' }] },
    other_editor: { email: 'responsable@b.fr', memberships: [{ organisationId: orgB, role: 'editor' }] },
    coordinator: { email: 'coordination@reseau.fr', role: 'coordinator' },
    admin: { email: 'admin@reseau.fr', role: 'admin' },
  };
  const userIds = {} as Record<Persona, number | null>;
  const clients = {} as Record<Persona, PersonaClient>;
  for (const persona of PERSONAS) {
    const spec = specs[persona];
    userIds[persona] = spec ? (await app.createUser(spec)).id : null;
    clients[persona] = new PersonaClient(server, persona, userIds[persona]);
    await clients[persona].start();
  }
  const { editor, coordinator, visitor } = clients;

  async function runJobs() {
    for (let i = 0; i < 10; i++) if (!(await server.runJobs())) break;
  }
  async function mailTo(email: string, fragment: string): Promise<string> {
    await runJobs();
    const message = app.outbox().find((m) => m.to.includes(email) && m.text.includes(fragment));
    return linkIn(message, fragment);
  }

  // -- library ------------------------------------------------------------------------------------------------
  const createUseCase = async (content: unknown) => {
    const sent = check(
      await editor.send({ method: 'POST', url: '/api/v1/use-cases', json: { organisationId: orgA, content } }),
      201,
      'création d’une fiche',
    );
    return sent.response.json() as { id: number; version: number };
  };
  const pub = await createUseCase(filledContent('ra'));
  const submitted = check(
    await editor.send({ method: 'POST', url: `/api/v1/use-cases/${pub.id}/submit`, json: { version: pub.version } }),
    200,
    'soumission de la fiche',
  ).response.json() as { version: number };
  const publishedSent = check(
    await coordinator.send({
      method: 'POST',
      url: `/bibliotheque/${pub.id}/action`,
      form: { action: 'publish', version: String(submitted.version) },
    }),
    302,
    'publication de la fiche',
  );
  const publishedPath = publishedSent.location.split('?')[0]!;
  const publishedJson = check(
    await coordinator.send({ url: `/api/v1/use-cases/${pub.id}?working=1` }),
    200,
    'lecture de la fiche publiée',
  ).response.json() as { version: number };
  const draftRow = await createUseCase({ title: 'Brouillon de la commune A' });

  const freshReport = async () => {
    check(
      await visitor.send({
        method: 'POST',
        url: `${publishedPath}/signaler`,
        form: { message: 'Le lien vers le service ne fonctionne plus.', email: 'citoyen@exemple.fr' },
      }),
      302,
      'signalement',
    );
    const page = check(await coordinator.send({ url: '/bibliotheque/signalements' }), 200, 'liste des signalements');
    return lastNumber(page.body, /\/bibliotheque\/signalements\/(\d+)\/traite/g, 'signalement');
  };
  await freshReport();

  const freshToken = async () => {
    const page = check(
      await editor.send({
        method: 'POST',
        url: `/bibliotheque/jetons?organisation=${orgA}`,
        form: { name: `Logiciel ${unique()}` },
      }),
      200,
      'création d’un jeton',
    );
    return lastNumber(page.body, /\/bibliotheque\/jetons\/(\d+)\/revoquer/g, 'jeton');
  };
  await freshToken();

  // -- questionnaires -------------------------------------------------------------------------------------------
  const [census, participation] =
    (await server.modules.services.questionnaires.questionnaires.installCatalogue()) as number[];
  const created = check(
    await coordinator.send({
      method: 'POST',
      url: '/coordination/questionnaires',
      form: { title: 'Questionnaire de test' },
    }),
    302,
    'création d’un questionnaire',
  );
  const builderId = Number(created.location.split('/').pop());
  const builderPage = async () =>
    check(await coordinator.send({ url: `/coordination/questionnaires/${builderId}` }), 200, 'constructeur').body;
  const revisionOf = (html: string) => /name="_revision" value="(\d+)"/.exec(html)?.[1] ?? '0';
  let html = await builderPage();
  let pageId = new RegExp(`/coordination/questionnaires/${builderId}/pages/([A-Za-z0-9_-]+)`).exec(html)?.[1];
  if (!pageId) {
    check(
      await coordinator.send({
        method: 'POST',
        url: `/coordination/questionnaires/${builderId}/pages`,
        form: { title: 'Première page', _revision: revisionOf(html) },
      }),
      302,
      'ajout d’une page',
    );
    html = await builderPage();
    pageId = new RegExp(`/coordination/questionnaires/${builderId}/pages/([A-Za-z0-9_-]+)`).exec(html)?.[1];
  }
  if (!pageId) throw new Error('monde de test : page du questionnaire introuvable');
  const added = check(
    await coordinator.send({
      method: 'POST',
      url: `/coordination/questionnaires/${builderId}/pages/${pageId}/elements`,
      form: { type: 'short_text', _revision: revisionOf(html) },
    }),
    302,
    'ajout d’une question',
  );
  html = await builderPage();
  const elementId =
    /\/elements\/([A-Za-z0-9_-]+)/.exec(added.location)?.[1] ??
    new RegExp(`/coordination/questionnaires/${builderId}/elements/([A-Za-z0-9_-]+)`).exec(html)?.[1];
  if (!elementId) throw new Error('monde de test : question du questionnaire introuvable');

  const createCampaign = async (title: string, responsesMode = 'one') => {
    const sent = check(
      await coordinator.send({
        method: 'POST',
        url: '/coordination/campagnes',
        multipart: {
          fields: {
            questionnaireId: String(participation),
            title,
            description: 'Campagne du test des accès.',
            opensAt: isoDay(-1),
            closesAt: isoDay(20),
            options: ['results', 'public'],
            reminderDays: '',
            responsesMode,
          },
          files: [
            {
              field: 'sirenFile',
              filename: 'siren.csv',
              type: 'text/csv',
              content: `siren;contact\n${SIREN_A};contact@a.fr\n`,
            },
          ],
        },
      }),
      302,
      `création de la campagne « ${title} »`,
    );
    const id = Number(/\/coordination\/campagnes\/(\d+)/.exec(sent.location)?.[1]);
    check(
      await coordinator.send({ method: 'POST', url: `/coordination/campagnes/${id}/lancer`, form: { confirm: 'oui' } }),
      302,
      `lancement de la campagne « ${title} »`,
    );
    const dashboard = check(await coordinator.send({ url: `/coordination/campagnes/${id}` }), 200, 'suivi').body;
    const invitationId = lastNumber(
      dashboard,
      new RegExp(`/coordination/campagnes/${id}/invitations/(\\d+)`, 'g'),
      'invitation',
    );
    return { id, invitationId, dashboard };
  };
  const c1 = await createCampaign('Campagne des accès');
  const invitationPage = check(
    await coordinator.send({ url: `/coordination/campagnes/${c1.id}/invitations/${c1.invitationId}` }),
    200,
    'page de l’invitation',
  ).body;
  const linkUrl = /https?:\/\/[^\s<"]+\/recensements\/lien\/[A-Za-z0-9_-]+/.exec(invitationPage)?.[0];
  if (!linkUrl) throw new Error('monde de test : lien d’invitation introuvable');
  const link = new URL(linkUrl).pathname;
  const publicUrl = /https?:\/\/[^\s<"]+\/recensements\/public\/[A-Za-z0-9_-]+/.exec(c1.dashboard)?.[0];
  if (!publicUrl) throw new Error('monde de test : lien public introuvable');
  const publicPath = new URL(publicUrl).pathname;

  const pdf = Buffer.from('%PDF-1.4\n% compte rendu\n');
  /** Answers a first page, then attaches a file; returns the file's id. */
  const answerWithFile = async (base: string, cookies: Record<string, string>) => {
    check(
      await visitor.send({
        method: 'POST',
        url: `${base}/page/collectivite`,
        cookies,
        form: { _version: '0', _base: '{}', fonction: 'Chargée de mission', action: 'save' },
      }),
      302,
      `première réponse (${base})`,
    );
    const bilan = check(await visitor.send({ url: `${base}/page/bilan`, cookies }), 200, 'page bilan').body;
    const version = /name="_version" value="(\d+)"/.exec(bilan)?.[1] ?? '1';
    check(
      await visitor.send({
        method: 'POST',
        url: `${base}/page/bilan`,
        cookies,
        multipart: {
          fields: { _version: version, _base: '{}', action: 'save' },
          files: [
            { field: 'compte_rendu_fichier', filename: 'compte-rendu.pdf', type: 'application/pdf', content: pdf },
          ],
        },
      }),
      302,
      `fichier joint (${base})`,
    );
    const after = check(await visitor.send({ url: `${base}/page/bilan`, cookies }), 200, 'page bilan').body;
    const fileId = /\/fichiers\/([A-Za-z0-9_-]+)"/.exec(after)?.[1];
    if (!fileId) throw new Error(`monde de test : fichier joint introuvable (${base})`);
    return fileId;
  };
  const linkFileId = await answerWithFile(link, {});
  const publicStart = await visitor.send({ url: publicPath });
  const publicCookies: Record<string, string> = {};
  for (const c of publicStart.response.cookies) if (c.name.startsWith('bia_rep_')) publicCookies[c.name] = c.value;
  const publicFileId = await answerWithFile(publicPath, publicCookies);
  const dashboard = check(await coordinator.send({ url: `/coordination/campagnes/${c1.id}` }), 200, 'suivi').body;
  const responseId = lastNumber(dashboard, /\/coordination\/reponses\/(\d+)/g, 'réponse');
  const c2 = await createCampaign('Campagne à modifier');
  const c3 = await createCampaign('Campagne à plusieurs réponses', 'several');
  const c3Invitation = check(
    await coordinator.send({ url: `/coordination/campagnes/${c3.id}/invitations/${c3.invitationId}` }),
    200,
    'page de l’invitation (plusieurs réponses)',
  ).body;
  const c3Url = /https?:\/\/[^\s<"]+\/recensements\/lien\/[A-Za-z0-9_-]+/.exec(c3Invitation)?.[0];
  if (!c3Url) throw new Error('monde de test : lien d’invitation introuvable (plusieurs réponses)');
  const c3Link = new URL(c3Url).pathname;
  const c3Added = check(
    await visitor.send({ method: 'POST', url: `${c3Link}/reponses` }),
    302,
    'nouvelle réponse (plusieurs réponses)',
  );
  const c3ResponseId = Number(/\/reponses\/(\d+)/.exec(c3Added.location)?.[1]);
  const c3FileId = await answerWithFile(`${c3Link}/reponses/${c3ResponseId}`, {});

  // -- accounts and organisations -------------------------------------------------------------------------------
  const freshUser = async (prefix = 'personne') => {
    const email = `${prefix}-${unique()}@exemple.fr`;
    const { id } = await app.createUser({ email, password: PASSWORD });
    const client = new PersonaClient(server, 'member', id);
    await client.start();
    return { id, email, client };
  };
  const bystanderUser = await freshUser('tiers');

  const membersPage = async () =>
    check(await editor.send({ url: `/collectivites/${orgA}/membres` }), 200, 'membres de A').body;
  const freshJoinRequest = async () => {
    const someone = await freshUser('demande');
    check(
      await someone.client.send({
        method: 'POST',
        url: `/collectivites/${orgA}/rejoindre`,
        form: { message: 'Je travaille au service numérique.' },
      }),
      [302, 303],
      'demande d’adhésion',
    );
    return lastNumber(
      await membersPage(),
      new RegExp(`/collectivites/${orgA}/membres/(\\d+)/decision`, 'g'),
      'demande',
    );
  };
  await freshJoinRequest();
  const freshMember = async () => {
    await app.createUser({
      email: `membre-${unique()}@a.fr`,
      memberships: [{ organisationId: orgA, role: 'member' }],
    });
    return lastNumber(await membersPage(), new RegExp(`/collectivites/${orgA}/membres/(\\d+)/retrait`, 'g'), 'membre');
  };

  const freshConfirmLink = async () => {
    const email = `inscription-${unique()}@exemple.fr`;
    check(
      await visitor.send({
        method: 'POST',
        url: '/inscription',
        form: { name: 'Nouvelle personne', email, password: PASSWORD },
      }),
      200,
      'inscription',
    );
    return mailTo(email, '/inscription/confirmer');
  };
  const freshMagicLink = async () => {
    const { email } = await freshUser('lien');
    check(await visitor.send({ method: 'POST', url: '/connexion/lien', form: { email } }), 200, 'lien de connexion');
    return mailTo(email, '/connexion/lien/utiliser');
  };
  const freshResetLink = async () => {
    const { email } = await freshUser('oubli');
    check(
      await visitor.send({ method: 'POST', url: '/mot-de-passe-oublie', form: { email } }),
      200,
      'mot de passe oublié',
    );
    return mailTo(email, '/mot-de-passe/nouveau');
  };
  const freshEmailChangeLink = async () => {
    const { client } = await freshUser('changement');
    const newEmail = `nouvelle-${unique()}@exemple.fr`;
    check(
      await client.send({
        method: 'POST',
        url: '/compte/courriel',
        form: { newEmail, currentPasswordForEmail: PASSWORD },
      }),
      200,
      'changement d’adresse',
    );
    return mailTo(newEmail, '/compte/courriel/confirmer');
  };
  await freshConfirmLink();
  await runJobs();
  const outboxId = app.outbox()[0]?.id;
  if (!outboxId) throw new Error('monde de test : boîte d’envoi vide');

  return {
    app,
    clients,
    userIds,
    orgA,
    orgB,
    published: { id: pub.id, path: publishedPath, version: publishedJson.version },
    draft: { id: draftRow.id, path: `/bibliotheque/${draftRow.id}`, version: draftRow.version },
    questionnaires: { census: census!, participation: participation! },
    builder: { id: builderId, pageId, elementId },
    campaign: {
      id: c1.id,
      invitationId: c1.invitationId,
      link,
      publicPath,
      publicCookies,
      responseId,
      linkFileId,
      publicFileId,
    },
    campaign2: { id: c2.id, invitationId: c2.invitationId },
    campaign3: { id: c3.id, link: c3Link, responseId: c3ResponseId, fileId: c3FileId },
    outboxId,
    bystander: { id: bystanderUser.id, email: bystanderUser.email },
    freshUser,
    freshJoinRequest,
    freshMember,
    freshReport,
    freshToken,
    freshConfirmLink,
    freshMagicLink,
    freshResetLink,
    freshEmailChangeLink,
  };
}

/** A request with a link made wrong (the last path segment of the secret changed). */
export function wrongToken(req: Req, token: string): Req {
  return { ...req, url: req.url.replace(token, `${token.slice(0, -4)}zzzz`) };
}
