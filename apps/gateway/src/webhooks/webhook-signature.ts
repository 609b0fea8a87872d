import { createHmac, timingSafeEqual } from 'node:crypto';

export const signatureHeader = 'x-handoff-signature';

export type SignatureCheck =
  { ok: true; signature: string; timestamp: number } | { ok: false; reason: string };

/** HMAC-SHA256, hex, over `<t>.<raw body>`: what the bot platform computes with the tenant's secret. */
export function signPayload(secret: string, timestamp: number, body: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** The header a sender attaches: `t=<unix seconds>,v1=<hex>`. */
export function signatureHeaderValue(
  secret: string,
  timestamp: number,
  body: Buffer | string,
): string {
  return `t=${timestamp},v1=${signPayload(secret, timestamp, body)}`;
}

/**
 * Checks `t=<unix seconds>,v1=<hex>[,v1=<hex>…]` against each of the tenant's secrets (several
 * during a rotation), in constant time, and the timestamp against the tolerance window.
 */
export function checkSignature(input: {
  header: string | undefined;
  body: Buffer;
  secrets: readonly string[];
  nowSeconds: number;
  toleranceSeconds: number;
}): SignatureCheck {
  const parts = (input.header ?? '').split(',').map((part) => part.trim().split('='));
  const timestamps = parts.filter(([name]) => name === 't').map(([, value]) => value ?? '');
  const signatures = parts
    .filter(([name, value]) => name === 'v1' && /^[0-9a-f]{64}$/.test(value ?? ''))
    .map(([, value]) => value!);
  if (timestamps.length !== 1 || !/^\d{1,12}$/.test(timestamps[0]!) || signatures.length === 0)
    return { ok: false, reason: `missing or malformed ${signatureHeader} header` };
  const timestamp = Number(timestamps[0]);
  if (Math.abs(input.nowSeconds - timestamp) > input.toleranceSeconds)
    return { ok: false, reason: 'signature timestamp outside the accepted window' };
  for (const secret of input.secrets) {
    const expected = Buffer.from(signPayload(secret, timestamp, input.body), 'hex');
    for (const signature of signatures) {
      if (timingSafeEqual(expected, Buffer.from(signature, 'hex')))
        return { ok: true, signature, timestamp };
    }
  }
  return { ok: false, reason: 'signature does not match' };
}
