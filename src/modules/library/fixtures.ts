/**
 * Test and demo helpers: a use case with every field filled with a recognisable value, and records built around it.
 * Used by the library's tests (presenter leak tests, exports, stores). No I/O.
 */
import { FIELDS, type UseCaseContent } from './fields.ts';
import type { OrganisationSummary, UseCaseRecord } from './model.ts';
import { referenceList } from './reference.ts';

/**
 * Every field filled with a valid value. Text-like values carry `marker` and the field key (« m7:internalNotes »),
 * so a test can search any output for a restricted field's value.
 */
export function filledContent(marker = 'm7'): UseCaseContent {
  const c: Record<string, unknown> = {};
  for (const f of FIELDS) {
    const tag = `${marker}:${f.key}`;
    switch (f.type) {
      case 'text':
      case 'longtext':
        c[f.key] = `Valeur ${tag}`;
        break;
      case 'email':
        c[f.key] = `${f.key.toLowerCase()}.${marker}@exemple-collectivite.fr`;
        break;
      case 'url':
        c[f.key] = `https://exemple-collectivite.fr/${marker}/${f.key}`;
        break;
      case 'date':
        c[f.key] = '2026-06-30';
        break;
      case 'partialDate':
        c[f.key] = f.key === 'endDate' ? '2025-12' : '2024-03';
        break;
      case 'integer':
        c[f.key] = 1200;
        break;
      case 'number':
        c[f.key] = f.key === 'latitude' ? 45.764 : 4.8357;
        break;
      case 'code': {
        const list = referenceList(f.list!);
        c[f.key] = list.codes[Math.min(1, list.codes.length - 1)];
        break;
      }
      case 'codes': {
        const list = referenceList(f.list!);
        c[f.key] = list.codes.slice(0, Math.min(2, f.maxItems ?? 2));
        break;
      }
      case 'links':
        c[f.key] = [{ title: `Jeu ${tag}`, url: `https://exemple-collectivite.fr/${marker}/jeu` }];
        break;
    }
  }
  // Coherent choices: an abandoned project with decisions about people, so every conditional field applies.
  c.projectStatus = 'abandoned';
  c.automationLevel = 'decision_support';
  c.language = 'fr';
  return c as unknown as UseCaseContent;
}

export const SAMPLE_ORGANISATION: OrganisationSummary = {
  id: 10,
  name: 'Métropole de Lyon',
  slug: 'metropole-de-lyon',
  type: 'metropole',
  siren: '200046977',
  siret: '20004697700019',
  country: 'FR',
  departementCode: '69',
  regionCode: '84',
  logoUrl: null,
  latitude: 45.76,
  longitude: 4.83,
};

export function sampleRecord(overrides: Partial<UseCaseRecord> = {}): UseCaseRecord {
  const organisation = overrides.organisation ?? SAMPLE_ORGANISATION;
  return {
    id: 1,
    slug: 'prevision-des-repas',
    organisationId: organisation.id,
    organisation,
    state: 'published',
    revision: null,
    version: 3,
    content: filledContent(),
    externalKey: null,
    createdAt: '2025-01-10T09:00:00.000Z',
    updatedAt: '2025-03-01T10:00:00.000Z',
    publishedAt: '2025-02-01T10:00:00.000Z',
    archivedAt: null,
    archiveReason: null,
    ...overrides,
  };
}
