// A small, forgiving XML reader for the documents scanners send (eSCL capabilities and status).
// Scanners differ in namespace prefixes (pwg:, scan:, none), whitespace, comments and entity use;
// elements are therefore looked up by local name. It never throws on odd input: it keeps what it
// could read, and callers check that what they need is there.

export type XmlElement = {
  /** Local name, without namespace prefix. */
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text directly inside the element, trimmed. */
  text: string;
};

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[e] ?? all;
  });
}

const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

/** Parses a document into its root element (a synthetic "#document" root holds the top level). */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const texts: string[][] = [[]];
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt === -1 ? n : lt;
    if (textEnd > i) texts[texts.length - 1]!.push(decodeEntities(xml.slice(i, textEnd)));
    if (lt === -1) break;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      i = end === -1 ? n : end + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      texts[texts.length - 1]!.push(xml.slice(lt + 9, end === -1 ? n : end));
      i = end === -1 ? n : end + 3;
    } else if (xml.startsWith('<?', lt) || xml.startsWith('<!', lt)) {
      const end = xml.indexOf('>', lt + 2);
      i = end === -1 ? n : end + 1;
    } else if (xml.startsWith('</', lt)) {
      const end = xml.indexOf('>', lt + 2);
      const name = localName(xml.slice(lt + 2, end === -1 ? n : end).trim());
      // Close up to the matching element; a stray end tag is ignored.
      const at = stack.map((e) => e.name).lastIndexOf(name);
      if (at > 0) {
        while (stack.length > at) {
          const el = stack.pop()!;
          el.text = texts.pop()!.join('').trim();
        }
      }
      i = end === -1 ? n : end + 1;
    } else {
      // A start tag; attribute values may hold '>' inside quotes.
      let j = lt + 1;
      let quote = '';
      for (; j < n; j++) {
        const c = xml[j]!;
        if (quote) { if (c === quote) quote = ''; }
        else if (c === '"' || c === "'") quote = c;
        else if (c === '>') break;
      }
      let body = xml.slice(lt + 1, j);
      const selfClosing = body.endsWith('/');
      if (selfClosing) body = body.slice(0, -1);
      const nameMatch = /^\s*([^\s/>]+)/.exec(body);
      if (nameMatch) {
        const attributes: Record<string, string> = {};
        for (const a of body.slice(nameMatch[0].length).matchAll(/([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
          attributes[localName(a[1]!)] = decodeEntities(a[3] ?? a[4] ?? '');
        }
        const el: XmlElement = { name: localName(nameMatch[1]!), attributes, children: [], text: '' };
        stack[stack.length - 1]!.children.push(el);
        if (!selfClosing) {
          stack.push(el);
          texts.push([]);
        }
      }
      i = j + 1;
    }
  }
  while (stack.length > 1) {
    const el = stack.pop()!;
    el.text = texts.pop()!.join('').trim();
  }
  return root;
}

/** The first descendant (depth first) with this local name, case-insensitive. */
export function find(el: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!el) return undefined;
  const lower = name.toLowerCase();
  for (const child of el.children) {
    if (child.name.toLowerCase() === lower) return child;
    const deeper = find(child, name);
    if (deeper) return deeper;
  }
  return undefined;
}

/** Every descendant with this local name, case-insensitive, in document order. */
export function findAll(el: XmlElement | undefined, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  if (!el) return out;
  const lower = name.toLowerCase();
  const walk = (e: XmlElement) => {
    for (const child of e.children) {
      if (child.name.toLowerCase() === lower) out.push(child);
      walk(child);
    }
  };
  walk(el);
  return out;
}

/** Text of the first descendant with this name, or undefined. */
export const textOf = (el: XmlElement | undefined, name: string): string | undefined => find(el, name)?.text;

/** A finite number from the first descendant with this name, or undefined. */
export function numberOf(el: XmlElement | undefined, name: string): number | undefined {
  const t = textOf(el, name);
  if (t === undefined || t === '') return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

/** Escapes text for an element body or attribute. */
export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&${({ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' } as Record<string, string>)[c]};`);
}
