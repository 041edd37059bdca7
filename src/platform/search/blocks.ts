/**
 * The storage of Postings (postings.ts): lists of postings that only grow at their end, and runs of words, both kept
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
/**
 * A block of postings, in 16-bit cells: the address of the next block (2 cells; 0: none), the cells it uses, the
 * cells that fit, the slot before its first posting and its last slot (2 cells each); then the postings.
 */
const HEADER = 8;
const MIN_BLOCK = 4;
/** Blocks grow to this many cells: a list's last block wastes at most this much. */
const MAX_BLOCK = 512;
/** Blocks of a list rebuilt whole (`appendAll`, compaction) hold up to this many cells, exactly filled. */
const PACKED_BLOCK = 4096;
/** The most postings a block holds (one cell each at the least): the length of the arrays `decode` fills. */
export const BLOCK_POSTINGS = PACKED_BLOCK;
/**
 * A posting is one cell `gap << FREQUENCY_BITS | frequency` when its slot follows the list's previous one by 1 to
 * `MAX_GAP`, else three: `frequency` (gap 0), then the slot's low and high 16 bits.
 */
const FREQUENCY_BITS = 8;
/** The largest frequency a posting holds (bm25 saturates long before): callers cap theirs at it. */
export const MAX_FREQUENCY = (1 << FREQUENCY_BITS) - 1;
const MAX_GAP = (1 << (16 - FREQUENCY_BITS)) - 1;

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
      // Address 0 stands for « none »: the first cell of the first page is left out.
      const start = this.pages.length === 0 ? 1 : 0;
      page = this.make(Math.max(1 << bits, start + size));
      this.pages.push(page);
      this.used = start;
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

/**
 * Lists of postings (a slot and its frequency, 1 to 255), one per term number, in increasing slot order, appended to
 * at their end. Slots are stored as gaps: most postings of a term found in many documents take 2 bytes instead of 4.
 */
export class PostingLists {
  readonly cells = new Pages((n) => new Uint16Array(n));
  private head: Int32Array = new Int32Array(1024);
  private tail: Int32Array = new Int32Array(1024);
  /** The last slot of each list (gaps are counted from it). */
  private lastSlot: Int32Array = new Int32Array(1024);
  /** Postings per list. */
  length: Int32Array = new Int32Array(1024);

  /** Room for lists numbered below `n`. */
  ensure(n: number): void {
    if (n <= this.head.length) return;
    const size = Math.max(n, this.head.length * 2);
    this.head = grown(this.head, size);
    this.tail = grown(this.tail, size);
    this.lastSlot = grown(this.lastSlot, size);
    this.length = grown(this.length, size);
  }

  /** Appends a posting to list `t`: `slot` above every slot of the list, `frequency` from 1 to `MAX_FREQUENCY`. */
  append(t: number, slot: number, frequency: number): void {
    const gap = slot - this.lastSlot[t]!;
    const need = gap <= MAX_GAP ? 1 : 3;
    let at = this.tail[t]!;
    let page = at ? this.cells.page(at) : null;
    let o = offsetOf(at);
    if (!page || page[o + 2]! + need > page[o + 3]!) {
      const size = Math.min(MAX_BLOCK, Math.max(MIN_BLOCK, this.length[t]!));
      const next = this.block(size, this.lastSlot[t]!);
      if (page) write32(page, o, next);
      else this.head[t] = next;
      this.tail[t] = next;
      at = next;
      page = this.cells.page(at);
      o = offsetOf(at);
    }
    writePosting(page, o + HEADER + page[o + 2]!, gap, slot, frequency);
    page[o + 2]! += need;
    write32(page, o + 6, slot);
    this.lastSlot[t] = slot;
    this.length[t]!++;
  }

  /** List `t` made of `n` postings (increasing `slots`), in blocks filled exactly (`t` must be empty). */
  appendAll(t: number, slots: Int32Array, frequencies: Int32Array, n: number): void {
    const chunk = new Uint16Array(PACKED_BLOCK);
    let before = 0;
    for (let i = 0; i < n; ) {
      const base = before;
      let used = 0;
      for (; i < n; i++) {
        const gap = slots[i]! - before;
        const need = gap <= MAX_GAP ? 1 : 3;
        if (used + need > PACKED_BLOCK) break;
        writePosting(chunk, used, gap, slots[i]!, frequencies[i]!);
        used += need;
        before = slots[i]!;
      }
      const at = this.block(used, base);
      const page = this.cells.page(at);
      const o = offsetOf(at);
      page.set(chunk.subarray(0, used), o + HEADER);
      page[o + 2] = used;
      write32(page, o + 6, before);
      if (this.tail[t]) write32(this.cells.page(this.tail[t]!), offsetOf(this.tail[t]!), at);
      else this.head[t] = at;
      this.tail[t] = at;
    }
    this.lastSlot[t] = before;
    this.length[t] = n;
  }

  /** The first block of list `t` (0: empty). */
  first(t: number): number {
    return this.head[t]!;
  }

  /** The block after `address` (0: none). */
  next(address: number): number {
    const page = this.cells.page(address);
    const o = offsetOf(address);
    return read32(page, o);
  }

  /** The last slot of the block at `address`. */
  lastOf(address: number): number {
    const page = this.cells.page(address);
    const o = offsetOf(address);
    return read32(page, o + 6);
  }

  /** The postings of the block at `address` into `slots` and `frequencies` (BLOCK_POSTINGS long); their number. */
  decode(address: number, slots: Int32Array, frequencies: Int32Array): number {
    const page = this.cells.page(address);
    const o = offsetOf(address);
    let slot = read32(page, o + 4);
    let n = 0;
    for (let p = o + HEADER, end = p + page[o + 2]!; p < end; n++) {
      const cell = page[p]!;
      const gap = cell >>> FREQUENCY_BITS;
      if (gap) {
        slot += gap;
        p++;
      } else {
        slot = read32(page, p + 1);
        p += 3;
      }
      slots[n] = slot;
      frequencies[n] = cell & MAX_FREQUENCY;
    }
    return n;
  }

  /** A new block of `size` cells whose postings follow slot `base`. */
  private block(size: number, base: number): number {
    const at = this.cells.take(HEADER + size);
    const page = this.cells.page(at);
    const o = offsetOf(at);
    page.fill(0, o, o + HEADER);
    page[o + 3] = size;
    write32(page, o + 4, base);
    return at;
  }

  bytes(): number {
    return (
      this.cells.capacity * 2 +
      this.head.byteLength +
      this.tail.byteLength +
      this.lastSlot.byteLength +
      this.length.byteLength
    );
  }
}

/** A 32-bit value (an address, a slot) in two cells, low half first. */
function write32(cells: Uint16Array, at: number, value: number): void {
  cells[at] = value & 0xffff;
  cells[at + 1] = value >>> 16;
}

function read32(cells: Uint16Array, at: number): number {
  return cells[at]! | (cells[at + 1]! << 16);
}

function writePosting(cells: Uint16Array, at: number, gap: number, slot: number, frequency: number): void {
  if (gap <= MAX_GAP) {
    cells[at] = (gap << FREQUENCY_BITS) | frequency;
    return;
  }
  cells[at] = frequency;
  write32(cells, at + 1, slot);
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
