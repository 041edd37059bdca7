/**
 * Sorts a list (total order) by merging sorted runs, yielding every `every` elements: the same order as one
 * `Array.prototype.sort`, without one long synchronous block for hundreds of thousands of edges.
 */
export function* sortSteps<T>(list: T[], compare: (x: T, y: T) => number, every: number): Generator<void, T[]> {
  const run = Math.max(16, every);
  let from: T[] = list;
  for (let start = 0; start < from.length; start += run) {
    const sorted = from.slice(start, start + run).sort(compare);
    for (let k = 0; k < sorted.length; k++) from[start + k] = sorted[k]!;
    yield;
  }
  let to: T[] = new Array(from.length);
  let step = 0;
  for (let width = run; width < from.length; width *= 2) {
    for (let left = 0; left < from.length; left += 2 * width) {
      const mid = Math.min(left + width, from.length);
      const end = Math.min(left + 2 * width, from.length);
      let a = left;
      let b = mid;
      let k = left;
      while (a < mid && b < end) {
        to[k++] = compare(from[a]!, from[b]!) <= 0 ? from[a++]! : from[b++]!;
        if (++step % every === 0) yield;
      }
      while (a < mid) to[k++] = from[a++]!;
      while (b < end) to[k++] = from[b++]!;
    }
    [from, to] = [to, from];
  }
  return from;
}
