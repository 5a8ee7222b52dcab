/** Formatting shared by the section builders: TIP's two date forms and the common general-info keys. */

import type { Reputation, WorldZone } from './world-model';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** List items and general info: minute precision, `2024-05-01T08:00Z`. */
export function minute(time: number | null): string | null {
  return time === null ? null : `${new Date(time).toISOString().slice(0, 16)}Z`;
}

/** WHOIS, certificates, token expiry: `2014-05-07T20:00:00Z`. */
export function seconds(time: number | null): string | null {
  return time === null ? null : `${new Date(time).toISOString().slice(0, 19)}Z`;
}

/** `Categories`, `CategoriesWithZone`, `HasApt`, `RelatedAptReports`: in every `*GeneralInfo`. */
export function commonGeneral(rep: Pick<Reputation, 'zone' | 'categories' | 'apt'>): JsonObject {
  return {
    Categories: rep.categories,
    CategoriesWithZone: rep.categories.map((Name) => ({ Name, Zone: rep.zone })),
    HasApt: rep.apt.length > 0,
    RelatedAptReports: rep.apt.map((report) => ({ Id: report.Id, Title: report.Title })),
  };
}

export function emptyGeneral(): JsonObject {
  return { Categories: [], CategoriesWithZone: [], HasApt: false, RelatedAptReports: [] };
}

export function hasRed(zones: Iterable<WorldZone>): boolean {
  for (const zone of zones) if (zone === 'Red') return true;
  return false;
}

/** Most-hit first, newest next, then by a name so the order never depends on insertion. */
export function byRelevance<T>(items: T[], hitsOf: (item: T) => number, lastOf: (item: T) => number, nameOf: (item: T) => string): T[] {
  return items.slice().sort((a, b) => hitsOf(b) - hitsOf(a) || lastOf(b) - lastOf(a) || (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0));
}
