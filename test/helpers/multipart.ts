// A multipart/form-data body, as a browser sends it: used by the route × role client (test/http/route-access) and by
// the modules' HTTP tests that upload files.

export interface MultipartFile {
  field: string;
  filename: string;
  type: string;
  content: string | Buffer;
}

/** The payload and content type of a multipart form with `fields` and `files`. */
export function multipartBody(fields: Record<string, string | string[]>, files: MultipartFile[] = []) {
  const boundary = `----bia${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${v}\r\n`));
    }
  }
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
    );
    parts.push(Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
