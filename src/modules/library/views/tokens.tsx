/** An authority's API tokens: create one (name, lifetime), the list with creator, expiry, last use and state. */
import {
  Button,
  ChoiceGroup,
  ErrorSummary,
  formatDate,
  PostForm,
  TextInput,
} from '../../../platform/ui/components.tsx';
import { DEFAULT_TOKEN_LIFETIME_DAYS, TOKEN_LIFETIMES, type TokenView } from '../services/tokens.ts';
import { Notice } from './common.tsx';

function stateLabel(t: TokenView): string {
  if (t.state === 'revoked') return `Révoqué le ${formatDate(t.revokedAt)}`;
  if (t.state === 'expired') return `Expiré le ${formatDate(t.expiresAt)}`;
  return t.expiresAt ? `Valable jusqu’au ${formatDate(t.expiresAt)}` : 'Valable';
}

export function TokensPage({
  organisation,
  tokens,
  created,
  errors,
  values,
}: {
  organisation: { id: number; name: string };
  tokens: TokenView[];
  created: string | null;
  errors: Record<string, string> | null;
  values?: { name?: string; duree?: string };
}) {
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>Jetons d’API de {organisation.name}</h1>
      <p>
        Un jeton permet à un logiciel de créer et modifier les brouillons de fiches de la collectivité, et de les
        soumettre pour relecture, avec l’API (<a href="/api">documentation</a>). Il ne peut ni publier ni lire les
        informations des autres collectivités. Il cesse de fonctionner à sa date d’expiration, et dès que la personne
        qui l’a créé n’est plus responsable de la collectivité ou que son compte est désactivé.
      </p>
      {created && (
        <Notice kind="success">
          <p>
            Jeton créé. Copiez-le maintenant : il ne sera plus affiché.
            <br />
            <code class="token">{created}</code>
          </p>
        </Notice>
      )}
      <PostForm action={`/bibliotheque/jetons?organisation=${organisation.id}`}>
        <TextInput
          name="name"
          label="Nom du jeton"
          hint="Par exemple le logiciel qui l’utilise."
          value={values?.name}
          error={errors?.name}
          required
          width="medium"
        />
        <ChoiceGroup
          name="duree"
          legend="Durée de validité"
          type="radio"
          inline
          value={values?.duree || String(DEFAULT_TOKEN_LIFETIME_DAYS)}
          error={errors?.duree}
          options={TOKEN_LIFETIMES.map((l) => ({ value: String(l.days), label: l.label }))}
        />
        <Button>Créer un jeton</Button>
      </PostForm>
      {tokens.length > 0 && (
        <div class="table-wrap">
          <table class="table">
            <caption>Jetons</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Créé par</th>
                <th scope="col">Créé le</th>
                <th scope="col">Dernière utilisation</th>
                <th scope="col">État</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr>
                  <th scope="row">{t.name}</th>
                  <td>{t.createdBy ?? 'compte supprimé'}</td>
                  <td>{formatDate(t.createdAt)}</td>
                  <td>{t.lastUsedAt ? formatDate(t.lastUsedAt, true) : 'jamais'}</td>
                  <td>{stateLabel(t)}</td>
                  <td>
                    {t.state === 'active' ? (
                      <PostForm action={`/bibliotheque/jetons/${t.id}/revoquer?organisation=${organisation.id}`}>
                        <Button kind="danger">
                          Révoquer<span class="visually-hidden"> le jeton {t.name}</span>
                        </Button>
                      </PostForm>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
