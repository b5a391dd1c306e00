/**
 * The interest taxonomy: topic ids are stable (circles reference them), names are for people.
 * `sensitive` topics are never profiled or suggested unless the person turns each one on.
 * `noise` topics are everyday spending that says little about interests; the profile damps them.
 */
export interface Topic {
  id: string;
  parent: string;
  name: { zh: string; en: string };
  sensitive?: boolean;
  noise?: boolean;
  /** Money moved into savings/investments: not spending, but still an interest signal. */
  transferSignal?: boolean;
}

export const PARENTS: Record<string, { zh: string; en: string }> = {
  food: { zh: '餐饮美食', en: 'Food & drink' },
  leisure: { zh: '娱乐休闲', en: 'Entertainment' },
  sport: { zh: '运动健康', en: 'Sport & fitness' },
  shopping: { zh: '购物', en: 'Shopping' },
  finance: { zh: '金融理财', en: 'Money' },
  family: { zh: '家庭生活', en: 'Family & home' },
  travel: { zh: '出行旅游', en: 'Travel' },
  learning: { zh: '学习成长', en: 'Learning' },
  everyday: { zh: '日常开销', en: 'Everyday' },
  private: { zh: '敏感类别', en: 'Sensitive' },
};

const T = (id: string, parent: string, zh: string, en: string, flags: Partial<Topic> = {}): Topic => ({ id, parent, name: { zh, en }, ...flags });

export const TOPICS: Topic[] = [
  T('coffee', 'food', '咖啡', 'Coffee'),
  T('tea-drinks', 'food', '奶茶饮品', 'Tea & bubble tea'),
  T('dining', 'food', '餐厅堂食', 'Dining out'),
  T('food-delivery', 'food', '外卖', 'Food delivery'),
  T('bakery', 'food', '烘焙甜品', 'Bakery & desserts'),
  T('hotpot', 'food', '火锅', 'Hotpot'),
  T('fast-food', 'food', '快餐', 'Fast food'),
  T('wine-bars', 'food', '酒吧酒水', 'Bars & wine'),
  T('concerts', 'leisure', '演唱会与现场音乐', 'Concerts & live music'),
  T('film', 'leisure', '电影', 'Film'),
  T('theatre', 'leisure', '戏剧演出', 'Theatre & shows'),
  T('games', 'leisure', '游戏', 'Games'),
  T('streaming', 'leisure', '影音会员', 'Streaming & subscriptions'),
  T('music-streaming', 'leisure', '音乐会员', 'Music streaming'),
  T('books', 'leisure', '图书阅读', 'Books & reading'),
  T('photography', 'leisure', '摄影', 'Photography'),
  T('anime', 'leisure', '动漫二次元', 'Anime & comics'),
  T('fitness', 'sport', '健身', 'Fitness'),
  T('running', 'sport', '跑步', 'Running'),
  T('outdoor', 'sport', '户外', 'Outdoor'),
  T('yoga', 'sport', '瑜伽普拉提', 'Yoga & pilates'),
  T('cycling', 'sport', '骑行', 'Cycling'),
  T('swimming', 'sport', '游泳', 'Swimming'),
  T('skiing', 'sport', '滑雪', 'Skiing'),
  T('online-shopping', 'shopping', '网购', 'Online shopping'),
  T('group-buying', 'shopping', '拼团', 'Group-buying'),
  T('beauty', 'shopping', '美妆护肤', 'Beauty'),
  T('fashion', 'shopping', '服饰鞋包', 'Fashion'),
  T('gadgets', 'shopping', '数码电子', 'Digital gadgets'),
  T('home', 'family', '家居', 'Home & furniture'),
  T('pets', 'family', '宠物', 'Pets'),
  T('parenting', 'family', '母婴亲子', 'Parenting & baby'),
  T('gardening', 'family', '园艺绿植', 'Plants & gardening'),
  T('cars', 'travel', '汽车', 'Cars'),
  T('ev-charging', 'travel', '新能源充电', 'EV charging'),
  T('travel', 'travel', '旅行', 'Travel'),
  T('hotels', 'travel', '酒店住宿', 'Hotels'),
  T('flights', 'travel', '机票', 'Flights'),
  T('rail', 'travel', '火车高铁', 'Rail'),
  T('investing', 'finance', '投资理财', 'Investing & wealth', { transferSignal: true }),
  T('credit-pay', 'finance', '信用支付与分期', 'Credit pay & instalments'),
  T('insurance', 'finance', '保险', 'Insurance'),
  T('education', 'learning', '教育培训', 'Education'),
  T('languages', 'learning', '语言学习', 'Language learning'),
  T('knowledge', 'learning', '知识付费', 'Courses & knowledge'),
  T('commuting', 'everyday', '通勤交通', 'Commuting', { noise: true }),
  T('groceries', 'everyday', '买菜日用', 'Groceries', { noise: true }),
  T('utilities', 'everyday', '水电燃气', 'Utilities', { noise: true }),
  T('phone-topup', 'everyday', '话费充值', 'Phone top-ups', { noise: true }),
  T('convenience', 'everyday', '便利店', 'Convenience stores', { noise: true }),
  T('rent', 'everyday', '房租物业', 'Rent & property fees', { noise: true }),
  T('medical', 'private', '医疗', 'Medical', { sensitive: true }),
  T('pharmacy', 'private', '药店', 'Pharmacy', { sensitive: true }),
  T('health-insurance', 'private', '医保理赔', 'Health insurance claims', { sensitive: true }),
  T('debt', 'private', '借贷还款', 'Debt & loans', { sensitive: true }),
  T('gambling', 'private', '博彩', 'Gambling', { sensitive: true }),
  T('religion', 'private', '宗教', 'Religion', { sensitive: true }),
  T('politics', 'private', '政治', 'Politics', { sensitive: true }),
  T('adult', 'private', '成人', 'Adult', { sensitive: true }),
];

export const TOPIC_BY_ID: ReadonlyMap<string, Topic> = new Map(TOPICS.map((t) => [t.id, t]));

export function isSensitive(topicId: string): boolean {
  return TOPIC_BY_ID.get(topicId)?.sensitive === true;
}

export function isNoise(topicId: string): boolean {
  return TOPIC_BY_ID.get(topicId)?.noise === true;
}

export function topicName(topicId: string, locale: 'zh-CN' | 'en'): string {
  const topic = TOPIC_BY_ID.get(topicId);
  if (!topic) return topicId;
  return locale === 'en' ? topic.name.en : topic.name.zh;
}
