/**
 * Demo content: the network's « conditions de réussite », version 1 published (demo mode only; written with our own
 * words; nothing is added when a version exists).
 */
import type { ConditionsContent } from './conditions.ts';
import type { EthicsStore } from './store.ts';

export const DEMO_CONDITIONS: ConditionsContent = {
  intro:
    'Le groupe de travail IA du réseau a relu les fiches de la bibliothèque et les auto-évaluations signées par les collectivités. Voici les **conditions qui, selon nous, font réussir un projet d’IA** au service des habitants. Elles seront revues à chaque nouvelle version, à la lumière des chiffres ci-dessous.',
  positions: [
    {
      title: 'Une personne identifiée valide chaque décision',
      text: 'Quand un système propose une décision qui touche un habitant, **un agent nommé la valide** et peut s’en écarter sans avoir à se justifier davantage.\n\n- Écrire qui valide, et comment, avant la mise en service.\n- Contrôler chaque trimestre un échantillon de propositions acceptées sans modification.',
      evidence: ['controle-humain', 'exigences'],
    },
    {
      title: 'Expliquer avant de déployer',
      text: 'Une notice de transparence publiée dès la mise en service rassure les habitants et les agents. Elle dit ce que fait le système, qui en répond et comment demander une explication.',
      evidence: ['notices', 'par-type'],
    },
    {
      title: 'Protéger les données dès la conception',
      text: 'L’analyse d’impact (AIPD) n’est pas une formalité : elle oblige à se demander quelles données sont vraiment utiles. Nous recommandons de la conduire **avant** le choix du prestataire.',
      evidence: ['aipd', 'par-theme'],
    },
    {
      title: 'Partager ce qui n’a pas marché',
      text: 'Les projets abandonnés apprennent autant que les autres. Chaque fiche peut dire ce qui a fonctionné et ce qui a échoué : ces retours nourrissent les positions du réseau.',
      evidence: ['retours', 'auto-evaluations'],
    },
  ],
};

export async function seedConditions(store: EthicsStore, log: (line: string) => void): Promise<void> {
  if ((await store.conditions()).length) return;
  const draft = await store.insertConditions(DEMO_CONDITIONS, null);
  await store.publishConditions(draft.id, draft.version, null);
  log('IA responsable : conditions de réussite de démonstration publiées (version 1).');
}
