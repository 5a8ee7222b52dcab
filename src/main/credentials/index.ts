/**
 * The credential vault's public surface for the rest of main (IPC handlers, the TIP service).
 *
 *   const store = createKeytarStore({ service: demo ? DEMO_KEYCHAIN_SERVICE : KEYCHAIN_SERVICE });
 *   const vault = createCredentialVault({ store });
 */
export {
  createCredentialVault,
  type CredentialItem,
  type CredentialVault,
  type CredentialVaultOptions,
  type ProxyCredentialStatus,
} from './vault';
export { StaticCredentialProvider, type CredentialProvider, type TipAuth } from './provider';
export {
  createKeytarStore,
  DEMO_KEYCHAIN_SERVICE,
  KEYCHAIN_SERVICE,
  KeytarCredentialStore,
  probeKeychain,
  type KeychainProbe,
  type KeytarStoreOptions,
} from './keytar-store';
export { MemoryCredentialStore } from './memory-store';
export { DEFAULT_KEYCHAIN_TIMEOUT_MS, GuardedCredentialStore } from './guarded-store';
export { defaultChunkBytes } from './chunked-store';
export { MAX_CERTIFICATE_FILE_BYTES } from './certificate-file';
export { KeychainError, type CredentialStore } from './store';
