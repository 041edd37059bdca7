/**
 * What consultations need from other modules, as plain functions (wired in src/modules/index.ts through
 * `consultationsPortsOf`). Consultations never read other modules' tables.
 */

/** A library sheet as a consultation shows it. */
export interface SheetRef {
  id: number;
  title: string;
  organisationId: number;
  /** Published sheets only may carry a consultation (their explanation is public). */
  published: boolean;
  path: string;
  /** « En bref, en langage clair », else the one-sentence summary, else null. */
  plainSummary: string | null;
  /** The description of the service, shown below the plain summary. */
  description: string | null;
}

/** A piece of a text: plain, or a glossary word with its term and a one-sentence hint. */
export type TextSegment = { text: string } | { text: string; slug: string; term: string; hint: string };

export interface ConsultationsPorts {
  /** The glossary of AI terms (pages module); absent: the explanation links no word. */
  glossary?: { link(text: string): TextSegment[] };
  sheets: {
    find(id: number): Promise<SheetRef | null>;
    /** The published sheets of an authority (id and title), for the editor's choice. */
    publishedOf(organisationId: number): Promise<{ id: number; title: string }[]>;
  };
  organisations: {
    /** Names of organisations by id (unknown ids absent). */
    names(ids: readonly number[]): Promise<Map<number, string>>;
    /** The demo authority's id by its code (demo seed). */
    idByCode(code: string): Promise<number | null>;
  };
}
