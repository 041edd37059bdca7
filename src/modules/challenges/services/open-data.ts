/**
 * Challenges as open data: the CSV file (the one writer, platform/export/csv.ts), the JSON file (the API's form) and
 * the Atom feed of their news and stage changes.
 */
import { type CalendarEvent, calendarUid, renderCalendar } from '../../../platform/calendar/ical.ts';
import { atomFeed } from '../../../platform/export/atom.ts';
import { type CsvDialect, type CsvValue, toCsv } from '../../../platform/export/csv.ts';
import { notFound } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { challengePath, type Stage, stageLabel } from '../model.ts';
import type { ChallengesStore } from '../store.ts';
import { challengeJson, type Presenter } from './presenter.ts';
import type { SearchService } from './search.ts';

const CSV_HEADER = [
  'identifiant',
  'titre',
  'besoin',
  'resultat_attendu',
  'donnees',
  'contraintes_hebergement',
  'donnees_personnelles',
  'date_limite',
  'inscriptions',
  'etape',
  'motif_abandon',
  'themes',
  'categorie',
  'porte_par',
  'porteurs',
  'contributeurs',
  'observateurs',
  'partenaires',
  'commun',
  'mis_a_jour',
  'adresse',
];

export function createOpenDataService(deps: {
  platform: Platform;
  store: ChallengesStore;
  search: SearchService;
  present: Presenter;
}) {
  const { platform, store, search, present } = deps;
  const baseUrl = platform.config.baseUrl;

  async function everything() {
    return present(null, await search.all(), (id) => store.newsOf(id));
  }

  return {
    async json() {
      return { items: (await everything()).map((c) => challengeJson(c, baseUrl)) };
    },
    async csv(dialect: CsvDialect): Promise<string> {
      const rows: CsvValue[][] = [CSV_HEADER];
      for (const c of await everything()) {
        const names = (role: string) =>
          c.participants
            .filter((p) => p.role === role)
            .map((p) => p.name)
            .join(' ; ');
        rows.push([
          c.id,
          c.title,
          c.need,
          c.expectedResult,
          c.data,
          c.hostingConstraints,
          c.personalDataConstraints,
          c.joinDeadline,
          c.open ? 'ouvertes' : 'closes',
          c.stageLabel,
          c.abandonReason,
          c.themes.map((t) => t.label).join(' ; '),
          c.category?.label ?? '',
          c.statedBy?.name ?? 'Coordination du réseau',
          names('lead'),
          names('contributor'),
          names('observer'),
          names('partner'),
          c.commons ? `${baseUrl}${c.commons.path}` : '',
          c.updatedAt,
          `${baseUrl}${c.path}`,
        ]);
      }
      return toCsv(rows, dialect);
    },
    /**
     * The calendar of a challenge's milestones (iCalendar, METHOD:PUBLISH): the deadline to join, each stage reached
     * (dated when it happened), and the planned dates of the stages not reached yet (tentative). UIDs are stable; the
     * challenge's version is the sequence of what its edits change.
     */
    async calendar(id: number): Promise<string> {
      const c = await store.find(id);
      if (!c) throw notFound('Ce défi est introuvable.');
      const url = `${baseUrl}${challengePath(c.id)}`;
      const uid = (kind: string) => calendarUid(kind, c.id, baseUrl);
      const events: CalendarEvent[] = [];
      if (c.joinDeadline)
        events.push({
          uid: uid('defi-date-limite'),
          sequence: c.version,
          summary: `Dernier jour pour rejoindre le défi « ${c.title} »`,
          description: c.need,
          url: `${url}/participer`,
          start: { date: c.joinDeadline },
        });
      for (const s of c.stages)
        events.push({
          uid: uid(`defi-etape-${s.stage.replace(/_/g, '-')}`),
          sequence: 0,
          summary: `Défi « ${c.title} » : étape « ${stageLabel(s.stage)} »`,
          ...(s.note ? { description: s.note } : {}),
          url,
          start: { utc: s.reachedAt },
          status: 'CONFIRMED',
        });
      const finished = c.stage === 'published' || c.stage === 'abandoned';
      const planned: [Stage, string | null, string][] = [
        ['scoping', c.plannedScopingOn, 'début du cadrage prévu'],
        ['building', c.plannedBuildingOn, 'début de la réalisation prévu'],
        ['published', c.plannedPublicationOn, 'publication du commun prévue'],
      ];
      for (const [stage, day, label] of planned)
        if (day && !finished && !c.stages.some((s) => s.stage === stage))
          events.push({
            uid: uid(`defi-prevu-${stage}`),
            sequence: c.version,
            summary: `Défi « ${c.title} » : ${label}`,
            url,
            start: { date: day },
            status: 'TENTATIVE',
          });
      return renderCalendar({ name: `Défi « ${c.title} »`, events, now: platform.clock.iso() });
    },
    /** Atom feed: the 50 newest news and the 50 latest stage changes, newest first. */
    async feed(): Promise<string> {
      const news = await store.latestNews(null, 50);
      const result = await search.catalogue.search({ q: '', filters: {}, sort: 'updated', page: 1, perPage: 50 });
      const changed = await store.findByIds(result.ids);
      const titles = new Map(
        (await store.findByIds([...new Set(news.map((n) => n.challengeId))])).map((r) => [r.id, r.title]),
      );
      for (const c of changed) titles.set(c.id, c.title);
      const items = [
        ...news.map((n) => ({
          id: `${baseUrl}${challengePath(n.challengeId)}#actualite-${n.id}`,
          updated: n.postedAt,
          title: `${titles.get(n.challengeId) ?? 'Défi'} : ${n.title}`,
          link: `${baseUrl}${challengePath(n.challengeId)}#actualite-${n.id}`,
          summary: n.body,
        })),
        ...changed.flatMap((c) =>
          c.stages.map((s, i) => ({
            id: `${baseUrl}${challengePath(c.id)}#etape-${i + 1}`,
            updated: s.reachedAt,
            title: `${c.title} : étape « ${stageLabel(s.stage)} »`,
            link: `${baseUrl}${challengePath(c.id)}`,
            summary: s.note ?? (i === 0 ? c.need : `Le défi passe à l’étape « ${stageLabel(s.stage)} ».`),
          })),
        ),
      ]
        .sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : a.id < b.id ? 1 : -1))
        .slice(0, 100);
      return atomFeed({
        title: 'Bibliothèque IA des territoires — actualités des défis',
        self: `${baseUrl}/defis/flux.atom`,
        alternate: `${baseUrl}/defis`,
        fallbackUpdated: platform.clock.iso(),
        author: 'Bibliothèque IA des territoires',
        entries: items,
      });
    },
  };
}
