/**
 * Demo content of meetings (demo mode only; runs after the groups' demo): the AI group's meeting of 2 February 2022
 * and the participation sub-commission's of 4 February 2022 at 11:00 with a guest speaker (the president of the
 * national public-debate commission: the role, not a person), both with agendas, published minutes, decisions and
 * actions; an upcoming meeting open for registration, full, with a waiting list. Written with our own words. Run
 * once: a group that already has a meeting with the same title keeps it.
 */
import { parisLocalToUtc } from '../../platform/calendar/paris-time.ts';
import type { Platform } from '../../platform/platform.ts';
import type { MeetingInput } from './model.ts';
import type { GroupRef, MeetingsPorts } from './ports.ts';
import type { MeetingsServices } from './services/index.ts';

const DOCS = 'https://documents.demo.bibliotheque-ia.fr';

const at = (date: string, time: string) => {
  const r = parisLocalToUtc(date, time);
  if (!r.ok) throw new Error(`démo : heure invalide ${date} ${time}`);
  return r.utc;
};

const AI_MINUTES = `# Réunion du groupe IA du 2 février 2022

## Tour de table
Chaque collectivité présente ses projets d'intelligence artificielle en cours ou envisagés :
- tri automatique des courriers entrants ;
- prévision de la fréquentation des équipements sportifs ;
- détection des dépôts sauvages à partir des signalements.

## Recensement des cas d'usage
Le groupe valide le principe d'un **recensement commun** des cas d'usage, avec une fiche par projet. Le questionnaire sera testé par trois collectivités volontaires avant d'être diffusé.

## Suites
1. Rédiger le questionnaire de recensement.
2. Préparer une grille d'analyse des risques inspirée des travaux publics sur l'IA de confiance.

Les supports présentés sont disponibles sur [l'espace documentaire](${DOCS}/groupe-ia/2022-02-02).`;

const PARTICIPATION_MINUTES = `# Réunion de la sous-commission du 4 février 2022

## Intervention de la présidence de la Commission nationale du débat public
La présidence de la commission a présenté les principes du débat public : *transparence*, *équivalence* des participants et *argumentation*. Elle a insisté sur la nécessité de dire, dès le départ, ce qui est réellement ouvert à la discussion.

## Échanges
- Les outils numériques de participation élargissent le public, à condition de garder des temps de rencontre.
- Une plateforme ne remplace pas l'engagement de rendre compte des contributions reçues.
- Les algorithmes de synthèse des contributions doivent être expliqués aux participants.

## Suites
La sous-commission rédigera une **charte de la participation numérique** à proposer aux collectivités du réseau.`;

function meetingsOf(groups: { ai: GroupRef | null; participation: GroupRef | null }, upcomingDate: string) {
  const out: {
    group: GroupRef;
    input: MeetingInput;
    minutes?: string;
    decisions?: string[];
    actions?: { title: string; dueDate: string }[];
    upcoming?: boolean;
  }[] = [];
  if (groups.ai)
    out.push({
      group: groups.ai,
      input: {
        title: 'Lancement du recensement des projets d’IA',
        description:
          'Première réunion du groupe : tour de table des projets et préparation du recensement des cas d’usage.',
        startsAt: at('2022-02-02', '14:00'),
        endsAt: at('2022-02-02', '16:00'),
        place: null,
        videoUrl: 'https://visio.demo.bibliotheque-ia.fr/groupe-ia',
        visibility: 'public',
        capacity: null,
        agenda: [
          {
            title: 'Accueil et tour de table des collectivités',
            speakerName: null,
            speakerFunction: null,
            guest: false,
          },
          {
            title: 'Présentation du projet de recensement des cas d’usage',
            speakerName: 'Camille Coordinatrice',
            speakerFunction: 'Coordination du réseau',
            guest: false,
          },
          {
            title: 'Premiers retours sur l’analyse des risques',
            speakerName: null,
            speakerFunction: null,
            guest: false,
          },
        ],
        documents: [
          { title: 'Note de cadrage du recensement', url: `${DOCS}/groupe-ia/2022-02-02/cadrage`, phase: 'before' },
          { title: 'Support de présentation', url: `${DOCS}/groupe-ia/2022-02-02/support`, phase: 'after' },
        ],
      },
      minutes: AI_MINUTES,
      decisions: [
        'Lancer un recensement commun des cas d’usage de l’IA dans les collectivités du réseau.',
        'Tester le questionnaire auprès de trois collectivités volontaires.',
      ],
      actions: [
        { title: 'Rédiger le questionnaire de recensement des cas d’usage', dueDate: '2022-03-15' },
        { title: 'Proposer une grille d’analyse des risques', dueDate: '2030-06-30' },
      ],
    });
  if (groups.participation)
    out.push({
      group: groups.participation,
      input: {
        title: 'Participation citoyenne et outils numériques',
        description:
          'Échange avec la présidence de la Commission nationale du débat public sur les conditions d’une participation numérique loyale.',
        startsAt: at('2022-02-04', '11:00'),
        endsAt: at('2022-02-04', '12:30'),
        place: 'Salle du conseil, hôtel de ville de Nantes',
        videoUrl: 'https://visio.demo.bibliotheque-ia.fr/participation',
        visibility: 'public',
        capacity: 40,
        agenda: [
          {
            title: 'Les principes du débat public à l’heure du numérique',
            speakerName: 'Présidence de la Commission nationale du débat public',
            speakerFunction: 'Président·e de la Commission nationale du débat public',
            guest: true,
          },
          {
            title: 'Échanges avec les élus de la sous-commission',
            speakerName: null,
            speakerFunction: null,
            guest: false,
          },
          {
            title: 'Suites à donner : vers une charte de la participation numérique',
            speakerName: null,
            speakerFunction: null,
            guest: false,
          },
        ],
        documents: [
          {
            title: 'Dossier de présentation de la séance',
            url: `${DOCS}/participation/2022-02-04/dossier`,
            phase: 'before',
          },
        ],
      },
      minutes: PARTICIPATION_MINUTES,
      decisions: ['Rédiger une charte de la participation numérique à proposer aux collectivités du réseau.'],
      actions: [{ title: 'Rédiger un premier projet de charte de la participation numérique', dueDate: '2030-09-30' }],
    });
  if (groups.ai)
    out.push({
      group: groups.ai,
      upcoming: true,
      input: {
        title: 'Restitution du recensement et feuille de route',
        description: 'Présentation des résultats du recensement et choix des chantiers communs de l’année.',
        startsAt: at(upcomingDate, '14:00'),
        endsAt: at(upcomingDate, '16:30'),
        place: 'Maison de l’administration nouvelle, Nantes',
        videoUrl: 'https://visio.demo.bibliotheque-ia.fr/groupe-ia',
        visibility: 'public',
        capacity: 2,
        agenda: [
          {
            title: 'Résultats du recensement des cas d’usage',
            speakerName: 'Camille Coordinatrice',
            speakerFunction: 'Coordination du réseau',
            guest: false,
          },
          { title: 'Choix des chantiers communs', speakerName: null, speakerFunction: null, guest: false },
        ],
        documents: [
          {
            title: 'Synthèse provisoire du recensement',
            url: `${DOCS}/groupe-ia/restitution/synthese`,
            phase: 'before',
          },
        ],
      },
    });
  return out;
}

export async function seedDemo(
  services: MeetingsServices,
  ports: MeetingsPorts,
  platform: Platform,
  log: (line: string) => void,
) {
  const groups = await ports.groups.listGroups();
  const find = (re: RegExp) => groups.find((g) => re.test(g.name)) ?? null;
  const ai = find(/intelligence artificielle|\bIA\b/i);
  const participation = find(/participation/i);
  if (!ai && !participation) {
    log('Réunions : aucun groupe de démonstration trouvé (les groupes sont créés avant), rien n’est ajouté.');
    return;
  }
  const { store } = services;
  const now = platform.clock.iso();
  const upcoming = new Date(platform.clock.millis() + 30 * 86_400_000).toISOString().slice(0, 10);
  let added = 0;
  for (const entry of meetingsOf({ ai, participation }, upcoming)) {
    const existing = await store.between({ groupIds: [entry.group.id], includeCancelled: true });
    if (existing.some((m) => m.title === entry.input.title)) continue;
    const members = await ports.groups.members(entry.group.id);
    const lead = members.find((p) => p.role === 'lead') ?? members[0] ?? null;
    await platform.db.transaction().execute(async (trx) => {
      const id = await store.insert(trx, entry.group.id, entry.input, lead?.userId ?? null, now);
      if (entry.minutes) {
        // A members' draft first, then the version published to everyone: the history has two versions.
        await store.addMinutes(
          trx,
          id,
          0,
          entry.minutes.split('\n## Suites')[0]!,
          'members',
          lead?.userId ?? null,
          now,
        );
        await store.addMinutes(trx, id, 1, entry.minutes, 'public', lead?.userId ?? null, now);
        await store.setDecisions(trx, id, entry.decisions ?? []);
        const attendees = members.slice(0, 4);
        for (const p of attendees)
          await store.register(trx, id, p.userId, 'registered', 'remote', entry.input.startsAt);
        await store.setAttendance(trx, id, new Map(attendees.map((p, i) => [p.userId, i < 3])), now);
        for (const [i, a] of (entry.actions ?? []).entries()) {
          const owner = members[i % Math.max(members.length, 1)] ?? null;
          await store.insertAction(
            trx,
            {
              meetingId: id,
              groupId: entry.group.id,
              title: a.title,
              ownerId: owner?.userId ?? null,
              dueDate: a.dueDate,
            },
            now,
          );
        }
      }
      if (entry.upcoming) {
        // Full (two seats), with someone waiting; the demo « agent » account stays free to try registering.
        const others = members.filter((p) => !/^agent@/.test(p.email));
        for (const [i, p] of others.slice(0, 3).entries())
          await store.register(
            trx,
            id,
            p.userId,
            i < 2 ? 'registered' : 'waiting',
            i === 1 ? 'remote' : 'in_person',
            new Date(Date.parse(now) + i * 1000).toISOString(),
          );
      }
    });
    added++;
  }
  log(`Réunions : ${added} réunions de démonstration ajoutées.`);
}
