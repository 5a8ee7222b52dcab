/**
 * Every vault operation ends here on failure: thrown errors become result values, and no message
 * or detail may carry a secret the analyst typed or the keychain held.
 */
import { fail, type Result } from '../../shared/ipc/result';
import { isKeychainError } from './store';

/** Secrets shorter than this are not searched for: replacing one or two letters would garble every message. */
const MIN_SCRUBBED_LENGTH = 4;

export function failureOf<T>(error: unknown): Result<T> {
  if (isKeychainError(error)) {
    return fail('KEYCHAIN_UNAVAILABLE', error.message, {
      retryable: true,
      ...(error.detail !== undefined ? { detail: error.detail } : {}),
    });
  }
  // The text of an unexpected error is dropped on purpose: nobody checked it for secrets.
  return fail('INTERNAL', 'The credential store failed unexpectedly. Nothing was changed; please try again.');
}

/** Removes any of `secrets` from the message and detail of a failed result. */
export function scrubbed<T>(result: Result<T>, secrets: ReadonlyArray<string | undefined>): Result<T> {
  if (result.ok) return result;
  const words = secrets.filter((secret): secret is string => secret !== undefined && secret.length >= MIN_SCRUBBED_LENGTH);
  if (words.length === 0) return result;
  const clean = (text: string): string => words.reduce((out, word) => out.split(word).join('[hidden]'), text);
  const error = { ...result.error, message: clean(result.error.message) };
  if (error.detail !== undefined) error.detail = clean(error.detail);
  return { ok: false, error };
}
