/**
 * Demo content of commons (demo mode only): a few entries maintained by the demo authority (Nantes), so that every
 * demo role can try the catalogue at once — the authority's editor and agent edit them, the coordinator too, the
 * inhabitant and visitors read them. Written with our own words (the addresses are fictitious, under
 * demo.bibliotheque-ia.fr); run once (an entry whose repository address exists is left as it is).
 */
import type { CurrentUser } from '../../platform/auth/user.ts';
import { DEMO_AUTHORITY_CODE } from '../accounts/index.ts';
import type { CommonsInput } from './model.ts';
import type { CommonsPorts } from './ports.ts';
import type { CommonsServices } from './services/index.ts';

const SEED_ACTOR: CurrentUser = { id: 0, email: '', name: 'Contenu de démonstration', role: 'admin', memberships: [] };
const DEMO = 'https://communs.demo.bibliotheque-ia.fr';

type DemoEntry = Omit<CommonsInput, 'maintainerIds' | 'userIds' | 'contributorIds' | 'useCaseIds'> & {
  news: { date: string; title: string; body: string; release: string | null }[];
};

const ENTRIES: DemoEntry[] = [
  {
    name: 'Prévision des consommations d’eau potable',
    summary:
      'Modèle qui prévoit, secteur par secteur, la consommation d’eau potable des sept jours à venir à partir des relevés des compteurs de sectorisation, de la météo et du calendrier (jours fériés, vacances scolaires). Il aide à piloter les réservoirs et à repérer tôt une consommation anormale. Fourni avec son code d’entraînement et une notice pour le réentraîner sur les données d’un autre réseau.',
    kind: 'model',
    status: 'maintained',
    licence: 'EUPL-1.2',
    repositoryUrl: `${DEMO}/eau/prevision-consommation`,
    downloadUrl: `${DEMO}/eau/prevision-consommation/versions`,
    documentationUrl: `${DEMO}/eau/prevision-consommation/documentation`,
    themes: ['ecological_transition'],
    commonsCategory: 'forecasting',
    news: [
      {
        date: '2026-01-12',
        title: 'Prise en compte des épisodes de canicule',
        body: 'Le modèle tient compte des alertes de canicule : l’erreur moyenne baisse nettement sur les semaines chaudes.',
        release: '1.2.0',
      },
      {
        date: '2025-10-03',
        title: 'Première version publiée',
        body: 'Modèle entraîné sur trois ans de relevés de sectorisation, avec son jeu de test.',
        release: '1.0.0',
      },
    ],
  },
  {
    name: 'Chaîne de lecture des délibérations numérisées',
    summary:
      'Chaîne de traitement qui lit les délibérations scannées (reconnaissance de caractères), en extrait la date, l’objet, le rapporteur et le résultat du vote, et produit un fichier ouvert par séance. Pensée pour les archives des conseils municipaux et communautaires, elle signale les pages à relire par une personne.',
    kind: 'code',
    status: 'building',
    licence: 'AGPL-3.0-or-later',
    repositoryUrl: `${DEMO}/actes/lecture-deliberations`,
    downloadUrl: null,
    documentationUrl: `${DEMO}/actes/lecture-deliberations/guide`,
    themes: ['administration', 'citizenship'],
    commonsCategory: 'text_extraction',
    news: [
      {
        date: '2026-02-02',
        title: 'Appel à contributions',
        body: 'Nous cherchons des collectivités prêtes à tester la chaîne sur leurs registres anciens.',
        release: null,
      },
    ],
  },
  {
    name: 'Étiquettes d’images aériennes : toitures, piscines, espaces végétalisés',
    summary:
      'Jeu de données d’étiquettes dessinées sur des orthophotographies : contours de toitures, de piscines et d’espaces végétalisés, avec la consigne d’étiquetage et la répartition entraînement / validation. Il sert à entraîner ou à évaluer un modèle de classification de formes sur images aériennes.',
    kind: 'dataset',
    status: 'available',
    licence: 'etalab-2.0',
    repositoryUrl: `${DEMO}/images/etiquettes-aeriennes`,
    downloadUrl: `${DEMO}/images/etiquettes-aeriennes/telecharger`,
    documentationUrl: null,
    themes: ['ecological_transition'],
    commonsCategory: 'aerial_shape_classification',
    news: [],
  },
  {
    name: 'Guide : évaluer un modèle de prévision avant de le mettre en service',
    summary:
      'Méthode pas à pas pour juger un modèle de prévision sur ses propres données : choisir la période de test, comparer à une prévision naïve, lire les erreurs par saison, décider du seuil d’acceptation et de la fréquence de réentraînement.',
    kind: 'guide',
    status: 'idea',
    licence: 'CC-BY-4.0',
    repositoryUrl: null,
    downloadUrl: null,
    documentationUrl: null,
    themes: ['administration'],
    commonsCategory: 'forecasting',
    news: [],
  },
];

export async function seedDemo(
  services: CommonsServices,
  ports: CommonsPorts,
  log: (line: string) => void,
): Promise<void> {
  const authority = await ports.organisations.findByCode(DEMO_AUTHORITY_CODE);
  if (!authority) {
    log('Communs : collectivité de démonstration absente, aucun commun créé.');
    return;
  }
  const existing = await services.search.all();
  const names = new Set(existing.map((e) => e.name));
  let created = 0;
  for (const { news, ...entry } of ENTRIES) {
    if (names.has(entry.name)) continue;
    const id = await services.writing.create(SEED_ACTOR, {
      ...entry,
      maintainerIds: [authority.id],
      userIds: [],
      contributorIds: [],
      useCaseIds: [],
    });
    for (const n of news)
      await services.writing.addNews(SEED_ACTOR, id, {
        date: n.date,
        titre: n.title,
        texte: n.body,
        publication: n.release ?? '',
      });
    created++;
  }
  log(`Communs : ${created} commun(s) de démonstration créé(s).`);
}
