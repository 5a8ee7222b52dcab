/**
 * Checks of what the analyst typed. The IPC layer validates shapes already; these are the rules
 * of the credentials themselves. Messages describe the problem, never the value.
 */
import { fail, ok, type Result } from '../../shared/ipc/result';

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

export function validateBasic(user: unknown, password: unknown): Result<{ user: string; password: string }> {
  if (typeof user !== 'string' || user.trim().length === 0) return fail('INVALID_INPUT', 'Enter the TIP user name.');
  const name = user.trim();
  if (name.length > 256) return fail('INVALID_INPUT', 'The user name is longer than 256 characters.');
  // RFC 7617: the user-id of Basic authentication cannot contain a colon.
  if (name.includes(':')) return fail('INVALID_INPUT', 'A user name cannot contain ":" (Basic authentication uses it as a separator).');
  if (hasControlCharacter(name)) return fail('INVALID_INPUT', 'The user name contains a line break or another control character.');
  if (typeof password !== 'string' || password.length === 0) return fail('INVALID_INPUT', 'Enter the password.');
  if (password.length > 1024) return fail('INVALID_INPUT', 'The password is longer than 1,024 characters.');
  return ok({ user: name, password });
}

/** Trimmed; visible ASCII only, because it travels in an HTTP header. */
export function validateToken(token: unknown): Result<string> {
  if (typeof token !== 'string' || token.trim().length === 0) return fail('INVALID_INPUT', 'Enter the API token.');
  const value = token.trim();
  if (value.length > 8192) return fail('INVALID_INPUT', 'The token is longer than 8,192 characters.');
  if (!/^[\x21-\x7e]+$/.test(value)) {
    return fail('INVALID_INPUT', 'The token contains spaces, line breaks or non-ASCII characters: paste the token alone.');
  }
  return ok(value);
}

/** An ISO date (normalised to `toISOString`) or null. */
export function validateExpiry(expiresAt: unknown): Result<string | null> {
  if (expiresAt === null) return ok(null);
  if (typeof expiresAt !== 'string' || expiresAt.length > 64) return fail('INVALID_INPUT', 'The token expiry is not a date.');
  const ms = Date.parse(expiresAt);
  if (Number.isNaN(ms)) return fail('INVALID_INPUT', 'The token expiry is not a date.');
  return ok(new Date(ms).toISOString());
}

/** Basic credentials for the proxy: the same rules as TIP's (RFC 7617), in messages that name the proxy. */
export function validateProxyCredentials(user: unknown, password: unknown): Result<{ user: string; password: string }> {
  if (typeof user !== 'string' || user.trim().length === 0) return fail('INVALID_INPUT', 'Enter the proxy user name.');
  const name = user.trim();
  if (name.length > 256) return fail('INVALID_INPUT', 'The proxy user name is longer than 256 characters.');
  if (name.includes(':')) return fail('INVALID_INPUT', 'A proxy user name cannot contain ":" (Basic authentication uses it as a separator).');
  if (hasControlCharacter(name)) return fail('INVALID_INPUT', 'The proxy user name contains a line break or another control character.');
  if (typeof password !== 'string' || password.length === 0) return fail('INVALID_INPUT', 'Enter the proxy password.');
  if (password.length > 1024) return fail('INVALID_INPUT', 'The proxy password is longer than 1,024 characters.');
  // A line break in a password is almost always a pasting slip, and would fail at the proxy unexplained.
  if (hasControlCharacter(password)) return fail('INVALID_INPUT', 'The proxy password contains a line break or another control character.');
  return ok({ user: name, password });
}
