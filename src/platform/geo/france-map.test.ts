import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CALIBRATION, calibrate, centroid, fitAffine, franceMap, type Point, parsePath } from './france-map.ts';
import { placeOf } from './places.ts';

/** Ray casting over every ring (holes and islands count by parity). */
function inside([x, y]: Point, rings: Point[][]): boolean {
  let odd = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
    }
  }
  return odd;
}

const distanceToRings = ([x, y]: Point, rings: Point[][]) =>
  Math.min(...rings.flat().map(([px, py]) => Math.hypot(px - x, py - y)));

describe('the map of France', () => {
  it('reads svg-maps paths: relative moves, implicit line-to, closed rings', () => {
    assert.deepEqual(parsePath('m 10,10 5,0 0,5 z m 1,1 2,0 0,2 z'), [
      [
        [10, 10],
        [15, 10],
        [15, 15],
      ],
      [
        [11, 11],
        [13, 11],
        [13, 13],
      ],
    ]);
    assert.deepEqual(
      centroid([
        [
          [0, 0],
          [4, 0],
          [4, 4],
          [0, 4],
        ],
      ]),
      [2, 2],
    );
  });

  it('fits an affine map exactly when the points are an affine image', () => {
    const from: Point[] = [
      [0, 0],
      [1, 0],
      [0, 1],
      [2, 3],
    ];
    const to = from.map(([x, y]): Point => [2 * x - y + 5, 0.5 * x + 3 * y - 1]);
    const f = fitAffine(from, to);
    assert.deepEqual(
      f.u.map((v) => Math.round(v * 1e6) / 1e6),
      [2, -1, 5],
    );
    assert.deepEqual(
      f.v.map((v) => Math.round(v * 1e6) / 1e6),
      [0.5, 3, -1],
    );
  });

  it('keeps the calibration computed from the commune centres, whose fit is within 3 units on average', () => {
    const { calibration, meanError } = calibrate();
    assert.deepEqual(CALIBRATION, calibration);
    assert.ok(meanError < 3, `erreur moyenne ${meanError.toFixed(2)}`);
  });

  it('draws the 96 metropolitan départements and the five overseas ones, each in its inset', () => {
    const g = franceMap();
    const codes = g.departements.map((d) => d.code);
    assert.equal(codes.length, 101);
    for (const c of ['01', '2A', '2B', '75', '95', '971', '972', '973', '974', '976']) assert.ok(codes.includes(c), c);
    for (const inset of g.insets) {
      const shape = g.departements.find((d) => d.code === inset.code)!;
      const [x, y] = shape.centre;
      assert.ok(x > inset.x && x < inset.x + inset.width && y > inset.y && y < inset.y + inset.height, inset.code);
    }
  });

  it('places each département’s chef-lieu inside its own outline, or within 6 units of it', () => {
    const g = franceMap();
    let insideCount = 0;
    for (const d of g.departements) {
      const place = placeOf({ type: 'departement', inseeCode: d.code });
      assert.ok(place, `chef-lieu de ${d.code}`);
      const at = g.project(place.latitude, place.longitude);
      assert.ok(at, `chef-lieu de ${d.code} projeté`);
      const rings = parsePath(d.path.replaceAll('L', ' ').replaceAll('M', 'M '));
      if (inside(at, rings)) insideCount++;
      else assert.ok(distanceToRings(at, rings) < 6, `${d.code} : ${distanceToRings(at, rings).toFixed(1)}`);
    }
    assert.ok(insideCount >= 95, `${insideCount} chefs-lieux sur 101 dans leur département`);
  });

  it('places a commune at its centre, an intercommunality at its main commune, and nothing abroad', () => {
    const nantes = placeOf({ type: 'commune', inseeCode: '44109' })!;
    assert.equal(nantes.basis, 'commune');
    assert.ok(Math.abs(nantes.latitude - 47.23) < 0.1 && Math.abs(nantes.longitude + 1.55) < 0.1);
    const metropole = placeOf({ type: 'metropole', inseeCode: '244400404' })!;
    assert.equal(metropole.basis, 'siège');
    assert.ok(Math.abs(metropole.latitude - nantes.latitude) < 1e-9);
    assert.equal(placeOf({ type: 'autre', inseeCode: null }), null);
    assert.equal(franceMap().project(52.52, 13.4), null, 'Berlin');
  });
});
