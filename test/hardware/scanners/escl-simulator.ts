import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import sharp from 'sharp';
import { find, numberOf, parseXml, textOf } from '../../../hardware/scanners/xml';

// An eSCL (AirScan) scanner as a real HTTP server, for tests and demos: capabilities and status
// documents, scan jobs with NextDocument until 404 and DELETE to cancel, and the faults real
// devices show — an empty feeder, a jam after some pages, busy, slow pages, a PDF where a JPEG
// was asked, damaged JPEGs, a scanner that drops off the network mid-job.

export type SimulatorOptions = {
  /** Sheets in the feeder (each gives 2 pages in duplex). */
  sheets?: number;
  /** Answer ScanJobs with 503 (another job on the device panel). */
  busy?: boolean;
  /** Jam after delivering this many pages. */
  jamAfter?: number;
  /** Each page is ready this long after the previous one (NextDocument answers 503 meanwhile). */
  pageDelayMs?: number;
  /** What a page is: a JPEG (default), a PDF, a JPEG cut short, bytes that are no image. */
  deliver?: 'jpeg' | 'pdf' | 'truncated' | 'garbage';
  /** Close every connection after this many pages (the scanner lost power or network). */
  vanishAfter?: number;
  /** Backs of sheets in duplex are blank (one-sided documents). */
  blankBacks?: boolean;
  /** Replaces the capabilities document (absurd values, other vendors' shapes). */
  capabilitiesXml?: string;
  /** Document formats offered. */
  formats?: string[];
};

export type SimulatorJob = {
  id: string;
  settings: { source: string; duplex: boolean; colorMode: string; resolution: number; format: string; widthUnits: number; heightUnits: number };
  delivered: number;
  state: 'Processing' | 'Completed' | 'Canceled' | 'Aborted';
  reasons: string[];
  deleted: boolean;
  pending: number;
  readyAt: number;
};

export type EsclSimulator = {
  url: string;
  options: SimulatorOptions;
  jobs: SimulatorJob[];
  /** Requests seen, "METHOD /path". */
  requests: string[];
  close: () => Promise<void>;
};

export function capabilitiesXml(formats: readonly string[] = ['image/jpeg', 'application/pdf']): string {
  const profile = (modes: string[]) => `
      <scan:SettingProfiles><scan:SettingProfile>
        <scan:ColorModes>${modes.map((m) => `<scan:ColorMode>${m}</scan:ColorMode>`).join('')}</scan:ColorModes>
        <scan:DocumentFormats>${formats.map((f) => `<pwg:DocumentFormat>${f}</pwg:DocumentFormat><scan:DocumentFormatExt>${f}</scan:DocumentFormatExt>`).join('')}</scan:DocumentFormats>
        <scan:SupportedResolutions><scan:DiscreteResolutions>
          ${[75, 100, 150, 200, 300, 600].map((r) => `<scan:DiscreteResolution><scan:XResolution>${r}</scan:XResolution><scan:YResolution>${r}</scan:YResolution></scan:DiscreteResolution>`).join('')}
        </scan:DiscreteResolutions></scan:SupportedResolutions>
      </scan:SettingProfile></scan:SettingProfiles>`;
  const caps = `<scan:MinWidth>16</scan:MinWidth><scan:MaxWidth>2550</scan:MaxWidth><scan:MinHeight>16</scan:MinHeight><scan:MaxHeight>3508</scan:MaxHeight>
      <scan:MaxScanRegions>1</scan:MaxScanRegions>${profile(['BlackAndWhite1', 'Grayscale8', 'RGB24'])}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerCapabilities xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm">
  <pwg:Version>2.63</pwg:Version>
  <pwg:MakeAndModel>Trạm Sim eSCL 2000</pwg:MakeAndModel>
  <scan:UUID>4509a320-00a0-008f-00b6-002507510eca</scan:UUID>
  <scan:Platen><scan:PlatenInputCaps>${caps}</scan:PlatenInputCaps></scan:Platen>
  <scan:Adf>
    <scan:AdfSimplexInputCaps>${caps}</scan:AdfSimplexInputCaps>
    <scan:AdfDuplexInputCaps>${caps}</scan:AdfDuplexInputCaps>
    <scan:FeederCapacity>50</scan:FeederCapacity>
    <scan:AdfOptions><scan:AdfOption>DetectPaperLoaded</scan:AdfOption><scan:AdfOption>Duplex</scan:AdfOption></scan:AdfOptions>
  </scan:Adf>
</scan:ScannerCapabilities>`;
}

/** A page: white paper with lines of dark "words" (blank when asked), as a JPEG. */
export async function pageJpeg(width: number, height: number, channels: 1 | 3, blank: boolean, seed: number): Promise<Buffer> {
  const px = Buffer.alloc(width * height * channels, 246);
  if (!blank) {
    let r = seed * 7919 + 17;
    const rnd = () => ((r = (r * 16807) % 2147483647) / 2147483647);
    const line = Math.max(6, Math.round(height / 40));
    for (let y = Math.round(height * 0.08); y < height * 0.9; y += line) {
      let x = Math.round(width * 0.1);
      while (x < width * 0.88) {
        const w = Math.round(line * (1 + rnd() * 3));
        for (let yy = y; yy < y + Math.round(line * 0.45); yy++) {
          for (let xx = x; xx < Math.min(width, x + w); xx++) {
            const o = (yy * width + xx) * channels;
            for (let c = 0; c < channels; c++) px[o + c] = c === 0 && channels === 3 && seed % 3 === 0 ? 170 : 25;
          }
        }
        x += w + Math.round(line * 0.5);
      }
    }
  }
  return sharp(px, { raw: { width, height, channels } }).toColourspace(channels === 1 ? 'b-w' : 'srgb').jpeg({ quality: 85 }).toBuffer();
}

function statusXml(sim: { jobs: SimulatorJob[]; sheetsLeft: number; jammed: boolean; busy: boolean }, base: string): string {
  const adf = sim.jammed ? 'ScannerAdfJam' : sim.sheetsLeft > 0 ? 'ScannerAdfLoaded' : 'ScannerAdfEmpty';
  const state = sim.busy ? 'Processing' : sim.jobs.some((j) => j.state === 'Processing') ? 'Processing' : 'Idle';
  return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerStatus xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm">
  <pwg:Version>2.63</pwg:Version>
  <pwg:State>${state}</pwg:State>
  <scan:AdfState>${adf}</scan:AdfState>
  <scan:Jobs>${sim.jobs.map((j) => `
    <scan:JobInfo><pwg:JobUri>${base}/ScanJobs/${j.id}</pwg:JobUri><pwg:JobUuid>${j.id}</pwg:JobUuid>
      <pwg:JobState>${j.state}</pwg:JobState><pwg:JobStateReasons>${j.reasons.map((r) => `<pwg:JobStateReason>${r}</pwg:JobStateReason>`).join('')}</pwg:JobStateReasons>
      <pwg:ImagesCompleted>${j.delivered}</pwg:ImagesCompleted></scan:JobInfo>`).join('')}
  </scan:Jobs>
</scan:ScannerStatus>`;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

export async function startEsclSimulator(options: SimulatorOptions = {}): Promise<EsclSimulator> {
  const state = { jobs: [] as SimulatorJob[], sheetsLeft: options.sheets ?? 3, jammed: false, busy: options.busy ?? false, deliveredTotal: 0 };
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  let vanished = false;
  const base = '/eSCL';

  const send = (res: ServerResponse, status: number, body: string | Buffer = '', headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), ...headers });
    res.end(body);
  };

  const server: Server = createServer(async (req, res) => {
    if (vanished) { req.socket.destroy(); return; }
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(`${req.method} ${path}`);
    if (req.method === 'GET' && path === `${base}/ScannerCapabilities`) {
      return send(res, 200, options.capabilitiesXml ?? capabilitiesXml(options.formats), { 'content-type': 'text/xml' });
    }
    if (req.method === 'GET' && path === `${base}/ScannerStatus`) return send(res, 200, statusXml(state, base), { 'content-type': 'text/xml' });
    if (req.method === 'POST' && path === `${base}/ScanJobs`) {
      const doc = parseXml(await readBody(req));
      const settings = find(doc, 'ScanSettings');
      if (!settings) return send(res, 400);
      if (state.busy) return send(res, 503);
      const source = textOf(settings, 'InputSource') ?? 'Platen';
      if (source === 'Feeder' && state.sheetsLeft === 0) return send(res, 409);
      const duplex = textOf(settings, 'Duplex') === 'true';
      const job: SimulatorJob = {
        id: randomUUID(),
        settings: {
          source, duplex, colorMode: textOf(settings, 'ColorMode') ?? '', resolution: numberOf(settings, 'XResolution') ?? 300,
          format: textOf(settings, 'DocumentFormatExt') ?? textOf(settings, 'DocumentFormat') ?? '',
          widthUnits: numberOf(settings, 'Width') ?? 2480, heightUnits: numberOf(settings, 'Height') ?? 3508,
        },
        delivered: 0, state: 'Processing', reasons: [], deleted: false,
        pending: source === 'Feeder' ? state.sheetsLeft * (duplex ? 2 : 1) : 1,
        readyAt: Date.now() + (options.pageDelayMs ?? 0),
      };
      state.jobs.push(job);
      return send(res, 201, '', { location: `http://${req.headers.host}${base}/ScanJobs/${job.id}` });
    }
    const jobMatch = new RegExp(`^${base}/ScanJobs/([^/]+)(/NextDocument)?$`).exec(path);
    const job = jobMatch ? state.jobs.find((j) => j.id === jobMatch[1]) : undefined;
    if (jobMatch && !job) return send(res, 404);
    if (job && req.method === 'DELETE' && !jobMatch![2]) {
      job.deleted = true;
      if (job.state === 'Processing') { job.state = 'Canceled'; job.reasons.push('JobCanceledByUser'); }
      return send(res, 200);
    }
    if (job && req.method === 'GET' && jobMatch![2]) {
      if (job.state !== 'Processing' || job.pending === 0) {
        if (job.state === 'Processing') job.state = 'Completed';
        return send(res, 404);
      }
      if (options.jamAfter !== undefined && state.deliveredTotal >= options.jamAfter) {
        state.jammed = true;
        job.state = 'Aborted';
        job.reasons.push('AdfJam');
        return send(res, 404);
      }
      if (Date.now() < job.readyAt) return send(res, 503);
      const { resolution, widthUnits, heightUnits, colorMode, duplex } = job.settings;
      const width = Math.round((widthUnits / 300) * resolution);
      const height = Math.round((heightUnits / 300) * resolution);
      const isBack = duplex && job.delivered % 2 === 1;
      let body: Buffer;
      let type = 'image/jpeg';
      switch (options.deliver ?? 'jpeg') {
        case 'pdf': body = Buffer.from('%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'); type = 'application/pdf'; break;
        case 'garbage': body = Buffer.from('this is not an image at all '.repeat(20)); break;
        default: body = await pageJpeg(width, height, colorMode === 'RGB24' ? 3 : 1, isBack && (options.blankBacks ?? true), state.deliveredTotal + 1);
      }
      if (options.deliver === 'truncated') body = body.subarray(0, Math.floor(body.length / 2));
      job.delivered++;
      job.pending--;
      state.deliveredTotal++;
      if (job.settings.source === 'Feeder' && (!duplex || job.delivered % 2 === 0)) state.sheetsLeft--;
      job.readyAt = Date.now() + (options.pageDelayMs ?? 0);
      if (options.vanishAfter !== undefined && state.deliveredTotal > options.vanishAfter) {
        vanished = true;
        for (const s of sockets) s.destroy();
        return;
      }
      return send(res, 200, body, { 'content-type': type });
    }
    return send(res, 404);
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    options,
    jobs: state.jobs,
    requests,
    close: () => new Promise<void>((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }),
  };
}
