import { seededRandom } from '../../src/core/random';

/**
 * An N-row Alipay 支付宝 交易明细 export in the 2022+ layout, as the GBK bytes the app really gets: preamble, dashed
 * lines, tabs after the order ids, CRLF. Runs in Node and in the browser (the import bench loads it in the page).
 *
 * TextEncoder only writes UTF-8, so GBK is encoded with a reverse table built by decoding every two-byte GBK code
 * with TextDecoder('gb18030') once.
 */
let gbkTable: Map<string, number> | undefined;

function reverseGbk(): Map<string, number> {
  if (gbkTable) return gbkTable;
  const table = new Map<string, number>();
  const decoder = new TextDecoder('gb18030');
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const ch = decoder.decode(pair);
      // Codes with no character decode to U+FFFD; the first code for a character wins (GBK has a few duplicates).
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, (lead << 8) | trail);
    }
  }
  gbkTable = table;
  return table;
}

/** Writes text as GBK into `out` from `at`, growing it as needed; returns the buffer and the end offset. */
function writeGbk(text: string, out: Uint8Array, at: number): [Uint8Array, number] {
  const table = reverseGbk();
  if (at + text.length * 2 > out.length) {
    const bigger = new Uint8Array(Math.max(out.length * 2, at + text.length * 2));
    bigger.set(out.subarray(0, at));
    out = bigger;
  }
  let n = at;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
      continue;
    }
    const code = table.get(text[i]!);
    if (code === undefined) throw new Error(`'${text[i]}' cannot be written in GBK`);
    out[n++] = code >> 8;
    out[n++] = code & 0xff;
  }
  return [out, n];
}

/** Encodes text as GBK. Throws on characters GBK cannot hold, so a generator bug shows at once. */
export function encodeGbk(text: string): Uint8Array {
  const [out, n] = writeGbk(text, new Uint8Array(text.length * 2), 0);
  return out.subarray(0, n);
}

const DASHES = '-'.repeat(84);
const HEADER = '交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注,';
const SHOPS: [string, string, string][] = [
  ['餐饮美食', '星巴克', '燕麦拿铁'], ['餐饮美食', '瑞幸咖啡', '生椰拿铁'], ['日用百货', '天猫超市', '洗衣液'], ['交通出行', '滴滴出行', '快车'],
  ['文化休闲', '猫眼', '电影票'], ['运动户外', '乐刻运动', '月卡'], ['充值缴费', '国家电网', '电费'], ['服饰装扮', '优衣库', '羽绒服'],
];
const METHODS = ['花呗', '余额宝', '招商银行信用卡(8888)', '账户余额'];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Amount text the way newer exports write it: quoted with a thousands separator from 1,000 up. */
function amountCell(minor: number): string {
  const whole = Math.floor(minor / 100);
  const text = `${whole.toLocaleString('en-US')}.${pad(minor % 100)}`;
  return whole >= 1000 ? `"${text}"` : text;
}

function* alipayLines(rows: number, seed: number): Generator<string> {
  const random = seededRandom(seed);
  yield* [
    DASHES, '导出信息：', '姓名：测试', '支付宝账户：186****1111', '起始时间：[2025-01-01 00:00:00]    终止时间：[2025-12-31 23:59:59]',
    '导出交易类型：[全部]', '导出时间：[2026-01-01 08:00:00]', `共${rows}笔记录`, '', '特别提示：', '1.本回单内容可表明支付宝受理了该笔交易。',
    `------------------------支付宝（中国）网络技术有限公司  电子客户回单------------------------`, HEADER,
  ];
  const start = Date.UTC(2025, 0, 1);
  for (let i = 0; i < rows; i++) {
    const [category, shop, item] = SHOPS[Math.floor(random() * SHOPS.length)]!;
    // Spread over the year, newest first as Alipay lists them.
    const t = new Date(start + Math.floor(((rows - i) / rows) * 364 * 86400_000) + Math.floor(random() * 3600_000));
    const time = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
    const minor = 100 + Math.floor(random() * (random() < 0.05 ? 1_000_000 : 50_000));
    const tradeNo = `2025${pad(i, 24)}`;
    const orderNo = `M${pad(i, 12)}`;
    const method = METHODS[i % METHODS.length]!;
    yield `${time},${category},${shop},${shop.length}***@alipay.com,${shop}-${item},支出,${amountCell(minor)},${method},交易成功,${tradeNo}\t,${orderNo}\t,,`;
  }
  yield DASHES;
  yield '';
}

export function generateAlipayText(rows: number, seed = 1): string {
  return [...alipayLines(rows, seed)].join('\r\n');
}

/**
 * The file as bytes, GBK-encoded like a real export. Written line by line into one buffer: building the whole
 * text first left tens of MB of garbage whose collection then landed inside the import bench's measurement.
 */
export function generateAlipayCsv(rows: number, seed = 1): Uint8Array {
  let out: Uint8Array = new Uint8Array(rows * 160 + 4096);
  let n = 0;
  let first = true;
  for (const line of alipayLines(rows, seed)) {
    [out, n] = writeGbk(first ? line : '\r\n' + line, out, n);
    first = false;
  }
  return out.subarray(0, n);
}
