import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { fileError, lineError } from './errors';

/**
 * Shared fast-xml-parser setup for CAMT.053 and .xlsx parts. No DOMParser: this runs in a worker and in Node.
 * Values stay text (parseTagValue false) so amounts are never turned into floats by the parser.
 */
export function parseXml(text: string, fileName: string, arrayTags: ReadonlySet<string>): Record<string, unknown> {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { line, msg } = valid.err;
    const open = unclosedTags(msg);
    if (open) {
      // The validator names the elements still open at the end, and line 1: the file was cut off (a download that
      // stopped, a copy that did not finish), which is what the person can act on.
      const last = text.trimEnd().split(/\r\n|\r|\n/).length;
      throw lineError(fileName, last, `the file ends inside <${open.at(-1)}> (${open.join(' › ')}): it looks cut off. Export or download the statement again.`, 'cut-off', { element: open.at(-1) ?? '' });
    }
    throw lineError(fileName, line, `the XML is broken (${msg})`, 'broken-xml', { detail: msg });
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: false,
    isArray: (name) => arrayTags.has(name),
  });
  try {
    return parser.parse(text) as Record<string, unknown>;
  } catch (e) {
    // The validator lets a few damaged prologs through that the parser then refuses (found by the property tests).
    const detail = e instanceof Error ? e.message : String(e);
    throw fileError(fileName, `the XML is broken (${detail})`, { code: 'broken-xml', params: { detail } });
  }
}

/** The open elements fast-xml-parser lists when a document ends before they close ("Invalid '[\"a\",\"b\"]' found."). */
function unclosedTags(message: string): string[] | undefined {
  const listed = /^Invalid '(\[[\s\S]*\])' found\.?$/.exec(message);
  if (!listed) return undefined;
  try {
    const tags: unknown = JSON.parse(listed[1]!);
    return Array.isArray(tags) && tags.length > 0 && tags.every((t) => typeof t === 'string') ? (tags as string[]) : undefined;
  } catch {
    return undefined;
  }
}

/** Text content of a parsed node: a string, or `#text` of an element that also has attributes. */
export function textOf(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string') return node.trim();
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (Array.isArray(node)) return textOf(node[0]);
  if (typeof node === 'object') return textOf((node as Record<string, unknown>)['#text']);
  return '';
}

/** Safe child access on parsed XML (anything may be missing or a string in a damaged file). */
export function child(node: unknown, name: string): unknown {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
  return (node as Record<string, unknown>)[name];
}

export function children(node: unknown, name: string): unknown[] {
  const value = child(node, name);
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
