/**
 * Turns the non-secret meta record into what the renderer sees: metadata, days left, and
 * warnings a month ahead of any expiry.
 */
import type { CertificateInfo, CredentialStatus, CredentialWarning } from '../../shared/ipc/contract';
import { effectiveAuthMode, type MetaRecord, type StoredCertificateInfo } from './records';

const DAY_MS = 24 * 60 * 60 * 1000;
export const EXPIRY_WARNING_DAYS = 30;

export function buildStatus(meta: MetaRecord, now: Date): CredentialStatus {
  const certificate = meta.certificate === null ? null : certificateInfoAt(meta.certificate, now);
  const warnings: CredentialWarning[] = [];
  if (meta.certificate !== null) {
    const warning = certificateWarning(meta.certificate, now);
    if (warning !== null) warnings.push(warning);
  }
  if (meta.hasToken && meta.tokenExpiresAt !== null) {
    const warning = tokenWarning(meta.tokenExpiresAt, now);
    if (warning !== null) warnings.push(warning);
  }
  return {
    keychain: { available: true },
    authMode: effectiveAuthMode(meta),
    certificate,
    userName: meta.userName,
    hasPassword: meta.userName !== null,
    hasToken: meta.hasToken,
    tokenExpiresAt: meta.hasToken ? meta.tokenExpiresAt : null,
    warnings,
  };
}

/** What status answers when the keychain cannot be read: nothing is known, and why. */
export function unavailableStatus(message: string): CredentialStatus {
  return {
    keychain: { available: false, message },
    authMode: 'certificate',
    certificate: null,
    userName: null,
    hasPassword: false,
    hasToken: false,
    tokenExpiresAt: null,
    warnings: [],
  };
}

export function certificateInfoAt(stored: StoredCertificateInfo, now: Date): CertificateInfo {
  const validTo = Date.parse(stored.validTo);
  const daysLeft = Number.isNaN(validTo) ? 0 : Math.floor((validTo - now.getTime()) / DAY_MS);
  return { ...stored, daysLeft };
}

export function certificateWarning(stored: StoredCertificateInfo, now: Date): CredentialWarning | null {
  const validFrom = Date.parse(stored.validFrom);
  if (!Number.isNaN(validFrom) && now.getTime() < validFrom) {
    return {
      item: 'certificate',
      level: 'error',
      message: `The client certificate is not valid before ${day(validFrom)}: check this computer's date and time, or import a current certificate in Settings → Credentials.`,
    };
  }
  const left = remaining(stored.validTo, now);
  if (left === null) return null;
  if (left.expired) {
    return {
      item: 'certificate',
      level: 'error',
      message: `The client certificate expired on ${left.date}: import a renewed certificate in Settings → Credentials (certificate lookups are blocked until then).`,
    };
  }
  if (left.soon) {
    return {
      item: 'certificate',
      level: 'warning',
      message: `The client certificate expires ${left.phrase} (${left.date}): ask for a renewed certificate and import it in Settings → Credentials before then.`,
    };
  }
  return null;
}

export function tokenWarning(expiresAt: string, now: Date): CredentialWarning | null {
  const left = remaining(expiresAt, now);
  if (left === null) return null;
  if (left.expired) {
    return {
      item: 'token',
      level: 'error',
      message: `The API token expired on ${left.date}: create a new token in the TIP portal and enter it in Settings → Credentials.`,
    };
  }
  if (left.soon) {
    return {
      item: 'token',
      level: 'warning',
      message: `The API token expires ${left.phrase} (${left.date}): create a new token in the TIP portal and enter it in Settings → Credentials before then.`,
    };
  }
  return null;
}

function remaining(
  iso: string,
  now: Date,
): { expired: boolean; soon: boolean; phrase: string; date: string } | null {
  const end = Date.parse(iso);
  if (Number.isNaN(end)) return null;
  const ms = end - now.getTime();
  const days = Math.floor(ms / DAY_MS);
  const phrase = days < 1 ? 'within a day' : days === 1 ? 'in 1 day' : `in ${days} days`;
  return { expired: ms <= 0, soon: ms <= EXPIRY_WARNING_DAYS * DAY_MS, phrase, date: day(end) };
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
