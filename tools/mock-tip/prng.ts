/**
 * A small seeded PRNG (mulberry32) so the demo world is the same on every machine and every run.
 * Math.random is not seedable, and a dependency for forty lines is not worth it.
 */

/** FNV-1a over the UTF-16 code units: turns a string seed into 32 bits. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export type Seed = number | string;

export function seedToNumber(seed: Seed): number {
  return typeof seed === 'number' ? seed >>> 0 : hashString(seed);
}

export class Rng {
  private state: number;

  constructor(seed: Seed) {
    this.state = seedToNumber(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick() from an empty list');
    return item;
  }

  /** Up to `n` distinct items, in random order. */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = items.slice();
    const out: T[] = [];
    while (out.length < n && copy.length > 0) {
      const index = Math.floor(this.next() * copy.length);
      const [item] = copy.splice(index, 1);
      if (item !== undefined) out.push(item);
    }
    return out;
  }

  weighted<T extends string>(weights: Readonly<Record<T, number>>): T {
    const entries = Object.entries(weights) as [T, number][];
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    const last = entries[entries.length - 1];
    if (last === undefined) throw new Error('weighted() with no weights');
    return last[0];
  }

  hex(length: number): string {
    let out = '';
    while (out.length < length) out += this.int(0, 15).toString(16);
    return out;
  }

  /** A derived generator, so adding draws in one part of the world does not shift another. */
  fork(label: string): Rng {
    return new Rng(`${this.int(0, 0xffffffff)}:${label}`);
  }
}
