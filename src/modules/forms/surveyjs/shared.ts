/** What the SurveyJS import and export share: the report format, JSON helpers, texts, HTML and file types. */
import type { InfoBlock } from '../model.ts';

export interface ReportEntry {
  /** Where in the source (SurveyJS JSON path on import, our JSON path on export). */
  path: string;
  message: string;
}

/** SurveyJS JSON, read and written untyped. */
export type Json = Record<string, any>;
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** SurveyJS custom properties used by our export, to register with `Serializer.addProperty(className, prop)`. */
export const SURVEYJS_CUSTOM_PROPERTIES: readonly { className: string; property: { name: string; type?: string } }[] = [
  { className: 'question', property: { name: 'restricted', type: 'boolean' } },
  { className: 'question', property: { name: 'publicText', type: 'boolean' } },
  { className: 'question', property: { name: 'libraryField' } },
  { className: 'text', property: { name: 'organisationPicker', type: 'boolean' } },
];

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

// ---------------------------------------------------------------------------------------------------------------
// Texts, HTML, files
// ---------------------------------------------------------------------------------------------------------------

/** A SurveyJS localisable text: a string or `{ default, fr, en… }`; French first. */
export function text(v: unknown, path: string, report: ReportEntry[]): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (!isObject(v)) return undefined;
  if (typeof v.fr === 'string') return v.fr;
  if (typeof v.default === 'string') return v.default;
  const entry = Object.entries(v).find(([, s]) => typeof s === 'string');
  if (entry) {
    report.push({ path, message: `Texte disponible seulement en « ${entry[0]} » : repris tel quel, à traduire.` });
    return entry[1] as string;
  }
  return undefined;
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  eacute: 'é',
  egrave: 'è',
  ecirc: 'ê',
  agrave: 'à',
  acirc: 'â',
  ccedil: 'ç',
  ocirc: 'ô',
  ucirc: 'û',
  ugrave: 'ù',
  icirc: 'î',
  iuml: 'ï',
  euml: 'ë',
  oelig: 'œ',
  laquo: '«',
  raquo: '»',
  rsquo: '’',
  hellip: '…',
  ndash: '–',
  mdash: '—',
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** HTML → optional heading + plain paragraphs; `lost` is true when formatting other than paragraphs was dropped. */
export function htmlToParagraphs(html: string): { title?: string; paragraphs: string[]; lost: boolean } {
  let title: string | undefined;
  let body = html.trim();
  const heading = /^<h[1-6][^>]*>([\s\S]*?)<\/h[1-6]>/i.exec(body);
  if (heading) {
    title = clean(heading[1]);
    body = body.slice(heading[0].length);
  }
  const lost = /<(?!\/?(p|br|div|h[1-6])\b)[a-z]/i.test(body);
  const paragraphs = body
    .replace(/<br\s*\/?>/gi, '\n')
    .split(/<\/?(?:p|div|h[1-6]|ul|ol|li|table|tr)\b[^>]*>|\n\s*\n/i)
    .map(clean)
    .filter((p) => p !== '');
  return { title: title || undefined, paragraphs, lost };

  function clean(s: string): string {
    return decodeEntities(s.replace(/<[^>]*>/g, ''))
      .replace(/[ \t\u00a0]+/g, ' ')
      .replace(/ *\n */g, '\n')
      .trim();
  }
}

export function infoToHtml(info: InfoBlock): string {
  const parts: string[] = [];
  if (info.title) parts.push(`<h3>${escapeHtml(info.title)}</h3>`);
  for (const p of info.paragraphs) parts.push(`<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
  return parts.join('');
}

export const EXTENSION_MIME: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  webp: 'image/webp',
  csv: 'text/csv',
  txt: 'text/plain',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
  json: 'application/json',
};
/** Accepted files when a SurveyJS file question does not say: office documents, PDF and images. */
export const DEFAULT_ACCEPT = [
  'application/pdf',
  'image/*',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/csv',
];
export const DEFAULT_MAX_SIZE = 10 * 1024 * 1024;
