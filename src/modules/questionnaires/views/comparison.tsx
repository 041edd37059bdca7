/**
 * « Comparer deux campagnes »: the choice of two campaigns (a GET form, works without JavaScript), then, question by
 * question, each campaign's answers with their counts and shares of respondents and the difference in points, a bar
 * chart per campaign (the platform's BarChart with its data table), and the authorities that answered both.
 */
import type { FieldErrors } from '../../../platform/http/errors.ts';
import { count } from '../../../platform/text/french.ts';
import { BarChart, ErrorSummary, formatNumber, Select, Table } from '../../../platform/ui/components.tsx';
import type { ComparableCampaign, ComparisonModel } from '../services/comparison.ts';
import type { ComparedOption, ComparedQuestion } from '../services/comparison-model.ts';

export interface ComparisonPageProps {
  basePath: string;
  campaigns: ComparableCampaign[];
  chosen: { a: string; b: string };
  model: ComparisonModel | null;
  errors?: FieldErrors | null;
}

const pct = (n: number) => `${String(n).replace('.', ',')} %`;
const signed = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : ''}${String(Math.abs(n)).replace('.', ',')}`;

function ChooseForm(props: ComparisonPageProps) {
  const options = props.campaigns.map((c) => ({ value: String(c.id), label: c.title }));
  return (
    <form method="get" action={props.basePath} class="search-form" aria-label="Choisir deux campagnes">
      <Select
        name="a"
        label="Première campagne"
        options={options}
        value={props.chosen.a}
        error={props.errors?.a}
        required
      />
      <Select
        name="b"
        label="Seconde campagne"
        options={options}
        value={props.chosen.b}
        error={props.errors?.b}
        required
      />
      <button type="submit" class="button">
        Comparer
      </button>
    </form>
  );
}

function OptionsTable({ caption, options, titles }: { caption: string; options: ComparedOption[]; titles: string[] }) {
  return (
    <Table
      caption={caption}
      columns={[
        'Réponse',
        `${titles[0]} : nombre`,
        `${titles[0]} : part`,
        `${titles[1]} : nombre`,
        `${titles[1]} : part`,
        'Écart (points)',
      ]}
    >
      {options.map((o) => (
        <tr>
          <th scope="row">{o.label}</th>
          <td>{o.a ? formatNumber(o.a.count) : 'non proposée'}</td>
          <td>{o.a ? pct(o.a.percent) : '—'}</td>
          <td>{o.b ? formatNumber(o.b.count) : 'non proposée'}</td>
          <td>{o.b ? pct(o.b.percent) : '—'}</td>
          <td>{o.difference === null ? '—' : signed(o.difference)}</td>
        </tr>
      ))}
    </Table>
  );
}

function Answered({ q, titles }: { q: ComparedQuestion; titles: string[] }) {
  const side = (n: number | null) => (n === null ? 'question non posée' : count(n, 'répondant', 'répondants'));
  return (
    <p class="meta">
      {titles[0]} : {side(q.answered.a)} ; {titles[1]} : {side(q.answered.b)}.
    </p>
  );
}

function QuestionBlock({ q, index, titles }: { q: ComparedQuestion; index: number; titles: string[] }) {
  const id = `comparaison-${index}`;
  const charts = (options: ComparedOption[], suffix: string) => (
    <div class="chart-pair">
      {(['a', 'b'] as const).map((side, i) => (
        <BarChart
          id={`${id}${suffix}-${side}`}
          title={`${titles[i]} : nombre de réponses`}
          order="given"
          data={options.filter((o) => o[side]).map((o) => ({ label: o.label, value: o[side]!.count }))}
        />
      ))}
    </div>
  );
  return (
    <section class="result" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{q.label}</h2>
      <Answered q={q} titles={titles} />
      {q.kind === 'choices' && (
        <>
          {q.multiple && <p class="meta">Plusieurs réponses possibles : les parts ne s’additionnent pas à 100 %.</p>}
          <OptionsTable caption={`${q.label} : les deux campagnes`} options={q.options} titles={titles} />
          {charts(q.options, '')}
        </>
      )}
      {q.kind === 'matrix' &&
        q.rows.map((r, i) => (
          <>
            <h3>{r.label}</h3>
            <OptionsTable caption={`${q.label} — ${r.label}`} options={r.options} titles={titles} />
            {charts(r.options, `-${i}`)}
          </>
        ))}
      {q.kind === 'number' && (
        <Table caption={`${q.label} : les deux campagnes`} columns={['Mesure', titles[0], titles[1]]}>
          {(['mean', 'median', 'min', 'max'] as const).map((k) => (
            <tr>
              <th scope="row">{{ mean: 'Moyenne', median: 'Médiane', min: 'Minimum', max: 'Maximum' }[k]}</th>
              <td>{q.a ? formatNumber(q.a[k]) : '—'}</td>
              <td>{q.b ? formatNumber(q.b[k]) : '—'}</td>
            </tr>
          ))}
        </Table>
      )}
      {q.kind === 'answered' && (
        <p>
          {q.reason === 'only_a' && `Question posée seulement dans « ${titles[0]} ».`}
          {q.reason === 'only_b' && `Question posée seulement dans « ${titles[1]} ».`}
          {q.reason === 'type' && 'La forme de la question a changé entre les deux campagnes : pas de comparaison.'}
          {q.reason === 'words' && 'Réponses rédigées : seul le nombre de répondants est comparé.'}
        </p>
      )}
    </section>
  );
}

function Both({ model }: { model: ComparisonModel }) {
  const { both } = model;
  return (
    <section aria-labelledby="les-deux">
      <h2 id="les-deux">Collectivités ayant répondu aux deux campagnes</h2>
      <p>
        {both.count === null
          ? `Moins de ${model.minCell} collectivités : leur nombre n’est pas publié.`
          : both.count === 0
            ? 'Aucune collectivité n’a répondu aux deux campagnes.'
            : `${count(both.count, 'collectivité a', 'collectivités ont')} répondu aux deux campagnes.`}
      </p>
      {both.names && both.names.length > 0 && (
        <details>
          <summary>Voir la liste</summary>
          <ul>
            {both.names.map((n) => (
              <li>{n}</li>
            ))}
          </ul>
          {both.more > 0 && <p class="meta">Et {count(both.more, 'autre', 'autres')}.</p>}
        </details>
      )}
    </section>
  );
}

function Withheld({ model }: { model: ComparisonModel }) {
  const titles = [model.a, model.b].filter((r) => r.withheld).map((r) => `« ${r.campaign.title} »`);
  return (
    <div class="notice" role="status">
      <p>
        <strong>Comparaison non publiée.</strong> {titles.join(' et ')} {titles.length > 1 ? 'ont' : 'a'} moins de{' '}
        {model.minCell} répondants : leurs réponses pourraient les faire reconnaître.
      </p>
    </div>
  );
}

export function ComparisonPage(props: ComparisonPageProps) {
  const { model } = props;
  const titles = model ? [model.a.campaign.title, model.b.campaign.title] : [];
  const withheld = model && (model.a.withheld || model.b.withheld);
  return (
    <>
      <h1>Comparer deux campagnes</h1>
      <ErrorSummary errors={props.errors} />
      <p class="lead">
        Les réponses de deux campagnes, question par question : nombre, part des répondants et écart en points. Les
        questions sont rapprochées par leur identifiant, même entre deux versions ou deux questionnaires.
      </p>
      {model?.protected && (
        <p class="meta">
          Seuls les résultats publics sont comparés ; aucun résultat n’est publié pour moins de {model.minCell}{' '}
          répondants, et les réponses rédigées ne sont pas comparées.
        </p>
      )}
      {props.campaigns.length < 2 ? (
        <p>Il faut au moins deux campagnes dont les résultats sont consultables pour les comparer.</p>
      ) : (
        <ChooseForm {...props} />
      )}
      {model && (
        <>
          <ul class="lead">
            {[model.a, model.b].map((r) => (
              <li>
                {r.campaign.title} :{' '}
                {r.counts
                  ? `${count(r.counts.responses, 'réponse envoyée', 'réponses envoyées')} par ${count(r.counts.authorities, 'collectivité', 'collectivités')}`
                  : `moins de ${r.minCell} répondants`}
              </li>
            ))}
          </ul>
          {withheld ? (
            <Withheld model={model} />
          ) : !model.shared ? (
            <p class="notice" role="status">
              Ces deux campagnes n’ont aucune question en commun : il n’y a rien à comparer.
            </p>
          ) : (
            <>
              <p class="actions">
                <a href={`${props.basePath}.csv?a=${model.a.campaign.id}&b=${model.b.campaign.id}`}>
                  Exporter la comparaison en CSV
                </a>
              </p>
              {model.questions.map((q, i) => (
                <QuestionBlock q={q} index={i} titles={titles} />
              ))}
            </>
          )}
          <Both model={model} />
        </>
      )}
    </>
  );
}
