/**
 * A radar chart as server-rendered SVG, followed by its data table (the accessible alternative): one axis per
 * category, values from 0 to `max`, one or two series (e.g. this assessment and the previous one). The SVG is
 * decorative for assistive technologies (aria-hidden); the table carries the data. A missing value (null) is drawn at
 * the centre and written « — » in the table. No style attribute (strict CSP): presentation attributes and classes.
 */
import { Table } from './components.tsx';

export interface RadarSeries {
  name: string;
  /** One value per axis, in axis order (null: no value). */
  values: (number | null)[];
}

const WIDTH = 600;
const HEIGHT = 380;
const CX = WIDTH / 2;
const CY = HEIGHT / 2;
const RADIUS = 135;

/** The point of `value` on axis `i` of `n` (the first axis points up, then clockwise). */
export function radarPoint(i: number, n: number, value: number, max: number): [number, number] {
  const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
  const r = (Math.max(0, Math.min(value, max)) / max) * RADIUS;
  return [Math.round((CX + r * Math.cos(angle)) * 10) / 10, Math.round((CY + r * Math.sin(angle)) * 10) / 10];
}

const points = (values: (number | null)[], max: number) =>
  values.map((v, i) => radarPoint(i, values.length, v ?? 0, max).join(',')).join(' ');

/** An axis label on up to three lines of about 20 characters (the table gives the full label anyway). */
export function labelLines(label: string, width = 20, max = 3): string[] {
  const lines: string[] = [];
  for (const word of label.split(/\s+/)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && `${last} ${word}`.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length > max ? [...lines.slice(0, max - 1), `${lines[max - 1]}…`] : lines;
}

export function RadarChart({
  title,
  id,
  axes,
  series,
  max = 100,
  unit = '',
}: {
  title: string;
  id: string;
  axes: string[];
  series: RadarSeries[];
  max?: number;
  unit?: string;
}) {
  const n = axes.length;
  const rings = [0.25, 0.5, 0.75, 1];
  const show = (v: number | null) => (v === null ? '—' : `${v}${unit}`);
  return (
    <figure class="chart radar" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} class="radar-svg" aria-hidden="true" focusable="false">
        {rings.map((f) => (
          <polygon
            points={points(
              axes.map(() => f * max),
              max,
            )}
            class="radar-ring"
            fill="none"
          />
        ))}
        {axes.map((_, i) => {
          const [x, y] = radarPoint(i, n, max, max);
          return <line x1={CX} y1={CY} x2={x} y2={y} class="radar-axis" />;
        })}
        {series.map((s, k) => (
          <polygon points={points(s.values, max)} class={`radar-series radar-series-${k}`} />
        ))}
        {axes.map((label, i) => {
          const [x, y] = radarPoint(i, n, max * 1.12, max);
          const anchor = Math.abs(x - CX) < 5 ? 'middle' : x > CX ? 'start' : 'end';
          const lines = labelLines(label);
          // Lines stacked around the point (above it for the top axis, below for the bottom ones).
          const first =
            y < CY - RADIUS / 2 ? -(lines.length - 1) * 15 : y > CY + RADIUS / 2 ? 0 : -((lines.length - 1) * 15) / 2;
          return (
            <text x={x} y={y + first} text-anchor={anchor} dominant-baseline="middle" class="radar-label">
              {lines.map((line, k) => (
                <tspan x={x} dy={k === 0 ? 0 : 15}>
                  {line}
                </tspan>
              ))}
            </text>
          );
        })}
      </svg>
      {series.length > 1 && (
        <ul class="radar-legend" aria-hidden="true">
          {series.map((s, k) => (
            <li>
              <svg viewBox="0 0 20 10" class="radar-key" focusable="false">
                <rect x="0" y="0" width="20" height="10" class={`radar-series radar-series-${k}`} />
              </svg>{' '}
              {s.name}
            </li>
          ))}
        </ul>
      )}
      <details class="chart-data">
        <summary>Voir les données du graphique « {title} »</summary>
        <Table caption={title} columns={['Axe', ...series.map((s) => s.name)]}>
          {axes.map((label, i) => (
            <tr>
              <th scope="row">{label}</th>
              {series.map((s) => (
                <td>{show(s.values[i] ?? null)}</td>
              ))}
            </tr>
          ))}
        </Table>
      </details>
    </figure>
  );
}
