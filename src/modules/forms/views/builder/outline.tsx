/**
 * The builder's outline of a draft form: each page with its elements (type, label, id, condition in words), its
 * sections (title, condition, a link to their form) where they begin, and the actions on them, then the forms that add an element to a page, group a run of elements and add a page. Every action posts to
 * `${basePath}/pages/…` or `${basePath}/elements/…` with the draft's revision (`_revision`), so that two editors
 * never overwrite each other: the consumer's routes follow this URL scheme.
 */
import { Button, PostForm, Select, TextInput } from '../../../../platform/ui/components.tsx';
import {
  allQuestions,
  CONDITION_OP_LABELS,
  type Condition,
  type Form,
  isComparison,
  isQuestion,
  QUESTION_TYPE_LABELS,
  QUESTION_TYPES,
  type Question,
  type Section,
  sectionChain,
} from '../../model.ts';

function valueText(q: Question | undefined, v: unknown): string {
  if (q && 'choices' in q) return q.choices.find((c) => c.code === v)?.label ?? String(v);
  if (typeof v === 'boolean') return v ? 'Oui' : 'Non';
  return String(v);
}

/** A condition in words: « Statut est égal à « Abandonné » et … ». */
export function describeCondition(c: Condition, form: Form): string {
  const questions = allQuestions(form);
  const walk = (x: Condition, nested: boolean): string => {
    if (isComparison(x)) {
      const q = questions.find((y) => y.id === x.question);
      const subject = `« ${q?.label ?? x.question} »`;
      return x.value === undefined
        ? `${subject} ${CONDITION_OP_LABELS[x.op]}`
        : `${subject} ${CONDITION_OP_LABELS[x.op]} « ${valueText(q, x.value)} »`;
    }
    const items = 'all' in x ? x.all : x.any;
    const text = items.map((i) => walk(i, true)).join('all' in x ? ' et ' : ' ou ');
    return nested && items.length > 1 ? `(${text})` : text;
  };
  return walk(c, false);
}

/** An element as its actions name it: « la question « Utilisez-vous… ? » », « le bloc « Introduction » ». */
function elementAbout(e: Form['pages'][number]['elements'][number]): string {
  const text = e.type === 'info' ? (e.title ?? e.paragraphs[0] ?? '') : e.label;
  const short = text.length > 80 ? `${text.slice(0, 79)}…` : text;
  return e.type === 'info' ? `le bloc d’information « ${short} »` : `la question « ${short} »`;
}

export function SmallAction({
  action,
  label,
  revision,
  kind = 'secondary',
  confirm,
  context,
}: {
  action: string;
  label: string;
  /** What the action is about, for screen readers (the visible label stays short). */
  context?: string;
  revision: number;
  kind?: 'secondary' | 'danger';
  confirm?: string;
}) {
  return (
    <PostForm action={action} class="inline-form" data-confirm={confirm} novalidate={false}>
      <input type="hidden" name="_revision" value={String(revision)} />
      <button type="submit" class={`link-button${kind === 'danger' ? ' danger' : ''}`}>
        {label}
        {context && <span class="visually-hidden"> {context}</span>}
      </button>
    </PostForm>
  );
}

export interface FormOutlineProps {
  form: Form;
  /** The draft's revision, posted with every action. */
  revision: number;
  /** Where the actions post: `${basePath}/pages/…`, `${basePath}/elements/…`, `${basePath}/groupes/…`. */
  basePath: string;
  /** Names of the record fields a question may fill (`libraryField` → « Titre »), shown instead of their keys. */
  libraryFieldLabels?: Readonly<Record<string, string>>;
}

/** A section as the outline names it: its title, or a neutral name when it has none. */
function sectionName(section: Section): string {
  return section.title ?? 'Groupe sans titre';
}

export function FormOutline({ form: q, revision: rev, basePath: url, libraryFieldLabels }: FormOutlineProps) {
  return (
    <>
      {q.pages.map((page, p) => (
        <section class="builder-page" aria-labelledby={`page-${page.id}`}>
          <h2 id={`page-${page.id}`}>
            Page {p + 1} : {page.title}
          </h2>
          <div class="actions">
            <a href={`${url}/pages/${page.id}`}>
              Modifier la page<span class="visually-hidden"> {page.title}</span>
            </a>
            {p > 0 && (
              <SmallAction action={`${url}/pages/${page.id}/monter`} label={`Monter la page ${p + 1}`} revision={rev} />
            )}
            {p < q.pages.length - 1 && (
              <SmallAction
                action={`${url}/pages/${page.id}/descendre`}
                label={`Descendre la page ${p + 1}`}
                revision={rev}
              />
            )}
            {q.pages.length > 1 && (
              <SmallAction
                action={`${url}/pages/${page.id}/supprimer`}
                label={`Supprimer la page ${p + 1}`}
                revision={rev}
                kind="danger"
                confirm={`Supprimer la page « ${page.title} » et ses questions ?`}
              />
            )}
          </div>
          {page.elements.length === 0 ? (
            <p class="meta">Page vide : ajoutez une question ci-dessous.</p>
          ) : (
            <ol class="builder-elements">
              {page.elements.map((e, i) => {
                const about = elementAbout(e);
                const chain = sectionChain(page, e.section);
                const before = i > 0 ? sectionChain(page, page.elements[i - 1]!.section) : [];
                // The sections this element opens: those of its chain that the previous element was not in.
                const opened = chain.filter((s, depth) => before[depth]?.id !== s.id);
                return (
                  <>
                    {opened.map((section) => (
                      <li id={`groupe-${section.id}`} class="builder-section">
                        <p>
                          <span class="tag">Groupe</span> <strong>{sectionName(section)}</strong>
                          {section.parent && (
                            <span class="meta">
                              {' '}
                              — dans le groupe « {sectionName(chain.find((s) => s.id === section.parent) ?? section)} »
                            </span>
                          )}
                        </p>
                        {section.description && <p class="meta">{section.description}</p>}
                        {section.visibleIf && (
                          <p class="meta">
                            Groupe affiché si {describeCondition(section.visibleIf, q)} (et ses questions avec lui).
                          </p>
                        )}
                        <div class="actions">
                          <a href={`${url}/groupes/${section.id}`}>
                            Modifier le groupe<span class="visually-hidden"> « {sectionName(section)} »</span>
                          </a>
                          <SmallAction
                            action={`${url}/groupes/${section.id}/supprimer`}
                            label="Défaire le groupe"
                            context={`« ${sectionName(section)} »`}
                            revision={rev}
                            kind="danger"
                            confirm={`Défaire le groupe « ${sectionName(section)} » ? Ses questions restent, sans la condition du groupe.`}
                          />
                        </div>
                      </li>
                    ))}
                    <li id={`element-${e.id}`} class="builder-element">
                      <p>
                        <span class="tag">{e.type === 'info' ? 'Information' : QUESTION_TYPE_LABELS[e.type]}</span>{' '}
                        <strong>{e.type === 'info' ? (e.title ?? e.paragraphs[0]?.slice(0, 80)) : e.label}</strong>{' '}
                        <span class="meta">
                          {isQuestion(e) && e.required ? ' — obligatoire' : ''}
                          {isQuestion(e) && e.restricted ? ' — réservée aux coordinateurs' : ''}
                          {isQuestion(e) && e.libraryField
                            ? ` — fiche : ${libraryFieldLabels?.[e.libraryField] ?? e.libraryField}`
                            : ''}
                          {chain.length > 0 ? ` — groupe « ${sectionName(chain[chain.length - 1]!)} »` : ''}
                        </span>
                      </p>
                      {e.visibleIf && <p class="meta">Affichée si {describeCondition(e.visibleIf, q)}.</p>}
                      <div class="actions">
                        <a href={`${url}/elements/${e.id}`}>
                          Modifier<span class="visually-hidden"> {about}</span>
                        </a>
                        {(i > 0 || p > 0) && (
                          <SmallAction
                            action={`${url}/elements/${e.id}/monter`}
                            label="Monter"
                            context={about}
                            revision={rev}
                          />
                        )}
                        {(i < page.elements.length - 1 || p < q.pages.length - 1) && (
                          <SmallAction
                            action={`${url}/elements/${e.id}/descendre`}
                            label="Descendre"
                            context={about}
                            revision={rev}
                          />
                        )}
                        <SmallAction
                          action={`${url}/elements/${e.id}/dupliquer`}
                          label="Dupliquer"
                          context={about}
                          revision={rev}
                        />
                        <SmallAction
                          action={`${url}/elements/${e.id}/supprimer`}
                          label="Supprimer"
                          context={about}
                          revision={rev}
                          kind="danger"
                          confirm={`Supprimer ${about} ?`}
                        />
                      </div>
                    </li>
                  </>
                );
              })}
            </ol>
          )}
          <PostForm
            action={`${url}/pages/${page.id}/elements`}
            class="search-form"
            aria-label={`Ajouter à la page ${p + 1}`}
          >
            <input type="hidden" name="_revision" value={String(rev)} />
            <Select
              name="type"
              id={`ajout-${page.id}`}
              label={`Ajouter à la page ${p + 1}`}
              options={[
                { value: 'info', label: 'Bloc d’information' },
                ...QUESTION_TYPES.map((t) => ({ value: t, label: QUESTION_TYPE_LABELS[t] })),
              ]}
            />
            <Button kind="secondary">Ajouter</Button>
          </PostForm>
          {page.elements.length > 0 && <NewSectionForm url={url} page={page} index={p} revision={rev} />}
        </section>
      ))}

      <PostForm action={`${url}/pages`} class="search-form" aria-label="Ajouter une page">
        <input type="hidden" name="_revision" value={String(rev)} />
        <TextInput name="title" id="nouvelle-page" label="Nouvelle page" hint="Son titre" width="medium" />
        <Button kind="secondary">Ajouter la page</Button>
      </PostForm>
    </>
  );
}

/**
 * Groups a run of the page's elements (from the first chosen to the last chosen) under a title; the builder's page
 * says why when the run would cut an existing group in two.
 */
function NewSectionForm(props: { url: string; page: Form['pages'][number]; index: number; revision: number }) {
  const { page, index } = props;
  const options = page.elements.map((e) => {
    const text = e.type === 'info' ? `Bloc d’information : ${e.title ?? e.paragraphs[0] ?? ''}` : e.label;
    return { value: e.id, label: text.length > 80 ? `${text.slice(0, 79)}…` : text };
  });
  return (
    <details class="builder-new-section">
      <summary>Regrouper des questions de la page {index + 1}</summary>
      <PostForm
        action={`${props.url}/pages/${page.id}/groupes`}
        class="search-form"
        aria-label={`Regrouper des questions de la page ${index + 1}`}
      >
        <input type="hidden" name="_revision" value={String(props.revision)} />
        <TextInput
          name="title"
          id={`groupe-titre-${page.id}`}
          label="Titre du groupe"
          hint="Affiché au-dessus de ses questions ; une condition peut ensuite l’afficher ou le masquer en entier."
          width="medium"
          required
        />
        <Select
          name="first"
          id={`groupe-debut-${page.id}`}
          label="Du premier élément"
          options={options}
          value={page.elements[0]!.id}
          required
        />
        <Select
          name="last"
          id={`groupe-fin-${page.id}`}
          label="Au dernier élément (inclus)"
          options={options}
          value={page.elements.at(-1)!.id}
          required
        />
        <Button kind="secondary">Créer le groupe</Button>
      </PostForm>
    </details>
  );
}
