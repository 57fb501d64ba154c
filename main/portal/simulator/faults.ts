import { z } from 'zod';

// Fault injection (PROTOCOL.md, "Simulator administration"): set for the run with
// POST /__sim/faults (or `faults.set` in process), or for one request with the header
// `X-Sim-Fault: <fault>[, <fault>…]`. Each request gets a FaultPlan up front; the server applies
// it at the right moment (before reading the request, instead of the handler, after commit).

const rate = z.number().min(0).max(1);

export const forcedAnswerSchema = z.object({
  /** HTTP method to match; any method when omitted. */
  method: z.string().min(1).max(10).optional(),
  /** The request path (without the query), `*` matching one path segment: "/dossiers/*". */
  path: z.string().min(1).max(500),
  status: z.number().int().min(400).max(599),
  code: z.string().min(1).max(60).optional(),
  /** How many matching requests get this answer; every one until the next set/reset when omitted. */
  times: z.number().int().min(1).optional(),
});

export const faultConfigSchema = z.strictObject({
  latencyMs: z.number().min(0).max(60_000).default(0),
  jitterMs: z.number().min(0).max(60_000).default(0),
  rate5xx: rate.default(0),
  dropBeforeCommit: rate.default(0),
  dropAfterCommit: rate.default(0),
  /** > 0: every answer is written in small pieces this many ms apart. */
  slowBodyMs: z.number().min(0).max(60_000).default(0),
  garbageRate: rate.default(0),
  /** Lifetime of the tokens issued from now on. */
  tokenTtlSeconds: z.number().int().min(1).max(7 * 24 * 3600).default(3600),
  force: z.array(forcedAnswerSchema).max(100).default([]),
  /** Leases as a portal that does not read `DaDung` (from its own counter only): tests the station's check of a lease. */
  leaseIgnoresUsed: z.boolean().default(false),
});

export type FaultSettings = z.input<typeof faultConfigSchema>;
export type FaultConfig = z.output<typeof faultConfigSchema>;
export type ForcedAnswer = z.output<typeof forcedAnswerSchema>;

export const REQUEST_FAULTS = ['5xx', 'drop-before-commit', 'drop-after-commit', 'slow-body', 'garbage', 'expire-token', '409', '422'] as const;
export type RequestFault = (typeof REQUEST_FAULTS)[number];

/** Piece delay of a slow body asked by header when the run sets none. */
export const DEFAULT_SLOW_BODY_MS = 100;

export type FaultPlan = Readonly<{
  latencyMs: number;
  dropBeforeCommit: boolean;
  status5xx: boolean;
  forced: Readonly<{ status: number; code: string | undefined }> | null;
  /** 409 / 422 asked by header: the route's usual code for that status, without effect. */
  conflict: 409 | 422 | null;
  expireToken: boolean;
  dropAfterCommit: boolean;
  garbage: boolean;
  slowBodyMs: number;
}>;

type CompiledForce = { answer: ForcedAnswer; pattern: RegExp; left: number };

export class Faults {
  #config: FaultConfig = faultConfigSchema.parse({});
  #forced: CompiledForce[] = [];
  readonly #random: () => number;

  constructor(random: () => number = Math.random) {
    this.#random = random;
  }

  get config(): FaultConfig {
    return this.#config;
  }

  /** Replaces the whole configuration: what `settings` omits is off. Throws a ZodError if invalid. */
  set(settings: FaultSettings): FaultConfig {
    this.#config = faultConfigSchema.parse(settings);
    this.#forced = this.#config.force.map((answer) => ({
      answer,
      pattern: new RegExp(`^${answer.path.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+')}$`),
      left: answer.times ?? Number.POSITIVE_INFINITY,
    }));
    return this.#config;
  }

  reset(): void {
    this.set({});
  }

  /** Decides the faults of one request. `header` is the raw X-Sim-Fault value. */
  plan(method: string, path: string, header: string | undefined): FaultPlan {
    const c = this.#config;
    const asked = new Set(header ? header.split(',').map((s) => s.trim().toLowerCase()) : []);
    const roll = (p: number) => p > 0 && this.#random() < p;
    let forced: FaultPlan['forced'] = null;
    for (const f of this.#forced) {
      if (f.left <= 0 || (f.answer.method && f.answer.method.toUpperCase() !== method) || !f.pattern.test(path)) continue;
      f.left -= 1;
      forced = { status: f.answer.status, code: f.answer.code };
      break;
    }
    const slow = asked.has('slow-body') ? c.slowBodyMs || DEFAULT_SLOW_BODY_MS : c.slowBodyMs;
    return {
      latencyMs: c.latencyMs + (c.jitterMs > 0 ? this.#random() * c.jitterMs : 0),
      dropBeforeCommit: asked.has('drop-before-commit') || roll(c.dropBeforeCommit),
      status5xx: asked.has('5xx') || roll(c.rate5xx),
      forced,
      conflict: asked.has('409') ? 409 : asked.has('422') ? 422 : null,
      expireToken: asked.has('expire-token'),
      dropAfterCommit: asked.has('drop-after-commit') || roll(c.dropAfterCommit),
      garbage: asked.has('garbage') || roll(c.garbageRate),
      slowBodyMs: slow,
    };
  }
}
