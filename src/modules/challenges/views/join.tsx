/** Joining a challenge: which organisation, with which role, bringing what; the refusals in French on the fields. */
import type { FieldErrors } from '../../../platform/http/errors.ts';
import {
  bindFields,
  ChoiceGroup,
  ErrorSummary,
  PostForm,
  TextArea,
  TextInput,
} from '../../../platform/ui/components.tsx';
import { AUTHORITY_ROLES, frenchDate, LIMITS, roleLabel } from '../model.ts';
import type { OrganisationRef } from '../ports.ts';
import type { PresentedChallenge } from '../services/presenter.ts';

const ROLE_HINTS: Record<string, string> = {
  lead: 'Vous pilotez le défi avec les autres porteurs : vous publiez ses actualités et faites avancer ses étapes.',
  contributor: 'Vous apportez des données, du temps d’agents, des tests ou un financement.',
  observer: 'Vous suivez le défi et recevez ses actualités, sans engagement.',
};

export function JoinPage(props: {
  c: PresentedChallenge;
  own: (OrganisationRef & { partner: boolean })[];
  mayNameOthers: boolean;
  values?: Record<string, string>;
  errors?: FieldErrors;
}) {
  const { c } = props;
  const field = bindFields(props.values ?? {}, props.errors);
  const organisme = props.values?.organisme ?? (props.own.length === 1 ? String(props.own[0]!.id) : '');
  if (!c.open)
    return (
      <>
        <h1>Rejoindre le défi « {c.title} »</h1>
        <div class="notice notice-warning" role="status">
          <p>
            <strong>Les inscriptions à ce défi sont closes.</strong> {c.closedReason}
          </p>
        </div>
        <p>
          Pour suivre le défi sans y participer, lisez sa page et ses actualités, ou abonnez-vous à{' '}
          <a href={`${c.path}/calendrier.ics`}>son calendrier (iCal)</a>.
        </p>
        <p>
          <a href={c.path}>Revenir au défi</a>
        </p>
      </>
    );
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <h1>Rejoindre le défi « {c.title} »</h1>
      <p class="lead">
        {c.joinDeadline
          ? `Inscriptions ouvertes jusqu’au ${frenchDate(c.joinDeadline)} inclus.`
          : 'Inscriptions ouvertes jusqu’au début de la réalisation.'}{' '}
        Les laboratoires de l’État et les autres organismes rejoignent le défi comme partenaires.
      </p>
      <PostForm action={`${c.path}/participer`}>
        {props.own.length > 0 ? (
          <ChoiceGroup
            {...field('organisme')}
            value={organisme}
            legend="Organisme qui rejoint le défi"
            type="radio"
            options={props.own.map((o) => ({
              value: String(o.id),
              label: o.partner ? `${o.name} (partenaire)` : o.name,
            }))}
          />
        ) : (
          <p id="champ-organisme" tabIndex={-1}>
            {props.mayNameOthers
              ? 'Indiquez ci-dessous le code de l’organisme à inscrire.'
              : 'Tous les organismes dont vous êtes responsable participent déjà à ce défi.'}
            {props.errors?.organisme && <span class="error-message"> {props.errors.organisme}</span>}
          </p>
        )}
        {props.mayNameOthers && (
          <TextInput
            {...field('autre_organisme')}
            label="Autre organisme (coordinateurs)"
            hint="Son code, par exemple commune:44109 ou le code d’un laboratoire de l’État."
          />
        )}
        <ChoiceGroup
          {...field('role')}
          legend="Rôle de votre collectivité"
          hint="Sans objet pour un partenaire."
          type="radio"
          options={AUTHORITY_ROLES.map((r) => ({ value: r, label: roleLabel(r), hint: ROLE_HINTS[r] }))}
        />
        <TextArea
          {...field('apport')}
          label="Ce que vous apportez"
          hint="Des données, des agents, un terrain d’essai, une expertise, un financement…"
          maxLength={LIMITS.brings}
          rows={4}
        />
        <button type="submit" class="button button-primary">
          Rejoindre le défi
        </button>
      </PostForm>
      <p>
        <a href={c.path}>Revenir au défi sans le rejoindre</a>
      </p>
    </>
  );
}
