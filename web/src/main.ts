// Start-up, the page frame (skip link, header, role-aware menu, language switch) and the hash
// router. Hash routes (#/review) keep the server's static file handling trivial.
import { loadSession, setUnauthenticatedHandler, signIn, signOut, sessionUser, ApiError } from './api';
import { announce, bdi, h, replace } from './dom';
import { locale, setLocale, t } from './i18n';
import { errorBox, field, showFormErrors } from './components/ui';
import { landingPath, match, routes, type PageContext } from './routes';
import type { MessageKey } from './messages/ko';
import type { User } from './types';

const app = document.getElementById('app') as HTMLElement;

function currentLocation(): { path: string; query: URLSearchParams } {
  const raw = window.location.hash.replace(/^#/, '') || '/';
  const [path = '/', search = ''] = raw.split('?');
  return { path, query: new URLSearchParams(search) };
}

function go(path: string): void {
  const target = `#${path}`;
  if (window.location.hash === target) void render();
  else window.location.hash = target;
}

setUnauthenticatedHandler(() => {
  const { path } = currentLocation();
  if (path !== '/signin') go(`/signin?next=${encodeURIComponent(path)}`);
});

function languageSwitch(): HTMLElement {
  const next = locale() === 'ko' ? 'en' : 'ko';
  return h(
    'button',
    {
      type: 'button',
      class: 'lang-switch',
      lang: next,
      'aria-label': next === 'en' ? 'English (영어로 보기)' : '한국어 (View in Korean)',
      onclick: () => {
        setLocale(next);
        void render();
        // Keep the focus on the switch after the frame is redrawn.
        window.setTimeout(() => document.querySelector<HTMLElement>('.lang-switch')?.focus(), 0);
      },
    },
    next === 'en' ? 'English' : '한국어',
  );
}

function skipLink(): HTMLElement {
  return h(
    'a',
    {
      class: 'skip-link',
      href: '#main',
      onclick: (event: Event) => {
        // The hash is the router's; move focus without changing it.
        event.preventDefault();
        document.getElementById('main')?.focus();
      },
    },
    t('frame.skip'),
  );
}

function frame(user: User | null, activePath: string): { main: HTMLElement; heading: HTMLElement; body: HTMLElement } {
  const heading = h('h1', { id: 'page-title', tabindex: -1 });
  const body = h('div', { class: 'page-body' });
  const main = h('main', { id: 'main', tabindex: -1, 'aria-labelledby': 'page-title' }, heading, body);
  const header = h(
    'header',
    { class: 'site-header' },
    h('a', { class: 'brand', href: user ? `#${landingPath(user.role)}` : '#/signin' }, h('span', { 'aria-hidden': 'true', class: 'brand-mark' }, '親'), t('frame.brand')),
    h(
      'div',
      { class: 'header-tools' },
      user ? h('span', { class: 'who' }, bdi(user.display_name), ` · ${t(`role.${user.role}` as MessageKey)}`) : null,
      languageSwitch(),
      user
        ? h('button', {
            type: 'button',
            onclick: async () => {
              await signOut().catch(() => undefined);
              go('/signin');
              announce(t('signin.signedOut'));
            },
          }, t('frame.signOut'))
        : null,
    ),
  );
  let nav: HTMLElement | null = null;
  if (user) {
    const items = routes.filter((r) => r.menu?.includes(user.role));
    // The menu entry of this page: the longest menu path it is under (/coaching/library is the
    // library's page, not the plans' page).
    const current = items
      .filter((r) => activePath === r.path || activePath.startsWith(`${r.path}/`))
      .sort((a, b) => b.path.length - a.path.length)[0];
    nav = h(
      'nav',
      { class: 'site-nav', 'aria-label': t('frame.menu') },
      h(
        'ul',
        null,
        items.map((r) =>
          h('li', null, h('a', { href: `#${r.path}`, 'aria-current': r === current ? 'page' : null }, t(r.title))),
        ),
      ),
    );
  }
  replace(
    app,
    skipLink(),
    header,
    nav,
    main,
    h('footer', { class: 'site-footer' }, t('frame.footer')),
  );
  return { main, heading, body };
}

function signInPage(query: URLSearchParams): void {
  const { heading, body } = frame(null, '/signin');
  heading.textContent = t('signin.title');
  document.title = `${t('signin.title')} · ${t('frame.brand')}`;
  const login = h('input', { type: 'text', name: 'login', autocomplete: 'username', required: true, 'data-field': 'login', autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true, 'data-field': 'password' });
  const errors = h('div', { 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit', class: 'primary touch' }, t('signin.submit'));
  const form = h(
    'form',
    {
      class: 'signin',
      novalidate: true,
      onsubmit: async (event: Event) => {
        event.preventDefault();
        errors.replaceChildren();
        if (!login.value.trim() || !password.value) {
          errors.append(errorBox(new Error(t('signin.missing'))));
          (login.value.trim() ? password : login).focus();
          return;
        }
        submit.disabled = true;
        try {
          const user = await signIn(login.value.trim(), password.value);
          const next = query.get('next');
          go(next && next !== '/signin' && match(next)?.route.roles.includes(user.role) ? next : landingPath(user.role));
        } catch (error) {
          errors.append(
            error instanceof ApiError && error.status === 401 ? errorBox(new Error(t('signin.wrong')))
            : error instanceof ApiError && error.status === 429 ? errorBox(new Error(t('error.locked')))
            : showFormErrors(form, error),
          );
          password.value = '';
          password.focus();
        } finally {
          submit.disabled = false;
        }
      },
    },
    h('p', null, t('signin.intro')),
    errors,
    field(t('signin.login'), login),
    field(t('signin.password'), password),
    submit,
  );
  body.append(form);
  login.focus();
}

let renderCount = 0;

async function render(): Promise<void> {
  const ticket = ++renderCount;
  document.documentElement.lang = locale();
  const { path, query } = currentLocation();
  let user = sessionUser();
  if (!user && path !== '/signin') {
    try {
      user = await loadSession();
    } catch (error) {
      const { heading, body } = frame(null, path);
      heading.textContent = t('error.failed');
      body.append(errorBox(error));
      return;
    }
  }
  if (ticket !== renderCount) return;
  if (path === '/signin' || !user) {
    if (path !== '/signin') {
      go(`/signin?next=${encodeURIComponent(path)}`);
      return;
    }
    signInPage(query);
    return;
  }
  const found = match(path);
  if (!found || !found.route.roles.includes(user.role)) {
    if (path === '/' || !found) {
      go(landingPath(user.role));
      return;
    }
  }
  const { heading, body } = frame(user, path);
  if (!found || !found.route.roles.includes(user.role)) {
    heading.textContent = t('error.notFound');
    body.setAttribute('data-ready', 'denied');
    body.append(h('p', null, t('error.notForRole')), h('p', null, h('a', { href: `#${landingPath(user.role)}` }, t('frame.home'))));
    return;
  }
  const setTitle = (title: string): void => {
    heading.textContent = title;
    document.title = `${title} · ${t('frame.brand')}`;
  };
  setTitle(t(found.route.title));
  const context: PageContext = {
    root: body,
    params: found.params,
    query,
    user,
    setTitle,
    navigate: go,
    setQuery: (changes) => {
      const next = new URLSearchParams(query);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === '') next.delete(key);
        else next.set(key, String(value));
      }
      const text = next.toString();
      go(text ? `${path}?${text}` : path);
    },
  };
  body.append(h('p', { class: 'muted', role: 'status' }, t('common.loading')));
  try {
    const content = h('div');
    await found.route.render({ ...context, root: content });
    if (ticket !== renderCount) return;
    body.replaceChildren(...content.childNodes);
    body.setAttribute('data-ready', 'true');
  } catch (error) {
    if (ticket !== renderCount) return;
    body.replaceChildren(errorBox(error));
    body.setAttribute('data-ready', 'error');
  }
}

let lastPath = '';
window.addEventListener('hashchange', () => {
  const { path } = currentLocation();
  const moved = path !== lastPath;
  lastPath = path;
  const focusedName = (document.activeElement as HTMLElement | null)?.getAttribute('name');
  void render().then(() => {
    // A new page: move focus to its heading so screen readers announce it. A filter change on
    // the same page gives the focus back to the control that changed.
    const again = !moved && focusedName ? document.querySelector<HTMLElement>(`#main [name="${CSS.escape(focusedName)}"]`) : null;
    if (again) again.focus();
    else if (moved) document.getElementById('page-title')?.focus();
  });
});
lastPath = currentLocation().path;
void render();
