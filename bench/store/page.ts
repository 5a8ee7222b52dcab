/**
 * The in-page half of bench/store.ts: runs in Chromium against real IndexedDB, through the app's own
 * store code (src/renderer/src/db). Every measurement has a baseline run here too, so the runner
 * can print ratios from one process.
 */
import Dexie from 'dexie';
import type { LookupParams } from '@shared/case-file/types';
import { relationsFromLookup } from '@shared/graph';
import type { LookupType } from '@shared/tip/types';
import { WorkbenchDb } from '@renderer/db/database';
import { exportCase } from '@renderer/db/case-file';
import { nodesOf, opsOf } from '@renderer/db/case-ops';
import { addNodes, createCase } from '@renderer/db/cases';
import { ingestLookups, toLookupRow } from '@renderer/db/ingest';
import { latestAnswer } from '@renderer/db/answers';
import { markEntitiesChanged, searchEntities } from '@renderer/db/search';
import type { EntityRow, LookupRow } from '@renderer/db/rows';

interface Answer {
  type: LookupType;
  value: string;
  body: unknown;
}

let counter = 0;
async function freshDb(): Promise<WorkbenchDb> {
  counter += 1;
  const db = new WorkbenchDb(`bench-${Date.now()}-${counter}`);
  await db.open();
  return db;
}

async function drop(db: WorkbenchDb): Promise<void> {
  db.close();
  await Dexie.delete(db.name);
}

function row(answer: Answer, fetchedAt: string, params: LookupParams = { format: 'json' }): LookupRow {
  return toLookupRow({ type: answer.type, value: answer.value, params }, { status: 200, body: answer.body, durationMs: 100 }, fetchedAt);
}

const stamp = (i: number): string => new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();

/** Writes the same rows with no merging and no reads: the floor any ingest pays. */
async function rawWrite(db: WorkbenchDb, lookup: LookupRow): Promise<void> {
  const graph = relationsFromLookup(lookup.type, lookup.value, lookup.body);
  await db.transaction('rw', db.lookups, db.entities, db.relations, async () => {
    await db.entities.bulkPut(graph.entities.map((e) => ({ ...e, aliases: e.aliases ?? [], firstObservedAt: lookup.fetchedAt, lastObservedAt: lookup.fetchedAt })));
    await db.relations.bulkPut(graph.relations.map((r) => ({ ...r, lookupIds: [lookup.id], firstObservedAt: lookup.fetchedAt, lastObservedAt: lookup.fetchedAt })));
    await db.lookups.add(lookup);
  });
}

/** One full answer into an empty store (every entity new), then into a store that knows them all. */
async function ingestFull(answer: Answer, runs: number): Promise<{ cold: number[]; warm: number[]; raw: number[]; entities: number; relations: number }> {
  const cold: number[] = [];
  const warm: number[] = [];
  const raw: number[] = [];
  let entities = 0;
  let relations = 0;
  for (let i = 0; i < runs; i += 1) {
    const db = await freshDb();
    let t = performance.now();
    await ingestLookups(db, [row(answer, stamp(i * 2))]);
    cold.push(performance.now() - t);
    t = performance.now();
    await ingestLookups(db, [row(answer, stamp(i * 2 + 1))]);
    warm.push(performance.now() - t);
    entities = await db.entities.count();
    relations = await db.relations.count();
    await drop(db);

    const floor = await freshDb();
    t = performance.now();
    await rawWrite(floor, row(answer, stamp(i)));
    raw.push(performance.now() - t);
    await drop(floor);
  }
  return { cold, warm, raw, entities, relations };
}

/** 100,000 entities, then searches: our index against a plain filter over the table. */
async function search(total: number, queries: string[], runs: number) {
  const db = await freshDb();
  const tlds = ['example.com', 'example.net', 'example.org', 'test', 'example'];
  const zones = ['Red', 'Orange', 'Yellow', 'Grey', 'Green'];
  const rows: EntityRow[] = [];
  for (let i = 0; i < total; i += 1) {
    const kind = i % 4;
    const at = stamp(i);
    const base = { firstObservedAt: at, lastObservedAt: at, aliases: [] as string[], zone: zones[i % 5] ?? 'Grey' };
    if (kind === 0) rows.push({ ...base, id: `domain:host${i}.${tlds[i % 5]}`, type: 'domain', value: `host${i}.${tlds[i % 5]}` });
    else if (kind === 1) {
      const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      rows.push({ ...base, id: `ip:${ip}`, type: 'ip', value: ip });
    } else if (kind === 2) {
      const md5 = (i * 2654435761).toString(16).padStart(8, '0').repeat(4).slice(0, 32);
      const sha256 = md5.repeat(2);
      rows.push({ ...base, id: `file:${md5}`, type: 'file', value: md5, aliases: [sha256] });
    } else rows.push({ ...base, id: `url:http://host${i}.${tlds[i % 5]}/path/${i}`, type: 'url', value: `http://host${i}.${tlds[i % 5]}/path/${i}` });
  }
  for (let i = 0; i < rows.length; i += 10_000) await db.entities.bulkPut(rows.slice(i, i + 10_000));
  markEntitiesChanged();

  const first: number[] = [];
  let t = performance.now();
  const firstResult = await searchEntities(db, { text: queries[0] ?? 'host', limit: 50 });
  first.push(performance.now() - t);
  const ours: Record<string, number[]> = {};
  const naive: Record<string, number[]> = {};
  const matches: Record<string, number> = {};
  for (const q of queries) {
    ours[q] = [];
    naive[q] = [];
    for (let r = 0; r < runs; r += 1) {
      t = performance.now();
      const result = await searchEntities(db, { text: q, limit: 50 });
      ours[q]?.push(performance.now() - t);
      matches[q] = result.total;
      t = performance.now();
      await db.entities.filter((e) => e.value.includes(q) || e.aliases.some((a) => a.startsWith(q))).limit(50).toArray();
      naive[q]?.push(performance.now() - t);
    }
  }
  const filtered: number[] = [];
  for (let r = 0; r < runs; r += 1) {
    t = performance.now();
    await searchEntities(db, { text: 'example.net', types: ['domain'], zones: ['Red'], limit: 50 });
    filtered.push(performance.now() - t);
  }
  await drop(db);
  return { first, firstTotal: firstResult.total, ours, naive, matches, filtered };
}

/** A case of 100 lookups: what opening it reads, against reading the whole case (export). */
async function openCase(answers: Answer[], runs: number) {
  const db = await freshDb();
  const rows = answers.map((a, i) => row(a, stamp(i)));
  await ingestLookups(db, rows);
  const made = await createCase(db, 'Bench case');
  for (const r of rows) await addNodes(db, made.id, [r.entityId], { source: 'lookup', lookupId: r.id });
  const open: number[] = [];
  const full: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    let t = performance.now();
    // What the app reads to open a case: the case, its nodes with their entities and provenance,
    // its undo state, and the answer on screen.
    const theCase = await db.cases.get(made.id);
    const nodes = await nodesOf(db, made.id).toArray();
    const entities = await db.entities.bulkGet(nodes.map((n) => n.entityId));
    const ops = await opsOf(db, made.id).toArray();
    const shown = await latestAnswer(db, nodes[0]?.entityId ?? '');
    open.push(performance.now() - t);
    if (!theCase || entities.length !== 100 || ops.length < 100 || !shown) throw new Error('the case did not open whole');
    t = performance.now();
    const file = await exportCase(db, made.id, 'bench');
    full.push(performance.now() - t);
    if (file?.lookups.length !== 100) throw new Error('export lost answers');
  }
  await drop(db);
  return { open, full };
}

/** 1,000 answers, one transaction each as the app writes them, against raw writes of the same rows. */
async function throughput(answers: Answer[]) {
  const db = await freshDb();
  const rows = answers.map((a, i) => row(a, stamp(i)));
  let t = performance.now();
  for (const r of rows) await ingestLookups(db, [r]);
  const ingestMs = performance.now() - t;
  await drop(db);
  const floor = await freshDb();
  t = performance.now();
  for (const r of rows) await rawWrite(floor, r);
  const rawMs = performance.now() - t;
  await drop(floor);
  return { count: rows.length, ingestMs, rawMs };
}

Object.assign(globalThis, { storeBench: { ingestFull, search, openCase, throughput } });
