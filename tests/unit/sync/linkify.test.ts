import { describe, expect, it } from 'vitest';
import { linkify } from '../../../src/ui/feed/linkify';
import { ulid } from '../../../src/hub/ulid';

describe('linkify', () => {
  it('turns http(s) URLs into links and keeps the rest as text', () => {
    expect(linkify('see https://example.com/a?b=1, then 好')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: ', then 好' },
    ]);
  });

  it('never makes javascript: or data: links', () => {
    for (const text of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', '<a href="javascript:x">y</a>']) {
      expect(linkify(text).every((s) => s.kind === 'text')).toBe(true);
    }
  });

  it('stops a URL at quotes and angle brackets', () => {
    const segments = linkify('<img src="https://x.test/a.png" onerror=alert(1)>');
    const link = segments.find((s) => s.kind === 'link');
    expect(link).toMatchObject({ href: 'https://x.test/a.png' });
    expect(segments.map((s) => s.text).join('')).toBe('<img src="https://x.test/a.png" onerror=alert(1)>');
  });
});

describe('ulid', () => {
  it('is 26 chars and sorts by creation even within one millisecond', () => {
    const ids = Array.from({ length: 500 }, () => ulid(1_700_000_000_000));
    expect(ids.every((id) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ulid(1_700_000_000_001) > ids.at(-1)!).toBe(true);
  });
});
