import { useEffect, useRef } from 'react';

// How a screen learns that the officer asked for it: a hotkey (F2 means "a new dossier", F3
// "the search box"), a tab, or coming back from a page it opened. The shell records each
// request; a screen handles the one that brought it (also when it was still loading) and every
// later one while it is shown.

export type VisitKind = 'hotkey' | 'tab' | 'back' | 'mount';
export type Visit = Readonly<{ routeId: string; kind: VisitKind; seq: number; detail?: string | undefined }>;

let last: Visit | null = null;
let seq = 0;
const listeners = new Set<(visit: Visit) => void>();

export function requestVisit(routeId: string, kind: Exclude<VisitKind, 'mount'>, detail?: string): void {
  last = { routeId, kind, seq: ++seq, detail };
  for (const listener of [...listeners]) listener(last);
}

/** Calls `handle` when the screen mounts (with the request that brought it, or `mount`) and on each later request for it. */
export function useVisit(routeId: string, handle: (visit: Visit) => void): void {
  const latest = useRef(handle);
  useEffect(() => { latest.current = handle; });
  useEffect(() => {
    let handled = 0;
    const take = (visit: Visit) => {
      if (visit.routeId !== routeId || visit.seq <= handled) return;
      handled = visit.seq;
      latest.current(visit);
    };
    if (last && last.routeId === routeId && last.seq > (consumed.get(routeId) ?? 0)) {
      consumed.set(routeId, last.seq);
      take(last);
    } else {
      latest.current({ routeId, kind: 'mount', seq: 0 });
    }
    handled = Math.max(handled, seq);
    const listener = (v: Visit) => { if (v.routeId === routeId) consumed.set(routeId, v.seq); take(v); };
    listeners.add(listener);
    return () => { listeners.delete(listener); };
  }, [routeId]);
}

/** The last request each route's screen handled: a later mount (the officer comes back by mouse) is a plain mount. */
const consumed = new Map<string, number>();
