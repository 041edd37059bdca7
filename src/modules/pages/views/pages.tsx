import type { HubLink, WorkGroup } from '../../../platform/module.ts';
import { count } from '../../../platform/text/french.ts';

export interface HomeData {
  total: number;
  items: { title: string; href: string; organisation: string; summary: string | null }[];
}

export function HomePage({ recent }: { recent: HomeData }) {
  return (
    <>
      <h1>Ce que les collectivités font déjà avec l'intelligence artificielle</h1>
      <p class="lead">
        Prévoir les consommations d'eau ou d'énergie, repérer les fuites, lire des documents numérisés, reconnaître des
        formes sur des photographies aériennes, répondre aux habitants… Des communes, des intercommunalités, des
        départements et des régions l'ont déjà fait. La Bibliothèque IA des territoires rassemble leurs expériences pour
        que personne n'ait à réinventer la roue.
      </p>
      <form
        method="get"
        action="/bibliotheque"
        class="search-form home-search"
        aria-label="Rechercher dans la bibliothèque"
      >
        <div class="field search-field">
          <label for="home-q">Rechercher parmi {count(recent.total, 'fiche publiée', 'fiches publiées')}</label>
          <p class="hint" id="home-q-hint">
            Par exemple : prévision des repas, fuites d’eau, lecture de factures.
          </p>
          <input id="home-q" name="q" type="search" class="input" aria-describedby="home-q-hint" maxLength={500} />
        </div>
        <button type="submit" class="button">
          Rechercher
        </button>
      </form>
      {recent.items.length > 0 && (
        <section aria-labelledby="recent-title">
          <h2 id="recent-title">Fiches mises à jour récemment</h2>
          <ul class="cards">
            {recent.items.map((i) => (
              <li class="card">
                <h3>
                  <a href={i.href}>{i.title}</a>
                </h3>
                <p class="meta">{i.organisation}</p>
                {i.summary && <p>{i.summary}</p>}
              </li>
            ))}
          </ul>
          <p>
            <a href="/bibliotheque?tri=updated">Toutes les fiches, les plus récentes d’abord</a>
          </p>
        </section>
      )}
      <div class="actions">
        <a class="button" href="/bibliotheque">
          Explorer la bibliothèque
        </a>
        <a class="button button-secondary" href="/recensements">
          Répondre à un recensement
        </a>
      </div>

      <h2>Ce que vous pouvez faire ici</h2>
      <ul class="cards">
        <li class="card">
          <h3>Trouver un projet proche du vôtre</h3>
          <p>
            Cherchez par thème, technique, statut ou territoire, parmi des fiches documentées et relues par le réseau.
            Consultez la carte et les statistiques.
          </p>
          <p>
            <a href="/bibliotheque">Parcourir les fiches</a>
          </p>
        </li>
        <li class="card">
          <h3>Recenser les initiatives</h3>
          <p>
            Les réseaux de collectivités envoient des questionnaires à leurs membres : projets d'IA, participation
            citoyenne et politiques numériques. Chaque collectivité y répond à plusieurs, à son rythme.
          </p>
          <p>
            <a href="/recensements">Voir les recensements</a>
          </p>
        </li>
        <li class="card">
          <h3>Réutiliser les données</h3>
          <p>
            Toutes les fiches publiées sont téléchargeables sous Licence Ouverte 2.0 (CSV, JSON, tableur) et
            interrogeables par une API documentée.
          </p>
          <p>
            <a href="/donnees-ouvertes">Données ouvertes et API</a>
          </p>
        </li>
        <li class="card">
          <h3>Mettre en commun</h3>
          <p>
            Repérez les sujets sur lesquels plusieurs collectivités travaillent déjà, pour mutualiser les efforts et
            construire des communs.
          </p>
          <p>
            <a href="/collectivites">Voir les collectivités</a>
          </p>
        </li>
      </ul>

      <h2>Qui peut faire quoi</h2>
      <dl class="summary">
        <dt>Tout le monde</dt>
        <dd>consulte, recherche et télécharge les fiches publiées, la carte et les statistiques.</dd>
        <dt>Les agents des collectivités</dt>
        <dd>
          rejoignent leur collectivité, rédigent ses fiches et répondent à ses questionnaires. Certaines informations ne
          sont visibles que des membres du réseau.
        </dd>
        <dt>Les coordinateurs du réseau</dt>
        <dd>relisent et publient les fiches, lancent les recensements et en suivent les réponses.</dd>
      </dl>
    </>
  );
}

export function AccessibilityPage() {
  return (
    <>
      <h1>Déclaration d'accessibilité</h1>
      <p>
        L'équipe de la Bibliothèque IA des territoires s'engage à rendre ce service accessible conformément à l'article
        47 de la loi n° 2005-102 du 11 février 2005, selon le référentiel général d'amélioration de l'accessibilité
        (RGAA).
      </p>
      <h2>État de conformité</h2>
      <p>
        Ce site est <strong>partiellement conforme</strong> au RGAA : il n'a pas encore fait l'objet d'un audit externe.
        Chaque type de page est vérifié automatiquement (règles WCAG 2.1 niveaux A et AA) et les parcours principaux
        sont testés au clavier seul.
      </p>
      <h2>Ce que nous avons prévu</h2>
      <ul>
        <li>toutes les fonctions essentielles marchent sans JavaScript ;</li>
        <li>les graphiques sont accompagnés de leurs données sous forme de tableau ;</li>
        <li>la carte a une alternative en tableau ;</li>
        <li>les erreurs de saisie sont résumées en haut de page et reliées aux champs concernés.</li>
      </ul>
      <h2>Signaler un défaut</h2>
      <p>
        Si vous n'arrivez pas à accéder à un contenu ou à un service, écrivez aux administrateurs de la plateforme de
        votre réseau : ils vous répondront et vous fourniront l'information sous une autre forme.
      </p>
    </>
  );
}

export function PrivacyPage() {
  return (
    <>
      <h1>Données personnelles</h1>
      <p>
        Nous ne collectons que ce qui est nécessaire : votre adresse électronique et votre nom pour votre compte, les
        collectivités auxquelles vous êtes rattaché, et les contacts que les collectivités choisissent d'indiquer sur
        leurs fiches (visibles des seuls membres du réseau).
      </p>
      <p>
        Aucun traceur publicitaire ni outil de mesure d'audience tiers n'est utilisé. Un seul cookie de session est
        déposé lorsque vous vous connectez, et un cookie technique protège les formulaires.
      </p>
      <p>Depuis la page « Mon compte », vous pouvez télécharger vos données et supprimer votre compte à tout moment.</p>
      <h2>Consultations des habitants</h2>
      <p>
        Une consultation « sans compte » ne relie vos réponses à personne. Pour qu’une même personne ne réponde pas
        plusieurs fois, un cookie technique indique que ce navigateur a répondu, et votre adresse de connexion est
        gardée sous forme d’empreinte propre à la consultation, dont on ne peut pas retrouver l’adresse : elle sert
        seulement à limiter le nombre de réponses par heure. Une consultation « avec un compte » garde votre réponse
        avec votre compte : elle figure dans l’export de vos données et elle est effacée avec votre compte. Les
        résultats publiés ne comptent que des totaux, jamais sous cinq réponses, et jamais les réponses écrites.
      </p>
      <h2>Contributions citoyennes</h2>
      <p>
        Vos questions et commentaires sous les fiches et les initiatives sont publiés sous le pseudonyme que vous
        choisissez, seule information publique à votre sujet. Pour limiter les envois en rafale, la plateforme garde
        avec chaque message une empreinte de votre adresse de connexion, dont on ne peut pas retrouver l’adresse. Vos
        messages, signalements et abonnements figurent dans l’export de vos données. Si vous supprimez votre compte,
        votre pseudonyme, vos signalements et vos abonnements sont effacés ; vos messages restent publiés, anonymisés,
        sous la mention « Contribution d’un compte supprimé » (voir la{' '}
        <a href="/participation/charte">charte des contributions</a>).
      </p>
      <h2>Contacts professionnels des collectivités</h2>
      <p>
        Pour chaque collectivité, la plateforme garde les contacts professionnels que ses responsables ou les
        coordinateurs du réseau enregistrent ou importent : nom, fonction, adresse électronique et téléphone
        professionnels, origine et date d’ajout. Ils servent à inviter la collectivité aux recensements et à la joindre
        au sujet de ses fiches. Seuls les responsables de la collectivité et les coordinateurs du réseau les voient.
      </p>
      <p>
        Base légale : l’exécution d’une mission d’intérêt public (article 6.1.e du RGPD), le partage entre collectivités
        de leurs usages de l’IA ; il s’agit de contacts professionnels d’organismes publics, dans l’exercice de leurs
        fonctions.
      </p>
      <p>
        Durée de conservation : tant que la personne occupe la fonction indiquée. Les responsables de la collectivité et
        les coordinateurs suppriment un contact dès qu’il n’est plus à jour ou que la personne le demande. Une personne
        dont l’adresse est celle d’un contact retrouve ce contact dans l’export de ses données (« Mon compte ») et le
        voit effacé avec son compte ; sans compte, elle écrit aux coordinateurs du réseau.
      </p>
    </>
  );
}

/** The coordinators' hub: every review and census task in one place (the links come from every module). */
export function CoordinationHome({ links }: { links: (HubLink & { count?: number })[] }) {
  return (
    <>
      <h1>Coordination du réseau</h1>
      <p class="lead">Relecture des fiches, recensements et adhésions : tout ce que le réseau suit au quotidien.</p>
      <ul class="cards">
        {links.map((l) => (
          <li class="card">
            <h2>
              <a href={l.href}>{l.label}</a>
              {l.count ? (
                <>
                  {' '}
                  <span class="count-badge">
                    {l.count}
                    <span class="visually-hidden"> en attente</span>
                  </span>
                </>
              ) : null}
            </h2>
            <p>{l.description}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

/** « Mon espace »: what waits for the person, most urgent first, each item linking to the exact place. */
export function MyWorkPage({ groups, name }: { groups: WorkGroup[]; name: string }) {
  const total = groups.reduce((s, g) => s + g.count, 0);
  return (
    <>
      <h1>Mon espace</h1>
      <p class="lead">
        Bonjour {name}.{' '}
        {total === 0
          ? 'Rien ne vous attend pour le moment.'
          : `${total} ${total > 1 ? 'choses vous attendent' : 'chose vous attend'}, de la plus urgente à la moins urgente.`}
      </p>
      {groups.length > 0 && (
        <nav aria-label="Résumé" class="toc">
          <ul>
            {groups.map((g) => (
              <li>
                <a href={`#${g.key}`}>
                  {g.label} ({g.count})
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {groups.map((g) => (
        <section id={g.key} aria-labelledby={`${g.key}-title`} class="work-group">
          <h2 id={`${g.key}-title`}>
            {g.label} <span class="count-badge">{g.count}</span>
          </h2>
          <ul class="work-list">
            {g.items.map((i) => (
              <li>
                <a href={i.href}>{i.title}</a>
                {i.detail && <p class="meta prose">{i.detail}</p>}
              </li>
            ))}
          </ul>
          {g.count > g.items.length && (
            <p>
              <a href={g.href}>
                Voir les {g.count} éléments<span class="visually-hidden"> : {g.label}</span>
              </a>
            </p>
          )}
        </section>
      ))}
      <h2>Raccourcis</h2>
      <ul class="link-list">
        <li>
          <a href="/collectivites/rejoindre">Rejoindre ma collectivité</a> (pour rédiger ses fiches et répondre à ses
          recensements)
        </li>
        <li>
          <a href="/bibliotheque/mes-fiches">Les fiches de ma collectivité</a>
        </li>
        <li>
          <a href="/recensements">Mes recensements</a>
        </li>
        <li>
          <a href="/compte">Mon compte (nom, adresse, mot de passe, mes données)</a>
        </li>
      </ul>
    </>
  );
}
