import type { TenantPrivacy } from './privacy-config.js';

const emails = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
/** 13 to 19 digits, optionally grouped by spaces or dashes: a card number if the Luhn check passes. */
const cardCandidates = /\b\d(?:[ -]?\d){12,18}\b/g;
/** A leading +, ( or digit, then 7 to 15 more digits with the separators phone numbers are written with. */
const phones =
  /(?<![\p{L}\p{N}])(?<!\d[\s.-])(?:\+|\()?\d(?:[\s().-]{0,2}\d){7,14}(?![\p{L}\p{N}])(?![\s.-]\d)/gu;

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * Replaces personal data in a text with a marker naming its kind ([email], [card], [phone], or a
 * tenant pattern's name), as the tenant's settings say. Cards go before phones, which would
 * otherwise take their digits.
 */
export class Redactor {
  private readonly patterns: { marker: string; regex: RegExp }[];

  constructor(private readonly privacy: TenantPrivacy) {
    this.patterns = privacy.redact.patterns.map(({ name, regex }) => ({
      marker: `[${name}]`,
      regex: new RegExp(regex, 'gu'),
    }));
  }

  redact(text: string): string {
    const { redact } = this.privacy;
    let result = text;
    for (const { marker, regex } of this.patterns) result = result.replace(regex, marker);
    if (redact.emails) result = result.replace(emails, '[email]');
    if (redact.cards)
      result = result.replace(cardCandidates, (match) =>
        passesLuhn(match.replace(/\D/g, '')) ? '[card]' : match,
      );
    if (redact.phones) result = result.replace(phones, '[phone]');
    return result;
  }
}
