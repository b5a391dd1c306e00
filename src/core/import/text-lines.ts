/**
 * Maps character offsets to 1-based physical lines for parsers that scan a whole text (OFX tags, XML elements).
 * Offsets must be asked for in increasing order: the counter only walks forward, so a 100k-row file is one pass.
 */
export class LineCounter {
  private pos = 0;
  private current = 1;

  constructor(private readonly text: string) {}

  lineAt(offset: number): number {
    const text = this.text;
    const end = Math.min(offset, text.length);
    for (let i = this.pos; i < end; i++) {
      const c = text.charCodeAt(i);
      // CRLF counts once (at its LF); a lone CR ends a line too, as in old Mac exports.
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.current++;
    }
    if (end > this.pos) this.pos = end;
    return this.current;
  }
}

/** Splits on CRLF, LF or lone CR; index i is physical line i + 1. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}
