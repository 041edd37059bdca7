/**
 * The result page of an assessment: for the self-assessment, scores per requirement and per principle (with how
 * they are computed), the radar chart with its data table, the gaps with a recommendation each, the evidence and the
 * comparison with the previous assessment; for the AI Act wizard, the category, its articles, the deployer's
 * obligations and dates; for French law, the checklist with the publication exemption and its sources. Then the
 * answers, and what the authority may do (continue, sign, publish, start a new version).
 */
import type { ComponentChildren } from 'preact';
import { Button, fieldId, formatDate, PostForm, Table } from '../../../platform/ui/components.tsx';
import { RadarChart } from '../../../platform/ui/radar-chart.tsx';
import { AI_ACT_URL, CATEGORY_LABELS, DATES_NOTE } from '../ai-act.ts';
import { PUBLICATION_EXEMPTION } from '../law.ts';
import { KIND_SLUGS } from '../model.ts';
import { SCORING_RULE, type Score, type ScoreChange } from '../scoring.ts';
import type { AiActResult, AssessmentResult, LawResult, SelfResult } from '../services/presenter.ts';
import { assessmentPath } from './assessment.tsx';

const show = (n: number | null) => (n === null ? '—' : `${n} %`);

function ScoreTable({ caption, scores }: { caption: string; scores: Score[] }) {
  return (
    <Table
      caption={caption}
      showCaption
      columns={['', 'Score', 'Questions comptées', 'Ne s’applique pas', 'Sans réponse']}
    >
      {scores.map((s) => (
        <tr>
          <th scope="row">{s.label}</th>
          <td>{show(s.score)}</td>
          <td>
            {s.counted} sur {s.total}
          </td>
          <td>{s.notApplicable}</td>
          <td>{s.unanswered}</td>
        </tr>
      ))}
    </Table>
  );
}

function Delta({ change }: { change: ScoreChange }) {
  if (change.delta === null) return <>—</>;
  if (change.delta === 0) return <>stable</>;
  return (
    <span class={change.delta > 0 ? 'score-up' : 'score-down'}>
      {change.delta > 0 ? `+${change.delta}` : change.delta} points
    </span>
  );
}

function SelfDetail({ d }: { d: SelfResult }) {
  const series = [{ name: 'Cette évaluation', values: d.requirements.map((s) => s.score) }];
  if (d.comparison)
    series.push({ name: `Version ${d.comparison.number}`, values: d.comparison.changes.map((c) => c.previous) });
  return (
    <>
      <h2>Scores</h2>
      <p class="lead">Score d’ensemble : {show(d.overall.score)}</p>
      <details open>
        <summary>Comment les scores sont calculés</summary>
        <ul>
          {SCORING_RULE.map((line) => (
            <li>{line}</li>
          ))}
        </ul>
      </details>
      <RadarChart
        title="Score par exigence (en %)"
        id="radar-exigences"
        axes={d.requirements.map((s) => s.label)}
        series={series}
        unit=" %"
      />
      <ScoreTable caption="Score par exigence" scores={d.requirements} />
      <ScoreTable caption="Score par principe de la Déclaration de Montréal" scores={d.principles} />
      <h2>Comparaison avec l’évaluation précédente</h2>
      {d.comparison ? (
        <>
          <p>
            Version {d.comparison.number}, signée le {formatDate(d.comparison.signedAt)}.
          </p>
          <Table
            caption="Évolution des scores par exigence"
            showCaption
            columns={['Exigence', 'Avant', 'Maintenant', 'Évolution']}
          >
            {d.comparison.changes.map((c) => (
              <tr>
                <th scope="row">{c.label}</th>
                <td>{show(c.previous)}</td>
                <td>{show(c.current)}</td>
                <td>
                  <Delta change={c} />
                </td>
              </tr>
            ))}
          </Table>
        </>
      ) : (
        <p>C’est la première évaluation signée de cette fiche : rien à comparer pour l’instant.</p>
      )}
      <h2>Points à améliorer ({d.gaps.length})</h2>
      {d.gaps.length === 0 ? (
        <p>Aucune réponse « Non » ou « En partie ».</p>
      ) : (
        <ol>
          {d.gaps.map((g) => (
            <li>
              <p>
                <strong>{g.requirementLabel}</strong> — {g.question} Réponse :{' '}
                {g.answer === 'non' ? 'non' : 'en partie'}.
              </p>
              <p>Recommandation : {g.recommendation}</p>
              {g.guidance.length > 0 && (
                <p class="meta">
                  Pour aller plus loin :{' '}
                  {g.guidance.map((r, i) => (
                    <>
                      {i > 0 ? ', ' : ''}
                      <a href={r.href}>{r.name}</a>
                    </>
                  ))}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      {d.evidence.length > 0 && (
        <>
          <h2>Preuves</h2>
          <ul>
            {d.evidence.map((e) => (
              <li>
                {e.question} : <a href={e.href}>{e.href}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function AiActDetail({ d, canApply, path }: { d: AiActResult; canApply: boolean; path: string }) {
  const c = d.classification;
  return (
    <>
      <h2>Catégorie : {CATEGORY_LABELS[c.category]}</h2>
      <p class="lead">{c.reason}</p>
      <p>
        Fondement : {c.articles.join(' ; ')} du{' '}
        <a href={AI_ACT_URL}>règlement (UE) 2024/1689 sur l’intelligence artificielle</a>.
      </p>
      <h2>Vos obligations de déployeur</h2>
      <ul>
        {c.obligations.map((o) => (
          <li>{o}</li>
        ))}
      </ul>
      {c.category === 'high' && c.transparency.length > 0 && (
        <>
          <h3>Et au titre de la transparence</h3>
          <ul>
            {c.transparency.map((o) => (
              <li>{o}</li>
            ))}
          </ul>
        </>
      )}
      <h2>Dates d’application</h2>
      <ul>
        {c.dates.map((x) => (
          <li>
            {formatDate(x.date)} : {x.what}
          </li>
        ))}
      </ul>
      <p class="meta">{DATES_NOTE}</p>
      {canApply && (
        <PostForm action={`${path}/appliquer`}>
          <p>
            Reporter la catégorie « {CATEGORY_LABELS[c.category]} » dans la fiche. Sur une fiche publiée, elle entre
            dans la révision en cours, publiée après relecture.
          </p>
          <Button kind="secondary">Reporter dans la fiche</Button>
        </PostForm>
      )}
    </>
  );
}

function LawDetail({ d }: { d: LawResult }) {
  const yesNo = (v: boolean | null) => (v === null ? 'à préciser' : v ? 'oui' : 'non');
  return (
    <>
      <Table caption="Obligations du projet" showCaption columns={['Obligation', 'S’applique', 'Fait', 'Preuve']}>
        {d.items.map((i) => (
          <tr>
            <th scope="row">
              {i.label} (<a href={i.href}>{i.source}</a>)
            </th>
            <td>
              {yesNo(i.applies)} — {i.reason}
            </td>
            <td>{i.applies ? yesNo(i.done) : '—'}</td>
            <td>{i.proof ? <a href={i.proof}>{i.proof}</a> : '—'}</td>
          </tr>
        ))}
      </Table>
      <h2>Qui est dispensé de publier les règles en ligne ?</h2>
      <p>{PUBLICATION_EXEMPTION.rule}</p>
      <p>Sources :</p>
      <ul>
        {PUBLICATION_EXEMPTION.sources.map((s) => (
          <li>{s}</li>
        ))}
      </ul>
      <p>{PUBLICATION_EXEMPTION.caution}</p>
      <h2>Ce que chaque obligation demande</h2>
      <dl>
        {d.items.map((i) => (
          <>
            <dt>{i.label}</dt>
            <dd>{i.what}</dd>
          </>
        ))}
      </dl>
    </>
  );
}

export interface ResultPageProps {
  result: AssessmentResult;
  sheetTitle: string;
  overviewPath: string;
  canWrite: boolean;
  /** Signing was refused: what is missing, by question (linked to its page). */
  errors?: Record<string, string>;
  /** Page of each question id (links of the error summary). */
  pageOf?: Record<string, string>;
  firstPage: string;
  version: number;
}

export function ResultPage(props: ResultPageProps) {
  const r = props.result;
  const path = assessmentPath(r);
  const d = r.detail;
  const errors = props.errors ?? {};
  let body: ComponentChildren;
  if (d.kind === 'self') body = <SelfDetail d={d} />;
  else if (d.kind === 'ai_act')
    body = <AiActDetail d={d} canApply={props.canWrite && r.status === 'signed'} path={path} />;
  else body = <LawDetail d={d} />;
  return (
    <>
      {Object.keys(errors).length > 0 && (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} data-error-summary>
          <h2 id="error-summary-title">L’évaluation n’est pas complète</h2>
          <ul>
            {Object.entries(errors).map(([field, message]) => (
              <li>
                <a href={`${path}/page/${props.pageOf?.[field] ?? props.firstPage}#${fieldId(field)}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <h1>
        {r.kindLabel} — version {r.number}
      </h1>
      <p class="meta">
        {props.sheetTitle} · {r.statusText}
        {r.signedAt ? ` · signée le ${formatDate(r.signedAt, true)} par ${r.signedBy ?? '—'}` : ''}
        {r.publishedAt ? ` · publiée le ${formatDate(r.publishedAt)}` : ''}
      </p>
      <p>
        <a href={props.overviewPath}>Toutes les évaluations de la fiche</a>
      </p>
      {r.status === 'draft' && (
        <div class="notice" role="status">
          <p>
            Brouillon : le résultat ci-dessous porte sur les réponses déjà données. Signez l’évaluation quand elle est
            complète ; elle ne changera plus, et une nouvelle version repartira de ses réponses.
          </p>
          {props.canWrite && (
            <div class="actions">
              <a class="button button-secondary" href={`${path}/reprendre`}>
                Continuer à répondre
              </a>
              <PostForm action={`${path}/signer`}>
                <input type="hidden" name="version" value={String(props.version)} />
                <Button>Signer l’évaluation</Button>
              </PostForm>
            </div>
          )}
        </div>
      )}
      {body}
      <h2>Réponses</h2>
      {r.answers.length ? (
        <Table caption="Réponses de l’évaluation" columns={['Question', 'Réponse']}>
          {r.answers.map((l) => (
            <tr>
              <th scope="row">{l.question}</th>
              <td>{l.answer}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p>Aucune réponse pour l’instant.</p>
      )}
      {props.canWrite && r.status === 'signed' && (
        <div class="actions">
          <PostForm action={`${path}/publier`}>
            <input type="hidden" name="publier" value={r.published ? '0' : '1'} />
            <Button kind="secondary">{r.published ? 'Retirer la publication' : 'Publier l’évaluation'}</Button>
          </PostForm>
          <PostForm action={`${props.overviewPath}/${KIND_SLUGS[r.kind]}`}>
            <Button kind="secondary">Commencer une nouvelle version</Button>
          </PostForm>
        </div>
      )}
      {props.canWrite && r.status === 'signed' && !r.published && (
        <p class="meta">
          Non publiée : seuls les membres de la collectivité et les coordinateurs du réseau voient cette évaluation.
        </p>
      )}
    </>
  );
}
