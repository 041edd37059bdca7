/**
 * Demo content of citizens' voice (demo mode only), written with our own words: a few refused terms, and on two
 * published sheets of the demo authority (Nantes) a thread with questions, comments, supports and concerns, an
 * official answer by its editor, two messages waiting for approval and one hidden by three reports — so that every
 * demo role can try it at once: the inhabitant posts (their first message waits), the editor answers and moderates,
 * the coordinator moderates and keeps the list of terms. Run once (nothing is added when messages exist).
 */
import { DEMO_ACCOUNTS, DEMO_AUTHORITY_CODE } from '../accounts/index.ts';
import { fold, type MessageKind, type MessageStatus } from './model.ts';
import type { VoicePorts } from './ports.ts';
import type { VoiceServices } from './services/index.ts';

export const DEMO_WORDS = ['connard', 'connasse', 'enfoiré', 'casino en ligne', 'crédit sans justificatif'];

const CITIZENS = [
  { email: 'lucie.citoyenne@demo.bibliotheque-ia.fr', name: 'Lucie Citoyenne', pseudonym: 'Lucie des Dervallières' },
  { email: 'marc.citoyen@demo.bibliotheque-ia.fr', name: 'Marc Citoyen', pseudonym: 'Marc_44' },
  { email: 'nora.citoyenne@demo.bibliotheque-ia.fr', name: 'Nora Citoyenne', pseudonym: 'Nora de Chantenay' },
  { email: 'paul.citoyen@demo.bibliotheque-ia.fr', name: 'Paul Citoyen', pseudonym: 'Paul sur l’Erdre' },
];

interface DemoMessage {
  by: number | 'editor';
  kind: MessageKind;
  body: string;
  status: MessageStatus;
  reports?: number[];
}

const FIRST_THREAD: DemoMessage[] = [
  {
    by: 0,
    kind: 'question',
    body: 'Les données utilisées pour entraîner ce système sont-elles anonymisées avant d’être envoyées au prestataire ? Et combien de temps sont-elles gardées ?',
    status: 'published',
  },
  {
    by: 1,
    kind: 'comment',
    body: 'Bonne initiative si un agent relit chaque décision. J’aimerais savoir comment on peut contester un résultat.',
    status: 'published',
  },
  { by: 2, kind: 'support', body: '', status: 'published' },
  {
    by: 3,
    kind: 'concerned',
    body: 'J’habite le quartier concerné par l’expérimentation.',
    status: 'published',
  },
  {
    by: 'editor',
    kind: 'official',
    body: 'Merci pour vos questions. Les données sont pseudonymisées avant tout traitement et restent hébergées en France ; elles sont supprimées après 12 mois. Chaque résultat peut être contesté auprès du service concerné, qui le réexamine avec un agent.',
    status: 'published',
  },
  {
    by: 1,
    kind: 'comment',
    body: 'Encore un gadget payé avec nos impôts, et personne ne nous demande notre avis !!!',
    status: 'reported',
    reports: [0, 2, 3],
  },
];

const SECOND_THREAD: DemoMessage[] = [
  { by: 0, kind: 'concerned', body: 'Mon école est dans le périmètre.', status: 'published' },
  {
    by: 2,
    kind: 'question',
    body: 'Les résultats de l’évaluation seront-ils publiés ?',
    status: 'pending',
  },
];

export async function seedDemo(services: VoiceServices, ports: VoicePorts, log: (line: string) => void) {
  const { store } = services;
  const db = services.db;
  const existing = await db.selectFrom('voice_messages').select('id').limit(1).executeTakeFirst();
  if (existing) return;
  const at = services.now();
  for (const word of DEMO_WORDS) await store.addBlockedWord(fold(word), null, at);
  const authorityId = await ports.organisations.idByCode(DEMO_AUTHORITY_CODE);
  if (!authorityId) return;
  const sheets: number[] = [];
  for (const id of await ports.sheetsOf(authorityId, 20)) {
    if (await ports.useCases.findPublished(id)) sheets.push(id);
    if (sheets.length === 2) break;
  }
  if (!sheets.length) return;
  const citizens: number[] = [];
  for (const c of CITIZENS) {
    const id = await ports.people.ensureUser(c.email, c.name);
    await store.saveProfile(id, c.pseudonym, fold(c.pseudonym), at);
    citizens.push(id);
  }
  const editorEmail = DEMO_ACCOUNTS.find((a) => a.membership === 'editor')!.email;
  const editor = await ports.people.ensureUser(editorEmail, 'Émilie Éditrice');
  // The newest last: the demo messages are dated a few days apart, in their order.
  let day = 10;
  const threads: [number, DemoMessage[]][] = [[sheets[0]!, FIRST_THREAD]];
  if (sheets[1]) threads.push([sheets[1], SECOND_THREAD]);
  for (const [sheetId, messages] of threads) {
    for (const m of messages) {
      const authorId = m.by === 'editor' ? editor : citizens[m.by]!;
      const when = new Date(Date.parse(at) - day-- * 86_400_000).toISOString();
      const id = await store.insertMessage({
        targetKind: 'use_case',
        targetId: sheetId,
        organisationId: authorityId,
        authorId,
        kind: m.kind,
        body: m.body,
        status: m.status,
        addressKey: null,
        at: when,
      });
      await store.follow('use_case', sheetId, authorId, when);
      for (const r of m.reports ?? [])
        await store.addReport({ messageId: id, userId: citizens[r]!, reason: 'insult', details: '', at: when });
    }
  }
  log(
    `Contributions citoyennes : ${threads.length} discussions de démonstration, ${DEMO_WORDS.length} termes refusés.`,
  );
}
