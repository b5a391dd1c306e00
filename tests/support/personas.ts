import type { Transaction } from '../../src/core/transaction';
import { seededRandom } from '../../src/core/random';

/**
 * Deterministic (seeded) transaction histories for test personas: each has one real interest buried in heavy
 * everyday noise (commuting, groceries, convenience stores, utilities, phone top-ups, delivery) plus some medical
 * and pharmacy spending that must never turn into a health suggestion.
 */
export interface Persona {
  id: string;
  target: string;
  transactions: Transaction[];
}

export const PERSONA_NOW = new Date(2026, 5, 30, 12, 0, 0);

type Spec = [counterparty: string, description: string, minYuan: number, maxYuan: number, kind?: Transaction['kind']];

const INTERESTS: Record<string, { target: string; perWeek: number; shops: Spec[] }> = {
  'gym-goer': { target: 'fitness', perWeek: 4, shops: [['乐刻运动', '健身月卡', 99, 199], ['超级猩猩', '团课 燃脂', 89, 129], ['Keep', 'Keep会员', 25, 68]] },
  'new-parent': { target: 'parenting', perWeek: 3, shops: [['孩子王', '纸尿裤 L码', 89, 259], ['babycare官方旗舰店', '婴儿湿巾', 39, 99], ['爱婴室', '奶粉 3段', 199, 399]] },
  'pet-owner': { target: 'pets', perWeek: 2.5, shops: [['波奇网', '猫粮 2kg', 89, 239], ['疯狂小狗旗舰店', '冻干零食', 29, 79], ['瑞派宠物', '猫咪疫苗', 120, 300]] },
  'concert-fan': { target: 'concerts', perWeek: 1.2, shops: [['大麦', '演唱会门票', 380, 1280], ['秀动', 'livehouse 门票', 120, 280], ['摩天轮票务', '音乐节 门票', 480, 980]] },
  'coffee-lover': { target: 'coffee', perWeek: 6, shops: [['瑞幸咖啡', '生椰拿铁', 9, 19], ['星巴克', '燕麦拿铁 大杯', 30, 42], ['Manner Coffee', '美式', 15, 25]] },
  gamer: { target: 'games', perWeek: 1.5, shops: [['Steam', 'Steam 游戏购买', 30, 298], ['任天堂 eShop', 'Switch 游戏', 200, 430], ['米哈游', '原神 创世结晶', 30, 648]] },
  investor: {
    target: 'investing', perWeek: 2,
    shops: [['余额宝', '余额宝转入', 500, 5000, 'transfer'], ['天天基金', '基金申购 沪深300', 1000, 3000, 'transfer'], ['蚂蚁财富', '基金定投', 200, 1000, 'transfer']],
  },
  traveller: { target: 'travel', perWeek: 1, shops: [['携程旅行', '机票 上海-成都', 600, 1800], ['飞猪', '度假酒店 2晚', 500, 1600], ['去哪儿', '景点门票', 80, 300]] },
};

const NOISE: [Spec, number][] = [
  [['上海地铁', '地铁出行', 3, 6], 9],
  [['滴滴出行', '打车', 15, 45], 2],
  [['盒马', '生鲜 蔬菜', 35, 160], 3],
  [['美团买菜', '买菜', 30, 120], 2],
  [['全家便利店', '便利店', 8, 30], 3],
  [['美团外卖', '外卖 午餐', 20, 45], 3],
  [['国家电网', '电费', 120, 300], 0.25],
  [['中国移动', '话费充值', 50, 100], 0.25],
  [['上海瑞金医院', '门诊挂号 检查费', 50, 600], 0.4],
  [['老百姓大药房', '布洛芬 感冒灵', 20, 90], 0.5],
];

export const PERSONA_IDS = Object.keys(INTERESTS);

export function makePersona(id: string, seed = 1, days = 180, now = PERSONA_NOW): Persona {
  const interest = INTERESTS[id];
  if (!interest) throw new Error(`unknown persona ${id}`);
  const random = seededRandom(seed * 7919 + id.length * 104729 + id.charCodeAt(0));
  const transactions: Transaction[] = [];
  const push = (spec: Spec, day: Date) => {
    const [counterparty, description, min, max, kind = 'expense'] = spec;
    const hour = 7 + Math.floor(random() * 15);
    const minute = Math.floor(random() * 60);
    const pad = (n: number) => String(n).padStart(2, '0');
    const occurredAt = `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}T${pad(hour)}:${pad(minute)}:00`;
    transactions.push({
      occurredAt, amountMinor: -Math.round((min + random() * (max - min)) * 100), currency: 'CNY', counterparty, description,
      kind, status: 'completed', source: 'alipay', fingerprint: `${id}-${seed}-${transactions.length}`,
    });
  };
  for (let d = days; d >= 0; d--) {
    const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() - d);
    for (const [spec, perWeek] of NOISE) {
      let expected = perWeek / 7;
      while (expected > 0) {
        if (random() < Math.min(1, expected)) push(spec, day);
        expected -= 1;
      }
    }
    if (random() < interest.perWeek / 7) push(interest.shops[Math.floor(random() * interest.shops.length)]!, day);
  }
  transactions.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  return { id, target: interest.target, transactions };
}

export function allPersonas(seed = 1): Persona[] {
  return PERSONA_IDS.map((id) => makePersona(id, seed));
}
