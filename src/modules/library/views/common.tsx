/** Pieces shared by the library's pages: field values, use case cards, status tags, highlighted snippets. */
import type { ComponentChildren } from 'preact';
import type { SnippetSegment } from '../../../platform/search/index.ts';
import { formatDate } from '../../../platform/ui/components.tsx';
import { FrancePoints, onFranceMap } from '../../../platform/ui/france-map.tsx';
import { FIELDS, type FieldDef, FORM_STEPS, type FormStepKey } from '../fields.ts';
import {
  type DatasetLink,
  displayValue,
  type FieldChange,
  isWebUrl,
  type PresentedUseCase,
  REVISION_STATE_LABELS,
  type UseCaseContent,
  WORKFLOW_STATE_LABELS,
} from '../model.ts';
import type { GlossarySegment } from '../ports.ts';
import { projectStatuses, referenceList, themes } from '../reference.ts';
import { LinkedText } from './plain-language.tsx';

export const useCaseHref = (s: { id: number; slug: string }) => `/bibliotheque/${s.id}-${s.slug}`;

function isEmpty(v: unknown): boolean {
  return v == null || v === '' || (Array.isArray(v) && v.length === 0);
}

/**
 * A field's value as HTML: links for web addresses, lists for several codes, paragraphs kept (a long text with its
 * glossary words linked when `segments` are given).
 */
export function FieldValue({
  field,
  value,
  segments,
}: {
  field: FieldDef;
  value: unknown;
  segments?: readonly GlossarySegment[];
}) {
  if (isEmpty(value)) return <span class="meta">Non renseigné</span>;
  switch (field.type) {
    case 'url':
      return isWebUrl(String(value)) ? (
        <a href={String(value)} rel="noopener noreferrer">
          {String(value)}
        </a>
      ) : (
        <span>{String(value)}</span>
      );
    case 'email':
      return <a href={`mailto:${String(value)}`}>{String(value)}</a>;
    case 'codes':
      return (
        <ul class="inline-list">
          {(value as string[]).map((c) => (
            <li>{referenceList(field.list!).labelOf(c)}</li>
          ))}
        </ul>
      );
    case 'code': {
      const item = referenceList(field.list!).get(String(value));
      return (
        <span>
          {item?.label ?? String(value)}
          {item?.description && field.list !== 'themes' && <span class="meta"> — {item.description}</span>}
        </span>
      );
    }
    case 'links':
      return (
        <ul>
          {(value as DatasetLink[]).map((l) => (
            <li>
              <a href={l.url} rel="noopener noreferrer">
                {l.title || l.url}
              </a>
            </li>
          ))}
        </ul>
      );
    case 'longtext':
      return <div class="prose">{segments ? <LinkedText segments={segments} /> : String(value)}</div>;
    default:
      return <span class="prose">{displayValue(field, value)}</span>;
  }
}

/** The fields of a presented use case, grouped by form step (only the fields present and filled). */
export function UseCaseFields({
  content,
  steps,
  skip = [],
  logo = null,
  linked,
}: {
  content: Partial<UseCaseContent>;
  steps?: readonly FormStepKey[];
  skip?: readonly string[];
  /** Where the server keeps the logo it fetched for `content.logoUrl` (services/logos.ts); null: not fetched. */
  logo?: string | null;
  /** Long texts with the glossary's words marked, by field key (model/plain-language.ts). */
  linked?: Record<string, GlossarySegment[]>;
}) {
  return (
    <>
      {FORM_STEPS.filter((s) => !steps || steps.includes(s.key)).map((step) => {
        const fields = FIELDS.filter(
          (f) =>
            f.step === step.key && !skip.includes(f.key) && Object.hasOwn(content, f.key) && !isEmpty(content[f.key]),
        );
        if (!fields.length) return null;
        const position = positionOf(content);
        const listed = position ? fields.filter((f) => f.key !== 'latitude' && f.key !== 'longitude') : fields;
        return (
          <section class="sheet-section" aria-labelledby={`section-${step.key}`}>
            <h2 id={`section-${step.key}`}>{step.title}</h2>
            {listed.length > 0 && (
              <dl class="summary">
                {listed.map((f) => (
                  <>
                    <dt>{f.label}</dt>
                    <dd>
                      {f.key === 'logoUrl' && logo ? (
                        <img src={logo} alt="Logo du projet" class="sheet-logo" loading="lazy" />
                      ) : (
                        <FieldValue field={f} value={content[f.key]} segments={linked?.[f.key]} />
                      )}
                    </dd>
                  </>
                ))}
              </dl>
            )}
            {position && <PositionMap {...position} />}
          </section>
        );
      })}
    </>
  );
}

/** The sheet's coordinates when both are given. */
function positionOf(content: Partial<UseCaseContent>): { latitude: number; longitude: number } | null {
  const { latitude, longitude } = content;
  return typeof latitude === 'number' && typeof longitude === 'number' ? { latitude, longitude } : null;
}

const degrees = (n: number) => n.toLocaleString('fr-FR', { maximumFractionDigits: 4 });

/** The sheet's position: a small map of France with one point, and the coordinates in words beside it. */
function PositionMap({ latitude, longitude }: { latitude: number; longitude: number }) {
  const words = `latitude ${degrees(latitude)}, longitude ${degrees(longitude)}`;
  const onMap = onFranceMap([{ latitude, longitude }]) > 0;
  return (
    <div class="sheet-position">
      {onMap && (
        <FrancePoints
          id="position-fiche"
          title="Emplacement du projet"
          points={[{ latitude, longitude, label: `Emplacement du projet (${words})`, href: '/carte', kind: 'own' }]}
        />
      )}
      <p class="meta">
        Coordonnées : {words}
        {onMap ? '.' : ' (hors de la carte de France).'}
      </p>
    </div>
  );
}

export function StateTag({ useCase }: { useCase: Pick<PresentedUseCase, 'state' | 'revision'> }) {
  if (useCase.state === 'published' && !useCase.revision) return null;
  return (
    <span class={`tag tag-state tag-${useCase.state}`}>
      {WORKFLOW_STATE_LABELS[useCase.state]}
      {useCase.revision && ` · ${REVISION_STATE_LABELS[useCase.revision].toLowerCase()}`}
    </span>
  );
}

/** Highlighted passage: matched words in <mark>. */
export function Snippet({ segments }: { segments: SnippetSegment[] }) {
  return <p class="snippet">{segments.map((s) => (s.match ? <mark>{s.text}</mark> : s.text))}</p>;
}

/** A use case in a list: title link, authority, theme and status, summary or snippet. */
export function UseCaseCard({
  useCase,
  snippet,
  title,
  headingLevel = 3,
  logo = null,
}: {
  useCase: PresentedUseCase;
  snippet?: SnippetSegment[] | null;
  title?: SnippetSegment[] | null;
  headingLevel?: 2 | 3;
  /** The logo the server fetched for the sheet (services/logos.ts); decorative here: the authority is named below. */
  logo?: string | null;
}) {
  const c = useCase.content;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const text = c.summary ?? c.description ?? '';
  return (
    <li class="card sheet-card">
      {logo && <img src={logo} alt="" class="sheet-card-logo" loading="lazy" width={48} height={48} />}
      <Heading class="card-title">
        <a href={useCaseHref(useCase)}>
          {title
            ? title.map((s: SnippetSegment) => (s.match ? <mark>{s.text}</mark> : s.text))
            : (c.title ?? 'Sans titre')}
        </a>
      </Heading>
      <p class="meta">
        {useCase.organisation.name}
        {c.startDate ? ` · depuis ${c.startDate.slice(0, 4)}` : ''}
      </p>
      <p>
        {c.theme && <span class="tag">{themes.labelOf(c.theme)}</span>}
        {c.projectStatus && <span class="tag tag-status">{projectStatuses.labelOf(c.projectStatus)}</span>}
        <StateTag useCase={useCase} />
      </p>
      {snippet ? <Snippet segments={snippet} /> : text && <p>{text.length > 260 ? `${text.slice(0, 259)}…` : text}</p>}
    </li>
  );
}

export function Notice({
  kind = 'info',
  children,
}: {
  kind?: 'info' | 'warning' | 'success' | 'error';
  children: ComponentChildren;
}) {
  return (
    <div class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : undefined}>
      {children}
    </div>
  );
}

export function Updated({ at }: { at: string }) {
  return <span>Mise à jour le {formatDate(at)}</span>;
}

const CHANGE_KINDS = { added: 'ajouté', removed: 'retiré', changed: 'modifié' } as const;

/** Two contents compared field by field (version history, and the reviewer's « what changed »). */
export function ChangesTable({
  changes,
  before,
  after,
}: {
  changes: readonly FieldChange[];
  before: string;
  after: string;
}) {
  return (
    <div class="table-wrap">
      <table class="table diff">
        <caption>
          {changes.length} champ{changes.length > 1 ? 's' : ''} différent{changes.length > 1 ? 's' : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">Champ</th>
            <th scope="col">{before}</th>
            <th scope="col">{after}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr>
              <th scope="row">
                {c.label} <span class="meta">({CHANGE_KINDS[c.kind]})</span>
              </th>
              <td class="prose diff-before">{c.beforeText || <span class="meta">vide</span>}</td>
              <td class="prose diff-after">{c.afterText || <span class="meta">vide</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
