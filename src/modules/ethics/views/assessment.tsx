/**
 * Responsible AI pages: a sheet's overview (its assessments of each kind, what to start or continue, the references
 * behind them) and one page of an assessment being filled (questions of the forms engine, saved page by page and
 * by autosave).
 */
import type { ComponentChildren } from 'preact';
import { Button, CsrfField, fieldId, formatDate, PostForm } from '../../../platform/ui/components.tsx';
import { type Answers, type Conflict, ElementBlock, type Form, type Page } from '../../forms/index.ts';
import { REFERENCES } from '../altai.ts';
import {
  ASSESSMENT_KINDS,
  type Assessment,
  type AssessmentKind,
  KIND_LABELS,
  KIND_SHORT_LABELS,
  KIND_SLUGS,
  statusText,
} from '../model.ts';

export const assessmentPath = (a: { id: number }) => `/ia-responsable/evaluations/${a.id}`;

const KIND_INTROS: Record<AssessmentKind, string> = {
  self: 'Sept exigences pour une IA digne de confiance (liste ALTAI), relues selon les dix principes de la Déclaration de Montréal : un score par exigence et par principe, les points à améliorer avec une recommandation, la comparaison avec l’évaluation précédente.',
  ai_act:
    'Quelques questions pour situer le système dans le règlement européen sur l’IA : la catégorie avec son article, vos obligations de déployeur et leurs dates. Le résultat peut renseigner la catégorie de la fiche.',
  law: 'Les obligations du droit français pour un traitement algorithmique d’une administration (CRPA, RGPD, accessibilité) : lesquelles s’appliquent au projet, lesquelles sont remplies, avec le lien vers la preuve.',
};

export interface OverviewProps {
  title: string;
  sheetPath: string;
  basePath: string;
  assessments: Assessment[];
  canWrite: boolean;
  /** The notice block (transparency notice), when the module shows one. */
  notice?: ComponentChildren;
}

function Versions({ list }: { list: Assessment[] }) {
  if (!list.length) return <p>Aucune évaluation pour l’instant.</p>;
  return (
    <ul>
      {list.map((a) => (
        <li>
          <a href={assessmentPath(a)}>Version {a.number}</a> — {statusText(a)}
          {a.signedAt ? `, signée le ${formatDate(a.signedAt)} par ${a.signedName ?? '—'}` : ''}
          {a.status === 'draft' ? `, modifiée le ${formatDate(a.updatedAt, true)}` : ''}
        </li>
      ))}
    </ul>
  );
}

export function OverviewPage(props: OverviewProps) {
  return (
    <>
      <h1>IA responsable : {props.title}</h1>
      <p class="lead">
        Évaluer le projet, le situer dans le règlement européen sur l’IA et vérifier ses obligations légales. Les
        évaluations restent visibles de la collectivité et des coordinateurs du réseau tant qu’elle ne les publie pas.
      </p>
      <p>
        <a href={props.sheetPath}>Retour à la fiche</a>
      </p>
      <div class="ethics-kinds">
        {ASSESSMENT_KINDS.map((kind) => {
          const list = props.assessments.filter((a) => a.kind === kind);
          const draft = list.find((a) => a.status === 'draft');
          return (
            <section aria-labelledby={`kind-${kind}`}>
              <h2 id={`kind-${kind}`}>{KIND_LABELS[kind]}</h2>
              <p>{KIND_INTROS[kind]}</p>
              <Versions list={list} />
              {props.canWrite &&
                (draft ? (
                  <p>
                    <a class="button button-primary" href={`${assessmentPath(draft)}/reprendre`}>
                      Continuer le brouillon ({KIND_SHORT_LABELS[kind]})
                    </a>
                  </p>
                ) : (
                  <PostForm action={`${props.basePath}/${KIND_SLUGS[kind]}`}>
                    <Button kind={list.length ? 'secondary' : 'primary'}>
                      {list.length
                        ? `Nouvelle version (${KIND_SHORT_LABELS[kind]})`
                        : `Commencer (${KIND_SHORT_LABELS[kind]})`}
                    </Button>
                  </PostForm>
                ))}
            </section>
          );
        })}
      </div>
      {props.notice}
      <h2>Références</h2>
      <ul>
        {REFERENCES.map((r) => (
          <li>
            <a href={r.href}>{r.name}</a> : {r.summary}
          </li>
        ))}
        <li>
          <a href="/ia-responsable/conditions-de-reussite">Les conditions de réussite du réseau</a> : les positions du
          groupe de travail IA et les éléments de preuve tirés des fiches et des évaluations signées.
        </li>
      </ul>
    </>
  );
}

export interface FillPageProps {
  form: Form;
  page: Page;
  assessment: Assessment;
  sheetTitle: string;
  visible: Set<string>;
  errors: Record<string, string>;
  conflicts: Conflict[];
  /** The page's answers as displayed (only what the person changes is written). */
  base: Answers;
}

export function FillPage(props: FillPageProps) {
  const { form, page, assessment, errors } = props;
  const path = assessmentPath(assessment);
  const index = form.pages.findIndex((p) => p.id === page.id);
  const errorEntries = Object.entries(errors);
  return (
    <>
      <p class="meta">
        {KIND_LABELS[assessment.kind]}, version {assessment.number} — {props.sheetTitle}
      </p>
      {errorEntries.length > 0 && (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} data-error-summary>
          <h2 id="error-summary-title">Il y a un problème</h2>
          <ul>
            {errorEntries.map(([field, message]) => (
              <li>
                <a href={`#${fieldId(field)}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {props.conflicts.length > 0 && (
        <div class="notice notice-warning" role="alert">
          <h2>Quelqu’un a modifié certaines réponses en même temps que vous</h2>
          <p>
            Les réponses enregistrées par l’autre personne sont conservées et affichées ; votre saisie pour ces
            questions n’a pas été enregistrée ({props.conflicts.length} question{props.conflicts.length > 1 ? 's' : ''}
            ).
          </p>
        </div>
      )}
      <h1>{page.title}</h1>
      {page.description && <p class="lead">{page.description}</p>}
      <nav aria-label="Étapes de l’évaluation">
        <ol class="steps">
          {form.pages.map((p) => (
            <li>
              {p.id === page.id ? (
                <span aria-current="step">{p.title}</span>
              ) : (
                <a href={`${path}/page/${p.id}`}>{p.title}</a>
              )}
            </li>
          ))}
          <li>
            <a href={path}>Relire et signer</a>
          </li>
        </ol>
      </nav>
      <script
        type="application/json"
        id="questionnaire-data"
        // Read by the forms island (conditions and autosave); `<` escaped so that no text can close the tag.
        dangerouslySetInnerHTML={{
          __html: JSON.stringify({ questionnaire: form, answers: assessment.answers, pageId: page.id }).replace(
            /</g,
            '\\u003c',
          ),
        }}
      />
      <form
        method="post"
        action={`${path}/page/${page.id}`}
        noValidate
        data-answer-form
        data-autosave={`${path}/enregistrer`}
        data-version={String(assessment.version)}
        data-page={page.id}
      >
        <CsrfField />
        <input type="hidden" name="_version" value={String(assessment.version)} />
        <input type="hidden" name="_base" value={JSON.stringify(props.base)} data-base />
        {page.elements.map((element) => (
          <ElementBlock
            element={element}
            visible={props.visible.has(element.id)}
            value={assessment.answers[element.id]}
            other={assessment.answers[`${element.id}.other`]}
            errors={errors}
          />
        ))}
        <p class="meta" data-autosave-status aria-live="polite">
          Réponses enregistrées le {formatDate(assessment.updatedAt, true)}.
        </p>
        <div class="actions">
          {index > 0 && (
            <Button kind="secondary" name="action" value="previous">
              Page précédente
            </Button>
          )}
          <Button kind="secondary" name="action" value="save">
            Enregistrer
          </Button>
          <Button name="action" value="next">
            {index === form.pages.length - 1 ? 'Relire et signer' : 'Continuer'}
          </Button>
        </div>
      </form>
      <p class="meta">
        Les réponses sont enregistrées à chaque changement de page, avec le bouton « Enregistrer » et, si JavaScript est
        actif, au fil de la saisie. Une évaluation incomplète est conservée : vous pouvez la reprendre plus tard.
      </p>
    </>
  );
}
