const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

const tab = 0x09;
const lineFeed = 0x0a;
const carriageReturn = 0x0d;

/** A control character other than tab, and line breaks unless they are allowed. */
function hasControlCharacter(text: string, allowLineBreaks: boolean): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x20 && code !== 0x7f) continue;
    if (code === tab || (allowLineBreaks && (code === lineFeed || code === carriageReturn)))
      continue;
    return true;
  }
  return false;
}

/** The bytes as text when they are valid UTF-8 without control characters (line breaks only if allowed). */
export function printableText(
  bytes: Buffer,
  { multiline = false }: { multiline?: boolean } = {},
): string | null {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return null;
  }
  return hasControlCharacter(text, multiline) ? null : text;
}

export type EncodedBytes = { encoding: 'utf8'; text: string } | { encoding: 'hex'; text: string };

/** A key or header value: text when printable on one line, hex otherwise. */
export function encodeBytes(bytes: Buffer | string): EncodedBytes {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'utf8');
  const text = printableText(buffer);
  return text === null
    ? { encoding: 'hex', text: buffer.toString('hex') }
    : { encoding: 'utf8', text };
}

export type DecodedValue =
  | { encoding: 'json'; json: unknown; text: string }
  | { encoding: 'utf8'; text: string }
  | { encoding: 'hex'; text: string };

/** A value: parsed when it is JSON, text when printable, hex otherwise. */
export function decodeValue(bytes: Buffer): DecodedValue {
  const text = printableText(bytes, { multiline: true });
  if (text === null) return { encoding: 'hex', text: bytes.toString('hex') };
  if (text.trim() !== '') {
    try {
      const json: unknown = JSON.parse(text);
      return { encoding: 'json', json, text: JSON.stringify(json, null, 2) };
    } catch {
      // not JSON: shown as text
    }
  }
  return { encoding: 'utf8', text };
}

/** Hex in lines of 16 bytes, each led by its offset, as `xxd` and `hexdump` print it. */
export function hexDump(bytes: Buffer): string[] {
  const lines: string[] = [];
  for (let start = 0; start < bytes.length; start += 16) {
    const chunk = bytes.subarray(start, start + 16);
    const hex = [...chunk].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
    lines.push(`${start.toString(16).padStart(8, '0')}  ${hex}`);
  }
  return lines;
}
