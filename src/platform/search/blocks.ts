/**
 * The storage of Postings (postings.ts): lists of integers that only grow at their end, and runs of words, both kept
 * in pages of typed arrays. Nothing is ever moved or copied as it grows: a list is a chain of blocks (each one twice
 * the size of the one before, up to `MAX_BLOCK`), and a new page is added when the last one is full. So adding a
 * document costs the same whatever the size of the index, and memory follows what is held (pages of at most 4 MB);
 * `Postings.compact` rebuilds both when enough of what they hold is dead. Pure code.
 */

/** Cells of the largest page (addresses are `page << PAGE_BITS | offset`). */
const PAGE_BITS = 20;
const PAGE_MASK = (1 << PAGE_BITS) - 1;
/** The first page is small (small catalogues), each next one twice as big, up to 1 << PAGE_BITS cells. */
const FIRST_PAGE_BITS = 12;
/** A block: the address of the next one (0: none), how many values it holds, how many fit; then the values. */
const HEADER = 3;
const MIN_BLOCK = 4;
/** Blocks grow to this many values: a list's last block wastes at most this much. */
const MAX_BLOCK = 512;

type Cells = Int32Array | Uint16Array;

/** Pages of cells, filled one after the other; `take` gives an address where `size` cells fit. */
class Pages<T extends Cells> {
  readonly pages: T[] = [];
  private used = 0;
  /** Cells given (wasted page ends included). */
  taken = 0;

  constructor(private readonly make: (size: number) => T) {}

  /** Cells allocated. */
  get capacity(): number {
    let n = 0;
    for (const p of this.pages) n += p.length;
    return n;
  }

  /** The address of `size` free cells (at most a full page); address 0 is never given. */
  take(size: number): number {
    let page = this.pages[this.pages.length - 1];
    if (!page || this.used + size > page.length) {
      const bits = Math.min(PAGE_BITS, FIRST_PAGE_BITS + this.pages.length);
      if (page) this.taken += page.length - this.used;
      page = this.make(Math.max(1 << bits, size));
      this.pages.push(page);
      // Address 0 stands for « none »: the first cell of the first page is left out.
      this.used = this.pages.length === 1 ? 1 : 0;
      this.taken += this.used;
    }
    const at = ((this.pages.length - 1) << PAGE_BITS) | this.used;
    this.used += size;
    this.taken += size;
    return at;
  }

  page(address: number): T {
    return this.pages[address >>> PAGE_BITS]!;
  }
}

function offsetOf(address: number): number {
  return address & PAGE_MASK;
}

/** Lists of int32 values, one per term number, appended to at their end. */
export class BlockLists {
  readonly cells = new Pages((n) => new Int32Array(n));
  private head: Int32Array = new Int32Array(1024);
  private tail: Int32Array = new Int32Array(1024);
  /** Values per list. */
  length: Int32Array = new Int32Array(1024);

  /** Room for lists numbered below `n`. */
  ensure(n: number): void {
    if (n <= this.head.length) return;
    const size = Math.max(n, this.head.length * 2);
    this.head = grown(this.head, size);
    this.tail = grown(this.tail, size);
    this.length = grown(this.length, size);
  }

  append(t: number, value: number): void {
    let at = this.tail[t]!;
    let page = at ? this.cells.page(at) : null;
    let o = offsetOf(at);
    if (!page || page[o + 1] === page[o + 2]) {
      const size = Math.min(MAX_BLOCK, Math.max(MIN_BLOCK, this.length[t]!));
      const next = this.block(size);
      if (page) page[o] = next;
      else this.head[t] = next;
      this.tail[t] = next;
      at = next;
      page = this.cells.page(at);
      o = offsetOf(at);
    }
    page[o + HEADER + page[o + 1]!] = value;
    page[o + 1]!++;
    this.length[t]!++;
  }

  /** Appends `values` as list `t`'s blocks (a list being rebuilt: `t` must be empty). */
  appendAll(t: number, values: Int32Array): void {
    for (let from = 0; from < values.length; from += MAX_BLOCK * 8) {
      const part = values.subarray(from, from + MAX_BLOCK * 8);
      const at = this.block(part.length);
      const page = this.cells.page(at);
      const o = offsetOf(at);
      page.set(part, o + HEADER);
      page[o + 1] = part.length;
      if (this.tail[t]) this.cells.page(this.tail[t]!)[offsetOf(this.tail[t]!)] = at;
      else this.head[t] = at;
      this.tail[t] = at;
    }
    this.length[t] = values.length;
  }

  /** The first block of list `t` (0: empty). */
  first(t: number): number {
    return this.head[t]!;
  }

  private block(size: number): number {
    const at = this.cells.take(HEADER + size);
    const page = this.cells.page(at);
    const o = offsetOf(at);
    page[o] = 0;
    page[o + 1] = 0;
    page[o + 2] = size;
    return at;
  }

  bytes(): number {
    return this.cells.capacity * 4 + this.head.byteLength + this.tail.byteLength + this.length.byteLength;
  }
}

/** What a block holds: its page, where its values start and end, and the next block (0: none). */
export function blockAt(
  lists: BlockLists,
  address: number,
): { page: Int32Array; from: number; end: number; next: number } {
  const page = lists.cells.page(address);
  const o = offsetOf(address);
  return { page, from: o + HEADER, end: o + HEADER + page[o + 1]!, next: page[o]! };
}

/** Runs of words (term numbers), 16 bits each until a term number needs more (`widen`). */
export class WordPages {
  private wide = false;
  private readonly cells = new Pages<Cells>((n) => (this.wide ? new Int32Array(n) : new Uint16Array(n)));

  get taken(): number {
    return this.cells.taken;
  }

  /** The address of `size` free cells (a run never spans two pages). */
  take(size: number): number {
    return this.cells.take(size);
  }

  /** The cells of a run. */
  run(address: number, size: number): Cells {
    const o = offsetOf(address);
    return this.cells.page(address).subarray(o, o + size);
  }

  /** Term numbers past 16 bits: every page becomes 32-bit (once). */
  widen(): void {
    if (this.wide) return;
    this.wide = true;
    const pages = this.cells.pages;
    for (let i = 0; i < pages.length; i++) pages[i] = Int32Array.from(pages[i]!);
  }

  get widened(): boolean {
    return this.wide;
  }

  bytes(): number {
    let n = 0;
    for (const p of this.cells.pages) n += p.byteLength;
    return n;
  }
}

function grown(array: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(size);
  out.set(array);
  return out;
}
