/**
 * Collects entities and relations while an answer is read, merging repeats as they arrive: one
 * entity per id, one relation per `src|kind|dst`. Maps and sets keep this linear — an IP answer
 * holds up to 1,000 records per list section and the same domain or file may recur in several.
 */
import {
  entityId,
  relationId,
  type Entity,
  type EntityType,
  type LookupGraph,
  type Relation,
  type RelationKind,
} from './types';

/** Which entity types each kind joins, source first (types.ts documents the same directions). */
export const RELATION_ENDPOINTS: Readonly<
  Record<RelationKind, { src: readonly EntityType[]; dst: readonly EntityType[] }>
> = {
  resolves_to: { src: ['domain'], dst: ['ip'] },
  downloaded_from: { src: ['file'], dst: ['ip', 'domain', 'url'] },
  contacted: { src: ['file'], dst: ['domain'] },
  on_host: { src: ['url'], dst: ['domain', 'ip'] },
};

export function fitsKind(kind: RelationKind, src: EntityType, dst: EntityType): boolean {
  const ends = RELATION_ENDPOINTS[kind];
  return ends.src.includes(src) && ends.dst.includes(dst);
}

/** The facts one mention of an edge brings. */
export interface Evidence {
  /** The answer section that showed the edge; none when the edge was read off the value itself. */
  section?: string;
  hits?: number;
  firstSeen?: string;
  lastSeen?: string;
  /** Already normalised. */
  url?: string;
}

/** An entity's facts; `id` is derived from type and value. */
export type EntityFacts = Omit<Entity, 'id'>;

interface RelationDraft {
  id: string;
  src: string;
  dst: string;
  kind: RelationKind;
  hits: number | undefined;
  firstSeen: string | undefined;
  lastSeen: string | undefined;
  /** In order of appearance; `urlSet` joins it once the list is long enough for lookups to matter. */
  urls: string[];
  urlSet: Set<string> | undefined;
  /** A handful at most (the sections of one answer): a list is cheaper than a set. */
  sections: string[];
}

/** Below this many URLs on one edge a linear `includes` beats building a Set for every edge. */
const URL_SET_THRESHOLD = 8;

export class GraphBuilder {
  private readonly entities = new Map<string, Entity>();
  private readonly relations = new Map<string, RelationDraft>();

  /**
   * Adds an entity, or fills the gaps of the one already known under the same id: the first
   * mention's values win (the seed's own answer comes first), later mentions only add.
   */
  addEntity(facts: EntityFacts): Entity {
    const id = entityId(facts.type, facts.value);
    const known = this.entities.get(id);
    if (known === undefined) {
      // Built field by field: an entity shows only what the answer said, no `key: undefined`.
      const entity: Entity = { id, type: facts.type, value: facts.value };
      if (facts.zone !== undefined) entity.zone = facts.zone;
      if (facts.threatScore !== undefined) entity.threatScore = facts.threatScore;
      const aliases = facts.aliases === undefined ? [] : uniqueAliases(facts.aliases, facts.value);
      if (aliases.length > 0) entity.aliases = aliases;
      if (facts.firstSeen !== undefined) entity.firstSeen = facts.firstSeen;
      if (facts.lastSeen !== undefined) entity.lastSeen = facts.lastSeen;
      if (facts.summary !== undefined) entity.summary = facts.summary;
      this.entities.set(id, entity);
      return entity;
    }
    if (known.zone === undefined && facts.zone !== undefined) known.zone = facts.zone;
    if (known.threatScore === undefined && facts.threatScore !== undefined) known.threatScore = facts.threatScore;
    if (known.firstSeen === undefined && facts.firstSeen !== undefined) known.firstSeen = facts.firstSeen;
    if (known.lastSeen === undefined && facts.lastSeen !== undefined) known.lastSeen = facts.lastSeen;
    if (known.summary === undefined && facts.summary !== undefined) known.summary = facts.summary;
    if (facts.aliases !== undefined && facts.aliases.length > 0) {
      // Aliases are names, not opinions: every mention's names belong to the object.
      const aliases = uniqueAliases([...(known.aliases ?? []), ...facts.aliases], known.value);
      if (aliases.length > 0) known.aliases = aliases;
    }
    return known;
  }

  get(id: string): Entity | undefined {
    return this.entities.get(id);
  }

  /**
   * Adds `src —kind→ dst` with its evidence, or merges the evidence into the edge already drawn:
   * hits by max, first seen earliest, last seen latest, URLs and sections unioned in order.
   * An edge whose ends do not fit the kind (types.ts) is not drawn.
   */
  addRelation(src: Entity, kind: RelationKind, dst: Entity, evidence: Evidence): void {
    if (src.id === dst.id || !fitsKind(kind, src.type, dst.type)) return;
    const id = relationId(src.id, kind, dst.id);
    let draft = this.relations.get(id);
    if (draft === undefined) {
      draft = {
        id, src: src.id, dst: dst.id, kind,
        hits: undefined, firstSeen: undefined, lastSeen: undefined,
        urls: [], urlSet: undefined, sections: [],
      };
      this.relations.set(id, draft);
    }
    if (evidence.hits !== undefined && (draft.hits === undefined || evidence.hits > draft.hits)) {
      draft.hits = evidence.hits;
    }
    draft.firstSeen = pickDate(draft.firstSeen, evidence.firstSeen, (current, offered) => offered < current);
    draft.lastSeen = pickDate(draft.lastSeen, evidence.lastSeen, (current, offered) => offered > current);
    if (evidence.url !== undefined) addUrl(draft, evidence.url);
    if (evidence.section !== undefined && !draft.sections.includes(evidence.section)) {
      draft.sections.push(evidence.section);
    }
  }

  build(): LookupGraph {
    const relations: Relation[] = [];
    for (const draft of this.relations.values()) {
      const relation: Relation = { id: draft.id, src: draft.src, dst: draft.dst, kind: draft.kind, sections: draft.sections };
      if (draft.hits !== undefined) relation.hits = draft.hits;
      if (draft.firstSeen !== undefined) relation.firstSeen = draft.firstSeen;
      if (draft.lastSeen !== undefined) relation.lastSeen = draft.lastSeen;
      if (draft.urls.length > 0) relation.urls = draft.urls;
      relations.push(relation);
    }
    return { entities: [...this.entities.values()], relations };
  }
}

function addUrl(draft: RelationDraft, url: string): void {
  if (draft.urlSet !== undefined) {
    if (draft.urlSet.has(url)) return;
    draft.urlSet.add(url);
  } else {
    if (draft.urls.includes(url)) return;
    if (draft.urls.length >= URL_SET_THRESHOLD) draft.urlSet = new Set([...draft.urls, url]);
  }
  draft.urls.push(url);
}

/** Dates were checked by `read.date`, so Date.parse never gives NaN here; the text is kept as written. */
function pickDate(
  current: string | undefined,
  offered: string | undefined,
  better: (current: number, offered: number) => boolean,
): string | undefined {
  if (offered === undefined) return current;
  if (current === undefined) return offered;
  return better(Date.parse(current), Date.parse(offered)) ? offered : current;
}

function uniqueAliases(aliases: readonly string[], own: string): string[] {
  return [...new Set(aliases)].filter((alias) => alias !== own);
}
