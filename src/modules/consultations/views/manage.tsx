/** The editors' pages: the consultation form (new, edit), the management page (full results) and the synthesis form. */
import { formatParis } from '../../../platform/calendar/paris-time.ts';
import type { FieldErrors } from '../../../platform/http/errors.ts';
import {
  Button,
  bindFields,
  ChoiceGroup,
  ErrorSummary,
  PostForm,
  Select,
  TextArea,
  TextInput,
} from '../../../platform/ui/components.tsx';
import { type ConsultationResults, LIMITS, MODE_LABELS, MODES, QUESTION_TEMPLATES, STATE_LABELS } from '../model.ts';
import type { ConsultationFormValues, ConsultationView } from '../services/consultations.ts';
import { consultationPath, Dates, ResultsBlock } from './public.tsx';

export interface ConsultationFormProps {
  action: string;
  /** Editing: the consultation (its sheet is fixed). */
  existing: ConsultationView | null;
  sheets: { id: number; title: string; organisation: string }[];
  values: ConsultationFormValues | null;
  errors?: FieldErrors;
}

export function ConsultationFormPage(p: ConsultationFormProps) {
  const field = bindFields(p.values, p.errors);
  const v = p.values;
  const title = p.existing ? `Modifier « ${p.existing.consultation.title} »` : 'Ouvrir une consultation';
  return (
    <>
      <ErrorSummary errors={p.errors} />
      <h1>{title}</h1>
      <p class="lead">
        Demandez l’avis des habitants sur un projet avant sa mise en service. La page de la consultation reprend
        l’explication « En bref, en langage clair » de la fiche : vérifiez qu’elle est rédigée avant d’ouvrir.
      </p>
      <PostForm action={p.action}>
        {v?.version && <input type="hidden" name="version" value={v.version} />}
        <TextInput
          {...field('titre')}
          label="Titre de la consultation"
          hint={`Une question simple, par exemple « Un assistant pour répondre aux questions sur les déchets ? ». ${LIMITS.titleMax} caractères au plus.`}
          required
          maxLength={LIMITS.titleMax}
        />
        {p.existing ? (
          <p>
            Projet : <a href={p.existing.sheet?.path ?? '#'}>{p.existing.sheet?.title ?? 'fiche'}</a>
          </p>
        ) : (
          <Select
            {...field('fiche')}
            label="Fiche du projet"
            hint="Une fiche publiée de votre collectivité."
            required
            emptyLabel="Choisissez une fiche"
            options={p.sheets.map((s) => ({ value: String(s.id), label: `${s.title} (${s.organisation})` }))}
          />
        )}
        <TextArea
          {...field('introduction')}
          label="Pourquoi cette consultation"
          hint={`Ce que la collectivité veut savoir et ce qu’elle fera des réponses. Des phrases courtes. ${LIMITS.introductionMax} caractères au plus.`}
          rows={5}
          maxLength={LIMITS.introductionMax}
        />
        <TextInput {...field('ouverture')} type="date" label="Ouverture (à 0 h, heure de Paris)" required />
        <TextInput {...field('cloture')} type="date" label="Clôture (à 23 h 59, heure de Paris)" required />
        <ChoiceGroup
          name="mode"
          type="radio"
          legend="Qui peut répondre"
          hint="Sans compte : réponses anonymes, protégées par une limite par connexion et un témoin par navigateur. Avec un compte : une réponse par personne, que la personne peut exporter ou effacer."
          required
          options={MODES.map((m) => ({ value: m, label: MODE_LABELS[m] }))}
          value={v?.mode ?? ''}
          error={p.errors?.mode}
        />
        <ChoiceGroup
          name="questions"
          type="checkbox"
          legend="Questions posées"
          hint="Des questions rédigées pour les consultations, posées dans cet ordre."
          options={QUESTION_TEMPLATES.map((t) => ({ value: t.code, label: t.question.label, hint: t.summary }))}
          value={v?.questions ?? []}
          error={p.errors?.questions}
        />
        <details open={Boolean(v?.surveyjs || p.errors?.surveyjs)}>
          <summary>Ou importer un questionnaire SurveyJS</summary>
          <TextArea
            {...field('surveyjs')}
            label="JSON SurveyJS"
            hint="Collez le JSON d’un questionnaire SurveyJS : il remplace les questions cochées. Les questions de fichier ou de collectivité sont refusées."
            rows={8}
          />
        </details>
        <Button>{p.existing ? 'Enregistrer' : 'Programmer la consultation'}</Button>
      </PostForm>
      <p>
        <a href={p.existing ? consultationPath(p.existing.consultation.id) : '/consultations'}>Annuler</a>
      </p>
    </>
  );
}

export function ManagePage({ v, results }: { v: ConsultationView; results: ConsultationResults }) {
  const c = v.consultation;
  const path = consultationPath(c.id);
  return (
    <>
      <h1>Gérer « {c.title} »</h1>
      <p class="meta">
        <span class="tag">{STATE_LABELS[v.state]}</span> <Dates v={v} /> · {MODE_LABELS[c.mode]}
      </p>
      <ul class="link-list">
        <li>
          <a href={path}>Page publique de la consultation</a>
        </li>
        {v.state === 'scheduled' && v.answers === 0 && (
          <li>
            <a href={`${path}/modifier`}>Modifier la consultation (jusqu’à son ouverture)</a>
          </li>
        )}
        {v.state === 'closed' && (
          <li>
            <a href={`${path}/synthese`}>
              {c.synthesisPublishedAt ? 'Corriger la synthèse publiée' : 'Publier la synthèse'}
            </a>
          </li>
        )}
      </ul>
      <p>
        Ces résultats complets (réponses écrites comprises) sont réservés aux responsables de la collectivité et aux
        coordinateurs. Le public voit les résultats après la clôture, sans les réponses écrites, et seulement à partir
        de {c.minCell} réponses.
      </p>
      <ResultsBlock r={results} full />
    </>
  );
}

export function SynthesisFormPage({
  v,
  values,
  errors,
}: {
  v: ConsultationView;
  values: { synthese: string; changements: string } | null;
  errors?: FieldErrors;
}) {
  const c = v.consultation;
  const field = bindFields(values, errors);
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>Synthèse de « {c.title} »</h1>
      <p class="lead">
        Consultation close le {formatParis(c.closesAt)}, {v.answers} réponse{v.answers > 1 ? 's' : ''}. Publiez ce que
        les habitants ont dit et ce que la collectivité en a fait.
      </p>
      <PostForm action={`${consultationPath(c.id)}/synthese`}>
        <input type="hidden" name="version" value={String(c.version)} />
        <TextArea
          {...field('synthese', c.synthesis ?? '')}
          label="Synthèse"
          hint={`Les principaux avis, sans citer de personne. Des phrases courtes. ${LIMITS.synthesisMax} caractères au plus.`}
          rows={10}
          required
          maxLength={LIMITS.synthesisMax}
        />
        <TextArea
          {...field('changements', c.changes ?? '')}
          label="Ce que la consultation a changé"
          hint={`Les décisions prises à la suite de la consultation, ou pourquoi rien n’a changé. ${LIMITS.changesMax} caractères au plus.`}
          rows={6}
          required
          maxLength={LIMITS.changesMax}
        />
        <Button>{c.synthesisPublishedAt ? 'Publier la correction' : 'Publier la synthèse'}</Button>
      </PostForm>
    </>
  );
}
