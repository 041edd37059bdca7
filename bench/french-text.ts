// Generated French prose of realistic length and vocabulary for the benchmarks: descriptions of public-sector AI
// projects of about 1 KB (like the EU PSTW dataset and the registers of French authorities), written from sentence
// patterns whose slots draw words with a Zipf-like skew (a few words in most texts, a long tail in few), so that a
// search word matches anything from a handful of sheets to most of them, as it does on real data.
// Every word and pattern here was written for this project. Deterministic for a given seeded generator.

type Random = () => number;

/** Picks from a list with a Zipf-like skew (the first items much more often than the last). */
function zipf<T>(rnd: Random, list: readonly T[]): T {
  // Inverse-transform sampling of a density in 1/x over [1, n + 1): item i about 1/(i + 1) as often as the first.
  const n = list.length;
  const index = Math.floor((n + 1) ** rnd()) - 1;
  return list[Math.min(n - 1, Math.max(0, index))]!;
}

const pick = <T>(rnd: Random, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

const SERVICES = [
  'le service des eaux',
  'la direction du numérique',
  'la direction des systèmes d’information',
  'le service de la voirie',
  'la direction de l’éducation',
  'le pôle des solidarités',
  'le service de la propreté urbaine',
  'la direction des finances',
  'le service des espaces verts',
  'la police municipale',
  'le service de l’état civil',
  'la direction de l’urbanisme',
  'le service des archives',
  'la direction des mobilités',
  'le centre communal d’action sociale',
  'le service culturel',
  'la direction de la commande publique',
  'le service des ressources humaines',
  'la direction de la transition écologique',
  'le service de la restauration scolaire',
  'le service des sports',
  'la direction de l’habitat',
  'le syndicat des déchets',
  'le service d’incendie et de secours',
  'la régie des transports',
  'le service de l’assainissement',
  'la maison départementale des personnes handicapées',
  'le service de la relation aux usagers',
  'la direction du patrimoine bâti',
  'le service de l’éclairage public',
];

const TOOLS = [
  'un modèle de prévision',
  'un outil de détection automatique',
  'un algorithme de classement',
  'un agent conversationnel',
  'un assistant virtuel',
  'des caméras intelligentes',
  'un système de vidéoprotection augmentée',
  'un outil de reconnaissance de caractères',
  'un modèle de langage',
  'une IA générative',
  'un jumeau numérique du territoire',
  'un tableau de bord prédictif',
  'un moteur de recherche sémantique',
  'un outil de transcription de la parole',
  'un modèle de vision par ordinateur',
  'un système d’aide à la décision',
  'un outil d’analyse d’images satellitaires',
  'un réseau de neurones',
  'un modèle statistique',
  'un logiciel d’optimisation de tournées',
  'un robot logiciel',
  'une plateforme de données',
  'un outil de traduction automatique',
  'un classifieur de courriels',
  'un outil de résumé automatique',
  'un chatbot',
  'un système de lecture automatique de plaques',
  'un modèle de segmentation d’images',
  'un outil de détection d’anomalies',
  'un simulateur de flux',
];

const VERBS = [
  'a déployé',
  'expérimente',
  'utilise',
  'a mis en place',
  'teste depuis plusieurs mois',
  'a développé avec un prestataire',
  'a acquis',
  'pilote',
  'a conçu en interne',
  'généralise',
  'évalue',
  'a co-construit avec une université',
];

const OBJECTS = [
  'les consommations d’énergie des bâtiments',
  'les fuites sur le réseau d’eau potable',
  'les tournées de collecte des déchets',
  'les demandes des habitants',
  'les courriers entrants',
  'l’état sanitaire des arbres d’alignement',
  'les îlots de chaleur urbains',
  'la fréquentation des équipements sportifs',
  'les dépôts sauvages',
  'les dégradations de chaussée',
  'l’occupation des places de stationnement',
  'les délibérations du conseil',
  'les factures des fournisseurs',
  'les risques de crue',
  'les pics de pollution de l’air',
  'les trajets scolaires',
  'les dossiers de demande de subvention',
  'les candidatures aux offres d’emploi',
  'l’éclairage public',
  'le nombre de repas servis dans les cantines',
  'les archives numérisées',
  'les contributions citoyennes',
  'le transport à la demande',
  'les nuisances sonores',
  'les actes d’état civil',
  'les permis de construire',
  'les signalements sur l’espace public',
  'les appels au standard',
  'les marchés publics',
  'la qualité de l’eau de baignade',
  'les inscriptions scolaires',
  'les aides sociales',
  'la maintenance des véhicules',
  'le recensement des logements vacants',
  'les déplacements à vélo',
  'la consommation de papier',
  'les plannings des agents',
  'les prêts des médiathèques',
  'l’entretien des espaces verts',
  'les sinistres du patrimoine',
];

const SOURCES = [
  'à partir des données de capteurs',
  'à partir des relevés des compteurs',
  'en s’appuyant sur l’historique de facturation',
  'grâce aux photographies aériennes',
  'à partir des images des caméras existantes',
  'en croisant les données météorologiques et le calendrier scolaire',
  'à partir des formulaires en ligne',
  'en exploitant dix ans d’archives',
  'à partir des données ouvertes de l’État',
  'grâce aux remontées des agents de terrain',
  'en analysant les comptes rendus d’intervention',
  'à partir des données de billettique',
  'en combinant le cadastre et les données foncières',
  'à partir des enregistrements du centre d’appels',
];

const GOALS = [
  'afin de réduire les délais de traitement',
  'pour mieux anticiper les besoins',
  'afin de limiter le gaspillage',
  'pour orienter les équipes vers les interventions prioritaires',
  'afin de réduire la facture énergétique',
  'pour améliorer l’accueil des usagers',
  'afin de libérer du temps pour les tâches à forte valeur ajoutée',
  'pour renforcer la sécurité des déplacements',
  'afin de préserver la ressource en eau',
  'pour adapter l’offre de service à la demande réelle',
  'afin de fiabiliser les données du patrimoine',
  'pour lutter contre la fraude',
  'afin de rendre les documents accessibles à tous',
  'pour accompagner la transition écologique du territoire',
];

const RESULTS = [
  'Les premiers résultats montrent une baisse de {n} % des volumes concernés.',
  'Le temps moyen de traitement est passé de {n} jours à {m} jours.',
  'Après {n} mois d’expérimentation, les agents jugent l’outil utile au quotidien.',
  'L’évaluation prévue en {y} dira si le dispositif est étendu à tout le territoire.',
  'Le taux d’erreur observé reste inférieur à {n} % sur l’échantillon contrôlé.',
  'Près de {n} interventions ont été planifiées grâce à l’outil la première année.',
  'Le coût du projet, environ {k} euros, a été financé en partie par un appel à projets.',
  'Les économies réalisées couvrent déjà le coût de fonctionnement annuel.',
];

const GOVERNANCE = [
  'Une analyse d’impact relative à la protection des données a été conduite avec le délégué à la protection des données.',
  'Les données restent hébergées en France chez un hébergeur qualifié.',
  'Un comité d’éthique réunissant élus, agents et habitants suit le projet.',
  'Chaque décision proposée par l’outil est vérifiée par un agent avant d’être appliquée.',
  'Le code source a été publié sous licence libre pour que d’autres collectivités puissent le réutiliser.',
  'Les habitants sont informés du traitement par une page dédiée sur le site de la collectivité.',
  'Les agents ont suivi une formation de deux jours avant la mise en service.',
  'Le modèle est réentraîné chaque trimestre et ses performances sont suivies dans un tableau de bord.',
  'Aucune donnée nominative n’est conservée au-delà de la durée strictement nécessaire.',
  'Un registre des algorithmes publics mentionne ce traitement.',
];

const PARTNERS = [
  'une start-up locale',
  'le laboratoire d’informatique de l’université',
  'un groupement de communes voisines',
  'l’opérateur public de données',
  'un bureau d’études spécialisé',
  'l’agence régionale du numérique',
  'une association d’usagers',
  'le centre de gestion de la fonction publique territoriale',
];

/** Adjectives and nouns of the field, skewed: they make the long tail of the vocabulary. */
const TAIL = `
données service public agents habitants territoire projet outil modèle algorithme qualité suivi évaluation usagers
intervention réseau bâtiment énergie mobilité environnement sécurité accessibilité transparence mutualisation
interopérabilité expérimentation déploiement gouvernance formation accompagnement maintenance hébergement licence
pilotage indicateurs tableau prévision anticipation planification priorisation optimisation automatisation
numérisation dématérialisation classification détection reconnaissance segmentation transcription traduction
apprentissage entraînement annotation étiquetage corpus échantillon biais explicabilité robustesse souveraineté
sobriété frugalité empreinte carbone consommation facturation tarification budget subvention appel financement
marché prestataire fournisseur éditeur logiciel libre ouvert propriétaire cloud serveur capteur caméra compteur
drone satellite photographie image vidéo son parole texte document formulaire courrier courriel téléphone
standard guichet accueil démarche procédure instruction dossier pièce justificatif pièces contrôle conformité
réglementation délibération arrêté décision recours médiation réclamation signalement alerte incident panne fuite
inondation crue sécheresse canicule incendie pollution bruit chaleur ombre végétation arbre parc jardin forêt
littoral montagne rivière fleuve lac nappe captage station pompage épuration assainissement collecte tri recyclage
compostage biodéchets encombrants déchetterie voirie chaussée trottoir piste cyclable stationnement circulation
carrefour feux signalisation éclairage lampadaire transport bus tramway métro navette covoiturage autopartage
vélo marche école collège lycée cantine restauration crèche périscolaire médiathèque musée théâtre patrimoine
archives état civil cimetière élection recensement logement habitat urbanisme permis cadastre foncier friche
commerce marché tourisme emploi insertion solidarité handicap autonomie vieillissement santé prévention
vaccination dépendance isolement précarité aide allocation minimum social famille enfance jeunesse sport gymnase
piscine stade association bénévolat participation concertation consultation budget participatif démocratie
citoyenneté élu conseil commission séance vote ordre jour compte rendu procès-verbal synthèse résumé rapport
note fiche tableur base entrepôt lac plateforme interface portail application mobile tablette ordinateur poste
réseau fibre couverture connectivité cybersécurité sauvegarde authentification identité habilitation droits
journalisation traçabilité archivage conservation purge anonymisation pseudonymisation chiffrement
consentement information transparence registre analyse impact risque atténuation contrôle humain supervision
validation vérification relecture correction erreur faux positif précision rappel seuil score probabilité
tendance saisonnalité pic creux moyenne médiane série historique prévisionnel scénario simulation jumeau
maquette carte géolocalisation itinéraire tournée trajet flux fréquentation affluence file attente délai
rapidité réactivité fiabilité disponibilité continuité satisfaction enquête questionnaire retour témoignage
Angers Lyon Nantes Rennes Bordeaux Toulouse Montpellier Grenoble Strasbourg Lille Dijon Besançon Brest Quimper
Perpignan Ajaccio Bastia Cayenne Fort-de-France Saint-Denis Mamoudzou Pointe-à-Pitre Metz Nancy Reims Amiens Rouen
Caen Tours Orléans Poitiers Limoges Clermont-Ferrand Avignon Nîmes Toulon Nice Annecy Chambéry Valence Pau Bayonne
`
  .split(/\s+/)
  .filter(Boolean);

/** A sentence whose slots are filled from the lists above. */
function sentence(rnd: Random, place: string): string {
  const n = String(5 + Math.floor(rnd() * 60));
  const m = String(1 + Math.floor(rnd() * 4));
  const y = String(2024 + Math.floor(rnd() * 4));
  const k = `${(20 + Math.floor(rnd() * 480)) * 1000}`.replace(/\B(?=(\d{3})+$)/g, ' ');
  const tail = () => `${zipf(rnd, TAIL)}`;
  switch (Math.floor(rnd() * 9)) {
    case 0:
      return `À ${place}, ${zipf(rnd, SERVICES)} ${zipf(rnd, VERBS)} ${zipf(rnd, TOOLS)} pour suivre ${zipf(rnd, OBJECTS)} ${zipf(rnd, SOURCES)}.`;
    case 1:
      return `L’outil analyse ${zipf(rnd, OBJECTS)} ${zipf(rnd, SOURCES)} ${zipf(rnd, GOALS)}.`;
    case 2:
      return pick(rnd, RESULTS).replace('{n}', n).replace('{m}', m).replace('{y}', y).replace('{k}', k);
    case 3:
      return pick(rnd, GOVERNANCE);
    case 4:
      return `Le projet a été mené avec ${zipf(rnd, PARTNERS)} ; mots-clés : ${tail()}, ${tail()}, ${tail()}.`;
    case 5:
      return `Les équipes de ${zipf(rnd, SERVICES).replace(/^(le|la|les) /, '')} disposent désormais d’une vue sur ${zipf(rnd, OBJECTS)}, ce qui aide sur trois points : ${tail()}, ${tail()} et ${tail()}.`;
    case 6:
      return `Points d’attention traités dès le départ : ${tail()}, ${tail()} et ${tail()}.`;
    case 7:
      return `${capitalise(zipf(rnd, TOOLS))} propose aux agents une liste de ${zipf(rnd, OBJECTS).replace(/^(les|le|la|l’) ?/, '')} à vérifier chaque semaine ${zipf(rnd, GOALS)}.`;
    default:
      return `Une deuxième phase prévoit d’étendre le dispositif à ${zipf(rnd, OBJECTS)} en ${y}, ${zipf(rnd, GOALS)}.`
        .replace(' à les ', ' aux ')
        .replace(' à le ', ' au ');
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A description of about `length` characters (1,000 by default), in sentences, mentioning `place`. */
export function frenchDescription(rnd: Random, place: string, length = 1000): string {
  const target = Math.round(length * (0.7 + rnd() * 0.6));
  const parts: string[] = [];
  let size = 0;
  while (size < target) {
    const s = sentence(rnd, place);
    parts.push(s);
    size += s.length + 1;
  }
  return parts.join(' ');
}

/** What a project does, first word of its title (the library benchmark's titles too). */
export const TITLE_ACTIONS = [
  'Prévision',
  'Détection',
  'Optimisation',
  'Analyse',
  'Classement',
  'Suivi',
  'Cartographie',
  'Priorisation',
  'Lecture automatique',
  'Aide à la rédaction',
  'Orientation',
  'Estimation',
  'Simulation',
  'Tri',
  'Recherche',
  'Planification',
  'Surveillance',
  'Modélisation',
] as const;

/** A project title: an action on an object, sometimes with the tool. */
export function frenchTitle(rnd: Random): string {
  const object = zipf(rnd, OBJECTS).replace(/^(les|le|la|l’) ?/, '');
  const action = zipf(rnd, TITLE_ACTIONS);
  return rnd() < 0.3 ? `${action} : ${object} avec ${zipf(rnd, TOOLS)}` : `${action} — ${object}`;
}

/**
 * Texts people search for, drawn from the same vocabulary: one word (frequent to rare), two words, a phrase, a
 * prefix being typed, a misspelling. `count` distinct texts.
 */
export function searchTexts(rnd: Random, count: number): string[] {
  const words = [
    ...TAIL,
    ...OBJECTS.flatMap((o) => o.split(/[\s’]+/)),
    ...TOOLS.flatMap((o) => o.split(/[\s’]+/)),
  ].filter((w) => w.length >= 4);
  const out = new Set<string>();
  let guard = 0;
  while (out.size < count && guard++ < count * 50) {
    const r = rnd();
    let text: string;
    if (r < 0.45) text = pick(rnd, words);
    else if (r < 0.7) text = `${pick(rnd, words)} ${pick(rnd, words)}`;
    else if (r < 0.8) text = `"${zipf(rnd, OBJECTS).replace(/^(les|le|la|l’) ?/, '')}"`;
    else if (r < 0.9) {
      const w = pick(rnd, words);
      text = w.slice(0, Math.max(3, Math.ceil(w.length / 2)));
    } else {
      const w = pick(rnd, words);
      const i = 1 + Math.floor(rnd() * (w.length - 2));
      text = w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
    }
    // As typed: the last word of a query is also matched as a prefix (the search does so for every query).
    out.add(text);
  }
  return [...out];
}
