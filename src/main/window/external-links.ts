/**
 * Links the analyst may open in the system browser: https only, and only on hosts we know serve
 * threat-intelligence pages. Everything else is refused.
 */
export const EXTERNAL_HOST_ALLOW_LIST: readonly string[] = [
  'tip.kaspersky.com',
  'opentip.kaspersky.com',
  'threats.kaspersky.com',
  'support.kaspersky.com',
  'www.kaspersky.com',
];

export function isAllowedExternalUrl(raw: string, allowList: readonly string[] = EXTERNAL_HOST_ALLOW_LIST): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:') return false;
  if (url.username || url.password || url.port) return false;
  return allowList.includes(url.hostname.toLowerCase());
}
