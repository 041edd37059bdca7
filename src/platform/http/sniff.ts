/**
 * What an uploaded file really is, read from its first bytes (« magic bytes »), and whether that agrees with what
 * its name and declared type claim. The declared type comes from the sender and proves nothing: a file named
 * `liste.xlsx` must be a zip archive, `questionnaire.json` must be JSON text, an image must be the image it claims.
 * Text files (CSV, JSON, XML) must not contain NUL characters (PostgreSQL refuses them in text, and no spreadsheet
 * writes them: it is UTF-16 or a binary file under a text name).
 */

export type ContentKind = 'zip' | 'ole' | 'pdf' | 'png' | 'jpeg' | 'gif' | 'webp' | 'json' | 'xml' | 'text' | 'binary';

const LABELS: Record<ContentKind, string> = {
  zip: 'une archive (XLSX, ODS, DOCX ou ZIP)',
  ole: 'un ancien document Office (XLS, DOC)',
  pdf: 'un PDF',
  png: 'une image PNG',
  jpeg: 'une image JPEG',
  gif: 'une image GIF',
  webp: 'une image WebP',
  json: 'du JSON',
  xml: 'du XML',
  text: 'du texte',
  binary: 'un fichier binaire',
};

function startsWith(data: Buffer, bytes: number[], at = 0): boolean {
  if (data.length < at + bytes.length) return false;
  return bytes.every((b, i) => data[at + i] === b);
}

/** The kind of content, from its first bytes (and, for text, the absence of NUL bytes). */
export function sniff(data: Buffer): ContentKind {
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04]) || startsWith(data, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(data, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (startsWith(data, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(data, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (startsWith(data, [0x52, 0x49, 0x46, 0x46]) && startsWith(data, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  if (data.includes(0)) return 'binary';
  let i = startsWith(data, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (i < data.length && (data[i] === 0x20 || data[i] === 0x0a || data[i] === 0x0d || data[i] === 0x09)) i++;
  if (data[i] === 0x7b || data[i] === 0x5b) return 'json';
  if (data[i] === 0x3c) return 'xml';
  return 'text';
}

const TEXT_KINDS: ContentKind[] = ['text', 'json', 'xml'];

const BY_EXTENSION: Record<string, ContentKind[]> = {
  xlsx: ['zip'],
  xlsm: ['zip'],
  ods: ['zip'],
  docx: ['zip'],
  odt: ['zip'],
  pptx: ['zip'],
  odp: ['zip'],
  zip: ['zip'],
  xls: ['ole', ...TEXT_KINDS],
  doc: ['ole'],
  ppt: ['ole'],
  pdf: ['pdf'],
  png: ['png'],
  jpg: ['jpeg'],
  jpeg: ['jpeg'],
  gif: ['gif'],
  webp: ['webp'],
  json: ['json'],
  csv: TEXT_KINDS,
  tsv: TEXT_KINDS,
  txt: TEXT_KINDS,
  xml: ['xml'],
  lss: ['xml'],
};

const BY_TYPE: Record<string, ContentKind[]> = {
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['zip'],
  'application/vnd.oasis.opendocument.spreadsheet': ['zip'],
  'application/zip': ['zip'],
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'application/json': ['json'],
  'text/csv': TEXT_KINDS,
  'text/plain': TEXT_KINDS,
  'text/xml': ['xml'],
  'application/xml': ['xml'],
};

/** The kinds of content the file's name (first) or declared type claims; null when it claims nothing we can check. */
export function claimedKinds(filename: string, mimetype: string): ContentKind[] | null {
  const extension = /\.([a-z0-9]{1,8})$/i.exec(filename)?.[1]?.toLowerCase();
  if (extension && BY_EXTENSION[extension]) return BY_EXTENSION[extension];
  const type = mimetype.split(';')[0]!.trim().toLowerCase();
  return BY_TYPE[type] ?? null;
}

/** The French reason to refuse the file, or null when its content agrees with its name and declared type. */
export function uploadProblem(file: { filename: string; mimetype: string; data: Buffer }): string | null {
  if (file.data.length === 0) return null;
  const kind = sniff(file.data);
  const claimed = claimedKinds(file.filename, file.mimetype);
  if (!claimed || claimed.includes(kind)) return null;
  if (kind === 'binary' && claimed.some((k) => TEXT_KINDS.includes(k))) {
    return `Le fichier « ${file.filename} » contient des caractères nuls : ce n’est pas du texte. Enregistrez-le en UTF-8 (CSV ou texte) et envoyez-le de nouveau.`;
  }
  return `Le contenu du fichier « ${file.filename} » ne correspond pas à son nom ou à son type : il est annoncé comme ${LABELS[claimed[0]!]}, mais son contenu est ${LABELS[kind]}.`;
}
