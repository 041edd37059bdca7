/**
 * Results of a form, per question: counts and percentages drawn as server-rendered SVG with their data table, free
 * texts listed, rankings and number summaries. The consumer's page says whose responses they are (filters, exports).
 */
import { formatNumber, Table } from '../../../platform/ui/components.tsx';
import type { FormResults, OptionCount, QuestionResult } from '../results.ts';

const pct = (n: number) => `${String(n).replace('.', ',')} %`;

/** Horizontal bars (decorative SVG) followed by the table that carries the data. */
export function OptionChart({
  id,
  title,
  options,
  base,
}: {
  id: string;
  title: string;
  options: OptionCount[];
  base: number;
}) {
  const max = Math.max(1, ...options.map((o) => o.count));
  const rowH = 28;
  const labelW = 300;
  const barW = 320;
  return (
    <figure class="chart" aria-labelledby={`${id}-titre`}>
      <figcaption id={`${id}-titre`}>{title}</figcaption>
      <svg
        viewBox={`0 0 ${labelW + barW + 110} ${options.length * rowH + 8}`}
        aria-hidden="true"
        focusable="false"
        class="chart-svg"
      >
        {options.map((o, i) => {
          const w = Math.round((o.count / max) * barW);
          const y = i * rowH + 4;
          return (
            <g>
              <text x={labelW - 8} y={y + 18} text-anchor="end" class="chart-label">
                {o.label.length > 42 ? `${o.label.slice(0, 41)}…` : o.label}
              </text>
              <rect
                x={labelW}
                y={y + 4}
                width={Math.max(w, o.count > 0 ? 2 : 0)}
                height={rowH - 10}
                class="chart-bar"
              />
              <text x={labelW + w + 6} y={y + 18} class="chart-value">
                {formatNumber(o.count)} ({pct(o.percent)})
              </text>
            </g>
          );
        })}
      </svg>
      <Table caption={title} columns={['Réponse', 'Nombre', <>Part des {formatNumber(base)} répondants</>]}>
        {options.map((o) => (
          <tr>
            <th scope="row">{o.label}</th>
            <td>{formatNumber(o.count)}</td>
            <td>{pct(o.percent)}</td>
          </tr>
        ))}
      </Table>
    </figure>
  );
}

/** One question's results: a chart with its data table, rankings, number summaries or the latest free texts. */
export function QuestionResultBlock({
  result,
  index,
  group,
}: {
  result: QuestionResult;
  index: number;
  /** The titles of the question's group (section), if it lies in one. */
  group?: string;
}) {
  const q = result.question;
  const id = `resultat-${index}`;
  const answered = `${formatNumber(result.answered)} réponse${result.answered > 1 ? 's' : ''}`;
  return (
    <section class="result" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>
        {q.label} {q.restricted && <span class="tag">Réservée aux coordinateurs</span>}
      </h2>
      <p class="meta">
        {group ? `Groupe « ${group} » — ` : ''}
        {answered}
      </p>
      {result.kind === 'choices' && (
        <>
          <OptionChart
            id={id}
            title={`${q.label}${result.multiple ? ' (plusieurs réponses possibles)' : ''}`}
            options={result.options}
            base={result.answered}
          />
          {result.others.length > 0 && (
            <details>
              <summary>Précisions « Autre » ({result.others.length})</summary>
              <ul>
                {result.others.map((t) => (
                  <li>{t}</li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
      {result.kind === 'dates' && (
        <OptionChart
          id={id}
          title={`${q.label} : répartition par année`}
          options={result.byYear}
          base={result.answered}
        />
      )}
      {result.kind === 'matrix' && (
        <div class="table-wrap">
          <table class="table">
            <caption>{q.label} : nombre de réponses par ligne</caption>
            <thead>
              <tr>
                <td />
                {result.rows[0]?.options.map((o) => (
                  <th scope="col">{o.label}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.rows.map((row) => (
                <tr>
                  <th scope="row">{row.label}</th>
                  {row.options.map((o) => (
                    <td>
                      {formatNumber(o.count)} <span class="meta">({pct(o.percent)})</span>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.kind === 'ranking' && (
        <Table
          showCaption
          caption={<>{q.label} : rang moyen (1 = le plus important)</>}
          columns={['Élément', 'Rang moyen', 'Classé premier']}
        >
          {result.items.map((item) => (
            <tr>
              <th scope="row">{item.label}</th>
              <td>{item.averageRank ? String(item.averageRank).replace('.', ',') : '—'}</td>
              <td>{formatNumber(item.first)}</td>
            </tr>
          ))}
        </Table>
      )}
      {result.kind === 'number' && result.answered > 0 && (
        <dl class="summary">
          <dt>Minimum</dt>
          <dd>{formatNumber(result.min)}</dd>
          <dt>Médiane</dt>
          <dd>{formatNumber(result.median)}</dd>
          <dt>Moyenne</dt>
          <dd>{formatNumber(result.mean)}</dd>
          <dt>Maximum</dt>
          <dd>{formatNumber(result.max)}</dd>
        </dl>
      )}
      {result.kind === 'texts' && result.texts.length === 0 && result.total > 0 && (
        <p class="meta">Réponses écrites non publiées : elles pourraient faire reconnaître leurs auteurs.</p>
      )}
      {result.kind === 'texts' && result.texts.length > 0 && (
        <>
          {result.total > result.texts.length && (
            <p class="meta">
              Les {result.texts.length} réponses les plus récentes sur {formatNumber(result.total)}.
            </p>
          )}
          <ul class="text-answers">
            {result.texts.map((t) => (
              <li>{t}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** Every question's results, or a sentence when nobody answered. */
export function FormResultsList({ results }: { results: FormResults }) {
  if (results.responses === 0) return <p>Aucune réponse envoyée pour ces critères.</p>;
  return results.questions.map((r, i) => (
    <QuestionResultBlock result={r} index={i} group={results.groups?.[r.question.id]} />
  ));
}
