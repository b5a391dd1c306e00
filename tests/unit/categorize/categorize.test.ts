import { describe, expect, it } from 'vitest';
import { Categorizer, TOPICS, isSensitive, isNoise, tokenize, NaiveBayes } from '../../../src/core/categorize';

const row = (counterparty: string, description = '', extra: { mcc?: string; category?: string } = {}) => ({ counterparty, description, ...extra });

describe('taxonomy', () => {
  it('has 40–80 topics with unique ids and both names, and flags sensitive and noise topics', () => {
    expect(TOPICS.length).toBeGreaterThanOrEqual(40);
    expect(TOPICS.length).toBeLessThanOrEqual(80);
    expect(new Set(TOPICS.map((t) => t.id)).size).toBe(TOPICS.length);
    for (const t of TOPICS) expect(t.name.zh && t.name.en).toBeTruthy();
    for (const id of ['medical', 'pharmacy', 'health-insurance', 'debt', 'gambling', 'religion', 'politics', 'adult']) expect(isSensitive(id)).toBe(true);
    for (const id of ['commuting', 'groceries', 'utilities', 'phone-topup']) expect(isNoise(id)).toBe(true);
    expect(isSensitive('coffee')).toBe(false);
  });
});

describe('Categorizer', () => {
  const c = new Categorizer();
  it('knows zh and en brands from the merchant dictionary', () => {
    expect(c.categorize(row('瑞幸咖啡(人民广场店)'))).toEqual({ topic: 'coffee', signal: 'merchant' });
    expect(c.categorize(row('PLANET FITNESS #123')).topic).toBe('fitness');
    expect(c.categorize(row('TICKETMASTER')).topic).toBe('concerts');
    expect(c.categorize(row('TIM HORTONS #1234')).topic).toBe('coffee');
    expect(c.categorize(row('BEST BUY 00123')).topic).toBe('gadgets');
    expect(c.categorize(row('盒马鲜生')).topic).toBe('groceries');
    expect(c.categorize(row('Steam Purchase')).topic).toBe('games');
  });
  it('prefers the longest merchant name: 美团外卖 is delivery, not the generic 美团', () => {
    expect(c.categorize(row('美团外卖')).topic).toBe('food-delivery');
  });
  it('falls back to keywords, then MCC, then the source category', () => {
    expect(c.categorize(row('某某小店', '燕麦拿铁 大杯'))).toEqual({ topic: 'coffee', signal: 'keyword' });
    expect(c.categorize(row('XYZ LLC', '', { mcc: '7997' }))).toEqual({ topic: 'fitness', signal: 'mcc' });
    expect(c.categorize(row('张三', '', { category: '宠物' }))).toEqual({ topic: 'pets', signal: 'source' });
    expect(c.categorize(row('QWERTY', 'zzz'))).toEqual({ topic: null, signal: null });
  });
  it('treats investing transfers as investing', () => {
    expect(c.categorize(row('余额宝', '余额宝转入')).topic).toBe('investing');
    expect(c.categorize(row('天天基金网', '基金申购')).topic).toBe('investing');
  });
  it('puts user rules above every built-in signal and applies them to past rows (cache cleared)', () => {
    const cat = new Categorizer();
    expect(cat.categorize(row('星巴克')).topic).toBe('coffee');
    cat.setRules([{ id: 'r1', match: 'counterparty', pattern: '星巴克', topic: 'books', createdAt: '2026-01-01' }]);
    expect(cat.categorize(row('星巴克'))).toEqual({ topic: 'books', signal: 'rule' });
    cat.setRules([{ id: 'r2', match: 'contains', pattern: 'aurora', topic: 'photography', createdAt: '2026-01-01' }]);
    expect(cat.categorize(row('Aurora Studio', 'prints')).topic).toBe('photography');
  });
  it('learns from corrections to guess unknown merchants with the naive-Bayes model', () => {
    const cat = new Categorizer();
    expect(cat.categorize(row('Zephyr Climbing Wall')).signal).not.toBe('rule');
    for (const name of ['Zephyr Bouldering', 'Zephyr Crag']) {
      const rule = { id: name, match: 'counterparty' as const, pattern: name, topic: 'outdoor', createdAt: '2026-01-01' };
      cat.learnCorrection(rule, name);
    }
    expect(cat.categorize(row('Zephyr Boulder East'))).toEqual({ topic: 'outdoor', signal: 'model' });
  });
});

describe('naive Bayes', () => {
  it('tokenises latin words and CJK bigrams', () => {
    expect(tokenize('Blue Bottle 咖啡馆')).toEqual(['blue', 'bottle', '咖啡', '啡馆']);
  });
  it('predicts the class whose tokens it saw, and null for unseen text', () => {
    const nb = new NaiveBayes();
    nb.learn('cat food kibble', 'pets');
    nb.learn('guitar strings', 'concerts');
    expect(nb.predict('premium kibble')?.topic).toBe('pets');
    expect(nb.predict('qqq')).toBeNull();
  });
});
