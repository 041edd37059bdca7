/**
 * The commitments of the Manifesto « Pour des territoires numériques responsables » as data: the frame the working
 * group uses to document how the participation part of the Manifesto is implemented. The titles below are OUR short
 * summaries of each commitment's subject, not the Manifesto's wording; read the Manifesto itself for its text.
 *
 * What was checked (December 2026) against public accounts of the Manifesto, the Manifesto's own text not being at
 * hand:
 * - France urbaine, « Forum des Interconnectés : le Manifeste … remis à Cédric O », 18 March 2021 (MANIFESTO.url):
 *   adopted on 18 March 2021 by the digital commission shared by the AdCF (now Intercommunalités de France), France
 *   urbaine and Les Interconnectés; three ambitions and nine commitments; ambition 1 is equality, with commitment 1
 *   on the access of all to public services and commitment 2 on the skills of citizens and professionals.
 * - Weka, « Manifeste pour des territoires numériques responsables » (2021): the three ambitions are equality, the
 *   environment, and the project of a smart and sustainable territory; among the commitments: online procedures only
 *   where a person can also help (desk, telephone), skills of public agents and private actors, modernising public
 *   action through collective intelligence, measuring the carbon footprint.
 * NOT verified: the numbering and the exact subjects of commitments 3 to 9 (the sources above stop after commitment 2
 * or name subjects without their number). Ours follow those subjects where they are named (footprint, collective
 * intelligence) and secondary accounts for the rest; the working group should compare them with the Manifesto's text.
 * The codes are stable: correcting a title or a number here changes no stored data.
 */

export interface Commitment {
  /** Stable code, stored in initiatives and in commitment_use_cases. */
  code: string;
  number: number;
  ambition: 1 | 2 | 3;
  title: string;
  /** One sentence, in our words: what putting it into practice looks like. */
  hint: string;
}

const SOURCE_URL =
  'https://franceurbaine.org/actualites/forum-des-interconnectes-le-manifeste-pour-des-territoires-numeriques-responsables-remis';

export const MANIFESTO = {
  title: 'Pour des territoires numériques responsables',
  /** A public account of the Manifesto's adoption that lists its ambitions and first commitments. */
  url: SOURCE_URL,
  source: `Manifeste adopté le 18 mars 2021 par la commission numérique commune à l’AdCF (Intercommunalités de France), France urbaine et Les Interconnectés : trois ambitions, neuf engagements (présentation de France urbaine : ${SOURCE_URL}). Les intitulés ci-dessous résument chaque engagement avec nos mots ; la numérotation des engagements 3 à 9 reste à vérifier sur le texte du Manifeste, seul ce texte fait foi.`,
} as const;

export const AMBITIONS: Record<1 | 2 | 3, string> = {
  1: 'Un numérique responsable, au service de l’égalité',
  2: 'Un numérique qui tient compte de l’environnement',
  3: 'Un projet de territoire intelligent et durable',
};

export const COMMITMENTS: readonly Commitment[] = [
  {
    code: 'acces_services',
    number: 1,
    ambition: 1,
    title: 'Garantir à chacun l’accès aux services publics, en ligne ou avec une personne',
    hint: 'Une démarche en ligne reste possible au guichet ou au téléphone, avec quelqu’un pour aider.',
  },
  {
    code: 'competences',
    number: 2,
    ambition: 1,
    title: 'Faire monter en compétences les habitants, les agents et les professionnels',
    hint: 'Ateliers, médiateurs numériques, formations des agents et des acteurs locaux.',
  },
  {
    code: 'inclusion',
    number: 3,
    ambition: 1,
    title: 'Aller vers les personnes éloignées du numérique',
    hint: 'Permanences dans les lieux de passage, supports papier, accompagnement individuel.',
  },
  {
    code: 'empreinte',
    number: 4,
    ambition: 2,
    title: 'Mesurer et réduire l’empreinte environnementale du numérique local',
    hint: 'Connaître l’impact de ses équipements et services, puis le réduire.',
  },
  {
    code: 'sobriete',
    number: 5,
    ambition: 2,
    title: 'Acheter, concevoir et utiliser le numérique avec sobriété',
    hint: 'Matériel durable et reconditionné, services éco-conçus, usages raisonnés.',
  },
  {
    code: 'infrastructures',
    number: 6,
    ambition: 2,
    title: 'Déployer les réseaux et les antennes en concertation avec les habitants',
    hint: 'Débattre localement de la 5G, de la fibre et des antennes-relais avant de décider.',
  },
  {
    code: 'intelligence_collective',
    number: 7,
    ambition: 3,
    title: 'Transformer l’action publique avec l’intelligence collective des habitants',
    hint: 'Associer les habitants à la conception des politiques et des services numériques.',
  },
  {
    code: 'donnees',
    number: 8,
    ambition: 3,
    title: 'Gouverner les données du territoire comme un bien commun, en confiance',
    hint: 'Ouvrir les données publiques, protéger les données personnelles, rendre compte de leurs usages.',
  },
  {
    code: 'ecosysteme',
    number: 9,
    ambition: 3,
    title: 'Coopérer avec les acteurs locaux pour un numérique éthique et durable',
    hint: 'Associations, entreprises, chercheurs et collectivités voisines travaillent ensemble.',
  },
];

export const COMMITMENT_CODES = COMMITMENTS.map((c) => c.code);
export const commitmentOf = (code: string) => COMMITMENTS.find((c) => c.code === code) ?? null;
export const commitmentLabel = (code: string) => {
  const c = commitmentOf(code);
  return c ? `Engagement ${c.number} : ${c.title}` : code;
};
