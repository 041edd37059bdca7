/**
 * Initiatives as open data: the CSV file (the one writer, platform/export/csv.ts), the JSON file (the API's form)
 * and the Atom feed of the latest publications (the platform's Atom writer). Published content only.
 */
import { atomFeed } from '../../../platform/export/atom.ts';
import { type CsvDialect, type CsvValue, toCsv } from '../../../platform/export/csv.ts';
import type { Platform } from '../../../platform/platform.ts';
import { commitmentLabel } from '../commitments.ts';
import { initiativeJson, type Presenter } from './presenter.ts';
import type { SearchService } from './search.ts';

const CSV_HEADER = [
  'identifiant',
  'titre',
  'en_bref',
  'resume',
  'format',
  'sujets',
  'publics',
  'personnes_eloignees_du_numerique',
  'debut',
  'fin',
  'partenaires',
  'budget',
  'participants',
  'resultats',
  'freins',
  'points_forts',
  'ressources',
  'contact',
  'engagements_manifeste',
  'collectivite',
  'type_collectivite',
  'region',
  'departement',
  'publiee_le',
  'adresse',
];

export function createOpenDataService(deps: { platform: Platform; search: SearchService; present: Presenter }) {
  const { platform, search, present } = deps;
  const baseUrl = platform.config.baseUrl;
  const everything = async () => present(null, await search.all());

  return {
    async json() {
      return { items: (await everything()).map((p) => initiativeJson(p, baseUrl)) };
    },
    async csv(dialect: CsvDialect): Promise<string> {
      const rows: CsvValue[][] = [CSV_HEADER];
      for (const p of await everything()) {
        const c = p.content;
        rows.push([
          p.id,
          c.title,
          c.plainSummary,
          c.summary,
          p.format?.label ?? '',
          p.topics.map((t) => t.label).join(' ; '),
          p.publics.map((t) => t.label).join(' ; '),
          c.farFromDigital,
          c.startDate,
          c.endDate,
          c.partners,
          p.budget?.label ?? '',
          c.participants,
          c.outcomes,
          c.obstacles,
          c.strengths,
          c.resources.map((r) => r.url).join(' ; '),
          c.contact,
          c.commitments.map(commitmentLabel).join(' ; '),
          p.organisation.name,
          p.organisation.typeLabel,
          p.organisation.regionName ?? '',
          p.organisation.departementCode ?? '',
          p.publishedAt,
          `${baseUrl}${p.path}`,
        ]);
      }
      return toCsv(rows, dialect);
    },
    /** Atom feed: the 50 initiatives published last, newest first. */
    async feed(): Promise<string> {
      const records = (await search.all('title'))
        .sort((a, b) => ((a.publishedAt ?? '') < (b.publishedAt ?? '') ? 1 : -1))
        .slice(0, 50);
      const items = await present(null, records);
      return atomFeed({
        title: 'Bibliothèque IA des territoires — initiatives de participation',
        self: `${baseUrl}/initiatives/flux.atom`,
        alternate: `${baseUrl}/initiatives`,
        fallbackUpdated: platform.clock.iso(),
        entries: items.map((p) => ({
          id: `${baseUrl}${p.path}`,
          title: `${p.content.title} (${p.format?.label ?? 'initiative'}, ${p.organisation.name})`,
          link: `${baseUrl}${p.path}`,
          updated: p.publishedAt ?? p.updatedAt,
          author: p.organisation.name,
          summary: p.content.plainSummary || p.content.summary,
        })),
      });
    },
  };
}
