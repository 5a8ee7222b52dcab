/**
 * The open case's graph: what it shows (read live from the store), what is selected, filtered or
 * hidden on screen, and every graph action — expand, open a group, move, pin, remove, re-layout.
 * Every change goes through the case's operation log, so Undo and Redo cover them all.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import Dexie from 'dexie';
import type { Point } from '@shared/case-file/types';
import { parseGroupNodeId } from '@shared/graph/group-id';
import type { EntityType } from '@shared/graph/types';
import { db, strictDb } from '@renderer/db/database';
import { nodesOf } from '@renderer/db/case-ops';
import { moveNodes, removeNodes, setPinned } from '@renderer/db/cases';
import { guardStorage } from '@renderer/db/errors';
import type { EntityRow, LookupRow, RelationRow } from '@renderer/db/rows';
import { addMembers, addWithNeighbours } from '@renderer/graph/expand';
import { groupMembers, pageOfGroup, truncatedGroups } from '@renderer/graph/groups';
import { runLayout } from '@renderer/graph/layout';
import { buildGraphView } from '@renderer/graph/view';
import type { GraphNodeView, GraphView } from '@renderer/graph/types';
import { useLiveQuery } from '@renderer/composables/use-live-query';
import { useCasesStore } from './cases';
import { useLookupStore } from './lookup';
import { useSettingsStore } from './settings';
import { useToastsStore } from './toasts';

const EMPTY: GraphView = { nodes: [], edges: [] };
const LOOKUP_TYPE: Record<EntityType, 'ip' | 'domain' | 'url' | 'hash'> = { ip: 'ip', domain: 'domain', url: 'url', file: 'hash' };

export interface GraphFilters {
  types: EntityType[];
  zones: string[];
  /** ISO dates: show only nodes TIP saw within [from, to]; empty = no bound. */
  seenFrom: string;
  seenTo: string;
}

/** Everything the open case's graph is built from, read in one go. */
async function loadView(caseId: string | null): Promise<GraphView> {
  if (caseId === null) return EMPTY;
  const d = db();
  const nodes = await nodesOf(d, caseId).toArray();
  const entityIds = nodes.map((node) => node.entityId).filter((id) => parseGroupNodeId(id) === null);
  const groupParents = nodes.map((node) => parseGroupNodeId(node.entityId)?.parent).filter((id): id is string => id !== undefined);
  const touching = [...new Set([...entityIds, ...groupParents])];
  const [rows, out, into] = await Promise.all([
    d.entities.bulkGet(entityIds),
    d.relations.where('src').anyOf(touching).toArray(),
    d.relations.where('dst').anyOf(touching).toArray(),
  ]);
  const entities = new Map<string, EntityRow>();
  for (const row of rows) if (row) entities.set(row.id, row);
  const relations = new Map<string, RelationRow>();
  for (const relation of out) relations.set(relation.id, relation);
  for (const relation of into) relations.set(relation.id, relation);
  const lookedUp = new Set([...entities.values()].filter((entity) => entity.lookedUpAt !== undefined).map((entity) => entity.id));
  const latest: LookupRow[] = [];
  for (const parent of new Set(groupParents)) {
    const row = await d.lookups.where('[entityId+fetchedAt]').between([parent, Dexie.minKey], [parent, Dexie.maxKey]).last();
    if (row) latest.push(row);
  }
  return buildGraphView({ nodes, entities, relations: [...relations.values()], lookedUp, truncated: truncatedGroups(latest) });
}

function passes(node: GraphNodeView, filters: GraphFilters): boolean {
  if (node.kind === 'group') return true;
  if (filters.types.length && !filters.types.includes(node.type as EntityType)) return false;
  if (filters.zones.length && !filters.zones.includes(node.zone ?? 'none')) return false;
  if (filters.seenFrom && (node.lastSeen ?? '') < filters.seenFrom) return false;
  if (filters.seenTo && (node.firstSeen ?? '9999') > `${filters.seenTo}T23:59:59Z`) return false;
  return true;
}

export const useGraphStore = defineStore('graph', () => {
  const cases = useCasesStore();
  const toasts = useToastsStore();
  const live = useLiveQuery((caseId) => loadView(caseId), EMPTY, () => cases.openCaseId);
  const selectedId = ref<string | null>(null);
  const hidden = shallowRef<ReadonlySet<string>>(new Set());
  const filters = ref<GraphFilters>({ types: [], zones: [], seenFrom: '', seenTo: '' });
  /** Entity being expanded (its Expand shows progress). */
  const expanding = ref<string | null>(null);
  /** Bumped to ask the canvas to centre on the selection (find). */
  const focusTick = ref(0);

  /** The whole graph of the case, and what is shown of it after filters and hiding. */
  const full = computed(() => live.value.value);
  const view = computed<GraphView>(() => {
    const shown = full.value.nodes.filter((node) => !hidden.value.has(node.id) && passes(node, filters.value));
    const ids = new Set(shown.map((node) => node.id));
    return { nodes: shown, edges: full.value.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target)) };
  });
  const selected = computed(() => full.value.nodes.find((node) => node.id === selectedId.value) ?? null);
  const filtered = computed(() => full.value.nodes.length - view.value.nodes.length);

  function report(error: { message: string }): void {
    toasts.show({ level: 'error', message: error.message });
  }

  /** Selects a node; an entity's latest stored answer opens (no request is ever made for this). */
  async function select(id: string | null): Promise<void> {
    selectedId.value = id;
    if (id && parseGroupNodeId(id) === null) await useLookupStore().showLatest(id);
  }

  function find(text: string): GraphNodeView | null {
    const needle = text.trim().toLowerCase();
    if (!needle) return null;
    const hit = full.value.nodes.find((node) => node.value.toLowerCase().includes(needle)) ?? null;
    if (hit) {
      if (hidden.value.has(hit.id)) unhide([hit.id]);
      void select(hit.id);
      focusTick.value += 1;
    }
    return hit;
  }

  /**
   * Expands a node: its lookup (store first — a stored answer costs nothing; otherwise one request,
   * which the Expand button says beforehand), then its neighbours join, large fans as groups.
   */
  async function expand(id: string): Promise<void> {
    const caseId = cases.openCaseId;
    if (caseId === null || expanding.value) return;
    if (parseGroupNodeId(id)) {
      await openGroup(id);
      return;
    }
    expanding.value = id;
    try {
      const lookup = useLookupStore();
      const colon = id.indexOf(':');
      const type = LOOKUP_TYPE[id.slice(0, colon) as EntityType];
      const outcome = await lookup.resolve(lookup.buildRequest(id.slice(colon + 1), type), { file: false });
      if (!outcome.ok && outcome.error.code !== 'OFFLINE') {
        report({ message: `Could not expand ${id.slice(colon + 1)}: ${outcome.error.message}` });
      }
      const offlineMiss = !outcome.ok && outcome.error.code === 'OFFLINE';
      if (offlineMiss) {
        toasts.show({ level: 'info', message: `Offline: nothing is stored for ${id.slice(colon + 1)}, so only what other answers named is shown.` });
      }
      const threshold = useSettingsStore().settings?.groupThreshold ?? 25;
      const via = { source: 'expand' as const, from: id, ...(outcome.ok ? { lookupId: outcome.row.id } : {}) };
      const done = await guardStorage('The expansion', () => addWithNeighbours(strictDb(), caseId, id, via, threshold));
      if (!done.ok) return report(done.error);
      const { plan, added } = done.value;
      if (added.length === 0 && plan.groups.length === 0 && !offlineMiss) {
        toasts.show({ level: 'info', message: `Nothing new around ${id.slice(colon + 1)}: what its answers name is already in the case.` });
      }
    } finally {
      expanding.value = null;
    }
  }

  /** Opens a group: every member, the next page, or the members a filter matches. */
  async function openGroup(id: string, options: { limit?: number; filter?: string } = {}): Promise<number> {
    const caseId = cases.openCaseId;
    const group = parseGroupNodeId(id);
    if (caseId === null || !group) return 0;
    const done = await guardStorage('Opening the group', async () => {
      const d = db();
      const relations = (await d.relations.where('src').equals(group.parent).toArray()).concat(await d.relations.where('dst').equals(group.parent).toArray());
      const inCase = new Set((await nodesOf(d, caseId).toArray()).map((node) => node.entityId));
      const members = options.limit === undefined && !options.filter
        ? groupMembers(id, relations).filter((member) => !inCase.has(member))
        : pageOfGroup(id, relations, inCase, { offset: 0, limit: options.limit ?? Number.MAX_SAFE_INTEGER, ...(options.filter ? { filter: options.filter } : {}) }).entityIds;
      const added = await addMembers(strictDb(), caseId, id, members, { source: 'expand', from: group.parent });
      // Fully open: the group has nothing left to stand for.
      if (members.length > 0 && groupMembers(id, relations).every((member) => inCase.has(member) || members.includes(member))) {
        await removeNodes(strictDb(), caseId, [id]);
      }
      return added.length;
    });
    if (!done.ok) {
      report(done.error);
      return 0;
    }
    return done.value;
  }

  async function move(moves: { entityId: string; to: Point }[]): Promise<void> {
    const caseId = cases.openCaseId;
    if (caseId === null || moves.length === 0) return;
    const done = await guardStorage('The new positions', () => moveNodes(strictDb(), caseId, moves));
    if (!done.ok) report(done.error);
  }

  async function pin(ids: string[], pinned: boolean): Promise<void> {
    const caseId = cases.openCaseId;
    if (caseId === null) return;
    const done = await guardStorage('Pinning', () => setPinned(strictDb(), caseId, ids, pinned));
    if (!done.ok) report(done.error);
  }

  async function remove(ids: string[]): Promise<void> {
    const caseId = cases.openCaseId;
    if (caseId === null) return;
    const done = await guardStorage('Removing from the case', () => removeNodes(strictDb(), caseId, ids));
    if (!done.ok) return report(done.error);
    if (selectedId.value && ids.includes(selectedId.value)) selectedId.value = null;
  }

  /**
   * Lays the whole graph out again, in a Web Worker (never on the UI thread); pinned nodes stay
   * where they are. One operation: Undo puts every node back.
   */
  async function relayout(): Promise<void> {
    const nodes = full.value.nodes;
    if (nodes.length < 2) return;
    const positions = await runLayout(
      {
        nodes: nodes.map((node) => ({ id: node.id, position: node.position, fixed: node.pinned })),
        edges: full.value.edges.map((edge) => ({ source: edge.source, target: edge.target })),
      },
      // `fresh`: a re-layout asked for by hand starts over, rather than refining the current picture.
      { quality: nodes.length <= 500 ? 'default' : 'draft', fresh: true },
    );
    await move([...positions].map(([entityId, to]) => ({ entityId, to: { x: Math.round(to.x), y: Math.round(to.y) } })));
  }

  function hide(ids: string[]): void {
    hidden.value = new Set([...hidden.value, ...ids]);
    if (selectedId.value && ids.includes(selectedId.value)) selectedId.value = null;
  }

  function unhide(ids?: string[]): void {
    if (!ids) hidden.value = new Set();
    else hidden.value = new Set([...hidden.value].filter((id) => !ids.includes(id)));
  }

  return {
    full,
    view,
    selected,
    selectedId,
    filters,
    filtered,
    hidden,
    expanding,
    focusTick,
    select,
    find,
    expand,
    openGroup,
    move,
    pin,
    remove,
    relayout,
    hide,
    unhide,
  };
});
