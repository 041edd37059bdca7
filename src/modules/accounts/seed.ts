/** The demo accounts listed in the README (demo mode only): one per role, all with the same password. */
import type { CurrentUser } from '../../platform/auth/user.ts';
import type { AccountsPorts } from './ports.ts';
import type { ProvisioningService } from './services/provisioning.ts';

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
  provisioning: Pick<ProvisioningService, 'ensureDemoUser'>,
  ports: Pick<AccountsPorts, 'authoritiesOf' | 'organisationIdByCode' | 'setMembership'>,
  log: (line: string) => void,
): Promise<void> {
  const ids = new Map<string, number>();
  for (const a of DEMO_ACCOUNTS) {
    ids.set(
      a.email,
      await provisioning.ensureDemoUser({ email: a.email, name: a.name, role: a.role, password: DEMO_PASSWORD }),
    );
  }
  const authorityId = await ports.organisationIdByCode(DEMO_AUTHORITY_CODE);
  if (authorityId === null) {
    log('Comptes de démonstration : collectivité de démonstration introuvable, adhésions non créées.');
    return;
  }
  const adminId = ids.get(DEMO_ACCOUNTS[0].email)!;
  const system: CurrentUser = { id: adminId, email: DEMO_ACCOUNTS[0].email, name: '', role: 'admin', memberships: [] };
  for (const a of DEMO_ACCOUNTS) {
    if (!a.membership) continue;
    const userId = ids.get(a.email)!;
    const current = (await ports.authoritiesOf(userId)).find((m) => m.organisationId === authorityId);
    if (current?.status === 'active') continue;
    await ports.setMembership(system, { userId, organisationId: authorityId, role: a.membership });
  }
  log(`Comptes de démonstration prêts (mot de passe : ${DEMO_PASSWORD}).`);
}
