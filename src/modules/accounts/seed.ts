import type { CurrentUser } from '../../platform/auth/user.ts';
import type { OrganisationsService } from '../organisations/service.ts';
import type { AccountsService } from './service.ts';

/** The demo accounts listed in the README (demo mode only): one per role, all with the same password. */
export const DEMO_PASSWORD = 'demo-bibliotheque-ia';
export const DEMO_AUTHORITY_CODE = 'commune:44109'; // Nantes, which has demo sheets

export const DEMO_ACCOUNTS = [
  { email: 'admin@demo.bibliotheque-ia.fr', name: 'Alice Administratrice', role: 'admin', membership: null },
  {
    email: 'coordination@demo.bibliotheque-ia.fr',
    name: 'Camille Coordinatrice',
    role: 'coordinator',
    membership: null,
  },
  { email: 'editrice@demo.bibliotheque-ia.fr', name: 'Émilie Éditrice', role: 'user', membership: 'editor' },
  { email: 'agent@demo.bibliotheque-ia.fr', name: 'Antoine Agent', role: 'user', membership: 'member' },
  { email: 'habitant@demo.bibliotheque-ia.fr', name: 'Hugo Habitant', role: 'user', membership: null },
] as const;

export async function seedDemoAccounts(
  accounts: AccountsService,
  organisations: OrganisationsService,
  log: (line: string) => void,
): Promise<void> {
  const ids = new Map<string, number>();
  for (const a of DEMO_ACCOUNTS) {
    ids.set(
      a.email,
      await accounts.ensureDemoUser({ email: a.email, name: a.name, role: a.role, password: DEMO_PASSWORD }),
    );
  }
  const authority = await organisations.findByCode(DEMO_AUTHORITY_CODE);
  if (!authority) {
    log('Comptes de démonstration : collectivité de démonstration introuvable, adhésions non créées.');
    return;
  }
  const adminId = ids.get(DEMO_ACCOUNTS[0].email)!;
  const system: CurrentUser = { id: adminId, email: DEMO_ACCOUNTS[0].email, name: '', role: 'admin', memberships: [] };
  for (const a of DEMO_ACCOUNTS) {
    if (!a.membership) continue;
    const userId = ids.get(a.email)!;
    const current = await organisations.membershipOf({ ...system, id: userId, role: 'user' }, authority.id);
    if (current?.status === 'active') continue;
    await organisations.setMembership(system, { userId, organisationId: authority.id, role: a.membership });
  }
  log(`Comptes de démonstration prêts (mot de passe : ${DEMO_PASSWORD}).`);
}
