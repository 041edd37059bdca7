import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { CurrentUser } from '../auth/user.ts';

export interface NavItem {
  href: string;
  label: string;
}

export interface Flash {
  kind: 'success' | 'info' | 'error';
  message: string;
}

/** What every page knows about the request; provided once by the layout, read with usePage(). */
export interface PageContext {
  user: CurrentUser | null;
  csrfToken: string;
  path: string;
  flash: Flash | null;
  navigation: NavItem[];
  baseUrl: string;
}

export const PageContextValue = createContext<PageContext>({
  user: null,
  csrfToken: '',
  path: '/',
  flash: null,
  navigation: [],
  baseUrl: '',
});

export const usePage = () => useContext(PageContextValue);
