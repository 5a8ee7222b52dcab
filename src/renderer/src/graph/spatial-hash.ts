/**
 * Node indices bucketed by grid cell, rebuilt in place each pass (a counting sort into typed
 * arrays: no per-pass allocation, which matters at 20,000 nodes × a hundred passes). Cells hash
 * into a power-of-two table, so a bucket may also hold nodes of an unrelated far cell: callers
 * check distances anyway, and such collisions only cost a few extra comparisons.
 */
export class SpatialHash {
  private readonly mask: number;
  /** starts[b] … starts[b + 1] − 1: the slice of `order` holding bucket b's nodes. */
  private readonly starts: Int32Array;
  private readonly order: Int32Array;
  private readonly bucketOf: Int32Array;
  private readonly cursor: Int32Array;

  constructor(count: number) {
    let size = 16;
    while (size < count * 2) size *= 2;
    this.mask = size - 1;
    this.starts = new Int32Array(size + 1);
    this.order = new Int32Array(count);
    this.bucketOf = new Int32Array(count);
    this.cursor = new Int32Array(size);
  }

  bucket(cx: number, cy: number): number {
    return (Math.imul(cx, 73856093) ^ Math.imul(cy, 19349663)) & this.mask;
  }

  build(xs: Float64Array, ys: Float64Array, cell: number): void {
    const { starts, order, bucketOf, cursor } = this;
    starts.fill(0);
    for (let i = 0; i < order.length; i += 1) {
      const b = this.bucket(Math.floor((xs[i] ?? 0) / cell), Math.floor((ys[i] ?? 0) / cell));
      bucketOf[i] = b;
      starts[b + 1] = (starts[b + 1] ?? 0) + 1;
    }
    for (let b = 1; b < starts.length; b += 1) starts[b] = (starts[b] ?? 0) + (starts[b - 1] ?? 0);
    // Fill from the back of each slice so nodes keep index order inside a bucket (determinism).
    cursor.set(starts.subarray(1));
    for (let i = order.length - 1; i >= 0; i -= 1) {
      const b = bucketOf[i] ?? 0;
      cursor[b] = (cursor[b] ?? 0) - 1;
      order[cursor[b] ?? 0] = i;
    }
  }

  start(bucket: number): number {
    return this.starts[bucket] ?? 0;
  }

  end(bucket: number): number {
    return this.starts[bucket + 1] ?? 0;
  }

  at(k: number): number {
    return this.order[k] ?? 0;
  }
}
