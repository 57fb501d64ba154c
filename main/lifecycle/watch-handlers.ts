import type { Handlers } from '../contract/dispatch';
import { dueRanges, type DueRanges } from '../core/calendar/due';
import { addDays, fromVietnamLocal, localDateOf, toVietnamLocal } from '../core/time';
import { openConflictCount } from '../storage/lifecycle-store';
import type { LifecycleEnv } from './lifecycle-env';
import { dossierLineOf } from './views';
import { procedureIndex } from './indicators-store';
import { nextWatchDue, readyResults, watchCount, watchGroups, watchList, type WatchRange } from './watch-store';

// The overdue watch (due today, due on the next working day, overdue with its lateness in
// working time), its badge on the shell, and the results waiting to be handed back. The lists
// change as time passes without any write: a timer announces `watch.changed` when the next
// dossier passes its date and when a new day begins.

/** The ranges of the watch's buckets: core/calendar/due.ts gives their bounds, so list and badge agree. */
function rangeOf(bucket: 'overdue' | 'due_today' | 'due_next_working_day', r: DueRanges): WatchRange & { fromShown: string | null } {
  switch (bucket) {
    case 'overdue': return { from: '', toExclusive: r.overdue.toExclusive, fromShown: null };
    case 'due_today': return { from: r.dueToday.from, toExclusive: r.dueToday.toExclusive, fromShown: r.dueToday.from };
    case 'due_next_working_day': return { from: r.dueNextWorkingDay.from, toExclusive: r.dueNextWorkingDay.toExclusive, fromShown: r.dueNextWorkingDay.from };
    default: {
      const unknown: never = bucket;
      throw new Error(`Unknown bucket ${String(unknown)}`);
    }
  }
}

/** Longest wait between two announcements (the clock may be moved; a timer far ahead drifts). */
const MAX_WAIT_MS = 15 * 60_000;

export function watchHandlers(env: LifecycleEnv): Pick<Handlers, 'watch.list' | 'watch.badge' | 'results.ready'> {
  const { ctx } = env;
  const { db } = ctx;

  // The next moment a list changes by itself: the next watched date, or the next midnight.
  let timer: NodeJS.Timeout | undefined;
  /** The moment the timer under way is aiming at. */
  let aim: number | undefined;
  let closed = false;
  // After every change of a dossier (each transition): kept cheap, as it runs before the reply.
  // A timer already aiming at the same moment is left as it is (it fires no later than that
  // moment and schedules again); the clock moved by hand (`clock.changed`) always starts anew.
  const schedule = (force = true) => {
    if (closed) return;
    const now = ctx.now();
    const local = toVietnamLocal(now);
    const next = nextWatchDue(db, local);
    // The next midnight: the end of today's bucket (core/calendar/due.ts `dueRanges`), without its next working day.
    const midnight = fromVietnamLocal(`${addDays(localDateOf(local), 1)}T00:00`).getTime();
    // A date passes once its minute is over: "on or before the appointment" includes that minute.
    const at = Math.min(midnight, next === null ? Infinity : fromVietnamLocal(next).getTime() + 60_000);
    if (!force && timer && aim === at) return;
    if (timer) clearTimeout(timer);
    const wait = Math.max(1_000, Math.min(MAX_WAIT_MS, at - now.getTime()));
    aim = at;
    timer = setTimeout(() => {
      timer = undefined;
      if (ctx.now().getTime() >= at) ctx.events.emit('watch.changed', { now: toVietnamLocal(ctx.now()) });
      schedule();
    }, wait);
    timer.unref?.();
  };
  ctx.events.on('dossier.changed', () => schedule(false));
  ctx.events.on('clock.changed', ({ now }) => {
    ctx.events.emit('watch.changed', { now });
    schedule();
  });
  ctx.onClose(() => {
    closed = true;
    if (timer) clearTimeout(timer);
  });
  schedule();

  return {
    'watch.list': ({ bucket, procedureCode, field, officer, limit, offset }) => {
      const now = toVietnamLocal(ctx.now());
      const calendar = env.calendar();
      const range = rangeOf(bucket, dueRanges(calendar, now));
      const filter = { procedureCode, field, officer };
      const groups = watchGroups(db, range, filter, procedureIndex(db));
      const lang = ctx.language();
      return {
        bucket,
        now,
        from: range.fromShown,
        toExclusive: range.toExclusive,
        total: groups.byProcedure.reduce((sum, g) => sum + g.count, 0),
        dossiers: watchList(db, range, filter, limit, offset).map((r) => dossierLineOf(r, calendar, now, lang)),
        ...groups,
      };
    },
    'watch.badge': () => {
      const now = toVietnamLocal(ctx.now());
      const r = dueRanges(env.calendar(), now);
      return {
        now,
        overdue: watchCount(db, rangeOf('overdue', r)),
        dueToday: watchCount(db, rangeOf('due_today', r)),
        dueNextWorkingDay: watchCount(db, rangeOf('due_next_working_day', r)),
        resultsWaiting: readyResults(db, '', 1, 0).total,
        conflicts: openConflictCount(db),
      };
    },
    'results.ready': ({ query, limit, offset }) => {
      const now = toVietnamLocal(ctx.now());
      const calendar = env.calendar();
      const lang = ctx.language();
      const { total, rows } = readyResults(db, query, limit, offset);
      return { total, dossiers: rows.map((r) => ({ ...dossierLineOf(r, calendar, now, lang), readySince: r.readySince })) };
    },
  };
}
