import type { Page } from '@playwright/test';

/**
 * profile_1m_ms: 1,000,000 generated transactions profiled in a module Web Worker in Chromium (categorise with the
 * per-merchant cache, accumulate, finalize). The rows are generated inside the worker and copied the way IndexedDB
 * hands them over (structured clone); only the profiling is timed.
 * profile_incremental_1k_ms: after that, a 1k-row import added to the accumulator and the profile re-read.
 * The worker is a same-origin module worker that imports the real core from the Vite dev server.
 */
export default async ({ page }: { page: Page }): Promise<Record<string, number>> => {
  await page.evaluate('globalThis.__name = (fn) => fn');
  return page.evaluate(async () => {
    const source = `
      const { ProfileAccumulator, finalizeProfile } = await import('${location.origin}/src/core/profile/index.ts');
      const { Categorizer } = await import('${location.origin}/src/core/categorize/index.ts');
      const shops = [['瑞幸咖啡','生椰拿铁',15],['星巴克','燕麦拿铁',38],['上海地铁','地铁出行',4],['盒马','生鲜',80],['美团外卖','午餐',30],
        ['乐刻运动','团课',99],['全家便利店','便利店',15],['Steam','游戏',98],['孩子王','纸尿裤',189],['波奇网','猫粮',129],['滴滴出行','打车',28],
        ['国家电网','电费',200],['中国移动','话费充值',100],['大麦','演唱会门票',680],['携程旅行','机票',1200],['余额宝','余额宝转入',1000],
        ['PLANET FITNESS','MONTHLY DUES',25],['TIM HORTONS','COFFEE',3],['BEST BUY','HEADPHONES',199],['上海瑞金医院','门诊挂号',50]];
      const make = (n, offset) => {
        const rows = new Array(n);
        let seed = 12345 + offset;
        const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
        for (let i = 0; i < n; i++) {
          const s = shops[Math.floor(rnd() * shops.length)];
          const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(rnd() * 900) * 86400000);
          const store = Math.floor(rnd() * 50);
          rows[i] = { occurredAt: day.toISOString().slice(0, 10) + 'T' + String(7 + Math.floor(rnd() * 15)).padStart(2, '0') + ':30:00',
            amountMinor: -Math.round(s[2] * 100 * (0.5 + rnd())), currency: 'CNY', counterparty: s[0] + (store ? '(' + store + '号店)' : ''),
            description: s[1], kind: s[1] === '余额宝转入' ? 'transfer' : 'expense', status: 'completed', source: 'bench', fingerprint: 'b' + (offset + i) };
        }
        return rows;
      };
      const now = new Date(2026, 5, 30);
      // The app builds a full profile from rows read out of IndexedDB: structured-clone copies, with flat strings.
      // Rows built here by concatenation are rope strings that V8 flattens on first read, a cost the app never pays.
      const rows = structuredClone(make(1000000, 0));
      const t0 = performance.now();
      const acc = new ProfileAccumulator(new Categorizer());
      acc.add(rows);
      const profile = finalizeProfile(acc, { now });
      const fullMs = performance.now() - t0;
      const extra = structuredClone(make(1000, 2000000));
      const t1 = performance.now();
      acc.add(extra);
      const after = finalizeProfile(acc, { now });
      const incMs = performance.now() - t1;
      postMessage({ fullMs, incMs, topics: profile.topics.length, rows: after.rows });
    `;
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const worker = new Worker(url, { type: 'module' });
    const result = await new Promise<{ fullMs: number; incMs: number; topics: number; rows: number }>((resolve, reject) => {
      worker.onmessage = (e) => resolve(e.data);
      worker.onerror = (e) => reject(new Error(e.message));
    });
    worker.terminate();
    if (result.topics < 5 || result.rows < 900_000) throw new Error(`profile bench produced too little: ${JSON.stringify(result)}`);
    return { profile_1m_ms: Math.round(result.fullMs), profile_incremental_1k_ms: Math.round(result.incMs * 10) / 10 };
  });
};
