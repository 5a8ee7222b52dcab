/**
 * `relationsFromLookup`: one TIP answer → the entities and relations the graph draws. A public seam
 * (ARCHITECTURE.md, "Seams that outside checks use"): keep its name and shape.
 *
 * Pure and total: no Node, DOM or Electron import, and it never throws whatever `body` is — a 404's
 * null, an HTML error page's string, a half-broken answer, or a STIX bundle (`format=stix`).
 */
import { LOOKUP_TYPES, type LookupType } from '../tip/types';
import { GraphBuilder } from './builder';
import { mapJsonAnswer } from './from-json';
import { isStixBundle, mapStixBundle } from './from-stix';
import { isRecord } from './read';
import { jsonSeed } from './seed';
import type { LookupGraph } from './types';

export * from './types';

/**
 * The looked-up object comes first in `entities` (when a value can be derived: the normalised
 * `value`, or failing that the one the answer names), then its neighbours in order of appearance.
 * `value` may be refanged but not normalised (`BAD.Example.COM`, an upper-case hash): it is
 * normalised here the same way as the values inside the answer.
 */
export function relationsFromLookup(type: LookupType, value: string, body: unknown): LookupGraph {
  const graph = new GraphBuilder();
  if (!(LOOKUP_TYPES as readonly unknown[]).includes(type)) return graph.build();
  try {
    if (isStixBundle(body)) {
      mapStixBundle(graph, type, value, body);
    } else {
      const answer = isRecord(body) ? body : undefined;
      const seed = jsonSeed(type, value, answer);
      // Every edge of an answer touches the seed: without one there is nothing to draw.
      if (seed !== undefined && answer !== undefined) mapJsonAnswer(graph, type, graph.addEntity(seed), answer);
      else if (seed !== undefined) graph.addEntity(seed);
    }
  } catch {
    // Only a hostile `body` (a throwing getter or proxy) gets here; what was mapped so far stands,
    // and the looked-up object is named whatever happened to the answer.
    const seed = jsonSeed(type, value, undefined);
    if (seed !== undefined) graph.addEntity(seed);
  }
  return graph.build();
}
