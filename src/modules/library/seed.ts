/**
 * Demo content of the library (demo mode only): use cases written for this project, in French, attached to real
 * authorities of the official geographic code. Every description says it is an example. Idempotent: each demo
 * use case has a stable external key (`demo:<n>`); those already present are left as they are.
 */
import type { UseCaseContent } from './fields.ts';
import { emptyContent } from './fields.ts';
import type {
  AudienceCode,
  AutomationLevelCode,
  CommonsCategoryCode,
  ProjectStatusCode,
  SubThemeCode,
  TechniqueCode,
  ThemeCode,
} from './reference.ts';

export const DEMO_NOTE = 'Fiche d’exemple rédigée pour la démonstration de la plateforme.';

interface DemoUseCase {
  /** Organisation code in the official geographic code (« commune:69123 », « departement:33 », « region:53 »). */
  org: string;
  title: string;
  summary: string;
  description: string;
  goal: string;
  theme: ThemeCode;
  subThemes: SubThemeCode[];
  status: ProjectStatusCode;
  commons: CommonsCategoryCode;
  techniques: TechniqueCode[];
  start: string;
  audiences: AudienceCode[];
  automation: AutomationLevelCode;
  /** Workflow state of the demo use case (default: published). */
  state?: 'draft' | 'submitted' | 'published';
  /** « En bref, en langage clair » (a few demo sheets carry one). */
  plain?: string;
}

export const DEMO_USE_CASES: readonly DemoUseCase[] = [
  {
    org: 'commune:44109',
    title: 'Prévision du nombre de repas dans les cantines',
    summary: 'Chaque matin, le nombre de repas à préparer est prévu école par école pour réduire le gaspillage.',
    plain:
      'Chaque soir, un programme estime combien d’enfants mangeront à la cantine le lendemain. Il s’appuie sur les inscriptions et sur les jours passés. Les cuisiniers commandent ainsi moins de nourriture perdue. Ce sont eux qui décident des quantités. Le programme ne connaît pas le nom des enfants.',
    description:
      'Un modèle estime la veille le nombre d’enfants présents à la cantine dans chaque école, à partir des inscriptions, des absences passées, des sorties scolaires et de la météo. Les cuisines ajustent leurs commandes de denrées. Les agents gardent la main sur les quantités finales.',
    goal: 'Réduire d’un tiers les repas jetés sans dégrader le service rendu aux familles.',
    theme: 'administration',
    subThemes: ['education', 'waste_circular_economy'],
    status: 'deployment',
    commons: 'forecasting',
    techniques: ['machine_learning'],
    start: '2021-09',
    audiences: ['agents', 'schools'],
    automation: 'decision_support',
  },
  {
    org: 'commune:69123',
    title: 'Détection des fuites sur le réseau d’eau potable',
    summary: 'Les capteurs acoustiques et les débits de nuit signalent les fuites probables aux équipes.',
    description:
      'Des capteurs posés sur les canalisations enregistrent le bruit de l’eau ; un modèle repère les signatures typiques des fuites et les écarts de débit nocturne. Une carte des alertes classées par probabilité guide les équipes d’intervention.',
    goal: 'Améliorer le rendement du réseau et intervenir avant les ruptures de canalisation.',
    theme: 'ecological_transition',
    subThemes: ['water_management'],
    status: 'deployment',
    commons: 'anomaly_detection',
    techniques: ['machine_learning', 'speech_audio'],
    start: '2022-03',
    audiences: ['agents'],
    automation: 'no_decision',
  },
  {
    org: 'commune:75056',
    title: 'Repérage des arbres d’alignement à remplacer',
    summary: 'Les images aériennes et les relevés de terrain aident à planifier le renouvellement des arbres.',
    description:
      'Un modèle de vision par ordinateur détecte les couronnes d’arbres sur les orthophotographies et estime leur état à partir des variations de couleur entre deux campagnes. Les résultats sont croisés avec l’inventaire des arbres pour préparer les programmes de plantation.',
    goal: 'Anticiper les remplacements et maintenir la canopée face aux épisodes de chaleur.',
    theme: 'ecological_transition',
    subThemes: ['biodiversity_natural_areas', 'construction_planning'],
    status: 'experimentation',
    commons: 'aerial_shape_classification',
    techniques: ['computer_vision', 'neural_networks'],
    start: '2023-05',
    audiences: ['agents'],
    automation: 'no_decision',
  },
  {
    org: 'commune:13055',
    title: 'Assistant de réponse aux questions sur les encombrants',
    summary: 'Un agent conversationnel renseigne les habitants et prend les rendez-vous de collecte.',
    description:
      'Sur le site de la ville et par téléphone, un assistant répond aux questions fréquentes sur la collecte des encombrants et propose un créneau. Les demandes complexes sont transmises à un agent avec l’historique de l’échange.',
    goal: 'Répondre à toute heure et libérer du temps d’accueil pour les demandes difficiles.',
    theme: 'citizenship',
    subThemes: ['user_relations', 'waste_circular_economy'],
    status: 'deployment',
    commons: 'conversational_assistant',
    techniques: ['nlp', 'speech_audio'],
    start: '2023-01',
    audiences: ['general_public'],
    automation: 'no_decision',
  },
  {
    org: 'commune:31555',
    title: 'Classement automatique des délibérations',
    summary: 'Chaque délibération reçoit des mots-clés et un thème pour faciliter la recherche.',
    description:
      'Un modèle de traitement du langage propose un thème et des mots-clés pour chaque délibération publiée. Les agents du service des assemblées valident les propositions avant la mise en ligne sur le portail des actes.',
    goal: 'Rendre les actes de la collectivité plus faciles à retrouver par les habitants et les agents.',
    theme: 'administration',
    subThemes: ['assemblies', 'document_management'],
    status: 'finished',
    commons: 'text_extraction',
    techniques: ['nlp'],
    start: '2020-11',
    audiences: ['agents', 'general_public'],
    automation: 'decision_support',
  },
  {
    org: 'commune:33063',
    title: 'Optimisation des tournées de collecte des déchets',
    summary: 'Les tournées sont recalculées chaque semaine selon le remplissage mesuré des conteneurs.',
    description:
      'Des sondes mesurent le remplissage des conteneurs de verre et de papier. Un algorithme de planification calcule les tournées qui vident les conteneurs presque pleins en parcourant le moins de kilomètres, sous les contraintes d’horaires et de capacité des camions.',
    goal: 'Diminuer les kilomètres parcourus et les débordements de conteneurs.',
    theme: 'ecological_transition',
    subThemes: ['waste_circular_economy', 'urban_logistics'],
    status: 'deployment',
    commons: 'optimisation',
    techniques: ['planning_optimisation'],
    start: '2021-04',
    audiences: ['agents'],
    automation: 'decision_support',
  },
  {
    org: 'commune:59350',
    title: 'Lecture automatique des factures fournisseurs',
    summary: 'Les factures numérisées sont lues et pré-saisies dans le logiciel financier.',
    description:
      'Les factures reçues en papier ou en PDF sont reconnues par un logiciel de lecture optique ; un modèle extrait le fournisseur, les montants et le numéro d’engagement. Les agents comptables vérifient chaque pré-saisie avant validation.',
    goal: 'Raccourcir les délais de paiement des fournisseurs.',
    theme: 'administration',
    subThemes: ['public_procurement', 'document_management'],
    status: 'deployment',
    commons: 'text_extraction',
    techniques: ['computer_vision', 'nlp'],
    start: '2022-01',
    audiences: ['agents', 'businesses'],
    automation: 'decision_support',
  },
  {
    org: 'commune:35238',
    title: 'Aide à la rédaction des réponses aux courriers des habitants',
    summary: 'Un modèle de langage propose un premier jet de réponse, relu et signé par un agent.',
    description:
      'Pour les courriers fréquents (voirie, stationnement, propreté), un modèle de langage hébergé par la collectivité propose une réponse à partir des réponses types validées. L’agent corrige, complète et signe ; aucune réponse ne part sans relecture.',
    goal: 'Répondre plus vite et de façon plus homogène aux courriers des habitants.',
    theme: 'governance',
    subThemes: ['document_management', 'user_relations'],
    status: 'experimentation',
    commons: 'conversational_assistant',
    techniques: ['generative_ai', 'nlp'],
    start: '2024-02',
    audiences: ['agents'],
    automation: 'decision_support',
  },
  {
    org: 'commune:67482',
    title: 'Prévision de la fréquentation des piscines',
    summary: 'Les horaires et les effectifs de maîtres-nageurs suivent la fréquentation prévue.',
    description:
      'Un modèle prévoit la fréquentation horaire de chaque piscine à partir des entrées passées, du calendrier scolaire et des prévisions météo. Les plannings des équipes sont préparés en conséquence.',
    goal: 'Mieux accueillir le public aux heures chargées et maîtriser les coûts de fonctionnement.',
    theme: 'attractiveness',
    subThemes: ['culture_leisure'],
    status: 'deployment',
    commons: 'forecasting',
    techniques: ['machine_learning'],
    start: '2022-06',
    audiences: ['agents', 'general_public'],
    automation: 'no_decision',
  },
  {
    org: 'commune:34172',
    title: 'Régulation des feux de circulation par apprentissage',
    summary: 'La durée des feux s’adapte au trafic mesuré sur un axe expérimental.',
    description:
      'Sur un axe de quatre carrefours, les caméras de comptage alimentent un algorithme qui ajuste la durée des phases de feux. Les bus et les vélos sont prioritaires. Un opérateur du centre de gestion du trafic peut reprendre la main à tout moment.',
    goal: 'Fluidifier le trafic et réduire les temps de parcours des bus.',
    theme: 'mobility',
    subThemes: ['traffic_flows', 'low_carbon_mobility'],
    status: 'experimentation',
    commons: 'optimisation',
    techniques: ['machine_learning', 'planning_optimisation'],
    start: '2023-09',
    audiences: ['general_public'],
    automation: 'automated_with_review',
  },
  {
    org: 'commune:38185',
    title: 'Prévision des pics de pollution à l’ozone',
    summary: 'Une prévision locale à trois jours déclenche plus tôt les mesures d’information.',
    description:
      'Un modèle combine les mesures des stations de qualité de l’air et les prévisions météorologiques pour estimer le risque de pic d’ozone à trois jours. La ville prépare ses messages d’information et l’adaptation des activités sportives en plein air.',
    goal: 'Informer plus tôt les personnes fragiles et les organisateurs d’activités.',
    theme: 'citizenship',
    subThemes: ['air_quality_noise', 'health_access'],
    status: 'deployment',
    commons: 'forecasting',
    techniques: ['machine_learning', 'neural_networks'],
    start: '2021-06',
    audiences: ['general_public', 'health_facilities'],
    automation: 'no_decision',
  },
  {
    org: 'commune:21231',
    title: 'Détection des dépôts sauvages à partir des signalements',
    summary: 'Les photos envoyées par les habitants sont triées et géolocalisées automatiquement.',
    description:
      'Les signalements de l’application de la ville contiennent souvent une photo. Un modèle reconnaît les dépôts sauvages et les classe par type (gravats, encombrants, sacs) pour orienter l’équipe adaptée. Les doublons proches sont regroupés.',
    goal: 'Enlever plus vite les dépôts et mieux connaître les lieux récurrents.',
    theme: 'ecological_transition',
    subThemes: ['waste_circular_economy', 'citizen_participation'],
    status: 'deployment',
    commons: 'anomaly_detection',
    techniques: ['computer_vision'],
    start: '2022-10',
    audiences: ['general_public', 'agents'],
    automation: 'decision_support',
  },
  {
    org: 'commune:49007',
    title: 'Pilotage du chauffage des écoles',
    summary: 'La température de chaque école est réglée selon l’occupation prévue et l’inertie du bâtiment.',
    description:
      'Un système de régulation apprend le comportement thermique de chaque école et anticipe la relance du chauffage avant l’arrivée des élèves. Les vacances et les réservations de salles sont prises en compte.',
    goal: 'Baisser la consommation de chauffage sans dégrader le confort des élèves.',
    theme: 'ecological_transition',
    subThemes: ['energy_performance', 'real_estate'],
    status: 'deployment',
    commons: 'optimisation',
    techniques: ['machine_learning', 'planning_optimisation'],
    start: '2020-10',
    audiences: ['agents', 'schools'],
    automation: 'automated_with_review',
  },
  {
    org: 'commune:29019',
    title: 'Anticipation des submersions sur le littoral',
    summary: 'Des scénarios de submersion sont calculés à chaque épisode de forte marée annoncé.',
    description:
      'Un modèle de simulation alimenté par les prévisions de marée, de houle et de vent produit des cartes de zones exposées à 48 heures. Les services préparent la fermeture des accès et l’information des riverains.',
    goal: 'Protéger les habitants et les équipements lors des tempêtes et grandes marées.',
    theme: 'ecological_transition',
    subThemes: ['risk_prevention', 'digital_twin'],
    status: 'experimentation',
    commons: 'forecasting',
    techniques: ['neural_networks'],
    start: '2024-01',
    audiences: ['general_public', 'agents'],
    automation: 'no_decision',
  },
  {
    org: 'commune:57463',
    title: 'Comptage des vélos par caméras',
    summary: 'Les caméras de comptage distinguent vélos, piétons et trottinettes sans enregistrer d’images.',
    description:
      'Des capteurs optiques analysent le flux sur les pistes cyclables ; seules les données de comptage quittent le capteur. Les résultats alimentent le plan vélo et l’évaluation des aménagements.',
    goal: 'Mesurer l’effet des nouveaux aménagements cyclables.',
    theme: 'mobility',
    subThemes: ['low_carbon_mobility', 'traffic_flows'],
    status: 'deployment',
    commons: 'other',
    techniques: ['computer_vision'],
    start: '2021-03',
    audiences: ['agents', 'elected_officials'],
    automation: 'no_decision',
  },
  {
    org: 'commune:76540',
    title: 'Analyse des contributions à la concertation sur le plan climat',
    summary: 'Les milliers de contributions sont regroupées par thème pour la synthèse.',
    description:
      'Un modèle regroupe les contributions en ligne par thème et repère les propositions proches. Les agents et le garant de la concertation relisent les regroupements et rédigent la synthèse publique.',
    goal: 'Traiter toutes les contributions, pas seulement un échantillon, dans les délais.',
    theme: 'citizenship',
    subThemes: ['citizen_participation'],
    status: 'finished',
    commons: 'other',
    techniques: ['nlp'],
    start: '2022-02',
    audiences: ['general_public', 'elected_officials'],
    automation: 'no_decision',
  },
  {
    org: 'commune:54395',
    title: 'Orientation des demandes d’aide sociale facultative',
    summary: 'Un outil indique aux agents les aides auxquelles une famille peut prétendre.',
    description:
      'À partir des informations saisies lors du rendez-vous, un moteur de règles liste les aides facultatives de la ville et du centre communal d’action sociale auxquelles la famille peut prétendre, avec les pièces à fournir. L’agent examine chaque demande et décide.',
    goal: 'Réduire le non-recours aux aides et homogénéiser l’instruction.',
    theme: 'citizenship',
    subThemes: ['user_relations', 'accessibility_disability'],
    status: 'deployment',
    commons: 'other',
    techniques: ['knowledge_reasoning'],
    start: '2019-09',
    audiences: ['beneficiaries', 'agents'],
    automation: 'decision_support',
  },
  {
    org: 'commune:25056',
    title: 'Navette autonome entre la gare et le campus',
    summary: 'Une navette sans conducteur relie la gare au campus sur une voie dédiée.',
    description:
      'Une navette électrique autonome de douze places circule sur un parcours de deux kilomètres. Un opérateur de supervision à distance suit chaque trajet. L’expérimentation a mesuré la fiabilité et l’acceptation par les voyageurs.',
    goal: 'Évaluer la desserte fine par véhicule autonome en complément des bus.',
    theme: 'mobility',
    subThemes: ['multimodality'],
    status: 'finished',
    commons: 'other',
    techniques: ['connected_vehicles', 'computer_vision'],
    start: '2019-04',
    audiences: ['general_public'],
    automation: 'automated_with_review',
  },
  {
    org: 'commune:87085',
    title: 'Robot d’accueil à la médiathèque',
    summary: 'Un robot oriente les visiteurs et présente les animations du jour.',
    description:
      'Un robot mobile installé dans le hall présente les services et guide les visiteurs vers les espaces. L’expérimentation a été arrêtée : le robot comprenait mal les questions dans le bruit du hall et coûtait cher à maintenir.',
    goal: 'Tester un nouveau mode d’accueil pendant les heures d’affluence.',
    theme: 'attractiveness',
    subThemes: ['culture_leisure', 'user_relations'],
    status: 'abandoned',
    commons: 'conversational_assistant',
    techniques: ['robotics', 'speech_audio'],
    start: '2019-01',
    audiences: ['general_public'],
    automation: 'no_decision',
  },
  {
    org: 'commune:86194',
    title: 'Repérage des piscines non déclarées pour la taxe d’aménagement',
    summary: 'L’expérimentation a montré trop d’erreurs sur les bassins couverts et a été arrêtée.',
    description:
      'Un modèle devait repérer sur les images aériennes les piscines absentes du cadastre. Les résultats confondaient bâches, bassins couverts et toitures claires ; la vérification manuelle coûtait plus que le gain attendu. Le projet a été abandonné.',
    goal: 'Assurer l’égalité devant l’impôt local.',
    theme: 'administration',
    subThemes: ['construction_planning'],
    status: 'abandoned',
    commons: 'aerial_shape_classification',
    techniques: ['computer_vision'],
    start: '2022-05',
    audiences: ['agents'],
    automation: 'decision_support',
  },
  {
    org: 'commune:74010',
    title: 'Gestion des places de stationnement par capteurs',
    summary: 'Les places libres sont affichées en temps réel et les durées de stationnement analysées.',
    description:
      'Des capteurs au sol détectent l’occupation des places en centre-ville. Les données alimentent les panneaux de guidage et un tableau de bord qui signale les stationnements de très longue durée aux agents de surveillance.',
    goal: 'Réduire le temps passé à chercher une place et la circulation induite.',
    theme: 'mobility',
    subThemes: ['parking'],
    status: 'deployment',
    commons: 'anomaly_detection',
    techniques: ['machine_learning'],
    start: '2020-06',
    audiences: ['general_public', 'agents'],
    automation: 'no_decision',
  },
  {
    org: 'commune:17300',
    title: 'Suivi de l’érosion du trait de côte',
    summary: 'Les relevés de drone sont comparés d’une année sur l’autre pour mesurer le recul.',
    description:
      'Chaque printemps, un drone photographie le littoral. Un modèle détecte le trait de côte et le compare aux relevés précédents. Les résultats alimentent la stratégie locale de gestion du trait de côte.',
    goal: 'Objectiver le recul du littoral pour adapter l’urbanisme.',
    theme: 'ecological_transition',
    subThemes: ['risk_prevention', 'biodiversity_natural_areas'],
    status: 'deployment',
    commons: 'aerial_shape_classification',
    techniques: ['computer_vision', 'neural_networks'],
    start: '2021-04',
    audiences: ['agents', 'elected_officials'],
    automation: 'no_decision',
  },
  {
    org: 'commune:73065',
    title: 'Prévision des besoins de déneigement',
    summary: 'Les tournées de salage sont préparées selon les risques de verglas prévus rue par rue.',
    description:
      'Un modèle croise les prévisions météorologiques et les capteurs de température de chaussée pour estimer le risque de verglas par secteur. Les tournées de salage sont déclenchées plus tôt là où le risque est le plus fort.',
    goal: 'Sécuriser les déplacements en hiver en utilisant moins de sel.',
    theme: 'mobility',
    subThemes: ['traffic_flows', 'risk_prevention'],
    status: 'experimentation',
    commons: 'forecasting',
    techniques: ['machine_learning'],
    start: '2023-11',
    audiences: ['agents'],
    automation: 'decision_support',
  },
  {
    org: 'commune:26362',
    title: 'Recherche dans les archives municipales numérisées',
    summary: 'Les registres anciens numérisés deviennent consultables par le texte.',
    description:
      'Les registres de délibérations du dix-neuvième siècle ont été numérisés. Un modèle de reconnaissance de l’écriture manuscrite transcrit les pages ; les archivistes corrigent les transcriptions les moins sûres. Le texte est ensuite indexé pour la recherche.',
    goal: 'Ouvrir les archives anciennes aux chercheurs et aux habitants.',
    theme: 'attractiveness',
    subThemes: ['culture_leisure', 'document_management'],
    status: 'deployment',
    commons: 'text_extraction',
    techniques: ['computer_vision', 'neural_networks'],
    start: '2020-01',
    audiences: ['general_public'],
    automation: 'no_decision',
  },
  {
    org: 'commune:29232',
    title: 'Chatbot d’aide aux démarches d’état civil',
    summary: 'Un assistant en ligne explique les démarches et les pièces à fournir.',
    description:
      'Un assistant conversationnel répond aux questions sur les actes d’état civil, les cartes d’identité et les passeports, à partir des fiches pratiques de la ville. Il renvoie vers la prise de rendez-vous et vers un agent si besoin.',
    goal: 'Réduire les dossiers incomplets et les appels répétitifs.',
    theme: 'citizenship',
    subThemes: ['user_relations', 'digital_inclusion'],
    status: 'deployment',
    commons: 'conversational_assistant',
    techniques: ['generative_ai', 'nlp'],
    start: '2024-03',
    audiences: ['general_public'],
    automation: 'no_decision',
  },
  {
    org: 'departement:33',
    title: 'Priorisation de l’entretien des routes départementales',
    summary: 'Les dégradations relevées par caméra embarquée orientent le programme de travaux.',
    description:
      'Une caméra installée sur un véhicule de patrouille filme les chaussées ; un modèle repère fissures, nids-de-poule et faïençage et attribue une note à chaque tronçon. Le programme annuel de travaux s’appuie sur ces notes et sur l’expertise des agents.',
    goal: 'Entretenir le réseau au bon moment et mieux répartir le budget.',
    theme: 'mobility',
    subThemes: ['construction_planning', 'traffic_flows'],
    status: 'deployment',
    commons: 'anomaly_detection',
    techniques: ['computer_vision', 'neural_networks'],
    start: '2021-05',
    audiences: ['agents'],
    automation: 'decision_support',
  },
  {
    org: 'departement:59',
    title: 'Aide à l’orientation des personnes allocataires du RSA',
    summary: 'Un outil propose un parcours d’accompagnement, validé par un travailleur social.',
    description:
      'À partir du diagnostic réalisé lors du premier entretien, un moteur de règles propose un parcours d’accompagnement (social, socioprofessionnel ou emploi). Le travailleur social en discute avec la personne et décide. La personne peut demander le réexamen de son orientation.',
    goal: 'Accélérer l’entrée dans un accompagnement adapté.',
    theme: 'citizenship',
    subThemes: ['user_relations'],
    status: 'deployment',
    commons: 'other',
    techniques: ['knowledge_reasoning'],
    start: '2022-09',
    audiences: ['beneficiaries', 'agents'],
    automation: 'decision_support',
  },
  {
    org: 'departement:35',
    title: 'Prévision des besoins en places d’accueil de la protection de l’enfance',
    summary: 'Une projection à douze mois éclaire la programmation des places d’accueil.',
    description:
      'Un modèle statistique projette le nombre d’enfants à accueillir par type de placement à partir des décisions passées et des signalements. Les résultats sont discutés avec les services et les partenaires associatifs.',
    goal: 'Éviter les ruptures d’accueil et mieux programmer les ouvertures de places.',
    theme: 'citizenship',
    subThemes: ['health_access'],
    status: 'experimentation',
    commons: 'forecasting',
    techniques: ['machine_learning'],
    start: '2023-06',
    audiences: ['agents', 'associations'],
    automation: 'no_decision',
  },
  {
    org: 'departement:26',
    title: 'Assistant de recherche dans la base documentaire des agents',
    summary: 'Les agents interrogent en langage courant les procédures et notes internes.',
    description:
      'Un assistant fondé sur un modèle de langage hébergé en interne retrouve les passages pertinents des procédures et notes de service, et cite ses sources. Il ne répond que sur la base documentaire interne.',
    goal: 'Faire gagner du temps aux agents et réduire les erreurs de procédure.',
    theme: 'governance',
    subThemes: ['document_management', 'information_systems'],
    status: 'experimentation',
    commons: 'conversational_assistant',
    techniques: ['generative_ai', 'nlp'],
    start: '2024-04',
    audiences: ['agents'],
    automation: 'no_decision',
  },
  {
    org: 'departement:85',
    title: 'Jumeau numérique des bâtiments des collèges',
    summary: 'Un modèle 3D des collèges centralise consommations, travaux et équipements.',
    description:
      'Les collèges sont modélisés en trois dimensions ; les consommations d’énergie, les interventions de maintenance et les équipements y sont rattachés. Un module détecte les consommations anormales et propose des priorités de travaux.',
    goal: 'Piloter le patrimoine bâti et la sobriété énergétique des collèges.',
    theme: 'governance',
    subThemes: ['digital_twin', 'energy_performance'],
    status: 'experimentation',
    commons: 'anomaly_detection',
    techniques: ['machine_learning', 'other_ai'],
    start: '2023-02',
    audiences: ['agents', 'schools'],
    automation: 'no_decision',
  },
  {
    org: 'departement:38',
    title: 'Détection des risques de chute de blocs sur les routes de montagne',
    summary: 'Les données des capteurs de paroi alertent les patrouilles en cas de mouvement.',
    description:
      'Des capteurs de déplacement et des géophones surveillent les parois au-dessus de routes exposées. Un modèle distingue les vibrations du trafic des signaux précurseurs de chute de blocs et alerte le centre d’exploitation routière.',
    goal: 'Fermer les routes à temps et éviter les accidents.',
    theme: 'ecological_transition',
    subThemes: ['risk_prevention'],
    status: 'deployment',
    commons: 'anomaly_detection',
    techniques: ['machine_learning', 'speech_audio'],
    start: '2020-09',
    audiences: ['agents', 'general_public'],
    automation: 'decision_support',
  },
  {
    org: 'region:53',
    title: 'Planification des transports scolaires',
    summary: 'Les circuits de cars scolaires sont recalculés à chaque rentrée.',
    description:
      'À partir des inscriptions, des adresses des élèves et des horaires des établissements, un algorithme propose les circuits et les arrêts. Les équipes de la région ajustent les propositions avec les transporteurs et les communes.',
    goal: 'Raccourcir les temps de trajet des élèves et le nombre de cars.',
    theme: 'mobility',
    subThemes: ['multimodality', 'education'],
    status: 'deployment',
    commons: 'optimisation',
    techniques: ['planning_optimisation'],
    start: '2019-06',
    audiences: ['schools', 'general_public'],
    automation: 'decision_support',
  },
  {
    org: 'region:76',
    title: 'Analyse des demandes de subventions agricoles',
    summary: 'Les pièces des dossiers sont lues et contrôlées avant l’instruction.',
    description:
      'Les pièces justificatives déposées en ligne sont lues automatiquement ; un contrôle de cohérence signale les pièces manquantes ou illisibles. L’instructeur reçoit un dossier annoté et reste seul juge de l’éligibilité.',
    goal: 'Raccourcir les délais d’instruction des aides aux exploitations.',
    theme: 'attractiveness',
    subThemes: ['agriculture', 'economic_development'],
    status: 'experimentation',
    commons: 'text_extraction',
    techniques: ['nlp', 'computer_vision'],
    start: '2023-04',
    audiences: ['businesses', 'agents'],
    automation: 'decision_support',
  },
  {
    org: 'region:84',
    title: 'Prévision de la demande sur les lignes de trains régionaux',
    summary: 'La composition des trains suit la fréquentation prévue par jour et par horaire.',
    description:
      'Un modèle prévoit la fréquentation des trains régionaux à partir des validations, des événements et du calendrier. Les propositions de composition (nombre de rames) sont transmises à l’exploitant.',
    goal: 'Éviter les trains bondés et les rames vides.',
    theme: 'mobility',
    subThemes: ['multimodality', 'low_carbon_mobility'],
    status: 'deployment',
    commons: 'forecasting',
    techniques: ['machine_learning', 'neural_networks'],
    start: '2021-01',
    audiences: ['general_public'],
    automation: 'decision_support',
  },
  {
    org: 'region:44',
    title: 'Détection des fraudes aux aides économiques',
    summary: 'Les dossiers présentant des incohérences sont signalés pour un contrôle approfondi.',
    description:
      'Un moteur de règles et un modèle statistique repèrent les dossiers d’aides présentant des incohérences (doublons de factures, montants atypiques). Les dossiers signalés sont contrôlés par un agent ; le signalement seul n’entraîne aucune décision.',
    goal: 'Protéger les fonds publics tout en gardant des délais courts pour les entreprises.',
    theme: 'attractiveness',
    subThemes: ['economic_development', 'public_procurement'],
    status: 'experimentation',
    commons: 'anomaly_detection',
    techniques: ['knowledge_reasoning', 'machine_learning'],
    start: '2024-01',
    audiences: ['businesses', 'agents'],
    automation: 'decision_support',
  },
  {
    org: 'commune:69123',
    title: 'Cartographie des îlots de chaleur urbains',
    summary: 'Les images satellitaires de l’été repèrent les quartiers les plus chauds.',
    description:
      'Des images satellitaires thermiques sont classées pour identifier les surfaces qui stockent la chaleur (toitures sombres, parkings). La carte oriente les plantations et la désimperméabilisation des cours d’école.',
    goal: 'Cibler les actions de rafraîchissement là où elles sont les plus utiles.',
    theme: 'ecological_transition',
    subThemes: ['construction_planning', 'biodiversity_natural_areas'],
    status: 'finished',
    commons: 'aerial_shape_classification',
    techniques: ['computer_vision', 'machine_learning'],
    start: '2021-07',
    audiences: ['agents', 'elected_officials'],
    automation: 'no_decision',
  },
  {
    org: 'commune:75056',
    title: 'Charte et comité d’éthique des usages de la donnée et de l’IA',
    summary: 'Un comité examine les projets d’IA de la ville avant leur lancement.',
    description:
      'Chaque projet d’IA fait l’objet d’une fiche d’analyse présentée à un comité réunissant des élus, des agents et des personnalités extérieures. Le comité rend un avis public et peut demander des garanties supplémentaires.',
    goal: 'Encadrer les usages de l’IA et en rendre compte aux habitants.',
    theme: 'governance',
    subThemes: ['digital_strategy'],
    status: 'deployment',
    commons: 'other',
    techniques: ['other_ai'],
    start: '2022-04',
    audiences: ['general_public', 'elected_officials', 'agents'],
    automation: 'no_decision',
  },
  {
    org: 'commune:13055',
    title: 'Détection des tentatives d’intrusion sur le système d’information',
    summary: 'Les journaux de connexion sont analysés pour repérer les comportements inhabituels.',
    description:
      'Un outil analyse les journaux des serveurs et des postes pour repérer les connexions inhabituelles. Les alertes sont qualifiées par l’équipe sécurité, qui décide des mesures à prendre.',
    goal: 'Réagir plus vite aux cyberattaques.',
    theme: 'governance',
    subThemes: ['cybersecurity', 'information_systems'],
    status: 'deployment',
    commons: 'anomaly_detection',
    techniques: ['machine_learning'],
    start: '2022-11',
    audiences: ['agents'],
    automation: 'no_decision',
  },
  {
    org: 'commune:31555',
    title: 'Tri des candidatures aux offres d’emploi saisonnier',
    summary: 'Projet arrêté après l’analyse d’impact : risque de discrimination jugé trop élevé.',
    description:
      'Un outil devait classer les candidatures aux emplois saisonniers. L’analyse d’impact a montré un risque de biais lié aux parcours des candidats ; la ville a renoncé et simplifié son formulaire de candidature à la place.',
    goal: 'Traiter plus vite les nombreuses candidatures de printemps.',
    theme: 'administration',
    subThemes: ['human_resources'],
    status: 'abandoned',
    commons: 'other',
    techniques: ['machine_learning', 'nlp'],
    start: '2023-02',
    audiences: ['agents'],
    automation: 'decision_support',
  },
  {
    org: 'commune:35238',
    title: 'Réponses aux questions des entreprises sur les marchés publics',
    summary: 'Un assistant aide les entreprises à trouver les consultations et à préparer leur dossier.',
    description:
      'Un assistant conversationnel répond aux questions des entreprises sur les consultations en cours et les pièces attendues, à partir des règlements de consultation. Les questions sur le fond d’un marché sont renvoyées vers la plateforme officielle.',
    goal: 'Ouvrir la commande publique aux petites entreprises locales.',
    theme: 'administration',
    subThemes: ['public_procurement', 'legal_assistance'],
    status: 'exploration',
    commons: 'conversational_assistant',
    techniques: ['generative_ai'],
    start: '2025-01',
    audiences: ['businesses'],
    automation: 'no_decision',
  },
  {
    org: 'commune:44109',
    title: 'Prévision des consommations électriques des bâtiments publics',
    summary: 'Les consommations prévues servent à négocier l’achat d’énergie et à détecter les dérives.',
    plain:
      'Un programme prévoit l’électricité que vont consommer les écoles, gymnases et bureaux de la ville. La ville achète ainsi son énergie au meilleur moment. Quand un bâtiment consomme plus que prévu, une alerte part vers les techniciens. Ils vont vérifier sur place.',
    description:
      'Un modèle prévoit, bâtiment par bâtiment, la consommation électrique du mois suivant. Les écarts importants entre prévision et relevé sont signalés aux gestionnaires de bâtiments.',
    goal: 'Acheter l’énergie au plus juste et repérer les dérives de consommation.',
    theme: 'ecological_transition',
    subThemes: ['energy_performance'],
    status: 'exploration',
    commons: 'forecasting',
    techniques: ['machine_learning'],
    start: '2025',
    audiences: ['agents'],
    automation: 'no_decision',
  },
  {
    org: 'commune:59350',
    title: 'Comptes rendus automatiques des conseils de quartier',
    summary: 'La transcription et un premier résumé des réunions sont préparés pour les animateurs.',
    description:
      'Les réunions des conseils de quartier sont enregistrées avec l’accord des participants ; la parole est transcrite puis résumée. Les animateurs corrigent et publient le compte rendu.',
    goal: 'Publier plus vite les comptes rendus et associer davantage d’habitants.',
    theme: 'citizenship',
    subThemes: ['citizen_participation', 'assemblies'],
    status: 'experimentation',
    commons: 'text_extraction',
    techniques: ['speech_audio', 'generative_ai'],
    start: '2024-09',
    audiences: ['general_public', 'elected_officials'],
    automation: 'no_decision',
  },
  {
    org: 'commune:67482',
    title: 'Éclairage public adaptatif',
    summary: 'L’intensité de l’éclairage suit la présence détectée des piétons et des véhicules.',
    description:
      'Les luminaires équipés de détecteurs baissent leur intensité en l’absence de passage et la remontent à l’approche d’un piéton ou d’un véhicule. Un algorithme ajuste les seuils rue par rue selon la fréquentation observée.',
    goal: 'Réduire la consommation électrique et la pollution lumineuse.',
    theme: 'ecological_transition',
    subThemes: ['public_lighting', 'energy_performance'],
    status: 'deployment',
    commons: 'optimisation',
    techniques: ['planning_optimisation', 'machine_learning'],
    start: '2020-02',
    audiences: ['general_public'],
    automation: 'automated_with_review',
  },
  {
    org: 'region:53',
    title: 'Suivi de la biodiversité par l’écoute des oiseaux',
    summary: 'Des enregistreurs identifient les chants d’oiseaux dans les réserves naturelles.',
    description:
      'Des enregistreurs autonomes captent les sons dans les réserves naturelles régionales ; un modèle reconnaît les espèces d’oiseaux à leur chant. Les naturalistes valident les identifications rares.',
    goal: 'Suivre l’évolution des populations d’oiseaux à moindre coût.',
    theme: 'ecological_transition',
    subThemes: ['biodiversity_natural_areas'],
    status: 'experimentation',
    commons: 'other',
    techniques: ['speech_audio', 'neural_networks'],
    start: '2023-03',
    audiences: ['associations', 'agents'],
    automation: 'no_decision',
  },
  // Drafts and use cases under review (visible to their authority and the coordinators only).
  {
    org: 'commune:38185',
    title: 'Prévision des crues de l’Isère en ville',
    summary: 'Brouillon : description du modèle en cours.',
    description: 'Fiche en cours de rédaction par le service des risques.',
    goal: 'Anticiper la mise en place des protections.',
    theme: 'ecological_transition',
    subThemes: ['risk_prevention', 'water_management'],
    status: 'exploration',
    commons: 'forecasting',
    techniques: ['machine_learning'],
    start: '2025-03',
    audiences: ['agents'],
    automation: 'no_decision',
    state: 'draft',
  },
  {
    org: 'commune:21231',
    title: 'Traduction automatique des informations municipales',
    summary: 'Les pages essentielles du site sont proposées dans plusieurs langues.',
    description: 'Un modèle de traduction propose les versions étrangères des pages pratiques, relues par des agents.',
    goal: 'Mieux informer les habitants non francophones.',
    theme: 'citizenship',
    subThemes: ['digital_inclusion'],
    status: 'experimentation',
    commons: 'other',
    techniques: ['nlp', 'generative_ai'],
    start: '2024-10',
    audiences: ['general_public'],
    automation: 'no_decision',
    state: 'submitted',
  },
  {
    org: 'departement:59',
    title: 'Aide au tri du courrier entrant',
    summary: 'Le courrier numérisé est orienté vers le bon service.',
    description:
      'Les courriers numérisés sont lus et orientés automatiquement vers le service compétent, qui corrige si besoin.',
    goal: 'Traiter plus vite le courrier des usagers.',
    theme: 'administration',
    subThemes: ['document_management'],
    status: 'experimentation',
    commons: 'text_extraction',
    techniques: ['computer_vision', 'nlp'],
    start: '2024-06',
    audiences: ['agents'],
    automation: 'decision_support',
    state: 'submitted',
  },
];

/** The full content of a demo use case: the table's fields plus plausible restricted fields. */
export function demoContent(d: DemoUseCase, index: number): UseCaseContent {
  const c = emptyContent();
  const decisions = d.automation !== 'no_decision';
  const domain = `service-${index + 1}.exemple.fr`;
  Object.assign(c, {
    title: d.title,
    summary: d.summary,
    plainSummary: d.plain ?? null,
    description: `${d.description}\n\n${DEMO_NOTE}`,
    goal: d.goal,
    partners: index % 3 === 0 ? 'Laboratoire universitaire partenaire, prestataire de services numériques' : null,
    theme: d.theme,
    subThemes: d.subThemes,
    commonsCategory: d.commons,
    audiences: d.audiences,
    projectStatus: d.status,
    startDate: d.start,
    endDate: d.status === 'finished' || d.status === 'abandoned' ? String(Number(d.start.slice(0, 4)) + 1) : null,
    abandonReason:
      d.status === 'abandoned'
        ? 'Les résultats de l’expérimentation ne justifiaient pas le coût de la généralisation ; les enseignements sont décrits ci-dessus.'
        : null,
    implementation: (['in_house', 'external', 'service_providers', 'public_procurement'] as const)[index % 4],
    funding: (['Budget propre', 'France 2030', 'Fonds vert', 'FEDER'] as const)[index % 4],
    budgetBand: (['below_50k', 'from_50k_to_100k', 'above_100k'] as const)[index % 3],
    budgetDetails: 'Coûts de licence, d’hébergement et de temps agent détaillés dans le tableau de suivi du projet.',
    hosting: (['internal', 'third_party_cloud', 'internal'] as const)[index % 3],
    contactName: 'Service numérique et données',
    contactEmail: `numerique@${domain}`,
    internalNotes: 'Point d’étape prévu avec la direction générale à la fin du trimestre.',
    algorithmName: d.title,
    algorithmDescription: `L’algorithme traite les données décrites ci-dessous pour produire : ${d.summary.charAt(0).toLowerCase()}${d.summary.slice(1)}`,
    algorithmOperations:
      'Préparation des données, entraînement ou paramétrage, calcul quotidien des résultats, contrôle de qualité avant diffusion aux agents.',
    techniques: d.techniques,
    environmentalImpact:
      'Calculs réalisés sur un serveur mutualisé ; consommation estimée inférieure à 100 kWh par an.',
    sourceCodeUrl: index % 4 === 0 ? `https://code.${domain}/projet` : null,
    sourceCodeLicence: index % 4 === 0 ? 'EUPL-1.2' : null,
    resourcesUrl: `https://${domain}/documentation`,
    dataSources: [(['internal_dataset', 'open_data', 'third_party', 'users'] as const)[index % 4]],
    dataSourceDetails: 'Données des services de la collectivité, mises à jour quotidiennement.',
    dataAccess: (['api', 'automated', 'manual'] as const)[index % 3],
    datasets:
      index % 5 === 0
        ? [{ title: 'Jeu de données publié sur le portail open data', url: `https://data.${domain}/jeu` }]
        : [],
    automationLevel: d.automation,
    legalBasis: decisions
      ? 'Délibération du conseil autorisant le traitement et mission de service public de la collectivité.'
      : null,
    humanOversight: decisions
      ? 'Chaque résultat est examiné par un agent qui peut le corriger ; un bilan mensuel compare les résultats aux décisions prises.'
      : null,
    decisionScope: decisions
      ? 'Décisions individuelles concernant des usagers, prises par un agent.'
      : 'Aucune décision individuelle.',
    decisionsPerYear: decisions ? 500 * (index + 1) : null,
    affectedPublic: d.audiences.includes('general_public')
      ? 'Les habitants qui utilisent le service.'
      : 'Les agents des services concernés.',
    objectionProcedure: decisions
      ? 'Toute personne peut demander le réexamen par un agent et les explications prévues à l’article L. 311-3-1 du code des relations entre le public et l’administration.'
      : null,
    reversibility: 'Le service peut revenir à la procédure manuelle à tout moment.',
    riskAssessment:
      'Analyse des risques réalisée avec le délégué à la protection des données ; mesures : minimisation des données, contrôle humain, journalisation.',
    aiActRiskCategory:
      decisions && d.audiences.includes('beneficiaries')
        ? 'high'
        : d.commons === 'conversational_assistant'
          ? 'limited'
          : 'minimal',
    proportionality: 'Le traitement remplace des tâches répétitives sans créer de décision automatique non contrôlée.',
    effectivenessGap: d.status === 'abandoned' ? 'high' : d.status === 'experimentation' ? 'medium' : 'low',
    explainability:
      d.techniques.includes('neural_networks') || d.techniques.includes('generative_ai') ? 'complex' : 'easy',
    dpiaUrl: decisions ? `https://intranet.${domain}/aipd` : null,
    nextReviewDate: '2026-06-30',
    infoUpdatedOn: '2025-06-15',
    language: 'fr',
  } satisfies Partial<UseCaseContent>);
  return c;
}

export interface DemoSeedDeps {
  findOrganisationByCode(code: string): Promise<{ id: number } | null>;
}

/** The demo use cases to create: content, authority id, wanted state; authorities missing from the database are skipped. */
export async function demoRecords(deps: DemoSeedDeps) {
  const out: {
    key: string;
    organisationId: number;
    content: UseCaseContent;
    state: 'draft' | 'submitted' | 'published';
  }[] = [];
  const missing: string[] = [];
  for (const [i, d] of DEMO_USE_CASES.entries()) {
    const org = await deps.findOrganisationByCode(d.org);
    if (!org) {
      missing.push(d.org);
      continue;
    }
    out.push({
      key: `demo:${i + 1}`,
      organisationId: org.id,
      content: demoContent(d, i),
      state: d.state ?? 'published',
    });
  }
  return { records: out, missing };
}
