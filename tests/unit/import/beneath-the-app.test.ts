// Failures that are not the file's fault: the device is full, or an update in another window took away the code that
// reads statements. The person is told which, in their language, and nothing is stored.
import { readFileSync } from 'node:fs';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { importApi } from '../../../src/app/api/import-api';
import { isMissingAppFile, isStorageFull } from '../../../src/app/browser-errors';
import { noteReloadNeeded, onReloadNeeded } from '../../../src/app/reload-needed';
import { getDb } from '../../../src/db/schema';
import { importErrorText } from '../../../src/ui/import/import-text';

const alipay = () => new Uint8Array(readFileSync('tests/fixtures/alipay-2024-sample.csv'));

afterEach(() => vi.restoreAllMocks());

describe('failures beneath the app', () => {
  it('a full device: the import says so in both languages, and stores nothing', async () => {
    const rowsBefore = (await importApi.queryTransactions({}, 0, 0)).total;
    const importsBefore = (await importApi.listImports()).length;
    // What IndexedDB raises when the origin's quota is used up, as Dexie hands it on.
    vi.spyOn(getDb().txChunks, 'bulkAdd').mockRejectedValue(new Dexie.QuotaExceededError('The quota has been exceeded.'));
    const outcome = await importApi.importFile(alipay(), 'alipay-2024-sample.csv');
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('storage-full');
    expect(importErrorText(outcome.error, 'en')).toBe('alipay-2024-sample.csv: this device has no room left for Quanzi to store these rows, so nothing was stored. Free up space on the device (or undo old imports you no longer need) and import it again.');
    expect(importErrorText(outcome.error, 'zh-CN')).toContain('本机已没有空间保存这些记录');
    vi.restoreAllMocks();
    expect((await importApi.queryTransactions({}, 0, 0)).total).toBe(rowsBefore);
    expect((await importApi.listImports()).length).toBe(importsBefore);
    // Once there is room, the same file goes in whole.
    const again = await importApi.importFile(alipay(), 'alipay-2024-sample.csv');
    expect(again.ok && again.added).toBe(6);
  });

  it('tells a missing file of the app and a full device from other errors', () => {
    expect(isMissingAppFile(new TypeError('Failed to fetch dynamically imported module: http://127.0.0.1/assets/import-CyayL4cu.js'))).toBe(true);
    expect(isMissingAppFile(new TypeError('Importing a module script failed.'))).toBe(true);
    expect(isMissingAppFile(new TypeError('Failed to fetch'))).toBe(false);
    expect(isMissingAppFile('dynamically imported module')).toBe(false);
    expect(isStorageFull(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isStorageFull(Object.assign(new Error('wrapped'), { inner: new DOMException('full', 'QuotaExceededError') }))).toBe(true);
    expect(isStorageFull(new DOMException('gone', 'UnknownError'))).toBe(false);
    expect(isStorageFull(undefined)).toBe(false);
  });

  it('the reader gone after an update: the person is told to reload, in both languages', () => {
    const failure = { name: 'TypeError', message: 'Failed to fetch dynamically imported module: /assets/import-x.js', fileName: 'a.csv', code: 'app-updated' };
    expect(importErrorText(failure, 'en')).toBe('a.csv: Quanzi was updated in another window, and this window can no longer load its statement reader. Reload this window, then import the file again. Nothing was stored.');
    expect(importErrorText(failure, 'zh-CN')).toBe('a.csv：圈子已在另一个窗口中更新，此窗口无法再加载账单读取程序。请重新加载此窗口，然后再次导入这个文件。没有保存任何内容。');
  });

  it('a reload is asked for once per reason, and changed data outweighs replaced files', () => {
    const heard: (string | undefined)[] = [];
    const stop = onReloadNeeded((reason) => heard.push(reason));
    noteReloadNeeded('app-replaced');
    noteReloadNeeded('app-replaced');
    noteReloadNeeded('newer-data');
    noteReloadNeeded('app-replaced');
    stop();
    expect(heard).toEqual([undefined, 'app-replaced', 'newer-data']);
  });
});
