// The radar chart (platform/ui/radar-chart.tsx): one axis per category, the first pointing up then clockwise, values
// scaled to the radius and clamped to 0–max; the SVG is hidden from assistive technologies and the data table carries
// every value, « — » for a missing one; two series get a legend.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { RadarChart, radarPoint } from '../../src/platform/ui/radar-chart.tsx';

describe('RadarChart', () => {
  it('places the first axis straight up and the others clockwise, scaled and clamped', () => {
    const [x0, y0] = radarPoint(0, 4, 100, 100);
    const [x1, y1] = radarPoint(1, 4, 100, 100);
    const [xc, yc] = radarPoint(2, 4, 0, 100);
    assert.equal(x0, xc, 'first axis vertical');
    assert.ok(y0 < yc, 'first axis up');
    assert.ok(x1 > xc && y1 === yc, 'second axis to the right');
    assert.deepEqual(radarPoint(0, 4, 250, 100), radarPoint(0, 4, 100, 100), 'clamped to max');
    assert.deepEqual(radarPoint(0, 4, 50, 100), [x0, (y0 + yc) / 2]);
  });

  it('hides the SVG from assistive technologies and writes every value in its data table', () => {
    const html = renderToString(
      <RadarChart
        title="Scores"
        id="r"
        axes={['Transparence', 'Équité', 'Prudence']}
        series={[
          { name: 'Maintenant', values: [80, null, 40] },
          { name: 'Avant', values: [50, 20, 40] },
        ]}
        unit=" %"
      />,
    );
    assert.match(html, /<svg[^>]*aria-hidden="true"/);
    assert.equal((html.match(/class="radar-series radar-series-\d"/g) ?? []).length, 4, 'two polygons, two keys');
    assert.match(html, /<th scope="row">Équité<\/th><td>—<\/td><td>20 %<\/td>/);
    assert.match(html, /<th scope="col">Maintenant<\/th><th scope="col">Avant<\/th>/);
    assert.match(html, /class="radar-legend"/);
  });
});
