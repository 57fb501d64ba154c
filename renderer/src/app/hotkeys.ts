import { matchesKey, type KeyLike } from '../common/keys';
import { routes, tabs, type RouteEntry } from './routes';

export { matchesKey } from '../common/keys';

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
