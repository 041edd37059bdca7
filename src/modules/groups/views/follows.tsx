/** What a group follows, for its leads: the list with « ne plus suivre », and the forms to follow more. */
import type { FieldErrors } from '../../../platform/http/errors.ts';
import { ErrorSummary, PostForm, Select, TextInput } from '../../../platform/ui/components.tsx';
import { FOLLOW_LABELS, type FollowKind } from '../model.ts';
import type { FollowedRef } from '../ports.ts';
import type { FollowedItem } from '../services/follows.ts';

export function FollowsPage(v: {
  group: { name: string; path: string };
  followed: FollowedItem[];
  kinds: FollowKind[];
  campaigns: FollowedRef[];
  q: string;
  found: FollowedRef[] | null;
  errors?: FieldErrors;
  /** Which form the errors belong to. */
  errorKind?: FollowKind;
  reference?: string;
}) {
  const err = (k: FollowKind) => (v.errorKind === k ? v.errors?.reference : undefined);
  const missing = (['challenge', 'initiative'] as FollowKind[]).filter((k) => !v.kinds.includes(k));
  return (
    <>
      <h1>Ce que suit « {v.group.name} »</h1>
      <ErrorSummary errors={v.errors} />
      <p>
        La synthèse préparée avant chaque réunion rend compte de ce que le groupe suit : fiches publiées ou mises à
        jour, avancement des recensements{v.kinds.includes('challenge') ? ', actualités des défis' : ''}.
      </p>
      <h2>Suivi actuellement</h2>
      {v.followed.length ? (
        <ul>
          {v.followed.map((f) => (
            <li>
              <span class="tag">{FOLLOW_LABELS[f.kind]}</span> <a href={f.path}>{f.title}</a>{' '}
              <PostForm action={`${v.group.path}/suivis/retirer`} class="inline-form">
                <input type="hidden" name="kind" value={f.kind} />
                <input type="hidden" name="id" value={String(f.id)} />
                <button type="submit" class="button button-secondary">
                  Ne plus suivre<span class="visually-hidden"> {f.title}</span>
                </button>
              </PostForm>
            </li>
          ))}
        </ul>
      ) : (
        <p>Rien pour le moment.</p>
      )}

      <h2>Suivre une fiche de la bibliothèque</h2>
      <form method="get" action={`${v.group.path}/suivis`} aria-label="Chercher une fiche">
        <TextInput name="q" value={v.q} label="Chercher une fiche publiée" width="medium" />
        <button type="submit" class="button button-secondary">
          Chercher
        </button>
      </form>
      {v.found &&
        (v.found.length ? (
          <ul aria-label="Fiches trouvées">
            {v.found.map((s) => (
              <li>
                <a href={s.path}>{s.title}</a>{' '}
                <PostForm action={`${v.group.path}/suivis`} class="inline-form">
                  <input type="hidden" name="kind" value="sheet" />
                  <input type="hidden" name="reference" value={String(s.id)} />
                  <button type="submit" class="button button-secondary">
                    Suivre<span class="visually-hidden"> {s.title}</span>
                  </button>
                </PostForm>
              </li>
            ))}
          </ul>
        ) : (
          <p>Aucune fiche publiée ne correspond à « {v.q} ».</p>
        ))}
      <PostForm action={`${v.group.path}/suivis`}>
        <input type="hidden" name="kind" value="sheet" />
        <TextInput
          name="reference"
          id="champ-reference"
          value={v.errorKind === 'sheet' ? (v.reference ?? '') : ''}
          error={err('sheet')}
          label="Ou indiquez la fiche"
          hint="Son numéro ou son adresse (/bibliotheque/12-…)."
          width="medium"
        />
        <button type="submit" class="button button-primary">
          Suivre cette fiche
        </button>
      </PostForm>

      <h2>Suivre un recensement</h2>
      {v.campaigns.length ? (
        <PostForm action={`${v.group.path}/suivis`}>
          <input type="hidden" name="kind" value="campaign" />
          <Select
            name="reference"
            id={v.errorKind === 'campaign' ? 'champ-reference' : 'champ-recensement'}
            value={v.errorKind === 'campaign' ? (v.reference ?? '') : ''}
            error={err('campaign')}
            label="Recensement"
            options={v.campaigns.map((c) => ({ value: String(c.id), label: c.title }))}
          />
          <button type="submit" class="button button-primary">
            Suivre ce recensement
          </button>
        </PostForm>
      ) : (
        <p>Aucun recensement n’a encore été lancé.</p>
      )}

      {(['challenge', 'initiative'] as FollowKind[])
        .filter((k) => v.kinds.includes(k))
        .map((k) => (
          <>
            <h2>Suivre {k === 'challenge' ? 'un défi' : 'une initiative'}</h2>
            <PostForm action={`${v.group.path}/suivis`}>
              <input type="hidden" name="kind" value={k} />
              <TextInput
                name="reference"
                id={v.errorKind === k ? 'champ-reference' : `champ-${k}`}
                value={v.errorKind === k ? (v.reference ?? '') : ''}
                error={err(k)}
                label={k === 'challenge' ? 'Numéro du défi' : 'Numéro de l’initiative'}
                width="medium"
              />
              <button type="submit" class="button button-primary">
                Suivre
              </button>
            </PostForm>
          </>
        ))}
      {missing.length > 0 && (
        <p class="meta">Le suivi des défis et des initiatives arrivera avec leurs pages sur la plateforme.</p>
      )}
      <p>
        <a href={v.group.path}>Retour à la page du groupe</a>
      </p>
    </>
  );
}
