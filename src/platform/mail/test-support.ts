/**
 * Reading a MIME message in tests (what a mail client sees): the leaf parts of a message, each with its
 * Content-Type, Content-Disposition and body decoded from base64 or quoted-printable to text.
 */

export interface MimePart {
  contentType: string;
  disposition: string;
  body: string;
}

function headersAndBody(raw: string): { headers: Map<string, string>; body: string } {
  const text = raw.replace(/\r\n/g, '\n');
  const end = text.indexOf('\n\n');
  const head = end === -1 ? text : text.slice(0, end);
  const body = end === -1 ? '' : text.slice(end + 2);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decode(body: string, encoding: string): string {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes: number[] = [];
    const soft = body.replace(/=\n/g, '');
    for (let i = 0; i < soft.length; i++) {
      const hex = soft[i] === '=' ? /^[0-9A-F]{2}/i.exec(soft.slice(i + 1, i + 3)) : null;
      if (hex) {
        bytes.push(Number.parseInt(hex[0], 16));
        i += 2;
      } else bytes.push(...Buffer.from(soft[i] as string, 'utf8'));
    }
    return Buffer.from(bytes).toString('utf8');
  }
  return body;
}

/** The leaf parts of a message, depth first, in order. */
export function mimeParts(raw: string): MimePart[] {
  const { headers, body } = headersAndBody(raw);
  const contentType = headers.get('content-type') ?? 'text/plain';
  const boundary = /^multipart\/[^;]+;.*\bboundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) {
    const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
    return [{ contentType, disposition: headers.get('content-disposition') ?? '', body: decode(body, encoding) }];
  }
  const delimiter = `--${boundary}`;
  const sections = body.split(delimiter).slice(1);
  const parts: MimePart[] = [];
  for (const section of sections) {
    if (section.startsWith('--')) break;
    parts.push(...mimeParts(section.replace(/^\n/, '').replace(/\n$/, '')));
  }
  return parts;
}
