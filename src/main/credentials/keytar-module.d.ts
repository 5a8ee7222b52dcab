/**
 * The part of keytar's API this app uses (keytar 7.9.0), declared in the project instead of taken
 * from the package. keytar is an optional dependency on purpose: it builds from source and needs
 * libsecret on Linux, so where it could not be built the package, and its own `keytar.d.ts`, are
 * absent. With the types declared here the type-check is the same on every machine; at run time
 * the module is loaded on first use and its API checked before use (keytar-store.ts), and a missing
 * module is reported as KEYCHAIN_UNAVAILABLE.
 *
 * An ambient module declaration takes precedence over the package's own types, so only what is
 * declared here can be used: add a function here (from keytar's `keytar.d.ts`) before using it.
 */
declare module 'keytar' {
  export function getPassword(service: string, account: string): Promise<string | null>;
  export function setPassword(service: string, account: string, password: string): Promise<void>;
  export function deletePassword(service: string, account: string): Promise<boolean>;
  export function findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}
