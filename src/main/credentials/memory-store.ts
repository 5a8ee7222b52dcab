/**
 * An in-memory `CredentialStore` for unit tests and nothing else: the app never falls back to it
 * when the real keychain is missing (that is a KEYCHAIN_UNAVAILABLE error, never plaintext).
 */
import type { CredentialStore } from './store';

export class MemoryCredentialStore implements CredentialStore {
  private readonly entries = new Map<string, string>();

  constructor(initial: Record<string, string> = {}) {
    for (const [account, value] of Object.entries(initial)) this.entries.set(account, value);
  }

  async get(account: string): Promise<string | null> {
    return this.entries.get(account) ?? null;
  }

  async set(account: string, value: string): Promise<void> {
    // keytar refuses empty values and accounts; behave the same so tests catch it.
    if (account.length === 0 || value.length === 0) throw new Error('Account and value are required.');
    this.entries.set(account, value);
  }

  async delete(account: string): Promise<boolean> {
    return this.entries.delete(account);
  }

  async findAccounts(): Promise<string[]> {
    return [...this.entries.keys()];
  }

  /** A copy of everything stored, for assertions. */
  snapshot(): Record<string, string> {
    return Object.fromEntries(this.entries);
  }
}
