/**
 * Who may use a route, declared on every route as `config: { access: … }` and checked against reality by the
 * generated route × role test (test/http/route-access.http.test.ts): for each route and each of the six test
 * personas, an allowed persona must not get 401/403, a refused one must.
 *
 * The personas, around one authority A that owns the test resources:
 *   visitor       not signed in
 *   member        active member of A (membership role « member »)
 *   editor        « responsable » of A (membership role « editor »)
 *   other_editor  « responsable » of another authority B
 *   coordinator   network coordinator
 *   admin         administrator
 *
 * The decision itself is taken by the service through `authorize` (platform/auth/authorize.ts); `access` documents
 * it for readers, the OpenAPI document and the test.
 */
export type AccessPersona = 'visitor' | 'member' | 'editor' | 'other_editor' | 'coordinator' | 'admin';

export const PERSONAS: readonly AccessPersona[] = [
  'visitor',
  'member',
  'editor',
  'other_editor',
  'coordinator',
  'admin',
];

/**
 * A route's access: the personas that may use it, or `link` for routes opened by a secret link (invitation,
 * one-time sign-in link: anyone holding it). API routes written with a bearer token use the personas of the
 * token's authority (the token acts as an editor of that authority).
 */
export type Access = readonly AccessPersona[] | 'link';

export const ACCESS = {
  /** Everyone, signed in or not. */
  public: PERSONAS,
  /** Anyone signed in. */
  signedIn: ['member', 'editor', 'other_editor', 'coordinator', 'admin'],
  /** Only people who are not signed in (sign-in and sign-up pages redirect the others). */
  signedOut: ['visitor'],
  /** Members (any role) of the resource's authority, and coordinators / administrators. */
  authorityMembers: ['member', 'editor', 'coordinator', 'admin'],
  /** « Responsables » of the resource's authority, and coordinators / administrators. */
  authorityEditors: ['editor', 'coordinator', 'admin'],
  /** « Responsables » of the resource's authority, and administrators (not coordinators). */
  authorityEditorsAndAdmins: ['editor', 'admin'],
  /** Members of at least one authority (any), coordinators and administrators. */
  networkMembers: ['member', 'editor', 'other_editor', 'coordinator', 'admin'],
  /** Network coordinators and administrators. */
  coordinators: ['coordinator', 'admin'],
  /** Administrators only. */
  admins: ['admin'],
  /** Anyone holding the secret link (invitation, one-time link). */
  link: 'link',
} as const satisfies Record<string, Access>;

/**
 * How a refused persona is answered, when it is not the usual 401/403 (or, for a visitor's page, the redirect to
 * /connexion?retour=…):
 *   404        the route hides that the resource exists from those who may not see it (a draft, a response…);
 *   'redirect' the refused are sent elsewhere (the sign-in and sign-up pages send signed-in people to their account).
 */
export type AccessDenied = 404 | 'redirect';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may use this route (see platform/http/access.ts). Required on every route. */
    access?: Access;
    /** How the refused are answered when it is not 401/403 (see `AccessDenied`). */
    accessDenied?: AccessDenied;
  }
}
