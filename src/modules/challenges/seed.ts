/**
 * Demo content of challenges (demo mode only): the four themes of the working group as challenges at different
 * stages, written with our own words, so that every demo role can try them at once — the demo authority (Nantes)
 * leads the forecasting challenge (its editor posts news and moves stages), is invited to the aerial-images one (its
 * editor joins it), the coordinator moves any challenge, the inhabitant and visitors read them. The seeded State labs
 * take part as partners; the forecasting challenge reached « commun publié », linked to the demo commons entry on
 * water consumption forecasts; each lists the published demo sheets of its commons category (so that « Nous faisons
 * pareil » on such a sheet finds the open ones). Run once (a challenge whose title exists is left as it is); organisations missing from
 * the database are skipped.
 */
import type { CurrentUser } from '../../platform/auth/user.ts';
import { DEMO_AUTHORITY_CODE } from '../accounts/index.ts';
import type { ChallengeInput, Stage } from './model.ts';
import type { ChallengesPorts } from './ports.ts';
import type { ChallengesServices } from './services/index.ts';

const SEED_ACTOR: CurrentUser = { id: 0, email: '', name: 'Contenu de démonstration', role: 'admin', memberships: [] };

interface DemoChallenge {
  input: Omit<ChallengeInput, 'statedByOrganisationId' | 'joinDeadline'>;
  /** The stating authority's code (null: the coordination). */
  statedBy: string | null;
  /** Days from today to the deadline to join (null: none). */
  deadlineInDays: number | null;
  /** Participants by organisation code; `lab` n: the n-th seeded State lab (by name), always a partner. */
  participants: { code?: string; lab?: number; role: 'lead' | 'contributor' | 'observer'; brings: string }[];
  invited: string[];
  news: { title: string; body: string }[];
  /** The stages it goes through after « appel à intérêt ». */
  stages: Stage[];
  abandonReason?: string;
  /** The demo commons entry it produced (for « commun publié »). */
  commonsName?: string;
}

const CHALLENGES: DemoChallenge[] = [
  {
    statedBy: DEMO_AUTHORITY_CODE,
    deadlineInDays: null,
    input: {
      title: 'Prévoir les événements réguliers ou rares : consommations, affluences, crues',
      need: 'Beaucoup de services prévoient « à la main » ce qui revient chaque semaine (consommation d’eau, repas servis, fréquentation des équipements) et sont pris de court par ce qui arrive rarement (épisode de canicule, crue, panne de grande ampleur). Chaque collectivité refait le même travail sur ses propres séries de mesures.',
      expectedResult:
        'Un modèle de prévision réutilisable, livré avec son code d’entraînement, une notice pour le réentraîner sur les données d’un autre territoire et une méthode d’évaluation commune.',
      data: 'Relevés de compteurs de sectorisation au pas horaire sur trois ans, calendrier des jours fériés et des vacances scolaires, observations météorologiques publiques.',
      hostingConstraints:
        'Entraînement et exécution sur un hébergement souverain ; aucune dépendance à un service en ligne propriétaire.',
      personalDataConstraints:
        'Aucune donnée personnelle : les séries sont agrégées par secteur d’au moins 500 abonnés.',
      themes: ['ecological_transition', 'administration'],
      commonsCategory: 'forecasting',
      plannedScopingOn: null,
      plannedBuildingOn: null,
      plannedPublicationOn: null,
    },
    participants: [
      {
        code: 'commune:69123',
        role: 'contributor',
        brings: 'Deux ans de relevés de sectorisation et un agent data à mi-temps.',
      },
      { code: 'commune:33063', role: 'observer', brings: '' },
      { lab: 1, role: 'contributor', brings: 'Accompagnement méthodologique sur l’évaluation des prévisions.' },
    ],
    invited: [],
    news: [
      {
        title: 'Lancement du cadrage',
        body: 'Les porteurs se sont réunis pour fixer le périmètre : l’eau potable d’abord, la fréquentation des équipements ensuite.',
      },
      {
        title: 'Le modèle est publié dans les communs',
        body: 'La première version du modèle et sa notice sont disponibles ; merci aux collectivités qui ont prêté leurs données.',
      },
    ],
    stages: ['scoping', 'building', 'published'],
    commonsName: 'Prévision des consommations d’eau potable',
  },
  {
    statedBy: null,
    deadlineInDays: null,
    input: {
      title: 'Détecter les anomalies sur les réseaux et dans les consommations',
      need: 'Fuites sur les réseaux d’eau, dérives de consommation des bâtiments publics, pannes d’éclairage : les signaux existent dans les données de télérelève mais personne n’a le temps de les regarder toutes.',
      expectedResult:
        'Une méthode et un code de détection d’anomalies sur séries temporelles, avec un tableau de bord d’alertes que les agents peuvent régler.',
      data: 'Données de télérelève des bâtiments publics (énergie, eau), débits de nuit des réseaux, historique des interventions.',
      hostingConstraints:
        'Déploiement possible dans le système d’information de la collectivité, sans envoi des données à l’extérieur.',
      personalDataConstraints:
        'Les consommations des logements ne sont pas utilisées ; seules celles des bâtiments publics le sont.',
      themes: ['ecological_transition'],
      commonsCategory: 'anomaly_detection',
      plannedScopingOn: null,
      plannedBuildingOn: null,
      plannedPublicationOn: null,
    },
    participants: [
      { code: 'commune:31555', role: 'lead', brings: 'Données de télérelève de 120 bâtiments publics.' },
      { code: 'commune:13055', role: 'contributor', brings: 'Historique des interventions sur le réseau.' },
      { code: DEMO_AUTHORITY_CODE, role: 'observer', brings: '' },
      { lab: 0, role: 'contributor', brings: 'Deux data scientists pendant la réalisation.' },
    ],
    invited: [],
    news: [
      {
        title: 'Jeu de test constitué',
        body: 'Trois collectivités ont annoté six mois d’alertes : c’est la référence qui servira à comparer les méthodes.',
      },
    ],
    stages: ['scoping', 'building'],
  },
  {
    statedBy: 'commune:69123',
    deadlineInDays: 45,
    input: {
      title: 'Lire et extraire le texte des documents numérisés',
      need: 'Délibérations anciennes, registres, formulaires papier : une grande partie de la mémoire administrative n’existe qu’en image. Les outils de reconnaissance de caractères génériques se trompent sur les écritures manuscrites et les mises en page des actes.',
      expectedResult:
        'Une chaîne de traitement ouverte qui reconnaît le texte des actes numérisés, en extrait les informations utiles (date, objet, vote) et signale les pages à relire.',
      data: 'Un échantillon de 2 000 pages de délibérations numérisées, déjà transcrites en partie par les archives.',
      hostingConstraints: 'Exécution sur les serveurs des archives, sans processeur graphique obligatoire.',
      personalDataConstraints:
        'Les actes citent des personnes : l’échantillon d’entraînement est limité aux actes publiés, et les extractions restent dans la collectivité.',
      themes: ['administration', 'citizenship'],
      commonsCategory: 'text_extraction',
      plannedScopingOn: null,
      plannedBuildingOn: null,
      plannedPublicationOn: null,
    },
    participants: [
      { code: 'commune:75056', role: 'contributor', brings: 'Des transcriptions de registres pour l’évaluation.' },
      { lab: 2, role: 'contributor', brings: 'Une expertise en évaluation des outils de reconnaissance.' },
    ],
    invited: [],
    news: [
      {
        title: 'Appel aux archives',
        body: 'Nous cherchons des services d’archives prêts à partager quelques centaines de pages déjà transcrites.',
      },
    ],
    stages: ['scoping'],
  },
  {
    statedBy: null,
    deadlineInDays: 60,
    input: {
      title: 'Classer les formes sur les images aériennes',
      need: 'Toitures végétalisées, piscines, panneaux solaires, arbres isolés : les collectivités veulent suivre ces objets sur leurs orthophotographies pour leurs politiques climatiques et fiscales, et chacune entraîne son propre modèle.',
      expectedResult:
        'Un jeu d’étiquettes partagé et un modèle de classification de formes réentraînable, avec la consigne d’étiquetage et une évaluation par type de territoire.',
      data: 'Orthophotographies publiques à 20 cm, étiquettes déjà dessinées par quelques collectivités.',
      hostingConstraints: '',
      personalDataConstraints:
        'Les images montrent des parcelles privées : le résultat sert à des statistiques par quartier, jamais à un contrôle individuel.',
      themes: ['ecological_transition', 'urbanism'],
      commonsCategory: 'aerial_shape_classification',
      plannedScopingOn: null,
      plannedBuildingOn: null,
      plannedPublicationOn: null,
    },
    participants: [
      { code: 'commune:67482', role: 'lead', brings: 'Les étiquettes de 3 000 toitures déjà dessinées.' },
      { code: 'commune:34172', role: 'observer', brings: '' },
    ],
    invited: [DEMO_AUTHORITY_CODE, 'commune:35238'],
    news: [],
    stages: [],
  },
];

/** « AAAA-MM-JJ » `days` after `today`. */
function addDays(today: string, days: number): string {
  return new Date(Date.parse(`${today}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Dates the story of a seeded challenge in the past: each step (creation, stage, news) six weeks after the previous one. */
async function backdate(services: ChallengesServices, id: number, story: (['stage', Stage] | ['news', number])[]) {
  const now = Date.parse(`${services.today()}T09:00:00Z`);
  const step = 45 * 86_400_000;
  const at = (i: number) => new Date(now - (story.length + 1 - i) * step + 3_600_000 * i).toISOString();
  await services.platform.db.transaction().execute((trx) =>
    services.store.backdate(trx, id, {
      createdAt: at(0),
      joinedAt: new Date(Date.parse(at(0)) + 2 * 86_400_000).toISOString(),
      stages: [
        ['call_for_interest', at(0)],
        ...story.flatMap((s, i) => (s[0] === 'stage' ? [[s[1], at(i + 1)] as [Stage, string]] : [])),
      ],
      news: story.flatMap((s, i) => (s[0] === 'news' ? [[s[1], at(i + 1)] as [number, string]] : [])),
    }),
  );
  services.search.touched();
}

export async function seedDemo(
  services: ChallengesServices,
  ports: ChallengesPorts,
  log: (line: string) => void,
): Promise<void> {
  const existing = new Set((await services.search.all()).map((c) => c.title));
  // Read only when a challenge is created: listing authorities by type loads their whole catalogue (36,000), which
  // every restart paid for nothing (1.5 s on PostgreSQL).
  let labs: Awaited<ReturnType<typeof ports.organisations.ofType>> | undefined;
  const today = services.today();
  let created = 0;
  for (const d of CHALLENGES) {
    if (existing.has(d.input.title)) continue;
    const stater = d.statedBy ? await ports.organisations.findByCode(d.statedBy) : null;
    if (d.statedBy && !stater) {
      log(`Défis : « ${d.input.title} » non créé (${d.statedBy} absent).`);
      continue;
    }
    const invited = (await Promise.all(d.invited.map((code) => ports.organisations.findByCode(code)))).filter(
      (o) => o !== null,
    );
    const withDates = {
      ...d.input,
      plannedScopingOn: d.stages.includes('scoping') ? null : addDays(today, 30),
      plannedBuildingOn: d.stages.includes('building') ? null : addDays(today, 120),
      plannedPublicationOn: d.stages.includes('published') ? null : addDays(today, 300),
    };
    const id = await services.writing.create(
      SEED_ACTOR,
      {
        ...withDates,
        statedByOrganisationId: stater?.id ?? null,
        joinDeadline: d.deadlineInDays === null ? null : addDays(today, d.deadlineInDays),
      },
      {
        invitedIds: invited.map((o) => o.id),
        useCaseIds: d.input.commonsCategory ? await ports.useCases.publishedInCategory(d.input.commonsCategory) : [],
        via: 'demo',
      },
    );
    for (const p of d.participants) {
      if (p.lab !== undefined) labs ??= await ports.organisations.ofType('laboratoire_etat', 20);
      const org = p.lab !== undefined ? labs![p.lab] : await ports.organisations.findByCode(p.code!);
      if (!org) continue;
      await services.participation.join(SEED_ACTOR, id, { autre_organisme: org.code, role: p.role, apport: p.brings });
    }
    // The story in order (stages reached, news posted), then dated in the past, a few weeks apart.
    const story: (['stage', Stage] | ['news', number])[] = [];
    const news = [...d.news];
    const post = async (n: { title: string; body: string }) =>
      story.push(['news', await services.writing.addNews(SEED_ACTOR, id, { titre: n.title, texte: n.body })]);
    for (const stage of d.stages) {
      if (stage === 'published') {
        const entry = d.commonsName ? await ports.commons.findByName(d.commonsName) : null;
        if (!entry) break;
        await services.writing.changeStage(SEED_ACTOR, id, { etape: 'published', commun: String(entry.id) });
      } else await services.writing.changeStage(SEED_ACTOR, id, { etape: stage, motif: d.abandonReason ?? '' });
      story.push(['stage', stage]);
      if (stage === 'scoping' && news.length) await post(news.shift()!);
    }
    for (const n of news) await post(n);
    await backdate(services, id, story);
    created++;
  }
  log(`Défis : ${created} défi(s) de démonstration créé(s).`);
}
