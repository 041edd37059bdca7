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

export interface OrganisationsPorts {
  people: {
    /** People by id (unknown ids are left out). */
    findUsers(ids: number[]): Promise<Person[]>;
    /** Network coordinators (not administrators): they receive the requests of authorities without an editor. */
    findCoordinators(): Promise<Person[]>;
  };
  /** Without it, an authority's page has no use-case section. */
  library?: {
    useCasesOf(organisationId: number): Promise<AuthorityUseCases>;
  };
}
