/** Several responses per authority (one per project): the authority's responses, « add a response », resume any. */
import { Button, formatDate, PostForm } from '../../../platform/ui/components.tsx';

export interface ResponseListItem {
  id: number;
  number: number;
  status: 'in_progress' | 'submitted';
  progress: number;
  updatedAt: string;
  submittedAt: string | null;
  /** What the response is about (the project's name, when answered). */
  label: string | null;
}

export function ResponseListPage(props: {
  campaignTitle: string;
  authorityName: string;
  closesAt: string;
  open: boolean;
  basePath: string;
  responses: ResponseListItem[];
  /** The invitation link without an account: offer to create one. */
  offerAccount: boolean;
}) {
  const { responses } = props;
  const sent = responses.filter((r) => r.status === 'submitted').length;
  return (
    <>
      <h1>
        {props.campaignTitle} — {props.authorityName}
      </h1>
      <p>
        Ce recensement demande <strong>une réponse par projet</strong> : ajoutez une réponse pour chaque projet de votre
        collectivité, reprenez celles qui sont en cours, relisez celles qui sont envoyées.
        {props.open && ` Ouvert jusqu’au ${formatDate(props.closesAt, true)}.`}
      </p>
      <h2>
        {responses.length === 0
          ? 'Aucune réponse pour le moment'
          : `${responses.length} réponse${responses.length > 1 ? 's' : ''}, dont ${sent} envoyée${sent > 1 ? 's' : ''}`}
      </h2>
      {responses.length > 0 && (
        <ul class="cards">
          {responses.map((r) => (
            <li class="card">
              <h3 class="card-title">
                <a href={`${props.basePath}/reponses/${r.id}`}>
                  Réponse n° {r.number}
                  {r.label ? ` : ${r.label}` : ''}
                </a>
              </h3>
              <p>
                {r.status === 'submitted'
                  ? `Envoyée le ${formatDate(r.submittedAt, true)}`
                  : `En cours (${r.progress} %), enregistrée le ${formatDate(r.updatedAt, true)}`}
              </p>
            </li>
          ))}
        </ul>
      )}
      {props.open && (
        <PostForm action={`${props.basePath}/reponses`}>
          <Button>Ajouter une réponse pour un autre projet</Button>
        </PostForm>
      )}
      {props.offerAccount && (
        <aside class="notice" aria-label="Créer un compte">
          <p>
            Vous répondez avec le lien reçu par e-mail : aucun compte n’est nécessaire. Avec un compte, vous retrouverez
            les recensements de votre collectivité dans « Mes recensements » et pourrez publier vos fiches.{' '}
            <a href="/inscription">Créer un compte</a>
          </p>
        </aside>
      )}
    </>
  );
}
