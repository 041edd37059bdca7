/**
 * Demo content of consultations (demo mode only), on the published sheets of the demo authority (Nantes): an open
 * consultation with a dozen anonymous answers (its editors see them on the management page), and a closed one with
 * its published synthesis and « ce que la consultation a changé » (public results above the small-number rule).
 * Written with our own words; run once (nothing is added when the authority already has consultations).
 */
import { DEMO_AUTHORITY_CODE } from '../accounts/index.ts';
import type { Answers } from '../forms/index.ts';
import { formFromTemplates } from './model.ts';
import type { ConsultationsServices } from './services/index.ts';

const DAY = 86_400_000;

/** Deterministic answers: the n-th of a small, varied set. */
function demoAnswers(n: number): Answers {
  const pick = <T>(list: readonly T[]) => list[n % list.length]!;
  const out: Answers = {
    concerne: pick(['c1', 'c2', 'c2', 'c3', 'c1']),
    comprehension: pick([4, 5, 3, 4, 2, 5]),
    avis: pick(['c1', 'c2', 'c2', 'c3', 'c1', 'c5', 'c4']),
    inquietudes: pick([['c1'], ['c2', 'c3'], ['c3'], ['c6'], ['c1', 'c2']]),
    agent: n % 4 !== 0,
    information: pick([['c1'], ['c2'], ['c1', 'c3'], ['c4']]),
  };
  if (n % 3 === 0)
    out.remarques = pick([
      'Il faudrait pouvoir corriger facilement une réponse fausse.',
      'Bonne idée si les agents gardent la main.',
      'Expliquez bien quelles données sont utilisées.',
    ]);
  return out;
}

export async function seedDemo(services: ConsultationsServices, log: (line: string) => void, now: () => number) {
  const { store, ports } = services;
  const organisationId = await ports.organisations.idByCode(DEMO_AUTHORITY_CODE);
  if (organisationId === null) return log('Consultations : collectivité de démonstration introuvable.');
  if ((await store.list({ organisationIds: [organisationId] })).length) return;
  const sheets = await ports.sheets.publishedOf(organisationId);
  if (sheets.length < 1) return log('Consultations : aucune fiche publiée de démonstration.');
  const [first, second = first] = sheets as [{ id: number; title: string }, { id: number; title: string }?];
  const iso = (offsetDays: number) => new Date(now() + offsetDays * DAY).toISOString();
  const codes = ['concerne', 'comprehension', 'avis', 'inquietudes', 'agent', 'information', 'remarques'];

  const open = await store.create(
    {
      organisationId,
      useCaseId: first.id,
      title: `Votre avis avant la mise en service : ${first.title}`,
      introduction:
        'La ville prévoit de mettre ce système en service à l’automne. Avant de décider, elle veut savoir si son fonctionnement est compris et ce qui vous inquiète. Les réponses sont anonymes.',
      form: formFromTemplates('Consultation', codes),
      opensAt: iso(-10),
      closesAt: iso(20),
      mode: 'anonymous',
    },
    null,
  );
  for (let n = 0; n < 12; n++)
    await store.addAnswer({
      consultationId: open,
      userId: null,
      answers: demoAnswers(n),
      browserToken: `demo-ouverte-${n}`,
      addressHash: `demo-${n}`,
    });

  const closed = await store.create(
    {
      organisationId,
      useCaseId: second!.id,
      title: `Consultation close : ${second!.title}`,
      introduction:
        'Pendant un mois, les habitants ont pu donner leur avis sur ce projet avant son déploiement. Voici ce qu’ils ont dit et ce que la ville a décidé.',
      form: formFromTemplates('Consultation', codes),
      opensAt: iso(-75),
      closesAt: iso(-45),
      mode: 'anonymous',
    },
    null,
  );
  for (let n = 0; n < 23; n++)
    await store.addAnswer({
      consultationId: closed,
      userId: null,
      answers: demoAnswers(n + 5),
      browserToken: `demo-close-${n}`,
      addressHash: `demo-${n}`,
    });
  const record = await store.find(closed);
  await store.update(
    closed,
    record!.version,
    {
      synthesis:
        'Vingt-trois personnes ont répondu. La plupart sont favorables au projet. Beaucoup veulent pouvoir parler à un agent. Les erreurs du système et l’usage des données personnelles inquiètent le plus.',
      changes:
        'Un agent reste joignable par téléphone et à l’accueil. Chaque décision proposée par le système est relue par un agent. La fiche du projet explique maintenant quelles données sont utilisées, et pour combien de temps.',
      synthesisPublishedAt: iso(-30),
    },
    null,
  );
  log('Consultations : une consultation ouverte (12 réponses) et une close avec sa synthèse.');
}
