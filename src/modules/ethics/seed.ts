/**
 * Demo content of responsible AI (demo mode only), on the published sheets of the demo authority (Nantes), so that
 * every demo role can try it at once:
 * - the first sheet: a self-assessment in two signed and published versions (everyone sees the second compared
 *   with the first), an AI Act classification and a French-law checklist, both signed and published;
 * - the second sheet: a self-assessment and an AI Act classification left as drafts, and a French-law checklist signed
 *   but not published (private: the authority's members and the coordinators see them);
 * - the third sheet: an AI Act classification signed but not published.
 * - a transparency notice published on the first sheet, and one in preparation on the second.
 * Written with our own words; run once (nothing is added when the first sheet already has assessments).
 */
import { DEMO_ACCOUNTS, DEMO_AUTHORITY_CODE } from '../accounts/index.ts';
import type { Answers } from '../forms/index.ts';
import { classify } from './ai-act.ts';
import { evidenceId, QUESTIONS } from './altai.ts';
import { lawChecklist } from './law.ts';
import type { AssessmentKind } from './model.ts';
import { generateNotice, TO_COMPLETE } from './notice.ts';
import type { EthicsPorts } from './ports.ts';
import { requirementScores } from './scoring.ts';
import type { EthicsServices } from './services/index.ts';

const PROOF = 'https://preuves.demo.bibliotheque-ia.fr';

/** What the demo authority wrote where the generated notice says « à compléter ». */
const DEMO_TEXTS: Record<string, string> = {
  responsable: 'direction du numérique, ia-responsable@demo.bibliotheque-ia.fr.',
  donnees:
    'Les données du service concerné, sur les trois dernières années, sans donnée sensible ; aucune donnée n’est transmise à des tiers.',
  objet: 'Améliorer le service rendu aux habitants.',
  decisions: 'Le système propose ; un agent décide.',
  parametres: 'Les paramètres principaux sont décrits dans la fiche du projet.',
  controle: 'Un agent vérifie chaque proposition avant qu’elle ne produise un effet.',
  risques: 'Les risques sont suivis dans un registre revu chaque trimestre.',
};

/** The first version: a project that started well on oversight and less so on the rest. */
function firstVersion(): Answers {
  const out: Answers = {};
  QUESTIONS.forEach((q, i) => {
    out[q.id] =
      q.requirement === 'humain' ? 'partiel' : i % 3 === 0 ? 'oui' : i % 3 === 1 ? 'non' : q.na ? 'na' : 'partiel';
  });
  return out;
}

/** A year later: most gaps closed, evidence attached. */
function secondVersion(): Answers {
  const out: Answers = {};
  QUESTIONS.forEach((q, i) => {
    out[q.id] = i % 5 === 4 ? 'partiel' : q.na && i % 7 === 0 ? 'na' : 'oui';
    if (out[q.id] === 'oui' && i % 4 === 0) out[evidenceId(q.id)] = `${PROOF}/${q.id.replace(/_/g, '-')}`;
  });
  out.e_concertation = 'non';
  return out;
}

const AI_ACT: Answers = {
  pratiques_interdites: ['aucun'],
  domaines: ['aucun'],
  cas_transparence: ['dialogue'],
};

const LAW: Answers = {
  decisions: false,
  effectif: '50_plus',
  petite_commune: false,
  donnees_personnelles: true,
  criteres_aipd: ['innovation', 'grande_echelle'],
  service_en_ligne: true,
  aipd_fait: true,
  aipd_preuve: `${PROOF}/aipd`,
  accessibilite_fait: false,
};

export async function seedDemo(
  services: EthicsServices,
  ports: EthicsPorts,
  log: (line: string) => void,
  today: () => string,
) {
  const sheets = await ports.demo.publishedSheetsOf(DEMO_AUTHORITY_CODE, 3);
  if (!sheets.length) return;
  const { store } = services;
  if ((await store.ofUseCase(sheets[0]!)).length) return;
  const signer = DEMO_ACCOUNTS.find((a) => a.membership === 'editor')?.name ?? 'Responsable de la démonstration';
  let count = 0;

  async function add(
    useCaseId: number,
    kind: AssessmentKind,
    answers: Answers,
    state: 'draft' | 'signed' | 'published',
  ) {
    const sheet = await ports.useCases.find(useCaseId);
    if (!sheet) return;
    const a = await store.insert({ useCaseId, organisationId: sheet.organisationId, kind, answers, userId: null });
    count++;
    if (state === 'draft') return;
    await store.sign(a.id, a.version, { answers, userId: null, name: signer });
    if (state === 'published') await store.setPublished(a.id, true, null);
  }

  const [first, second, third] = sheets;
  await add(first!, 'self', firstVersion(), 'published');
  await add(first!, 'self', secondVersion(), 'published');
  await add(first!, 'ai_act', AI_ACT, 'published');
  await add(first!, 'law', LAW, 'published');
  if (second) {
    const partial = Object.fromEntries(QUESTIONS.slice(0, 8).map((q) => [q.id, 'partiel']));
    await add(second, 'self', partial, 'draft');
    await add(second, 'ai_act', {}, 'draft');
    await add(second, 'law', { ...LAW, decisions: true, decision_automatique: false }, 'signed');
  }
  if (third) await add(third, 'ai_act', { ...AI_ACT, cas_transparence: ['contenus_generes'] }, 'signed');
  // A published notice on the first sheet, and a draft of it on the second.
  const notices = [];
  for (const [useCaseId, publish] of [
    [first!, true],
    [second, false],
  ] as const) {
    if (!useCaseId) continue;
    const sheet = await ports.useCases.find(useCaseId);
    if (!sheet) continue;
    const presented = await ports.useCases.present(null, useCaseId);
    const all = await store.ofUseCase(useCaseId);
    const latest = (kind: AssessmentKind) => all.find((a) => a.kind === kind && a.status === 'signed') ?? null;
    const self = latest('self');
    const aiAct = latest('ai_act');
    const law = latest('law');
    const generated = generateNotice({
      title: sheet.title,
      organisationName: presented.organisation.name,
      content: presented.content,
      selfScores: self ? requirementScores(self.answers) : null,
      aiAct: aiAct ? classify(aiAct.answers) : null,
      law: law ? lawChecklist(law.answers) : null,
      today: today(),
    });
    const content = publish
      ? {
          ...generated,
          sections: generated.sections.map((x) => ({
            ...x,
            text: x.text.replace(TO_COMPLETE, DEMO_TEXTS[x.key] ?? ''),
          })),
        }
      : generated;
    const notice = await store.insertNotice({ useCaseId, organisationId: sheet.organisationId, content, userId: null });
    if (publish) await store.publishNotice(notice.id, notice.version, null);
    notices.push(notice.id);
  }
  log(`IA responsable : ${count} évaluations et ${notices.length} notices de démonstration ajoutées.`);
}
