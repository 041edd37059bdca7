/**
 * « Participation citoyenne et politiques numériques »: the second questionnaire shipped with the product,
 * written by us. Its responses are kept for a later catalogue of participation initiatives (no library mapping).
 */
import type { Form } from '../../forms/index.ts';

export const PARTICIPATION_KEY = 'participation-numerique';

export const participation: Form = {
  title: 'Participation citoyenne et politiques numériques',
  description:
    'Comment les collectivités associent-elles les habitants à leurs choix numériques ? Ce questionnaire recense les démarches menées, les publics touchés, ce qui a fonctionné et les besoins d’accompagnement. Comptez une quinzaine de minutes.',
  language: 'fr',
  pages: [
    {
      id: 'collectivite',
      title: 'Votre collectivité',
      elements: [
        {
          id: 'collectivite',
          type: 'organisation',
          label: 'Collectivité',
          hint: 'Saisissez le nom, le code postal ou le numéro SIREN de la collectivité.',
          required: true,
        },
        {
          id: 'fonction',
          type: 'short_text',
          label: 'Votre fonction',
          hint: 'Par exemple : chargée de mission démocratie participative, DSI, élu au numérique.',
          validation: { maxLength: 150 },
          restricted: true,
        },
        {
          id: 'email',
          type: 'email',
          label: 'Adresse e-mail où vous recontacter',
          restricted: true,
        },
        {
          id: 'equipe',
          type: 'dropdown',
          label: 'Moyens humains consacrés à la participation citoyenne',
          choices: [
            { code: 'aucun', label: 'Pas de personne dédiée' },
            { code: 'moins_1', label: 'Moins d’un équivalent temps plein' },
            { code: 'de_1_a_3', label: 'De 1 à 3 équivalents temps plein' },
            { code: 'plus_3', label: 'Plus de 3 équivalents temps plein' },
          ],
        },
      ],
    },
    {
      id: 'formats',
      title: 'Les formats de participation',
      elements: [
        {
          id: 'formats',
          type: 'multiple_choice',
          label: 'Quels formats de participation avez-vous utilisés sur des sujets numériques depuis trois ans ?',
          hint: 'Cochez toutes les réponses qui conviennent.',
          required: true,
          choices: [
            { code: 'debat_public', label: 'Débat public ou réunion publique (par exemple un débat local sur la 5G)' },
            { code: 'panel', label: 'Panel ou convention citoyenne, avec des habitants tirés au sort' },
            { code: 'atelier', label: 'Ateliers de travail avec des habitants' },
            { code: 'consultation_en_ligne', label: 'Consultation en ligne' },
            { code: 'co_conception', label: 'Co-conception d’un service avec ses usagers' },
            { code: 'budget_participatif', label: 'Budget participatif' },
            { code: 'instance', label: 'Conseil de quartier, conseil citoyen ou conseil de développement' },
            { code: 'enquete', label: 'Enquête ou questionnaire' },
            { code: 'aucun', label: 'Aucun pour le moment' },
          ],
          allowOther: true,
          otherLabel: 'Autre format, précisez',
        },
        {
          id: 'debat_5g',
          type: 'yes_no',
          label:
            'Un de ces débats portait-il sur le déploiement d’infrastructures numériques (5G, fibre, antennes-relais) ?',
          visibleIf: { question: 'formats', op: 'contains', value: 'debat_public' },
        },
        {
          id: 'debat_5g_recit',
          type: 'long_text',
          label: 'Racontez ce débat : qui l’a organisé, qui y a participé, qu’en est-il sorti ?',
          validation: { maxLength: 5000 },
          visibleIf: { question: 'debat_5g', op: 'equals', value: true },
        },
        {
          id: 'nombre_demarches',
          type: 'number',
          label: 'Combien de démarches participatives sur le numérique avez-vous menées depuis trois ans ?',
          hint: 'Une estimation suffit.',
          validation: { min: 0, max: 1000 },
          visibleIf: { question: 'formats', op: 'answered' },
        },
        {
          id: 'derniere_demarche',
          type: 'date',
          label: 'Date de la dernière démarche',
          hint: 'Par exemple 15/03/2024.',
          visibleIf: { question: 'nombre_demarches', op: 'greater', value: 0 },
        },
      ],
    },
    {
      id: 'publics',
      title: 'Les publics',
      elements: [
        {
          id: 'publics',
          type: 'multiple_choice',
          label: 'Quels publics vos démarches ont-elles touchés ?',
          required: true,
          choices: [
            { code: 'grand_public', label: 'Habitants en général' },
            { code: 'jeunes', label: 'Jeunes' },
            { code: 'seniors', label: 'Personnes âgées' },
            { code: 'eloignes_numerique', label: 'Personnes éloignées du numérique' },
            { code: 'handicap', label: 'Personnes en situation de handicap' },
            { code: 'quartiers_prioritaires', label: 'Habitants des quartiers prioritaires' },
            { code: 'rural', label: 'Habitants des communes rurales' },
            { code: 'associations', label: 'Associations' },
            { code: 'entreprises', label: 'Entreprises' },
            { code: 'agents', label: 'Agents de la collectivité' },
          ],
        },
        {
          id: 'eloignes_reussite',
          type: 'scale',
          label: 'Avez-vous réussi à faire participer les personnes éloignées du numérique ?',
          max: 10,
          minLabel: 'Pas du tout',
          maxLabel: 'Très bien',
          visibleIf: { question: 'publics', op: 'contains', value: 'eloignes_numerique' },
        },
        {
          id: 'eloignes_comment',
          type: 'long_text',
          label: 'Qu’est-ce qui a permis de les associer ?',
          hint: 'Par exemple : permanences dans des lieux de passage, médiateurs numériques, documents papier.',
          validation: { maxLength: 5000 },
          visibleIf: { question: 'eloignes_reussite', op: 'greater', value: 5 },
        },
        {
          id: 'eloignes_freins',
          type: 'long_text',
          label: 'Qu’est-ce qui a empêché de les associer ?',
          validation: { maxLength: 5000 },
          visibleIf: { question: 'eloignes_reussite', op: 'less', value: 6 },
        },
      ],
    },
    {
      id: 'sujets',
      title: 'Les sujets',
      elements: [
        {
          id: 'sujets',
          type: 'multiple_choice',
          label: 'Sur quels sujets numériques avez-vous associé les habitants ?',
          required: true,
          choices: [
            { code: 'inclusion', label: 'Inclusion numérique et accès aux droits' },
            { code: 'donnees', label: 'Données publiques, ouverture et protection des données' },
            {
              code: 'infrastructures',
              label: 'Infrastructures numériques et aménagement (fibre, 5G, couverture mobile)',
            },
            { code: 'ia', label: 'Intelligence artificielle et algorithmes publics' },
            { code: 'demarches', label: 'Démarches administratives en ligne' },
            { code: 'sobriete', label: 'Sobriété et numérique responsable' },
            { code: 'capteurs', label: 'Capteurs, vidéoprotection et ville connectée' },
            { code: 'education', label: 'Éducation au numérique' },
          ],
          allowOther: true,
          otherLabel: 'Autre sujet, précisez',
        },
        {
          id: 'niveau_implication',
          type: 'matrix',
          label: 'Jusqu’où les habitants ont-ils été associés, pour chacun de ces sujets ?',
          hint: 'Laissez vide une ligne qui ne vous concerne pas.',
          rows: [
            { code: 'inclusion', label: 'Inclusion numérique' },
            { code: 'donnees', label: 'Données publiques' },
            { code: 'infrastructures', label: 'Infrastructures numériques et aménagement' },
            { code: 'ia', label: 'Intelligence artificielle' },
          ],
          columns: [
            { code: 'information', label: 'Information' },
            { code: 'consultation', label: 'Consultation' },
            { code: 'concertation', label: 'Concertation' },
            { code: 'co_construction', label: 'Co-construction' },
          ],
          visibleIf: { question: 'sujets', op: 'answered' },
        },
      ],
    },
    {
      id: 'bilan',
      title: 'Bilan',
      elements: [
        {
          id: 'leviers',
          type: 'multiple_choice',
          label: 'Qu’est-ce qui a aidé ?',
          choices: [
            { code: 'portage_elu', label: 'Un portage politique clair' },
            { code: 'equipe', label: 'Une équipe formée à l’animation' },
            { code: 'partenaires', label: 'Des partenaires associatifs ou des médiateurs numériques' },
            { code: 'outils', label: 'Des outils adaptés (plateforme, supports papier)' },
            { code: 'calendrier', label: 'Un calendrier laissant le temps de débattre' },
            { code: 'retour', label: 'Un retour aux participants sur ce qui a été décidé' },
          ],
          allowOther: true,
          otherLabel: 'Autre, précisez',
        },
        {
          id: 'freins',
          type: 'multiple_choice',
          label: 'Qu’est-ce qui a freiné ?',
          choices: [
            { code: 'participation_faible', label: 'Une faible participation' },
            { code: 'sujet_technique', label: 'Des sujets jugés trop techniques' },
            { code: 'moyens', label: 'Le manque de temps ou de moyens' },
            { code: 'marges', label: 'Peu de marges de décision réelles' },
            { code: 'conflits', label: 'Des tensions ou des conflits' },
            { code: 'outils', label: 'Des outils numériques peu accessibles' },
          ],
          allowOther: true,
          otherLabel: 'Autre, précisez',
        },
        {
          id: 'influence',
          type: 'single_choice',
          label: 'Les contributions des habitants ont-elles modifié les décisions ?',
          required: true,
          choices: [
            { code: 'largement', label: 'Oui, largement' },
            { code: 'en_partie', label: 'En partie' },
            { code: 'non', label: 'Non' },
            { code: 'trop_tot', label: 'Trop tôt pour le dire' },
          ],
        },
        {
          id: 'resultats',
          type: 'long_text',
          label: 'Quels résultats concrets ?',
          hint: 'Un service modifié, une charte adoptée, un projet abandonné ou transformé…',
          validation: { maxLength: 5000 },
          visibleIf: {
            any: [
              { question: 'influence', op: 'equals', value: 'largement' },
              { question: 'influence', op: 'equals', value: 'en_partie' },
            ],
          },
        },
        {
          id: 'compte_rendu',
          type: 'url',
          label: 'Adresse d’un compte rendu public',
          hint: 'Par exemple https://www.ville.fr/bilan-concertation.',
        },
        {
          id: 'compte_rendu_fichier',
          type: 'file',
          label: 'Ou joignez le compte rendu (facultatif)',
          hint: 'PDF, texte OpenDocument ou Word, 10 Mo au plus.',
          maxSizeBytes: 10 * 1024 * 1024,
          accept: [
            'application/pdf',
            'application/vnd.oasis.opendocument.text',
            'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          ],
          visibleIf: { question: 'compte_rendu', op: 'not_answered' },
        },
      ],
    },
    {
      id: 'besoins',
      title: 'Vos besoins',
      elements: [
        {
          id: 'besoins_priorites',
          type: 'ranking',
          label: 'Classez ces besoins d’accompagnement, du plus important au moins important',
          hint: 'Donnez le rang 1 au besoin le plus important.',
          required: true,
          choices: [
            { code: 'formation', label: 'Former les agents et les élus à l’animation' },
            { code: 'methodes', label: 'Disposer de méthodes et d’exemples' },
            { code: 'outils', label: 'Disposer d’outils numériques de participation accessibles' },
            { code: 'financement', label: 'Trouver des financements' },
            { code: 'reseau', label: 'Échanger avec d’autres collectivités' },
          ],
        },
        {
          id: 'autres_besoins',
          type: 'long_text',
          label: 'D’autres besoins ?',
          validation: { maxLength: 3000 },
        },
        {
          id: 'temoignage',
          type: 'yes_no',
          label: 'Accepteriez-vous de témoigner de votre expérience lors d’une rencontre du réseau ?',
        },
        {
          id: 'merci',
          type: 'info',
          title: 'Merci',
          paragraphs: [
            'Vérifiez vos réponses sur la page suivante avant de les envoyer. Vous recevrez un accusé de réception par e-mail, et le réseau partagera une synthèse des réponses.',
          ],
        },
      ],
    },
  ],
};
