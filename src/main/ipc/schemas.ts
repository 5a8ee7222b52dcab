/**
 * Runtime shapes of every operation's argument. Typed against the contract, so a contract change
 * that the schema does not follow fails to compile. Strings and arrays carry length caps.
 */
import { z } from 'zod';
import { CASE_FILE_LIMITS } from '../../shared/case-file/limits';
import type { OperationName, RequestOf } from '../../shared/ipc/contract';
import {
  GRAPH_RENDERERS,
  MAX_CACHE_TTL_HOURS,
  MAX_CONCURRENCY,
  MAX_CONFIRM_ABOVE,
  MAX_GROUP_THRESHOLD,
  MAX_NO_PROXY_LENGTH,
  MAX_PROXY_URL_LENGTH,
  PROXY_MODES,
  THEMES,
} from '../../shared/settings';
import { LOOKUP_FORMATS, LOOKUP_TYPES } from '../../shared/tip/types';

const none = z.undefined();
const sectionList = z.array(z.string().min(1).max(64)).max(32);

const settingsPatch = z.strictObject({
  tipBaseUrl: z.string().min(1).max(2048).optional(),
  defaultSections: z
    .strictObject({
      ip: sectionList.optional(),
      domain: sectionList.optional(),
      url: sectionList.optional(),
      hash: sectionList.optional(),
    })
    .optional(),
  defaultCount: z.number().int().min(1).max(1000).optional(),
  offline: z.boolean().optional(),
  theme: z.enum(THEMES).optional(),
  cacheTtlHours: z.number().min(0).max(MAX_CACHE_TTL_HOURS).optional(),
  bulkConcurrency: z.number().int().min(1).max(MAX_CONCURRENCY).optional(),
  confirmAbove: z.number().int().min(0).max(MAX_CONFIRM_ABOVE).optional(),
  groupThreshold: z.number().int().min(1).max(MAX_GROUP_THRESHOLD).optional(),
  graphRenderer: z.enum(GRAPH_RENDERERS).optional(),
  proxyMode: z.enum(PROXY_MODES).optional(),
  // '' clears the manual address; the settings store checks the rest.
  proxyUrl: z.string().max(MAX_PROXY_URL_LENGTH).optional(),
  noProxy: z.string().max(MAX_NO_PROXY_LENGTH).optional(),
});

const lookup = z.strictObject({
  type: z.enum(LOOKUP_TYPES),
  // Longer than any value TIP accepts, so the client can answer URL_TOO_LONG itself.
  value: z.string().max(8192),
  count: z.number().int().min(1).max(1000).optional(),
  sections: sectionList.optional(),
  format: z.enum(LOOKUP_FORMATS).optional(),
  requestId: z.string().min(1).max(128).optional(),
});

type Schemas = { [K in OperationName]: z.ZodType<RequestOf<K>> };

export const requestSchemas: Schemas = {
  'app.info': none,
  'app.openExternal': z.strictObject({ url: z.string().min(1).max(2048) }),
  'settings.get': none,
  'settings.set': settingsPatch,
  'tip.lookup': lookup,
  'tip.cancel': z.strictObject({ requestId: z.string().min(1).max(128) }),
  'credentials.status': none,
  'credentials.importCertificate': z.strictObject({ passphrase: z.string().max(1024).optional() }),
  'credentials.setBasic': z.strictObject({
    user: z.string().min(1).max(256),
    password: z.string().min(1).max(1024),
  }),
  'credentials.setToken': z.strictObject({ token: z.string().min(1).max(8192) }),
  'credentials.setAuthMode': z.strictObject({ mode: z.enum(['certificate', 'token']) }),
  'credentials.delete': z.strictObject({ item: z.enum(['certificate', 'basic', 'token', 'all']) }),
  'credentials.check': none,
  'network.status': none,
  'network.chooseCa': none,
  // Node prints SHA-256 fingerprints as 32 colon-separated hex pairs.
  'network.removeCa': z.strictObject({ fingerprint256: z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/) }),
  'network.setProxyCredentials': z.strictObject({
    user: z.string().min(1).max(256),
    password: z.string().min(1).max(1024),
  }),
  'network.deleteProxyCredentials': none,
  'cases.saveFile': z.strictObject({
    kind: z.enum(['case', 'stix', 'json', 'png', 'svg']),
    suggestedName: z.string().min(1).max(255),
    content: z.string().max(CASE_FILE_LIMITS.bytes),
  }),
  'cases.openFile': none,
};
