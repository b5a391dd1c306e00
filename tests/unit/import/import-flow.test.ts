// The import screen's flow: recognised files do not wait behind one that needs a column mapping, the waiting ones
// are named, a mapped file imports, and Undo takes its import's result off the screen.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const api = vi.hoisted(() => ({
  importFile: vi.fn(),
  inspectCsvFile: vi.fn(),
  listImports: vi.fn(async () => []),
  undoImport: vi.fn(async () => 3),
  cancelImport: vi.fn(),
}));
vi.mock('../../../src/app/analysis-client', () => ({ analysis: () => api }));
vi.mock('comlink', () => ({ proxy: <T>(f: T) => f }));

const { ImportFlow, importFlow } = await import('../../../src/ui/import/import-flow.svelte');

const inspection = { headers: ['Datum', 'Betrag'], sampleRows: [['15.03.2024', '-12,50']], signature: 'sig' };
const file = (name: string): File => new File(['x'], name);
const mapping = { dateColumn: 0, dateFormat: 'DD.MM.YYYY', decimal: ',', currency: 'EUR', amountColumn: 1 } as const;

beforeEach(() => {
  api.importFile.mockReset();
  // Files named unknown-*.csv need a mapping unless one is given; the others are recognised.
  api.importFile.mockImplementation(async (f: File, name: string, options: { csvMapping?: unknown }) =>
    name.startsWith('unknown') && !options.csvMapping
      ? { ok: false, error: { name: 'ImportError', code: 'needs-mapping', fileName: name, message: '', inspection } }
      : { ok: true, importId: `id-${f.name}`, format: 'x', added: 3, duplicates: 0, skipped: [], mappingApplied: false, ms: 1, parseMs: 1, rows: 3 },
  );
});

describe('ImportFlow', () => {
  it('imports the recognised files while the unknown CSVs wait for their mappings, then imports each mapped one', async () => {
    const flow = new ImportFlow();
    await flow.importFiles([file('unknown-a.csv'), file('alipay.csv'), file('unknown-b.csv'), file('wechat.csv')]);
    expect(flow.results.map((r) => r.fileName)).toEqual(['alipay.csv', 'wechat.csv']);
    expect(flow.mapping?.file.name).toBe('unknown-a.csv');
    expect(flow.waitingFiles).toEqual(['unknown-b.csv']);

    await flow.saveMapping(mapping);
    expect(api.importFile).toHaveBeenLastCalledWith(expect.any(File), 'unknown-a.csv', { csvMapping: mapping }, expect.anything());
    expect(flow.results.map((r) => r.fileName)).toEqual(['alipay.csv', 'wechat.csv', 'unknown-a.csv']);
    expect(flow.mapping?.file.name).toBe('unknown-b.csv');
    expect(flow.waitingFiles).toEqual([]);

    flow.dropMapping();
    expect(flow.mapping).toBeUndefined();
    expect(flow.results).toHaveLength(3);
  });

  it('a file picked while one imports joins the same queue, one import at a time', async () => {
    const flow = new ImportFlow();
    let running = 0;
    let most = 0;
    api.importFile.mockImplementation(async (f: File) => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return { ok: true, importId: `id-${f.name}`, format: 'x', added: 1, duplicates: 0, skipped: [], mappingApplied: false, ms: 1, parseMs: 1, rows: 1 };
    });
    const first = flow.importFiles([file('a.csv'), file('b.csv')]);
    const second = flow.importFiles([file('c.csv')]);
    await Promise.all([first, second]);
    expect(most).toBe(1);
    expect(api.importFile).toHaveBeenCalledTimes(3);
  });

  it('Undo takes the result of that import off the screen, and only that one', async () => {
    const flow = new ImportFlow();
    await flow.importFiles([file('alipay.csv'), file('wechat.csv')]);
    await flow.undo({ id: 'id-alipay.csv', fileName: 'alipay.csv' } as Parameters<typeof flow.undo>[0]);
    expect(flow.results.map((r) => r.fileName)).toEqual(['wechat.csv']);
  });

  it('a CSV refused when it is inspected (a quote that never closes) is an error at once, and no mapping form opens for it', async () => {
    const flow = new ImportFlow();
    const refused = { name: 'ImportError', code: 'unclosed-quote', fileName: 'unknown-broken.csv', line: 3, message: 'unknown-broken.csv line 3: a quoted cell is never closed' };
    api.importFile.mockImplementationOnce(async () => ({ ok: false, error: refused }));
    await flow.importFiles([file('unknown-broken.csv'), file('alipay.csv')]);
    expect(flow.errors).toEqual([refused]);
    expect(flow.mapping).toBeUndefined();
    expect(flow.results.map((r) => r.fileName)).toEqual(['alipay.csv']);
  });

  it('a file whose inspection fails when the mapping form would open is refused with what the worker said', async () => {
    const flow = new ImportFlow();
    api.importFile.mockImplementationOnce(async () => ({ ok: false, error: { name: 'ImportError', code: 'needs-mapping', fileName: 'unknown-x.csv', message: '' } }));
    api.inspectCsvFile.mockRejectedValueOnce(new Error('unknown-x.csv line 3: a quoted cell is never closed'));
    await flow.importFiles([file('unknown-x.csv')]);
    expect(flow.mapping).toBeUndefined();
    expect(flow.errors).toEqual([{ name: 'ImportError', fileName: 'unknown-x.csv', message: 'unknown-x.csv line 3: a quoted cell is never closed' }]);
  });

  it('the app has one flow, so a screen mounted again finds the mapping and the waiting files', async () => {
    await importFlow.importFiles([file('unknown-a.csv'), file('unknown-b.csv')]);
    const { importFlow: again } = await import('../../../src/ui/import/import-flow.svelte');
    expect(again).toBe(importFlow);
    expect(again.mapping?.file.name).toBe('unknown-a.csv');
    expect(again.waitingFiles).toEqual(['unknown-b.csv']);
  });
});
