import { Component, Suspense, useEffect, useMemo, useRef, type ErrorInfo, type ReactNode } from 'react';
import { Route, Switch, useLocation } from 'wouter';
import { SyncStatusBar } from '../features/sync/SyncStatusBar';
import { PrintStatus } from '../features/printing/PrintStatus';
import { translate, useLang, useMessages } from '../common/i18n/i18n';
import { useLinkState, useStation } from '../common/station';
import { requestVisit } from '../common/visits';
import { routeForKey } from './hotkeys';
import { shellWords } from './messages';
import { keysOf, routes as allRoutes, routesFor, type RouteEntry } from './routes';
import { OfficerMenu } from '../features/officers/OfficerMenu';
import { useOfficer } from '../common/officer';
import { WatchBadge } from '../features/watch/WatchBadge';

/** The top bar with the tabs, the screen, the status bar; the hotkeys of the registry. */
export function Shell() {
  const t = useMessages(shellWords);
  const lang = useLang();
  const [location, navigate] = useLocation();
  const settings = useStation('settings.get', {});
  const info = useStation('app.info', {});
  const link = useLinkState();
  const officer = useOfficer();
  const roleList = (officer?.roles ?? []).join();
  const routes = useMemo(() => routesFor(roleList.split(',')), [roleList]);
  const tabs = useMemo(() => routes.filter((r) => r.tab), [routes]);

  const go = (route: RouteEntry, via: 'hotkey' | 'tab') => {
    if (location !== route.path) navigate(route.path);
    requestVisit(route.id, via);
  };
  const goRef = useRef(go);
  const routesRef = useRef(routes);
  useEffect(() => { goRef.current = go; routesRef.current = routes; });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const hit = routeForKey(e, routesRef.current);
      if (!hit) return;
      e.preventDefault();
      goRef.current(hit.route, hit.via);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Every screen's code loads right after the first one is shown (local files, a few ms), so
  // that the first F3 or Alt+N of the day shows its screen at once and no key is lost to loading.
  useEffect(() => { for (const r of routes) void r.load(); }, [routes]);

  // A screen this officer does not have (a leader has no intake; the officer before had the
  // administration open) gives way to their first tab.
  useEffect(() => {
    const mine = routes.some((r) => showsPath(r, location));
    if (!mine && (location === '/' || allRoutes.some((r) => showsPath(r, location))) && tabs[0]) navigate(tabs[0].path, { replace: true });
  }, [location, routes, tabs, navigate]);

  const active = routes.find((r) => r.path !== '/' && showsPath(r, location)) ?? routes[0];
  const activeTab = active?.tab ? active.id : active?.tabOf;

  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <strong>{settings.data?.agency.name ?? ''}</strong>
          <span>{settings.data?.agency.unitName ?? t('appTitle')}</span>
        </div>
        <nav role="tablist" aria-label={t('appTitle')}>
          {tabs.map((r) => (
            <button key={r.id} role="tab" aria-selected={activeTab === r.id} className={activeTab === r.id ? 'active' : ''} onClick={() => go(r, 'tab')} tabIndex={-1}>
              {translate(r.label, lang)} <kbd>{keysOf(r, tabs)[0]}</kbd>{r.id === 'watch' ? <WatchBadge /> : null}
            </button>
          ))}
        </nav>
        {settings.data?.agency.demo ? <span className="badge demo">{t('demoData')}</span> : null}
        <OfficerMenu />
      </header>
      {link === 'down' ? <p className="link-down" role="alert">{t('linkDown')}</p> : null}
      <Screens routes={routes} />
      <footer className="statusbar">
        <SyncStatusBar />
        <PrintStatus />
        <span className="spacer" />
        <span>{routes.filter((r) => r.hotkey).map((r) => `${r.hotkey} ${translate(r.hotkeyHint ?? r.label, lang)}`).join(' · ')} · {t('keys')}</span>
        {info.data && (
          <>
            <span>{info.data.host === 'web' ? t('webHost') : t('desktopHost')} · v{info.data.version}</span>
            <span title={info.data.dataDir}>{t('schema', { n: info.data.schemaVersion })}</span>
          </>
        )}
      </footer>
    </div>
  );
}

/** Whether the address is this route's ("/dossiers/:code" shows "/dossiers/000…"). */
function showsPath(route: RouteEntry, location: string): boolean {
  return route.path === '/' ? location === '/' : location.startsWith(route.path.replace(/\/:.*$/, ''));
}

function Screens({ routes }: { routes: readonly RouteEntry[] }) {
  const t = useMessages(shellWords);
  return (
    <Switch>
      {routes.map((r) => (
        <Route key={r.id} path={r.path}>
          {(params) => (
            <ScreenFrame key={r.id}>
              {r.tabOf === 'admin' ? (
                <SectionMenu pages={routes.filter((x) => x.tabOf === 'admin')} current={r.id}>
                  <r.screen params={params} />
                </SectionMenu>
              ) : (
                <r.screen params={params} />
              )}
            </ScreenFrame>
          )}
        </Route>
      ))}
      <Route>
        <main className="content"><p className="banner">{t('notFound')}</p></main>
      </Route>
    </Switch>
  );
}

/** The administration's pages with their menu beside them (one tab, many pages). */
function SectionMenu({ pages, current, children }: { pages: readonly RouteEntry[]; current: string; children: ReactNode }) {
  const lang = useLang();
  const [, navigate] = useLocation();
  return (
    <div className="section">
      <nav className="section-menu" aria-label={translate({ vi: 'Quản trị', en: 'Administration' }, lang)}>
        {pages.map((p) => (
          <a key={p.id} href={`#${p.path}`} aria-current={p.id === current ? 'page' : undefined} onClick={(e) => { e.preventDefault(); navigate(p.path); }}>
            {translate(p.label, lang)}
          </a>
        ))}
      </nav>
      <div className="section-page">{children}</div>
    </div>
  );
}

/**
 * The screen's frame: while it loads, a quiet placeholder; when it is shown and nothing inside
 * took focus, the frame holds it, so that Tab and the screen's keys work (focus is never nowhere).
 */
function ScreenFrame({ children }: { children: ReactNode }) {
  const frame = useRef<HTMLElement>(null);
  return (
    <main ref={frame} className="content" tabIndex={-1}>
      <LoadBoundary>
        <Suspense fallback={<Loading />}>
          {children}
          <FocusFallback frame={frame} />
        </Suspense>
      </LoadBoundary>
    </main>
  );
}

function FocusFallback({ frame }: { frame: React.RefObject<HTMLElement | null> }) {
  useEffect(() => {
    const lost = () => document.activeElement === null || document.activeElement === document.body || !document.activeElement.isConnected;
    // After the screen's own effects (which run first) and the frame that follows them.
    const timer = requestAnimationFrame(() => { if (lost()) frame.current?.focus({ preventScroll: true }); });
    return () => cancelAnimationFrame(timer);
  });
  return null;
}

function Loading() {
  const t = useMessages({});
  return <p className="muted loading">{t('loading')}</p>;
}

class LoadBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('[screen]', error, info.componentStack);
  }
  override render() {
    return this.state.failed ? <LoadFailed /> : this.props.children;
  }
}

function LoadFailed() {
  const t = useMessages(shellWords);
  return <p className="banner error" role="alert">{t('loadFailed')}</p>;
}
