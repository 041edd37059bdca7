/**
 * What the organisations module needs from other modules, as plain functions wired in src/modules/index.ts from
 * their `api` (read lazily: accounts and the library need this module's api too).
 */

/** A person as this module names and mails them (the accounts module's user directory). */
export interface Person {
  id: number;
  email: string;
  name: string;
  /** A disabled account receives no mail. */
  disabled?: boolean;
}

/** The use cases an authority published (the library), for its page. */
export interface AuthorityUseCases {
  total: number;
  /** The library filtered on this authority. */
  href: string;
  items: { id: number; title: string; href: string; status: string | null; theme: string | null }[];
}

/** A CSV file as read: its records with the line each starts on, and malformed quoting by line. */
export interface CsvReading {
  records: { line: number; fields: string[] }[];
  errors: { line: number; message: string }[];
}

export interface OrganisationsPorts {
  people: {
    /** People by id (unknown ids are left out). */
    findUsers(ids: number[]): Promise<Person[]>;
    /** Network coordinators (not administrators): they receive the requests of authorities without an editor. */
    findCoordinators(): Promise<Person[]>;
  };
  /** Reads an uploaded CSV file (the product's reader: encodings, delimiter, quoting, line of each record). */
  csv: {
    read(input: string | Uint8Array): CsvReading;
  };
  /** Without it, an authority's page has no use-case section. */
  library?: {
    useCasesOf(organisationId: number): Promise<AuthorityUseCases>;
  };
  /**
   * Published sheets by authority (the library), for the directory's count and « avec des fiches » filter. Without
   * it, no authority has sheets.
   */
  sheets?: {
    /** A cheap read that changes whenever a sheet changes (the library's change counter). */
    version(): Promise<number>;
    /** Published sheets by authority id (authorities without any are absent). */
    publishedByOrganisation(): Promise<Map<number, number>>;
  };
}
