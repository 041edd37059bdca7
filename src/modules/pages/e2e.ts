/** The editorial pages and the coordination hub, checked in a real browser (test/e2e/page-suite.ts). */
import type { E2ePage } from '../../platform/module.ts';

export const pagesE2ePages: E2ePage[] = [
  { name: 'accueil', path: '/', as: ['visitor', 'member', 'editor', 'coordinator', 'admin'] },
  { name: "déclaration d'accessibilité", path: '/accessibilite' },
  { name: 'données personnelles', path: '/donnees-personnelles' },
  { name: 'glossaire de l’IA', path: '/glossaire' },
  { name: 'page introuvable (404)', path: '/page-qui-n-existe-pas', status: 404, as: ['visitor', 'member'] },
  { name: 'espace de coordination', path: '/coordination', as: ['coordinator', 'admin'] },
  { name: 'mon espace', path: '/mon-espace', as: ['member', 'editor', 'coordinator', 'admin'] },
];
