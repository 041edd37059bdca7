/**
 * What pooling needs from other modules, as plain functions (wired in src/modules/index.ts through
 * `poolingPortsOf`).
 */
import type { CurrentUser } from '../../platform/auth/user.ts';

/** A published sheet as the computation reads it (public fields only; no page address: see `refs`). */
export interface PublishedSheet {
  id: number;
  organisationId: number;
  title: string;
  /** Summary, description, goal. */
  description: string;
  /** Data sources (labels), their details, datasets' names. */
  data: string;
  /** Techniques (labels), algorithm name and description. */
  technique: string;
  subThemes: string[];
  commonsCategory: string | null;
}

/** A sheet, whatever its state (to decide who may say « Nous faisons pareil » on it). */
export interface SheetRef {
  id: number;
  organisationId: number;
  published: boolean;
  title: string;
  path: string;
}

/** A challenge (« défi ») still open to newcomers. */
export interface OpenChallenge {
  id: number;
  title: string;
  path: string;
  stage: string;
}

export interface PoolingPorts {
  library: {
    /** Every published sheet, in id order, a page of sheets at a time. */
    publishedSheets(): AsyncIterable<PublishedSheet[]>;
    /** The published sheets among `ids` with their title and page (those of groups, read once grouped). */
    refs(ids: readonly number[]): Promise<{ id: number; title: string; path: string; organisationId: number }[]>;
    sheet(id: number): Promise<SheetRef | null>;
    /** The library's change counter (a run remembers the one it read). */
    changeVersion(): Promise<number>;
  };
  organisations: {
    /** Names of bodies by id (unknown ids are left out). */
    names(ids: readonly number[]): Promise<Map<number, string>>;
  };
  people: {
    names(ids: readonly number[]): Promise<Map<number, string>>;
  };
  /**
   * The challenges module (« défis »). Absent: no « Ouvrir un défi » button and no challenge to join are offered.
   */
  challenges?: {
    /** A challenge prefilled from a suggestion, inviting its authorities (the challenges module authorises). */
    createFromSuggestion(
      actor: CurrentUser,
      input: { title: string; context: string; useCaseIds: number[]; authorityIds: number[] },
    ): Promise<{ id: number; path: string }>;
    /** Open challenges that concern one of these sheets. */
    openForUseCases(useCaseIds: number[]): Promise<OpenChallenge[]>;
  };
}
