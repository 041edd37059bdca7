/**
 * Demo content of participation (demo mode only), written with our own words: initiatives of the demo authority
 * (Nantes) at every step — published ones (a local 5G debate, digital mediators, workshops, a citizen jury), one
 * submitted and awaiting review, one draft — linked to the Manifesto's commitments, and two published initiatives of
 * other authorities when the directory knows them (the map and the facets have more than one place). Two published
 * library sheets, when there are some, are linked to commitments. Run once: an initiative whose title exists is left
 * as it is. Every demo role can try it at once: the authority's members finish the draft, the coordinator reviews the
 * submitted one, visitors read the catalogue, the map, the statistics and the Manifesto page.
 */
import type { CurrentUser } from '../../platform/auth/user.ts';
import { DEMO_AUTHORITY_CODE } from '../accounts/index.ts';
import { emptyContent, type InitiativeContent } from './model.ts';
import type { ParticipationPorts } from './ports.ts';
import type { ParticipationServices } from './services/index.ts';
import { workingContent } from './store.ts';

type Step = 'published' | 'submitted' | 'draft';
interface DemoInitiative {
  authority: string;
  step: Step;
  content: Partial<InitiativeContent> & { title: string };
}

const DEMO = 'https://participation.demo.bibliotheque-ia.fr';

const INITIATIVES: DemoInitiative[] = [
  {
    authority: DEMO_AUTHORITY_CODE,
    step: 'published',
    content: {
      title: 'Débat public sur l’arrivée de la 5G dans les quartiers',
      plainSummary:
        'Avant d’installer de nouvelles antennes, la ville a organisé quatre soirées de débat. Les habitants ont posé leurs questions à des opérateurs, des médecins et des élus. La ville a ensuite publié une carte des antennes et fixé des règles de concertation.',
      summary:
        'Quatre réunions publiques, une par secteur de la ville, ont réuni habitants, opérateurs de téléphonie, un médecin de santé publique et l’agence nationale des fréquences. Chaque soirée commençait par une présentation courte et sans jargon, suivie de questions libres.\n\nLes questions écrites ont reçu une réponse publiée en ligne et affichée en mairie de quartier.',
      format: 'public_debate',
      topics: ['infrastructure_5g'],
      publics: ['grand_public', 'seniors', 'associations'],
      farFromDigital:
        'Les soirées avaient lieu dans des salles de quartier, sans inscription en ligne. Les comptes rendus ont été imprimés et déposés dans les mairies annexes.',
      startDate: '2025-02-04',
      endDate: '2025-03-25',
      partners: 'Opérateurs de téléphonie mobile, agence nationale des fréquences, conseils de quartier',
      budgetBand: 'lt_5k',
      participants: 420,
      outcomes:
        'Une charte locale de concertation avant toute nouvelle antenne, et une carte publique des antennes mise à jour chaque trimestre.',
      obstacles: 'Des échanges parfois tendus lors de la première soirée ; peu de jeunes présents.',
      strengths: 'Des intervenants variés et une animation neutre confiée à un prestataire extérieur.',
      resources: [{ label: 'Compte rendu des quatre soirées', url: `${DEMO}/5g/compte-rendu` }],
      contact: 'Mission démocratie participative — participation@demo.bibliotheque-ia.fr',
      commitments: ['infrastructures', 'intelligence_collective'],
    },
  },
  {
    authority: DEMO_AUTHORITY_CODE,
    step: 'published',
    content: {
      title: 'Médiateurs numériques dans les maisons de quartier',
      plainSummary:
        'Des médiateurs numériques tiennent des permanences gratuites dans six maisons de quartier. Ils aident à faire une démarche en ligne, à utiliser un téléphone ou à créer une adresse e-mail. On peut venir sans rendez-vous.',
      summary:
        'Six médiateurs, recrutés avec le soutien de l’État, accueillent les habitants deux demi-journées par semaine dans chaque maison de quartier. Ils accompagnent la personne pour qu’elle apprenne à faire seule, sans faire à sa place.',
      format: 'mediation',
      topics: ['digital_inclusion', 'public_services'],
      publics: ['eloignes_numerique', 'seniors', 'quartiers_prioritaires'],
      farFromDigital:
        'Les permanences sont sans rendez-vous, dans des lieux déjà fréquentés. Les services sociaux orientent les personnes vers les médiateurs.',
      startDate: '2024-09-02',
      partners: 'Centres sociaux, caisse d’allocations familiales, associations de quartier',
      budgetBand: 'gt_100k',
      participants: 1850,
      outcomes:
        'Un accueil numérique dans chaque quartier prioritaire ; les démarches en ligne de la ville gardent un accueil physique.',
      obstacles: 'Des horaires difficiles pour les personnes qui travaillent.',
      strengths: 'Le lien avec les centres sociaux, qui connaissent les habitants.',
      contact: 'Service inclusion numérique — inclusion@demo.bibliotheque-ia.fr',
      commitments: ['acces_services', 'competences', 'inclusion'],
    },
  },
  {
    authority: DEMO_AUTHORITY_CODE,
    step: 'published',
    content: {
      title: 'Ateliers « Mes démarches en ligne » à la médiathèque',
      plainSummary:
        'Chaque samedi matin, la médiathèque propose un atelier pour apprendre à faire ses démarches en ligne. Les participants viennent avec leurs questions. Un atelier dure deux heures et réunit huit personnes au plus.',
      summary: 'Un cycle d’ateliers en petits groupes, avec des ordinateurs prêtés et des fiches pratiques imprimées.',
      format: 'workshop',
      topics: ['digital_inclusion', 'digital_education'],
      publics: ['eloignes_numerique', 'seniors', 'jeunes'],
      farFromDigital:
        'Inscription possible par téléphone ou à l’accueil de la médiathèque ; ordinateurs prêtés sur place.',
      startDate: '2025-10-04',
      partners: 'Réseau des médiathèques, association d’éducation populaire',
      budgetBand: '5k_20k',
      participants: 160,
      outcomes: 'Les fiches pratiques écrites avec les participants sont désormais distribuées dans tous les accueils.',
      strengths: 'Des petits groupes et des exemples tirés des questions des participants.',
      commitments: ['competences', 'inclusion'],
    },
  },
  {
    authority: DEMO_AUTHORITY_CODE,
    step: 'published',
    content: {
      title: 'Jury citoyen sur les algorithmes de la ville',
      plainSummary:
        'Vingt habitants tirés au sort ont étudié comment la ville utilise des algorithmes. Pendant trois week-ends, ils ont rencontré des agents et des experts. Ils ont rendu douze recommandations ; la ville a dit publiquement lesquelles elle suivait.',
      summary:
        'Le jury a examiné trois usages : l’attribution des places en crèche, l’aide à la relève des dépôts sauvages et un assistant qui trie le courrier. Il a rédigé un avis public.',
      format: 'citizen_jury',
      topics: ['ai', 'data'],
      publics: ['grand_public'],
      farFromDigital:
        'Le tirage au sort a été complété pour représenter les personnes peu à l’aise avec le numérique ; une indemnité couvrait le temps passé.',
      startDate: '2026-01-10',
      endDate: '2026-02-28',
      partners: 'Université, association de défense des libertés numériques',
      budgetBand: '20k_100k',
      participants: 20,
      outcomes:
        'Un registre public des algorithmes de la ville et une relecture humaine systématique des refus de place en crèche.',
      obstacles: 'Des sujets techniques qui demandent du temps de formation.',
      strengths: 'L’engagement de la ville à répondre à chaque recommandation.',
      commitments: ['donnees', 'intelligence_collective'],
    },
  },
  {
    authority: DEMO_AUTHORITY_CODE,
    step: 'submitted',
    content: {
      title: 'Budget participatif pour le numérique dans les quartiers',
      plainSummary:
        'Les habitants ont proposé puis voté des projets numériques pour leur quartier : bornes d’accès, ateliers, matériel reconditionné pour les associations.',
      summary:
        'Une enveloppe dédiée au numérique dans le budget participatif de la ville, avec un vote en ligne et sur papier.',
      format: 'participatory_budget',
      topics: ['digital_inclusion', 'sobriety'],
      publics: ['grand_public', 'associations', 'quartiers_prioritaires'],
      farFromDigital: 'Vote possible sur papier dans les mairies annexes et lors des marchés.',
      startDate: '2026-03-01',
      budgetBand: 'gt_100k',
      commitments: ['sobriete', 'intelligence_collective'],
    },
  },
  {
    authority: DEMO_AUTHORITY_CODE,
    step: 'draft',
    content: {
      title: 'Hackathon des données ouvertes de la mobilité',
      plainSummary: '',
      summary: 'Un week-end pour imaginer des services à partir des données ouvertes des transports.',
      format: 'hackathon',
      topics: ['data'],
      commitments: ['donnees', 'ecosysteme'],
    },
  },
  {
    authority: 'commune:35238',
    step: 'published',
    content: {
      title: 'Convention citoyenne sur la sobriété numérique',
      plainSummary:
        'Trente habitants tirés au sort ont proposé des mesures pour que la ville et ses habitants utilisent le numérique avec sobriété.',
      summary: 'Cinq séances de travail, des visites d’un centre de réemploi et d’un centre de données.',
      format: 'citizen_convention',
      topics: ['sobriety'],
      publics: ['grand_public', 'jeunes'],
      startDate: '2025-05-17',
      participants: 30,
      outcomes: 'Le réemploi du matériel informatique de la ville est devenu la règle.',
      commitments: ['empreinte', 'sobriete'],
    },
  },
  {
    authority: 'commune:69123',
    step: 'published',
    content: {
      title: 'Consultation en ligne et en mairie sur les antennes-relais',
      plainSummary:
        'La ville a demandé l’avis des habitants avant de fixer ses règles d’implantation des antennes-relais.',
      summary: 'Un questionnaire en ligne et sur papier, puis une réunion de restitution.',
      format: 'online_consultation',
      topics: ['infrastructure_5g'],
      publics: ['grand_public'],
      farFromDigital: 'Questionnaire papier disponible dans les mairies d’arrondissement.',
      startDate: '2024-11-12',
      participants: 2300,
      commitments: ['infrastructures'],
    },
  },
];

/** Acts for the seed: a coordinator who is also a member of the initiative's authority (id 0: no author recorded). */
const seedActor = (organisationId: number): CurrentUser => ({
  id: 0,
  email: '',
  name: 'Contenu de démonstration',
  role: 'admin',
  memberships: [{ organisationId, role: 'editor' }],
});

export async function seedDemo(
  services: ParticipationServices,
  ports: ParticipationPorts,
  log: (line: string) => void,
) {
  const existing = new Set(
    [...(await services.search.all()), ...(await services.store.inProgress(null))].map((r) => workingContent(r).title),
  );
  let created = 0;
  for (const d of INITIATIVES) {
    if (existing.has(d.content.title)) continue;
    const authority = await ports.organisations.findByCode(d.authority);
    if (!authority) continue;
    const actor = seedActor(authority.id);
    const id = await services.writing.insertDraft(
      null,
      authority.id,
      { ...emptyContent(), ...d.content },
      { event: 'created' },
    );
    if (d.step !== 'draft') await services.writing.act(actor, id, 'submit', { version: null });
    if (d.step === 'published') await services.writing.act(actor, id, 'publish', { version: null });
    created++;
  }
  let linked = 0;
  const sheets = await ports.useCases.published(2);
  const links = [
    ['intelligence_collective', 0],
    ['acces_services', 1],
  ] as const;
  for (const [commitment, i] of links) {
    const sheet = sheets[i];
    if (!sheet) continue;
    const done = await services.manifesto.link(seedActor(sheet.organisationId), {
      engagement: commitment,
      fiche: String(sheet.id),
    });
    if (done.created) linked++;
  }
  log(`Participation : ${created} initiative(s) de démonstration créée(s), ${linked} fiche(s) reliée(s) au Manifeste.`);
}
