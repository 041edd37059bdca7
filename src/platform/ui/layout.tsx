import type { ComponentChildren } from 'preact';
import { isAdmin, isCoordinator } from '../auth/user.ts';
import { assetUrl } from '../http/assets.ts';
import { PostForm } from './components.tsx';
import { type PageContext, PageContextValue } from './context.ts';

export interface LayoutProps {
  title: string;
  ctx: PageContext;
  children: ComponentChildren;
  /** Extra client scripts (paths under /assets/), loaded as deferred modules. */
  scripts?: string[];
  /** Alternate links (Atom feed, JSON…) for the head. */
  alternates?: { type: string; href: string; title: string }[];
  /** Breadcrumb trail, last item is the current page. */
  breadcrumbs?: { href?: string; label: string }[];
}

const SITE = 'Bibliothèque IA des territoires';

function isCurrent(path: string, href: string): boolean {
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
}

/** The one page frame: skip links, header with navigation, main landmark, footer. */
export function Layout({ title, ctx, children, scripts = [], alternates = [], breadcrumbs }: LayoutProps) {
  const { user, flash, navigation, path } = ctx;
  return (
    <PageContextValue.Provider value={ctx}>
      <html lang="fr">
        <head>
          <meta charSet="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${title} — ${SITE}`}</title>
          <meta name="csrf-token" content={ctx.csrfToken} />
          <link rel="stylesheet" href={assetUrl('/assets/site.css')} />
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
          {alternates.map((a) => (
            <link rel="alternate" type={a.type} href={a.href} title={a.title} />
          ))}
          <script type="module" src={assetUrl('/assets/enhance.js')} defer />
          {scripts.map((s) => (
            <script type="module" src={assetUrl(s)} defer />
          ))}
        </head>
        <body>
          <nav class="skip-links" aria-label="Accès rapide">
            <a href="#contenu">Aller au contenu</a>
            <a href="#navigation">Aller au menu</a>
          </nav>
          <header class="site-header">
            <div class="container header-inner">
              <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true">
                  IA
                </span>
                <span>
                  <span class="brand-name">{SITE}</span>
                  <span class="brand-tagline">Ce que les collectivités font déjà avec l'IA</span>
                </span>
              </a>
              <div class="account">
                {user ? (
                  <>
                    <a href="/mon-espace">Mon espace</a>
                    <a href="/compte">Mon compte</a>
                    {isCoordinator(user) && <a href="/coordination">Coordination</a>}
                    {isAdmin(user) && <a href="/admin">Administration</a>}
                    <PostForm action="/deconnexion" class="inline-form" novalidate={false}>
                      <button type="submit" class="link-button">
                        Se déconnecter
                      </button>
                    </PostForm>
                  </>
                ) : (
                  <>
                    <a href="/connexion">Se connecter</a>
                    <a href="/inscription">Créer un compte</a>
                  </>
                )}
              </div>
            </div>
            <nav id="navigation" class="main-nav" aria-label="Menu principal">
              {/* Folded behind « Menu » on small screens (works without script); always open on wide ones. */}
              <details class="menu-panel">
                <summary class="container">Menu</summary>
                <ul class="container">
                  {navigation.map((item) => (
                    <li>
                      <a href={item.href} aria-current={isCurrent(path, item.href) ? 'page' : undefined}>
                        {item.label}
                      </a>
                    </li>
                  ))}
                </ul>
              </details>
            </nav>
          </header>
          <main id="contenu" class="container" tabIndex={-1}>
            {breadcrumbs && breadcrumbs.length > 0 && (
              <nav aria-label="Fil d'Ariane" class="breadcrumbs">
                <ol>
                  {breadcrumbs.map((b, i) => (
                    <li>
                      {b.href && i < breadcrumbs.length - 1 ? (
                        <a href={b.href}>{b.label}</a>
                      ) : (
                        <span aria-current="page">{b.label}</span>
                      )}
                    </li>
                  ))}
                </ol>
              </nav>
            )}
            {flash && (
              <div class={`notice notice-${flash.kind}`} role={flash.kind === 'error' ? 'alert' : 'status'}>
                <p>{flash.message}</p>
              </div>
            )}
            {children}
          </main>
          <footer class="site-footer">
            <div class="container">
              <p>
                <strong>{SITE}</strong> — logiciel libre au service des collectivités et de leurs réseaux.
              </p>
              <ul class="footer-links">
                <li>
                  <a href="/accessibilite">Accessibilité : partiellement conforme</a>
                </li>
                <li>
                  <a href="/donnees-personnelles">Données personnelles</a>
                </li>
                <li>
                  <a href="/donnees-ouvertes">Données ouvertes</a>
                </li>
                <li>
                  <a href="/api">API</a>
                </li>
              </ul>
            </div>
          </footer>
        </body>
      </html>
    </PageContextValue.Provider>
  );
}
