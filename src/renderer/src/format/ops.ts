/** Case operations in words: what Undo would undo, and where a node came from. */
import type { CaseNode, CaseOp } from '@shared/case-file/types';
import { formatDate } from './time';

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function valueOf(entityId: string): string {
  return entityId.slice(entityId.indexOf(':') + 1);
}

/** A short phrase for the Undo / Redo tooltips: "Undo rename to “Phishing wave”". */
export function describeOp(op: CaseOp): string {
  switch (op.kind) {
    case 'case.create':
      return 'case creation';
    case 'case.rename':
      return `rename to “${op.after}”`;
    case 'case.notes':
      return 'case notes';
    case 'node.add':
      return op.nodes.length === 1 && op.nodes[0] ? `adding ${valueOf(op.nodes[0].entityId)}` : `adding ${count(op.nodes.length, 'indicator', 'indicators')}`;
    case 'node.remove':
      return op.nodes.length === 1 && op.nodes[0] ? `removing ${valueOf(op.nodes[0].entityId)}` : `removing ${count(op.nodes.length, 'indicator', 'indicators')}`;
    case 'node.move':
      return `moving ${count(op.moves.length, 'node', 'nodes')}`;
    case 'node.pin':
      return `${op.after ? 'pinning' : 'unpinning'} ${count(op.entityIds.length, 'node', 'nodes')}`;
    case 'node.notes':
      return `notes on ${valueOf(op.entityId)}`;
    case 'node.tags':
      return `tags on ${valueOf(op.entityId)}`;
    case 'lookup':
      return `lookup of ${valueOf(op.entityId)}`;
  }
}

/** "Added by looking up 203.0.113.45 on 12 May 2026", from the operation that added the node. */
export function provenanceOf(node: CaseNode, ops: ReadonlyMap<string, CaseOp>): string {
  const op = node.addedBy === null ? undefined : ops.get(node.addedBy);
  const on = formatDate(node.addedAt);
  if (!op || op.kind !== 'node.add') return `Added on ${on}`;
  switch (op.via.source) {
    case 'lookup':
      return op.via.entityId && op.via.entityId !== node.entityId
        ? `Added from the answer for ${valueOf(op.via.entityId)} on ${on}`
        : `Added by looking up ${valueOf(node.entityId)} on ${on}`;
    case 'expand':
      return `Added by expanding ${valueOf(op.via.from)} on ${on}`;
    case 'manual':
      return `Added by hand on ${on}`;
  }
}
