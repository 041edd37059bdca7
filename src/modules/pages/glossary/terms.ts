/**
 * The glossary of AI terms, written by us in plain French for people who are not specialists: short sentences, an
 * example from local public services where it helps. Each term has a stable `slug` (its anchor on /glossaire) and
 * the `forms` under which it is found in texts (plurals, synonyms, acronyms); forms written in capitals (« IA »,
 * « OCR ») are matched with their case, the others whatever their case and accents (linkify.ts).
 *
 * Pure data (a catalogue: the size limit does not apply).
 */

export interface GlossaryTerm {
  slug: string;
  term: string;
  forms: readonly string[];
  definition: string;
}

export const GLOSSARY: readonly GlossaryTerm[] = [
  {
    slug: 'algorithme',
    term: 'Algorithme',
    forms: ['algorithme', 'algorithmes'],
    definition:
      'Une suite d’instructions qui dit à un ordinateur comment passer de données à un résultat. Une recette de cuisine est un algorithme : des ingrédients, des étapes, un plat.',
  },
  {
    slug: 'intelligence-artificielle',
    term: 'Intelligence artificielle (IA)',
    forms: ['intelligence artificielle', 'IA'],
    definition:
      'Des programmes qui font des tâches que l’on croyait réservées aux humains : reconnaître une image, comprendre une phrase, prévoir une quantité. Ils ne pensent pas : ils calculent à partir d’exemples.',
  },
  {
    slug: 'systeme-d-ia',
    term: 'Système d’IA',
    forms: [
      'système d’IA',
      'systèmes d’IA',
      'système d’intelligence artificielle',
      'systèmes d’intelligence artificielle',
    ],
    definition:
      'Un outil complet qui utilise de l’intelligence artificielle : le modèle, mais aussi les données, l’écran utilisé par les agents et les règles d’usage.',
  },
  {
    slug: 'apprentissage-automatique',
    term: 'Apprentissage automatique',
    forms: ['apprentissage automatique', 'machine learning'],
    definition:
      'Une façon de fabriquer un programme en lui montrant beaucoup d’exemples plutôt qu’en lui écrivant toutes les règles. Le programme repère lui-même des régularités dans les exemples.',
  },
  {
    slug: 'apprentissage-profond',
    term: 'Apprentissage profond',
    forms: ['apprentissage profond', 'deep learning'],
    definition:
      'Une forme d’apprentissage automatique qui utilise de grands réseaux de neurones. Il demande beaucoup de données et de calcul. Il sert par exemple à reconnaître des images ou la parole.',
  },
  {
    slug: 'reseau-de-neurones',
    term: 'Réseau de neurones',
    forms: ['réseau de neurones', 'réseaux de neurones'],
    definition:
      'Un type de modèle fait de nombreux petits calculs reliés entre eux, en couches. Le nom vient d’une lointaine ressemblance avec le cerveau.',
  },
  {
    slug: 'modele',
    term: 'Modèle',
    forms: ['modèle', 'modèles'],
    definition:
      'Le résultat de l’apprentissage : un programme qui, à partir de nouvelles données, donne une réponse (une prévision, une catégorie, un texte). Un modèle peut se tromper.',
  },
  {
    slug: 'entrainement',
    term: 'Entraînement',
    forms: ['entraînement', 'entraîné', 'entraînés', 'entraînée', 'entraînées'],
    definition:
      'L’étape où un modèle apprend à partir d’exemples. On lui montre des cas dont on connaît la bonne réponse, et il s’ajuste pour se tromper le moins possible.',
  },
  {
    slug: 'donnees-d-entrainement',
    term: 'Données d’entraînement',
    forms: ['données d’entraînement', 'données d’apprentissage'],
    definition:
      'Les exemples montrés à un modèle pendant son entraînement. S’ils sont incomplets ou déséquilibrés, le modèle le sera aussi.',
  },
  {
    slug: 'jeu-de-donnees',
    term: 'Jeu de données',
    forms: ['jeu de données', 'jeux de données'],
    definition:
      'Un ensemble de données rassemblées dans un même but, souvent sous forme de tableau : par exemple les consommations d’eau d’une ville sur cinq ans.',
  },
  {
    slug: 'donnees-personnelles',
    term: 'Données personnelles',
    forms: ['données personnelles', 'donnée personnelle', 'données à caractère personnel'],
    definition:
      'Toute information qui permet de reconnaître une personne, directement (un nom) ou indirectement (une adresse, un numéro de dossier). Leur usage est encadré par le RGPD.',
  },
  {
    slug: 'anonymisation',
    term: 'Anonymisation',
    forms: ['anonymisation', 'anonymisées', 'anonymisés'],
    definition:
      'Transformer des données pour qu’il soit impossible, pour de bon, de retrouver les personnes. Des données vraiment anonymes ne sont plus des données personnelles.',
  },
  {
    slug: 'pseudonymisation',
    term: 'Pseudonymisation',
    forms: ['pseudonymisation', 'pseudonymisées', 'pseudonymisés'],
    definition:
      'Remplacer les noms et identifiants par des codes. On peut encore retrouver les personnes avec une table de correspondance : les données restent personnelles.',
  },
  {
    slug: 'biais',
    term: 'Biais',
    forms: ['biais'],
    definition:
      'Une erreur qui va toujours dans le même sens et désavantage certains groupes. Un biais vient souvent de données d’entraînement qui représentent mal une partie de la population.',
  },
  {
    slug: 'classification',
    term: 'Classification',
    forms: ['classification', 'classifications'],
    definition:
      'Ranger automatiquement un élément dans une catégorie : un courrier dans le bon service, une photo de dépôt sauvage dans « encombrants » ou « gravats ».',
  },
  {
    slug: 'detection-d-anomalies',
    term: 'Détection d’anomalies',
    forms: ['détection d’anomalies', 'détection des anomalies', 'détection de fuites'],
    definition:
      'Repérer ce qui sort de l’ordinaire dans des données : une consommation d’eau anormale qui signale une fuite, une facture inhabituelle.',
  },
  {
    slug: 'prevision',
    term: 'Prévision',
    forms: ['prévision', 'prévisions'],
    definition:
      'Estimer une quantité future à partir du passé : le nombre de repas à préparer à la cantine, la fréquentation d’une piscine. Une prévision a toujours une marge d’erreur.',
  },
  {
    slug: 'reconnaissance-optique-de-caracteres',
    term: 'Reconnaissance optique de caractères (OCR)',
    forms: ['reconnaissance optique de caractères', 'OCR'],
    definition:
      'Lire automatiquement le texte d’un document scanné ou photographié pour le transformer en texte que l’ordinateur peut traiter.',
  },
  {
    slug: 'vision-par-ordinateur',
    term: 'Vision par ordinateur',
    forms: ['vision par ordinateur'],
    definition:
      'Les techniques qui permettent à un programme d’analyser des images ou des vidéos : compter des véhicules, repérer un nid-de-poule sur une photo.',
  },
  {
    slug: 'traitement-automatique-du-langage',
    term: 'Traitement automatique du langage (TAL)',
    forms: ['traitement automatique du langage', 'traitement automatique des langues', 'TAL'],
    definition:
      'Les techniques qui permettent à un programme de lire, trier ou produire du texte en langue courante : résumer un courrier, trouver le bon service à partir d’une question.',
  },
  {
    slug: 'ia-generative',
    term: 'IA générative',
    forms: ['IA générative', 'IA génératives', 'intelligence artificielle générative'],
    definition:
      'Une IA qui produit du contenu nouveau (texte, image, son) à partir d’une demande écrite. Le résultat paraît juste mais peut contenir des erreurs : il doit être relu.',
  },
  {
    slug: 'grand-modele-de-langage',
    term: 'Grand modèle de langage',
    forms: ['grand modèle de langage', 'grands modèles de langage', 'LLM'],
    definition:
      'Un très grand modèle entraîné sur d’immenses quantités de textes pour prédire la suite d’une phrase. C’est le moteur des agents conversationnels récents.',
  },
  {
    slug: 'agent-conversationnel',
    term: 'Agent conversationnel',
    forms: ['agent conversationnel', 'agents conversationnels', 'chatbot', 'chatbots'],
    definition:
      'Un programme avec lequel on échange par écrit ou à l’oral, par exemple pour poser une question sur une démarche. La personne doit savoir qu’elle parle à une machine.',
  },
  {
    slug: 'hallucination',
    term: 'Hallucination',
    forms: ['hallucination', 'hallucinations'],
    definition:
      'Une réponse inventée par une IA générative, présentée avec assurance alors qu’elle est fausse : une loi qui n’existe pas, un horaire erroné.',
  },
  {
    slug: 'annotation',
    term: 'Annotation',
    forms: ['annotation', 'annotations', 'annotées', 'annotés'],
    definition:
      'Le travail, souvent fait à la main, qui consiste à indiquer la bonne réponse sur des exemples (« cette photo montre un dépôt sauvage ») pour entraîner un modèle.',
  },
  {
    slug: 'faux-positif',
    term: 'Faux positif, faux négatif',
    forms: ['faux positif', 'faux positifs', 'faux négatif', 'faux négatifs'],
    definition:
      'Un faux positif est une alerte donnée à tort (une fuite signalée alors qu’il n’y en a pas). Un faux négatif est une alerte manquée. Réduire l’un augmente souvent l’autre.',
  },
  {
    slug: 'taux-d-erreur',
    term: 'Taux d’erreur',
    forms: ['taux d’erreur', 'taux d’erreurs'],
    definition:
      'La part des cas où le système se trompe, mesurée sur des exemples qu’il n’a pas vus pendant son entraînement. Un taux d’erreur doit être suivi dans le temps.',
  },
  {
    slug: 'explicabilite',
    term: 'Explicabilité',
    forms: ['explicabilité'],
    definition:
      'La possibilité d’expliquer, avec des mots simples, pourquoi le système a donné tel résultat. Elle permet aux personnes concernées de comprendre et de contester.',
  },
  {
    slug: 'supervision-humaine',
    term: 'Supervision humaine',
    forms: ['supervision humaine', 'contrôle humain'],
    definition:
      'Un agent vérifie ce que propose le système et peut le corriger ou l’arrêter. La décision finale reste à une personne.',
  },
  {
    slug: 'decision-automatisee',
    term: 'Décision automatisée',
    forms: ['décision automatisée', 'décisions automatisées', 'décision individuelle automatisée'],
    definition:
      'Une décision prise par un programme sans qu’une personne ne l’examine. Quand elle concerne une personne, la loi impose de l’en informer et de lui expliquer les règles utilisées.',
  },
  {
    slug: 'code-source-ouvert',
    term: 'Code source ouvert',
    forms: ['code source ouvert', 'logiciel libre', 'logiciels libres', 'open source'],
    definition:
      'Un programme dont le code est publié et réutilisable par tous, sous une licence. D’autres collectivités peuvent l’étudier, le vérifier et l’améliorer.',
  },
  {
    slug: 'reglement-europeen-sur-l-ia',
    term: 'Règlement européen sur l’IA',
    forms: ['règlement européen sur l’IA', 'règlement européen sur l’intelligence artificielle', 'AI Act'],
    definition:
      'La loi européenne qui classe les systèmes d’IA selon leurs risques. Plus le risque pour les personnes est grand, plus les obligations sont fortes ; certains usages sont interdits.',
  },
  {
    slug: 'analyse-d-impact',
    term: 'Analyse d’impact (AIPD)',
    forms: ['analyse d’impact relative à la protection des données', 'AIPD'],
    definition:
      'Une étude faite avant un traitement de données personnelles à risque : quels risques pour les personnes, et quelles mesures pour les réduire.',
  },
];
