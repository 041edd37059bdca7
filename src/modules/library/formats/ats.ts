/**
 * JSON export following the field names of the Eurocities « Algorithmic Transparency Standard » (version 0.3.1 of
 * the data schema developed by the Eurocities Digital Forum Lab with Amsterdam, Helsinki and other cities).
 *
 * Each use case becomes one registration. Free-text attributes are fed by the catalogue (`FieldDef.ats`): when several
 * of our fields feed one attribute, their texts are joined by a blank line, in form order. Attributes with a fixed
 * vocabulary (status, domain, risk category, algorithm type) are mapped from our codes. Attributes we do not
 * collect (department, training data, data bias…) are left out rather than invented.
 */
import { createHash } from 'node:crypto';
import { type ContentKey, FIELDS, type UseCaseContent } from '../fields.ts';
import { displayValue, type PresentedUseCase } from '../model.ts';
import {
  type AiActRiskCode,
  countries,
  type ProjectStatusCode,
  referenceList,
  type SubThemeCode,
  type TechniqueCode,
  type ThemeCode,
} from '../reference.ts';

export const ATS_VERSION = '0.3.1';

export const ATS_STATUS: Record<ProjectStatusCode, string> = {
  exploration: 'design',
  experimentation: 'pilot',
  deployment: 'operational',
  finished: 'retired',
  abandoned: 'retired',
};

export const ATS_RISK_CATEGORY: Record<AiActRiskCode, string> = {
  minimal: 'minimal risk',
  limited: 'limited risk',
  high: 'high risk',
  unacceptable: 'unacceptable',
};

/** The standard's `domain` enumeration. */
export const ATS_DOMAINS = [
  'taxes',
  'housing, living and living environment',
  'culture, sports and leisure',
  'defence',
  'economy and entrepreneurship',
  'family, youth and households',
  'finance',
  'generic',
  'health and health care',
  'immigration and integration',
  'international collaboration and development aid',
  'agriculture, nature and food',
  'environment, spacial planning and water',
  'education and science',
  'public safety',
  'government',
  'justice',
  'travel, living and working abroad',
  'subsidies, benefits and allowances',
  'traffic and transportation',
  'work and career',
] as const;
export type AtsDomain = (typeof ATS_DOMAINS)[number];

const THEME_DOMAIN: Record<ThemeCode, AtsDomain> = {
  ecological_transition: 'environment, spacial planning and water',
  attractiveness: 'economy and entrepreneurship',
  citizenship: 'government',
  mobility: 'traffic and transportation',
  governance: 'generic',
  administration: 'government',
};

const SUB_THEME_DOMAIN: Partial<Record<SubThemeCode, AtsDomain>> = {
  public_lighting: 'housing, living and living environment',
  agriculture: 'agriculture, nature and food',
  biodiversity_natural_areas: 'agriculture, nature and food',
  risk_prevention: 'public safety',
  construction_planning: 'housing, living and living environment',
  real_estate: 'housing, living and living environment',
  culture_leisure: 'culture, sports and leisure',
  education: 'education and science',
  health_access: 'health and health care',
  accessibility_disability: 'health and health care',
  cybersecurity: 'public safety',
  human_resources: 'work and career',
  public_procurement: 'finance',
  legal_assistance: 'justice',
};

/** The domain of a use case: from its first sub-theme when that is more precise, else from its theme. */
export function atsDomain(content: Partial<UseCaseContent>): AtsDomain | null {
  for (const s of content.subThemes ?? []) {
    const d = SUB_THEME_DOMAIN[s];
    if (d) return d;
  }
  return content.theme ? THEME_DOMAIN[content.theme] : null;
}

const LEARNING: readonly TechniqueCode[] = [
  'machine_learning',
  'neural_networks',
  'nlp',
  'generative_ai',
  'computer_vision',
  'speech_audio',
];
const RULE_BASED: readonly TechniqueCode[] = ['knowledge_reasoning', 'planning_optimisation'];

/** `self-learning`, `rule-based` or `hybrid` from the techniques; null when they do not say. */
export function atsAlgorithmType(list: readonly TechniqueCode[] | undefined): string | null {
  const learning = (list ?? []).some((t) => LEARNING.includes(t));
  const rules = (list ?? []).some((t) => RULE_BASED.includes(t));
  if (learning && rules) return 'hybrid';
  if (learning) return 'self-learning';
  if (rules) return 'rule-based';
  return null;
}

/** A stable name-based UUID (version 5 layout, SHA-1) for a use case's address. */
export function stableUuid(name: string): string {
  const h = createHash('sha1').update(name).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** At most 150 characters, cut on a word, as the standard asks for `description_short`. */
export function shortDescription(text: string, max = 150): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 60 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** Fields whose attribute is written by a mapping below rather than as text. */
const MAPPED = new Set<ContentKey>([
  'projectStatus',
  'theme',
  'aiActRiskCategory',
  'language',
  'infoUpdatedOn',
  'nextReviewDate',
  'summary',
]);

export type AtsRegistration = Record<string, string>;

export interface AtsExportOptions {
  /** Public address of a use case's page (`website`) and the base of its UUID. */
  sheetUrl: (useCase: PresentedUseCase) => string;
  /** Allow use cases presented to members or editors (default: anonymous presentations only). */
  allowRestricted?: boolean;
}

/** One registration of the standard from a presented use case. Attributes without a value are omitted. */
export function atsRegistration(useCase: PresentedUseCase, options: AtsExportOptions): AtsRegistration {
  const c = useCase.content;
  const url = options.sheetUrl(useCase);
  const out: AtsRegistration = {
    standard_version: ATS_VERSION,
    uuid: stableUuid(url),
    lang: c.language ?? 'fr',
  };
  const put = (key: string, value: string | null | undefined) => {
    if (value) out[key] = value;
  };
  put('publication_date', useCase.publishedAt?.slice(0, 10));
  put('last_change_date', c.infoUpdatedOn ?? useCase.updatedAt.slice(0, 10));
  put('revision_date', c.nextReviewDate);
  put('name', c.title);
  put('organization', useCase.organisation.name);
  put('country', countries.labelOf(useCase.organisation.country));
  put('area', useCase.organisation.name);
  put('website', url);
  put(
    'description_short',
    c.summary ? shortDescription(c.summary) : c.description ? shortDescription(c.description) : null,
  );
  put('status', c.projectStatus ? ATS_STATUS[c.projectStatus] : null);
  put('domain', atsDomain(c));
  put('risk_category', c.aiActRiskCategory ? ATS_RISK_CATEGORY[c.aiActRiskCategory] : null);
  put('algorithm_type', atsAlgorithmType(c.techniques));
  // Free text fed by the catalogue, joined in form order.
  const texts = new Map<string, string[]>();
  for (const field of FIELDS) {
    if (!field.ats || MAPPED.has(field.key) || !Object.hasOwn(c, field.key)) continue;
    let text = displayValue(field, c[field.key]);
    if (!text) continue;
    if (field.type === 'code' && field.list) {
      // A coded value reads better with its definition (« Aide à la décision : le système propose… »).
      const item = referenceList(field.list).get(String(c[field.key]));
      if (item?.description) text = `${text} : ${item.description}`;
    }
    const list = texts.get(field.ats) ?? [];
    list.push(text);
    texts.set(field.ats, list);
  }
  for (const [key, list] of texts) {
    if (out[key] === undefined) out[key] = list.join(key === 'keywords' ? ', ' : '\n\n');
  }
  return out;
}

export interface AtsExport {
  standard: string;
  standard_version: string;
  generated_at: string;
  registrations: AtsRegistration[];
}

/** The whole export (public presentations only unless `allowRestricted`). */
export function exportAts(
  useCases: readonly PresentedUseCase[],
  options: AtsExportOptions & { generatedAt: string },
): AtsExport {
  const registrations = useCases.map((useCase) => {
    if (useCase.access !== 'public' && !options.allowRestricted) {
      throw new Error('Export ATS : les fiches doivent être présentées pour un visiteur anonyme.');
    }
    return atsRegistration(useCase, options);
  });
  return {
    standard: 'Algorithmic Transparency Standard (Eurocities)',
    standard_version: ATS_VERSION,
    generated_at: options.generatedAt,
    registrations,
  };
}
