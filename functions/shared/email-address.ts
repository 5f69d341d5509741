import { domainToASCII, domainToUnicode } from 'node:url';

const MAX_LENGTH = 254;
const MAX_LOCAL_LENGTH = 64;

// WHATWG's `type=email` characters for the local part, as RFC 5322's dot-atom: no dot first, last or doubled.
const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const LOCAL_PART = new RegExp(`^${ATEXT}(?:\\.${ATEXT})*$`);
// WHATWG's domain labels (letters, digits, inner hyphens, at most 63), and at least one dot: what mail servers reach in practice.
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const ASCII_DOMAIN = new RegExp(`^${LABEL}(?:\\.${LABEL})+$`);

/**
 * The domain in ASCII (as given, or an IDN in punycode); undefined unless every character
 * was meant: UTS 46 would quietly map fullwidth letters, soft hyphens and zero-width
 * characters to others, so a domain that does not come back from punycode as it was
 * written (but for case and composed accents) is refused.
 */
function asciiDomain(domain: string): string | undefined {
  const ascii = domainToASCII(domain);
  if (!ascii || ascii.length > 253 || !ASCII_DOMAIN.test(ascii)) return undefined;
  const written = domain.normalize('NFC').toLowerCase();
  if (ascii === written) return domain; // ASCII already: as given, case and all
  return domainToUnicode(ascii) === written ? ascii : undefined;
}

/**
 * The address as it is mailed, or undefined if it is not one: the local part as given
 * (WHATWG's characters, dot-atom), the domain in ASCII, an IDN in punycode (SES takes
 * 7-bit addresses only). One rule for the form, the settings and breach lists.
 * @example mailAddress('ada@bücher.example') // 'ada@xn--bcher-kva.example'
 */
export function mailAddress(value: string): string | undefined {
  if (value.length > MAX_LENGTH) return undefined;
  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  if (at < 1 || local.length > MAX_LOCAL_LENGTH || !LOCAL_PART.test(local)) return undefined;
  const domain = asciiDomain(value.slice(at + 1));
  const address = domain && `${local}@${domain}`;
  return address && address.length <= MAX_LENGTH ? address : undefined;
}

/** Whether `value` is an address the product will mail (see mailAddress). */
export const isEmailAddress = (value: string): boolean => mailAddress(value) !== undefined;
