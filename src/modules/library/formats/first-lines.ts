/**
 * The first line of each key of an import file (duplicates), in memory that does not follow the keys' length: each
 * key is kept as a 64-bit fingerprint (the first 8 bytes of its SHA-256) in an open-addressing table of typed arrays,
 * 24 to 48 bytes a key (12 a cell, the table at most half full) instead of the key itself (about 130 bytes for an
 * Interconnectés key with its map entry): at 200,000 rows, 6 MB instead of 26. Two different keys would share a
 * fingerprint with a probability of about n² / 2^65 (10^-9 for a million rows); they would then be reported as
 * duplicates. Pure code.
 */
import { createHash } from 'node:crypto';

export class FirstLines {
  /** Per cell: the fingerprint's two halves and the line (0: empty cell). */
  private high = new Int32Array(1024);
  private low = new Int32Array(1024);
  private lines = new Int32Array(1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The line where `key` was first seen, or undefined. */
  get(key: string): number | undefined {
    const [high, low] = fingerprint(key);
    const line = this.lines[this.cell(high, low)]!;
    return line || undefined;
  }

  /** Remembers `line` (≥ 1) as the first line of `key`, unless the key was already seen. */
  add(key: string, line: number): void {
    const [high, low] = fingerprint(key);
    const at = this.cell(high, low);
    if (this.lines[at]) return;
    this.high[at] = high;
    this.low[at] = low;
    this.lines[at] = line;
    if (++this.count * 2 > this.lines.length) this.grow();
  }

  clear(): void {
    this.high = new Int32Array(1024);
    this.low = new Int32Array(1024);
    this.lines = new Int32Array(1024);
    this.count = 0;
  }

  /** The cell holding this fingerprint, or the empty cell where it goes (linear probing; the table is never full). */
  private cell(high: number, low: number): number {
    const mask = this.lines.length - 1;
    let at = low & mask;
    while (this.lines[at] && (this.high[at] !== high || this.low[at] !== low)) at = (at + 1) & mask;
    return at;
  }

  private grow(): void {
    const { high, low, lines } = this;
    this.high = new Int32Array(lines.length * 2);
    this.low = new Int32Array(lines.length * 2);
    this.lines = new Int32Array(lines.length * 2);
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i]) continue;
      const at = this.cell(high[i]!, low[i]!);
      this.high[at] = high[i]!;
      this.low[at] = low[i]!;
      this.lines[at] = lines[i]!;
    }
  }
}

function fingerprint(key: string): [number, number] {
  const digest = createHash('sha256').update(key).digest();
  return [digest.readInt32LE(0), digest.readInt32LE(4)];
}
