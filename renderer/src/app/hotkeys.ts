import { routes, tabs, type RouteEntry } from './routes';

type KeyLike = Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>;

/** "F2", "Alt+3", "Ctrl+S": does the key event press exactly this? */
export function matchesKey(e: KeyLike, key: string): boolean {
  const parts = key.split('+');
  const main = parts.pop() ?? '';
  const want = new Set(parts.map((p) => p.toLowerCase()));
  return e.key.toLowerCase() === main.toLowerCase() && e.altKey === want.has('alt') && (e.ctrlKey || e.metaKey) === want.has('ctrl') && e.shiftKey === want.has('shift');
}

/** The route a key opens among those shown, and how: its own hotkey, or Alt+N for the n-th tab. */
export function routeForKey(e: KeyLike, shown: readonly RouteEntry[] = routes): { route: RouteEntry; via: 'hotkey' | 'tab' } | null {
  const shownTabs = shown === routes ? tabs : shown.filter((r) => r.tab);
  for (const route of shown) {
    if (route.hotkey && matchesKey(e, route.hotkey)) return { route, via: 'hotkey' };
    const n = shownTabs.indexOf(route);
    if (n >= 0 && n < 9 && matchesKey(e, `Alt+${n + 1}`)) return { route, via: 'tab' };
  }
  return null;
}
