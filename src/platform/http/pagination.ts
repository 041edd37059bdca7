/** Page/per-page parsing shared by every listing (HTML and API). Invalid values fall back to defaults. */
export interface PageRequest {
  page: number;
  perPage: number;
  offset: number;
}

export function pageRequest(page: unknown, perPage: unknown, defaults = { perPage: 20, max: 100 }): PageRequest {
  const p = Math.max(1, Math.trunc(Number(page)) || 1);
  const pp = Math.min(defaults.max, Math.max(1, Math.trunc(Number(perPage)) || defaults.perPage));
  return { page: p, perPage: pp, offset: (p - 1) * pp };
}

export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}
