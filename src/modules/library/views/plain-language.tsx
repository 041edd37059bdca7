/**
 * Plain language on the sheet page: the « En bref, en langage clair » block shown first, with a readability warning
 * for the sheet's writers, and texts whose glossary words link to their definition on /glossaire.
 */
import { longSentences, PLAIN_SENTENCE_WORDS } from '../model/plain-language.ts';
import type { GlossarySegment } from '../ports.ts';

/** A text whose glossary words are links (the term and its first sentence as the link's title). */
export function LinkedText({ segments }: { segments: readonly GlossarySegment[] }) {
  return (
    <>
      {segments.map((s) =>
        'slug' in s ? (
          <a href={`/glossaire#${s.slug}`} class="glossary-term" title={`${s.term} : ${s.hint}`}>
            {s.text}
          </a>
        ) : (
          s.text
        ),
      )}
    </>
  );
}

/** « En bref, en langage clair »: first on the page; its writers are told which sentences are too long. */
export function PlainSummaryBlock({
  text,
  segments,
  canEdit,
}: {
  text: string | null | undefined;
  segments?: readonly GlossarySegment[];
  canEdit: boolean;
}) {
  if (!text) return null;
  const long = canEdit ? longSentences(text) : [];
  return (
    <section aria-labelledby="en-bref-title" class="plain-summary">
      <h2 id="en-bref-title">En bref, en langage clair</h2>
      <p class="prose">{segments ? <LinkedText segments={segments} /> : text}</p>
      {long.length > 0 && (
        <div class="notice notice-warning">
          <p>
            Pour les écrivains de la fiche : {long.length} phrase{long.length > 1 ? 's dépassent' : ' dépasse'}{' '}
            {PLAIN_SENTENCE_WORDS} mots ({long.map((l) => `« ${l.start}… », ${l.words} mots`).join(' ; ')}).
            Raccourcissez-les pour les lecteurs pressés.
          </p>
        </div>
      )}
      <p class="meta">
        Un mot vous échappe ? <a href="/glossaire">Consultez le glossaire de l’IA</a>.
      </p>
    </section>
  );
}
