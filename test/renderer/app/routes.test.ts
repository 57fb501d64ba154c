import { describe, expect, it } from 'vitest';

// The shell's tabs, routes and keys all come from one registry (renderer/src/app/routes.ts).
// It names the screens' .tsx modules, which this project's Node type-check does not compile
// (the renderer has its own tsconfig): loaded by path, with the shape the test needs.

type Route = { id: string; path: string; tab: boolean; tabOf?: string };
type KeyLike = { key: string; altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean };
const at = (path: string) => new URL(path, import.meta.url).href;
const { keysOf, pathOf, routes, tabs } = (await import(at('../../../renderer/src/app/routes.ts'))) as {
  keysOf: (r: Route) => string[]; pathOf: (id: string, params?: Record<string, string>) => string; routes: Route[]; tabs: Route[];
};
const { matchesKey, routeForKey } = (await import(at('../../../renderer/src/app/hotkeys.ts'))) as {
  matchesKey: (e: KeyLike, key: string) => boolean; routeForKey: (e: KeyLike) => { route: Route; via: string } | null;
};

const key = (k: string, mods: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey', boolean>> = {}) => ({ key: k, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...mods });

describe('the route registry', () => {
  it('gives the tabs Alt+1… in their order, F2 to intake and F3 to the log book', () => {
    expect(tabs.map((r) => r.id)).toEqual(['intake', 'logbook', 'sync', 'admin', 'watch', 'indicators', 'report']);
    tabs.forEach((r, i) => expect(routeForKey(key(String(i + 1), { altKey: true }))).toEqual({ route: r, via: 'tab' }));
    expect(routeForKey(key('F2'))?.route.id).toBe('intake');
    expect(routeForKey(key('F2'))?.via).toBe('hotkey');
    expect(routeForKey(key('F3'))?.route.id).toBe('logbook');
    expect(routeForKey(key('F2', { ctrlKey: true }))).toBeNull();
    expect(routeForKey(key('8', { altKey: true }))).toBeNull();
    expect(routes.filter((r) => r.tabOf === 'admin').map((r) => r.id)).toEqual(['calendar', 'settings', 'signing', 'scanners', 'officers', 'lifecycle-settings', 'reader', 'queueSettings', 'deskIndicators', 'receiptBooks']);
  });

  it('never gives one key to two routes, nor one path or id twice', () => {
    const keys = routes.flatMap((r) => keysOf(r));
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(routes.map((r) => r.path)).size).toBe(routes.length);
    expect(new Set(routes.map((r) => r.id)).size).toBe(routes.length);
  });

  it('places every page that is not a tab under a tab, and fills the dossier address from its code', () => {
    for (const r of routes.filter((x) => !x.tab)) expect(tabs.map((t) => t.id)).toContain(r.tabOf);
    expect(pathOf('dossier', { code: '000.00.06.H56-261123-0001' })).toBe('/dossiers/000.00.06.H56-261123-0001');
  });

  it('matches keys exactly: Ctrl+S is not S, Alt+1 is not 1', () => {
    expect(matchesKey(key('s', { ctrlKey: true }), 'Ctrl+S')).toBe(true);
    expect(matchesKey(key('s'), 'Ctrl+S')).toBe(false);
    expect(matchesKey(key('1'), 'Alt+1')).toBe(false);
    expect(matchesKey(key('p', { metaKey: true }), 'Ctrl+P')).toBe(true);
  });
});
