/**
 * A small multipart/form-data reader for the fakes: grammY uploads (`name="x";filename=y`, headers
 * without spaces, filename unquoted) and discord.js (undici FormData, quoted) both parse.
 */

/** One part of a multipart body: a field (no filename) or a file. */
export interface Part {
  name: string;
  filename?: string;
  data: Buffer;
}

/** The boundary of a `multipart/form-data; boundary=…` content type, or null. */
export function boundaryOf(contentType: string | undefined): string | null {
  const m = /multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  return m ? (m[1] ?? m[2] ?? null) : null;
}

function param(header: string, key: string): string | undefined {
  const m = new RegExp(`;\\s*${key}=(?:"([^"]*)"|([^;\\r\\n]*))`, 'i').exec(header);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** The parts of a multipart body. */
export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const from = start + delimiter.length;
    if (body.subarray(from, from + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, from);
    if (next === -1) break;
    // The part sits between the CRLF after the delimiter and the CRLF before the next one.
    const raw = body.subarray(from + 2, next - 2);
    const split = raw.indexOf('\r\n\r\n');
    const head = raw.subarray(0, split).toString('utf8');
    const disposition = head.split('\r\n').find((l) => /^content-disposition:/i.test(l)) ?? '';
    const filename = param(disposition, 'filename');
    parts.push({
      name: param(disposition, 'name') ?? '',
      ...(filename !== undefined ? { filename } : {}),
      data: raw.subarray(split + 4),
    });
    start = next;
  }
  return parts;
}
