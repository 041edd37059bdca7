// The authority picker: turns each [data-organisation-picker] search field into an ARIA 1.2 combobox
// (list autocomplete) fed by its JSON endpoint (data-endpoint, by default /api/v1/organisations) with ?q=.
// Without this script the field is a plain search form. The markup is src/platform/ui/organisation-picker.tsx.

interface Suggestion {
  id: number;
  name: string;
  context: string;
  url: string;
}

const MIN_CHARS = 2;
const DELAY_MS = 200;
let counter = 0;

function enhance(root: HTMLElement) {
  const found = root.querySelector<HTMLInputElement>('input[data-picker-input]');
  if (!found) return;
  const input: HTMLInputElement = found;
  const mode = root.dataset.mode === 'select' ? 'select' : 'navigate';
  const href = root.dataset.href || '/collectivites/{id}';
  const filter = root.dataset.filter ? `&${root.dataset.filter}` : '';
  const endpoint = root.dataset.endpoint || '/api/v1/organisations';
  const hidden = root.querySelector<HTMLInputElement>('input[data-picker-value]');
  const base = input.id || `organisation-picker-${++counter}`;
  input.id = base;

  const instructions = document.createElement('p');
  instructions.id = `${base}-aide-clavier`;
  instructions.className = 'visually-hidden';
  instructions.textContent =
    'Des suggestions apparaissent pendant la saisie : flèches haut et bas pour les parcourir, Entrée pour choisir, Échap pour les fermer.';

  const list = document.createElement('ul');
  list.id = `${base}-suggestions`;
  list.className = 'combobox-list';
  list.setAttribute('role', 'listbox');
  const label = root.querySelector('label');
  list.setAttribute('aria-label', `Suggestions : ${label?.textContent ?? 'collectivités'}`);
  list.hidden = true;

  const status = document.createElement('div');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('autocomplete', 'off');
  input.setAttribute(
    'aria-describedby',
    [input.getAttribute('aria-describedby'), instructions.id].filter(Boolean).join(' '),
  );
  root.append(instructions, list, status);

  let items: Suggestion[] = [];
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | null = null;
  let lastQuery = '';

  const say = (text: string) => {
    status.textContent = text;
  };

  function open() {
    if (!items.length) return;
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
    for (const li of list.children) li.setAttribute('aria-selected', 'false');
  }

  function highlight(index: number) {
    active = index;
    list.querySelectorAll('li').forEach((li, i) => {
      li.setAttribute('aria-selected', i === index ? 'true' : 'false');
    });
    const current = index >= 0 ? list.children[index] : null;
    if (current) {
      input.setAttribute('aria-activedescendant', current.id);
      (current as HTMLElement).scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  }

  function render() {
    list.replaceChildren(
      ...items.map((item, i) => {
        const li = document.createElement('li');
        li.id = `${list.id}-${i}`;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.dataset.index = String(i);
        const name = document.createElement('span');
        name.textContent = item.name;
        const context = document.createElement('span');
        context.className = 'meta';
        context.textContent = ` — ${item.context}`;
        li.append(name, context);
        return li;
      }),
    );
  }

  function choose(index: number) {
    const item = items[index];
    if (!item) return;
    if (mode === 'navigate') {
      window.location.assign(href.replace('{id}', String(item.id)));
      return;
    }
    input.value = item.name;
    if (hidden) hidden.value = String(item.id);
    close();
    say(`${item.name} choisi.`);
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }

  async function search() {
    const q = input.value.trim();
    if (q === lastQuery) return;
    lastQuery = q;
    controller?.abort();
    if (q.length < MIN_CHARS) {
      items = [];
      render();
      close();
      return;
    }
    controller = new AbortController();
    try {
      const response = await fetch(`${endpoint}?perPage=8&q=${encodeURIComponent(q)}${filter}`, {
        headers: { accept: 'application/json' },
        signal: controller.signal,
      });
      if (!response.ok) throw new Error(String(response.status));
      const body = (await response.json()) as { data: Suggestion[]; total: number };
      items = body.data;
      render();
      if (items.length) {
        open();
        const more = body.total > items.length ? ` sur ${body.total}` : '';
        say(`${items.length} suggestion${items.length > 1 ? 's' : ''}${more}.`);
      } else {
        close();
        say('Aucune collectivité ne correspond.');
      }
    } catch (e) {
      if ((e as Error).name === 'AbortError') return;
      items = [];
      render();
      close();
      say('Suggestions indisponibles : validez le formulaire pour voir les résultats.');
    }
  }

  input.addEventListener('input', () => {
    if (hidden) hidden.value = '';
    clearTimeout(timer);
    timer = setTimeout(search, DELAY_MS);
  });

  input.addEventListener('keydown', (event) => {
    switch (event.key) {
      case 'ArrowDown':
        if (!items.length) return;
        event.preventDefault();
        if (list.hidden) open();
        highlight(active + 1 >= items.length ? 0 : active + 1);
        break;
      case 'ArrowUp':
        if (!items.length) return;
        event.preventDefault();
        if (list.hidden) open();
        highlight(active <= 0 ? items.length - 1 : active - 1);
        break;
      case 'Enter':
        // With a highlighted suggestion: choose it. Otherwise the form is submitted (plain results page).
        if (!list.hidden && active >= 0) {
          event.preventDefault();
          choose(active);
        }
        break;
      case 'Escape':
        if (!list.hidden) {
          event.preventDefault();
          close();
        }
        break;
      case 'Tab':
        close();
        break;
    }
  });

  input.addEventListener('blur', () => {
    setTimeout(close, 150);
  });
  input.addEventListener('focus', () => {
    if (items.length && input.value.trim() === lastQuery) open();
  });
  // Keep the focus in the field when an option is pressed with a pointer.
  list.addEventListener('mousedown', (event) => event.preventDefault());
  list.addEventListener('click', (event) => {
    const li = (event.target as HTMLElement).closest<HTMLElement>('li[role="option"]');
    if (li) choose(Number(li.dataset.index));
  });
}

for (const root of document.querySelectorAll<HTMLElement>('[data-organisation-picker]')) enhance(root);
